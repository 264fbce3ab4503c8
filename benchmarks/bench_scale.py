"""`make bench`: every speed and memory figure of issue 8, side by side, from one run.

Each case runs in its own subprocess, so its peak RSS is its own; construction is timed apart
from the steps; small N takes the best of 3. Writes benchmarks/results.json and
benchmarks/scaling.png and prints a table. Not a test: targets are reported, never asserted.

Cases, per N (1,000 / 10,000 / 100,000; 1,000,000 with --large):
- model: the full CityModel (default scenario scaled to N, every mechanism on, weekly
  measures recorded), microseconds per resident-week;
- kernel: the floor, a bare numpy + scipy.sparse simple contagion on the same network
  (one sparse matrix-vector product, Bernoulli draws, a count per week);
- mesa_virus: Mesa's own VirusOnNetwork example at the same N and mean degree, `model.step()`
  timed, microseconds per agent-step. Its graph is built with `nx.fast_gnp_random_graph` (the
  example's `nx.erdos_renyi_graph` is quadratic) and its Network space with `layout=None` (the
  example computes a spring layout); its agent and step code are unchanged;
- reference: benchmarks/reference_agents.py, the core rules written as one Mesa agent per
  resident (1,000 and 10,000 only; crowding and commons off, which the model keeps on).
Also: the default scenario as a user runs it, 100,000 x 520 weeks with peak RSS (records
included), the app's step at 500 residents, the share of each mechanism at 100,000,
`zelflerendestad --help`.

Usage: .venv/bin/python benchmarks/bench_scale.py [--large] [--quick]
"""

from __future__ import annotations

import argparse
import json
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
VIRUS_STEPS = {1_000: 20, 10_000: 10, 100_000: 5, 1_000_000: 2}
REFERENCE_WEEKS = {1_000: 10, 10_000: 3}
TARGETS = {
    "full_run_wall_s": ("<=", 30.0, "100,000 x 520 weeks, records included"),
    "full_run_peak_rss_mb": ("<=", 2048.0, "peak RSS of the 100,000 x 520 run"),
    "model_over_kernel_100k": ("<=", 20.0, "model / kernel per resident-week (aim 10)"),
    "mesa_virus_over_model_10k": (">=", 5.0, "Mesa agent-step / model resident-week"),
    "mesa_virus_over_model_100k": (">=", 5.0, "Mesa agent-step / model resident-week"),
    "reference_over_model_10k": (">=", 50.0, "reference / model per resident-week"),
    "default_run_s": ("<", 2.0, "default scenario, model time (build + 520 weeks)"),
    "help_s": ("<", 0.5, "`zelflerendestad --help`"),
    "app_step_p95_ms": ("<", 10.0, "app step at 500 residents, 95th percentile"),
    "large_run_peak_rss_mb": ("<=", 8192.0, "1,000,000 x 52 weeks (with --large)"),
}


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


# --- cases, each run inside its own subprocess ------------------------------------------------
def case_model(n: int, repeats: int) -> dict:
    from zelflerendestad.model import CityModel

    cfg, best_build, best_step, best_cpu = city_config(n), *[float("inf")] * 3
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = CityModel(cfg, seed=cfg.run.seed)
        t1, c1 = time.perf_counter(), time.process_time()
        model.run(MODEL_WEEKS)
        t2, c2 = time.perf_counter(), time.process_time()
        best_build, best_step = min(best_build, t1 - t0), min(best_step, t2 - t1)
        best_cpu = min(best_cpu, c2 - c1)
    t0 = time.perf_counter()
    views = len(model.agents)  # the thin Mesa agents are made on first access (AgentViews)
    return {"construct_s": best_build, "us_per_resident_week": best_step / (n * MODEL_WEEKS) * 1e6,
            "cpu_us_per_resident_week": best_cpu / (n * MODEL_WEEKS) * 1e6, "weeks": MODEL_WEEKS,
            "agent_views_s": time.perf_counter() - t0, "agent_views": views}


