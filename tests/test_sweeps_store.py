"""The store commits batches atomically and never reads leftovers of a killed session."""

from __future__ import annotations

import errno
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from zelflerendestad.sweeps.runner import RunRecord
from zelflerendestad.sweeps.store import StoreError, SweepStore, write_atomic


def record(run_id: int, value: float | None = 1.0, status: str = "ok",
           ts: bool = False) -> RunRecord:
    table = pa.table({"run_id": [run_id] * 2, "replication": [0, 0], "week": [0, 1],
                      "x": [0.0, value or 0.0]}) if ts else None
    return RunRecord(run_id, run_id // 2, run_id % 2, 7, {"p": run_id // 2}, status,
                     None if status == "ok" else "ValueError: no",
                     0.1, "here:1", {} if value is None else {"y": value}, table)


def test_flush_commits_a_batch_with_its_timeseries(tmp_path):
    store = SweepStore(tmp_path)
    store.clean()
    for i in range(3):
        store.add(record(i, ts=True))
    store.flush()
    assert store.committed_batches() == [0]
    assert store.statuses() == {0: "ok", 1: "ok", 2: "ok"}
    assert sorted(p.name for p in (tmp_path / "timeseries").iterdir()) == [
        "point_id=0", "point_id=1"]


def test_failed_runs_without_outcomes_still_fit_the_table(tmp_path):
    store = SweepStore(tmp_path)
    store.clean()
    store.add(record(0, value=None, status="failed"))
    store.flush()
    store.add(record(1, value=2.0))
    store.flush()
    table = store.consolidate()
    assert table.column("y").to_pylist() == [None, 2.0]
    assert table.column_names[-4:] == ["status", "error", "duration_s", "worker"]
    assert pq.read_table(tmp_path / "runs.parquet").equals(table)


def test_clean_removes_temp_files_and_uncommitted_timeseries(tmp_path):
    store = SweepStore(tmp_path)
    store.clean()
    store.add(record(0, ts=True))
    store.flush()
    stray = tmp_path / "runs" / ".batch-000001.parquet.123.tmp"
    stray.write_bytes(b"half a file")
    orphan = tmp_path / "timeseries" / "point_id=0" / "batch-000001.parquet"
    pq.write_table(pa.table({"run_id": [1]}), orphan)
    again = SweepStore(tmp_path)
    assert again.clean() == 2
    assert not stray.exists() and not orphan.exists()
    again.add(record(1, ts=True))
    again.flush()
    assert again.committed_batches() == [0, 1]


def test_a_rerun_replaces_the_earlier_row(tmp_path):
    store = SweepStore(tmp_path)
    store.clean()
    store.add(record(0, value=None, status="failed"))
    store.flush()
    store.add(record(0, value=5.0))
    store.flush()
    table = store.runs_table()
    assert table.num_rows == 1 and table.column("status").to_pylist() == ["ok"]


def test_second_writer_is_refused(tmp_path):
    first = SweepStore(tmp_path)
    first.lock()
    with pytest.raises(StoreError, match="another sweep"):
        SweepStore(tmp_path).lock()


def test_clean_leaves_files_of_other_folders_inside_alone(tmp_path):
    """A sweep folder that holds another sweep (a `.` name, a shared --out) loses nothing."""
    store = SweepStore(tmp_path)
    store.clean()
    store.add(record(0, ts=True))
    store.flush()
    other = [tmp_path / "other" / "timeseries" / "point_id=0" / "batch-000005.parquet",
             tmp_path / "other" / "runs" / "batch-000005.parquet",
             tmp_path / "other" / "runs" / ".batch-000006.parquet.99.tmp"]
    for path in other:
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({"run_id": [5]}), path)
    assert SweepStore(tmp_path).clean() == 0
    assert all(path.exists() for path in other)


def test_a_run_recorded_ok_is_never_written_again(tmp_path):
    first = SweepStore(tmp_path)
    first.clean()
    first.add(record(0, ts=True))
    first.add(record(1, value=None, status="failed"))
    first.flush()
    again = SweepStore(tmp_path)
    again.clean()
    for rid in (0, 0, 1, 1):
        again.add(record(rid, ts=True))
    again.flush()
    series = pq.read_table(tmp_path / "timeseries").to_pandas()
    assert sorted(series.groupby("run_id").size().items()) == [(0, 2), (1, 2)]
    assert again.runs_table().column("status").to_pylist() == ["ok", "ok"]


def test_a_folder_inside_a_sweep_knows_it(tmp_path):
    SweepStore(tmp_path).write_manifest({"kind": "sweep"})
    assert SweepStore(tmp_path / "a" / "b").enclosing_sweep() == tmp_path.resolve()
    assert SweepStore(tmp_path).enclosing_sweep() is None


def test_write_failure_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(table, where):  # noqa: ANN001
        Path(where).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(pa.table({"x": [1]}), tmp_path / "runs" / "batch-000000.parquet")
    assert list((tmp_path / "runs").iterdir()) == []
