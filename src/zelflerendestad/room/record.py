"""The round's record: what the room did, as files a researcher can read and `rerun` replays.

Room -> `export_round(room, folder)` -> a results folder as `zelflerendestad run` writes it
(timeseries.parquet, commons.parquet, summary.json, manifest.json) plus choices.parquet (one
row per human choice: week, seat, role, choice, events), config.yaml (the scenario, run.weeks
set to the room's week) and choices.yaml (the events the choices made, with their weeks).
`zelflerendestad rerun folder/manifest.json` finds choices.yaml beside the manifest, replays
the run with those events and reports whether every table is identical.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from ..commons.measures import summary as commons_summary
from ..commons.records import records as commons_records
from ..config.loading import ConfigError, Problem, read_yaml, validate_mapping
from ..config.schema import CityConfig
from ..measures import summarise
from ..run.manifest import now
from ..run.runner import RunResult, run_one, write_results
from .errors import RoomError

if TYPE_CHECKING:
    from .room import Room

CHOICES_FILE = "choices.yaml"
CHOICES_TABLE = "choices.parquet"
CONFIG_FILE = "config.yaml"
REPLAY_INPUTS = (CHOICES_TABLE,)  # written by the export, not by a run: rerun skips them
MAX_CHOICES = 200_000  # events a choices file may hold (a long workshop makes a few thousand)


def round_config(room: Room) -> CityConfig:
    """The room's scenario with `run.weeks` at the week the room reached (model alone)."""
    run = room.config.run.model_copy(update={"weeks": room.model.week,
                                             "seed": room.model.seed})
    return room.config.model_copy(update={"run": run})


def events_of(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The model events of a choices log, in the order they were applied."""
    return [dict(e) for entry in log for e in entry["events"]]


def choices_table(log: list[dict[str, Any]]) -> pa.Table:
    """One row per logged choice: week, seat, role, kind, the choice and its events as JSON."""
    import json

    return pa.table({
        "week": pa.array([e["week"] for e in log], pa.int32()),
        "seat": pa.array([e["seat"] for e in log], pa.int32()),
        "role": pa.array([e["role"] for e in log], pa.string()),
        "kind": pa.array([e["choice"].get("kind", "") for e in log], pa.string()),
        "choice": pa.array([json.dumps(e["choice"], sort_keys=True) for e in log], pa.string()),
        "events": pa.array([json.dumps(e["events"]) for e in log], pa.string()),
        "texts": pa.array(["; ".join(e["texts"]) for e in log], pa.string()),
    })


def export_round(room: Room, folder: Path, force: bool = False) -> Path:
    """Write the room's record to `folder` (atomically, as `run.runner.write_results`).

    The manifest holds the scenario without the human choices (rerun with `--choices none`
    gives the same seed played by the model alone); choices.yaml holds them.
    """
    with room.lock:
        model = room.model
        if model is None:
            raise RoomError("the room is closed; export before closing it")
        if model.week < 1:
            raise RoomError("nothing to export yet: play at least one week")
        config, log = round_config(room), room.choices_log()
        ts = model.recorder.arrays()
        result = RunResult(config, model.seed, model.recorder.to_table(),
                           {**summarise(ts), **commons_summary(model.commons.commons,
                                                               model.week)},
                           list(model.event_log), now(), now(),
                           commons_records(model.commons.commons))

    def extra(tmp: Path) -> None:
        pq.write_table(choices_table(log), tmp / CHOICES_TABLE)
        head = (f"# The human choices of a workshop room, {config.meta.name}, weeks 0-"
                f"{config.run.weeks}, seed {config.run.seed}.\n"
                "# Replay: zelflerendestad rerun manifest.json (reads this file beside it).\n")
        body = {"weeks": config.run.weeks, "events": events_of(log), "choices": log}
        (tmp / CHOICES_FILE).write_text(head + yaml.safe_dump(body, sort_keys=False,
                                                              allow_unicode=True))
        data = config.model_dump(mode="json")
        (tmp / CONFIG_FILE).write_text(
            "# The room's scenario, played by the model alone (no human choices).\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))

    return write_results(result, folder, force=force, argv=["workshop room"], extra=extra)


def load_choices(path: Path) -> list[dict[str, Any]]:
    """The events of a choices file (`ConfigError` naming the file when it is not one)."""
    data = read_yaml(Path(path))
    events = data.get("events")
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise ConfigError([Problem("events", "expected a list of events (mappings with "
                                   "`week` and `event`)", file=str(path))],
                          "cannot use choices file")
    if len(events) > MAX_CHOICES:
        raise ConfigError([Problem("events", f"more than {MAX_CHOICES:,} events",
                                   file=str(path))], "cannot use choices file")
    return events


def with_choices(config: CityConfig, events: list[dict[str, Any]],
                 file: str = CHOICES_FILE) -> CityConfig:
    """`config` with the human choices' events appended to its timeline (replay order kept).

    The model fires a week's events in timeline order (a stable sort by week), so the config's
    own events of a week come first, as they did in the room, where they fired inside the step.
    """
    data = config.model_dump(mode="json")
    base = [{k: v for k, v in e.items() if v is not None} for e in data["interventions"]]
    data["interventions"] = base + [dict(e) for e in events]
    return validate_mapping(data, file=file)


def model_alone(room: Room) -> pa.Table:
    """The time series of the room's seed and scenario without any human choice (debrief)."""
    with room.lock:
        config = round_config(room)
    return run_one(config).timeseries
