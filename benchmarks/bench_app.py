"""Milliseconds per step *with redraw* in the workshop app, at 500 and 2,000 residents.

Two figures per size:
- "model+draw": `SessionState.step` + `SessionState.draw` (the model's week and the PNG frames
  of the time series and the network), what a Play tick costs on the server;
- "page click": pressing the Step button of the real page rendered by Solara (`solara.render`),
  which adds pushing the frames into the live widgets and any re-render.
The browser's own decoding of the PNGs is not included.
Run: .venv/bin/python benchmarks/bench_app.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

STEPS = int(os.environ.get("BENCH_STEPS", "100"))
SIZES = (500, 2000)


def _config_dir(residents: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-app-"))
    (folder / "default.yaml").write_text(yaml.safe_dump(
        {"meta": {"name": f"bench{residents}"}, "city": {"residents": residents}}))
    return folder


def _summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p90 = ms[int(0.9 * (len(ms) - 1))]
    return f"median {statistics.median(ms):6.1f} ms   p90 {p90:6.1f} ms   max {ms[-1]:6.1f} ms"


def bench_state(residents: int) -> list[float]:
    from zelflerendestad.app.library import load_library
    from zelflerendestad.app.state import SessionState

    state = SessionState.create(load_library(_config_dir(residents)))
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
    samples = []
    for _ in range(STEPS):
        start = time.perf_counter()
        button.click()
        samples.append(time.perf_counter() - start)
    rc.close()
    return samples


def main() -> None:
    print(f"workshop app: {STEPS} steps from week 0, each with redraw "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"load {os.getloadavg()[0]:.1f})")
    for residents in SIZES:
        print(f"{residents:>6} residents  model+draw  {_summary(bench_state(residents))}")
        print(f"{residents:>6} residents  page click  {_summary(bench_page(residents))}")


if __name__ == "__main__":
    main()
