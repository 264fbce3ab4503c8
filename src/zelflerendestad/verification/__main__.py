"""`python -m zelflerendestad.verification`: run the docking checks, print, write the report.

Exits 1 when any check misses its target, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import bass, contagion, golden, march
from .common import Check, fmt_value, jobs_default

REGISTRY = {**bass.CHECKS, **march.CHECKS, **contagion.CHECKS}
PREFACE = """How the two details March (1991) leaves out are implemented (`learning.py`):
socialisation is gradual (a belief steps -1 -> 0 -> +1 towards the code, with probability p1 per
step), and the superior group is judged by performance: each week residents act on their beliefs,
flipping a coin where they hold no view (0), and score right minus wrong; those who outscore the
code's own score form the superior group, and the code adopts the majority of their *actions* per
dimension with probability 1 - (1 - p2)^k, k the majority's margin. So a lucky resident can be
superior. This is March's original program as described by Christensen (2015) and reproduced by
Workiewicz (2019); judging by knowledge instead (the reading of March's footnote 1) gives a code
that knows far less (0.73 of dimensions right instead of 0.93 at p1 = p2 = 0.1)."""


def golden_check() -> Check:
    """The golden runs as one check: every stored run reproduced exactly."""
    status, lines = {}, []
    for config in golden.golden_configs():
        diff = golden.compare(config)
        status[config.stem] = "same" if not diff else f"{len(diff)} differences"
        lines += [{"run": config.stem, "difference": d} for d in diff]
    return Check("golden_runs", "Golden runs: stored results reproduced", status,
                 target="each tests/golden/*.yaml run reproduces its stored JSON",
                 tolerance=f"relative {golden.RTOL:g}", passed=bool(status) and not lines,
                 tables=[("Differences (refresh with `make golden` if intended)", lines)])


def main(argv: list[str] | None = None) -> int:
    """Run the selected checks and write docs/verification.md and results.json."""
    names = ["golden_runs", *REGISTRY]
    ap = argparse.ArgumentParser(prog="python -m zelflerendestad.verification",
                                 description="Dock the model to Bass, March and Centola & Macy.")
    ap.add_argument("--fast", action="store_true", help="small, quick versions of each check")
    ap.add_argument("--only", default="", help=f"comma-separated checks: {', '.join(names)}")
    ap.add_argument("--jobs", type=int, default=jobs_default(), help="worker processes")
    ap.add_argument("--out", type=Path, default=Path("docs"), help="folder for the report")
    ap.add_argument("--no-report", action="store_true", help="print only, write nothing")
    args = ap.parse_args(argv)
    chosen = [n.strip() for n in args.only.split(",") if n.strip()] or names
    unknown = [n for n in chosen if n not in names]
    if unknown:
        print(f"error: unknown check(s) {', '.join(unknown)}; known: {', '.join(names)}",
              file=sys.stderr)
        return 2
    done: list[tuple[Check, float]] = []
    start = time.perf_counter()
    for name in chosen:
        t0 = time.perf_counter()
        if name == "golden_runs":
            check = golden_check()
        else:
            fn, full, fast = REGISTRY[name]
            check = fn(fast if args.fast else full, jobs=args.jobs)
        seconds = time.perf_counter() - t0
        done.append((check, seconds))
        print(f"{'PASS' if check.passed else 'FAIL'}  {check.name}  ({seconds:.0f} s)")
        print(f"      target:    {check.target}")
        print(f"      tolerance: {check.tolerance}")
        for k, v in check.figures.items():
            print(f"      {k}: {fmt_value(v)}")
        sys.stdout.flush()
    if not args.no_report:
        from .report import write_report
        md, js = write_report(done, args.out, args.fast, PREFACE)
        print(f"wrote {md} and {js}")
    failed = [c.name for c, _ in done if not c.passed]
    print(f"{len(done) - len(failed)} of {len(done)} checks pass in "
          f"{time.perf_counter() - start:.0f} s" + (f"; FAILED: {', '.join(failed)}"
                                                    if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
