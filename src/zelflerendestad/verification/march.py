"""Docking to March (1991): exploration and exploitation in organisational learning.

March's special case of the model: 50 residents, no network, reality of m = 30 dimensions, the
municipality's code, socialisation p1 = vertical (V = 1), code learning p2 = horizontal (H = 1),
no peer learning, experiments, turnover or turbulence; run until nothing can change any more
(`learning.settled`). The code's equilibrium knowledge is compared with Workiewicz's (2019)
reproduction of March's Figure 1 (10,000 runs per cell), which measures knowledge as March's
program did: dimensions right minus dimensions wrong, over m. Then March's second result: in a
turbulent world, moderate turnover keeps the code knowing more than no turnover.

How the two details March's paper leaves out are implemented (learning.py): socialisation is
gradual, a belief steps -1 -> 0 -> +1 towards the code; and the superior group is judged by
performance: residents act on their beliefs (a coin flip where they hold none) and those whose
actions score better than the code form it, so a lucky resident can be superior.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import learning
from ..config.schema import CityConfig
from ..run.runner import build_model
from .common import Check, Size, limit_config, mean_ci, merged, run_many

P1 = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
P2 = (0.1, 0.5, 0.9)
#: Workiewicz (2019), github.com/Mac13kW/March_1991_Original, Output/..._i_10000.csv: mean
#: equilibrium knowledge of the code (right minus wrong, over m) by p1 (rows) for each p2.
REFERENCE: dict[float, tuple[float, ...]] = {
    0.1: (0.8633, 0.8171, 0.8051, 0.8021, 0.7994, 0.8032, 0.8060, 0.8090, 0.8132),
    0.5: (0.9543, 0.9088, 0.8691, 0.8371, 0.8106, 0.7867, 0.7679, 0.7540, 0.7421),
    0.9: (0.9724, 0.9404, 0.9081, 0.8737, 0.8401, 0.8067, 0.7796, 0.7561, 0.7284),
}
TABLE_P1 = (0.1, 0.5, 0.9)
FAST_CELLS = [(0.1, 0.9), (0.5, 0.5), (0.9, 0.1)]
TOLERANCE = 0.02
FULL = Size(runs=400)
FAST = Size(runs=30, fast=True)
TURBULENCE_FULL = Size(runs=100)
TURBULENCE_FAST = Size(runs=12, fast=True)
TURNOVER = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2)
MODERATE = (0.02, 0.05, 0.1)


def overrides(p1: float, p2: float, turnover: float = 0.0,
              turbulence: float = 0.0) -> dict[str, Any]:
    """CityConfig overrides (on top of `QUIET`) for March's special case."""
    return {"city": {"residents": 50, "turnover_rate": turnover},
            "network": {"type": "fully_mixed"},
            # effort 2 x share 0.5: V = 1; all officials 4th order in the street: H = 1
            "municipality": {"vertical_share": 0.5, "effort": 2.0},
            "officials": {"order_shares": [0.0, 0.0, 0.0, 1.0]},
            "learning": {"dimensions": 30, "socialisation_rate": p1, "code_learning_rate": p2,
                         "turbulence": turbulence}}


def march_knowledge(code: np.ndarray, reality: np.ndarray) -> float:
    """Knowledge as March's program measured it: (right - wrong) / m."""
    return float(learning.score(code, reality)) / code.size


def run_to_equilibrium(config: CityConfig, seed: int,
                       max_weeks: int = 20_000) -> tuple[float, float, int, bool]:
    """One run until nothing can change: (March knowledge, share right, weeks, intensities ok)."""
    m = build_model(config, seed)
    while not learning.settled(m.residents.beliefs, m.code, m.reality) and m.week < max_weeks:
        m.step()
    ok = m.municipality.V == 1.0 and m.municipality.H == 1.0 and m.week < max_weeks
    return (march_knowledge(m.code, m.reality), float((m.code == m.reality).mean()), m.week,
            bool(ok))


