"""Print the README's tables: leading first-order indices, and where the lever's sign flips.

The first from `figures/first_order.csv` (written by `analyze`). The second from the runs
themselves: over the Latin hypercube every point has its own vertical share, so within each
quarter of a parameter's range the least-squares slope of an outcome on the vertical share
(with a 95% interval) says whether more vertical steering helps there; a sign that changes
between quarters is a flip, and the parameter it hangs on is named.
Run: .venv/bin/python experiments/sensitivity/first_order/tables.py [SWEEP_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from zelflerendestad import load_results

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
LEVER = "municipality.vertical_share"
TOP = 5
# the two vertical assumptions the headline flipped on (experiments/vertical_gains_costs)
ALWAYS = ("residents.handover_load", "residents.programme_role_gain")
OUTCOMES = ("community_strength_last_year", "active_share_final", "commons_alive_end",
            "trust_government_final", "incidents_total", "inclusion_periphery_final")


def short(name: str) -> str:
    """A parameter's last key, readable."""
    return name.rsplit(".", 1)[-1].replace("_", " ")


def leading(table: pd.DataFrame) -> str:
    """Markdown: per outcome the TOP first-order indices as `name S1 ± c`."""
    rows = ["| outcome | " + " | ".join(str(i + 1) for i in range(TOP)) + " |",
            "|---|" + "---|" * TOP]
    for outcome, sub in table.groupby("outcome", sort=False):
        cells = [f"{short(r.parameter)} {r.S1:.2f} ± {r.S1_conf:.2f}"
                 for r in sub.nlargest(TOP, "S1").itertuples()]
        rows.append(f"| {outcome} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def slope(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Least-squares slope of y on x and its 95% half-width."""
    fit = stats.linregress(x, y)
    return fit.slope, stats.t.ppf(0.975, len(x) - 2) * fit.stderr


def cell(b: float, h: float) -> str:
    """A slope with its interval and its sign: + (more vertical helps), - or 0 (unclear)."""
    sign = "+" if b - h > 0 else "−" if b + h < 0 else "0"
    return f"{b:+.3f} ± {h:.3f} ({sign})"


def flips(frame: pd.DataFrame, table: pd.DataFrame) -> str:
    """Markdown: per outcome the slope on the vertical share, overall and per quarter.

    Quarters of the three parameters (other than the lever) with the largest first-order
    index, and of the two vertical assumptions.
    """
    lines = []
    for outcome in OUTCOMES:
        if outcome not in frame:
            continue
        ranked = table[(table["outcome"] == outcome) & (table["parameter"] != LEVER)]
        movers = list(dict.fromkeys([*ranked.nlargest(3, "S1")["parameter"], *ALWAYS]))
        b, h = slope(frame[LEVER].to_numpy(), frame[outcome].to_numpy())
        lines += [f"**{outcome}**: slope on the vertical share over the whole design "
                  f"{cell(b, h)}", "",
                  "| within the quarter of | lowest | second | third | highest |",
                  "|---|---|---|---|---|"]
        for p in movers:
            quarter = pd.qcut(frame[p], 4, labels=False)
            cells = [cell(*slope(frame.loc[quarter == q, LEVER].to_numpy(),
                                 frame.loc[quarter == q, outcome].to_numpy())) for q in range(4)]
            lines.append(f"| {short(p)} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    """Print both tables for the sweep folder (default results/sweeps/first_order_all)."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "results/sweeps/first_order_all"
    data = load_results(root)
    table = pd.read_csv(HERE / "figures" / "first_order.csv")
    frame = data.runs[data.runs["status"] == "ok"]
    print(f"{len(frame)} finished runs\n\n{leading(table)}\n\n{flips(frame, table)}")


if __name__ == "__main__":
    main()
