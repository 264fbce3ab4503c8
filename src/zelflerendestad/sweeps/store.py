"""The sweep's output folder: results streamed to Parquet parts that survive being killed.

RunRecords -> `SweepStore.add()` -> every second or so a *batch* is written:
`timeseries/point_id=P/batch-000017.parquet` for each point in it, then `runs/batch-000017.parquet`
as the batch's commit mark. Each file is written under a hidden temporary name and renamed into
place, so a file with a final name is always whole. A batch counts only once its `runs/` part
exists; on resume, temporary files and time-series parts of uncommitted batches are deleted, and
the runs already committed are skipped. At the end of every session the committed parts are
gathered into `runs.parquet` (one row per run). An exclusive lock on `.lock` keeps two sweeps out
of the same folder; the kernel drops it when the process dies, however it dies. The lock is taken
before anything recorded is read, and a run already recorded as ok is never written again, so
the time series hold each run once whatever the timing. Cleaning looks only at the store's own
files (never into other folders that happen to sit inside it).

Layout:
    manifest.json   spec, design, seeds, versions, git commit, sessions
    points.parquet  one row per point: its parameter values (and SALib's raw sample)
    runs/           committed batches of run rows (the source of truth while running)
    runs.parquet    all runs, sorted by run_id (rebuilt from runs/ after each session)
    timeseries/     weekly measures, hive-partitioned by point_id (if asked for)
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .runner import RunRecord

MANIFEST = "manifest.json"
POINTS = "points.parquet"
RUNS_DIR = "runs"
RUNS = "runs.parquet"
TIMESERIES = "timeseries"
LOCK = ".lock"
STATUS_COLUMNS = ("status", "error", "duration_s", "worker")
TYPES = {"run_id": pa.int64(), "point_id": pa.int64(), "replication": pa.int64(),
         "seed": pa.int64(), "status": pa.string(), "error": pa.string(),
         "duration_s": pa.float64(), "worker": pa.string()}
BATCH = re.compile(r"^batch-(\d+)\.parquet$")


class StoreError(Exception):
    """The folder cannot be used for this sweep (message says why and what to do)."""


def _replace_from_tmp(path: Path, write: Any) -> None:
    """`write(tmp)`, fsync, rename onto `path`; a failed write leaves no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file under a hidden temporary name, fsync, then rename it into place."""
    _replace_from_tmp(path, lambda tmp: pq.write_table(table, tmp))


def write_json_atomic(data: dict[str, Any], path: Path) -> None:
    """Write JSON the same way: whole or not at all."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    _replace_from_tmp(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows with possibly different keys (failed runs lack outcomes) -> one table."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return pa.table({c: pa.array([r.get(c) for r in rows], TYPES.get(c)) for c in columns})


def concat(tables: list[pa.Table]) -> pa.Table:
    """Concatenate tables whose columns differ slightly (all-null columns, failed batches)."""
    return pa.concat_tables(tables, promote_options="permissive")


