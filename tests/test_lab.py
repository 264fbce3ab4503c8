"""The virtual laboratory: experiment specs, branched paired arms, paired differences, CLI."""

from __future__ import annotations

import copy
import csv
import shutil

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from zelflerendestad.cli import app
from zelflerendestad.config import ConfigError
from zelflerendestad.lab.analysis import interval, paired_differences
from zelflerendestad.lab.command import ExperimentError, run_experiment
from zelflerendestad.lab.report import read_folder
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


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """The tiny experiment run once to the end: (spec, folder, differences); copy to change."""
    tmp = tmp_path_factory.mktemp("lab")
    spec = write(tmp)
    return spec, tmp / "out", run_experiment(spec, tmp / "out")


def copied(finished, tmp_path):
    return shutil.copytree(finished[1], tmp_path / "out")


def test_the_experiment_resumes_and_reports(finished, tmp_path):
    spec, _, diffs = finished
    out = copied(finished, tmp_path)
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


def analyze(*args):
    return CliRunner().invoke(app, ["analyze", *map(str, args)])


def read_csv(path):
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def test_analyze_reports_a_finished_experiment_as_the_experiment_did(finished, tmp_path):
    spec, out, diffs = finished
    found = read_folder(out)  # the design is read back from the rows, without the spec
    assert (found.arms, found.outcomes, found.missing) == (["reference", "paid"],
                                                           SPEC["outcomes"], [])
    res = analyze(out, "--out", tmp_path / "a")
    assert res.exit_code == 0, res.output
    assert "unfinished" not in res.stderr and "wrote 3 files" in res.stdout
    got = tmp_path / "a"
    assert (got / "differences.md").read_text() == (out / "differences.md").read_text()
    table = read_csv(got / "differences.csv")
    assert table == read_csv(out / "differences.csv")
    assert [float(r["difference"]) for r in table] == pytest.approx(
        [d["difference"] for d in diffs], nan_ok=True)
    text = (got / "summary.md").read_text()
    assert "seeds recorded: 3 of 3" in text and "paid against the reference reference" in text
    assert "treatment (weeks 7–10)" in text and "Unfinished" not in text


def test_analyze_an_unfinished_experiment_reports_what_finished_and_how_to_resume(
        finished, tmp_path):
    spec, _, diffs = finished
    out = copied(finished, tmp_path)
    (out / "rows" / "seed-3.parquet").unlink()
    res = analyze(out)
    assert res.exit_code == 0, res.output
    assert "2 of 3 seeds recorded, 1 missing (3)" in res.stderr
    assert f"zelflerendestad experiment {spec} --out {out} --resume" in res.stderr
    assert "**Unfinished.**" in (out / "analysis" / "summary.md").read_text()
    table = read_csv(out / "analysis" / "differences.csv")
    assert {r["seeds"] for r in table} == {"2"} and len(table) == len(diffs)
    for seed in (1, 2):
        (out / "rows" / f"seed-{seed}.parquet").unlink()
    res = analyze(out, "--out", tmp_path / "b")
    assert res.exit_code == 2 and "holds no finished seed" in res.stderr
    assert "--resume" in res.stderr and not (tmp_path / "b").exists()
    assert isinstance(res.exception, SystemExit)  # a message, no traceback


def test_analyze_refuses_a_folder_it_cannot_analyse(finished, tmp_path):
    _, out, _ = finished
    (tmp_path / "empty").mkdir()
    single = tmp_path / "single"
    single.mkdir()
    (single / "manifest.json").write_text('{"seed": 1}')
    for folder, says in [(tmp_path / "empty", "not a sweep or experiment folder"),
                         (tmp_path / "nowhere", "not a sweep or experiment folder"),
                         (single, "single run's folder")]:
        res = analyze(folder)
        assert res.exit_code == 2 and says in res.stderr, res.output
        assert isinstance(res.exception, SystemExit)
    res = analyze(out, "--outcome", "engagd", "--out", tmp_path / "x")
    assert res.exit_code == 2 and "recorded: engaged, felt_control" in res.stderr
    res = analyze(out, "--discover", "engaged > 0", "--out", tmp_path / "x")
    assert res.exit_code == 2 and "--discover is for sweeps" in res.stderr


def test_cli_bad_spec_exits_2_without_traceback(tmp_path):
    bad = write(tmp_path, {**SPEC, "seeds": [1]})
    res = cli("experiment", str(bad), "--out", str(tmp_path / "o"))
    assert res.returncode == 2 and "seeds" in res.stderr and "Traceback" not in res.stderr
