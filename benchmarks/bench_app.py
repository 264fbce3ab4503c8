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
  the wall time.
Targets (issue 15): browser p95 <= 100 ms at 2,000 residents and <= 50 ms at 500.

With `--before REV` the same cases also run on the code of git revision REV (extracted with
`git archive`; imported in this process as `zs_before`, served from it for the browser), in
alternating order, REPS repetitions each; every figure is then the median (and the minimum)
over the repetitions of that repetition's median and p95. The load average is recorded.
Writes benchmarks/app_results.json (key "tick").
Run: .venv/bin/python benchmarks/bench_app.py [--before REV]   (BENCH_STEPS=100 BENCH_REPS=3,
BENCH_BROWSER=0 skips the browser); the last lines sum up the browser figures against the
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
SIZES = (500, 2000)
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


# Every load of the city picture is a new frame (a new week with its plots). Until this
# version a load counted only if the week counter had changed since the last counted one: the
# counter goes out after the pictures, so when a picture loaded before its counter arrived, that
# frame was not counted and the gap doubled ("week_rule" keeps that count, for comparison).
FRAME_JS = """n => new Promise(done => {
  const times = [], weeks = [], counted = [], week = document.querySelector('.zs-week');
  const city = document.querySelector('img.zs-network');
  let changed = false;
  new MutationObserver(() => { changed = true; }).observe(week, {childList: true,
      subtree: true, characterData: true});
  city.addEventListener('load', () => {
    times.push(performance.now());
    weeks.push(parseInt(week.textContent.replace(/\\D/g, ''), 10));
    counted.push(changed);
    changed = false;
    if (times.length > n) done({times, weeks, counted});
  });
})"""


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


def bench_browser(browser, server: Server) -> dict:  # noqa: ANN001
    """Gaps between two weeks on screen while playing, and CPU per frame on both sides."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.url)
    page.get_by_text("Week 0", exact=True).wait_for(timeout=180_000)
    for _ in range(WARM_WEEKS // 10):
        page.get_by_role("button", name="+10 weken", exact=True).click()
    page.get_by_text(f"Week {WARM_WEEKS // 10 * 10}", exact=True).wait_for(timeout=60_000)
    servers = {server.proc.pid, *descendants(server.proc.pid)}
    clients = [p for p in descendants(os.getpid()) if p not in servers]
    before = cpu_seconds(server.proc.pid), tree_cpu(clients)
    page.get_by_role("button", name="Afspelen", exact=True).click()
    shown = page.evaluate(FRAME_JS, STEPS)
    after = cpu_seconds(server.proc.pid), tree_cpu(clients)
    page.get_by_role("button", name="Pauze", exact=True).click()
    page.close()
    frames = STEPS + 1  # the CPU window also holds the frame before the first gap
    weeks = shown["weeks"][-1] - shown["weeks"][0]  # the counter may lead its picture by one
    counted = [t for t, c in zip(shown["times"], shown["counted"], strict=True) if c]
    return {"gaps": gaps(shown["times"]), "week_rule_gaps": gaps(counted),
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
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
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
            browser.close()
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