class SweepStore:
    """Reads and writes one sweep's output folder."""

    def __init__(self, root: Path, flush_seconds: float = 1.0, flush_runs: int = 500):
        self.root = Path(root)
        self.flush_seconds, self.flush_runs = flush_seconds, flush_runs
        self._buffer: list[RunRecord] = []
        self._last_flush = time.monotonic()
        self._next_batch = 0
        self._recorded_ok: set[int] = set()
        self._lock_fh: Any = None
        self._made: list[Path] = []

    # -- the folder as a whole ---------------------------------------------------------------
    def exists(self) -> bool:
        """True if the folder holds a sweep, or anything else that is not ours to overwrite."""
        if not self.root.is_dir():
            return False
        visible = {p.name for p in self.root.iterdir() if not p.name.startswith(".")}
        return bool(visible - {POINTS}) or (self.root / MANIFEST).exists()

    def enclosing_sweep(self) -> Path | None:
        """The sweep folder this folder sits inside, if any (a sweep holds no other sweep)."""
        for parent in self.root.resolve().parents:
            try:
                data = json.loads((parent / MANIFEST).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("kind") == "sweep":
                return parent
        return None

    def manifest(self) -> dict[str, Any]:
        """The sweep's manifest (raises StoreError if the folder is not a sweep)."""
        try:
            return json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.root} is not a sweep folder (no readable {MANIFEST}: "
                             f"{exc})") from None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Replace manifest.json atomically."""
        self.root.mkdir(parents=True, exist_ok=True)
        write_json_atomic(manifest, self.root / MANIFEST)

    def create(self, manifest: dict[str, Any], points: pa.Table) -> None:
        """Start a new sweep folder: points first, manifest last.

        A folder with a manifest is a sweep.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        write_atomic(points, self.root / POINTS)
        self.write_manifest(manifest)

    def lock(self) -> None:
        """Hold the folder's lock until the process ends; refuse if another sweep has it."""
        self._made = [p for p in (self.root, self.root / LOCK) if not p.exists()]
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / LOCK, "a")  # held for the process's lifetime
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise StoreError(f"another sweep is writing to {self.root} right now") from None
        self._lock_fh = fh

    def release(self) -> None:
        """Let the lock go; in a folder that did not become a sweep, undo what `lock` made."""
        if self._lock_fh is None:
            return
        self._lock_fh.close()
        self._lock_fh = None
        if not (self.root / MANIFEST).exists():
            for path in reversed(self._made):  # the lock file, then the folder
                with contextlib.suppress(OSError):
                    if path.is_dir():
                        path.rmdir()
                    else:
                        path.unlink()

    # -- reading what is committed ----------------------------------------------------------
    def committed_batches(self) -> list[int]:
        """Ids of batches whose runs part exists (hence whole)."""
        folder = self.root / RUNS_DIR
        if not folder.is_dir():
            return []
        return sorted(int(m.group(1)) for p in folder.iterdir() if (m := BATCH.match(p.name)))

    def _own_files(self) -> list[Path]:
        """Every file this store writes: top level, runs/ and timeseries/point_id=*/ only."""
        folders = [self.root, self.root / RUNS_DIR]
        ts = self.root / TIMESERIES
        if ts.is_dir():
            folders += [p for p in ts.iterdir() if p.is_dir() and p.name.startswith("point_id=")]
        return [p for folder in folders if folder.is_dir() for p in folder.iterdir()
                if p.is_file()]

    def clean(self) -> int:
        """Delete leftovers of an interrupted session; return how many files went.

        Call it holding the lock: it also reads which runs are recorded, so that none of them
        is written twice.
        """
        committed = set(self.committed_batches())
        removed = 0
        for path in self._own_files():
            m = BATCH.match(path.name)
            stray_tmp = path.name.startswith(".") and path.name.endswith(".tmp")
            orphan = m is not None and path.parent.parent == self.root / TIMESERIES and int(
                m.group(1)) not in committed
            if stray_tmp or orphan:
                path.unlink()
                removed += 1
        self._next_batch = max(committed, default=-1) + 1
        self._recorded_ok = {rid for rid, status in self.statuses().items() if status == "ok"}
        return removed

    def runs_table(self) -> pa.Table | None:
        """All committed run rows, one per run id (a rerun's later row wins), sorted."""
        batches = self.committed_batches()
        if not batches:
            return None
        tables = [pq.read_table(self.root / RUNS_DIR / f"batch-{b:06d}.parquet")
                  for b in batches]
        table = concat(tables)
        ids = table.column("run_id").to_pylist()
        last = {rid: i for i, rid in enumerate(ids)}
        keep = sorted(last.values(), key=lambda i: ids[i])
        tail = [c for c in STATUS_COLUMNS if c in table.column_names]
        order = [c for c in table.column_names if c not in tail] + tail
        return table.take(pa.array(keep, pa.int64())).select(order)

    def statuses(self) -> dict[int, str]:
        """Run id -> status of every committed run."""
        out: dict[int, str] = {}
        for b in self.committed_batches():
            t = pq.read_table(self.root / RUNS_DIR / f"batch-{b:06d}.parquet",
                              columns=["run_id", "status"])
            out.update(zip(t.column("run_id").to_pylist(), t.column("status").to_pylist(),
                           strict=True))
        return out

    def consolidate(self) -> pa.Table | None:
        """Rewrite runs.parquet from the committed parts; return it."""
        table = self.runs_table()
        if table is not None:
            write_atomic(table, self.root / RUNS)
        return table

    # -- writing ----------------------------------------------------------------------------
    def add(self, record: RunRecord) -> None:
        """Buffer one finished run; a run already recorded as ok is not recorded again."""
        if record.run_id not in self._recorded_ok:
            self._buffer.append(record)

    def flush_if_due(self) -> None:
        """Write the buffer if it is big or old enough."""
        if len(self._buffer) >= self.flush_runs or (
                self._buffer and time.monotonic() - self._last_flush >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        """Write the buffered runs as one batch: time series first, the runs part last."""
        self._last_flush = time.monotonic()
        if not self._buffer:
            return
        batch = self._next_batch
        records = list({r.run_id: r for r in self._buffer}.values())  # a run once per batch
        name = f"batch-{batch:06d}.parquet"
        by_point: dict[int, list[pa.Table]] = {}
        for r in records:
            if r.timeseries is not None:
                by_point.setdefault(r.point_id, []).append(r.timeseries)
        for point_id, tables in by_point.items():
            write_atomic(concat(tables), self.root / TIMESERIES / f"point_id={point_id}" / name)
        write_atomic(rows_to_table([r.row() for r in records]), self.root / RUNS_DIR / name)
        self._buffer, self._next_batch = [], batch + 1
        self._recorded_ok.update(r.run_id for r in records if r.status == "ok")
