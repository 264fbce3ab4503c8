"""The local pool's bookkeeping: a small window of tasks in flight, every task reported once,
and a dead worker costing only the runs it had in flight (reported as lost, not recorded).

The pool is replaced by threads and a dead worker by the `BrokenProcessPool` its futures would
raise, so the bookkeeping is tested in milliseconds; real worker processes dying are tested
through the CLI (test_sweeps_cli.py) and on a Dask cluster (test_sweeps_dask.py).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from zelflerendestad.sweeps import backends
from zelflerendestad.sweeps.backends import LocalBackend, default_workers
from zelflerendestad.sweeps.runner import Lost, RunRecord, RunTask


class Pools:
    """Thread pools standing in for process pools; counts pools and tasks in flight."""

    def __init__(self):
        self.made, self.in_flight, self.most = 0, 0, 0
        self.lock = threading.Lock()

    def pool(self) -> ThreadPoolExecutor:
        self.made += 1
        pools = self

        class Counting(ThreadPoolExecutor):
            def submit(self, fn, *args):
                with pools.lock:
                    pools.in_flight += 1
                    pools.most = max(pools.most, pools.in_flight)
                return super().submit(fn, *args)

        return Counting(1)

    def execute(self, task: RunTask) -> RunRecord:
        with self.lock:
            self.in_flight -= 1
        if task.params.get("die"):
            raise BrokenProcessPool("the worker died")
        return RunRecord(task.run_id, task.point_id, 0, task.seed, task.params, "ok", None, 0.0,
                         "thread", {"y": 2.0 * task.run_id})


def tasks(n: int, die: tuple[int, ...] = ()):
    return iter(RunTask(i, i, 0, i, None, {"die": i in die}) for i in range(n))


def run(monkeypatch, n: int, die: tuple[int, ...] = (), workers: int = 2):
    pools = Pools()
    monkeypatch.setattr(LocalBackend, "_pool", lambda self: pools.pool())
    return list(LocalBackend(workers).results(tasks(n, die), pools.execute)), pools


def test_every_task_is_reported_once_with_at_most_2w_plus_1_in_flight(monkeypatch):
    out, pools = run(monkeypatch, 40)
    assert sorted(r.run_id for r in out) == list(range(40))
    assert all(r.summary == {"y": 2.0 * r.run_id} for r in out)
    assert pools.most <= 2 * 2 + 1 and pools.made == 1


def test_a_dead_worker_loses_its_runs_and_a_new_pool_does_the_rest(monkeypatch):
    out, pools = run(monkeypatch, 30, die=(5, 17))
    lost = {r.task.run_id: r.reason for r in out if isinstance(r, Lost)}
    done = {r.run_id for r in out if isinstance(r, RunRecord)}
    assert set(lost) == {5, 17} and "a worker process died" in lost[5]
    assert done == set(range(30)) - {5, 17}  # the others all ran, none twice
    assert pools.made == 3  # rebuilt after each death


def test_workers_run_one_thread_each_and_say_how_many_they_are(monkeypatch):
    for var in backends.THREAD_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # the user's choice stays
    assert LocalBackend(0).describe() == "local process pool, 1 worker"
    assert LocalBackend(4).describe() == "local process pool, 4 workers"
    assert os.environ["OMP_NUM_THREADS"] == "3" and os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert default_workers() == len(os.sched_getaffinity(0))


class _Interrupting:
    """A backend whose stream is cut by `error` (an interrupt, as numba may wrap it)."""

    def __init__(self, error: BaseException):
        self.error = error

    def results(self, tasks):  # noqa: ANN001, ANN201
        raise self.error
        yield


class _Sink:
    flushed = 0

    def add(self, record):  # noqa: ANN001
        raise AssertionError("nothing finished")

    def flush_if_due(self):
        pass

    def flush(self):
        self.flushed += 1


class _Progress:
    def advance(self, status):  # noqa: ANN001
        pass


def _wrapped_interrupt() -> SystemError:
    """What a SIGTERM during a numba call gives: a SystemError caused by the interrupt."""
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as cause:
            raise SystemError("returned a result with an exception set") from cause
    except SystemError as exc:
        return exc


def test_an_interrupt_wrapped_by_numba_still_stops_the_sweep_cleanly():
    from zelflerendestad.sweeps.runner import run_sweep

    sink = _Sink()
    outcome = run_sweep([], _Interrupting(_wrapped_interrupt()), sink, _Progress())
    assert outcome.interrupted and sink.flushed == 1
    with pytest.raises(SystemError, match="a real one"):  # no interrupt: not swallowed
        run_sweep([], _Interrupting(SystemError("a real one")), _Sink(), _Progress())
