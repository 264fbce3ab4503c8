"""March docking: the fast checks, and the limit being March's special case."""

import pytest

from zelflerendestad.model import CityModel
from zelflerendestad.verification import march
from zelflerendestad.verification.common import limit_config


@pytest.mark.parametrize("name", list(march.CHECKS))
def test_fast_check_passes(name):
    fn, _, fast = march.CHECKS[name]
    check = fn(fast)
    assert check.passed, check.tables


def test_march_limit_has_full_vertical_and_horizontal_intensity():
    m = CityModel(limit_config(march.overrides(0.3, 0.7)), seed=0)
    m.step()
    assert (m.municipality.V, m.municipality.H) == (1.0, 1.0)
    assert m.residents.n == 50 and m.reality.size == 30


def test_runs_end_when_nothing_can_change():
    knowledge, share, weeks, ok = march.run_to_equilibrium(
        limit_config(march.overrides(0.9, 0.9)), seed=1)
    assert ok and 0 < weeks < 100
    assert -1 <= knowledge <= 1 and knowledge <= 2 * share - 1 + 1e-9


def test_reference_table_is_the_issues():
    assert march.REFERENCE[0.1][0] == pytest.approx(0.863, abs=5e-4)
    assert march.REFERENCE[0.9][8] == pytest.approx(0.728, abs=5e-4)
