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
from typing import Any

from ..config.schema import CityConfig

CHOICES_FILE = "choices.yaml"
CHOICES_TABLE = "choices.parquet"
CONFIG_FILE = "config.yaml"


def export_round(room: Any, folder: Path, force: bool = False) -> Path:
    """Write the room's record to `folder` (atomically, as `run.runner.write_results`)."""
    raise NotImplementedError


def load_choices(path: Path) -> list[dict[str, Any]]:
    """The events of a choices file, validated (`ConfigError` naming the file and entry)."""
    raise NotImplementedError


def with_choices(config: CityConfig, events: list[dict[str, Any]]) -> CityConfig:
    """`config` with the human choices' events appended to its timeline (replay order kept)."""
    raise NotImplementedError
