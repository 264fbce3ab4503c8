"""The markdown summary of an analysed sweep (summary.md).

aggregates, sensitivity tables, notes, figure list -> `summary_markdown()` -> one page a
researcher can read on GitHub or paste into a lab notebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .plots import label
from .sensitivity import group_members

MAX_ROWS = 60


def md_table(df: pd.DataFrame, digits: int = 3) -> str:
    """A GitHub markdown table (no extra dependency)."""
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return "" if pd.isna(v) else f"{v:.{digits}g}"
        return str(v)

    head = "| " + " | ".join(str(c) for c in df.columns) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _interval_table(agg: pd.DataFrame, factors: list[str], outcomes: list[str]) -> pd.DataFrame:
    out = agg[["point_id", *factors]].rename(columns={f: label(f) for f in factors})
    for o in outcomes:
        out[label(o)] = [f"{m:.3g} [{lo:.3g}, {hi:.3g}]" if pd.notna(lo) else
                         ("" if pd.isna(m) else f"{m:.3g}")
                         for m, lo, hi in zip(agg[f"{o}_mean"], agg[f"{o}_lo"], agg[f"{o}_hi"],
                                              strict=True)]
    return out


def _group_lines(problem: dict[str, Any]) -> list[str]:
    return [f"- **{group}** ({len(names)}): " + ", ".join(f"`{n}`" for n in names)
            for group, names in group_members(problem).items()]


def summary_markdown(manifest: dict[str, Any], runs: pd.DataFrame, agg: pd.DataFrame,
                     factors: list[str], outcomes: list[str], tables: dict[str, pd.DataFrame],
                     notes: list[str], figures: list[Path], out: Path) -> str:
    """The whole summary page."""
    spec = manifest["spec"]
    n_ok = int((runs["status"] == "ok").sum())
    lines = [f"# Sweep `{manifest['name']}`: analysis", ""]
    if spec.get("description"):
        lines += [spec["description"].strip(), ""]
    lines += [
        f"- design: **{manifest['design']['type']}**, {manifest['n_points']} points x "
        f"{manifest['replications']} replications = {manifest['n_runs']} runs; "
        f"{len(runs)} recorded, {n_ok} ok, {len(runs) - n_ok} failed",
        f"- base config: `{Path(manifest['base_file']).name}`, {manifest['weeks']} weeks per run,"
        f" root seed {manifest['seed']} (common random numbers across points)",
        f"- code: git {manifest['git_commit']}, zelflerendestad "
        f"{manifest['versions'].get('zelflerendestad')}, Python {manifest['python']}",
        "- intervals: 95% t-interval of the mean over replications; for outcomes within "
        "[0, 1] a percentile bootstrap (2,000 resamples), which stays within [0, 1]; "
        "differences between points are paired on the seed (`paired.csv`)", ""]
    lines += ["## Outcomes per point (mean [95% interval])", ""]
    if len(agg) <= MAX_ROWS:
        lines += [md_table(_interval_table(agg, factors, outcomes)), ""]
    else:
        lines += [f"{len(agg)} points: see `aggregates.csv`.", ""]
    titles = {"sobol": "## Sobol indices (first order S1, total ST, 95% intervals)",
              "sobol_second_order": "## Sobol second-order indices",
              "morris": "## Morris elementary effects",
              "first_order": "## First-order Sobol indices (RBD-FAST, 95% intervals)",
              "discovery": "## Scenario discovery (PRIM): where the condition holds",
              "paired": "## Paired differences from point 0 (same seeds; 95% t-interval, "
                        "paired and unpaired p)"}
    problem = manifest["design"].get("problem") or {}
    if problem.get("groups"):
        titles["sobol"] = "## Sobol indices per group (first order S1, total ST, 95% intervals)"
        lines += ["## Groups (their parameters move together and get one index)", "",
                  *_group_lines(problem), ""]
    for name, table in tables.items():
        if not table.empty:
            shown = md_table(table) if len(table) <= MAX_ROWS else \
                f"{len(table)} rows: see `{name}.csv`."
            lines += [titles[name], "", shown, ""]
    if notes:
        lines += ["## Notes", "", *[f"- {n}" for n in notes], ""]
    lines += ["## Figures", ""]
    for path in figures:
        if path.suffix == ".png":
            rel = path.relative_to(out)
            lines += [f"![{path.stem}]({rel.as_posix()})", ""]
    return "\n".join(lines)
