"""Sweep throughput: runs per minute with 1 and 2 local workers, and the machinery's overhead.

    .venv/bin/python benchmarks/bench_sweep.py [--runs 24] [--weeks 260] [--timeseries]

The same runs (default scenario, `--weeks` weeks, replications of one point) are done three
ways: directly (`run_one` in a loop in this process), then through the sweep machinery
(process pool, Parquet store, progress) with 1 and with 2 workers. Overhead is the 1-worker
sweep's wall time against the direct loop, in total and without the pool's one-off start-up
(time to the first result minus that run's own duration), and as the wall time not spent inside
runs. The pool's forkserver is started once per process, so the 2-worker pass starts warm.
Prints figures; asserts nothing. On a busy machine the direct and swept runs see different
loads; read the "outside runs" line for the machinery itself.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import yaml

from zelflerendestad.run.runner import run_one
from zelflerendestad.sweeps.backends import LocalBackend
from zelflerendestad.sweeps.plan import build_plan
from zelflerendestad.sweeps.runner import run_sweep
from zelflerendestad.sweeps.spec import load_spec
from zelflerendestad.sweeps.store import SweepStore

ROOT = Path(__file__).resolve().parents[1]


class Clock:
    """Progress stand-in that notes when each run came back."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.times: list[float] = []

    def advance(self, status: str) -> None:
        self.times.append(time.perf_counter() - self.start)


def make_plan(folder: Path, runs: int, weeks: int, timeseries: bool):
    spec = {"name": "bench", "base": str(ROOT / "configs" / "default.yaml"), "weeks": weeks,
            "seed": 1, "replications": runs,
            "parameters": {"municipality.vertical_share": [0.5]},
            "outputs": {"timeseries": timeseries}}
    path = folder / "bench.yaml"
    path.write_text(yaml.safe_dump(spec))
    return build_plan(load_spec(path))


def direct(plan) -> float:
    start = time.perf_counter()
    for task in plan.tasks(list(range(plan.n_runs))):
        run_one(task.config, task.seed)
    return time.perf_counter() - start


def swept(plan, workers: int, out: Path) -> tuple[float, float, float]:
    """(wall seconds, start-up seconds, summed run durations)."""
    store = SweepStore(out)
    store.clean()
    clock = Clock()
    records: list[float] = []

    class Store:
        def add(self, record) -> None:
            records.append(record.duration_s)
            store.add(record)

        def flush_if_due(self) -> None:
            store.flush_if_due()

        def flush(self) -> None:
            store.flush()

    outcome = run_sweep(plan.tasks(list(range(plan.n_runs))), LocalBackend(workers), Store(),
                        clock)
    wall = time.perf_counter() - clock.start
    store.consolidate()
    assert outcome.ok == plan.n_runs, outcome
    startup = clock.times[0] - records[0]
    return wall, startup, sum(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=24)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--timeseries", action="store_true", help="also keep time series")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan = make_plan(folder, args.runs, args.weeks, args.timeseries)
        print(f"default scenario, {args.weeks} weeks, {args.runs} runs, time series "
              f"{'kept' if args.timeseries else 'not kept'}; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        t_direct = direct(plan)
        print(f"direct loop:        {t_direct:7.1f} s  {60 * args.runs / t_direct:6.1f} runs/min")
        results = {}
        for workers in (1, 2):
            results[workers] = swept(plan, workers, folder / f"out{workers}")
        again = direct(plan)
        print(f"direct loop again:  {again:7.1f} s  {60 * args.runs / again:6.1f} runs/min "
              "(the two direct loops bracket the sweeps; their mean is the baseline)")
        t_direct = (t_direct + again) / 2
        for workers in (1, 2):
            wall, startup, busy = results[workers]
            rate = 60 * args.runs / wall
            print(f"sweep, {workers} worker{'s' if workers > 1 else ' '}:   {wall:7.1f} s  "
                  f"{rate:6.1f} runs/min  (pool start-up {startup:.1f} s, time inside runs "
                  f"{busy:.1f} s)")
            if workers == 1:
                total = wall / t_direct - 1
                steady = (wall - startup) / t_direct - 1
                outside = wall - startup - busy
                print(f"  overhead vs direct: {100 * total:+.1f}% in total, "
                      f"{100 * steady:+.1f}% without the one-off pool start-up "
                      f"({1000 * (wall - startup - t_direct) / args.runs:+.0f} ms per run)")
                print(f"  machinery time outside runs (dispatch, pickling, Parquet, progress): "
                      f"{outside:.2f} s = {100 * outside / busy:.1f}% of the time inside runs")


if __name__ == "__main__":
    main()
