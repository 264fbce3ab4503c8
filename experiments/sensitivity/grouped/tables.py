"""Print the README's tables from `figures/sobol.csv`: leading indices, and the N for +/-0.1.

Per outcome the leading indices; then how many base samples would bring the first-order
intervals under +/-0.1. Sobol estimators' bootstrap intervals shrink as 1/sqrt(N) (Saltelli et
al. 2010), so the N for a half-width h is N_used x (widest / h)^2, rounded up to a power of 2.
Run: .venv/bin/python experiments/sensitivity/grouped/tables.py N_USED
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
TARGET = 0.1
TOP = 4


def short(name: str) -> str:
    """A parameter's last key, or a group's name."""
    return name.rsplit(".", 1)[-1].replace("_", " ") if "." in name and " " not in name \
        else name


def top(table: pd.DataFrame) -> pd.DataFrame:
    """The TOP rows by ST of every outcome."""
    return table.sort_values("ST", ascending=False).groupby("outcome", sort=False).head(TOP)


def leading(table: pd.DataFrame) -> str:
    """Markdown: per outcome the TOP indices by ST, as `name: S1 +/- c / ST +/- c`."""
    rows = ["| outcome | " + " | ".join(str(i + 1) for i in range(TOP)) + " |",
            "|---|" + "---|" * TOP]
    best = top(table)
    for outcome in dict.fromkeys(table["outcome"]):
        cells = [f"{short(r.parameter)}: {r.S1:.2f} ± {r.S1_conf:.2f} / {r.ST:.2f} ± "
                 f"{r.ST_conf:.2f}" for r in best[best["outcome"] == outcome].itertuples()]
        rows.append(f"| {outcome} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def needed(conf: pd.Series, n_used: int) -> str:
    """Median and widest half-width, and the power-of-2 N that brings the widest under TARGET."""
    widest = float(conf.max())
    n = 1 << max(0, math.ceil(math.log2(n_used * (widest / TARGET) ** 2)))
    return f"median ±{conf.median():.3f}, widest ±{widest:.3f} (under ±{TARGET} from N = {n:,})"


def main() -> None:
    """Print the tables."""
    n_used = int(sys.argv[1])
    table = pd.read_csv(HERE / "figures" / "sobol.csv")
    print(leading(table), "\n")
    print(f"S1 half-widths at N = {n_used}: all indices {needed(table['S1_conf'], n_used)}; "
          f"the {TOP} leading per outcome {needed(top(table)['S1_conf'], n_used)}")


if __name__ == "__main__":
    main()
