"""Pattern-oriented calibration: priors from the schema, pattern tests, measures, the pipeline."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml

from zelflerendestad.calibration import report
from zelflerendestad.calibration.__main__ import main
from zelflerendestad.calibration.engine import Calibration, evaluate_store
from zelflerendestad.calibration.measures import dissolution_rate_ratio
from zelflerendestad.calibration.patterns import evaluate
from zelflerendestad.calibration.priors import factors, field_info
from zelflerendestad.calibration.probes import expand_repeats, probe_raw
from zelflerendestad.calibration.spec import Arm, Free, Pattern, load_spec
from zelflerendestad.config import load_config
from zelflerendestad.config.loading import ConfigError
from zelflerendestad.config.params import bounds
from zelflerendestad.sweeps.store import SweepStore

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "experiments" / "calibration" / "spec.yaml"


def _pattern(kind: str, than: object = "b", band: list | None = None) -> Pattern:
    return Pattern.model_validate({
        "id": "p", "title": "t", "citation": "c", "finding": "f", "confirmed": "c",
        "band_basis": "b", "use": "calibrate", "probe": "x", "measure": "adoption",
        "test": {"kind": kind, "arm": "a", "than": than, "band": band}})


def test_design_stays_inside_the_schema_bounds_and_choices():
    spec, base, _ = load_spec(SPEC)
    cal = Calibration.build(spec.reduce(), base, SPEC)
    for f in factors(spec.free):
        info = field_info(f.name)
        if f.categorical:
            assert set(f.values) <= set(typing.get_args(info.annotation))
            assert {p[f.name] for p in cal.design.points} <= set(f.values)
            continue
        lo, hi = bounds(info)
        assert lo <= f.low < f.high <= hi
        assert all(f.low <= p[f.name] <= f.high for p in cal.design.points)


def _spec_with(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(SPEC.read_text())
    data["base"] = str(ROOT / "configs" / "default.yaml")
    change(data)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_prior_outside_the_schema_bounds_is_a_spec_error(tmp_path):
    def widen(d):
        d["free"][3] = {"name": "engagement.threshold_mean", "prior": [0.0, 4.0],
                        "why": "a deliberately wrong prior"}
    spec, base, _ = load_spec(_spec_with(tmp_path, widen))
    with pytest.raises(ConfigError, match="must lie inside the schema's bounds"):
        Calibration.build(spec, base, tmp_path / "spec.yaml")


def test_a_choice_prior_narrows_to_a_subset_of_the_schema_choices(tmp_path):
    assert factors([Free(name="engagement.contagion", prior=["complex"],
                         why="only complex contagion")])[0].values == ("complex",)

    def wrong(d):
        d["free"][0] = {"name": "engagement.contagion", "prior": ["viral"],
                        "why": "a deliberately wrong choice"}
    spec, base, _ = load_spec(_spec_with(tmp_path, wrong))
    with pytest.raises(ConfigError, match="subset of the schema's choices"):
        Calibration.build(spec, base, tmp_path / "spec.yaml")


def test_misspelt_names_are_reported_with_a_suggestion(tmp_path):
    def typos(d):
        d["free"][1] = "engagement.word_of_mouth_rat"
        d["patterns"][0]["measure"] = "free_ridng"
        d["patterns"][0]["test"]["than"] = "own_rule"
    with pytest.raises(ConfigError) as err:
        load_spec(_spec_with(tmp_path, typos))
    text = err.value.render()
    for hint in ("engagement.word_of_mouth_rate", "`free_riding`", "`own_rules`"):
        assert hint in text


def test_bad_spec_exits_2_without_traceback(tmp_path):
    path = _spec_with(tmp_path, lambda d: d["patterns"][0].update(probe="nowhere"))
    r = subprocess.run([sys.executable, "-m", "zelflerendestad.calibration", str(path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "no such probe" in r.stderr and "Traceback" not in r.stderr


def test_main_returns_2_for_a_bad_spec_and_writes_nothing(tmp_path, capsys):
    path = _spec_with(tmp_path, lambda d: d["free"].append("engagement.no_such_key"))
    code = main([str(path), "--docs", str(tmp_path / "c.md"), "--accepted",
                 str(tmp_path / "a.yaml"), "--results", str(tmp_path / "r.json")])
    assert code == 2 and "no_such_key" in capsys.readouterr().err
    assert not (tmp_path / "c.md").exists()


def test_greater_ratio_and_unmeasurable_verdicts():
    stats = {("x", "a", "adoption"): 0.54, ("x", "b", "adoption"): 0.38}
    assert evaluate(_pattern("greater"), stats).passed
    assert not evaluate(_pattern("greater", than="a"), stats).passed  # not strictly greater
    assert evaluate(_pattern("ratio", band=[1.2, 1.7]), stats).value == pytest.approx(0.54 / 0.38)
    assert not evaluate(_pattern("ratio", band=[1.5, 1.7]), stats).passed
    missing = evaluate(_pattern("greater"), {("x", "a", "adoption"): 0.5})
    assert not missing.measurable and not missing.passed
    assert evaluate(_pattern("greater", than=0.5), stats).passed


def test_dissolution_rate_ratio_by_hand():
    # few principles: 2 dissolutions in 10 weeks at risk; more: 1 in 20 -> (2/10) / (1/20) = 4
    rows = [{"n": [1, 1, 5], "time": [4.0, 6.0, 10.0], "event": [1, 1, 0]},
            {"n": [6], "time": [10.0], "event": [1]}]
    assert dissolution_rate_ratio(rows) == pytest.approx(4.0)
    assert math.isnan(dissolution_rate_ratio([{"n": [3], "time": [5.0], "event": [1]}]))


def test_repeats_expand_and_free_parameters_go_last():
    arm = Arm.model_validate({"config": {"engagement": {"word_of_mouth_rate": 0.9}},
                              "repeat": [{"event": "rules_imposed", "every": 4, "start": 4}]})
    assert [e["week"] for e in expand_repeats(arm, 13)] == [4, 8, 12]
    raw = probe_raw({"run": {"weeks": 10}}, {}, arm, {"engagement.word_of_mouth_rate": 0.1})
    assert raw["engagement"]["word_of_mouth_rate"] == 0.1  # a probe cannot set the behaviour
    assert len(raw["interventions"]) == 2


@pytest.fixture(scope="module")
def reduced(tmp_path_factory):
    """The real spec's reduced run, end to end, into a temporary folder."""
    out = tmp_path_factory.mktemp("calibration")
    paths = {"docs": out / "calibration.md", "accepted": out / "accepted.yaml",
             "results": out / "results.json"}
    args = [sys.executable, "-m", "zelflerendestad.calibration", str(SPEC), "--reduced",
            "--quiet", "--store", str(out / "store")] + [
                x for k, v in paths.items() for x in (f"--{k}", str(v))]
    first = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=ROOT)
    batches = sorted((out / "store").rglob("runs/batch-*.parquet"))
    results = paths["results"].read_text() if paths["results"].exists() else ""
    second = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=ROOT)
    return out, paths, first, (second, batches, results)


