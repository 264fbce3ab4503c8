"""A real Dask cluster on 127.0.0.1 gives the local pool's numbers, even when a worker dies.

The test starts `dask scheduler` and two `dask worker` processes itself, as a researcher would on
a cluster, runs a sweep there with `--scheduler`, kills one worker outright mid-sweep and
compares the result with the same spec run on the local process pool.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sweep_helpers import cli, runs, timeseries, write_spec

DASK = Path(sys.executable).parent / "dask"
REPLICATIONS = 12
N_RUNS = 6 * REPLICATIONS


def start(args: list[str], folder: Path, name: str) -> subprocess.Popen:
    log = open(folder / f"{name}.log", "w")  # closed with the process
    return subprocess.Popen([str(DASK), *args], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


@pytest.fixture
def cluster(tmp_path):
    from distributed import Client

    info = tmp_path / "scheduler.json"
    procs = [start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--scheduler-file", str(info)], tmp_path, "scheduler")]
    deadline = time.monotonic() + 120
    while not info.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    address = json.loads(info.read_text())["address"]
    workers = [start(["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                      "--host", "127.0.0.1", "--name", f"w{i}", "--local-directory",
                      str(tmp_path / f"w{i}")], tmp_path, f"worker{i}") for i in range(2)]
    procs += workers
    with Client(address, timeout="60s") as client:
        client.wait_for_workers(2, timeout=120)
    yield address, workers
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_dask_gives_local_results_even_when_a_worker_dies(cluster, tmp_path):
    address, workers = cluster
    spec = write_spec(tmp_path, weeks=52, replications=REPLICATIONS)
    local = cli("sweep", spec, "--out", tmp_path / "local", "--workers", 2, cwd=tmp_path)
    assert local.returncode == 0, local.stderr

    out = tmp_path / "dask"
    proc = subprocess.Popen([sys.executable, "-m", "zelflerendestad", "sweep", str(spec),
                             "--out", str(out), "--scheduler", address], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not list((out / "runs").glob("batch-*.parquet")) and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.02)
    assert workers[0].poll() is None
    os.killpg(workers[0].pid, signal.SIGKILL)
    committed_at_kill = len(runs_so_far(out))
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    assert "Dask cluster at tcp://127.0.0.1" in stderr
    assert committed_at_kill < N_RUNS  # the worker died mid-sweep
    table = runs(out)
    assert len(table) == N_RUNS and set(table["status"]) == {"ok"}
    same = runs(tmp_path / "local")
    assert table.equals(same[table.columns])
    assert timeseries(out).equals(timeseries(tmp_path / "local")[timeseries(out).columns])


def runs_so_far(out: Path) -> list[int]:
    from zelflerendestad.sweeps.store import SweepStore

    return list(SweepStore(out).statuses())
