"""Motivation crowding moves motivation in the documented direction, with hysteresis."""

from __future__ import annotations

import numpy as np
import pytest

from tests.commons_helpers import small_config
from zelflerendestad import crowding
from zelflerendestad.config.crowding_schema import CrowdingSettings
from zelflerendestad.run.runner import run_one

S = CrowdingSettings()


def simulate(weeks_on: tuple[int, int], total: int, base0: np.ndarray,
             s: CrowdingSettings = S, recognition: float = 0.0) -> np.ndarray:
    """Motivation of residents with prior motivation `base0` under enforcement in weeks_on."""
    m, b, f = base0.copy(), base0.copy(), np.zeros_like(base0)
    engaged = np.ones(base0.size, dtype=bool)
    none = np.zeros(base0.size, dtype=bool)
    path = []
    for week in range(total):
        on = weeks_on[0] <= week < weeks_on[1]
        pressure = crowding.control_pressure(engaged, none, False, on, s)
        f = crowding.update_felt_control(f, pressure, s)
        m, b = crowding.crowd_motivation(m, b, f, np.full(base0.size, recognition), s)
        path.append(m.copy())
    return np.array(path)


def test_control_crowds_out_the_motivated_and_not_the_unmotivated():
    path = simulate((10, 110), 110, np.array([0.8, 0.1]))
    assert path[-1, 0] < 0.8 - 0.05, "high prior motivation is crowded out"
    assert path[-1, 1] >= 0.1, "low prior motivation (low-interest task) is not crowded out"


def test_recognition_crowds_in():
    path = simulate((0, 0), 100, np.array([0.5]), recognition=1.0)
    assert path[-1, 0] > 0.55


def test_hysteresis_after_the_instrument_ends():
    path = simulate((10, 110), 400, np.array([0.8]))[:, 0]
    low = path[109]
    assert path[160] < 0.8 - 0.5 * (0.8 - low), "not half-way back 50 weeks after the end"
    assert path[-1] < 0.8 - 0.01, "part of the loss stays (reframing)"
    fall = np.argmax(path[10:] < 0.8 - 0.5 * (0.8 - low))
    rise = np.argmax(path[110:] > 0.8 - 0.5 * (0.8 - low))
    assert rise > fall, "recovery is slower than the decline"


def test_no_hysteresis_when_its_sources_are_switched_off():
    s = CrowdingSettings(fade=S.rise, reframing=0.0)
    path = simulate((10, 110), 400, np.array([0.8]), s)[:, 0]
    assert abs(path[-1] - 0.8) < 0.01


def test_felt_control_rises_faster_than_it_fades():
    f = crowding.update_felt_control(np.zeros(1), np.ones(1), S)
    g = crowding.update_felt_control(np.ones(1), np.zeros(1), S)
    assert f[0] > 1 - g[0]


def test_enforcement_lowers_intrinsic_motivation_in_the_model():
    base = run_one(small_config(weeks=80, seed=7)).timeseries
    fined = run_one(small_config(weeks=80, seed=7, interventions=[
        {"week": 10, "event": "enforcement_start"}])).timeseries
    m0 = base.column("intrinsic_motivation").to_numpy()
    m1 = fined.column("intrinsic_motivation").to_numpy()
    assert m1[:10] == pytest.approx(m0[:10])
    assert m1[-1] < m0[-1] - 0.02
    assert fined.column("felt_control").to_numpy()[-1] > 0.1


def test_crowding_off_leaves_motivation_alone():
    ts = run_one(small_config(weeks=40, seed=7, crowding={"enabled": False}, interventions=[
        {"week": 5, "event": "enforcement_start"}])).timeseries
    assert ts.column("felt_control").to_numpy().max() == 0.0
