"""Progress of a sweep: a live bar on a terminal, a line every so often in a log file.

runner.run_sweep -> `SweepProgress.advance(status)` -> rich bar (stderr is a terminal) or
plain lines (CI logs, `nohup`, a batch job's output file).
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s"


class SweepProgress:
    """Counts runs done, failed and lost, and shows time left."""

    def __init__(self, total: int, already: int = 0, live: bool | None = None,
                 every_seconds: float = 30.0):
        self.total, self.already = total, already
        self.counts = {"ok": 0, "failed": 0, "lost": 0}
        self.live = sys.stderr.isatty() if live is None else live
        self.every = every_seconds
        self._start = self._last = time.monotonic()
        self._bar: Progress | None = None
        self._task = None

    def __enter__(self) -> SweepProgress:
        if self.live:
            self._bar = Progress(
                TextColumn("[bold]sweep"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[failed]}"), TimeElapsedColumn(),
                TextColumn("left"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False)
            self._bar.start()
            self._task = self._bar.add_task("runs", total=self.total, completed=self.already,
                                            failed="")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    @property
    def done(self) -> int:
        """Runs finished this session (any status)."""
        return sum(self.counts.values())

    def advance(self, status: str) -> None:
        """One more run finished with `status` (ok, failed or lost)."""
        self.counts[status] = self.counts.get(status, 0) + 1
        bad = self.counts["failed"] + self.counts["lost"]
        if self._bar is not None:
            self._bar.update(self._task, advance=1,
                             failed=f"[red]{bad} failed" if bad else "")
            return
        now = time.monotonic()
        if now - self._last >= self.every or self.already + self.done == self.total:
            self._last = now
            print(self.line(), file=sys.stderr, flush=True)

    def line(self) -> str:
        """`sweep: 120/880 runs (3 failed), 2m10s elapsed, ~10m40s left`."""
        elapsed = time.monotonic() - self._start
        finished = self.already + self.done
        bad = self.counts["failed"] + self.counts["lost"]
        left = elapsed / self.done * (self.total - finished) if self.done else float("nan")
        return (f"sweep: {finished}/{self.total} runs"
                + (f" ({bad} failed)" if bad else "")
                + f", {_clock(elapsed)} elapsed"
                + (f", ~{_clock(left)} left" if self.done and finished < self.total else ""))
