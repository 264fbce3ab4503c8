"""Give a closed session's memory back: a full collection, then glibc's free pages to the OS.

Page -> `release_later()` (its cleanup, run when Solara closes the session) -> `trim()` in a
timer thread a moment later, once Solara has dropped the session. Two things kept a closed
session's memory: its city, canvases and widgets hang together in reference cycles, which
only the cycle collector frees, and an idle server may not run it for a long time; and glibc
keeps freed pages in its arenas (one per Play thread) for reuse, so the server's RSS stayed at
the peak of its sessions (`benchmarks/bench_memory.py`).
"""

from __future__ import annotations

import ctypes
import gc
import threading

DELAY_S = 3.0  # Solara closes the widgets and drops the session after the page's cleanup


def trim() -> bool:
    """Collect reference cycles, then return free heap pages to the OS (True if it did)."""
    gc.collect()
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, macOS): its allocator returns memory by itself
        return False
    return bool(libc.malloc_trim(0))


def release_later(delay: float = DELAY_S) -> threading.Timer:
    """`trim()` in a daemon thread after `delay` seconds."""
    timer = threading.Timer(delay, trim)
    timer.daemon = True
    timer.start()
    return timer
