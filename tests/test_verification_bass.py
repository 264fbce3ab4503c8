"""Bass docking: the fast version of every check, and the helpers they rest on."""

import numpy as np
import pytest

from zelflerendestad.config.loading import validate_mapping
from zelflerendestad.verification import bass
from zelflerendestad.verification.common import limit_config


@pytest.mark.parametrize("name", list(bass.CHECKS))
def test_fast_check_passes(name):
    fn, _, fast = bass.CHECKS[name]
    check = fn(fast)
    assert check.passed, check.figures


def test_recurrence_with_q0_is_pure_broadcast():
    assert np.allclose(bass.recurrence(0.03, 0.0, 20), 1 - 0.97 ** np.arange(21))


def test_closed_form_peaks_where_bass_says():
    t = np.linspace(0, 30, 30001)
    F = bass.closed_form(t, bass.P, bass.Q)
    rate = np.gradient(F, t)
    peak = np.log(bass.Q / bass.P) / (bass.P + bass.Q)
    assert F[0] == 0 and abs(t[np.argmax(rate)] - peak) < 1e-2


def test_fit_q_recovers_q_from_an_exact_curve():
    assert abs(bass.fit_q(bass.recurrence(0.03, 0.25, 40), 0.03) - 0.25) < 1e-3


def test_ring_lattice_clustering_matches_theory():
    cfg = limit_config(bass.overrides(0.0, 0.0, 500, network={"type": "ring", "rewire": 0.0}))
    assert abs(bass.clustering(cfg, 0) - 3 * 6 / (4 * 7)) < 1e-9  # 3(k-2)/(4(k-1)), k = 8


def test_bass_limit_is_a_plain_config():
    cfg = limit_config(bass.overrides(0.03, 0.38, 100))
    same = validate_mapping(cfg.model_dump(mode="json"))
    assert same == cfg and cfg.network.type == "fully_mixed"
