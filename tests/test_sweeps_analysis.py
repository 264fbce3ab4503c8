"""Analysis: known functions through the sweep's own design, store and analyze code path.

The model is replaced by functions whose sensitivity indices are known (Ishigami for Sobol, a
linear function for Morris); everything else (sampler, Parquet store, `analyze`) is the real
code a sweep uses.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy import stats

from zelflerendestad.sweeps.analysis import analyze
from zelflerendestad.sweeps.analysis.aggregate import aggregate_points
from zelflerendestad.sweeps.design import Design, Factor, make_design
from zelflerendestad.sweeps.runner import RunRecord
from zelflerendestad.sweeps.store import SweepStore


def write_sweep(root: Path, factors: list[Factor], design: Design, y: np.ndarray) -> None:
    """A sweep folder as `zelflerendestad sweep` writes it, with `y` as the one outcome."""
    manifest = {
        "kind": "sweep", "name": "known", "seed": 1, "weeks": 1, "n_points": len(y),
        "replications": 1, "n_runs": len(y), "base_file": "none.yaml", "git_commit": "test",
        "python": "3", "versions": {"zelflerendestad": "test"},
        "spec": {"description": "", "analysis": {}},
        "design": {"type": design.kind, "settings": design.settings, "problem": design.problem,
                   "factors": [{"name": f.name, "kind": f.kind} for f in factors]},
    }
    points = {"point_id": list(range(len(y)))}
    points |= {f.name: [p[f.name] for p in design.points] for f in factors}
    points |= {f"x:{f.name}": design.matrix[:, j] for j, f in enumerate(factors)}
    store = SweepStore(root)
    store.clean()
    store.create(manifest, pa.table(points))
    for i, point in enumerate(design.points):
        store.add(RunRecord(i, i, 0, 1, point, "ok", None, 0.0, "test", {"y": float(y[i])}))
    store.flush()
    store.consolidate()


def ishigami_indices(a: float = 7.0, b: float = 0.1) -> tuple[list[float], list[float]]:
    """Analytic first-order and total indices of the Ishigami function."""
    v1 = 0.5 * (1 + b * math.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * math.pi**8 * (1 / 18 - 1 / 50)
    var = v1 + v2 + v13
    return [v1 / var, v2 / var, 0.0], [(v1 + v13) / var, v2 / var, v13 / var]


def test_sobol_indices_of_ishigami_are_near_their_analytic_values(tmp_path):
    factors = [Factor(f"x{i}", "range", low=-math.pi, high=math.pi) for i in (1, 2, 3)]
    design = make_design(factors, "sobol", root_seed=2024, samples=1024)
    x1, x2, x3 = design.matrix.T
    y = np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)
    write_sweep(tmp_path, factors, design, y)
    analyze(tmp_path, outcomes=["y"])
    table = pd.read_csv(tmp_path / "analysis" / "sobol.csv").set_index("parameter")
    first, total = ishigami_indices()
    assert table.loc[["x1", "x2", "x3"], "S1"].tolist() == pytest.approx(first, abs=0.05)
    assert table.loc[["x1", "x2", "x3"], "ST"].tolist() == pytest.approx(total, abs=0.05)
    assert (table["S1_conf"] > 0).all()
    assert (tmp_path / "analysis" / "sobol_indices.svg").exists()
    assert "## Sobol indices" in (tmp_path / "analysis" / "summary.md").read_text()


def test_morris_ranks_a_linear_function(tmp_path):
    factors = [Factor("a", "range", low=0.0, high=1.0), Factor("b", "range", low=0.0, high=1.0),
               Factor("unused", "range", low=0.0, high=1.0)]
    design = make_design(factors, "morris", root_seed=5, samples=20, levels=4)
    y = 2.0 * design.matrix[:, 0] + 0.5 * design.matrix[:, 1]
    write_sweep(tmp_path, factors, design, y)
    analyze(tmp_path, outcomes=["y"])
    table = pd.read_csv(tmp_path / "analysis" / "morris.csv").set_index("parameter")
    assert table["mu_star"].tolist() == pytest.approx([2.0, 0.5, 0.0], abs=1e-9)
    assert table["sigma"].tolist() == pytest.approx([0.0, 0.0, 0.0], abs=1e-9)


def test_aggregates_are_means_with_t_intervals():
    runs = pd.DataFrame({"point_id": [0, 0, 0, 1, 1], "p": [1, 1, 1, 2, 2],
                         "y": [1.0, 2.0, 4.0, 5.0, np.nan],
                         "status": ["ok", "ok", "ok", "ok", "failed"]})
    points = pd.DataFrame({"point_id": [0, 1], "p": [1, 2]})
    agg = aggregate_points(runs, points, ["p"], ["y"]).set_index("point_id")
    half = stats.t.ppf(0.975, 2) * np.std([1.0, 2.0, 4.0], ddof=1) / math.sqrt(3)
    assert agg.at[0, "y_mean"] == pytest.approx(7 / 3)
    assert agg.at[0, "y_hi"] - agg.at[0, "y_mean"] == pytest.approx(half)
    assert agg.at[1, "runs_ok"] == 1 and agg.at[1, "runs_failed"] == 1
    assert np.isnan(agg.at[1, "y_lo"])  # one run: no interval


def test_a_list_valued_factor_is_analysed_with_its_values_as_labels(tmp_path):
    shares = ([0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25])
    factors = [Factor("officials.order_shares", "values", values=shares),
               Factor("municipality.vertical_share", "values", values=(0.2, 0.8))]
    design = make_design(factors, "grid", root_seed=1)
    design.matrix = np.zeros((len(design.points), 2))
    y = np.array([1.0, 2.0, 3.0, 4.0])
    write_sweep(tmp_path, factors, design, y)
    written = analyze(tmp_path, outcomes=["y"])
    table = pd.read_csv(next(p for p in written if p.suffix == ".csv"))
    assert set(table["officials.order_shares"]) == {str(s) for s in shares}


def test_a_design_over_many_parameters_gets_a_note_instead_of_unreadable_panels(tmp_path):
    factors = [Factor(f"p{i}", "range", low=0.0, high=1.0) for i in range(37)]
    design = make_design(factors, "lhs", root_seed=4, samples=8)
    write_sweep(tmp_path, factors, design, design.matrix[:, 0])
    written = analyze(tmp_path, outcomes=["y"])
    assert not any(p.name.startswith(("parameters_", "heatmap_")) for p in written)
    summary = (tmp_path / "analysis" / "summary.md").read_text()
    assert "37 parameters: no figure of each outcome over each parameter" in summary
    assert "y: skipped, 8 finished points (RBD-FAST needs at least 41)" in summary