def case_kernel(n: int, repeats: int) -> dict:
    import numpy as np

    from zelflerendestad.network import build_network
    from zelflerendestad.population import create_residents
    from zelflerendestad.rng import Streams

    cfg, streams = city_config(n), Streams(1)
    t0 = time.perf_counter()
    r = create_residents(cfg, streams["population"])  # same network type and mean degree
    net = build_network(r.neighbourhood, r.is_connector, cfg.network, streams["network"])
    build = time.perf_counter() - t0
    adj, log_escape = net.adjacency, np.log1p(-0.05)  # 5% per infected contact per week
    best, best_cpu = float("inf"), float("inf")
    for rep in range(repeats):
        rng = np.random.default_rng(rep)
        infected = rng.random(n) < 0.01
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(MODEL_WEEKS):
            pressure = adj @ infected.astype(np.float64)
            infected |= rng.random(n) < -np.expm1(pressure * log_escape)
            count = np.count_nonzero(infected)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return {"construct_s": build, "us_per_resident_week": best / (n * MODEL_WEEKS) * 1e6,
            "cpu_us_per_resident_week": best_cpu / (n * MODEL_WEEKS) * 1e6,
            "weeks": MODEL_WEEKS, "mean_degree": float(net.degree.mean()),
            "final_share": count / n}


def build_virus(n: int, mean_degree: float, seed: int):
    """Mesa's VirusOnNetwork, built with fast_gnp_random_graph and layout=None."""
    import functools
    import types

    import networkx as nx
    from mesa.discrete_space import Network
    from mesa.examples.basic.virus_on_network import model as virus

    graph = types.SimpleNamespace(
        erdos_renyi_graph=lambda n, p: nx.fast_gnp_random_graph(n, p, seed=seed))
    virus.nx, virus.Network = graph, functools.partial(Network, layout=None)
    return virus.VirusOnNetwork(num_nodes=n, avg_node_degree=mean_degree, rng=seed)


def case_mesa_virus(n: int, repeats: int, mean_degree: float) -> dict:
    steps, best_build, best_step = VIRUS_STEPS[n], float("inf"), float("inf")
    for rep in range(repeats):
        t0 = time.perf_counter()
        model = build_virus(n, mean_degree, seed=rep + 1)
        t1 = time.perf_counter()
        for _ in range(steps):
            model.step()
        t2 = time.perf_counter()
        best_build, best_step = min(best_build, t1 - t0), min(best_step, t2 - t1)
    return {"construct_s": best_build, "us_per_resident_week": best_step / (n * steps) * 1e6,
            "steps": steps, "mean_degree": mean_degree,
            "setup": "Mesa's VirusOnNetwork with its default rates and initial_outbreak_size=1; "
                     "graph by nx.fast_gnp_random_graph, Network(layout=None); agent code "
                     "unchanged; unit: microseconds per agent-step"}


def case_reference(n: int, repeats: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from benchmarks.reference_agents import ReferenceCity, reference_config

    weeks, best_build, best_step = REFERENCE_WEEKS.get(n, 2), float("inf"), float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = ReferenceCity(reference_config(city_config(n)))
        t1 = time.perf_counter()
        model.run(weeks)
        t2 = time.perf_counter()
        best_build, best_step = min(best_build, t1 - t0), min(best_step, t2 - t1)
    return {"construct_s": best_build, "us_per_resident_week": best_step / (n * weeks) * 1e6,
            "weeks": weeks, "setup": "default scenario with crowding and commons off (the "
                                     "reference has neither); the model it is compared with "
                                     "runs them"}


def case_full_run(n: int, weeks: int) -> dict:
    import shutil
    import tempfile

    from zelflerendestad.run.runner import run_one, write_results

    cfg = city_config(n, weeks)
    cfg = cfg.model_copy(update={"record": cfg.record.model_copy(update={"every": 52})})
    out = Path(tempfile.mkdtemp(prefix="bench-full-"))
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        write_results(run_one(cfg), out / "run")
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"n": n, "weeks": weeks, "wall_s": wall, "cpu_s": cpu,
            "record": "weekly measures + per-resident snapshots every 52 weeks, written"}


