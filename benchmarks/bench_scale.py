"""`make bench`: every speed and memory figure of issues 8 and 17, side by side, from one run.

Ratios cannot flatter themselves: at each N one subprocess builds every case and then times
them interleaved, rotating their order, at least 5 repetitions each, on the CPU clock
(`time.process_time`, so that other work on this shared machine does not count), and prints
the minimum and the median. Construction time and peak RSS come from one more subprocess per
case (its peak is its own). Writes benchmarks/results.json and benchmarks/scaling.png and prints
a table. Not a test: targets are reported, never asserted.

Cases, per N (1,000 / 10,000 / 100,000; 1,000,000 with --large):
- model: the full CityModel (default scenario scaled to N, every mechanism on, weekly
  measures recorded), microseconds per resident-week;
- kernel: the floor, a bare numpy + scipy.sparse simple contagion on the same network
  (one sparse matrix-vector product, Bernoulli draws, a count per week);
- mesa_virus: Mesa's own VirusOnNetwork example at the same N and mean degree, microseconds per
  agent-step over a window of its epidemic: from 1% infected, the steps of all repetitions in
  a row (one model, so the window moves through the outbreak), reported as a range because its
  cost per agent-step grows with prevalence. Its graph is built with
  `nx.fast_gnp_random_graph` (the example's `nx.erdos_renyi_graph` is quadratic) and its
  Network space with `layout=None` (the example computes a spring layout); its agent and step
  code are unchanged;
- reference: benchmarks/reference_agents.py, the core rules written as one Mesa agent per
  resident (1,000 and 10,000 only; crowding and commons off, which the model keeps on).
Also: the default scenario as a user runs it, 100,000 x 520 weeks with peak RSS (records
included), with --large 1,000,000 x 520 weeks (also in kernel units, measured in the same
process), the app's step at 500 residents (the model's week alone) and its Play tick on the
server (the week plus the redraw of plots and city, at 500 and 2,000), the CPU share of each
mechanism at 100,000, the passes over resident-sized arrays in one week (benchmarks/passes.py),
numba's one-off compile time (a first process with an empty kernel cache against a second),
`zelflerendestad --help`.

Usage: .venv/bin/python benchmarks/bench_scale.py [--large] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = [1_000, 10_000, 100_000]
LARGE = 1_000_000
MODEL_WEEKS = 52
REPEATS = 5
VIRUS_STEPS = {1_000: 6, 10_000: 4, 100_000: 2, 1_000_000: 1}  # per repetition
REFERENCE_WEEKS = {1_000: 10, 10_000: 3}
TARGETS = {
    "full_run_wall_s": ("<=", 6.0, "100,000 x 520 weeks, records included (was <= 30)"),
    "full_run_peak_rss_mb": ("<=", 2048.0, "peak RSS of the 100,000 x 520 run"),
    "model_over_kernel_100k": ("<=", 8.0, "model / kernel per resident-week, median, CPU"),
    "model_over_kernel_1m": ("<=", 6.0, "model / kernel per resident-week, median, CPU (--large)"),
    "mesa_virus_over_model_10k": (">=", 5.0, "Mesa agent-step / model resident-week, cheapest "
                                             "step of the window"),
    "mesa_virus_over_model_100k": (">=", 5.0, "Mesa agent-step / model resident-week, "
                                              "cheapest step of the window"),
    "reference_over_model_10k": (">=", 50.0, "reference / model per resident-week, median"),
    "default_run_s": ("<=", 0.3, "default scenario, model CPU time (build + 520 weeks), median"),
    "help_s": ("<", 0.5, "`zelflerendestad --help`"),
    "app_step_p95_ms": ("<", 10.0, "app step at 500 residents, 95th percentile"),
    "large_run_wall_s": ("<=", 80.0, "1,000,000 x 520 weeks, records included (--large)"),
    "large_run_peak_rss_mb": ("<=", 600.0, "peak RSS of the 1,000,000 x 520 run (--large)"),
}


def cpu() -> float:
    return time.process_time()


def summary(values: list[float]) -> dict:
    """Minimum, median and every value of a list of repetitions."""
    return {"min": min(values), "median": statistics.median(values), "all": values}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def city_config(n: int, weeks: int = MODEL_WEEKS):
    """The default scenario (configs/default.yaml) scaled to n residents.

    Neighbourhoods grow with the city (about 700 residents each, at least 3, as in
    benchmarks/bench_step.py), so a city of 100,000 has 142 of them.
    """
    from zelflerendestad.config import load_config

    return load_config(ROOT / "configs" / "default.yaml", [
        f"city.residents={n}", f"city.neighbourhoods={max(3, n // 700)}", f"run.weeks={weeks}"])


# --- what is timed ---------------------------------------------------------------------------
def kernel_network(n: int):
    """The floor's ties: the model's network generator, type and mean degree at n."""
    from zelflerendestad.network import build_network
    from zelflerendestad.population import create_residents
    from zelflerendestad.rng import Streams

    cfg, streams = city_config(n), Streams(1)
    r = create_residents(cfg, streams["population"])
    return build_network(r.neighbourhood, r.is_connector, cfg.network, streams["network"])


def kernel_weeks(adj, n: int, weeks: int, seed: int) -> float:  # noqa: ANN001
    """CPU seconds of `weeks` weeks of the kernel: one product, n draws, one count a week."""
    import numpy as np

    rng = np.random.default_rng(seed)
    infected, log_escape = rng.random(n) < 0.01, np.log1p(-0.05)  # 5% per infected contact
    c0 = cpu()
    for _ in range(weeks):
        pressure = adj @ infected.astype(np.float64)
        infected |= rng.random(n) < -np.expm1(pressure * log_escape)
        np.count_nonzero(infected)
    return cpu() - c0


def model_weeks(cfg, weeks: int) -> float:  # noqa: ANN001
    """CPU seconds of `weeks` weeks of a freshly built CityModel (building not counted)."""
    from zelflerendestad.model import CityModel

    model = CityModel(cfg, seed=cfg.run.seed)
    c0 = cpu()
    model.run(weeks)
    return cpu() - c0


def build_virus(n: int, mean_degree: float, seed: int, outbreak: int = 1):
    """Mesa's VirusOnNetwork, built with fast_gnp_random_graph and layout=None."""
    import functools
    import types

    import networkx as nx
    from mesa.discrete_space import Network
    from mesa.examples.basic.virus_on_network import model as virus

    graph = types.SimpleNamespace(
        erdos_renyi_graph=lambda n, p: nx.fast_gnp_random_graph(n, p, seed=seed))
    virus.nx, virus.Network = graph, functools.partial(Network, layout=None)
    return virus.VirusOnNetwork(num_nodes=n, avg_node_degree=mean_degree, rng=seed,
                                initial_outbreak_size=outbreak)


