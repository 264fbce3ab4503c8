"""`zelflerendestad analyze DIR`: tables and figures from a sweep folder.

sweep folder -> data.load_sweep -> aggregate (means, 95% intervals) + sensitivity (SALib) ->
CSV tables, plots (PNG + SVG) and summary.md in DIR/analysis/.

Which figures depend on the design: a grid gets an outcome over its x parameter (lines per
`hue`, panels per `facet`) and a heatmap of x by hue; a sampled design of up to 36 parameters
gets an outcome over each parameter (binned) and a heatmap of its first two numeric parameters;
sobol, morris and lhs designs add their index tables (lhs: first-order by RBD-FAST) and bar
charts; kept time series give fan charts for a few points.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .aggregate import aggregate_points, cells, profile
from .data import DEFAULT_FAN_MEASURES, AnalysisError, SweepData, choose_outcomes, load_sweep

__all__ = ["AnalysisError", "analyze"]

MAX_HUE = 8
MAX_FACET = 6
MAX_FACTOR_PANELS = 36  # a sampled design over more parameters: no outcome-by-parameter panels
MAX_PAIRED_POINTS = 200  # a sampled design of more points: no per-point pairs (paired.py)


def _slug(name: str) -> str:
    return name.replace(".", "-").replace("/", "-")


def choose_axes(data: SweepData) -> tuple[str, str | None, str | None]:
    """x, hue and facet for a grid: the spec's choice, else by order and number of values."""
    asked = data.manifest["spec"].get("analysis", {})
    counts = {f: data.points[f].nunique() for f in data.factors}
    x = asked.get("x") or next((f for f in data.factors if data.is_numeric(f)
                                and counts[f] > 2), data.factors[0])
    rest = [f for f in data.factors if f != x]
    hue = asked.get("hue") or next((f for f in rest if counts[f] <= MAX_HUE), None)
    rest = [f for f in rest if f != hue]
    facet = asked.get("facet") or next((f for f in rest if counts[f] <= MAX_FACET), None)
    return x, hue, facet


def _grid_figures(data: SweepData, outcomes: list[str], out: Path,
                  orders: dict[str, list[Any]]) -> list[Path]:
    x, hue, facet = choose_axes(data)
    by = [f for f in (hue, facet) if f]
    paths = []
    from . import plots

    for o in outcomes:
        prof = profile(data.runs, x, o, by)
        paths += plots.save(plots.line_plot(prof, x, o, hue, facet, orders),
                            out / f"line_{_slug(o)}")
        if hue:
            grid = cells(data.runs, x, hue, o, [facet] if facet else None)
            paths += plots.save(plots.heatmap(grid, x, hue, o, facet, orders),
                                out / f"heatmap_{_slug(o)}")
    return paths


def _sampled_figures(data: SweepData, outcomes: list[str], out: Path,
                     orders: dict[str, list[Any]], notes: list[str]) -> list[Path]:
    from . import plots

    numeric = [f for f in data.factors if data.is_numeric(f)]
    paths = []
    many = len(data.factors) > MAX_FACTOR_PANELS
    if many:
        notes.append(f"{len(data.factors)} parameters: no figure of each outcome over each "
                     f"parameter (more than {MAX_FACTOR_PANELS} panels cannot be read) and no "
                     "heatmap of the first two; "
                     "aggregates.csv holds the points")
    for o in outcomes:
        if not many:
            profiles = {f: profile(data.runs, f, o) for f in data.factors}
            paths += plots.save(plots.factor_panels(profiles, o),
                                out / f"parameters_{_slug(o)}")
        if len(numeric) >= 2 and not many:  # among many, the first two are arbitrary
            grid = cells(data.runs, numeric[0], numeric[1], o)
            paths += plots.save(plots.heatmap(grid, numeric[0], numeric[1], o, None, orders),
                                out / f"heatmap_{_slug(o)}")
    return paths


def _fan_points(data: SweepData) -> list[int]:
    asked = data.manifest["spec"].get("analysis", {})
    points = data.points
    for name, values in (asked.get("fan_select") or {}).items():
        points = points[points[name].isin(values)]
    ids = points["point_id"].to_list()
    k = min(int(asked.get("fan_points") or 6), len(ids))
    if not k:
        return []
    return [ids[i] for i in sorted({int(round(v)) for v in np.linspace(0, len(ids) - 1, k)})]


def _fan_figures(data: SweepData, out: Path) -> list[Path]:
    from . import plots

    kept = data.timeseries_measures()
    asked = data.manifest["spec"].get("analysis", {}).get("fan_measures")
    measures = [m for m in (asked or DEFAULT_FAN_MEASURES) if m in kept] or kept[:3]
    ids = _fan_points(data)
    if not measures or not ids:
        return []
    ts = data.timeseries(ids, measures)
    rows = data.points.set_index("point_id")
    varying = [f for f in data.factors if rows.loc[ids, f].nunique() > 1] or data.factors
    titles = {pid: "\n".join(f"{plots.label(f)} = {plots._short(rows.at[pid, f])}"
                              for f in varying) for pid in ids}
    paths = []
    for m in measures:
        paths += plots.save(plots.fan_chart(ts, m, titles), out / f"fan_{_slug(m)}")
    return paths


