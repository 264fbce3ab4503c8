"""summary.md of an analysed sweep: the facts a reader checks first, readable tables, no gaps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from zelflerendestad.sweeps.analysis.report import MAX_ROWS, md_table, summary_markdown

MANIFEST = {
    "name": "demo", "n_points": 2, "replications": 3, "n_runs": 6, "weeks": 52, "seed": 7,
    "base_file": "/somewhere/configs/default.yaml", "git_commit": "abc1234",
    "versions": {"zelflerendestad": "0.1.0"}, "python": "3.12.1",
    "spec": {"description": "Two shares.\n"},
    "design": {"type": "grid", "problem": None},
}
RUNS = pd.DataFrame({"status": ["ok"] * 5 + ["failed"]})
AGG = pd.DataFrame({"point_id": [0, 1], "municipality.vertical_share": [0.0, 1.0],
                    "trust_government_final_mean": [0.41234, 0.8],
                    "trust_government_final_lo": [0.4, np.nan],
                    "trust_government_final_hi": [0.45, np.nan]})


def summary(tables=None, notes=(), figures=(), manifest=MANIFEST, agg=AGG) -> str:
    return summary_markdown(manifest, RUNS, agg, ["municipality.vertical_share"],
                            ["trust_government_final"], tables or {}, list(notes),
                            list(figures), Path("/out"))


def test_md_table_rounds_floats_and_leaves_missing_cells_empty():
    df = pd.DataFrame({"name": ["a", "b"], "value": [0.123456, np.nan], "n": [1, 2]})
    assert md_table(df).splitlines() == [
        "| name | value | n |", "|---|---|---|", "| a | 0.123 | 1 |", "| b |  | 2 |"]


def test_the_head_states_design_counts_seed_and_code():
    text = summary()
    assert text.startswith("# Sweep `demo`: analysis\n\nTwo shares.")
    assert "**grid**, 2 points x 3 replications = 6 runs; 6 recorded, 5 ok, 1 failed" in text
    assert "`default.yaml`, 52 weeks per run, root seed 7" in text
    assert "git abc1234, zelflerendestad 0.1.0, Python 3.12.1" in text


def test_outcomes_show_mean_and_interval_or_the_mean_alone():
    lines = summary().splitlines()
    assert "| point_id | vertical share | trust government final |" in lines
    assert "| 0 | 0 | 0.412 [0.4, 0.45] |" in lines
    assert "| 1 | 1 | 0.8 |" in lines  # one run: no interval rather than a made-up one


def test_long_tables_point_to_their_csv_and_notes_and_figures_follow():
    agg = pd.concat([AGG] * (MAX_ROWS // 2 + 1), ignore_index=True)
    morris = pd.DataFrame({"outcome": ["y"] * (MAX_ROWS + 1), "mu_star": 1.0})
    text = summary({"morris": morris, "paired": pd.DataFrame()}, ["too few samples"],
                   [Path("/out/morris_indices.png"), Path("/out/morris_indices.svg")], agg=agg)
    assert f"{len(agg)} points: see `aggregates.csv`." in text
    assert f"## Morris elementary effects\n\n{MAX_ROWS + 1} rows: see `morris.csv`." in text
    assert "Paired" not in text  # an empty table gets no section
    assert "## Notes\n\n- too few samples" in text
    assert text.rstrip().endswith("![morris_indices](morris_indices.png)")
    assert "morris_indices.svg" not in text
