"""The virtual laboratory: experiment specs, branched paired arms, paired differences, CLI."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml

from zelflerendestad.config import ConfigError
from zelflerendestad.lab.analysis import interval, paired_differences
from zelflerendestad.lab.command import ExperimentError, run_experiment
from zelflerendestad.lab.runner import run_seed
from zelflerendestad.lab.spec import load_experiment
from zelflerendestad.model import CityModel

from .conftest import cli, small_config

SPEC = {
    "name": "tiny", "set": {"city.residents": 300, "city.neighbourhoods": 3},
    "seeds": [1, 2, 3], "burn_in": 4,
    "phases": [{"name": "baseline", "weeks": 2}, {"name": "treatment", "weeks": 4},
               {"name": "removal", "weeks": 3}],
    "groups": {"treated": {"neighbourhoods": [0]}, "control": {"neighbourhoods": [1, 2]}},
    "arms": {"reference": {}, "paid": {"events": [
        {"phase": "treatment", "event": "payment_offer", "amount": 1.0, "group": "treated"},
        {"phase": "removal", "event": "payment_stop"}]}},
    "outcomes": ["engaged", "felt_control"],
}


def write(tmp_path, spec=SPEC):
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def test_a_copied_model_continues_bit_for_bit():
    m = CityModel(small_config(), seed=5)
    m.run(3)
    twin = copy.deepcopy(m)
    m.run(4)
    twin.run(4)
    assert np.array_equal(m.residents.engaged, twin.residents.engaged)
    assert np.array_equal(m.residents.motivation, twin.residents.motivation)


def test_branched_arms_are_identical_until_the_treatment_and_differ_where_treated(tmp_path):
    spec, configs = load_experiment(write(tmp_path))
    rows = run_seed(spec, configs, 1)
    by = {(r["arm"], r["group"], r["week"]): r for r in rows}
    for week in (5, 6):  # baseline: nothing has happened yet in either arm
        for g in ("treated", "control"):
            assert by[("paid", g, week)] == {**by[("reference", g, week)], "arm": "paid"}
    assert by[("paid", "treated", 7)]["felt_control"] > 0  # fired at the end of week 6
    assert by[("reference", "treated", 7)]["felt_control"] == 0
    assert {r["phase"] for r in rows} == {"baseline", "treatment", "removal"}


def test_paired_differences_by_hand():
    rows = [{"seed": s, "arm": a, "group": "g", "phase": "p", "week": 1, "y": v}
            for s, a, v in [(1, "ref", 0.1), (1, "arm", 0.3), (2, "ref", 0.2), (2, "arm", 0.3)]]
    [d] = paired_differences(rows, ["ref", "arm"], ["y"])
    assert d["difference"] == pytest.approx(0.15)
    mean, lo, hi = interval(np.array([0.2, 0.1]))
    half = 12.706 * 0.0707107 / np.sqrt(2)  # t(0.975, 1) x sd / sqrt(n)
    assert (lo, hi) == (pytest.approx(mean - half, rel=1e-3), pytest.approx(mean + half, rel=1e-3))


@pytest.mark.parametrize(("change", "where"), [
    ({"arms": {"a": {}, "b": {"events": [{"phase": "nope", "event": "payment_stop"}]}}},
     "phase 'nope'"),
    ({"arms": {"a": {}, "b": {"events": [{"phase": "baseline", "event": "payment_offer",
                                          "amount": 3}]}}}, "arms.b.events.0"),
    ({"arms": {"a": {}, "b": {"set": {"city.residents": -1}}}}, "city.residents"),
    ({"phasess": []}, "phasess"),
])
def test_a_bad_spec_names_the_key(tmp_path, change, where):
    with pytest.raises(ConfigError, match=where.replace(".", r"\.")):
        load_experiment(write(tmp_path, {**SPEC, **change}))


def test_the_experiment_resumes_and_reports(tmp_path):
    spec = write(tmp_path)
    out = tmp_path / "out"
    diffs = run_experiment(spec, out)
    treated = {d["phase"]: d for d in diffs
               if d["group"] == "treated" and d["outcome"] == "felt_control"}
    assert treated["baseline"]["difference"] == 0.0
    assert treated["treatment"]["low"] > 0
    stamp = (out / "rows" / "seed-2.parquet").stat().st_mtime_ns
    (out / "rows" / "seed-3.parquet").unlink()  # as if interrupted before seed 3
    with pytest.raises(ExperimentError, match="add --resume"):
        run_experiment(spec, out)
    again = run_experiment(spec, out, resume=True)
    assert (out / "rows" / "seed-2.parquet").stat().st_mtime_ns == stamp
    assert again == diffs and "treated" in (out / "differences.md").read_text()


def test_cli_bad_spec_exits_2_without_traceback(tmp_path):
    bad = write(tmp_path, {**SPEC, "seeds": [1]})
    res = cli("experiment", str(bad), "--out", str(tmp_path / "o"))
    assert res.returncode == 2 and "seeds" in res.stderr and "Traceback" not in res.stderr
