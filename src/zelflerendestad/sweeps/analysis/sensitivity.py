"""Global sensitivity: Sobol indices, Morris elementary effects and RBD-FAST through SALib.

SweepData (points in the sampler's order, runs) -> `point_means()` -> SALib analyze ->
long tables (one row per outcome and parameter).

Each point's output is its mean over replications, so with R replications the indices describe
the expected outcome and seed noise is averaged down by R (it still inflates first-order and
total indices alike). SALib needs every point: an outcome with a point that has no finished run,
or no variation at all, is skipped with a note rather than given made-up indices. Bootstrap
intervals are drawn from the sweep's root seed, so re-analysing gives the same numbers.

A grouped Sobol design gives one row per group (`members`: how many parameters move together).
An unfinished Sobol sweep (stopped, to be resumed) is analysed on its longest finished prefix
of base samples rounded down to a power of 2: Saltelli's points come in blocks of one base
sample, and a power-of-2 prefix of a Sobol' sequence is itself a balanced design.

A Latin hypercube gets first-order Sobol indices by RBD-FAST (Tarantola, Gatelli & Mara 2006,
with Tissot & Prieur's 2012 bias correction), whose cost does not grow with the number of
parameters; it gives no total indices. It works on any random sample, so an unfinished sweep
is analysed on its finished points.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

CONF = 0.95
SLACK = 0.05  # estimates this far outside [0, 1] are sampling noise, not flagged
WIDE = 0.2  # a 95% half-width above this: the index is not yet known
HARMONICS = 10  # RBD-FAST's M (SALib's default): the Fourier terms summed per parameter
MIN_RBD_POINTS = 4 * HARMONICS + 1  # below this the harmonics alias and S1 means nothing


def point_means(runs: pd.DataFrame, outcome: str, n_points: int) -> np.ndarray:
    """Mean of an outcome per point over finished replications, NaN where none finished."""
    ok = runs[runs["status"] == "ok"]
    means = ok.groupby("point_id")[outcome].mean()
    return means.reindex(range(n_points)).to_numpy(dtype=np.float64)


def _usable(y: np.ndarray, outcome: str, notes: list[str]) -> bool:
    if np.isnan(y).any():
        notes.append(f"{outcome}: skipped, {int(np.isnan(y).sum())} points have no finished "
                     "run (or no value)")
        return False
    if np.ptp(y) == 0:
        notes.append(f"{outcome}: skipped, it does not vary over the design")
        return False
    return True


def group_members(problem: dict[str, Any]) -> dict[str, list[str]]:
    """Index name -> the parameters behind it (each parameter alone when ungrouped)."""
    groups = problem.get("groups") or problem["names"]
    out: dict[str, list[str]] = {}
    for name, group in zip(problem["names"], groups, strict=True):
        out.setdefault(group, []).append(name)
    return out


def finished_prefix(y: np.ndarray, block: int) -> int:
    """Base samples to analyse: the finished leading blocks, rounded down to a power of 2."""
    done = np.isnan(y.reshape(-1, block)).any(axis=1)
    complete = int(np.argmax(done)) if done.any() else len(done)
    return 1 << (complete.bit_length() - 1) if complete else 0


def sobol_table(manifest: dict[str, Any], runs: pd.DataFrame, n_points: int,
                outcomes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """First-order and total Sobol indices with 95% intervals (and second order if sampled).

    Returns:
        (first and total: outcome, parameter (a group's name if grouped), S1, S1_conf, ST,
         ST_conf, and members if grouped; second order: outcome, parameter_1, parameter_2,
         S2, S2_conf; notes).
    """
    from SALib.analyze import sobol

    design = manifest["design"]
    problem, second = design["problem"], bool(design["settings"].get("second_order"))
    members = group_members(problem)
    names = list(members)
    block = 2 * len(names) + 2 if second else len(names) + 2
    rows, pairs, notes = [], [], []
    for outcome in outcomes:
        y = point_means(runs, outcome, n_points)
        if np.isnan(y).any() and (base := finished_prefix(y, block)) >= 2:
            notes.append(f"{outcome}: the sweep is unfinished; indices from the first {base} "
                         f"of {n_points // block} base samples (resume it for the rest)")
            y = y[:base * block]
        if not _usable(y, outcome, notes):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            res = sobol.analyze(problem, y, calc_second_order=second, conf_level=CONF,
                                seed=int(manifest["seed"]))
        for i, name in enumerate(names):
            rows.append({"outcome": outcome, "parameter": name, "S1": res["S1"][i],
                         "S1_conf": res["S1_conf"][i], "ST": res["ST"][i],
                         "ST_conf": res["ST_conf"][i]}
                        | ({"members": len(members[name])} if "groups" in problem else {}))
            if second:
                for j in range(i + 1, len(names)):
                    pairs.append({"outcome": outcome, "parameter_1": name,
                                  "parameter_2": names[j], "S2": res["S2"][i, j],
                                  "S2_conf": res["S2_conf"][i, j]})
    first = flag_indices(pd.DataFrame(rows), notes)
    return first, pd.DataFrame(pairs), notes


def flag_indices(table: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Add `flag`: an index outside [0, 1] or with an interval wider than `WIDE`, noted."""
    if table.empty:
        return table
    flags = []
    for _, r in table.iterrows():
        why = []
        for k in ("S1", "ST"):
            if not (-SLACK <= r[k] <= 1 + SLACK):
                why.append(f"{k} outside [0, 1]")
            if r[f"{k}_conf"] > WIDE:
                why.append(f"{k} interval wide (+/-{r[f'{k}_conf']:.2f})")
        flags.append("; ".join(why))
    table = table.assign(flag=flags)
    n = int((table["flag"] != "").sum())
    if n:
        notes.append(f"{n} of {len(table)} Sobol rows are flagged (an index outside [0, 1] or "
                     f"an interval wider than +/-{WIDE}): too few samples for those estimates; "
                     "raise design.samples or replications before reading them")
    return table


def morris_table(manifest: dict[str, Any], runs: pd.DataFrame, matrix: np.ndarray,
                 outcomes: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """Morris mu, mu* (with 95% interval) and sigma per outcome and parameter."""
    from SALib.analyze import morris

    design = manifest["design"]
    problem, num_levels = design["problem"], int(design["settings"]["levels"])
    rows, notes = [], []
    for outcome in outcomes:
        y = point_means(runs, outcome, matrix.shape[0])
        if not _usable(y, outcome, notes):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            res = morris.analyze(problem, matrix, y, conf_level=CONF, num_levels=num_levels,
                                 seed=int(manifest["seed"]))
        for i, name in enumerate(problem["names"]):
            rows.append({"outcome": outcome, "parameter": name, "mu": res["mu"][i],
                         "mu_star": res["mu_star"][i], "mu_star_conf": res["mu_star_conf"][i],
                         "sigma": res["sigma"][i]})
    return pd.DataFrame(rows), notes


def first_order_table(manifest: dict[str, Any], runs: pd.DataFrame, matrix: np.ndarray,
                      outcomes: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """First-order Sobol indices by RBD-FAST with 95% bootstrap intervals, and their sum.

    Returns (outcome, parameter, S1, S1_conf, flag; ranked by S1 within an outcome), notes.
    """
    from SALib.analyze import rbd_fast

    problem = manifest["design"]["problem"]
    rows, notes = [], []
    for outcome in outcomes:
        y = point_means(runs, outcome, matrix.shape[0])
        done = ~np.isnan(y)
        if done.sum() < MIN_RBD_POINTS:
            notes.append(f"{outcome}: skipped, {int(done.sum())} finished points (RBD-FAST "
                         f"needs at least {MIN_RBD_POINTS})")
            continue
        if not done.all():
            notes.append(f"{outcome}: the sweep is unfinished; S1 from the {int(done.sum())} "
                         f"of {len(y)} finished points")
        if not _usable(y[done], outcome, notes):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            res = rbd_fast.analyze(problem, matrix[done], y[done], M=HARMONICS,
                                   num_resamples=200, conf_level=CONF,
                                   seed=int(manifest["seed"]))
        table = pd.DataFrame({"outcome": outcome, "parameter": problem["names"],
                              "S1": res["S1"], "S1_conf": res["S1_conf"]})
        rows.append(table.sort_values("S1", ascending=False, kind="stable"))
        # Each idle parameter keeps a small positive bias, so with 150 of them a plain sum
        # would overstate; count only the indices whose interval excludes 0.
        clear = table["S1"] - table["S1_conf"] > 0
        notes.append(f"{outcome}: {int(clear.sum())} parameters clearly act alone (interval "
                     f"above 0) and explain {table.loc[clear, 'S1'].sum():.2f} of the "
                     "variance; the rest is interactions, small effects or noise")
    if not rows:
        return pd.DataFrame(), notes
    table = pd.concat(rows, ignore_index=True)
    wide = table["S1_conf"] > WIDE
    table["flag"] = np.where(wide, "interval wide", "")
    if wide.any():
        notes.append(f"{int(wide.sum())} of {len(table)} first-order rows have an interval "
                     f"wider than +/-{WIDE}: raise design.samples before reading them")
    return table, notes
