"""What a probe measures in a run, and how replications combine into one statistic.

RunResult -> `Measure.components()` (a small JSON-able dict per run, stored) -> `combine()` over
a point's replications -> the statistic a pattern tests. Components are kept additive (sums,
or the rows a pooled estimate needs) so that pooling replications is exact, not a mean of ratios.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..commons import OSTROM8
from ..run.runner import RunResult

Components = dict[str, Any]


@dataclass(frozen=True)
class Measure:
    """A named measurement: per-run components and how they pool into one number."""

    description: str
    components: Callable[[RunResult], Components]
    combine: Callable[[list[Components]], float]


def _column(result: RunResult, name: str) -> np.ndarray:
    return np.asarray(result.timeseries.column(name).to_numpy(zero_copy_only=False), float)


def _summary(key: str) -> Callable[[RunResult], Components]:
    def get(result: RunResult) -> Components:
        value = result.summary.get(key)
        return {"value": math.nan if value is None else float(value)}
    return get


def _mean_value(rows: list[Components]) -> float:
    values = np.array([r["value"] for r in rows], float)
    return float(np.nanmean(values)) if np.isfinite(values).any() else math.nan


def _ratio_of_sums(num: str, den: str) -> Callable[[list[Components]], float]:
    def combine(rows: list[Components]) -> float:
        d = sum(r[den] for r in rows)
        return float(sum(r[num] for r in rows) / d) if d > 0 else math.nan
    return combine


def free_riding(result: RunResult) -> Components:
    """Free-riding share of active members, summed over commons-weeks (weights: living commons)."""
    share, living = _column(result, "free_riding"), _column(result, "commons_living")
    ok = np.isfinite(share) & (living > 0)
    return {"weighted": float((share[ok] * living[ok]).sum()), "weight": float(living[ok].sum())}


def value_per_commons_week(result: RunResult) -> Components:
    """Public value produced and commons-weeks lived (their ratio: value per commons-week)."""
    return {"value": float(_column(result, "public_value").sum()),
            "commons_weeks": float(_column(result, "commons_living").sum())}


def principles_survival(result: RunResult) -> Components:
    """Per commons alive at the landmark: principles in place early, time at risk, ended or not.

    Landmark analysis as in experiments/ostrom_principles: principles are the mean scores over
    the first `commons.scores.early_weeks` after organising (in place at >= `in_place`);
    survival is counted from the landmark on, censored at the end of the run.
    """
    s = result.config.commons.scores
    df = result.commons.to_pandas() if result.commons is not None else None
    if df is None or df.empty:
        return {"n": [], "time": [], "event": []}
    org = df[df.week_organised.notna()]
    end = org.week_ended.fillna(result.config.run.weeks)
    age = end - org.week_organised
    lm = org[age >= s.early_weeks]
    n = sum((lm[f"{p}_early"] >= s.in_place).astype(int) for p in OSTROM8)
    time = (age[age >= s.early_weeks] - s.early_weeks).astype(float)
    return {"n": [int(v) for v in np.asarray(n).ravel()], "time": time.tolist(),
            "event": lm.week_ended.notna().astype(int).tolist()}


def dissolution_rate_ratio(rows: list[Components]) -> float:
    """Dissolution rate of commons with fewer principles in place over those with more.

    Commons are split at the pooled median count (more: at or above it). Above 1: more
    principles, fewer dissolutions. NaN when a group is empty or has no time at risk.
    """
    n = np.concatenate([np.asarray(r["n"], float) for r in rows])
    t = np.concatenate([np.asarray(r["time"], float) for r in rows])
    e = np.concatenate([np.asarray(r["event"], float) for r in rows])
    if n.size < 2:
        return math.nan
    more = n >= np.median(n)
    if more.all():  # ties at the median: split above the lowest count instead
        more = n > n.min()
    few = ~more
    if not few.any() or not more.any() or t[few].sum() <= 0 or t[more].sum() <= 0:
        return math.nan
    rate_few, rate_more = e[few].sum() / t[few].sum(), e[more].sum() / t[more].sum()
    if rate_more == 0:
        return math.inf if rate_few > 0 else math.nan
    return float(rate_few / rate_more)


MEASURES: dict[str, Measure] = {
    "free_riding": Measure(
        "Free-riding share among active members of living commons, weighted by commons-weeks",
        free_riding, _ratio_of_sums("weighted", "weight")),
    "value_per_commons_week": Measure(
        "Public value per living commons per week", value_per_commons_week,
        _ratio_of_sums("value", "commons_weeks")),
    "initiatives_formed": Measure("Initiatives started over the run",
                                  _summary("initiatives_formed_total"), _mean_value),
    "adoption": Measure("Share of residents engaged at the end (adopted)",
                        _summary("engaged_share_final"), _mean_value),
    "dissolution_rate_ratio": Measure(
        "Dissolution rate of commons with fewer design principles in place over those with "
        "more (landmark analysis)", principles_survival, dissolution_rate_ratio),
}
