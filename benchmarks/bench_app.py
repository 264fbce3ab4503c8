"""The workshop app's Play tick as the browser sees it, at 500 and 2,000 residents.

Three cases per size, each one tick of one week after week 52 (a city with commons and events):
- "server tick": `SessionState.step` + `SessionState.draw` at the 1280x720 beamer layout (the
  model's week, the plots and the city drawn and encoded), CPU clock;
- "page click": pressing Stap on the page rendered by Solara (`solara.render`), which adds
  pushing the frames into the live widgets, the monitors and any re-render, CPU clock;
- "browser": the real app served by `zelflerendestad app` in chromium at 1280x720, playing
  as fast as it can (ZELFLERENDESTAD_TICK_SECONDS=0: the app's own shortest tick, and it waits
  for the browser to show a frame before it sends the next): the wall time between two city
  pictures loaded, each a new week with its plots, as the room sees it; the weeks the
  browser never showed (a frame replaced before it was loaded); the CPU the server and the
  browser (all chromium processes) spent per frame, which a busy machine inflates less than
  the wall time. Playwright sets the page up and lets go before the frames are counted, as no
  browser in a workshop has DevTools attached (`ATTACHED` below says why).
Targets (issue 15): browser p95 <= 100 ms at 2,000 residents and <= 50 ms at 500.

With `--before REV` the same cases also run on the code of git revision REV (extracted with
`git archive`; imported in this process as `zs_before`, served from it for the browser), in
alternating order, REPS repetitions each; every figure is then the median (and the minimum)
over the repetitions of that repetition's median and p95. The load average is recorded.
Writes benchmarks/app_results.json (key "tick").
Run: .venv/bin/python benchmarks/bench_app.py [--before REV]   (BENCH_STEPS=100 BENCH_REPS=3,
BENCH_SIZES=500,2000, BENCH_BROWSER=0 skips the browser, BENCH_DEVTOOLS=1 counts with
Playwright attached); the last lines sum up the browser figures against the
targets.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
STEPS = int(os.environ.get("BENCH_STEPS", "100"))
REPS = int(os.environ.get("BENCH_REPS", "3"))
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "500,2000").split(","))
WARM_WEEKS = 52
CHROMIUM = "/usr/bin/chromium"
CLK = os.sysconf("SC_CLK_TCK")


def _config_dir(residents: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-app-"))
    (folder / "default.yaml").write_text(yaml.safe_dump(
        {"meta": {"name": f"bench{residents}"}, "city": {"residents": residents}}))
    return folder


def summary(ms: list[float]) -> dict:
    """Median, p95 and max of milliseconds."""
    ms = sorted(ms)
    return {"median": statistics.median(ms), "p95": ms[int(0.95 * (len(ms) - 1))],
            "max": ms[-1]}


class Version:
    """One version of the app: its package (imported here) and how to serve it."""

    def __init__(self, name: str, package: str, pythonpath: str | None):
        self.name, self.package, self.pythonpath = name, package, pythonpath

    def module(self, name: str):  # noqa: ANN201
        return importlib.import_module(f"{self.package}.{name}")


def extract(rev: str) -> Version:
    """The code of `rev` in a temporary folder: `src/zelflerendestad` to serve, `zs_before`."""
    root = Path(tempfile.mkdtemp(prefix="bench-app-before-"))
    archive = subprocess.run(["git", "archive", rev, "src/zelflerendestad"], cwd=HERE.parent,
                             check=True, capture_output=True).stdout
    archive_path = root / "src.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(root, filter="data")
    # a copy, not a link: numba caches a kernel by its file, and the server's
    # `zelflerendestad.network` must not load the machine code compiled for `zs_before.network`
    shutil.copytree(root / "src" / "zelflerendestad", root / "pkg" / "zs_before")
    sys.path.insert(0, str(root / "pkg"))
    return Version(f"before ({rev})", "zs_before", str(root / "src"))


def bench_state(version: Version, residents: int) -> list[float]:
    """CPU milliseconds of `step` + `draw` per tick."""
    screen = version.module("app.layout").screen_layout(1280, 720)
    library = version.module("app.library").load_library(_config_dir(residents))
    state = version.module("app.state").SessionState.create(library)
    state.resize(screen.plots, screen.city, screen.compare)
    state.step(WARM_WEEKS, False)
    state.draw("nl", "engagement", False)
    samples = []
    for _ in range(STEPS):
        start = time.process_time()
        state.step(1, False)
        state.draw("nl", "engagement", False)
        samples.append(1000 * (time.process_time() - start))
    return samples


def bench_page(version: Version, residents: int) -> list[float]:
    """CPU milliseconds of a click on Stap on the page rendered by Solara."""
    import ipyvuetify as v
    import solara

    os.environ["ZELFLERENDESTAD_CONFIGS"] = str(_config_dir(residents))
    _, rc = solara.render(version.module("app.page").Page(), handle_error=False)
    for _ in range(WARM_WEEKS // 10):
        rc.find(v.Btn, children=["+10 weken"]).widget.click()
    button = rc.find(v.Btn, children=["Stap"]).widget
    samples = []
    for _ in range(STEPS):
        start = time.process_time()
        button.click()
        samples.append(1000 * (time.process_time() - start))
    rc.close()
    return samples


# Every load of the city picture is a new frame (a new week with its plots). Until 1b5c1ba a
# load counted only if the week counter had changed since the last counted one: the counter goes
# out after the pictures, so when a picture loaded before its counter arrived, that frame was not
# counted and the gap doubled ("week_rule" keeps that count, for comparison). The page keeps
# every frame's time (epoch ms), week and whether the counter changed in `window.__frames`.
RECORD_JS = """() => {
  const f = window.__frames = {times: [], weeks: [], counted: []};
  const week = document.querySelector('.zs-week');
  const city = document.querySelector('img.zs-network');
  let changed = false;
  new MutationObserver(() => { changed = true; }).observe(week, {childList: true,
      subtree: true, characterData: true});
  city.addEventListener('load', () => {
    f.times.push(performance.timeOrigin + performance.now());
    f.weeks.push(parseInt(week.textContent.replace(/\\D/g, ''), 10));
    f.counted.push(changed);
    changed = false;
  });
}"""
# Playwright's connection to a page receives every WebSocket frame's payload (its Network
# domain), about 300 kB of base64 a frame through the browser process and Playwright's driver:
# 10-14 ms of CPU a frame that no browser in a workshop spends. So Playwright sets the page up
# and lets go (the page plays on), and the frames are counted through a bare DevTools
# connection that only evaluates a line of script twice a second. BENCH_DEVTOOLS=1 keeps
# Playwright attached while counting, as this benchmark measured until 4505863.
ATTACHED = os.environ.get("BENCH_DEVTOOLS", "0") == "1"


class Chromium:
    """chromium with a DevTools port, one tab; Playwright connects to set a page up."""

    def __init__(self, pw):  # noqa: ANN001
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.profile = tempfile.mkdtemp(prefix="bench-app-chromium-")
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--mute-audio", "--no-first-run", "--disable-extensions",
             "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
             "--disable-backgrounding-occluded-windows", f"--user-data-dir={self.profile}",
             f"--remote-debugging-port={self.port}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pw = pw
        self.endpoint = f"http://127.0.0.1:{self.port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{self.endpoint}/json/version", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("chromium did not start")

    def connect(self):  # noqa: ANN201
        """Playwright on the tab, its window's inner size 1280x720 (the beamer)."""
        browser = self.pw.chromium.connect_over_cdp(self.endpoint)
        page = browser.contexts[0].pages[0]
        cdp = page.context.new_cdp_session(page)
        window = cdp.send("Browser.getWindowForTarget")["windowId"]
        ow, oh, iw, ih = page.evaluate("[outerWidth, outerHeight, innerWidth, innerHeight]")
        cdp.send("Browser.setWindowBounds", {"windowId": window, "bounds": {
            "width": 1280 + ow - iw, "height": 720 + oh - ih}})  # a window's, not emulated
        cdp.detach()
        return browser, page

    def evaluate(self, expression: str):  # noqa: ANN201
        """The value of `expression` in the tab, through a bare DevTools connection."""
        from websockets.sync.client import connect

        targets = json.loads(urllib.request.urlopen(f"{self.endpoint}/json/list").read())
        url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        with connect(url, max_size=None) as ws:
            ws.send(json.dumps({"id": 1, "method": "Runtime.evaluate", "params": {
                "expression": expression, "returnByValue": True}}))
            while True:
                answer = json.loads(ws.recv())
                if answer.get("id") == 1:
                    return answer["result"]["result"].get("value")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def descendants(pid: int) -> list[int]:
    """Every process below `pid`."""
    out, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").iterdir():
            children = (task / "children").read_text().split()
            out += [int(c) for c in children]
            todo += [int(c) for c in children]
    return out


