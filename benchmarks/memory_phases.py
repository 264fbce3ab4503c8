"""Where a large run's peak RSS comes from: VmRSS and VmHWM at every phase boundary.

Reads /proc/self/status (Linux) after the imports, after building the residents and the
network, after each phase of weeks 1-3, every 52nd week and the last, and after each per-resident
snapshot, and marks where the high-water mark rose. RssAnon and RssFile tell the heap from
the shared libraries' pages (numba's LLVM is most of the latter). The run is the bench's
scaled default scenario with its records written (`run_one` + `write_results`), so the
figure is the one `make bench BENCH_ARGS=--large` reports, phase by phase.

Usage: .venv/bin/python benchmarks/memory_phases.py [N] [WEEKS] [SNAPSHOT_EVERY]
       (defaults 1,000,000 8 4; run it under /usr/bin/time -v for the process's own peak)
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUS = ("VmRSS", "VmHWM", "RssAnon", "RssFile")
_high = [0]


def status_mib() -> dict[str, int]:
    """The process's RSS figures in MiB."""
    text = Path("/proc/self/status").read_text()
    return {k: int(re.search(k + r":\s+(\d+)", text).group(1)) // 1024 for k in STATUS}


def mark(what: str) -> None:
    s = status_mib()
    rose = " <- peak rose" if s["VmHWM"] > _high[0] + 5 else ""
    _high[0] = max(_high[0], s["VmHWM"])
    print(f"{time.process_time():7.2f} s cpu  rss {s['VmRSS']:5d}  hwm {s['VmHWM']:5d}  "
          f"anon {s['RssAnon']:5d}  file {s['RssFile']:5d}  {what}{rose}", flush=True)


def _marked_build(fn, name: str):  # noqa: ANN001, ANN202
    def built(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        out = fn(*args, **kwargs)
        mark(f"build: {name}")
        return out
    return built


def _marked_phase(fn, phase: str, weeks: int):  # noqa: ANN001, ANN202
    def timed(self):  # noqa: ANN001, ANN202
        out = fn(self)
        if self.week <= 3 or self.week % 52 == 0 or self.week == weeks:
            mark(f"week {self.week} {phase}")
        return out
    return timed


def main(n: int = 1_000_000, weeks: int = 8, every: int = 4) -> None:
    mark("python")
    import numpy  # noqa: F401

    mark("import numpy")
    import zelflerendestad.model as model_module
    from zelflerendestad.run import snapshots
    from zelflerendestad.run.runner import run_one, write_results

    mark("import the model and the runner")
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_scale import city_config

    cfg = city_config(n, weeks)
    cfg = cfg.model_copy(update={"record": cfg.record.model_copy(update={"every": every})})
    for name in ("create_residents", "build_network"):  # as the model module calls them
        setattr(model_module, name, _marked_build(getattr(model_module, name), name))
    cls = model_module.CityModel
    for phase in cls.phases:
        setattr(cls, phase, _marked_phase(getattr(cls, phase), phase, weeks))
    take = snapshots.ResidentSnapshots.take

    def snapshot(self, model) -> None:  # noqa: ANN001
        take(self, model)
        mark(f"snapshot week {model.week}")
    snapshots.ResidentSnapshots.take = snapshot
    out = Path(tempfile.mkdtemp(prefix="memory-phases-"))
    try:
        result = run_one(cfg)
        mark("run_one returned")
        write_results(result, out / "run")
        mark("results written")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
