"""Put the summaries of two (or more) runs side by side: `compare_runs.py results/a results/b`.

results/<run>/summary.json -> one table, one row per summary number, with the difference between
the last and the first run. For students comparing a changed copy of a scenario with the
original (docs/students.md); sweeps have their own analysis tools.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def load(folder: str) -> dict:
    """The summary.json of a results folder (or the file itself)."""
    path = Path(folder)
    path = path / "summary.json" if path.is_dir() else path
    if not path.exists():
        sys.exit(f"error: {path} not found; give a results folder made by `zelflerendestad run`")
    return json.loads(path.read_text(encoding="utf-8"))


def fmt(value: object) -> str:
    """A number in 4 significant digits; n/a for missing."""
    return "n/a" if value is None else f"{value:.4g}" if isinstance(value, float) else str(value)


def table(names: list[str], summaries: list[dict]) -> str:
    """The comparison as aligned text."""
    keys = list(dict.fromkeys(k for s in summaries for k in s))
    head = ["measure", *names, "difference"]
    rows = []
    for k in keys:
        values = [s.get(k) for s in summaries]
        a, b = values[0], values[-1]
        diff = b - a if isinstance(a, int | float) and isinstance(b, int | float) else None
        rows.append([k, *map(fmt, values), "" if diff is None else f"{diff:+.4g}"])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))
                     for r in [head, *rows])


def main(argv: list[str] | None = None) -> None:
    """Command line: two or more results folders."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        sys.exit("usage: compare_runs.py RESULTS_A RESULTS_B [...]")
    print(table([Path(a).name for a in args], [load(a) for a in args]))


if __name__ == "__main__":
    main()
