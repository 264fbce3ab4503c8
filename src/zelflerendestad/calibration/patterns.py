"""Judging a pattern at one design point: its statistic, and whether it lies in its band.

stats {(probe, arm, measure): value} -> `evaluate()` -> `Verdict`. A statistic that cannot be
computed (no commons formed, nobody adopted) is "not measurable" and counts as not reproduced:
a parameter set that cannot show a pattern has not shown it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .spec import Pattern

Stats = dict[tuple[str, str, str], float]


@dataclass(frozen=True)
class Verdict:
    """A pattern at one point: the compared numbers, the tested value, measurable, passed."""

    left: float
    right: float | None
    value: float
    measurable: bool
    passed: bool


def _finite(*xs: float | None) -> bool:
    return all(x is not None and not math.isnan(x) for x in xs)


def evaluate(p: Pattern, stats: Stats) -> Verdict:
    """The pattern's test at one point, from that point's pooled statistics."""
    t = p.test
    left = stats.get((p.probe, t.arm, p.measure), math.nan)
    if isinstance(t.than, str):
        right: float | None = stats.get((p.probe, t.than, p.measure), math.nan)
    else:
        right = None if t.than is None else float(t.than)
    if t.kind == "greater":
        ok = _finite(left, right)
        value = left - right if ok else math.nan  # type: ignore[operator]
        return Verdict(left, right, value, ok, ok and value > t.margin)
    if t.kind == "ratio":
        ok = _finite(left, right) and right != 0
        value = left / right if ok else math.nan  # type: ignore[operator]
        ok = ok and not math.isinf(value)
    else:
        ok, value = _finite(left), left
    lo, hi = t.band  # type: ignore[misc]
    return Verdict(left, right, value, ok, ok and lo <= value <= hi)


def describe_test(p: Pattern) -> str:
    """The band in words, as the report shows it."""
    t = p.test
    if t.kind == "greater":
        than = f"`{t.than}`" if isinstance(t.than, str) else f"{t.than:g}"
        margin = f" + {t.margin:g}" if t.margin else ""
        return f"{p.measure}(`{t.arm}`) > {p.measure}({than}){margin}" if isinstance(
            t.than, str) else f"{p.measure}(`{t.arm}`) > {than}{margin}"
    lo, hi = t.band  # type: ignore[misc]
    if t.kind == "ratio":
        return f"{lo:g} <= {p.measure}(`{t.arm}`) / {p.measure}(`{t.than}`) <= {hi:g}"
    return f"{lo:g} <= {p.measure}(`{t.arm}`) <= {hi:g}"
