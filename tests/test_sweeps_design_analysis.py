"""Analysis that uses the design: paired differences, bounded intervals, n on figures, Sobol
flags and PRIM scenario discovery."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import zelflerendestad as zs
from zelflerendestad.sweeps.analysis import analyze
from zelflerendestad.sweeps.analysis.aggregate import aggregate_points, profile
from zelflerendestad.sweeps.analysis.data import AnalysisError
from zelflerendestad.sweeps.analysis.discovery import discover
from zelflerendestad.sweeps.analysis.plots import runs_note
from zelflerendestad.sweeps.analysis.sensitivity import flag_indices

from .sweep_helpers import SPEC


def test_analyze_reports_paired_differences_and_warns_of_few_replications(tmp_path):
    spec = {**SPEC, "weeks": 10, "replications": 3, "fixed": {"city.residents": 150},
            "parameters": {"municipality.vertical_share": [0.2, 0.8]}}
    zs.sweep(spec, out=tmp_path / "s", workers=1, progress=False, say=lambda s: None)
    written = analyze(tmp_path / "s", discover=["engaged_share_final > 0.05"])
    paired = pd.read_csv(tmp_path / "s" / "analysis" / "paired.csv")
    assert set(paired["n_pairs"]) == {3} and set(paired["point_id"]) == {1}
    assert {"mean_diff", "lo", "hi", "p_paired", "p_unpaired"} <= set(paired.columns)
    agg = pd.read_csv(tmp_path / "s" / "analysis" / "aggregates.csv")
    for col in [c for c in agg.columns if c.endswith(("_lo", "_hi")) and "share" in c]:
        assert agg[col].dropna().between(0, 1).all(), col
    summary = (tmp_path / "s" / "analysis" / "summary.md").read_text()
    assert "Paired differences" in summary and "3 replication(s) per point" in summary
    assert "Scenario discovery" in summary and tmp_path / "s" / "analysis" / "discovery.csv" \
        in written


def test_intervals_of_shares_stay_within_zero_and_one():
    runs = pd.DataFrame({"point_id": [0, 0, 0, 1, 1, 1], "status": "ok",
                         "x": [0.1, 0.1, 0.1, 0.9, 0.9, 0.9],
                         "share": [0.0, 0.0, 0.09, 0.95, 1.0, 1.0],
                         "count": [0.0, 0.0, 9.0, 95.0, 100.0, 100.0]})
    points = pd.DataFrame({"point_id": [0, 1], "x": [0.1, 0.9]})
    agg = aggregate_points(runs, points, ["x"], ["share", "count"])
    assert (agg["share_lo"] >= 0).all() and (agg["share_hi"] <= 1).all()
    assert agg.loc[0, "count_lo"] < 0  # an unbounded outcome keeps its t-interval
    prof = profile(runs, "x", "share")
    assert prof["lo"].between(0, 1).all() and prof["hi"].between(0, 1).all()


def test_figures_say_n_and_warn_when_too_few():
    assert runs_note([2, 2], 5, "95% interval") == \
        "n = 2 runs per point; WARNING: too few for a 95% interval (needs >= 5)"
    assert runs_note([10, 12], 10, "90% band") == "n = 10-12 runs per point"


def test_sobol_rows_outside_the_unit_interval_or_wide_are_flagged():
    table = pd.DataFrame({"outcome": "y", "parameter": ["a", "b", "c"],
                          "S1": [0.4, -0.3, 0.1], "S1_conf": [0.05, 0.05, 0.5],
                          "ST": [0.5, 0.2, 1.4], "ST_conf": [0.05, 0.05, 0.1]})
    notes: list[str] = []
    flagged = flag_indices(table, notes)
    assert flagged["flag"].tolist() == ["", "S1 outside [0, 1]",
                                        "S1 interval wide (+/-0.50); ST outside [0, 1]"]
    assert notes and "2 of 3 Sobol rows are flagged" in notes[0]


def test_prim_finds_the_box_where_the_condition_holds():
    rng = np.random.default_rng(0)
    runs = pd.DataFrame({"a": rng.random(400), "b": rng.random(400), "status": "ok",
                         "label": "x"})
    runs["alive"] = ((runs.a > 0.6) & (runs.b < 0.5)).astype(int)
    box = discover(runs, ["a", "b", "label"], "alive > 0")
    limits = box.limits.set_index("parameter")
    assert limits.loc["a", "min"] == pytest.approx(0.6, abs=0.05)
    assert limits.loc["b", "max"] == pytest.approx(0.5, abs=0.08)
    assert box.density > 0.9 and box.coverage > 0.9
    assert box.base_rate == pytest.approx(runs["alive"].mean())
    with pytest.raises(AnalysisError, match="cannot evaluate"):
        discover(runs, ["a", "b"], "no_such_outcome > 0")
    with pytest.raises(AnalysisError, match="nothing to discover"):
        discover(runs, ["a", "b"], "alive > 5")
