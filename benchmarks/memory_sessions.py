"""What a closed app session leaves in the server: objects, malloc's heap, RSS, per round.

The app server runs in this process (uvicorn in a thread, Solara's culling after 5 s instead of
2 minutes), so after each round of BATCH tabs opened in chromium, played WEEKS weeks and closed,
the bench can look inside it: Solara's contexts and widgets still alive, every object the
cycle collector tracks counted by type (the types that grew since the last round are printed),
and glibc's `mallinfo2`: bytes in use, and bytes free but kept in its arenas. Live objects
flat while RSS creeps means the allocator (freed memory kept in arenas), not a leak. The first
round also pays for imports and numba's compiled kernels.
Run: .venv/bin/python benchmarks/memory_sessions.py   (ROUNDS=4 BATCH=5 WEEKS=20; try
MALLOC_ARENA_MAX=2 to compare arenas)
"""

from __future__ import annotations

import collections
import ctypes
import gc
import os
import re
import socket
import threading
import time
import urllib.request
from pathlib import Path

from bench_memory import open_tab  # the same tab: opened, WEEKS weeks played

HERE = Path(__file__).resolve().parent
ROUNDS = int(os.environ.get("ROUNDS", "4"))
BATCH = int(os.environ.get("BATCH", "5"))
WEEKS = int(os.environ.get("WEEKS", "20"))
CULL = "5s"


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def rss_mb() -> float:
    text = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024


def heap(libc: ctypes.CDLL) -> str:
    m = libc.mallinfo2()
    mb = 2 ** 20
    return (f"malloc in use {(m.uordblks + m.hblkhd) / mb:.0f} MB, free in its arenas "
            f"{m.fordblks / mb:.0f} MB of {m.arena / mb:.0f} MB")


def census() -> collections.Counter:
    return collections.Counter(f"{type(o).__module__}.{type(o).__qualname__}"
                               for o in gc.get_objects())


def start_server() -> str:
    from zelflerendestad.app import server

    server.CULL_TIMEOUT = CULL
    server.OFFLINE_ENV["SOLARA_KERNEL_CULL_TIMEOUT"] = CULL
    os.environ[server.CONFIGS_ENV] = str(HERE.parent / "configs")
    server.apply_settings()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server.guard_app("127.0.0.1", port, BATCH + 5)
    import solara.server.starlette as solara_server
    import uvicorn

    config = uvicorn.Config(solara_server.app, host="127.0.0.1", port=port,
                            log_level="warning", ws_per_message_deflate=False)
    threading.Thread(target=uvicorn.Server(config).run, daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2)
            return url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the app did not start")


def main() -> None:
    import warnings

    from playwright.sync_api import sync_playwright

    warnings.filterwarnings("ignore")
    url = start_server()
    from solara.server import kernel_context

    from zelflerendestad.app.memory import trim

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    trim()
    print(f"{ROUNDS} rounds of {BATCH} tabs, {WEEKS} weeks each; at start {rss_mb():.0f} MB RSS, "
          f"{heap(libc)} (load {os.getloadavg()[0]:.1f})", flush=True)
    last = census()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        for r in range(ROUNDS):
            pages = [open_tab(browser, url) for _ in range(BATCH)]
            full = rss_mb()
            for page in pages:
                page.close()
            waited = time.monotonic()
            while kernel_context.contexts and time.monotonic() - waited < 120:
                time.sleep(1)
            time.sleep(4)
            trim()
            now = census()
            print(f"round {r + 1}: {BATCH} tabs {full:.0f} MB, closed {rss_mb():.0f} MB; "
                  f"{heap(libc)}; contexts {len(kernel_context.contexts)}, objects "
                  f"{sum(now.values())} (load {os.getloadavg()[0]:.1f})", flush=True)
            grown = sorted(((now[k] - last.get(k, 0), k) for k in now), reverse=True)[:8]
            print("   grown since the last round:",
                  ", ".join(f"{k} +{d}" for d, k in grown if d > 0) or "nothing", flush=True)
            last = now
        browser.close()


if __name__ == "__main__":
    main()
