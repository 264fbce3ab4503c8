"""Microseconds per resident-week of the full CityModel step at 1,000 / 10,000 / 100,000.

Not a test: prints figures. Usage: .venv/bin/python benchmarks/bench_step.py [--weeks 52]
"""

from __future__ import annotations

import argparse
import time

from zelflerendestad.config import CityConfig
from zelflerendestad.model import CityModel


def bench(n: int, weeks: int) -> tuple[float, float]:
    cfg = CityConfig.model_validate({"city": {"residents": n, "neighbourhoods": max(3, n // 700)},
                                     "run": {"weeks": weeks}})
    t0 = time.perf_counter()
    model = CityModel(cfg, seed=cfg.run.seed)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.run(weeks)
    return built, (time.perf_counter() - t0) / (n * weeks) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    print(f"{'residents':>10} {'construct s':>12} {'us/resident-week':>17}")
    for n in args.sizes:
        built, us = bench(n, args.weeks)
        print(f"{n:>10,} {built:>12.2f} {us:>17.2f}")


if __name__ == "__main__":
    main()
