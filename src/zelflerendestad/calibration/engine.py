"""Running a calibration: design, probe runs (resumable), verdicts, accepted sets, held-out.

spec -> `Calibration.build()` (every probe config validated before anything runs) ->
`run()` (tasks streamed into a `sweeps.store.SweepStore` folder: batches are atomic, a rerun
skips what is recorded) -> `evaluate()` -> `Outcome` (per point: statistics and verdicts;
accepted points; posterior; held-out prediction) -> report.

The store's folder name carries a fingerprint of what the runs depend on (design, probes, base
config, the model's source), so a changed model starts a fresh folder instead of mixing old runs
with new, while a changed band or report only re-evaluates the runs already there.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..config.loading import ConfigError, Problem
from ..sweeps.design import Design
from ..sweeps.plan import replication_seeds
from ..sweeps.runner import RunRecord
from ..sweeps.store import StoreError, SweepStore
from .measures import MEASURES
from .patterns import Verdict, evaluate
from .priors import PriorError, design
from .probes import ProbeTask, probe_config, run_probe
from .spec import CalibrationSpec

PACKAGE = Path(__file__).resolve().parents[1]


#: What a run's numbers depend on besides the spec: the model and config modules, and how a
#: probe is built and measured (not the pattern tests or the report: those are recomputed).
RUN_SOURCES = ("*.py", "config/*.py", "commons/*.py", "run/runner.py", "run/recorder.py",
               "calibration/measures.py", "calibration/probes.py")


def source_hash() -> str:
    """Fingerprint of the code a probe run's results depend on."""
    h = hashlib.sha256()
    for path in sorted({p for pattern in RUN_SOURCES for p in PACKAGE.glob(pattern)}):
        h.update(str(path.relative_to(PACKAGE)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@dataclass
class Calibration:
    """A built calibration: the design and every run it needs."""

    spec: CalibrationSpec
    spec_file: Path
    base_raw: dict[str, Any]
    design: Design
    tasks: list[ProbeTask]
    fingerprint: str

    @classmethod
    def build(cls, spec: CalibrationSpec, base_raw: dict[str, Any],
              spec_file: Path) -> Calibration:
        """Make the design and validate every probe config; raise `ConfigError`."""
        try:
            d = design(spec.free, spec.design.type, spec.design.samples, spec.seed)
        except PriorError as exc:
            raise ConfigError([Problem("free", str(exc), file=str(spec_file))],
                              f"invalid calibration spec {spec_file}") from None
        needs: dict[str, set[str]] = defaultdict(set)
        for p in spec.patterns:
            needs[p.probe].add(p.measure)
        tasks: list[ProbeTask] = []
        for pid, point in enumerate(d.points):
            for name in sorted(needs):
                probe = spec.probes[name]
                seeds = replication_seeds(spec.seed, probe.replications)
                for arm_name, arm in probe.arms.items():
                    config = _validated(base_raw, probe.config, arm, point, spec_file,
                                        f"probes.{name}.arms.{arm_name}", pid)
                    for rep, seed in enumerate(seeds):
                        tasks.append(ProbeTask(len(tasks), pid, name, arm_name, rep, seed,
                                               config, tuple(sorted(needs[name]))))
        runs = spec.model_dump(mode="json", include={"seed", "design", "free", "probes"})
        blob = json.dumps({"runs": runs, "measures": {k: sorted(v) for k, v in needs.items()},
                           "base": base_raw, "source": source_hash()}, sort_keys=True,
                          default=str)
        return cls(spec, spec_file, base_raw, d, tasks,
                   hashlib.sha256(blob.encode()).hexdigest()[:12])

    def first(self, n: int) -> Calibration:
        """The same calibration on the design's first `n` points only (same runs, same store).

        The points of a Latin hypercube come in random order, so its first n are a random
        subset of its strata: still a uniform sample of the prior, only a coarser one.
        """
        d = self.design
        head = type(d)(d.kind, d.points[:n], d.matrix[:n], d.problem, d.settings)
        return replace(self, design=head, tasks=[t for t in self.tasks if t.point_id < n])

    def stages(self) -> list[int]:
        """The probes' stages, in order."""
        return sorted({p.stage for p in self.spec.probes.values()})

    def run(self, out: Path, jobs: int = 1, quiet: bool = False) -> SweepStore:
        """Run, stage by stage, what is not recorded yet in `out`; return the store."""
        store = SweepStore(out)
        store.lock()
        try:
            self._run_stages(store, out, jobs, quiet)
        finally:
            store.release()
        return store

    def _run_stages(self, store: SweepStore, out: Path, jobs: int, quiet: bool) -> None:
        store.clean()
        if not (out / "manifest.json").exists():
            store.create(self.manifest(), _points_table(self))
        for stage in self.stages():
            eligible = set(self.eligible(store, stage))
            done = {k for k, v in store.statuses().items() if v == "ok"}
            todo = [t for t in self.tasks if t.point_id in eligible and t.run_id not in done
                    and self.spec.probes[t.probe].stage == stage]
            progress = _Progress(stage, len(eligible), len(todo), quiet)
            try:
                for task, result, seconds in _execute(todo, jobs):
                    store.add(_record(task, result, seconds))
                    store.flush_if_due()
                    progress.advance()
            finally:
                store.flush()
                store.consolidate()

    def eligible(self, store: SweepStore, stage: int) -> list[int]:
        """Points that passed every calibration pattern of the stages before `stage`."""
        earlier = [p.id for p in self.spec.patterns if p.use == "calibrate"
                   and self.spec.probes[p.probe].stage < stage]
        if not earlier:
            return list(range(len(self.design.points)))
        o = evaluate_store(self, store)
        return [i for i, v in enumerate(o.verdicts) if all(v[k].passed for k in earlier)]

    def manifest(self) -> dict[str, Any]:
        """What the store folder holds: spec, fingerprint, design, seeds."""
        from ..run.manifest import git_commit, now, versions

        m = {"kind": "calibration", "started": now(), "versions": versions(("SALib",)),
             "git_commit": git_commit(), "command": sys.argv, "base": self.base_raw}
        m.update({ "name": self.spec.name,
                  "spec_file": str(self.spec_file), "fingerprint": self.fingerprint,
                  "spec": self.spec.model_dump(mode="json"), "n_points": len(self.design.points),
                  "n_runs": len(self.tasks)})
        return m


def _validated(base_raw: dict, probe_cfg: dict, arm: Any, point: dict, spec_file: Path,
               where: str, pid: int) -> Any:
    try:
        return probe_config(base_raw, probe_cfg, arm, point, str(spec_file))
    except ConfigError as exc:
        shown = ", ".join(f"{k}={v}" for k, v in point.items())
        raise ConfigError([Problem(where, f"{p.path}: {p.message} (point {pid}: {shown})",
                                   p.value, p.allowed, file=str(spec_file))
                           for p in exc.problems], f"invalid calibration spec {spec_file}"
                          ) from None


def _points_table(c: Calibration) -> Any:
    import pyarrow as pa

    data: dict[str, Any] = {"point_id": list(range(len(c.design.points)))}
    for name in c.spec.free_names:
        data[name] = [p[name] for p in c.design.points]
    return pa.table(data)


def _timed(task: ProbeTask) -> tuple[ProbeTask, dict[str, Any], float]:
    start = time.perf_counter()
    result = run_probe(task)
    return task, result, time.perf_counter() - start


def _execute(tasks: list[ProbeTask], jobs: int) -> Iterator[tuple[ProbeTask, dict, float]]:
    if jobs <= 1 or len(tasks) < 2:
        yield from map(_timed, tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_timed, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8))))


