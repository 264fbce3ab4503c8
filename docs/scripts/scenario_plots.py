"""Plots for the docs: the main outcomes of every scenario, and the README's picture.

configs/**/*.yaml -> run_one (a few seeds) -> docs/img/scenarios/<slug>.png, and a sweep of
municipality.vertical_share on the default scenario -> docs/img/readme_vertical_share.png.
`make docs-plots` runs it (a few minutes on one core); `make docs` then links the plots into
docs/scenarios.md. Not part of `make test`, except for a smoke test on a tiny scenario.

    python docs/scripts/scenario_plots.py                 # every scenario + README picture
    python docs/scripts/scenario_plots.py --only default  # one scenario
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from zelflerendestad.config.loading import load_config
from zelflerendestad.docgen.scenarios import load_scenario, scenario_files
from zelflerendestad.run.runner import run_one

ROOT = Path(__file__).resolve().parents[2]
# (panel title, candidate columns, share?): a share panel is drawn on [0, 1], a count panel on its
# own scale; columns a run does not record are left out, and so is a panel with none.
PRINCIPLES = ("boundaries", "congruence", "collective_choice", "monitoring",
              "graduated_sanctions", "conflict_resolution", "recognition", "nested")
PANELS = (
    ("Waking up (wakker worden)", ("engaged_share", "active_share", "burnout_share"), True),
    ("Trust", ("trust_government", "trust_neighbours"), True),
    ("Learning: what works here", ("knowledge_residents", "knowledge_code",
                                   "learning_capacity"), True),
    ("The municipality and its officials", ("vertical_intensity", "horizontal_intensity",
                                            "officials_strain"), True),
    ("Initiatives and commons (count)", ("initiatives_living", "commons_living"), False),
    ("Community strength, crowding", ("members_share", "community_strength", "felt_control",
                                      "intrinsic_motivation"), True),
    ("Inside the commons", ("contributors_share", "free_riding"), True),
    ("Ostrom's principles (living commons)", tuple(f"principle_{p}" for p in PRINCIPLES), True),
)
README_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
README_COLUMNS = (("engaged_share", "engaged share (wakker)"),
                  ("trust_government", "trust in government"),
                  ("knowledge_code", "the code's knowledge of what works"))


def run_seeds(cfg, seeds: list[int]) -> list[dict[str, np.ndarray]]:
    """One time series (column -> array) per seed."""
    out = []
    for seed in seeds:
        table = run_one(cfg, seed).timeseries
        out.append({name: table.column(name).to_numpy() for name in table.column_names})
    return out


def band(ax, runs: list[dict[str, np.ndarray]], column: str, label: str) -> None:
    """Mean over seeds as a line, min-max over seeds as a shaded band."""
    week = runs[0]["week"]
    values = np.vstack([r[column] for r in runs]).astype(float)
    with warnings.catch_warnings():  # weeks without a living commons are NaN in every seed
        warnings.simplefilter("ignore", RuntimeWarning)
        mean, low, high = (f(values, axis=0) for f in (np.nanmean, np.nanmin, np.nanmax))
    line, = ax.plot(week, mean, label=label, lw=1.6)
    if len(runs) > 1:
        ax.fill_between(week, low, high, color=line.get_color(), alpha=0.2, lw=0)


def plot_scenario(root: Path, path: Path, out_dir: Path, seeds: int,
                  weeks: int | None) -> Path:
    """Run one scenario for `seeds` seeds and save its panel figure."""
    scenario = load_scenario(root, path)
    cfg = scenario.config
    if weeks is not None:
        cfg = cfg.model_copy(update={"run": cfg.run.model_copy(update={"weeks": weeks})})
    runs = run_seeds(cfg, [cfg.run.seed + i for i in range(seeds)])
    panels = [(t, [c for c in cols if c in runs[0]], share) for t, cols, share in PANELS]
    panels = [p for p in panels if p[1]]
    ncols = min(4, len(panels))
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, 3.2 * nrows), sharex=True,
                             squeeze=False)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    for ax, (title, cols, share) in zip(axes.flat, panels, strict=False):
        for col in cols:
            band(ax, runs, col, col.removeprefix("principle_").replace("_", " "))
        for event in scenario.timeline:
            ax.axvline(event["week"], color="grey", ls=":", lw=1)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("week")
        if share:
            ax.set_ylim(-0.02, 1.02)
        ax.legend(fontsize=6 if len(cols) > 4 else 7, loc="best", ncol=2 if len(cols) > 4 else 1)
        ax.grid(alpha=0.3)
    fig.suptitle(f"{scenario.name}: mean of {seeds} seeds (band: min-max); dotted: "
                 "interventions", fontsize=10)
    fig.tight_layout()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{scenario.slug}.png"
    fig.savefig(target, dpi=90)
    plt.close(fig)
    return target


def plot_readme(root: Path, target: Path, seeds: int, weeks: int | None) -> Path:
    """The README's picture: the default scenario at five vertical shares."""
    base = load_config(root / "configs" / "default.yaml")
    fig, axes = plt.subplots(1, len(README_COLUMNS), figsize=(11, 3.3), sharex=True)
    colours = plt.cm.viridis(np.linspace(0, 0.9, len(README_SHARES)))
    for share, colour in zip(README_SHARES, colours, strict=True):
        cfg = base.model_copy(update={"municipality": base.municipality.model_copy(
            update={"vertical_share": share})})
        if weeks is not None:
            cfg = cfg.model_copy(update={"run": cfg.run.model_copy(update={"weeks": weeks})})
        runs = run_seeds(cfg, [cfg.run.seed + i for i in range(seeds)])
        for ax, (col, _) in zip(axes, README_COLUMNS, strict=True):
            values = np.vstack([r[col] for r in runs]).astype(float)
            ax.plot(runs[0]["week"], values.mean(axis=0), color=colour,
                    label=f"vertical share {share:g}")
    for ax, (_, title) in zip(axes, README_COLUMNS, strict=True):
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("week")
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle(f"Default city (2,000 residents), mean of {seeds} seeds per vertical share",
                 fontsize=10)
    fig.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=90)
    plt.close(fig)
    return target


def main(argv: list[str] | None = None) -> None:
    """Command line: which plots, how many seeds, where."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="repository root")
    ap.add_argument("--out", type=Path, default=None, help="folder for the scenario plots")
    ap.add_argument("--only", action="append", default=None,
                    help="plot only this scenario (its slug, e.g. default); repeatable")
    ap.add_argument("--seeds", type=int, default=3, help="seeds per scenario")
    ap.add_argument("--weeks", type=int, default=None, help="override run.weeks (quick looks)")
    ap.add_argument("--no-readme", action="store_true", help="skip the README picture")
    args = ap.parse_args(argv)
    out = args.out or args.root / "docs" / "img" / "scenarios"
    for path in scenario_files(args.root):
        slug = "-".join(path.relative_to(args.root / "configs").with_suffix("").parts)
        if args.only and slug not in args.only:
            continue
        print("wrote", plot_scenario(args.root, path, out, args.seeds, args.weeks), flush=True)
    if not args.no_readme and not args.only:
        target = (args.out or args.root / "docs" / "img") / "readme_vertical_share.png"
        print("wrote", plot_readme(args.root, target, args.seeds, args.weeks), flush=True)


if __name__ == "__main__":
    main()
