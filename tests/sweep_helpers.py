"""Shared helpers of the sweep tests: a tiny spec, the CLI in a subprocess, result readers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import yaml

ROOT = Path(__file__).resolve().parents[1]
VOLATILE = ["duration_s", "worker"]

SPEC = {
    "name": "tiny",
    "description": "A tiny sweep for the tests.",
    "base": str(ROOT / "configs" / "default.yaml"),
    "weeks": 26,
    "seed": 11,
    "replications": 4,
    "fixed": {"city.residents": 200},
    "parameters": {"municipality.vertical_share": [0.25, 0.5, 0.75],
                   "network.type": ["small_world", "fully_mixed"]},
    "outputs": {"timeseries": True, "measures": ["engaged_share", "trust_government"]},
}


def write_spec(folder: Path, **changes) -> Path:
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump({**SPEC, **changes}, sort_keys=False))
    return path


def cli(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zelflerendestad", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600,
                          env={**os.environ, **(env or {})})


def runs(out: Path) -> pd.DataFrame:
    table = pd.read_parquet(out / "runs.parquet")
    return table.drop(columns=VOLATILE).sort_values("run_id").reset_index(drop=True)


def timeseries(out: Path) -> pd.DataFrame:
    table = ds.dataset(out / "timeseries", partitioning="hive").to_table().to_pandas()
    table["point_id"] = table["point_id"].astype(int)
    return table.sort_values(["run_id", "week"]).reset_index(drop=True)