def virus_steps(model, n: int, steps: int) -> list[dict]:  # noqa: ANN001
    """Time `steps` further steps of a VirusOnNetwork while its epidemic lasts."""
    from mesa.examples.basic.virus_on_network.model import number_infected

    out = []
    for _ in range(steps):
        infected = number_infected(model)
        if infected == 0:
            break
        c0 = cpu()
        model.step()
        out.append({"us_per_agent_step": (cpu() - c0) / n * 1e6, "infected_share": infected / n})
    return out


def reference_weeks(cfg, weeks: int) -> float:  # noqa: ANN001
    sys.path.insert(0, str(ROOT))
    from benchmarks.reference_agents import ReferenceCity, reference_config

    model = ReferenceCity(reference_config(cfg))
    c0 = cpu()
    model.run(weeks)
    return cpu() - c0


# --- cases, each run inside its own subprocess ------------------------------------------------
def case_ratios(n: int, repeats: int) -> dict:
    """Every case at n in one process, interleaved, the order rotating each repetition."""
    cfg, net = city_config(n), kernel_network(n)
    degree = float(net.degree.mean())
    virus = build_virus(n, degree, seed=1, outbreak=max(1, n // 100))
    per = {"model": n * MODEL_WEEKS, "kernel": n * MODEL_WEEKS,
           "reference": n * REFERENCE_WEEKS.get(n, 0)}
    runs = {"model": lambda rep: model_weeks(cfg, MODEL_WEEKS),
            "kernel": lambda rep: kernel_weeks(net.adjacency, n, MODEL_WEEKS, rep),
            "mesa_virus": lambda rep: virus_steps(virus, n, VIRUS_STEPS[n])}
    if n in REFERENCE_WEEKS:
        runs["reference"] = lambda rep: reference_weeks(cfg, REFERENCE_WEEKS[n])
    got: dict[str, list] = {name: [] for name in runs}
    names = list(runs)
    for rep in range(repeats):
        for name in names[rep % len(names):] + names[: rep % len(names)]:
            got[name].append(runs[name](rep))
    out = {name: summary([s / per[name] * 1e6 for s in got[name]])
           for name in runs if name != "mesa_virus"}
    steps = [step for window in got["mesa_virus"] for step in window]
    costs = [step["us_per_agent_step"] for step in steps]
    out["mesa_virus"] = {**summary(costs), "max": max(costs), "steps": steps,
                         "mean_degree": degree}
    out["load_avg"] = os.getloadavg()
    return out


def case_model(n: int) -> dict:
    from zelflerendestad.model import CityModel

    c0 = cpu()
    model = CityModel(city_config(n), seed=1)
    build = cpu() - c0
    model.run(MODEL_WEEKS)
    c0 = cpu()
    views = len(model.agents)  # the thin Mesa agents are made on first access (AgentViews)
    return {"construct_s": build, "agent_views_s": cpu() - c0, "agent_views": views}


def case_kernel(n: int) -> dict:
    import zelflerendestad.network  # noqa: F401  (imports are not construction)

    c0 = cpu()
    net = kernel_network(n)
    build = cpu() - c0
    kernel_weeks(net.adjacency, n, MODEL_WEEKS, 0)
    return {"construct_s": build, "mean_degree": float(net.degree.mean())}


def case_mesa_virus(n: int, mean_degree: float) -> dict:
    import mesa.examples.basic.virus_on_network.model  # noqa: F401
    import networkx  # noqa: F401

    c0 = cpu()
    model = build_virus(n, mean_degree, seed=1, outbreak=max(1, n // 100))
    build = cpu() - c0
    virus_steps(model, n, 1)
    return {"construct_s": build,
            "setup": "Mesa's VirusOnNetwork with its default rates and initial_outbreak_size "
                     "1% of N; graph by nx.fast_gnp_random_graph, Network(layout=None); agent "
                     "code unchanged; unit: microseconds per agent-step"}


def case_reference(n: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from benchmarks.reference_agents import ReferenceCity, reference_config

    c0 = cpu()
    model = ReferenceCity(reference_config(city_config(n)))
    build = cpu() - c0
    model.run(1)
    return {"construct_s": build, "setup": "default scenario with crowding and commons off (the "
                                           "reference has neither); the model it is compared "
                                           "with runs them"}


def case_full_run(n: int, weeks: int, kernel_units: bool) -> dict:
    import shutil
    import tempfile

    from zelflerendestad.run.runner import run_one, write_results

    cfg = city_config(n, weeks)
    cfg = cfg.model_copy(update={"record": cfg.record.model_copy(update={"every": 52})})
    out = Path(tempfile.mkdtemp(prefix="bench-full-"))
    try:
        t0, c0 = time.perf_counter(), cpu()
        write_results(run_one(cfg), out / "run")
        wall, spent = time.perf_counter() - t0, cpu() - c0
    finally:
        shutil.rmtree(out, ignore_errors=True)
    result = {"n": n, "weeks": weeks, "wall_s": wall, "cpu_s": spent,
              "peak_rss_mb": peak_rss_mb(),  # before the kernel below adds its own network
              "record": "weekly measures + per-resident snapshots every 52 weeks, written"}
    if kernel_units:  # the run's CPU over the kernel's, same size, same process
        adj = kernel_network(n).adjacency
        week = summary([kernel_weeks(adj, n, MODEL_WEEKS, rep) / MODEL_WEEKS
                        for rep in range(REPEATS)])
        result["kernel_week_cpu_s"] = week
        result["in_kernel_units"] = spent / (week["median"] * weeks)
    return result


def case_first_week() -> dict:
    """A process's first model week at 500 residents, imports included, on the CPU clock.

    With an empty `NUMBA_CACHE_DIR` this compiles every kernel a week calls; run again with
    the same folder it loads them, as every process after a fresh clone's first does.
    """
    from zelflerendestad.model import CityModel

    CityModel(city_config(500), seed=1).run(1)
    return {"cpu_s": cpu()}


def numba_compile() -> dict:
    """What numba's compilation costs once, and what loading its cached kernels costs a process."""
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        env = {"NUMBA_CACHE_DIR": cache}
        cold, warm = sub("first_week", env=env), sub("first_week", env=env)
    return {"first_process_cpu_s": cold["cpu_s"], "later_process_cpu_s": warm["cpu_s"],
            "compile_cpu_s": cold["cpu_s"] - warm["cpu_s"], "n": 500,
            "what": "CPU of a process importing the model and running its first week, with an "
                    "empty numba cache, then again with the cache it filled"}


def case_default_run(repeats: int) -> dict:
    from zelflerendestad.config import load_config
    from zelflerendestad.model import CityModel

    cfg = load_config(ROOT / "configs" / "default.yaml", [])
    times = []
    for _ in range(repeats):
        c0 = cpu()
        CityModel(cfg, seed=cfg.run.seed).run()
        times.append(cpu() - c0)
    return {**summary(times), "n": cfg.city.residents, "weeks": cfg.run.weeks}


def case_app_step(n: int = 500, steps: int = 200) -> dict:
    from zelflerendestad.model import CityModel

    model = CityModel(city_config(n), seed=1)
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        model.step()  # the step ends with record(): the weekly measures
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return {"median": statistics.median(times), "p95": times[int(0.95 * len(times)) - 1]}


def case_app_tick() -> dict:
    """The app's Play tick on the server: a week and the redraw of its plots and city.

    `bench_app.bench_state` at the beamer layout, 500 and 2,000 residents, CPU clock; what the
    browser adds (decoding, showing) is `bench_app.py`'s, which needs chromium.
    """
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_app import Version, bench_state
    from benchmarks.bench_app import summary as tick_summary

    here = Version("this tree", "zelflerendestad", None)
    return {str(n): tick_summary(bench_state(here, n)) for n in (500, 2000)}


def case_mechanisms(n: int) -> dict:
    from zelflerendestad.model import CityModel
    from zelflerendestad.run.profiling import StepTimer

    model = CityModel(city_config(n), seed=1)
    timer = StepTimer(model)  # CPU clock
    model.run(MODEL_WEEKS)
    return {"share": timer.shares(), "ms_per_week": {
        k: v / timer.steps * 1e3 for k, v in timer.seconds.items()},
        "step_ms": timer.total / timer.steps * 1e3, "n": n, "weeks": MODEL_WEEKS,
        "clock": "CPU (time.process_time)"}


def case_passes(n: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from benchmarks.passes import count_week

    return count_week(n)


def run_case(argv: list[str]) -> None:
    """Inside a subprocess: run one case and print its result as one JSON line."""
    p = argparse.ArgumentParser()
    p.add_argument("--case", required=True)
    p.add_argument("--n", type=int, default=0)
    p.add_argument("--repeats", type=int, default=REPEATS)
    p.add_argument("--weeks", type=int, default=520)
    p.add_argument("--degree", type=float, default=8.0)
    p.add_argument("--kernel-units", type=int, default=0)
    a = p.parse_args(argv)
    result = {
        "ratios": lambda: case_ratios(a.n, a.repeats),
        "model": lambda: case_model(a.n),
        "kernel": lambda: case_kernel(a.n),
        "mesa_virus": lambda: case_mesa_virus(a.n, a.degree),
        "reference": lambda: case_reference(a.n),
        "full_run": lambda: case_full_run(a.n, a.weeks, bool(a.kernel_units)),
        "default_run": lambda: case_default_run(a.repeats),
        "app_step": case_app_step,
        "app_tick": case_app_tick,
        "first_week": case_first_week,
        "mechanisms": lambda: case_mechanisms(a.n),
        "passes": lambda: case_passes(a.n),
    }[a.case]()
    result.setdefault("peak_rss_mb", peak_rss_mb())
    print(json.dumps(result))


# --- the parent: run every case in a subprocess, then the table, json and plot ----------------
def sub(case: str, env: dict | None = None, **kw: float) -> dict:
    args = [sys.executable, str(Path(__file__).resolve()), "--run-case", "--case", case]
    for k, v in kw.items():
        args += [f"--{k}", str(v)]
    print(f"  {case} {' '.join(f'{k}={v}' for k, v in kw.items())} ...", end="", flush=True)
    t0 = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        print(" failed")
        sys.stderr.write(done.stderr)
        raise SystemExit(f"case {case} failed")
    print(f" {time.perf_counter() - t0:.0f} s")
    return json.loads(done.stdout.strip().splitlines()[-1])


def help_time() -> float:
    cli = Path(sys.executable).with_name("zelflerendestad")
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([str(cli), "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def default_cli_time() -> float:
    import tempfile

    cli = Path(sys.executable).with_name("zelflerendestad")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run([str(cli), "run", "configs/default.yaml", "--out", f"{tmp}/run"],
                       capture_output=True, check=True, cwd=ROOT)
        return time.perf_counter() - t0


def environment() -> dict:
    model_name = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in
                Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), None)
    return {"machine": {"cpu": model_name, "cores": os.cpu_count(), "memory_mb": mem,
                        "platform": platform.platform(), "load_avg_at_start": os.getloadavg()},
            "python": platform.python_version(),
            "packages": {p: metadata.version(p) for p in (
                "zelflerendestad", "mesa", "numpy", "numba", "scipy", "networkx", "pyarrow")}}


def measure(sizes: list[int], large: bool) -> dict:
    cases: dict[str, dict[str, dict]] = {c: {} for c in ("model", "kernel", "mesa_virus",
                                                          "reference")}
    for n in sizes:
        timed = sub("ratios", n=n)
        kernel = sub("kernel", n=n)
        built = {"model": sub("model", n=n), "kernel": kernel,
                 "mesa_virus": sub("mesa_virus", n=n, degree=round(kernel["mean_degree"], 3))}
        if n in REFERENCE_WEEKS:
            built["reference"] = sub("reference", n=n)
        for case, row in built.items():
            cases[case][str(n)] = {**row, **timed[case], "us_per_resident_week":
                                   timed[case]["median"], "load_avg": timed["load_avg"]}
    out = {"cases": cases, "full_run": sub("full_run", n=100_000, weeks=520)}
    if large:
        out["large_run"] = sub("full_run", n=LARGE, weeks=520, **{"kernel-units": 1})
    out["default_run"] = sub("default_run")
    out["default_cli_s"] = default_cli_time()
    out["app_step_ms"] = sub("app_step")
    out["app_tick_ms"] = sub("app_tick")
    out["numba_compile"] = numba_compile()
    mech = sub("mechanisms", n=100_000)
    out["mechanism_share"] = mech["share"]
    out["mechanism_ms_per_week"] = mech["ms_per_week"]
    out["passes"] = sub("passes", n=10_000)
    out["help_s"] = help_time()
    return out


def ratios(cases: dict) -> dict:
    """Ratios of cases timed in the same process; Mesa's as a range over its window."""
    out: dict[str, dict[str, dict]] = {"model_over_kernel": {}, "mesa_virus_over_model": {},
                                       "reference_over_model": {}}
    for n, model in cases["model"].items():
        kernel, virus = cases["kernel"][n], cases["mesa_virus"][n]
        out["model_over_kernel"][n] = {"median": model["median"] / kernel["median"],
                                       "min": model["min"] / kernel["min"]}
        out["mesa_virus_over_model"][n] = {
            "low": virus["min"] / model["median"], "median": virus["median"] / model["median"],
            "high": virus["max"] / model["median"]}
        if n in cases["reference"]:
            ref = cases["reference"][n]
            out["reference_over_model"][n] = {"median": ref["median"] / model["median"],
                                              "min": ref["min"] / model["min"]}
    return out


def check_targets(r: dict) -> dict:
    rat, large = r["ratios"], r.get("large_run", {})

    def ratio(key: str, n: str, field: str) -> float | None:
        return rat[key].get(n, {}).get(field)

    values = {
        "full_run_wall_s": r["full_run"]["wall_s"],
        "full_run_peak_rss_mb": r["full_run"]["peak_rss_mb"],
        "model_over_kernel_100k": ratio("model_over_kernel", "100000", "median"),
        "model_over_kernel_1m": ratio("model_over_kernel", "1000000", "median"),
        "mesa_virus_over_model_10k": ratio("mesa_virus_over_model", "10000", "low"),
        "mesa_virus_over_model_100k": ratio("mesa_virus_over_model", "100000", "low"),
        "reference_over_model_10k": ratio("reference_over_model", "10000", "median"),
        "default_run_s": r["default_run"]["median"],
        "help_s": r["help_s"],
        "app_step_p95_ms": r["app_step_ms"]["p95"],
        "large_run_wall_s": large.get("wall_s"),
        "large_run_peak_rss_mb": large.get("peak_rss_mb"),
    }
    out = {}
    for key, (op, limit, what) in TARGETS.items():
        v = values[key]
        met = None if v is None else (v <= limit if op == "<=" else v >= limit if op == ">="
                                      else v < limit)
        out[key] = {"value": v, "target": f"{op} {limit:g}", "met": met, "what": what}
    return out


def table(r: dict) -> str:
    lines = [f"{'case':<11}{'N':>10}{'construct s':>13}{'us/res-week':>13}{'median':>9}"
             f"{'peak RSS MB':>13}  x model (median; Mesa: range over its window)"]
    rat = r["ratios"]
    for case, by_n in r["cases"].items():
        for n, row in by_n.items():
            if case == "model":
                rel = f"1 (kernel x {rat['model_over_kernel'][n]['median']:.1f})"
            elif case == "mesa_virus":
                m = rat["mesa_virus_over_model"][n]
                rel = f"{m['low']:.1f} - {m['high']:.1f} (median {m['median']:.1f})"
            else:
                rel = f"{row['median'] / r['cases']['model'][n]['median']:.2f}"
            lines.append(f"{case:<11}{int(n):>10,}{row['construct_s']:>13.3f}{row['min']:>13.4f}"
                         f"{row['median']:>9.4f}{row['peak_rss_mb']:>13.0f}  {rel}")
    lines.append(f"(CPU time; us/res-week is the minimum over {REPEATS} interleaved repetitions; "
                 "load average at each N in results.json)")
    f = r["full_run"]
    lines += ["", f"full run {f['n']:,} x {f['weeks']} weeks: {f['wall_s']:.1f} s "
              f"(CPU {f['cpu_s']:.1f} s), peak RSS {f['peak_rss_mb']:.0f} MB ({f['record']})"]
    if "large_run" in r:
        g = r["large_run"]
        lines.append(f"large run {g['n']:,} x {g['weeks']} weeks: {g['wall_s']:.1f} s "
                     f"(CPU {g['cpu_s']:.1f} s, {g['in_kernel_units']:.1f} x the kernel's weeks "
                     f"at {g['n']:,}), peak RSS {g['peak_rss_mb']:.0f} MB")
    d, p = r["default_run"], r["passes"]
    lines += [f"default scenario: model CPU {d['min']:.3f} s (median {d['median']:.3f} s), "
              f"whole command {r['default_cli_s']:.2f} s; --help {r['help_s']:.2f} s",
              f"app step at 500 residents: median {r['app_step_ms']['median']:.2f} ms, "
              f"p95 {r['app_step_ms']['p95']:.2f} ms",
              "app Play tick on the server (week + plots + city, CPU): " + ", ".join(
                  f"{int(n):,} residents median {t['median']:.1f} ms, p95 {t['p95']:.1f} ms"
                  for n, t in r["app_tick_ms"].items() if n.isdigit())
              + " (the browser's share: benchmarks/bench_app.py)",
              "CPU share of step time at 100,000: " + ", ".join(
                  f"{k} {v:.0%}" for k, v in sorted(r["mechanism_share"].items(),
                                                    key=lambda kv: -kv[1]) if v >= 0.005),
              f"passes in week {p['week']} at {p['n']:,}: {p['passes']} over resident-sized "
              f"arrays ({p['random_draws']} random draws), {p['sparse_products']} sparse "
              f"products; volume {p['volume_in_n']} x n elements",
              "", "targets:"]
    for key, t in r["targets"].items():
        mark = {True: "met", False: "NOT met", None: "not measured"}[t["met"]]
        value = "-" if t["value"] is None else f"{t['value']:.3g}"
        lines.append(f"  {key:<28}{value:>10} {t['target']:<10} {mark:<13} {t['what']}")
    return "\n".join(lines)


def plot(r: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    labels = {"model": "CityModel (all mechanisms)", "kernel": "kernel: one contagion (floor)",
              "mesa_virus": "Mesa VirusOnNetwork (per agent-step)",
              "reference": "reference: one Mesa agent per resident"}
    for case, by_n in r["cases"].items():
        if by_n:
            ns = sorted(int(n) for n in by_n)
            line, = ax.plot(ns, [by_n[str(n)]["median"] for n in ns], "o-", label=labels[case])
            if case == "mesa_virus":  # its cost grows with prevalence: the window's range
                ax.fill_between(ns, [by_n[str(n)]["min"] for n in ns],
                                [by_n[str(n)]["max"] for n in ns], color=line.get_color(),
                                alpha=0.2)
    ax.set(xscale="log", yscale="log", xlabel="residents (agents) N",
           ylabel="CPU microseconds per resident-week (median)",
           title="Cost per resident-week against N")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="lower left", bbox_to_anchor=(0.0, 0.12))
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> None:
    if "--run-case" in sys.argv:
        run_case([a for a in sys.argv[1:] if a != "--run-case"])
        return
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--large", action="store_true", help="also N = 1,000,000 and 1M x 520 weeks")
    p.add_argument("--quick", action="store_true", help="only N = 1,000 and 10,000 (a smoke run)")
    p.add_argument("--out", type=Path, default=HERE / "results.json")
    a = p.parse_args()
    sizes = SIZES[:2] if a.quick else SIZES + ([LARGE] if a.large else [])
    started = time.perf_counter()
    results = environment()
    print(f"benchmarking on {results['machine']['cpu']} ({results['machine']['cores']} cores), "
          f"load {results['machine']['load_avg_at_start'][0]:.1f}")
    results.update(measure(sizes, a.large))
    results["ratios"] = ratios(results["cases"])
    results["targets"] = check_targets(results)
    results["bench_wall_s"] = time.perf_counter() - started
    results["machine"]["load_avg_at_end"] = os.getloadavg()
    a.out.write_text(json.dumps(results, indent=2) + "\n")
    plot(results, a.out.with_name("scaling.png"))
    print()
    print(table(results))
    print(f"\nwrote {a.out} and {a.out.with_name('scaling.png')} "
          f"in {results['bench_wall_s']:.0f} s")


if __name__ == "__main__":
    main()
