"""Grouped Sobol designs: a group's parameters move together and get one index.

Known answer: Ishigami with x1 and x3 in one group. The group's first-order index is
V(E[Y | x1, x3]) / V, which includes their interaction, so it equals its total index
(v1 + v13) / V, and x2 keeps its own v2 / V.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from zelflerendestad.sweeps.analysis.report import summary_markdown
from zelflerendestad.sweeps.analysis.sensitivity import sobol_table
from zelflerendestad.sweeps.design import Factor, design_size, make_design
from zelflerendestad.sweeps.plan import build_plan
from zelflerendestad.sweeps.spec import load_spec

from .test_sweeps_analysis import ishigami_indices
from .test_sweeps_report import MANIFEST
from .test_sweeps_spec import problems, write

ISHIGAMI = [Factor(f"x{i}", "range", low=-math.pi, high=math.pi) for i in (1, 2, 3)]
GROUPS = {"x1 and x3": ["x1", "x3"]}


def ishigami(matrix: np.ndarray) -> np.ndarray:
    x1, x2, x3 = matrix.T
    return np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)


def test_grouped_design_moves_a_group_together_and_costs_n_times_groups_plus_2():
    design = make_design(ISHIGAMI, "sobol", root_seed=1, samples=8, groups=GROUPS)
    assert len(design.points) == 8 * (2 + 2) == design_size(ISHIGAMI, "sobol", 8, groups=GROUPS)
    assert design.problem["groups"] == ["x1 and x3", "x2", "x1 and x3"]
    a, ab_group, ab_x2, b = design.matrix[:4]  # the first base sample's block
    assert np.array_equal(ab_group[[0, 2]], b[[0, 2]]) and ab_group[1] == a[1]
    assert np.array_equal(ab_x2[[0, 2]], a[[0, 2]]) and ab_x2[1] == b[1]


def indices(design, y: np.ndarray) -> tuple[pd.DataFrame, list[str], dict]:
    """The analysis's Sobol table of a design's outcome `y` (NaN: a run not finished)."""
    manifest = {"seed": 1, "design": {"type": "sobol", "settings": design.settings,
                                      "problem": design.problem}}
    runs = pd.DataFrame({"point_id": range(len(y)), "status": "ok", "y": y}).dropna()
    first, _, notes = sobol_table(manifest, runs, len(y), ["y"])
    return (first if first.empty else first.set_index("parameter")), notes, manifest


def test_grouped_indices_of_ishigami_match_the_analytic_ones():
    design = make_design(ISHIGAMI, "sobol", root_seed=2024, samples=1024, groups=GROUPS)
    table, notes, manifest = indices(design, ishigami(design.matrix))
    first, total = ishigami_indices()
    group = first[0] + total[2]  # (v1 + v13) / V
    assert table.index.tolist() == ["x1 and x3", "x2"] and not notes
    assert table.loc["x1 and x3", ["S1", "ST"]].tolist() == pytest.approx([group, group],
                                                                           abs=0.05)
    assert table.loc["x2", ["S1", "ST"]].tolist() == pytest.approx([first[1], total[1]],
                                                                   abs=0.05)
    assert table["members"].tolist() == [2, 1]
    summary = summary_markdown(MANIFEST | manifest, pd.DataFrame({"status": ["ok"]}),
                               pd.DataFrame({"point_id": []}), [], [],
                               {"sobol": table.reset_index()}, [], [], Path("."))
    assert "## Sobol indices per group" in summary
    assert "- **x1 and x3** (2): `x1`, `x3`\n- **x2** (1): `x2`" in summary


def test_an_unfinished_sobol_sweep_is_analysed_on_its_power_of_2_prefix():
    design = make_design(ISHIGAMI, "sobol", root_seed=7, samples=256, groups=GROUPS)
    y = ishigami(design.matrix)
    y[100 * 4 + 1:] = np.nan  # 100 base samples finished, the 101st half-way
    table, notes, _ = indices(design, y)
    prefix = design.matrix[:64 * 4]
    prefix_design = type(design)("sobol", design.points[:64 * 4], prefix, design.problem,
                                 design.settings)
    assert notes[0] == ("y: the sweep is unfinished; indices from the first 64 of 256 base "
                        "samples (resume it for the rest)")
    assert table.equals(indices(prefix_design, ishigami(prefix))[0])


def test_a_sweep_with_too_little_finished_is_skipped_with_a_note():
    design = make_design(ISHIGAMI, "sobol", root_seed=7, samples=8, groups=GROUPS)
    y = ishigami(design.matrix)
    y[5:] = np.nan  # one base sample finished: no estimate
    table, notes, _ = indices(design, y)
    assert table.empty and notes == ["y: skipped, 27 points have no finished run (or no value)"]


SOBOL = {"type": "sobol", "samples": 4}
TWO = {"municipality.vertical_share": {"range": [0, 1]},
       "trust.presence_gain": {"range": [0.01, 0.1]},
       "trust.reliability_gain": {"range": [0.001, 0.01]}}


def test_a_grouped_spec_plans_one_column_of_runs_per_group(tmp_path):
    spec = write(tmp_path, parameters=TWO, design=SOBOL | {
        "groups": {"trust": ["trust.presence_gain", "trust.reliability_gain"]}})
    plan = build_plan(load_spec(spec))
    assert plan.n_points == 4 * (2 + 2)
    assert plan.design.problem["groups"] == ["municipality.vertical_share", "trust", "trust"]


@pytest.mark.parametrize(("groups", "design", "expected"), [
    ({"trust": ["trust.presence_gian"]}, SOBOL, "design.groups.trust: not one of the varied "
     "parameters"),
    ({"trust": ["trust.presence_gian"]}, SOBOL, "did you mean `trust.presence_gain`"),
    ({"a": ["trust.presence_gain"], "b": ["trust.presence_gain"]}, SOBOL,
     "`trust.presence_gain` is already in group `a`"),
    ({"trust": []}, SOBOL, "design.groups.trust: the group is empty"),
    ({"municipality.vertical_share": ["trust.presence_gain"]}, SOBOL,
     "cannot be named after a varied parameter"),
    ({"trust": ["trust.presence_gain"]}, {"type": "morris", "samples": 4},
     "`groups` are for sobol designs, not morris"),
])
def test_bad_groups_are_clear_errors(tmp_path, groups, design, expected):
    text = problems(write(tmp_path, parameters=TWO, design=design | {"groups": groups}))
    assert expected in text
