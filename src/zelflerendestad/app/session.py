"""One browser session's city: the model, its live interventions and what can be exported.

config -> `Simulation` (owns one `CityModel`) -> data, markers and exports for the page. Every
browser session builds its own `Simulation` (never at module level), so what one participant
does never shows in another's tab. A lock serialises the Play thread and button clicks.

A live intervention at week w is applied after week w was recorded; a config timeline event
`{week: w}` fires inside step w, before the record. Both leave the model in the same state, so
after a live event the app measures week w again: the exported config (base timeline plus the
live events) then reproduces the app's run row for row with `zelflerendestad run`.
"""

from __future__ import annotations

import io
import itertools
import threading
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import yaml
from pydantic import ValidationError

from ..config.loading import validate_mapping
from ..config.schema import CityConfig
from ..model import CityModel
from .controls import InputRefused
from .i18n import t

RUNS = itertools.count()  # every run started gets its own number (`Simulation.run`)


class Simulation:
    """A running city for one session: step it, intervene, read and export its data."""

    def __init__(self, config: CityConfig, label: str = "default", role: str = ""):
        self.lock = threading.RLock()
        self.label = label
        self.role = role  # "A" or "B" in a comparison, so exports say which run they are
        self.config = config
        self.model = CityModel(config, seed=config.run.seed)
        self.run = next(RUNS)  # which run the model is: a picture of another must start over
        self.live_events: list[dict[str, Any]] = []

    @property
    def week(self) -> int:
        """The week the model has reached (0 before the first step)."""
        return self.model.week

    def reset(self, config: CityConfig | None = None, label: str | None = None) -> None:
        """Start again at week 0, with a new config if given; live events are dropped."""
        with self.lock:
            self.config = config or self.config
            self.label = label or self.label
            self.model = CityModel(self.config, seed=self.config.run.seed)
            self.run = next(RUNS)
            self.live_events = []

    def step(self, weeks: int = 1) -> None:
        """Advance `weeks` weeks."""
        with self.lock:
            for _ in range(weeks):
                self.model.step()

    def intervene(self, event: dict[str, Any], lang: str = "nl") -> str:
        """Carry out an intervention now; refuse an invalid one with a message."""
        with self.lock:
            try:
                text = self.model.intervene(dict(event))
            except ValidationError as exc:
                msg = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
                raise InputRefused(t("ui.intervention_error", lang, message=msg)) from None
            self.model.record_again()
            self.live_events.append({"week": self.week, **event})
            return text

    def data(self) -> dict[str, np.ndarray]:
        """The time series so far, one array per measure."""
        with self.lock:
            return self.model.recorder.arrays()

    def markers(self) -> list[tuple[int, str]]:
        """(week, event name) of every intervention so far, timeline and live alike."""
        with self.lock:
            return [(week, name) for week, name, _ in self.model.event_log]

    def event_log(self) -> list[tuple[int, str, str]]:
        """The model's plain-language event log."""
        with self.lock:
            return list(self.model.event_log)

    # exports ------------------------------------------------------------------------------
    def export_config(self) -> dict[str, Any]:
        """Settings that make `zelflerendestad run` reproduce this run up to the current week."""
        with self.lock:
            data = self.config.model_dump(mode="json", exclude_none=False)
            events = [{k: v for k, v in e.items() if v is not None}
                      for e in data.get("interventions", [])]
            data["interventions"] = events + [dict(e) for e in self.live_events]
            data["run"]["weeks"] = max(1, self.week)
            validate_mapping(data, file="export")  # an export that cannot load is a bug
            return data

    def export_yaml(self) -> str:
        """`export_config()` as a commented YAML file."""
        run = f"compare mode, run {self.role} of A/B: " if self.role else ""
        head = (f"# Exported from the workshop app: {run}scenario {self.label}, "
                f"week {self.week}, seed {self.config.run.seed}.\n"
                f"# Reproduce with: zelflerendestad run {self.file_stem()}.yaml\n")
        return head + yaml.safe_dump(self.export_config(), sort_keys=False, allow_unicode=True)

    def file_stem(self) -> str:
        """A file name for exports: scenario and seed (led by A or B in a comparison)."""
        stem = f"{self.label.replace('/', '-')}-seed{self.config.run.seed}"
        return f"{self.role}-{stem}" if self.role else stem

    def table(self) -> pa.Table:
        """The time series as an Arrow table (the same columns `zelflerendestad run` writes)."""
        with self.lock:
            return self.model.recorder.to_table()

    def csv_bytes(self) -> bytes:
        """The time series as CSV."""
        return _csv(self.table())

    def parquet_bytes(self) -> bytes:
        """The time series as Parquet."""
        return _parquet(self.table())


class Comparison:
    """Two scenarios on the same seed (common random numbers), stepped together."""

    def __init__(self, a: CityConfig, b: CityConfig, seed: int, labels: tuple[str, str]):
        self.seed = seed
        self.scenarios: dict[str, Any] = {"A": None, "B": None}  # the library entries, if any
        self.a = Simulation(_with_seed(a, seed), labels[0], role="A")
        self.b = Simulation(_with_seed(b, seed), labels[1], role="B")

    @classmethod
    def of(cls, a: Simulation, b: Simulation) -> Comparison:
        """Two runs that already exist (a room's city and the model alone, in the debrief)."""
        c = cls.__new__(cls)
        c.seed, c.scenarios, c.a, c.b = b.config.run.seed, {"A": None, "B": None}, a, b
        return c

    def step(self, weeks: int = 1) -> None:
        """Advance both runs."""
        self.a.step(weeks)
        self.b.step(weeks)

    def difference(self) -> dict[str, np.ndarray]:
        """B − A per measure over the weeks both have reached."""
        da, db = self.a.data(), self.b.data()
        n = min(len(da["week"]), len(db["week"]))
        out = {"week": da["week"][:n]}
        for key in da.keys() & db.keys() - {"week"}:
            out[key] = db[key][:n] - da[key][:n]
        return out

    def table(self) -> pa.Table:
        """Both time series in one long table, led by `run` (A/B) and `scenario` columns.

        `run` tells the rows apart even when A and B are the same scenario.
        """
        parts = []
        for sim in (self.a, self.b):
            data = sim.table()
            n = data.num_rows
            data = data.add_column(0, "scenario", pa.array([sim.label] * n, pa.string()))
            parts.append(data.add_column(0, "run", pa.array([sim.role] * n, pa.string())))
        return pa.concat_tables(parts, promote_options="default")

    def file_stem(self) -> str:
        """A file name for the joint exports: both scenarios and the shared seed."""
        a, b = (sim.label.replace("/", "-") for sim in (self.a, self.b))
        return f"compare-{a}-vs-{b}-seed{self.seed}"

    def csv_bytes(self) -> bytes:
        """Both time series as CSV."""
        return _csv(self.table())

    def parquet_bytes(self) -> bytes:
        """Both time series as Parquet."""
        return _parquet(self.table())


def _csv(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pacsv.write_csv(table, buf)
    return buf.getvalue()


def _parquet(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _with_seed(config: CityConfig, seed: int) -> CityConfig:
    data = config.model_dump(mode="json")
    data["run"]["seed"] = seed
    return validate_mapping(data, file="compare")