def tree_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


class Server:
    """`zelflerendestad app` on a free port, for one version, playing without a pause."""

    def __init__(self, version: Version, residents: int):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "ZELFLERENDESTAD_TICK_SECONDS": "0"}
        if version.pythonpath:
            env["PYTHONPATH"] = version.pythonpath
        cli = Path(sys.executable).with_name("zelflerendestad")
        self.proc = subprocess.Popen([str(cli), "app", "--port", str(self.port), "--configs",
                                      str(_config_dir(residents))], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/"
        for _ in range(900):
            try:
                urllib.request.urlopen(self.url, timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the app did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def bench_browser(chromium: Chromium, server: Server) -> dict:
    """Gaps between two weeks on screen while playing, and CPU per frame on both sides."""
    browser, page = chromium.connect()
    page.goto(server.url)
    page.get_by_text("Week 0", exact=True).wait_for(timeout=180_000)
    assert page.evaluate("[innerWidth, innerHeight]") == [1280, 720]
    for _ in range(WARM_WEEKS // 10):
        page.get_by_role("button", name="+10 weken", exact=True).click()
    page.get_by_text(f"Week {WARM_WEEKS // 10 * 10}", exact=True).wait_for(timeout=60_000)
    page.evaluate(RECORD_JS)
    page.get_by_role("button", name="Afspelen", exact=True).click()
    if not ATTACHED:
        browser.close()  # lets go of the tab (connected over CDP: the tab stays, playing)
    clients = [chromium.proc.pid, *descendants(chromium.proc.pid)]
    if ATTACHED:  # Playwright's driver too, which then takes every frame's payload
        clients += [p for p in descendants(os.getpid()) if p not in clients
                    and p not in {server.proc.pid, *descendants(server.proc.pid)}]
    started = time.time()
    before = cpu_seconds(server.proc.pid), tree_cpu(clients)
    while True:  # STEPS + 1 frames after `started`; the CPU window holds one frame more
        time.sleep(0.5)
        if chromium.evaluate(f"window.__frames.times.filter(t => t > {1000 * started})"
                             f".length") > STEPS + 1:
            break
    after = cpu_seconds(server.proc.pid), tree_cpu(clients)
    ended = time.time()
    shown = chromium.evaluate("window.__frames")
    if ATTACHED:
        page.get_by_role("button", name="Pauze", exact=True).click()
        browser.close()
    else:
        chromium.evaluate("[...document.querySelectorAll('button')].find(b => "
                          "b.textContent.trim() == 'Pauze').click()")
    inside = [i for i, t in enumerate(shown["times"]) if 1000 * started < t <= 1000 * ended]
    frames = len(inside)
    first = inside[:STEPS + 1]
    times = [shown["times"][i] for i in first]
    weeks = shown["weeks"][first[-1]] - shown["weeks"][first[0]]  # the counter may lead by one
    counted = [shown["times"][i] for i in first if shown["counted"][i]]
    return {"gaps": gaps(times), "week_rule_gaps": gaps(counted),
            "weeks_not_shown": max(0, weeks - STEPS),
            "server_cpu_ms": 1000 * (after[0] - before[0]) / frames,
            "browser_cpu_ms": 1000 * (after[1] - before[1]) / frames}


def over_reps(reps: list[dict]) -> dict:
    """Median and minimum over repetitions of each repetition's figures."""
    out = {}
    for key in reps[0]:
        values = [r[key] for r in reps]
        out[key] = {"median": statistics.median(values), "min": min(values)}
    return out


def run(versions: list[Version], browser_on: bool) -> dict:
    results: dict = {}
    pw = browser = None
    if browser_on:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = Chromium(pw)
    try:
        for residents in SIZES:
            load = [os.getloadavg()[0]]
            servers = {v.name: Server(v, residents) for v in versions} if browser else {}
            try:
                reps = repetitions(versions, residents, servers, browser, load)
            finally:
                for server in servers.values():
                    server.stop()
            results[str(residents)] = {"load_average": load,
                                       **{name: over_reps(r) for name, r in reps.items()}}
            print_size(residents, results[str(residents)], versions)
    finally:
        if browser:
            browser.stop()
            pw.stop()
    return results


def repetitions(versions: list[Version], residents: int, servers: dict,
                browser, load: list[float]) -> dict:  # noqa: ANN001
    """REPS rows of figures per version, the versions alternating; the load after each."""
    reps: dict = {v.name: [] for v in versions}
    for rep in range(REPS):
        for v in (versions if rep % 2 == 0 else versions[::-1]):
            row = {}
            for case, ms in (("server_tick", bench_state(v, residents)),
                             ("page_click", bench_page(v, residents))):
                s = summary(ms)
                row |= {f"{case}_median": s["median"], f"{case}_p95": s["p95"]}
            if browser:
                b = bench_browser(browser, servers[v.name])
                s = summary(b["gaps"])
                old = summary(b["week_rule_gaps"])
                row |= {"browser_median": s["median"], "browser_p95": s["p95"],
                        "browser_max": s["max"], "week_rule_median": old["median"],
                        "week_rule_p95": old["p95"], "weeks_not_shown": b["weeks_not_shown"],
                        "server_cpu_per_frame": b["server_cpu_ms"],
                        "browser_cpu_per_frame": b["browser_cpu_ms"]}
            reps[v.name].append(row)
            load.append(os.getloadavg()[0])
    return reps


def print_size(residents: int, result: dict, versions: list[Version]) -> None:
    load = result["load_average"]
    print(f"\n{residents} residents (load average {min(load):.1f}-{max(load):.1f}); ms, "
          f"median over {REPS} reps (min)")
    keys = list(result[versions[0].name])
    print(f"{'':28}" + "".join(f"{v.name:>26}" for v in versions))
    for key in keys:
        figures = [result[v.name][key] for v in versions]
        cells = "".join(f"{f['median']:>17.1f} ({f['min']:6.1f})" for f in figures)
        print(f"{key:28}{cells}")


TARGETS_MS = {500: 50, 2000: 100}


def verdict(results: dict, versions: list[Version]) -> list[str]:
    """One line per size and version: the browser's p95 against its target, median, minimum."""
    lines = []
    for residents in SIZES:
        result = results[str(residents)]
        load = result["load_average"]
        for v in versions:
            r = result[v.name]
            if "browser_p95" not in r:
                continue
            p95, target = r["browser_p95"], TARGETS_MS[residents]
            lines.append(
                f"{residents:>5} residents {v.name:>16}: browser p95 {p95['median']:5.1f} ms "
                f"(min {p95['min']:5.1f}; target {target}: "
                f"{'met' if p95['median'] <= target else 'NOT met'}), median "
                f"{r['browser_median']['median']:5.1f}, weeks not shown "
                f"{r['weeks_not_shown']['median']:.0f} (load {min(load):.1f}-{max(load):.1f})")
    return lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--before", help="also time the code of this git revision, interleaved")
    p.add_argument("--out", type=Path, default=HERE / "app_results.json")
    args = p.parse_args()
    versions = [Version("now", "zelflerendestad", None)]
    if args.before:
        versions.insert(0, extract(args.before))
    browser_on = os.environ.get("BENCH_BROWSER", "1") != "0" and Path(CHROMIUM).exists()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent,
                          capture_output=True, text=True).stdout.strip()
    print(f"workshop app Play tick, 1 week per tick, {STEPS} ticks after week {WARM_WEEKS}, "
          f"1280x720, {REPS} reps (python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"HEAD {head})")
    results = run(versions, browser_on)
    lines = verdict(results, versions)
    if lines:
        print(f"\nbrowser, median over {REPS} reps of each rep's figure:", *lines, sep="\n")
    out = json.loads(args.out.read_text()) if args.out.exists() else {}
    out["tick"] = {"head": head, "before": args.before, "steps": STEPS, "reps": REPS,
                   "versions": [v.name for v in versions], "sizes": results,
                   "targets_ms": {f"browser_p95_{n}": ms for n, ms in TARGETS_MS.items()}}
    args.out.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
