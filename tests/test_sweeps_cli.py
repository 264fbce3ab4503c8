"""`zelflerendestad sweep` and `analyze` end to end, through the real CLI in subprocesses.

One uninterrupted sweep is the reference; a sweep killed outright and resumed, a sweep with a
failing point, and one whose worker dies must all end with the reference's runs, each once.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from tests.sweep_helpers import cli, runs, timeseries, write_spec

FAULTS = Path(__file__).resolve().parent / "sweep_faults"
N_RUNS = 24


def same_as_reference(out: Path, reference: Path) -> None:
    got = runs(out)
    assert got["run_id"].tolist() == list(range(N_RUNS))
    pd.testing.assert_frame_equal(got, runs(reference), check_like=True)
    pd.testing.assert_frame_equal(timeseries(out), timeseries(reference), check_like=True)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reference")
    proc = cli("sweep", write_spec(folder), "--out", folder / "out", "--workers", 2, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return folder / "out"


def test_sweep_writes_one_row_per_run_with_common_seeds(reference):
    table = runs(reference)
    assert len(table) == N_RUNS and set(table["status"]) == {"ok"}
    assert {"municipality.vertical_share", "network.type", "engaged_share_final",
            "seed", "replication", "point_id", "error"} <= set(table.columns)
    seeds = table.groupby("replication")["seed"].nunique()
    assert (seeds == 1).all() and table["seed"].nunique() == 4
    manifest = json.loads((reference / "manifest.json").read_text())
    assert manifest["n_runs"] == N_RUNS and manifest["spec"]["seed"] == 11
    assert {"dask", "SALib", "numpy"} <= set(manifest["versions"]) and manifest["git_commit"]
    assert manifest["sessions"][-1]["ok"] == N_RUNS


def test_timeseries_read_as_one_dataset_by_polars_and_pandas(reference):
    frame = pl.read_parquet(reference / "timeseries" / "**" / "*.parquet",
                            hive_partitioning=True)
    assert frame.height == N_RUNS * 27
    assert set(frame.columns) == {"point_id", "run_id", "replication", "week", "engaged_share",
                                  "trust_government"}
    assert frame.group_by("run_id").len()["len"].to_list() == [27] * N_RUNS
    assert len(pd.read_parquet(reference / "timeseries")) == N_RUNS * 27


def test_analyze_writes_tables_and_figures(reference, tmp_path):
    proc = cli("analyze", reference, "--out", tmp_path / "a", "--outcome",
               "engaged_share_final", "--outcome", "trust_government_final", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    agg = pd.read_csv(tmp_path / "a" / "aggregates.csv")
    table = runs(reference)
    expected = table.groupby("point_id")["engaged_share_final"].mean()
    assert agg["engaged_share_final_mean"].tolist() == pytest.approx(expected.tolist())
    assert (agg["engaged_share_final_lo"] <= agg["engaged_share_final_mean"]).all()
    for stem in ("line_engaged_share_final", "heatmap_trust_government_final",
                 "fan_engaged_share"):
        for suffix in (".png", ".svg"):
            assert (tmp_path / "a" / f"{stem}{suffix}").stat().st_size > 1000
    summary = (tmp_path / "a" / "summary.md").read_text()
    assert "24 recorded, 24 ok" in summary and "![line_engaged_share_final]" in summary


def test_resume_on_a_finished_sweep_does_nothing(reference, tmp_path):
    before = (reference / "runs.parquet").read_bytes()
    proc = cli("sweep", write_spec(tmp_path), "--out", reference, "--resume", cwd=tmp_path)
    assert proc.returncode == 0 and "nothing to do" in proc.stdout
    assert pd.read_parquet(reference / "runs.parquet").equals(
        pd.read_parquet(io.BytesIO(before)))


def test_an_existing_folder_needs_resume_and_the_same_spec(reference, tmp_path):
    same = cli("sweep", write_spec(tmp_path), "--out", reference, cwd=tmp_path)
    assert same.returncode == 2 and "--resume" in same.stderr
    other = cli("sweep", write_spec(tmp_path, seed=12), "--out", reference, "--resume",
                cwd=tmp_path)
    assert other.returncode == 2 and "different spec" in other.stderr
    assert "Traceback" not in same.stderr + other.stderr


def test_sigkill_mid_sweep_then_resume_gives_every_run_once(reference, tmp_path):
    out = tmp_path / "out"
    spec = write_spec(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "zelflerendestad", "sweep", str(spec),
                             "--out", str(out), "--workers", "1"], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while not list((out / "runs").glob("batch-*.parquet")) and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the sweep and its pool, no chance to clean up
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not (out / "runs.parquet").exists()  # killed before the end
    resumed = cli("sweep", spec, "--out", out, "--resume", "--workers", 1, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "already recorded" in resumed.stderr
    same_as_reference(out, reference)


def test_a_failing_run_is_recorded_and_the_others_go_on(reference, tmp_path):
    out, spec = tmp_path / "out", write_spec(tmp_path)
    fault = {"PYTHONPATH": str(FAULTS), "ZSD_FAULT": "raise", "ZSD_FAULT_SHARE": "0.75"}
    proc = cli("sweep", spec, "--out", out, "--workers", 1, cwd=tmp_path, env=fault)
    assert proc.returncode == 1
    table = runs(out)
    failed = table[table["status"] == "failed"]
    assert len(table) == N_RUNS and len(failed) == 8
    assert (failed["municipality.vertical_share"] == 0.75).all()
    assert failed["error"].str.contains("ValueError: injected failure").all()
    assert failed["engaged_share_final"].isna().all()
    assert "16 ok, 8 failed" in proc.stderr and "Traceback" not in proc.stderr
    again = cli("sweep", spec, "--out", out, "--resume", cwd=tmp_path)
    assert again.returncode == 0 and "8 failed" in again.stdout
    retried = cli("sweep", spec, "--out", out, "--resume", "--retry-failed", "--workers", 1,
                  cwd=tmp_path)
    assert retried.returncode == 0, retried.stderr
    same_as_reference(out, reference)


def test_a_dead_local_worker_is_reported_and_resume_finishes(reference, tmp_path):
    out, spec = tmp_path / "out", write_spec(tmp_path)
    fault = {"PYTHONPATH": str(FAULTS), "ZSD_FAULT": "die", "ZSD_FAULT_SHARE": "0.5",
             "ZSD_FAULT_MARKER": str(tmp_path / "died")}
    proc = cli("sweep", spec, "--out", out, "--workers", 1, cwd=tmp_path, env=fault)
    assert proc.returncode == 1 and (tmp_path / "died").exists()
    assert "lost when workers died" in proc.stderr and "--resume" in proc.stderr
    recorded = runs(out)
    assert 0 < len(recorded) < N_RUNS and set(recorded["status"]) == {"ok"}
    resumed = cli("sweep", spec, "--out", out, "--resume", "--workers", 1, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    same_as_reference(out, reference)


def test_a_resume_racing_a_running_sweep_records_every_run_once(reference, tmp_path):
    """B reads the folder while A still runs, then A finishes: B must not redo A's runs."""
    out, spec = tmp_path / "out", write_spec(tmp_path)
    read, go, release = (tmp_path / name for name in ("read", "go", "release"))
    a = subprocess.Popen(
        [sys.executable, "-m", "zelflerendestad", "sweep", str(spec), "--out", str(out),
         "--workers", "1"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(FAULTS), "ZSD_FAULT": "hold",
             "ZSD_FAULT_SHARE": "0.75", "ZSD_FAULT_RELEASE": str(release)})
    deadline = time.monotonic() + 120
    while not (out / "manifest.json").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    b = subprocess.Popen(
        [sys.executable, "-m", "zelflerendestad", "sweep", str(spec), "--out", str(out),
         "--resume", "--workers", "1"], cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(FAULTS), "ZSD_FAULT": "pause",
             "ZSD_FAULT_READ": str(read), "ZSD_FAULT_GO": str(go)})
    while not read.exists() and b.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # B has read what is recorded (before the fix), or gave up
    release.touch()
    assert a.wait(timeout=300) == 0
    go.touch()
    _, err = b.communicate(timeout=300)
    assert "Traceback" not in err
    assert not timeseries(out).duplicated(["run_id", "week"]).any()
    same_as_reference(out, reference)
    assert b.returncode == 2 and "another sweep is writing" in err


def test_a_full_disk_stops_the_sweep_with_a_message(tmp_path):
    def small_files() -> None:  # runs.parquet parts are ~20 kB: the first batch cannot go
        resource.setrlimit(resource.RLIMIT_FSIZE, (12_000, resource.RLIM_INFINITY))

    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "zelflerendestad", "sweep",
                           str(write_spec(tmp_path)), "--out", str(out), "--workers", "1"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          preexec_fn=small_files)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "cannot write to the sweep folder" in proc.stderr and "--resume" in proc.stderr
    assert "File too large" in proc.stderr
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
