"""Figures of a sweep (matplotlib, written as PNG and SVG).

aggregate/sensitivity tables -> one function per kind of figure -> `save()`:
an outcome over one parameter with 95% bands, a heatmap over two parameters, time-series fan
charts per point, and bar charts of Sobol or Morris indices. Only this module (and nothing in
the model) imports matplotlib.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
MIN_RUNS_INTERVAL = 5  # fewer runs per point: a 95% band says little, and the figure says so
MIN_RUNS_FAN = 10  # fewer runs per point: the 5-95% quantiles are the extremes


def runs_note(n: pd.Series | list[int], needed: int, band: str) -> str:
    """'n = 4 runs per point' (or a range), with a warning when fewer than `needed`."""
    n = pd.Series(n).dropna().astype(int)
    if n.empty:
        return "n = 0"
    text = f"n = {n.min()}" + (f"-{n.max()}" if n.max() != n.min() else "") + " runs per point"
    if n.min() < needed:
        text += f"; WARNING: too few for a {band} (needs >= {needed})"
    return text


def label(name: str | None) -> str:
    """A readable axis label from a key path or column name."""
    if not name:
        return ""
    parts = name.split(".")
    short = parts[-1] if len(parts[-1]) > 5 or len(parts) == 1 else " ".join(parts[-2:])
    return short.replace("_", " ")


def save(fig: Figure, stem: Path) -> list[Path]:
    """Write `stem.png` and `stem.svg`; close the figure."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    fig.savefig(paths[0], dpi=150)
    fig.savefig(paths[1])
    plt.close(fig)
    return paths


def _panels(n: int, width: float = 4.2, height: float = 3.4, ncols: int = 3,
            **kw: Any) -> tuple[Figure, list[Any]]:
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols + 0.6, height * nrows),
                             squeeze=False, layout="constrained", **kw)
    flat = list(axes.flat)
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def _positions(values: pd.Series, order: list[Any]) -> tuple[np.ndarray, list[str] | None]:
    if pd.api.types.is_numeric_dtype(values):
        return values.to_numpy(dtype=float), None
    return np.array([order.index(v) for v in values], dtype=float), [str(v) for v in order]


def line_plot(prof: pd.DataFrame, x: str, outcome: str, hue: str | None, facet: str | None,
              orders: dict[str, list[Any]]) -> Figure:
    """`outcome` over `x`: mean and 95% band, a line per `hue` value, a panel per `facet`."""
    facets = orders[facet] if facet else [None]
    fig, axes = _panels(len(facets), sharey=True)
    for ax, fv in zip(axes, facets, strict=True):
        sub = prof if facet is None else prof[prof[facet] == fv]
        for hv in orders[hue] if hue else [None]:
            g = sub if hue is None else sub[sub[hue] == hv]
            if g.empty:
                continue
            g = g.sort_values(x, key=lambda s: s.map(orders[x].index)
                              if x in orders and not pd.api.types.is_numeric_dtype(s) else s)
            pos, ticks = _positions(g[x], orders.get(x, []))
            (line,) = ax.plot(pos, g["mean"], marker="o", ms=3,
                              label=None if hv is None else str(hv))
            ax.fill_between(pos, g["lo"], g["hi"], alpha=0.2, color=line.get_color(), lw=0)
            if ticks:
                ax.set_xticks(range(len(ticks)), ticks, rotation=30, ha="right")
        ax.set_xlabel(label(x))
        ax.set_title(f"{label(facet)}: {fv}" if facet else "", fontsize=10)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(label(outcome))
    if hue:
        axes[-1].legend(title=label(hue), fontsize=8, title_fontsize=8)
    fig.suptitle(f"{label(outcome)}: mean and 95% interval over replications\n"
                 f"{runs_note(prof['n'], MIN_RUNS_INTERVAL, '95% interval')}", fontsize=10)
    return fig


def factor_panels(profiles: dict[str, pd.DataFrame], outcome: str) -> Figure:
    """`outcome` over each parameter of a sampled design (binned means, 95% bands)."""
    fig, axes = _panels(len(profiles), width=3.4, height=2.8, ncols=4, sharey=True)
    for ax, (name, prof) in zip(axes, profiles.items(), strict=True):
        prof = prof.sort_values(name)
        pos, ticks = _positions(prof[name], list(prof[name]))
        ax.plot(pos, prof["mean"], marker="o", ms=3)
        ax.fill_between(pos, prof["lo"], prof["hi"], alpha=0.2, lw=0)
        if ticks:
            ax.set_xticks(range(len(ticks)), ticks, rotation=30, ha="right")
        ax.set_xlabel(label(name), fontsize=9)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(label(outcome))
    fig.suptitle(f"{label(outcome)} over each parameter (binned; mean and 95% interval; "
                 "other parameters vary)", fontsize=10)
    return fig


