"""The workshop app's Play tick as the browser sees it, at 500 and 2,000 residents.

Three figures per size, each the milliseconds of one tick of one week (median, p95, max):
- "server tick": `SessionState.step` + `SessionState.draw` at the 1280x720 beamer layout
  (the model's week, the plots and the city drawn and encoded), what a Play tick costs;
- "page click": pressing Stap on the page rendered by Solara (`solara.render`), which adds
  pushing the frames into the live widgets and the monitors;
- "browser": the real app in chromium at 1280x720 playing with no pause between ticks
  (ZELFLERENDESTAD_TICK_SECONDS=0): the time between two weeks shown, new city and plots
  decoded, as the room sees it (the server's work, the websocket and the browser's drawing).
Targets (issue 15): p95 <= 100 ms at 2,000 residents and <= 50 ms at 500.
Run: .venv/bin/python benchmarks/bench_app.py   (BENCH_STEPS=100, BENCH_BROWSER=0 skips it)
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

STEPS = int(os.environ.get("BENCH_STEPS", "100"))
SIZES = (500, 2000)
WARM_WEEKS = 52  # a city a year in, with commons and events, not an empty one
CHROMIUM = "/usr/bin/chromium"


def _config_dir(residents: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-app-"))
    (folder / "default.yaml").write_text(yaml.safe_dump(
        {"meta": {"name": f"bench{residents}"}, "city": {"residents": residents}}))
    return folder


def _summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    return f"median {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms"


def bench_state(residents: int) -> list[float]:
    from zelflerendestad.app.layout import screen_layout
    from zelflerendestad.app.library import load_library
    from zelflerendestad.app.state import SessionState

    screen = screen_layout(1280, 720)
    state = SessionState.create(load_library(_config_dir(residents)))
    state.resize(screen.plots, screen.city, screen.compare)
    state.step(WARM_WEEKS, False)
    state.draw("nl", "engagement", False)
    samples = []
    for _ in range(STEPS):
        start = time.perf_counter()
        state.step(1, False)
        state.draw("nl", "engagement", False)
        samples.append(time.perf_counter() - start)
    return samples


def bench_page(residents: int) -> list[float]:
    import ipyvuetify as v
    import solara

    from zelflerendestad.app.page import Page

    os.environ["ZELFLERENDESTAD_CONFIGS"] = str(_config_dir(residents))
    _, rc = solara.render(Page(), handle_error=False)
    button = rc.find(v.Btn, children=["Stap"]).widget
    for _ in range(WARM_WEEKS // 10):
        rc.find(v.Btn, children=["+10 weken"]).widget.click()
    samples = []
    for _ in range(STEPS):
        start = time.perf_counter()
        button.click()
        samples.append(time.perf_counter() - start)
    rc.close()
    return samples


FRAME_JS = """n => new Promise(done => {
  const times = [], week = document.querySelector('.zs-week');
  const city = document.querySelector('img.zs-network');
  let pending = false;
  new MutationObserver(() => { pending = true; }).observe(week, {childList: true,
      subtree: true, characterData: true});
  city.addEventListener('load', () => {
    if (!pending) return;
    pending = false;
    times.push(performance.now());
    if (times.length > n) done(times.slice(1).map((t, i) => t - times[i]));
  });
})"""


def bench_browser(residents: int) -> list[float]:
    """Milliseconds between two weeks on screen while playing without a pause."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = Path(sys.executable).with_name("zelflerendestad")
    env = {**os.environ, "ZELFLERENDESTAD_TICK_SECONDS": "0"}
    proc = subprocess.Popen([str(cli), "app", "--port", str(port), "--configs",
                             str(_config_dir(residents))], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(url)
            page.get_by_text("Week 0", exact=True).wait_for(timeout=120_000)
            for _ in range(WARM_WEEKS // 10):
                page.get_by_role("button", name="+10 weken", exact=True).click()
            page.get_by_text(f"Week {WARM_WEEKS // 10 * 10}", exact=True).wait_for()
            page.get_by_role("button", name="Afspelen", exact=True).click()
            gaps = page.evaluate(FRAME_JS, STEPS)
            page.get_by_role("button", name="Pauze", exact=True).click()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return [g / 1000 for g in gaps]


def main() -> None:
    print(f"workshop app Play tick, 1 week per tick, {STEPS} ticks after week {WARM_WEEKS}, "
          f"1280x720 (python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"load {os.getloadavg()[0]:.1f})")
    browser = os.environ.get("BENCH_BROWSER", "1") != "0" and Path(CHROMIUM).exists()
    for residents in SIZES:
        print(f"{residents:>6} residents  server tick  {_summary(bench_state(residents))}")
        print(f"{residents:>6} residents  page click   {_summary(bench_page(residents))}")
        if browser:
            print(f"{residents:>6} residents  browser      {_summary(bench_browser(residents))}")


if __name__ == "__main__":
    main()
