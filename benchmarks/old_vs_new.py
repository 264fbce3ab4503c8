"""Time an older commit's model against this tree's, interleaved in one process (CPU clock).

The older commit's `src/zelflerendestad` is exported (`git archive`) into a temporary folder as
the package `zsold` (the model's modules import each other relatively, so the rename is all it
takes); both models and the kernel (`bench_scale.kernel_weeks`) then run `reps` times each in
rotating order, so load on this shared machine hits all three alike. Prints one JSON line:
microseconds per resident-week (min, median), old over new, each over the kernel, the load.

Usage: .venv/bin/python benchmarks/old_vs_new.py COMMIT [N] [WEEKS] [REPS]
       .venv/bin/python benchmarks/old_vs_new.py --phases COMMIT [N] [WEEKS] [REPS]
       .venv/bin/python benchmarks/old_vs_new.py --late COMMIT [N] [FROM] [WEEKS] [REPS]

`--phases`: instead of the kernel, the whole run as `bench_scale`'s `default_run_s` counts it
(build + weeks, CPU, no timer) and, in a second run, each phase's CPU per week (the step
timer), old and new interleaved; at N = 2,000 and 520 weeks that is the default scenario.

`--late`: each phase's CPU per week over WEEKS weeks after week FROM, late in a run, where
the city's state (engaged, active, the code) differs from its first weeks: old and new are
each run to week FROM once, and every repetition times a `copy.deepcopy` of that model.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export_old(commit: str, into: Path) -> None:
    """The commit's package as `into/zsold`."""
    tar = subprocess.run(["git", "archive", commit, "src/zelflerendestad"], cwd=ROOT,
                         capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(into, filter="data")
    (into / "src" / "zelflerendestad").rename(into / "zsold")


def main(commit: str, n: int = 100_000, weeks: int = 52, reps: int = 5) -> dict:
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_scale import kernel_network, kernel_weeks

    tmp = Path(tempfile.mkdtemp(prefix="old-vs-new-"))
    export_old(commit, tmp)
    sys.path.insert(0, str(tmp))
    import zsold.config
    import zsold.model

    import zelflerendestad.config
    import zelflerendestad.model

    config = ROOT / "configs" / "default.yaml"
    keys = [f"city.residents={n}", f"city.neighbourhoods={max(3, n // 700)}", f"run.weeks={weeks}"]
    net = kernel_network(n)

    def model(pkg):  # noqa: ANN001, ANN202
        cfg = pkg.config.load_config(config, keys)

        def run(rep: int) -> float:
            m = pkg.model.CityModel(cfg, seed=cfg.run.seed)
            c0 = time.process_time()
            m.run(weeks)
            return time.process_time() - c0
        return run

    runs = {"old": model(zsold), "new": model(zelflerendestad),
            "kernel": lambda rep: kernel_weeks(net.adjacency, n, weeks, rep)}
    runs["new"](0)  # compiled kernels loaded before anything is timed
    got: dict[str, list[float]] = {k: [] for k in runs}
    names, loads = list(runs), []
    for rep in range(reps):
        for name in names[rep % 3:] + names[: rep % 3]:
            got[name].append(runs[name](rep) / (n * weeks) * 1e6)
        loads.append(round(os.getloadavg()[0], 1))
    out: dict = {k: {"min": min(v), "median": statistics.median(v)} for k, v in got.items()}
    for k in ("old", "new"):
        out[k]["over_kernel_median"] = out[k]["median"] / out["kernel"]["median"]
    out.update(old_over_new_median=out["old"]["median"] / out["new"]["median"], commit=commit,
               n=n, weeks=weeks, reps=reps, load_1min_per_rep=loads)
    return out


def phases(commit: str, n: int = 2_000, weeks: int = 520, reps: int = 5) -> dict:
    """Build + run CPU (s) and CPU per phase (ms a week), old and new, min and median."""
    tmp = Path(tempfile.mkdtemp(prefix="old-vs-new-"))
    export_old(commit, tmp)
    sys.path.insert(0, str(tmp))
    import zsold.config
    import zsold.model
    import zsold.run.profiling

    import zelflerendestad.config
    import zelflerendestad.model
    import zelflerendestad.run.profiling

    config = ROOT / "configs" / "default.yaml"
    keys = [] if n == 2_000 else [f"city.residents={n}", f"city.neighbourhoods={max(3, n // 700)}"]
    keys.append(f"run.weeks={weeks}")

    def model(pkg):  # noqa: ANN001, ANN202
        cfg = pkg.config.load_config(config, keys)

        def run() -> dict[str, float]:
            c0 = time.process_time()
            pkg.model.CityModel(cfg, seed=cfg.run.seed).run(weeks)  # untimed phases
            out = {"run_s": time.process_time() - c0}
            m = pkg.model.CityModel(cfg, seed=cfg.run.seed)
            timer = pkg.run.profiling.StepTimer(m)
            m.run(weeks)
            out["step_ms"] = timer.total / weeks * 1e3
            out.update({k: v / weeks * 1e3 for k, v in timer.seconds.items()})
            return out
        return run

    runs = {"old": model(zsold), "new": model(zelflerendestad)}
    runs["old"](), runs["new"]()  # compiled kernels loaded before anything is timed
    got: dict[str, list[dict]] = {k: [] for k in runs}
    loads = []
    for rep in range(reps):
        for name in (("old", "new") if rep % 2 == 0 else ("new", "old")):
            got[name].append(runs[name]())
        loads.append(round(os.getloadavg()[0], 1))
    out: dict = {}
    for name, rows in got.items():
        out[name] = {k: {"min": min(r[k] for r in rows),
                         "median": statistics.median(r[k] for r in rows)} for k in rows[0]}
    out.update(commit=commit, n=n, weeks=weeks, reps=reps, load_1min_per_rep=loads)
    return out


def late(commit: str, n: int = 100_000, start: int = 200, weeks: int = 10,
         reps: int = 5) -> dict:
    """CPU per phase (ms a week, min and median) over weeks start+1 .. start+weeks."""
    import copy

    tmp = Path(tempfile.mkdtemp(prefix="old-vs-new-"))
    export_old(commit, tmp)
    sys.path.insert(0, str(tmp))
    import zsold.config
    import zsold.model
    import zsold.run.profiling

    import zelflerendestad.config
    import zelflerendestad.model
    import zelflerendestad.run.profiling

    keys = [f"city.residents={n}", f"city.neighbourhoods={max(3, n // 700)}",
            f"run.weeks={start + weeks}"]
    pkgs, at = {"old": zsold, "new": zelflerendestad}, {}
    for name, pkg in pkgs.items():
        cfg = pkg.config.load_config(ROOT / "configs" / "default.yaml", keys)
        at[name] = pkg.model.CityModel(cfg, seed=cfg.run.seed)
        at[name].run(start)  # also loads the compiled kernels before anything is timed
    got: dict[str, list[dict]] = {k: [] for k in pkgs}
    loads = []
    for rep in range(reps):
        for name in (("old", "new") if rep % 2 == 0 else ("new", "old")):
            m = copy.deepcopy(at[name])
            timer = pkgs[name].run.profiling.StepTimer(m)
            m.run(weeks)
            got[name].append({"step_ms": timer.total / weeks * 1e3,
                              **{k: v / weeks * 1e3 for k, v in timer.seconds.items()}})
            del m, timer
        loads.append(round(os.getloadavg()[0], 1))
    out: dict = {name: {k: {"min": min(r[k] for r in rows),
                            "median": statistics.median(r[k] for r in rows)} for k in rows[0]}
                 for name, rows in got.items()}
    out.update(commit=commit, n=n, weeks=[start + 1, start + weeks], reps=reps,
               load_1min_per_rep=loads)
    return out


if __name__ == "__main__":
    a = sys.argv[1:]
    if not a:
        raise SystemExit(__doc__)
    if a[0] == "--phases":
        print(json.dumps(phases(a[1], *(int(x) for x in a[2:]))))
    elif a[0] == "--late":
        print(json.dumps(late(a[1], *(int(x) for x in a[2:]))))
    else:
        print(json.dumps(main(a[0], *(int(x) for x in a[1:]))))
