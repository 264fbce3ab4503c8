"""Many workshop sessions on one server: step latency, memory per session, memory after close.

The app's server is one Python process; each browser session gets its own `SessionState` and,
while playing, its own thread that steps the city and redraws (what `page.Page` does). This
bench runs SESSIONS such sessions in threads of one process, each taking STEPS steps with
redraw as fast as it can (every participant pressing Play at once), and prints:
- step latency (model step + redraw of the pictures) per session-step: median, p95, max;
- the same for one session alone, and the process's CPU use, which say why p95 grows: the
  sessions share one interpreter, so their Python-bound work (matplotlib's drawing, the
  model's per-step bookkeeping) runs one at a time and a step waits for the others';
- RSS per session (growth from building the sessions, divided by their number);
- RSS after the sessions are dropped and collected (what a server has once it culls them;
  the app now culls a session 2 minutes after its browser is gone, Solara's default was 24 h).
Websocket transport and the browser's decoding are not included.
Run: .venv/bin/python benchmarks/bench_sessions.py   (SESSIONS=15 STEPS=50 RESIDENTS=2000)
"""

from __future__ import annotations

import ctypes
import gc
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import yaml

SESSIONS = int(os.environ.get("SESSIONS", "15"))
STEPS = int(os.environ.get("STEPS", "50"))
RESIDENTS = int(os.environ.get("RESIDENTS", "2000"))  # the default scenario's size


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def library(folder: Path):  # noqa: ANN201
    from zelflerendestad.app.library import load_library

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "default.yaml").write_text(yaml.safe_dump(
        {"meta": {"name": "bench"}, "city": {"residents": RESIDENTS}}))
    return load_library(folder)


def play(state, samples: list[float], start: threading.Barrier) -> None:  # noqa: ANN001
    start.wait()
    for _ in range(STEPS):
        began = time.perf_counter()
        state.step(1, False)
        state.draw("nl", "engagement", False)
        samples.append(time.perf_counter() - began)


def run(states: list) -> tuple[list[float], float, float]:
    samples: list[list[float]] = [[] for _ in states]
    start = threading.Barrier(len(states))
    threads = [threading.Thread(target=play, args=(s, out, start))
               for s, out in zip(states, samples, strict=True)]
    cpu, wall = time.process_time(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    return [x for out in samples for x in out], (time.process_time() - cpu) / wall, wall


def summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    return f"median {statistics.median(ms):7.0f} ms   p95 {p95:7.0f} ms   max {ms[-1]:7.0f} ms"


def main() -> None:
    import tempfile

    from zelflerendestad.app.state import SessionState

    lib = library(Path(tempfile.mkdtemp(prefix="bench-sessions-")))
    print(f"{SESSIONS} sessions x {STEPS} steps with redraw, {RESIDENTS} residents "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"load {os.getloadavg()[0]:.1f})")
    alone = SessionState.create(lib)
    alone.draw("nl", "engagement", False)
    samples, cores, _ = run([alone])
    print(f"  1 session     {summary(samples)}   cpu {cores:.2f} cores")
    del alone
    gc.collect()
    before = rss_mb()
    states = [SessionState.create(lib) for _ in range(SESSIONS)]
    for s in states:
        s.draw("nl", "engagement", False)
    built = rss_mb()
    samples, cores, wall = run(states)
    played = rss_mb()
    print(f"{SESSIONS:3d} sessions    {summary(samples)}   cpu {cores:.2f} cores, "
          f"{SESSIONS * STEPS / wall:.1f} session-steps/s")
    print(f"  RSS: {before:.0f} MB before, +{(built - before) / SESSIONS:.1f} MB per session "
          f"built, +{(played - before) / SESSIONS:.1f} MB per session after {STEPS} steps")
    del states
    gc.collect()
    freed = rss_mb()
    ctypes.CDLL(None).malloc_trim(0)  # hand the allocator's free pages back to the system
    print(f"  RSS after the sessions are freed: {freed:.0f} MB, after malloc_trim "
          f"{rss_mb():.0f} MB (without the trim the allocator keeps the pages for reuse)")


if __name__ == "__main__":
    main()