def heatmap(cells: pd.DataFrame, x: str, y: str, outcome: str, facet: str | None,
            orders: dict[str, list[Any]]) -> Figure:
    """Mean `outcome` over `x` (columns) by `y` (rows), a panel per `facet` value."""
    facets = orders[facet] if facet else [None]
    fig, axes = _panels(len(facets), width=4.4, height=3.6)
    lo, hi = cells[outcome].min(), cells[outcome].max()
    image = None
    for ax, fv in zip(axes, facets, strict=True):
        sub = cells if facet is None else cells[cells[facet] == fv]
        grid = sub.pivot_table(index=y, columns=x, values=outcome, aggfunc="mean")
        for axis, name in ((0, y), (1, x)):
            if name in orders and not pd.api.types.is_numeric_dtype(sub[name]):
                grid = grid.reindex([v for v in orders[name] if v in grid.axes[axis]],
                                    axis=axis)
        image = ax.imshow(grid.to_numpy(), origin="lower", aspect="auto", vmin=lo, vmax=hi,
                          cmap="viridis")
        ax.set_xticks(range(grid.shape[1]), [_short(v) for v in grid.columns], rotation=45,
                      ha="right", fontsize=8)
        ax.set_yticks(range(grid.shape[0]), [_short(v) for v in grid.index], fontsize=8)
        ax.set_xlabel(label(x))
        ax.set_ylabel(label(y))
        ax.set_title(f"{label(facet)}: {fv}" if facet else "", fontsize=10)
    fig.colorbar(image, ax=axes, label=label(outcome), shrink=0.9)
    fig.suptitle(f"{label(outcome)}: mean over replications", fontsize=11)
    return fig


def _short(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, float | np.floating) else str(value)


def fan_chart(ts: pd.DataFrame, measure: str, titles: dict[int, str]) -> Figure:
    """Weekly `measure` per point: median, 50% and 90% bands over replications."""
    fig, axes = _panels(len(titles), width=3.8, height=2.8, sharey=True, sharex=True)
    for ax, (pid, title) in zip(axes, titles.items(), strict=True):
        sub = ts[ts["point_id"] == pid]
        q = sub.groupby("week")[measure].quantile(list(QUANTILES)).unstack()
        weeks = q.index.to_numpy()
        ax.fill_between(weeks, q[0.05], q[0.95], alpha=0.2, lw=0, color="C0", label="90%")
        ax.fill_between(weeks, q[0.25], q[0.75], alpha=0.4, lw=0, color="C0", label="50%")
        ax.plot(weeks, q[0.5], color="C0", lw=1.2, label="median")
        ax.set_title(title, fontsize=8)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(label(measure))
    axes[0].legend(fontsize=7, loc="best")
    for ax in axes[-min(3, len(axes)):]:
        ax.set_xlabel("week")
    n = ts.groupby("point_id")["run_id"].nunique()
    fig.suptitle(f"{label(measure)} over time: median and bands over replications\n"
                 f"{runs_note(n, MIN_RUNS_FAN, '90% band')}", fontsize=10)
    return fig


def sobol_bars(table: pd.DataFrame) -> Figure:
    """First-order (S1) and total (ST) Sobol indices with 95% intervals, a panel per outcome."""
    outcomes = list(dict.fromkeys(table["outcome"]))
    rows = table.groupby("outcome").size().max()  # a bar pair per parameter or group
    fig, axes = _panels(len(outcomes), width=4.4, height=max(3.2, 0.8 + 0.2 * rows),
                        sharey=True)
    for ax, outcome in zip(axes, outcomes, strict=True):
        sub = table[table["outcome"] == outcome]
        pos = np.arange(len(sub))
        ax.barh(pos - 0.2, sub["S1"], 0.4, xerr=sub["S1_conf"], label="first order (S1)",
                capsize=2)
        ax.barh(pos + 0.2, sub["ST"], 0.4, xerr=sub["ST_conf"], label="total (ST)", capsize=2)
        ax.set_yticks(pos, [label(p) for p in sub["parameter"]], fontsize=8)
        ax.axvline(0, color="k", lw=0.5)
        ax.set_title(label(outcome), fontsize=10)
        ax.grid(alpha=0.3, axis="x")
    axes[0].legend(fontsize=8)
    grouped = " per parameter or group" if "members" in table else ""
    fig.suptitle(f"Sobol indices{grouped} (95% bootstrap intervals)", fontsize=11)
    return fig


def first_order_bars(table: pd.DataFrame, top: int = 12) -> Figure:
    """The `top` first-order indices (RBD-FAST, 95% intervals) of each outcome, a panel each."""
    outcomes = list(dict.fromkeys(table["outcome"]))
    fig, axes = _panels(len(outcomes), width=4.6, height=0.8 + 0.22 * top)
    for ax, outcome in zip(axes, outcomes, strict=True):
        sub = table[table["outcome"] == outcome].nlargest(top, "S1")[::-1]
        pos = np.arange(len(sub))
        ax.barh(pos, sub["S1"], 0.6, xerr=sub["S1_conf"], capsize=2)
        ax.set_yticks(pos, [label(p) for p in sub["parameter"]], fontsize=8)
        ax.axvline(0, color="k", lw=0.5)
        ax.set_title(label(outcome), fontsize=10)
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(f"First-order Sobol indices (RBD-FAST), top {top} per outcome "
                 "(95% bootstrap intervals)", fontsize=11)
    return fig


def morris_bars(table: pd.DataFrame) -> Figure:
    """Morris mu* (bars, 95% interval) and sigma (dots), a panel per outcome."""
    outcomes = list(dict.fromkeys(table["outcome"]))
    fig, axes = _panels(len(outcomes), width=4.4, height=3.2, sharey=True)
    for ax, outcome in zip(axes, outcomes, strict=True):
        sub = table[table["outcome"] == outcome]
        pos = np.arange(len(sub))
        ax.barh(pos, sub["mu_star"], 0.6, xerr=sub["mu_star_conf"], capsize=2, label="mu*")
        ax.plot(sub["sigma"], pos, "o", color="C3", ms=4, label="sigma")
        ax.set_yticks(pos, [label(p) for p in sub["parameter"]], fontsize=8)
        ax.set_title(label(outcome), fontsize=10)
        ax.grid(alpha=0.3, axis="x")
    axes[0].legend(fontsize=8)
    fig.suptitle("Morris elementary effects: mu* (95% interval) and sigma", fontsize=11)
    return fig
