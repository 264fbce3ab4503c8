"""The step timer: it times every mechanism of the step, and costs nothing when off."""

from __future__ import annotations

import itertools

import numpy as np

from zelflerendestad.model import PHASES, CityModel
from zelflerendestad.run.profiling import StepTimer

from .conftest import cli, small_config


def test_step_runs_exactly_its_phases_in_order():
    m = CityModel(small_config(), seed=3)
    called: list[str] = []
    for name in PHASES:
        method = getattr(m, name)
        setattr(m, name, lambda name=name, method=method: (called.append(name), method()))
    m.step()
    assert called == list(PHASES)
    assert PHASES[0] == "spend_officials_time" and PHASES[-1] == "record"


def test_timer_adds_up_each_mechanism_and_the_shares_sum_to_one():
    ticks = itertools.count()
    m = CityModel(small_config(), seed=3)
    timer = StepTimer(m, clock=lambda: float(next(ticks)))
    m.run(4)
    assert timer.steps == 4
    assert all(timer.seconds[name] > 0 for name in PHASES)
    assert abs(sum(timer.shares().values()) - 1) < 1e-9
    assert "update_engagement" in timer.report()


def test_timer_off_leaves_the_model_untouched_and_results_identical():
    plain = CityModel(small_config(), seed=3)
    assert not set(PHASES) & set(vars(plain))  # nothing wrapped
    timed = CityModel(small_config(), seed=3)
    timer = StepTimer(timed)
    plain.run(10)
    timed.run(10)
    a, b = plain.recorder.arrays(), timed.recorder.arrays()
    assert a.keys() == b.keys()
    assert all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)
    timer.remove()
    assert not set(PHASES) & set(vars(timed))


def test_run_profile_prints_the_share_per_mechanism(tmp_path):
    r = cli("run", "configs/default.yaml", "--weeks", "5", "--set", "city.residents=300",
            "--profile", "--out", str(tmp_path / "p"))
    assert r.returncode == 0, r.stderr
    assert "CPU time per mechanism" in r.stdout
    for name in ("update_engagement", "learn", "record", "step (total)"):
        assert name in r.stdout