def _sensitivity(data: SweepData, outcomes: list[str], out: Path,
                 tables: dict[str, pd.DataFrame], notes: list[str]) -> list[Path]:
    from . import plots
    from .sensitivity import first_order_table, morris_table, sobol_table

    paths: list[Path] = []
    if data.design == "sobol":
        first, second, more = sobol_table(data.manifest, data.runs, len(data.points), outcomes)
        tables["sobol"], tables["sobol_second_order"] = first, second
        notes += more
        if not first.empty:
            paths += plots.save(plots.sobol_bars(first), out / "sobol_indices")
    elif data.design in ("morris", "lhs"):
        matrix = data.points[[f"x:{f}" for f in data.factors]].to_numpy(dtype=np.float64)
        if data.design == "morris":
            table, more = morris_table(data.manifest, data.runs, matrix, outcomes)
            name, figure = "morris", plots.morris_bars
        else:
            table, more = first_order_table(data.manifest, data.runs, matrix, outcomes)
            name, figure = "first_order", plots.first_order_bars
        tables[name] = table
        notes += more
        if not table.empty:
            paths += plots.save(figure(table), out / f"{name}_indices")
    for name, table in tables.items():
        if not table.empty:
            table.to_csv(out / f"{name}.csv", index=False)
            paths.append(out / f"{name}.csv")
    return paths


def _paired(data: SweepData, outcomes: list[str], out: Path, tables: dict[str, pd.DataFrame],
            notes: list[str]) -> list[Path]:
    """Same-seed differences of every point from point 0 (paired.csv), and a replication note."""
    from .paired import paired_differences
    from .plots import MIN_RUNS_INTERVAL

    reps = int(data.manifest["replications"])
    if reps < MIN_RUNS_INTERVAL:
        notes.append(f"{reps} replication(s) per point: the 95% intervals and bands rest on "
                     f"fewer than {MIN_RUNS_INTERVAL} runs each; read them as rough")
    if reps < 2 or len(data.points) < 2 or len(data.points) > MAX_PAIRED_POINTS:
        return []
    table = paired_differences(data.runs, data.points, data.factors, outcomes)
    tables["paired"] = table
    table.to_csv(out / "paired.csv", index=False)
    return [out / "paired.csv"]


def _discovery(data: SweepData, conditions: list[str], out: Path,
               tables: dict[str, pd.DataFrame]) -> list[Path]:
    from .discovery import discover

    boxes = [discover(data.runs, data.factors, c).table() for c in conditions]
    tables["discovery"] = pd.concat(boxes, ignore_index=True)
    tables["discovery"].to_csv(out / "discovery.csv", index=False)
    return [out / "discovery.csv"]


def analyze(root: str | Path, out: str | Path | None = None,
            outcomes: list[str] | None = None,
            discover: list[str] | None = None) -> list[Path]:
    """Write aggregates, sensitivity tables, figures and summary.md; return the paths.

    `discover`: conditions on the outcomes (pandas queries) for PRIM scenario discovery.
    """
    from .report import summary_markdown

    data = load_sweep(root)
    out = Path(out) if out else data.root / "analysis"
    out.mkdir(parents=True, exist_ok=True)
    chosen = choose_outcomes(data, outcomes)
    agg = aggregate_points(data.runs, data.points, data.factors, data.outcomes)
    agg.to_csv(out / "aggregates.csv", index=False)
    written = [out / "aggregates.csv"]
    orders = {f: list(dict.fromkeys(data.points[f])) for f in data.factors}
    tables: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    if data.ok.empty:
        notes.append("no run finished: nothing to plot")
        figures: list[Path] = []
    elif data.design == "grid":
        figures = _grid_figures(data, chosen, out, orders)
    else:
        figures = _sampled_figures(data, chosen, out, orders, notes)
    if not data.ok.empty:
        made = _sensitivity(data, chosen, out, tables, notes)
        written += [p for p in made if p.suffix == ".csv"]
        figures += [p for p in made if p.suffix != ".csv"]
        if data.has_timeseries():
            figures += _fan_figures(data, out)
        written += _paired(data, chosen, out, tables, notes)
        if discover:
            written += _discovery(data, discover, out, tables)
    written += figures
    text = summary_markdown(data.manifest, data.runs, agg, data.factors, chosen, tables, notes,
                            figures, out)
    (out / "summary.md").write_text(text + "\n", encoding="utf-8")
    return [*written, out / "summary.md"]