def check_figure1(size: Size = FULL, jobs: int = 1) -> Check:
    """Equilibrium knowledge of the code over p1 for p2 = 0.1, 0.5, 0.9 against the reference."""
    cells = FAST_CELLS if size.fast else [(p1, p2) for p2 in P2 for p1 in P1]
    runs = [size.runs if p1 in TABLE_P1 else max(size.runs // 4, 2) for p1, _ in cells]
    tasks = [(limit_config(overrides(p1, p2)), s)
             for (p1, p2), n in zip(cells, runs, strict=True) for s in range(n)]
    out = np.array(run_many(run_to_equilibrium, tasks, jobs), dtype=float)
    res = np.split(out, np.cumsum(runs)[:-1])
    rows, worst = [], 0.0
    all_ok = bool(out[:, 3].all())
    passed = all_ok
    for (p1, p2), r in zip(cells, res, strict=True):
        mean, half = mean_ci(r[:, 0])
        ref = REFERENCE[p2][P1.index(p1)]
        se = float(np.std(r[:, 0], ddof=1) / np.sqrt(len(r)))
        tol = TOLERANCE if p1 in TABLE_P1 and not size.fast else max(TOLERANCE, 4 * se)
        ok = bool(abs(mean - ref) <= tol)
        passed &= ok
        worst = max(worst, float(abs(mean - ref)))
        rows.append({"p1": p1, "p2": p2, "runs": len(r), "model": float(mean),
                     "95% CI +-": float(half), "reference": ref, "diff": float(mean - ref),
                     "within": ok, "share right": float(r[:, 1].mean()),
                     "weeks (mean)": float(r[:, 2].mean()), "weeks (max)": int(r[:, 2].max())})
    table = {f"p1={r['p1']},p2={r['p2']}": {"model": r["model"], "reference": r["reference"]}
             for r in rows if r["p1"] in TABLE_P1}
    figures = {"table": table, "max_abs_diff": worst, "runs_per_table_cell": size.runs,
               "runs_per_other_cell": max(size.runs // 4, 2), "cells": len(cells),
               "all_runs_settled_with_V_1_and_H_1": all_ok}
    grid = [{"p1 \\ p2": p1, **{f"{p2}": _cell(rows, p1, p2) for p2 in P2}} for p1 in TABLE_P1
            if not size.fast]
    return Check("march_figure1", "March: equilibrium knowledge of the code (Figure 1)", figures,
                 target="Workiewicz (2019) reproduction of March's Figure 1 (10,000 runs/cell)",
                 tolerance=(f"|model - reference| <= {TOLERANCE} in the nine table cells; "
                            f"max({TOLERANCE}, 4 SE) in the other cells of the curves"
                            if not size.fast else
                            f"|model - reference| <= max({TOLERANCE}, 4 SE) (fast version)"),
                 passed=bool(passed),
                 tables=[("Model (reference) at the issue's nine cells", grid),
                         ("Every cell", rows)],
                 data={"rows": rows}, headline=["table", "max_abs_diff"],
                 config=merged(overrides(0.1, 0.1)))


def _cell(rows: list[dict[str, Any]], p1: float, p2: float) -> str:
    r = next((r for r in rows if r["p1"] == p1 and r["p2"] == p2), None)
    return "-" if r is None else f"{r['model']:.3f} ({r['reference']:.3f})"


def run_turbulent(config: CityConfig, seed: int, weeks: int) -> np.ndarray:
    """March knowledge of the code each week of one turbulent run."""
    m = build_model(config, seed)
    out = np.empty(weeks + 1)
    out[0] = march_knowledge(m.code, m.reality)
    for w in range(weeks):
        m.step()
        out[w + 1] = march_knowledge(m.code, m.reality)
    return out


def check_turbulence(size: Size = TURBULENCE_FULL, jobs: int = 1) -> Check:
    """Turbulence 0.02 per week, p1 = p2 = 0.5: knowledge of the code against turnover."""
    weeks, skip = 150, 50
    rates = (0.0, 0.1) if size.fast else TURNOVER
    tasks = [(limit_config(overrides(0.5, 0.5, turnover=t, turbulence=0.02)), s, weeks)
             for t in rates for s in range(size.runs)]
    paths = np.array(run_many(run_turbulent, tasks, jobs)).reshape(len(rates), size.runs, -1)
    level = paths[:, :, skip + 1:].mean(axis=2)  # each run's mean over weeks 51..150
    mean = level.mean(axis=1)
    se = level.std(axis=1, ddof=1) / np.sqrt(size.runs)
    base = 0
    rows, passed = [], True
    for i, t in enumerate(rates):
        z = (mean[i] - mean[base]) / np.sqrt(se[i] ** 2 + se[base] ** 2) if i else 0.0
        if t in MODERATE:
            passed &= bool(z > 3)
        rows.append({"turnover per week": t, "knowledge (weeks 51-150)": float(mean[i]),
                     "SE": float(se[i]), "z against no turnover": float(z),
                     "knowledge at week 150": float(paths[i, :, -1].mean())})
    figures = {"knowledge_by_turnover": {f"{t:g}": float(m) for t, m in zip(rates, mean,
                                                                           strict=True)},
               "turbulence": 0.02, "p1": 0.5, "p2": 0.5, "runs": size.runs, "weeks": weeks}
    return Check("march_turbulence", "March: turnover in a turbulent world", figures,
                 target="moderate turnover (0.02-0.1 per week) leaves the code knowing more "
                        "than no turnover",
                 tolerance="difference > 3 standard errors for each moderate rate",
                 passed=passed, tables=[("Mean knowledge of the code, weeks 51-150", rows)],
                 data={"rates": rates, "paths": paths.mean(axis=1)},
                 headline=["knowledge_by_turnover"],
                 config=merged(overrides(0.5, 0.5, turnover=0.1, turbulence=0.02),
                               {"run": {"weeks": weeks}}),
                 notes="Without turnover the beliefs settle on the code and nobody can teach "
                       "it how reality has moved; newcomers bring unsocialised beliefs, some of "
                       "which fit the new reality.")


CHECKS = {"march_figure1": (check_figure1, FULL, FAST),
          "march_turbulence": (check_turbulence, TURBULENCE_FULL, TURBULENCE_FAST)}
