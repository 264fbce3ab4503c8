"""The app server's memory with many sessions: RSS per session, and after they are closed.

Starts `zelflerendestad app` as a trainer does (the repository's configs: the default city of
2,000 residents) and opens ROUNDS x BATCH browser tabs in chromium, BATCH at a time: each tab
builds its city, plays WEEKS weeks (+10 weken) and stays open until the whole batch is open;
then the batch's tabs are closed and the bench waits until the server has freed their sessions
(Solara culls a session `server.CULL_TIMEOUT` after its browser is gone). It prints the
server's RSS (from /proc): at start, with the first tab open, per session with a batch open,
and after each batch is closed and culled. Bounded means the last figure stays near the first.
Writes benchmarks/app_results.json (key "memory").
Run: .venv/bin/python benchmarks/bench_memory.py   (ROUNDS=3 BATCH=10 WEEKS=20)
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = int(os.environ.get("ROUNDS", "3"))
BATCH = int(os.environ.get("BATCH", "10"))
WEEKS = int(os.environ.get("WEEKS", "20"))
CHROMIUM = "/usr/bin/chromium"


def rss_mb(pid: int) -> float:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024


def cull_seconds() -> float:
    from zelflerendestad.app.server import CULL_TIMEOUT

    units = {"s": 1, "m": 60, "h": 3600}
    return float(CULL_TIMEOUT[:-1]) * units[CULL_TIMEOUT[-1]]


def open_tab(browser, url: str):  # noqa: ANN001, ANN201
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(url)
    page.get_by_text("Week 0", exact=True).wait_for(timeout=300_000)
    for _ in range(WEEKS // 10):
        page.get_by_role("button", name="+10 weken", exact=True).click()
    page.get_by_text(f"Week {WEEKS // 10 * 10}", exact=True).wait_for(timeout=300_000)
    return page


def settle(pid: int, seconds: float) -> float:
    """RSS once it has stopped falling, waiting at least `seconds`."""
    time.sleep(seconds)
    last = rss_mb(pid)
    while True:
        time.sleep(10)
        now = rss_mb(pid)
        if now >= last - 1:
            return now
        last = now


def main() -> None:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = Path(sys.executable).with_name("zelflerendestad")
    proc = subprocess.Popen([str(cli), "app", "--port", str(port), "--configs",
                             str(HERE.parent / "configs"), "--max-sessions", str(BATCH + 5)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    out: dict = {"rounds": ROUNDS, "batch": BATCH, "weeks": WEEKS, "load_average": []}
    try:
        for _ in range(900):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(2)
        out["start_mb"] = rss_mb(proc.pid)
        print(f"{ROUNDS} rounds of {BATCH} tabs, {WEEKS} weeks each, default city "
              f"(load {os.getloadavg()[0]:.1f}); server RSS at start {out['start_mb']:.0f} MB")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            out["rounds_mb"] = []
            for r in range(ROUNDS):
                pages = [open_tab(browser, url)]
                first = rss_mb(proc.pid)
                pages += [open_tab(browser, url) for _ in range(BATCH - 1)]
                full = rss_mb(proc.pid)
                for page in pages:
                    page.close()
                closed = settle(proc.pid, cull_seconds() + 20)
                row = {"one_open_mb": first, "batch_open_mb": full,
                       "per_session_mb": (full - first) / (BATCH - 1), "after_close_mb": closed}
                out["rounds_mb"].append(row)
                out["load_average"].append(os.getloadavg()[0])
                print(f"  round {r + 1}: one tab {first:.0f} MB, {BATCH} tabs {full:.0f} MB "
                      f"({row['per_session_mb']:.1f} MB a session), after closing and culling "
                      f"{closed:.0f} MB (load {os.getloadavg()[0]:.1f})")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    path = HERE / "app_results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results["memory"] = out
    path.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