def test_reduced_run_writes_report_accepted_file_and_results(reduced):
    out, paths, first, _ = reduced
    assert first.returncode == 0, first.stderr
    res = json.loads(paths["results"].read_text())
    assert res["runs"] > 0 and res["failed_runs"] == 0
    rows = (out / "points.csv").read_text().splitlines()
    assert len(rows) == 1 + res["design"]["points"] and "centola2010_clustering:passed" in rows[0]
    assert {p["id"] for p in res["patterns"]} >= {"centola2010_clustering", "cox2010_principles"}
    text = paths["docs"].read_text()
    for heading in ("## Patterns and bands", "## Posterior ranges", "## Held-out prediction"):
        assert heading in text
    user = out / "user.yaml"
    user.write_text(f"extends: {paths['accepted'].name}\nmeta: {{name: mine}}\n")
    cfg = load_config(user)
    assert cfg.meta.name == "mine"
    rep = res["representative"]
    if rep is not None:  # the accepted set is what the config gets
        key, value = next(iter(res["accepted_sets"][str(rep)].items()))
        section, *rest = key.split(".")
        node = getattr(cfg, section)
        for part in rest:
            node = getattr(node, part)
        assert node == value


def test_later_stages_run_only_where_earlier_patterns_held(reduced):
    out, paths, _, _ = reduced
    spec, base, _ = load_spec(SPEC)
    cal = Calibration.build(spec.reduce(), base, SPEC)
    store = SweepStore(next((out / "store").iterdir()))
    o = evaluate_store(cal, store)
    for i, v in enumerate(o.verdicts):
        assert ("commons_lab" in o.ran[i]) == v["centola2010_clustering"].passed


def test_rerun_resumes_without_running_again(reduced):
    out, paths, _, (second, batches, results) = reduced
    assert second.returncode == 0, second.stderr
    assert sorted((out / "store").rglob("runs/batch-*.parquet")) == batches  # nothing new ran
    before, after = json.loads(results), json.loads(paths["results"].read_text())
    assert before["patterns"] == after["patterns"] and before["runs"] == after["runs"]


def test_committed_report_matches_committed_results():
    res = json.loads((ROOT / "experiments" / "calibration" / "results.json").read_text())
    assert (ROOT / "docs" / "calibration.md").read_text() == report.markdown(res)


def test_evaluate_rewrites_the_report_from_recorded_runs_without_running(reduced):
    out, paths, _, (_, batches, results) = reduced
    folder = next((out / "store").iterdir())
    r = subprocess.run([sys.executable, "-m", "zelflerendestad.calibration", str(SPEC),
                        "--reduced", "--quiet", "--evaluate", str(folder), "--docs",
                        str(out / "again.md"), "--accepted", str(out / "again.yaml"),
                        "--results", str(out / "again.json")],
                       capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert sorted((out / "store").rglob("runs/batch-*.parquet")) == batches
    again = json.loads((out / "again.json").read_text())
    assert again["patterns"] == json.loads(results)["patterns"]
    wrong = subprocess.run([sys.executable, "-m", "zelflerendestad.calibration", str(SPEC),
                            "--quiet", "--evaluate", str(folder),  # full spec, reduced runs
                            "--docs", str(out / "x.md"), "--accepted", str(out / "x.yaml"),
                            "--results", str(out / "x.json")],
                           capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert wrong.returncode == 2 and "different design" in wrong.stderr


def test_points_reports_on_the_first_points_of_the_same_store(reduced):
    out, _, _, (_, batches, results) = reduced
    folder = next((out / "store").iterdir())
    r = subprocess.run([sys.executable, "-m", "zelflerendestad.calibration", str(SPEC),
                        "--reduced", "--quiet", "--points", "2", "--evaluate", str(folder),
                        "--docs", str(out / "two.md"), "--accepted", str(out / "two.yaml"),
                        "--results", str(out / "two.json")],
                       capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    two, full = json.loads((out / "two.json").read_text()), json.loads(results)
    assert two["design"] == {"type": "lhs", "points": 2, "samples": 3}
    assert two["runs_planned"] == full["runs_planned"] * 2 // 3
    assert "(the first 2 of 3: a stopped run" in (out / "two.md").read_text()
    assert main([str(SPEC), "--reduced", "--points", "4", "--results", str(out / "x.json")]) == 2
