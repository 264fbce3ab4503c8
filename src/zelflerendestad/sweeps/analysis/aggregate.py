"""Aggregation over replications: means with 95% intervals, per point and per parameter value.

SweepData.runs -> `aggregate_points()` (one row per point) and `profile()` (an outcome over one
parameter, optionally split by others) -> tables and plots.

The interval is the t-interval of the mean over replications (runs are independent draws given
the point; with common random numbers the *differences* between points are tighter still, which
these per-point intervals do not claim: `paired.py` gives those). For an outcome whose every
value lies in [0, 1] (shares, scores) it is a percentile bootstrap of the mean instead, which
stays within [0, 1] where a t-interval would run below 0 or above 1. A numeric parameter with
more than `MAX_LEVELS` distinct values (a sampled design) is cut into quantile bins, each shown
at its mean value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

MAX_LEVELS = 12
BINS = 10
BOOTSTRAP = 2000  # resamples of the percentile bootstrap


def _interval(mean: pd.Series, sd: pd.Series, n: pd.Series) -> tuple[pd.Series, pd.Series]:
    dof = (n - 1).clip(lower=1)
    half = stats.t.ppf(0.975, dof) * sd / np.sqrt(n)
    half = half.where(n > 1)
    return mean - half, mean + half


def is_bounded(values: pd.Series) -> bool:
    """True for an outcome whose every value lies in [0, 1] (a share or a score)."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    return bool(len(v)) and bool(v.between(0.0, 1.0).all())


def _bootstrap(groups: pd.core.groupby.SeriesGroupBy) -> pd.DataFrame:
    """Percentile-bootstrap 95% interval of each group's mean (stays within the data's range)."""
    rng = np.random.default_rng(0)  # fixed: the same folder gives the same tables

    def bounds(v: pd.Series) -> pd.Series:
        v = v.dropna().to_numpy(float)
        if v.size < 2:
            return pd.Series([np.nan, np.nan], index=["lo", "hi"])
        means = v[rng.integers(0, v.size, (BOOTSTRAP, v.size))].mean(axis=1)
        return pd.Series(np.quantile(means, [0.025, 0.975]), index=["lo", "hi"])

    return groups.apply(bounds).unstack(-1)


def mean_interval(groups: pd.core.groupby.SeriesGroupBy, bounded: bool) -> pd.DataFrame:
    """mean, sd, n, lo, hi per group: a t-interval, or a bootstrap one for a bounded outcome."""
    out = pd.DataFrame({"mean": groups.mean(), "sd": groups.std(ddof=1), "n": groups.count()})
    if bounded:
        both = _bootstrap(groups).reindex(out.index)
        out["lo"], out["hi"] = both["lo"], both["hi"]
    else:
        out["lo"], out["hi"] = _interval(out["mean"], out["sd"], out["n"])
    return out


def aggregate_points(runs: pd.DataFrame, points: pd.DataFrame, factors: list[str],
                     outcomes: list[str]) -> pd.DataFrame:
    """One row per point: its parameters, runs ok/failed, and mean, lo, hi per outcome."""
    ok = runs[runs["status"] == "ok"]
    out = points[["point_id", *factors]].set_index("point_id")
    out["runs_ok"] = ok.groupby("point_id").size()
    out["runs_failed"] = runs[runs["status"] != "ok"].groupby("point_id").size()
    out[["runs_ok", "runs_failed"]] = out[["runs_ok", "runs_failed"]].fillna(0).astype(int)
    columns = {}
    for o in outcomes:
        m = mean_interval(ok.groupby("point_id")[o], is_bounded(ok[o]))
        columns |= {f"{o}_mean": m["mean"], f"{o}_lo": m["lo"], f"{o}_hi": m["hi"]}
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
    out = mean_interval(ok.groupby(keys, observed=True)[outcome], is_bounded(ok[outcome]))
    return out.reset_index()


def cells(runs: pd.DataFrame, x: str, y: str, outcome: str, by: list[str] | None = None
          ) -> pd.DataFrame:
    """Mean of `outcome` on the grid of `x` by `y` (binned if many values), per `by`."""
    ok = runs[runs["status"] == "ok"].copy()
    ok[x], ok[y] = levels(ok[x]), levels(ok[y])
    keys = [*(by or []), y, x]
    return ok.groupby(keys, observed=True)[outcome].mean().reset_index()
