"""Paired arm differences: each arm against the reference arm, seed by seed, with intervals.

rows (one per seed, arm, group, week) -> the mean of each outcome over a phase per seed ->
arm minus reference within each seed (paired: same seed, same burn-in) -> mean difference and
a 95% t interval over the seeds.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy import stats


def phase_means(rows: list[dict], outcome: str) -> dict[tuple, float]:
    """(seed, arm, group, phase) -> mean of the outcome over the phase's weeks (NaN: none)."""
    acc: dict[tuple, list[float]] = defaultdict(list)
    for r in rows:
        acc[(r["seed"], r["arm"], r["group"], r["phase"])].append(r[outcome])
    return {k: _mean(v) for k, v in acc.items()}


def _mean(values: list[float]) -> float:
    finite = np.asarray(values, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    return float(finite.mean()) if finite.size else float("nan")


def interval(diffs: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and its two-sided t interval (NaN bounds with fewer than two values)."""
    mean = float(diffs.mean())
    if diffs.size < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf(0.5 + level / 2, diffs.size - 1) * diffs.std(ddof=1) / np.sqrt(diffs.size)
    return mean, mean - float(half), mean + float(half)


def paired_differences(rows: list[dict], arms: list[str], outcomes: list[str]) -> list[dict]:
    """One row per (arm vs reference, group, phase, outcome): the paired difference."""
    ref, out = arms[0], []
    for outcome in outcomes:
        means = phase_means(rows, outcome)
        seeds = sorted({k[0] for k in means})
        cells = sorted({(k[2], k[3]) for k in means}, key=lambda c: (c[0], _order(rows, c[1])))
        for arm in arms[1:]:
            for group, phase in cells:
                a = np.array([means[(s, arm, group, phase)] for s in seeds])
                b = np.array([means[(s, ref, group, phase)] for s in seeds])
                ok = np.isfinite(a) & np.isfinite(b)
                a, b = a[ok], b[ok]
                if not ok.any():
                    a = b = np.array([float("nan")])
                mean, lo, hi = interval(a - b)
                out.append({"arm": arm, "reference": ref, "group": group, "phase": phase,
                            "outcome": outcome, "arm_mean": float(a.mean()),
                            "reference_mean": float(b.mean()), "difference": mean,
                            "low": lo, "high": hi, "seeds": int(ok.sum())})
    return out


def _order(rows: list[dict], phase: str) -> int:
    return next(r["week"] for r in rows if r["phase"] == phase)


def table(diffs: list[dict]) -> str:
    """A Markdown table of the paired differences."""
    lines = ["| arm − reference | group | phase | outcome | arm | reference | difference "
             "[95% interval] |", "|---|---|---|---|---|---|---|"]
    for d in diffs:
        lines.append(f"| {d['arm']} − {d['reference']} | {d['group']} | {d['phase']} | "
                     f"{d['outcome']} | {d['arm_mean']:.3f} | {d['reference_mean']:.3f} | "
                     f"{d['difference']:+.3f} [{d['low']:+.3f}, {d['high']:+.3f}] |")
    return "\n".join(lines) + "\n"
