"""The sweep API (`zelflerendestad.sweep`, `load_results`): what the CLI does, as exceptions."""

from __future__ import annotations

import fcntl

import polars as pl
import pytest

import zelflerendestad as zs
from zelflerendestad.sweeps import api

from .sweep_helpers import SPEC, runs, write_spec

SMALL = {**SPEC, "weeks": 8, "replications": 2, "fixed": {"city.residents": 150},
         "parameters": {"municipality.vertical_share": [0.25, 0.75]}}


def test_a_mapping_sweeps_returns_its_results_and_a_rerun_is_refused_or_resumed(tmp_path):
    out = tmp_path / "out"
    said: list[str] = []
    results = zs.sweep(SMALL, out=out, workers=1, progress=False, say=said.append)
    assert len(results.runs) == 4 and (results.runs["status"] == "ok").all()
    assert results.factors == ["municipality.vertical_share"]
    assert results.manifest["spec_file"] == "<mapping>"
    assert any("4 runs to do" in s for s in said)
    with pytest.raises(zs.SweepError, match="already holds this sweep") as refused:
        zs.sweep(SMALL, out=out, workers=1, progress=False, say=said.append)
    assert refused.value.code == 2
    again = zs.sweep(SMALL, out=out, workers=1, resume=True, progress=False, say=said.append)
    assert said[-1].startswith("nothing to do") and again.runs.equals(results.runs)
    assert zs.load_results(out).runs.equals(results.runs)


def test_bad_input_raises_with_the_cli_exit_code_and_leaves_no_folder(tmp_path):
    with pytest.raises(zs.SweepError, match="municipality.vertical_shares") as bad:
        zs.sweep({**SMALL, "parameters": {"municipality.vertical_shares": [0.1]}},
                 out=tmp_path / "bad", progress=False)
    assert bad.value.code == 2 and not (tmp_path / "bad").exists()
    assert "<mapping>" in str(bad.value) and "/tmp" not in str(bad.value)
    with pytest.raises(zs.SweepError, match="goes with --resume"):
        zs.sweep(SMALL, out=tmp_path / "x", retry_failed=True)
    with pytest.raises(zs.SweepError, match="not a sweep or experiment folder"):
        zs.load_results(tmp_path)


def test_a_different_spec_or_a_held_lock_is_refused(tmp_path):
    out = tmp_path / "out"
    zs.sweep(write_spec(tmp_path, **{k: SMALL[k] for k in ("weeks", "replications", "fixed",
                                                            "parameters")}),
             out=out, workers=1, progress=False, say=lambda s: None)
    with pytest.raises(zs.SweepError, match="different spec"):
        zs.sweep({**SMALL, "seed": 12}, out=out, resume=True, progress=False)
    with open(out / ".lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(zs.SweepError, match="another sweep is writing"):
            zs.sweep({**SMALL, "seed": 12}, out=out, resume=True, progress=False)
    assert len(runs(out)) == 4


def test_time_series_join_the_runs_on_run_id_through_a_polars_glob(tmp_path):
    out = tmp_path / "out"
    api.sweep(SMALL, out=out, workers=1, progress=False, say=lambda s: None)
    weekly = pl.scan_parquet(str(out / "timeseries" / "**" / "*.parquet"),
                             hive_partitioning=True)
    joined = weekly.join(pl.scan_parquet(out / "runs.parquet").select(
        "run_id", "seed", "municipality.vertical_share"), on="run_id").collect()
    assert joined.height == 4 * 9 and joined["municipality.vertical_share"].null_count() == 0
    assert set(joined["point_id"].to_list()) == {0, 1}