def _record(task: ProbeTask, result: dict[str, Any], seconds: float) -> RunRecord:
    return RunRecord(task.run_id, task.point_id, task.replication, task.seed,
                     {"probe": task.probe, "arm": task.arm}, result["status"],
                     result.get("error"), seconds, f"{socket.gethostname()}:{os.getpid()}",
                     {"components": json.dumps(result["components"])})


class _Progress:
    """A line on stderr every tenth of the runs (quiet in tests)."""

    def __init__(self, stage: int, points: int, total: int, quiet: bool):
        self.total, self.done, self.quiet = total, 0, quiet
        self.start, self.next = time.monotonic(), max(1, total // 10)
        if not quiet:
            print(f"calibration stage {stage}: {total} runs to do at {points} points",
                  file=sys.stderr)

    def advance(self) -> None:
        self.done += 1
        if not self.quiet and (self.done >= self.next or self.done == self.total):
            self.next += max(1, self.total // 10)
            print(f"  {self.done}/{self.total} runs ({time.monotonic() - self.start:.0f} s)",
                  file=sys.stderr)


@dataclass
class Outcome:
    """What the calibration found."""

    calibration: Calibration
    stats: list[dict[tuple[str, str, str], float]]
    verdicts: list[dict[str, Verdict]]
    ran: list[set[str]]  # per point: the probes that ran there
    failed_runs: int
    seconds: float
    accepted: list[int] = field(default_factory=list)
    runs_done: int = 0
    fingerprint: str = ""  # of the code that made the runs (the store's manifest)

    @property
    def points(self) -> list[dict[str, Any]]:
        """The design's points."""
        return self.calibration.design.points


def evaluate_store(c: Calibration, store: SweepStore) -> Outcome:
    """Pool each point's replications, judge every pattern, pick the accepted points."""
    table = store.runs_table()
    n = len(c.design.points)
    rows = [r for r in (table.to_pylist() if table is not None else []) if r["point_id"] < n]
    by_key: dict[tuple[int, str, str], list[dict]] = defaultdict(list)
    failed, seconds = 0, 0.0
    for r in rows:
        seconds += r.get("duration_s") or 0.0
        if r["status"] != "ok":
            failed += 1
            continue
        by_key[(r["point_id"], r["probe"], r["arm"])].append(json.loads(r["components"]))
    stats: list[dict[tuple[str, str, str], float]] = [{} for _ in range(n)]
    ran: list[set[str]] = [set() for _ in range(n)]
    for (pid, probe, arm), comps in by_key.items():
        ran[pid].add(probe)
        for m in comps[0]:
            stats[pid][(probe, arm, m)] = MEASURES[m].combine([x[m] for x in comps])
    verdicts = [{p.id: evaluate(p, s) for p in c.spec.patterns} for s in stats]
    calibrate = [p.id for p in c.spec.patterns if p.use == "calibrate"]
    accepted = [i for i, v in enumerate(verdicts) if all(v[k].passed for k in calibrate)]
    made_by = store.manifest().get("fingerprint", c.fingerprint)
    return Outcome(c, stats, verdicts, ran, failed, seconds, accepted, len(rows), made_by)


def check_reuse(c: Calibration, store: SweepStore) -> str:
    """The fingerprint of a store made by other code for the same runs; raise if it is not."""
    m = store.manifest()
    if m.get("kind") != "calibration":
        raise StoreError(f"{store.root} is not a calibration folder")
    keys = ("seed", "design", "free", "probes")
    if {k: m["spec"].get(k) for k in keys} != c.spec.model_dump(mode="json", include=set(keys)):
        raise StoreError(f"{store.root} was made from a different design or probes; it cannot "
                         "be evaluated with this spec")
    return m["fingerprint"]


def posterior(o: Outcome) -> list[dict[str, Any]]:
    """Per free parameter: prior bounds, and the accepted sets' range and quantiles."""
    from .priors import factors

    out = []
    for f in factors(o.calibration.spec.free):
        values = [o.points[i][f.name] for i in o.accepted]
        row: dict[str, Any] = {"name": f.name, "kind": "choice" if f.categorical else "range"}
        if f.categorical:
            row["prior"] = list(f.values)
            row["accepted_counts"] = {str(v): values.count(v) for v in f.values}
        else:
            row["prior"] = [f.low, f.high]
            if values:
                q = np.quantile(values, [0.0, 0.05, 0.5, 0.95, 1.0])
                row.update({"min": q[0], "q05": q[1], "median": q[2], "q95": q[3],
                            "max": q[4], "share_of_prior": (q[4] - q[0]) / (f.high - f.low)})
        out.append(row)
    return out


def representative(o: Outcome) -> int | None:
    """The accepted point nearest the accepted sets' median (in unit prior space)."""
    from .priors import factors

    if not o.accepted:
        return None
    fs = [f for f in factors(o.calibration.spec.free) if not f.categorical]
    unit = np.array([[(o.points[i][f.name] - f.low) / (f.high - f.low) for f in fs]
                     for i in o.accepted]).reshape(len(o.accepted), len(fs))
    distance = np.abs(unit - np.median(unit, axis=0)).sum(axis=1)
    return o.accepted[int(np.argmin(distance))]


def pass_share(o: Outcome, pattern_id: str, among: list[int]) -> float:
    """Share of the `among` points where the pattern's probe ran that show it (NaN: none ran)."""
    probe = next(p.probe for p in o.calibration.spec.patterns if p.id == pattern_id)
    among = [i for i in among if probe in o.ran[i]]
    if not among:
        return math.nan
    return sum(o.verdicts[i][pattern_id].passed for i in among) / len(among)
