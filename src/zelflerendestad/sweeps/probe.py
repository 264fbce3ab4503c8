"""Short trial runs before a sweep: check the measures asked for, estimate the time.

Plan -> `check_measures()` (a one-week run; unknown measure names are spec errors) and
`describe_plan()` (what `--dry-run` prints; times a few weeks of a few points to estimate).
"""

from __future__ import annotations

import difflib
import time
from pathlib import Path
from typing import Any

from ..config.loading import ConfigError, Problem
from ..run.runner import build_model

PROBE_WEEKS = 8


def check_measures(plan: Any) -> None:
    """Raise ConfigError if `outputs.measures` names a measure the model does not record."""
    asked = plan.loaded.spec.outputs.measures
    if not asked:
        return
    model = build_model(plan.config(0), plan.seeds[0])
    model.step()
    known = model.recorder.to_table().column_names
    problems = []
    for i, name in enumerate(asked):
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            problems.append(Problem(f"outputs.measures[{i}]", "the model records no such "
                                    "measure", name, allowed=", ".join(known),
                                    suggestion=close[0] if close else None,
                                    file=str(plan.loaded.file)))
    if problems:
        raise ConfigError(problems, f"invalid sweep spec {plan.loaded.file}")


def seconds_per_run(plan: Any, samples: int = 3) -> tuple[float | None, list[str]]:
    """Estimated seconds of one run (build plus steps, timed on a few points).

    Also returns the points whose probe run failed: a dry run reports them, never crashes.
    """
    ids = sorted({0, plan.n_points // 2, plan.n_points - 1})[:samples]
    times, failed = [], []
    for pid in ids:
        config = plan.config(pid)
        start = time.perf_counter()
        try:
            model = build_model(config, plan.seeds[0])
            built = time.perf_counter()
            weeks = min(PROBE_WEEKS, config.run.weeks)
            model.run(weeks)
        except Exception as exc:  # noqa: BLE001 - a model bug on a valid point: report it
            failed.append(f"point {pid} fails: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        per_week = (time.perf_counter() - built) / weeks
        times.append(built - start + per_week * config.run.weeks)
    return (sum(times) / len(times) if times else None), failed


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if seconds < 1:
        return "<1s"
    return f"{h}h{m:02d}m" if h else (f"{m}m{s:02d}s" if m else f"{s}s")


def _factor_line(f: Any) -> str:
    if f.kind == "range":
        grid = f", {f.steps} steps" if f.steps else ""
        return f"range [{f.low:g}, {f.high:g}]{grid}{' (integer)' if f.integer else ''}"
    shown = ", ".join(str(v) for v in f.values[:8]) + (" ..." if len(f.values) > 8 else "")
    return f"{'levels' if f.kind == 'levels' else 'values'}: {shown}"


def describe_plan(plan: Any, out: Path, recorded: int, todo: int, workers: int | None,
                  scheduler: str | None) -> str:
    """The dry-run report: design, runs, output folder and an estimated time."""
    from .backends import default_workers

    s = plan.loaded.spec
    weeks = plan.base.run.weeks
    lines = [f"sweep {s.name} ({plan.loaded.file})",
             f"  base:          {plan.loaded.base_file} ({weeks} weeks per run)",
             f"  design:        {s.design.type}, {plan.n_points} points"]
    for f in plan.loaded.factors:
        lines.append(f"    {f.name}: {_factor_line(f)}")
    lines += [f"  replications:  {plan.replications} per point (seeds: SeedSequence({s.seed}), "
              "the same at every point)",
              f"  runs:          {plan.n_runs} ({recorded} already recorded, {todo} to do)",
              f"  output:        {out} (time series: {'yes' if s.outputs.timeseries else 'no'})"]
    per_run, failed = seconds_per_run(plan) if todo else (None, [])
    lines += [f"  WARNING:       {f} (a real sweep records such runs as failed)" for f in failed]
    if per_run is not None:
        n = workers or default_workers()
        lines.append(f"  estimate:      ~{per_run:.2g} s per run on this machine -> "
                     f"~{_clock(per_run * todo / n)} with {n} local worker{'s' * (n > 1)}"
                     + (f"; on {scheduler}: divide {_clock(per_run * todo)} by the cluster's "
                        "worker count" if scheduler else ""))
    return "\n".join(lines)
