"""Best vertical share per parameter set, assumption and outcome (the table in README.md).

Reads the `aggregates.csv` that `zelflerendestad analyze` writes for `sweep_accepted.yaml` and
prints one Markdown table with a row per (assumption, parameter set), using the same reading
of "best" as experiments/vertical_gains_costs/optima.py (H / I / V, and the shares not told
apart from the best in brackets).
Usage: python optima_accepted.py figures_accepted/aggregates.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "vertical_gains_costs"))
from optima import OUTCOMES, X, best  # noqa: E402


def table(path: str) -> str:
    """Markdown table: one row per assumption and parameter set."""
    df = pd.read_csv(path)
    outcomes = [o for o in OUTCOMES if f"{o}_mean" in df.columns]
    lines = ["| assumption | parameter set | " + " | ".join(OUTCOMES[o] for o in outcomes) + " |",
             "|" + "---|" * (len(outcomes) + 2)]
    for (assumption, pset), rows in df.groupby(["assumption", "parameter_set"], sort=False):
        rows = rows.sort_values(X)
        lines.append(f"| {assumption} | {pset} | "
                     + " | ".join(best(rows, o) for o in outcomes) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print("Best vertical share per outcome: share, H (0) / I (interior) / V (1), and in "
          "brackets the shares whose mean lies inside the best point's 95% interval.\n")
    print(table(sys.argv[1]))
