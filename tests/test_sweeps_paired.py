"""Paired (same-seed) differences: tighter than the unpaired comparison when seeds matter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zelflerendestad.sweeps.analysis.paired import paired_differences


def _runs(shift: float, noise: float, n: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(0)
    seed_effect = rng.normal(0, 1, n)  # what a seed does to every point alike
    rows = [{"run_id": p * n + r, "point_id": p, "replication": r, "seed": 100 + r,
             "status": "ok", "y": seed_effect[r] + p * shift + rng.normal(0, noise)}
            for p in (0, 1) for r in range(n)]
    return pd.DataFrame(rows), pd.DataFrame({"point_id": [0, 1], "x": [0.2, 0.8]})


def test_the_paired_interval_finds_a_shift_the_unpaired_test_misses():
    runs, points = _runs(shift=0.3, noise=0.05)
    row = paired_differences(runs, points, ["x"], ["y"]).iloc[0]
    assert row["n_pairs"] == 8 and row["x"] == 0.8
    assert row["mean_diff"] == pytest.approx(0.3, abs=0.06)
    assert 0 < row["lo"] < row["mean_diff"] < row["hi"] < row["lo"] + 0.2
    assert row["p_paired"] < 0.001 < 0.05 < row["p_unpaired"]


def test_only_seeds_with_a_finished_run_at_both_points_are_paired():
    runs, points = _runs(shift=0.0, noise=0.1)
    runs.loc[runs["run_id"] == 9, "status"] = "failed"  # point 1, seed 101
    runs.loc[runs["run_id"] == 2, "y"] = np.nan  # point 0, seed 102
    row = paired_differences(runs, points, ["x"], ["y"]).iloc[0]
    assert row["n_pairs"] == 6 and row["lo"] < row["mean_diff"] < row["hi"]
    one = runs[runs["replication"] == 0]
    assert np.isnan(paired_differences(one, points, ["x"], ["y"]).iloc[0]["lo"])
