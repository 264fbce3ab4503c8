"""First-order Sobol indices of a Latin hypercube by RBD-FAST.

Known answer: Ishigami, S1 = (0.314, 0.442, 0); parameters that do nothing get S1 near 0, and
there may be many of them at no extra cost in runs (the point of RBD-FAST).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from zelflerendestad.sweeps.analysis.plots import first_order_bars
from zelflerendestad.sweeps.analysis.report import summary_markdown
from zelflerendestad.sweeps.analysis.sensitivity import first_order_table
from zelflerendestad.sweeps.design import Factor, make_design

from .test_sweeps_analysis import ishigami_indices
from .test_sweeps_groups import ishigami
from .test_sweeps_report import MANIFEST

FACTORS = [Factor(f"x{i}", "range", low=-math.pi, high=math.pi) for i in (1, 2, 3)] + [
    Factor(f"idle{i}", "range", low=0.0, high=1.0) for i in range(20)]


def table_of(points: int, finished: int | None = None) -> tuple[pd.DataFrame, list[str], dict]:
    design = make_design(FACTORS, "lhs", root_seed=11, samples=points)
    y = ishigami(design.matrix[:, :3])
    if finished is not None:
        y[finished:] = np.nan
    manifest = {"seed": 1, "design": {"type": "lhs", "settings": design.settings,
                                      "problem": design.problem}}
    runs = pd.DataFrame({"point_id": range(points), "status": "ok", "y": y}).dropna()
    table, notes = first_order_table(manifest, runs, design.matrix, ["y"])
    return table, notes, manifest


def test_first_order_indices_of_ishigami_among_twenty_idle_parameters():
    table, notes, manifest = table_of(1024)
    by = table.set_index("parameter")
    first, _ = ishigami_indices()
    assert by.loc[["x1", "x2", "x3"], "S1"].tolist() == pytest.approx(first, abs=0.05)
    assert by.loc[[f"idle{i}" for i in range(20)], "S1"].abs().max() < 0.05
    assert by["S1_conf"].max() < 0.1  # the precision issue 14 asks of the main indices
    assert table["parameter"].iloc[0] == "x2"  # ranked by S1
    said = re.match(r"y: 2 parameters clearly act alone \(interval above 0\) and explain "
                    r"(\d\.\d\d) of the variance", notes[0])
    assert said and float(said[1]) == pytest.approx(first[0] + first[1], abs=0.06)
    summary = summary_markdown(MANIFEST | manifest, pd.DataFrame({"status": ["ok"]}),
                               pd.DataFrame({"point_id": []}), [], [],
                               {"first_order": table.head(5)}, [], [], Path("."))
    assert "## First-order Sobol indices (RBD-FAST, 95% intervals)" in summary
    fig = first_order_bars(table, top=5)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][-1] == "x2"


def test_an_unfinished_hypercube_is_analysed_on_its_finished_points():
    table, notes, _ = table_of(512, finished=400)
    assert notes[0] == "y: the sweep is unfinished; S1 from the 400 of 512 finished points"
    assert table.set_index("parameter").at["x2", "S1"] == pytest.approx(0.442, abs=0.08)


def test_too_few_points_are_skipped_with_a_note():
    table, notes, _ = table_of(64, finished=30)
    assert table.empty
    assert notes == ["y: skipped, 30 finished points (RBD-FAST needs at least 41)"]
