"""`python -m zelflerendestad.calibration SPEC`: run a calibration and write its report.

`make calibrate` runs experiments/calibration/spec.yaml in full (one worker, niced); `--reduced`
runs the spec's small version (the test suite does this into a temporary folder). Bad input
exits 2 without a traceback; an interrupted run exits 130 and continues where it stopped when
started again.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from ..config.loading import ConfigError
from ..sweeps.store import StoreError, SweepStore
from .engine import Calibration, check_reuse, evaluate_store
from .report import accepted_yaml, csv_text, markdown, point_rows, results, write_text
from .spec import load_spec


def parse(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(prog="python -m zelflerendestad.calibration",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("spec", type=Path, help="calibration spec YAML")
    ap.add_argument("--reduced", action="store_true", help="the spec's reduced version")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--store", type=Path, default=Path("results/calibration"),
                    help="folder for the runs (a subfolder per spec and model fingerprint)")
    ap.add_argument("--docs", type=Path, default=Path("docs/calibration.md"))
    ap.add_argument("--accepted", type=Path,
                    default=Path("experiments/calibration/accepted.yaml"))
    ap.add_argument("--results", type=Path,
                    default=Path("experiments/calibration/results.json"))
    ap.add_argument("--points", type=int, metavar="N",
                    help="use only the design's first N points (their runs and store are the "
                    "full design's, so a stopped run can be reported on what it finished)")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    ap.add_argument("--evaluate", type=Path, metavar="STORE_DIR",
                    help="run nothing: evaluate the runs in STORE_DIR (made by older code for "
                    "the same design and probes) and rewrite the report")
    return ap.parse_args(argv)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run, evaluate, write; return the exit code."""
    args = parse(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _terminate)  # `kill` saves what finished, like Ctrl-C
    try:
        spec, base_raw, base_file = load_spec(args.spec)
        if args.reduced:
            spec = spec.reduce()
        cal = Calibration.build(spec, base_raw, args.spec)
        if args.points is not None:
            if not 1 <= args.points <= len(cal.design.points):
                print(f"error: --points must be 1 to {len(cal.design.points)} (the design's "
                      f"points), not {args.points}", file=sys.stderr)
                return 2
            cal = cal.first(args.points)
    except ConfigError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    store_dir = args.evaluate or args.store / f"{spec.name}-{cal.fingerprint}"
    try:
        if args.evaluate:
            store = SweepStore(store_dir)
            check_reuse(cal, store)
        else:
            store = cal.run(store_dir, jobs=args.jobs, quiet=args.quiet)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"interrupted; finished runs are kept in {store_dir}; run the same command to "
              "continue", file=sys.stderr)
        return 130
    outcome = evaluate_store(cal, store)
    command = "python -m zelflerendestad.calibration " + " ".join(
        [str(args.spec)] + (["--reduced"] if args.reduced else [])
        + ([f"--points {args.points}"] if args.points is not None else []))
    res = results(outcome, command)
    extends = os.path.relpath(base_file, args.accepted.resolve().parent)
    write_text(args.results, json.dumps(res, indent=1, ensure_ascii=False) + "\n")
    write_text(args.results.with_name("points.csv"), csv_text(point_rows(outcome)))
    write_text(args.accepted, accepted_yaml(res, extends))
    write_text(args.docs, markdown(res))
    if not args.quiet:
        print(f"accepted {res['accepted']} of {len(outcome.points)} points; wrote {args.docs}, "
              f"{args.accepted}, {args.results} and points.csv beside it", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
