"""Running a sweep's tasks: one run per task, results streamed to the store as they finish.

Plan.tasks() -> backend (backends.py: process pool or Dask) -> `execute()` in a worker ->
`RunRecord` -> `run_sweep()` -> SweepStore.

`execute` never raises: a run that fails becomes a record with status "failed" and its error, so
one bad point cannot stop a sweep. A worker that dies is the backend's business: Dask reruns its
tasks elsewhere; the local pool reports them as `Lost` (not recorded, so `--resume` reruns them).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyarrow as pa

from ..config.schema import CityConfig


@dataclass
class RunTask:
    """One run to do: which, with what config and seed, and what to keep."""

    run_id: int
    point_id: int
    replication: int
    seed: int
    config: CityConfig
    params: dict[str, Any]
    keep_timeseries: bool = False
    measures: tuple[str, ...] | None = None


@dataclass
class RunRecord:
    """What one run produced (or why it did not)."""

    run_id: int
    point_id: int
    replication: int
    seed: int
    params: dict[str, Any]
    status: str
    error: str | None
    duration_s: float
    worker: str
    summary: dict[str, Any] = field(default_factory=dict)
    timeseries: pa.Table | None = None

    def row(self) -> dict[str, Any]:
        """The run's row in runs.parquet."""
        return {"run_id": self.run_id, "point_id": self.point_id,
                "replication": self.replication, "seed": self.seed, **self.params,
                **self.summary, "status": self.status, "error": self.error,
                "duration_s": self.duration_s, "worker": self.worker}


@dataclass
class Lost:
    """A task whose worker died before it reported (not recorded; `--resume` reruns it)."""

    task: RunTask
    reason: str


class Backend(Protocol):
    """Where tasks run: yields one RunRecord or Lost per task, in completion order."""

    def describe(self) -> str:
        """One line for the user."""

    def results(self, tasks: Iterator[RunTask]) -> Iterator[RunRecord | Lost]:
        """Run the tasks; never hold more than a small window of them in memory."""

    def close(self) -> None:
        """Release workers or connections."""


def describe_error(exc: BaseException) -> str:
    """`Type: message (at file.py:line in function)` of the innermost frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        f = frames[-1]
        where = f" (at {os.path.basename(f.filename)}:{f.lineno} in {f.name})"
    return f"{type(exc).__name__}: {exc}{where}"


def _timeseries(task: RunTask, table: pa.Table) -> pa.Table:
    if task.measures:
        table = table.select(["week", *[m for m in task.measures if m != "week"]])
    n = table.num_rows
    table = table.add_column(0, "replication", pa.array([task.replication] * n, pa.int64()))
    return table.add_column(0, "run_id", pa.array([task.run_id] * n, pa.int64()))


def execute(task: RunTask) -> RunRecord:
    """Do one run in this process; failures become records, never exceptions."""
    from ..run import runner as model_runner

    start = time.perf_counter()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        result = model_runner.run_one(task.config, task.seed)
        ts = _timeseries(task, result.timeseries) if task.keep_timeseries else None
    except Exception as exc:  # a failed run is data, not a crash
        return RunRecord(task.run_id, task.point_id, task.replication, task.seed, task.params,
                         "failed", describe_error(exc), time.perf_counter() - start, worker)
    return RunRecord(task.run_id, task.point_id, task.replication, task.seed, task.params,
                     "ok", None, time.perf_counter() - start, worker, dict(result.summary), ts)


@dataclass
class SweepOutcome:
    """How a session of a sweep went."""

    ok: int = 0
    failed: int = 0
    lost: list[Lost] = field(default_factory=list)
    interrupted: bool = False


class _Sink(Protocol):
    def add(self, record: RunRecord) -> None: ...
    def flush_if_due(self) -> None: ...
    def flush(self) -> None: ...


class _Progress(Protocol):
    def advance(self, status: str) -> None: ...


def raise_interrupt(signum: int, frame: Any) -> None:
    """SIGTERM handler: stop as Ctrl-C does, so that finished work is kept."""
    raise KeyboardInterrupt


def interrupted(exc: BaseException | None) -> bool:
    """Whether `exc` is an interrupt, or was raised because of one.

    An interrupt that arrives while numba's dispatcher runs Python code (loading a cached
    kernel) reaches the caller as a SystemError caused by the KeyboardInterrupt.
    """
    while exc is not None:
        if isinstance(exc, KeyboardInterrupt):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def run_sweep(tasks: Iterable[RunTask], backend: Backend, store: _Sink,
              progress: _Progress) -> SweepOutcome:
    """Run tasks on a backend, streaming records into the store; Ctrl-C stops cleanly.

    Whatever finished before an interruption is flushed to disk, so `--resume` continues
    from there.
    """
    outcome = SweepOutcome()
    stream = backend.results(iter(tasks))
    try:
        with contextlib.closing(stream):
            for item in stream:
                if isinstance(item, Lost):
                    outcome.lost.append(item)
                    progress.advance("lost")
                    continue
                store.add(item)
                if item.status == "ok":
                    outcome.ok += 1
                else:
                    outcome.failed += 1
                progress.advance(item.status)
                store.flush_if_due()
    except (KeyboardInterrupt, SystemError) as exc:
        if not interrupted(exc):
            raise
        outcome.interrupted = True
    finally:
        store.flush()
    return outcome