def case_default_run() -> dict:
    from zelflerendestad.config import load_config
    from zelflerendestad.model import CityModel

    cfg = load_config(ROOT / "configs" / "default.yaml", [])
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        CityModel(cfg, seed=cfg.run.seed).run()
        best = min(best, time.perf_counter() - t0)
    return {"default_run_s": best, "n": cfg.city.residents, "weeks": cfg.run.weeks}


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


def case_mechanisms(n: int) -> dict:
    from zelflerendestad.model import CityModel
    from zelflerendestad.run.profiling import StepTimer

    model = CityModel(city_config(n), seed=1)
    timer = StepTimer(model)
    model.run(MODEL_WEEKS)
    return {"share": timer.shares(), "ms_per_week": {
        k: v / timer.steps * 1e3 for k, v in timer.seconds.items()},
        "step_ms": timer.total / timer.steps * 1e3, "n": n, "weeks": MODEL_WEEKS}


def run_case(argv: list[str]) -> None:
    """Inside a subprocess: run one case and print its result as one JSON line."""
    p = argparse.ArgumentParser()
    p.add_argument("--case", required=True)
    p.add_argument("--n", type=int, default=0)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--weeks", type=int, default=520)
    p.add_argument("--degree", type=float, default=8.0)
    a = p.parse_args(argv)
    result = {
        "model": lambda: case_model(a.n, a.repeats),
        "kernel": lambda: case_kernel(a.n, a.repeats),
        "mesa_virus": lambda: case_mesa_virus(a.n, a.repeats, a.degree),
        "reference": lambda: case_reference(a.n, a.repeats),
        "full_run": lambda: case_full_run(a.n, a.weeks),
        "default_run": case_default_run,
        "app_step": case_app_step,
        "mechanisms": lambda: case_mechanisms(a.n),
    }[a.case]()
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


# --- the parent: run every case in a subprocess, then the table, json and plot ----------------
def sub(case: str, **kw: float) -> dict:
    args = [sys.executable, str(Path(__file__).resolve()), "--run-case", "--case", case]
    for k, v in kw.items():
        args += [f"--{k}", str(v)]
    print(f"  {case} {' '.join(f'{k}={v}' for k, v in kw.items())} ...", end="", flush=True)
    t0 = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
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
    import os

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in
                Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), None)
    return {"machine": {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": mem,
                        "platform": platform.platform(), "load_avg_at_start": os.getloadavg()},
            "python": platform.python_version(),
            "packages": {p: metadata.version(p) for p in (
                "zelflerendestad", "mesa", "numpy", "scipy", "networkx", "pyarrow")}}


def measure(sizes: list[int], large: bool) -> dict:
    cases: dict[str, dict[str, dict]] = {c: {} for c in ("model", "kernel", "mesa_virus",
                                                          "reference")}
    for n in sizes:
        reps = 3 if n <= 10_000 else 1
        cases["kernel"][str(n)] = kernel = sub("kernel", n=n, repeats=reps)
        cases["model"][str(n)] = sub("model", n=n, repeats=reps)
        cases["mesa_virus"][str(n)] = sub("mesa_virus", n=n, repeats=reps,
                                          degree=round(kernel["mean_degree"], 3))
        if n in REFERENCE_WEEKS:
            cases["reference"][str(n)] = sub("reference", n=n, repeats=reps)
    full = sub("full_run", n=100_000, weeks=520)
    out = {"cases": cases, "full_run": full}
    if large:
        out["large_run"] = sub("full_run", n=LARGE, weeks=52)
    out["default_run_s"] = sub("default_run")["default_run_s"]
    out["default_cli_s"] = default_cli_time()
    out["app_step_ms"] = sub("app_step")
    mech = sub("mechanisms", n=100_000)
    out["mechanism_share"] = mech["share"]
    out["mechanism_ms_per_week"] = mech["ms_per_week"]
    out["help_s"] = help_time()
    return out


