"""Run one scenario and write its results folder atomically.

config -> `run_one()` -> RunResult -> `write_results()` -> timeseries.parquet, commons.parquet,
summary.json, manifest.json (outfolder.py swaps the folder in). Sweeps call `run_one` directly;
the CLI adds progress, the folder, and somewhere else to write when the folder cannot be written.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..commons.measures import summary as commons_summary
from ..commons.records import records as commons_records
from ..config.schema import CityConfig
from ..measures import summarise
from ..model import CityModel
from .manifest import build_manifest, now
from .outfolder import new_folder, put_in_place, tidy
from .profiling import StepTimer
from .snapshots import FILE_NAME, ResidentSnapshots

TMP_PREFIX = "zelflerendestad-run-"


class OutputExists(Exception):
    """The output folder exists and is not empty (and --force was not given)."""


@dataclass
class RunResult:
    """Everything one run produced."""

    config: CityConfig
    seed: int
    timeseries: pa.Table
    summary: dict[str, Any]
    events: list[tuple[int, str, str]] = field(default_factory=list)
    started: str = ""
    ended: str = ""
    commons: pa.Table | None = None  # one row per initiative or commons (commons.parquet)
    residents: Path | None = None  # residents.parquet, if the config asked for snapshots
    profile: StepTimer | None = None  # time per mechanism, if asked for


def build_model(config: CityConfig, seed: int | None = None) -> CityModel:
    """The model of one run, built but not stepped; `seed` defaults to `config.run.seed`."""
    return CityModel(config, seed=config.run.seed if seed is None else seed)


def run_one(config: CityConfig, seed: int | None = None,
            on_week: Callable[[int], None] | None = None,
            residents_path: Path | None = None, profile: bool = False) -> RunResult:
    """Build the model, run `config.run.weeks` weeks and return what it produced.

    If the config's `record:` section asks for per-resident snapshots they are streamed to
    `residents_path` (default: a new temporary folder); `write_results` moves the file into
    the results folder. With `profile`, `RunResult.profile` holds the time per mechanism.
    """
    started = now()
    model = build_model(config, seed)
    timer = StepTimer(model) if profile else None
    snapshots = None
    if config.record.every > 0:
        path = residents_path or Path(tempfile.mkdtemp(prefix=TMP_PREFIX)) / FILE_NAME
        snapshots = ResidentSnapshots(path, config.record)
        snapshots.maybe_take(model)
    for _ in range(config.run.weeks):
        model.step()
        if snapshots is not None:
            snapshots.maybe_take(model)
        if on_week is not None:
            on_week(model.week)
    ts = model.recorder.arrays()
    summary = {**summarise(ts), **commons_summary(model.commons.commons, model.week)}
    return RunResult(config, model.seed, model.recorder.to_table(), summary,
                     list(model.event_log), started, now(),
                     commons_records(model.commons.commons),
                     residents=snapshots.close() if snapshots is not None else None,
                     profile=timer)


def write_results(result: RunResult, out: Path, force: bool = False,
                  argv: list[str] | None = None,
                  extra: Callable[[Path], None] | None = None) -> Path:
    """Write the results folder; it appears whole (hidden folder, then swapped in) or not at all.

    `extra(folder)` may add files of its own (a workshop room's choices) before the swap.

    A failed write (full disk, read-only folder) raises OSError and leaves `result` as it was,
    per-resident snapshots included, so the caller can write it elsewhere.
    """
    out = Path(out)
    tidy(out)
    if out.exists() and not out.is_dir():
        raise OutputExists(f"{out} is a file, not a folder")
    if out.exists() and any(out.iterdir()) and not force:
        raise OutputExists(f"{out} exists and is not empty; use --force to replace it")
    tmp = new_folder(out)
    residents = Path(result.residents) if result.residents is not None else None
    try:
        _fill(result, tmp, argv)
        if extra is not None:
            extra(tmp)
        if residents is not None:  # streamed during the run; moved, not copied
            shutil.move(residents, tmp / FILE_NAME)
        put_in_place(tmp, out)
    except BaseException:
        if residents is not None and (tmp / FILE_NAME).exists():
            shutil.move(tmp / FILE_NAME, residents)  # keep it for another try
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if residents is not None:
        if residents.parent.name.startswith(TMP_PREFIX):
            with contextlib.suppress(OSError):
                residents.parent.rmdir()  # run_one's own temporary folder, now empty
        result.residents = out / FILE_NAME
    return out


def _fill(result: RunResult, folder: Path, argv: list[str] | None = None) -> None:
    pq.write_table(result.timeseries, folder / "timeseries.parquet")
    if result.commons is not None:
        pq.write_table(result.commons, folder / "commons.parquet")
    config = result.config.model_dump(mode="json")
    config["run"]["seed"] = result.seed
    manifest = build_manifest(config, result.seed, result.started, result.ended, argv)
    manifest["events"] = [list(e) for e in result.events]
    for name, data in (("summary.json", result.summary), ("manifest.json", manifest)):
        (folder / name).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
