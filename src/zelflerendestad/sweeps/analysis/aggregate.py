"""Aggregation over replications: means with 95% intervals, per point and per parameter value.

SweepData.runs -> `aggregate_points()` (one row per point) and `profile()` (an outcome over one
parameter, optionally split by others) -> tables and plots.

The interval is the t-interval of the mean over replications (runs are independent draws given
the point; with common random numbers the *differences* between points are tighter still, which
these per-point intervals do not claim). A numeric parameter with more than `MAX_LEVELS`
distinct values (a sampled design) is cut into quantile bins, each shown at its mean value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

MAX_LEVELS = 12
BINS = 10


def _interval(mean: pd.Series, sd: pd.Series, n: pd.Series) -> tuple[pd.Series, pd.Series]:
    dof = (n - 1).clip(lower=1)
    half = stats.t.ppf(0.975, dof) * sd / np.sqrt(n)
    half = half.where(n > 1)
    return mean - half, mean + half


def aggregate_points(runs: pd.DataFrame, points: pd.DataFrame, factors: list[str],
                     outcomes: list[str]) -> pd.DataFrame:
    """One row per point: its parameters, runs ok/failed, and mean, lo, hi per outcome."""
    ok = runs[runs["status"] == "ok"]
    grouped = ok.groupby("point_id")[outcomes]
    mean, sd, n = grouped.mean(), grouped.std(ddof=1), grouped.count()
    out = points[["point_id", *factors]].set_index("point_id")
    out["runs_ok"] = ok.groupby("point_id").size()
    out["runs_failed"] = runs[runs["status"] != "ok"].groupby("point_id").size()
    out[["runs_ok", "runs_failed"]] = out[["runs_ok", "runs_failed"]].fillna(0).astype(int)
    columns = {}
    for o in outcomes:
        lo, hi = _interval(mean[o], sd[o], n[o])
        columns |= {f"{o}_mean": mean[o], f"{o}_lo": lo, f"{o}_hi": hi}
    return out.join(pd.DataFrame(columns)).reset_index()


def levels(values: pd.Series) -> pd.Series:
    """The values to group on: as they are, or quantile bins (at their mean) if many."""
    if not pd.api.types.is_numeric_dtype(values) or values.nunique() <= MAX_LEVELS:
        return values
    bins = pd.qcut(values, BINS, duplicates="drop")
    return values.groupby(bins, observed=True).transform("mean")


def profile(runs: pd.DataFrame, x: str, outcome: str, by: list[str] | None = None
            ) -> pd.DataFrame:
    """Mean and 95% interval of `outcome` over `x`, for each combination of `by`.

    Other varied parameters are averaged over.
    """
    ok = runs[runs["status"] == "ok"].copy()
    ok[x] = levels(ok[x])
    keys = [*(by or []), x]
    g = ok.groupby(keys, observed=True)[outcome]
    out = pd.DataFrame({"mean": g.mean(), "sd": g.std(ddof=1), "n": g.count()})
    out["lo"], out["hi"] = _interval(out["mean"], out["sd"], out["n"])
    return out.reset_index()


def cells(runs: pd.DataFrame, x: str, y: str, outcome: str, by: list[str] | None = None
          ) -> pd.DataFrame:
    """Mean of `outcome` on the grid of `x` by `y` (binned if many values), per `by`."""
    ok = runs[runs["status"] == "ok"].copy()
    ok[x], ok[y] = levels(ok[x]), levels(ok[y])
    keys = [*(by or []), y, x]
    return ok.groupby(keys, observed=True)[outcome].mean().reset_index()
