"""Give a closed session's memory back: a full collection, then glibc's free pages to the OS.

Page -> `release_later()` (its cleanup, run when Solara closes the session) -> `trim()` in a
timer thread a moment later, once Solara has dropped the session. Two things kept a closed
session's memory: its city, canvases and widgets hang together in reference cycles, which
only the cycle collector frees, and an idle server may not run it for a long time; and glibc
keeps freed pages in its arenas (one per Play thread) for reuse, so the server's RSS stayed at
the peak of its sessions (`benchmarks/bench_memory.py`).

What still crept after that (a few MB per batch of closed sessions) was not live objects: with
every session closed, the objects the collector tracks and malloc's bytes in use stay flat from
round to round while its arenas grow, free memory kept in them
(`benchmarks/memory_sessions.py`). glibc gives each thread that allocates at once its own arena,
up to 8 per core, and a freed session leaves holes in several of them; `limit_arenas()` (called
by `server.serve` before any thread starts) keeps two.
"""

from __future__ import annotations

import ctypes
import gc
import threading

DELAY_S = 3.0  # Solara closes the widgets and drops the session after the page's cleanup
ARENAS = 2  # malloc arenas for all the server's threads, which mostly wait
M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, macOS): its allocator returns memory by itself
        return None


def trim() -> bool:
    """Collect reference cycles, then return free heap pages to the OS (True if it did)."""
    gc.collect()
    libc = _libc()
    return bool(libc and libc.malloc_trim(0))


def limit_arenas(arenas: int = ARENAS) -> bool:
    """At most `arenas` malloc arenas from now on (True if glibc took it)."""
    libc = _libc()
    return bool(libc and libc.mallopt(M_ARENA_MAX, arenas))


def release_later(delay: float = DELAY_S) -> threading.Timer:
    """`trim()` in a daemon thread after `delay` seconds."""
    timer = threading.Timer(delay, trim)
    timer.daemon = True
    timer.start()
    return timer
