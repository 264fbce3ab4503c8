"""The experiment command on the sweep machinery: interrupted and resumed, local pool, Dask.

End to end: a run of the CLI stopped by SIGTERM keeps the seeds that finished and leaves no
half-written file, `--resume` runs only the rest, and the differences equal an uninterrupted
run's; the local process pool and a real Dask cluster on 127.0.0.1 give the same rows.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
import yaml

from tests.test_sweeps_dask import cluster  # noqa: F401  (the loopback cluster fixture)
from zelflerendestad.lab.command import ExperimentError, run_experiment

from .test_lab import SPEC

SMALL = {**SPEC, "seeds": list(range(1, 9)), "burn_in": 6,
         "phases": [{"name": "baseline", "weeks": 3}, {"name": "treatment", "weeks": 6},
                    {"name": "removal", "weeks": 3}]}


def write(tmp_path, spec):
    path = tmp_path / "lab.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def rows(out):
    return sorted(pq.read_table(out / "rows").to_pylist(),
                  key=lambda r: (r["seed"], r["arm"], r["group"], r["week"]))


def test_an_interrupted_experiment_resumes_to_the_same_differences(tmp_path):
    spec = write(tmp_path, SMALL)
    out = tmp_path / "cut"
    proc = subprocess.Popen([sys.executable, "-m", "zelflerendestad", "experiment", str(spec),
                             "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 300
    while not list((out / "rows").glob("seed-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "--resume" in stderr and "Traceback" not in stderr
    kept = sorted((out / "rows").iterdir())
    assert 0 < len(kept) < len(SMALL["seeds"])
    assert all(p.name.startswith("seed-") for p in kept)  # no half-written file

    with pytest.raises(ExperimentError, match="add --resume"):
        run_experiment(spec, out)
    resumed = run_experiment(spec, out, resume=True)
    assert resumed == run_experiment(spec, tmp_path / "whole")  # as if never interrupted
    other = write(tmp_path, {**SMALL, "burn_in": 11})
    with pytest.raises(ExperimentError, match="different spec"):
        run_experiment(other, out, resume=True)


def test_the_local_pool_and_a_dask_cluster_give_the_same_rows(cluster, tmp_path):  # noqa: F811
    address, _ = cluster
    spec = write(tmp_path, {**SPEC, "seeds": [1, 2]})
    run_experiment(spec, tmp_path / "here")
    run_experiment(spec, tmp_path / "pool", workers=2)
    run_experiment(spec, tmp_path / "dask", scheduler=address)
    assert rows(tmp_path / "here") == rows(tmp_path / "pool") == rows(tmp_path / "dask")
    with pytest.raises(ExperimentError, match="--workers"):
        run_experiment(spec, tmp_path / "x", workers=2, scheduler=address)
