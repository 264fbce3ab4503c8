"""Execution backends: a local process pool, or a Dask distributed cluster.

runner.run_sweep -> `LocalBackend` | `DaskBackend` -> runner.execute in worker processes.

Both keep only a small window of tasks in flight and yield results as they complete, so memory
stays flat however long the sweep. Both run the same `execute` on the same tasks, so a spec
gives the same numbers on a laptop and on a cluster.

Local workers are forked from a *forkserver* that has imported the model once (so no inherited
threads or locks, and a rebuilt pool starts at once), ignore Ctrl-C (the parent handles it and
flushes what finished) and exit by themselves when their parent dies, even by SIGKILL. If a
worker dies, the pool is rebuilt and its in-flight tasks are reported as lost. On Dask the
scheduler reruns a dead worker's tasks on other workers; a task that kills workers repeatedly
ends as `KilledWorker` and is reported as lost.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .runner import Lost, RunRecord, RunTask, execute

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


PRELOAD = ["zelflerendestad.sweeps.runner", "zelflerendestad.model"]


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalBackend:
    """A pool of worker processes on this machine."""

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        for var in THREAD_VARS:  # one run per core: no nested BLAS threads in the workers
            os.environ.setdefault(var, "1")

    def describe(self) -> str:
        """One line for the user."""
        return f"local process pool, {self.workers} worker{'s' * (self.workers > 1)}"

    def _pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker)

    def results(self, tasks: Iterator[RunTask], fn: Callable = execute
                ) -> Iterator[RunRecord | Lost]:
        """Run tasks in the pool; rebuild the pool if a worker dies.

        `fn` runs one task: a sweep's run (`runner.execute`) or an experiment's seed.
        """
        window = 2 * self.workers + 1
        backlog: deque[RunTask] = deque()
        pending: dict[Future, RunTask] = {}
        pool = self._pool()
        try:
            while True:
                broken = self._fill(pool, tasks, backlog, pending, window, fn)
                if not pending and not backlog:
                    break
                if pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        item = self._collect(fut, pending.pop(fut))
                        broken |= isinstance(item, Lost)
                        yield item
                if broken:
                    wait(pending)
                    for fut in list(pending):
                        yield self._collect(fut, pending.pop(fut))
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = self._pool()
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _fill(pool: ProcessPoolExecutor, tasks: Iterator[RunTask], backlog: deque[RunTask],
              pending: dict[Future, RunTask], window: int, fn: Callable) -> bool:
        while len(pending) < window:
            task = backlog.popleft() if backlog else next(tasks, None)
            if task is None:
                return False
            try:
                pending[pool.submit(fn, task)] = task
            except BrokenProcessPool:
                backlog.appendleft(task)
                return True
        return False

    @staticmethod
    def _collect(fut: Future, task: RunTask) -> RunRecord | Lost:
        try:
            return fut.result()
        except BrokenProcessPool:
            return Lost(task, "a worker process died while this run was in flight")

    def close(self) -> None:
        """Nothing to release: the pool lives only inside `results`."""


class DaskBackend:
    """Workers of an existing Dask distributed cluster (`dask scheduler` + `dask worker`)."""

    def __init__(self, address: str, timeout: str = "15s"):
        from distributed import Client

        self.address = address
        self.client = Client(address, timeout=timeout, set_as_default=False)
        self.token = uuid.uuid4().hex[:8]

    def threads(self) -> int:
        """Total worker threads in the cluster right now."""
        return sum(self.client.nthreads().values())

    def describe(self) -> str:
        """One line for the user."""
        n = len(self.client.nthreads())
        return f"Dask cluster at {self.address}: {n} workers, {self.threads()} threads"

    def results(self, tasks: Iterator[RunTask], fn: Callable = execute
                ) -> Iterator[RunRecord | Lost]:
        """Submit a window of tasks at a time; yield results as they complete.

        `fn` runs one task, as for the local pool.
        """
        from distributed import as_completed

        pending: dict[str, RunTask] = {}
        done = as_completed(loop=self.client.loop, with_results=False)

        def submit_more() -> None:
            window = max(8, 2 * self.threads())
            while len(pending) < window:
                task = next(tasks, None)
                if task is None:
                    return
                key = f"zelflerendestad-run-{self.token}-{task.run_id}"
                done.add(self.client.submit(fn, task, key=key, pure=False))
                pending[key] = task

        submit_more()
        for fut in done:
            task = pending.pop(fut.key)
            try:
                item: RunRecord | Lost = fut.result()
            except Exception as exc:  # KilledWorker, lost connection, ...
                item = Lost(task, f"{type(exc).__name__}: {exc}")
            fut.release()
            yield item
            submit_more()

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self.client.close()
