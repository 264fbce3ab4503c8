"""The run/rerun commands end to end, and `make run` from a fresh clone."""

from __future__ import annotations

import json
import subprocess

import pyarrow.parquet as pq

from .conftest import ROOT, cli


def test_run_writes_results_atomically_and_rerun_reproduces(tmp_path):
    out = tmp_path / "r"
    r = cli("run", "configs/default.yaml", "--weeks", "20", "--seed", "4",
            "--set", "city.residents=300", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["commons.parquet", "manifest.json",
                                                     "summary.json", "timeseries.parquet"]
    assert f"results: {out}" in r.stdout and "engaged share" in r.stdout
    ts = pq.read_table(out / "timeseries.parquet")
    assert ts.num_rows == 21 and "trust_government" in ts.column_names
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 4 and manifest["config"]["city"]["residents"] == 300
    assert {"mesa", "numpy"} <= set(manifest["versions"]) and manifest["git_commit"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["weeks"] == 20 and 0 <= summary["engaged_share_final"] <= 1

    again = cli("run", "configs/default.yaml", "--weeks", "20", "--out", str(out))
    assert again.returncode == 2 and "--force" in again.stderr

    rr = cli("rerun", str(out / "manifest.json"), "--out", str(tmp_path / "rr"))
    assert rr.returncode == 0, rr.stderr
    assert "identical to" in rr.stdout and ": yes" in rr.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp leftovers


def test_rerun_compares_every_parquet_file_of_the_original(tmp_path):
    out = tmp_path / "r"
    r = cli("run", "configs/default.yaml", "--weeks", "8", "--seed", "2",
            "--set", "city.residents=200", "--out", str(out))
    assert r.returncode == 0, r.stderr
    commons = pq.read_table(out / "commons.parquet")
    pq.write_table(commons.drop_columns([commons.column_names[-1]]), out / "commons.parquet")
    rr = cli("rerun", str(out / "manifest.json"), "--out", str(tmp_path / "rr"))
    assert rr.returncode == 1, rr.stdout + rr.stderr
    assert f"identical to {out / 'timeseries.parquet'}: yes" in rr.stdout
    assert f"identical to {out / 'commons.parquet'}: NO" in rr.stdout
    (tmp_path / "rr" / "commons.parquet").rename(out / "commons.parquet")  # the true records
    (out / "extra.parquet").write_bytes((out / "commons.parquet").read_bytes())
    rr = cli("rerun", str(out / "manifest.json"), "--out", str(tmp_path / "rr"), "--force")
    assert rr.returncode == 1 and "extra.parquet not written by the rerun" in rr.stdout
    assert f"identical to {out / 'commons.parquet'}: yes" in rr.stdout
    assert rr.stdout.count(": yes") == 2 and rr.stdout.count(": NO") == 1


def test_help_lists_the_commands():
    r = cli("--help")
    assert r.returncode == 0
    for cmd in ("run", "rerun", "validate", "show-config"):
        assert cmd in r.stdout


def test_make_run_from_a_fresh_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    r = subprocess.run(["make", "run"], cwd=clone, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "results: results/default/" in r.stdout
    assert list((clone / "results" / "default").glob("*/timeseries.parquet"))