def ratios(cases: dict) -> dict:
    def per(case: str, n: str) -> float | None:
        return cases[case].get(n, {}).get("us_per_resident_week")

    out: dict[str, dict[str, float]] = {"model_over_kernel": {}, "mesa_virus_over_model": {},
                                        "reference_over_model": {}}
    for n in cases["model"]:
        m = per("model", n)
        for key, a, b in (("model_over_kernel", m, per("kernel", n)),
                          ("mesa_virus_over_model", per("mesa_virus", n), m),
                          ("reference_over_model", per("reference", n), m)):
            if a and b:
                out[key][n] = a / b
    return out


def check_targets(r: dict) -> dict:
    rat = r["ratios"]
    values = {
        "full_run_wall_s": r["full_run"]["wall_s"],
        "full_run_peak_rss_mb": r["full_run"]["peak_rss_mb"],
        "model_over_kernel_100k": rat["model_over_kernel"].get("100000"),
        "mesa_virus_over_model_10k": rat["mesa_virus_over_model"].get("10000"),
        "mesa_virus_over_model_100k": rat["mesa_virus_over_model"].get("100000"),
        "reference_over_model_10k": rat["reference_over_model"].get("10000"),
        "default_run_s": r["default_run_s"],
        "help_s": r["help_s"],
        "app_step_p95_ms": r["app_step_ms"]["p95"],
        "large_run_peak_rss_mb": r.get("large_run", {}).get("peak_rss_mb"),
    }
    out = {}
    for key, (op, limit, what) in TARGETS.items():
        v = values[key]
        met = None if v is None else (v <= limit if op == "<=" else v >= limit if op == ">="
                                      else v < limit)
        out[key] = {"value": v, "target": f"{op} {limit:g}", "met": met, "what": what}
    return out


def table(r: dict) -> str:
    lines = [f"{'case':<11}{'N':>10}{'construct s':>13}{'us/res-week':>13}{'peak RSS MB':>13}"
             f"{'x model':>9}"]
    for case, by_n in r["cases"].items():
        for n, row in by_n.items():
            model = r["cases"]["model"].get(n, {}).get("us_per_resident_week")
            rel = row["us_per_resident_week"] / model if model else float("nan")
            lines.append(f"{case:<11}{int(n):>10,}{row['construct_s']:>13.3f}"
                         f"{row['us_per_resident_week']:>13.4f}{row['peak_rss_mb']:>13.0f}"
                         f"{rel:>9.2f}")
    f = r["full_run"]
    lines += ["", f"full run {f['n']:,} x {f['weeks']} weeks: {f['wall_s']:.1f} s "
              f"(CPU {f['cpu_s']:.1f} s), peak RSS {f['peak_rss_mb']:.0f} MB ({f['record']})"]
    if "large_run" in r:
        g = r["large_run"]
        lines.append(f"large run {g['n']:,} x {g['weeks']} weeks: {g['wall_s']:.1f} s "
                     f"(CPU {g['cpu_s']:.1f} s), peak RSS {g['peak_rss_mb']:.0f} MB")
    lines += [f"default scenario: model {r['default_run_s']:.2f} s, whole command "
              f"{r['default_cli_s']:.2f} s; --help {r['help_s']:.2f} s",
              f"app step at 500 residents: median {r['app_step_ms']['median']:.2f} ms, "
              f"p95 {r['app_step_ms']['p95']:.2f} ms",
              "share of step time at 100,000: " + ", ".join(
                  f"{k} {v:.0%}" for k, v in sorted(r["mechanism_share"].items(),
                                                    key=lambda kv: -kv[1]) if v >= 0.005),
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
            ax.plot(ns, [by_n[str(n)]["us_per_resident_week"] for n in ns], "o-",
                    label=labels[case])
    ax.set(xscale="log", yscale="log", xlabel="residents (agents) N",
           ylabel="microseconds per resident-week",
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
    p.add_argument("--large", action="store_true", help="also N = 1,000,000 and 1M x 52 weeks")
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
    a.out.write_text(json.dumps(results, indent=2) + "\n")
    plot(results, a.out.with_name("scaling.png"))
    print()
    print(table(results))
    print(f"\nwrote {a.out} and {a.out.with_name('scaling.png')} "
          f"in {results['bench_wall_s']:.0f} s")


if __name__ == "__main__":
    main()
