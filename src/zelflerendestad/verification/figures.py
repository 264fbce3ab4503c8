"""Figures of the docking checks (the only verification module that imports matplotlib).

`draw(check, folder)` writes the check's PNG(s) and returns their file names; each check has one
small function that plots what its `data` holds against its target.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from .common import Check

Axes = matplotlib.axes.Axes


def _against(ax: Axes, x: np.ndarray, mean: np.ndarray, target: np.ndarray, label: str,
             se: np.ndarray | None = None) -> None:
    ax.plot(x, target, "-", color="0.3", lw=1.5, label=label)
    ax.plot(x, mean, "o", ms=3, color="C0", label="model (mean of runs)")
    if se is not None:
        ax.fill_between(x, mean - 2 * se, mean + 2 * se, color="C0", alpha=0.25, lw=0)
    ax.set_ylabel("engaged share F")
    ax.legend(frameon=False)


def bass_discrete(c: Check, fig: plt.Figure) -> None:
    """Mean curve with 2 SE band against the recurrence; z per step against its bound."""
    d = c.data
    a, b = fig.subplots(1, 2)
    _against(a, d["t"], d["mean"], d["target"], "discrete Bass recurrence", d["se"])
    a.set_xlabel("period t")
    z = np.abs(d["mean"] - d["target"]) / np.where(d["se"] > 0, d["se"], np.inf)
    b.plot(d["t"], z, "o-", ms=3)
    b.axhline(c.figures["z_bound"], color="C3", ls="--", label="bound")
    b.set_xlabel("period t")
    b.set_ylabel("|mean - target| / SE")
    b.legend(frameon=False)


def bass_single(c: Check, fig: plt.Figure) -> None:
    """Mean curve against its exact or mean-field target."""
    d = c.data
    ax = fig.subplots()
    label = "1 - (1 - p)^t" if c.name == "bass_q0" else "logistic recurrence (own seeds)"
    _against(ax, d["t"], d["mean"], d["target"], label, d.get("se"))
    ax.set_xlabel("period t")


def bass_closed_form(c: Check, fig: plt.Figure) -> None:
    """F(t) and the adoption rate f(t) against Bass's closed form, with both peaks."""
    d = c.data
    a, b = fig.subplots(1, 2)
    _against(a, d["t"][::5], d["mean"][::5], d["target"][::5], "closed form F(t)")
    a.set_xlabel("t (periods; model steps of 1/10)")
    b.plot(d["mid"], d["rate_exact"], "-", color="0.3", label="closed form f(t)")
    b.plot(d["mid"], d["rate"], ".", ms=2, color="C0", label="model: new adoption per period")
    b.axvline(c.figures["peak_time_closed_form"], color="0.3", ls=":")
    b.axvline(d["peak"], color="C0", ls="--", label=f"model peak t = {d['peak']:.2f}")
    b.set_xlim(0, 20)
    b.set_xlabel("t (periods)")
    b.set_ylabel("adoption rate")
    b.legend(frameon=False)


def bass_sparse(c: Check, fig: plt.Figure) -> None:
    """Curves by network, and effective q against clustering."""
    d = c.data
    a, b = fig.subplots(1, 2)
    t = np.arange(d["fully_mixed"].size)
    a.plot(t, d["fully_mixed"], "k-", lw=2, label="fully mixed (Bass)")
    for i, (label, curve) in enumerate(d["curves"].items()):
        a.plot(t, curve, "-", color=plt.cm.viridis(i / max(len(d["curves"]) - 1, 1)),
               label=label)
    a.set_xlabel("period t")
    a.set_ylabel("engaged share F")
    a.legend(frameon=False, fontsize=7)
    for r in d["rows"]:
        b.plot(r["clustering"], r["effective q"], "o", color="C0")
        b.annotate(r["network"], (r["clustering"], r["effective q"]), fontsize=7,
                   xytext=(3, 3), textcoords="offset points")
    b.axhline(c.figures["nominal_q"], color="k", ls="--", label="nominal q")
    b.set_xlabel("mean local clustering coefficient")
    b.set_ylabel("effective q (fitted)")
    b.legend(frameon=False)


def march_figure1(c: Check, fig: plt.Figure) -> None:
    """March's Figure 1: equilibrium knowledge over p1 for each p2, model against reference."""
    from .march import P1, REFERENCE
    ax = fig.subplots()
    rows = c.data["rows"]
    for i, p2 in enumerate(REFERENCE):
        ax.plot(P1, REFERENCE[p2], "-", color=f"C{i}", lw=1, label=f"reference, p2 = {p2}")
        mine = [r for r in rows if r["p2"] == p2]
        ax.errorbar([r["p1"] for r in mine], [r["model"] for r in mine],
                    yerr=[r["95% CI +-"] for r in mine], fmt="o", color=f"C{i}", ms=4,
                    capsize=2, label=f"model, p2 = {p2}")
    ax.set_xlabel("socialisation rate p1 (vertical)")
    ax.set_ylabel("equilibrium knowledge of the code\n(right - wrong) / m")
    ax.legend(frameon=False, fontsize=8, ncol=2)


