"""Where is the best mix? Per setting and outcome, the vertical share with the best mean.

Reads the `aggregates.csv` files that `zelflerendestad analyze` writes (means and 95% intervals
per point) and prints one Markdown table per file: for each level of the non-x factor and each
outcome, the best vertical share, the shares whose mean lies inside the best point's interval
(a best that is not told apart from its neighbours shows as a range), and whether that is pure
horizontal (H, share 0), pure vertical (V, share 1) or interior (I). Lower is better for
incidents; higher for everything else.

Usage: python optima.py figures/aggregates.csv [figures_flip/aggregates.csv ...]
"""

from __future__ import annotations

import sys

import pandas as pd

X = "municipality.vertical_share"
OUTCOMES = {
    "community_strength_last_year": "community strength",
    "commons_alive_end": "living commons",
    "active_share_last_year": "active share",
    "trust_government_final": "trust in government",
    "incidents_total": "incidents (fewest)",
    "inclusion_periphery_active_last_year": "periphery included (active)",
}


def best(rows: pd.DataFrame, outcome: str) -> str:
    """'0.6 I [0.4-0.8]': best share, its kind, and the shares not told apart from it."""
    sign = -1.0 if outcome.startswith("incidents") else 1.0
    mean = sign * rows[f"{outcome}_mean"].to_numpy()
    lo, hi = sorted(sign * rows[[f"{outcome}_lo", f"{outcome}_hi"]].to_numpy()[mean.argmax()])
    x = rows[X].to_numpy()
    top = x[mean.argmax()]
    near = x[mean >= lo]
    kind = "H" if top == x.min() else "V" if top == x.max() else "I"
    span = f" [{near.min():.1f}-{near.max():.1f}]" if near.size > 1 else ""
    return f"{top:.1f} {kind}{span}"


def table(path: str) -> str:
    """One Markdown table of best shares for one aggregates file."""
    df = pd.read_csv(path)
    group = next(c for c in df.columns if c not in (X, "point_id") and not c.startswith(
        ("runs_",)) and not c.endswith(("_mean", "_lo", "_hi")))
    outcomes = [o for o in OUTCOMES if f"{o}_mean" in df.columns]
    head = f"| {group} | " + " | ".join(OUTCOMES[o] for o in outcomes) + " |"
    lines = [f"`{'/'.join(path.split('/')[-2:])}`", "", head, "|" + "---|" * (len(outcomes) + 1)]
    for level, rows in df.groupby(group, sort=False):
        rows = rows.sort_values(X)
        lines.append(f"| {level} | " + " | ".join(best(rows, o) for o in outcomes) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print("Best vertical share per outcome: share, H (0) / I (interior) / V (1), and in "
          "brackets the shares whose mean lies inside the best point's 95% interval.\n")
    print("\n\n".join(table(p) for p in sys.argv[1:]))
