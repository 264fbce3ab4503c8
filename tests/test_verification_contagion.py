"""Centola & Macy docking: the fast checks and how a spread run ends."""

import numpy as np
import pytest

from zelflerendestad.verification import contagion
from zelflerendestad.verification.common import limit_config


@pytest.mark.parametrize("name", list(contagion.CHECKS))
def test_fast_check_passes(name):
    fn, _, fast = contagion.CHECKS[name]
    check = fn(fast)
    assert check.passed, check.tables


def test_complex_contagion_on_a_random_network_stops_early():
    reach, half, weeks = contagion.run_spread(
        limit_config(contagion.overrides(1.0, 2, 1.0, 1000)), seed=0)
    assert reach < 0.05 and np.isnan(half) and weeks < contagion.MAX_WEEKS


def test_summary_hides_time_to_half_when_most_runs_never_get_there():
    runs = np.array([[1.0, 10.0, 20], [0.1, np.nan, 5], [0.1, np.nan, 5]])
    s = contagion.summarise(runs)
    assert np.isnan(s["time to half (median)"]) and s["share reaching half"] == pytest.approx(1 / 3)