def march_turbulence(c: Check, fig: plt.Figure) -> None:
    """Mean knowledge of the code over the weeks, one line per turnover rate."""
    ax = fig.subplots()
    d = c.data
    for i, (rate, path) in enumerate(zip(d["rates"], d["paths"], strict=True)):
        ax.plot(np.arange(path.size), path, color=plt.cm.viridis(i / max(len(d["rates"]) - 1,
                                                                         1)),
                label=f"turnover {rate:g} per week")
    ax.set_xlabel("week")
    ax.set_ylabel("knowledge of the code, (right - wrong) / m")
    ax.legend(frameon=False, fontsize=8)


def contagion_rewiring(c: Check, fig: plt.Figure) -> None:
    """Reach and time to half against rewiring, simple and complex."""
    a, b = fig.subplots(1, 2)
    for i, kind in enumerate(("simple", "complex")):
        rows = [r for r in c.data["rows"] if r["contagion"] == kind]
        p = np.array([r["rewire p"] for r in rows])
        a.errorbar(p, [r["reach"] for r in rows], yerr=[r["reach 95% CI +-"] for r in rows],
                   fmt="o-", color=f"C{i}", capsize=2, label=kind)
        med = np.array([r["time to half (median)"] for r in rows])
        lo = med - np.array([r["q25"] for r in rows])
        hi = np.array([r["q75"] for r in rows]) - med
        b.errorbar(p, med, yerr=[lo, hi], fmt="o-", color=f"C{i}", capsize=2, label=kind)
    for ax in (a, b):
        ax.set_xscale("symlog", linthresh=0.01)
        ax.set_xlabel("rewiring probability p")
        ax.legend(frameon=False)
    a.set_ylabel("final reach (mean, 95% CI)")
    b.set_ylabel("weeks to reach half (median, quartiles)")
    b.set_yscale("log")


def contagion_regimes(c: Check, fig: plt.Figure) -> None:
    """Time to half against rewiring per reinforcement, one panel per threshold."""
    rows = c.data["rows"]
    axes = fig.subplots(1, 2, sharey=True)
    simple = rows[0]
    for ax, t in zip(axes, (2, 3), strict=True):
        for i, r in enumerate([simple, *[r for r in rows if r["threshold"] == t]]):
            keys = [k for k in r if k.startswith("weeks to half, p=")]
            p = [float(k.split("=")[1]) for k in keys]
            label = "simple" if r["threshold"] == 1 else f"reinforcement {r['reinforcement']}"
            ax.plot(p, [r[k] for k in keys], "o-", color=f"C{i}", label=label)
        ax.set_xscale("symlog", linthresh=0.01)
        ax.set_yscale("log")
        ax.set_title(f"threshold {t}")
        ax.set_xlabel("rewiring probability p")
        ax.legend(frameon=False, fontsize=8)
    axes[0].set_ylabel("weeks to reach half (median; gap = never)")


PLOTS: dict[str, tuple[Callable[[Check, plt.Figure], None], tuple[float, float]]] = {
    "bass_discrete": (bass_discrete, (10, 3.8)),
    "bass_q0": (bass_single, (5.5, 3.8)),
    "bass_p0": (bass_single, (5.5, 3.8)),
    "bass_closed_form": (bass_closed_form, (10, 3.8)),
    "bass_sparse": (bass_sparse, (11, 4.2)),
    "march_figure1": (march_figure1, (7, 4.5)),
    "march_turbulence": (march_turbulence, (7, 4.2)),
    "contagion_rewiring": (contagion_rewiring, (10, 4)),
    "contagion_regimes": (contagion_regimes, (10, 4)),
}


def draw(check: Check, folder: Path) -> list[str]:
    """Write the check's figure into `folder`; return the file names (none if no figure)."""
    if check.name not in PLOTS or not check.data:
        return []
    plot, size = PLOTS[check.name]
    fig = plt.figure(figsize=size, layout="constrained")
    plot(check, fig)
    fig.suptitle(check.title, fontsize=10)
    name = f"{check.name}.png"
    folder.mkdir(parents=True, exist_ok=True)
    fig.savefig(folder / name, dpi=110)
    plt.close(fig)
    return [name]
