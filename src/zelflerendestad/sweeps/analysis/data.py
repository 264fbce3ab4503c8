"""Reading a sweep folder back for analysis: runs, points, manifest and time series.

sweep folder (store.py) -> `load_sweep()` -> `SweepData` (pandas) -> aggregate, sensitivity,
plots. Runs come from the committed parts, so a sweep can be analysed while it is still running
or after it was interrupted.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ..store import MANIFEST, POINTS, RUNS, STATUS_COLUMNS, TIMESERIES, SweepStore

ID_COLUMNS = ("run_id", "point_id", "replication", "seed")
DEFAULT_OUTCOMES = (
    "community_strength_last_year", "commons_alive_end", "engaged_share_final",
    "active_share_final", "trust_government_final",
    "knowledge_code_final", "learning_capacity_final", "inclusion_periphery_final",
    "incidents_total",
)
DEFAULT_FAN_MEASURES = ("community_strength", "engaged_share", "trust_government",
                        "knowledge_code")


class AnalysisError(Exception):
    """The folder or the request cannot be analysed (message says why)."""


@dataclass
class SweepData:
    """One sweep, loaded."""

    root: Path
    manifest: dict[str, Any]
    runs: pd.DataFrame
    points: pd.DataFrame
    factors: list[str]
    outcomes: list[str]

    @property
    def design(self) -> str:
        """grid, lhs, sobol or morris."""
        return self.manifest["design"]["type"]

    @property
    def ok(self) -> pd.DataFrame:
        """Runs that finished."""
        return self.runs[self.runs["status"] == "ok"]

    def factor_info(self, name: str) -> dict[str, Any]:
        """The manifest's description of a factor (kind, values or range)."""
        return next(f for f in self.manifest["design"]["factors"] if f["name"] == name)

    def is_numeric(self, name: str) -> bool:
        """True for a factor whose values are numbers (so it can be an x axis)."""
        return pd.api.types.is_numeric_dtype(self.points[name]) and not pd.api.types.is_bool_dtype(
            self.points[name])

    def has_timeseries(self) -> bool:
        """True if the sweep kept time series."""
        return (self.root / TIMESERIES).is_dir()

    def timeseries(self, point_ids: list[int], measures: list[str]) -> pd.DataFrame:
        """Weekly measures of the given points, all replications (committed batches only)."""
        store = SweepStore(self.root)
        committed = {f"batch-{b:06d}.parquet" for b in store.committed_batches()}
        files = [str(p) for pid in point_ids
                 for p in sorted((self.root / TIMESERIES / f"point_id={pid}").glob("batch-*"))
                 if p.name in committed]
        if not files:
            return pd.DataFrame(columns=["point_id", "run_id", "week", *measures])
        dataset = ds.dataset(files, format="parquet", partitioning="hive",
                             partition_base_dir=str(self.root / TIMESERIES))
        return dataset.to_table(columns=["point_id", "run_id", "week", *measures]).to_pandas()

    def timeseries_measures(self) -> list[str]:
        """Measures the sweep kept."""
        first = next((self.root / TIMESERIES).rglob("batch-*.parquet"), None)
        if first is None:
            return []
        names = pq.read_schema(first).names
        return [n for n in names if n not in ("run_id", "replication", "week")]


def as_labels(frame: pd.DataFrame, factors: list[str]) -> pd.DataFrame:
    """List-valued factors (`officials.order_shares: [[...], [...]]`) as text labels.

    Parquet hands lists back as arrays, which cannot be grouped, sorted or drawn on an axis;
    the label `[0.4, 0.3, 0.2, 0.1]` can, and reads as the spec wrote it.
    """
    for name in factors:
        column = frame.get(name)
        if column is not None and column.map(lambda v: isinstance(v, list | np.ndarray)).any():
            frame[name] = column.map(lambda v: str(np.asarray(v).tolist()))
    return frame


def load_sweep(root: str | Path) -> SweepData:
    """Read a sweep folder; raise AnalysisError if it is not one or holds no runs."""
    root = Path(root)
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnalysisError(f"{root} is not a sweep or experiment folder (no readable "
                            f"{MANIFEST}: {exc}); give the folder `sweep` or `experiment` "
                            "wrote (its --out)") from None
    if manifest.get("kind") != "sweep":
        raise AnalysisError(f"{root} is a single run's folder, not a sweep's or an "
                            "experiment's")
    table = SweepStore(root).runs_table()
    if table is None and (root / RUNS).exists():
        table = pq.read_table(root / RUNS)
    if table is None:
        raise AnalysisError(f"{root} holds no finished runs yet")
    factors = [f["name"] for f in manifest["design"]["factors"]]
    runs = as_labels(table.to_pandas(), factors)
    points = as_labels(pq.read_table(root / POINTS).to_pandas(), factors)
    skip = {*ID_COLUMNS, *STATUS_COLUMNS, *factors, "weeks"}
    outcomes = [c for c in runs.columns
                if c not in skip and pd.api.types.is_numeric_dtype(runs[c])]
    return SweepData(root, manifest, runs, points, factors, outcomes)


def choose_outcomes(data: SweepData, requested: list[str] | None) -> list[str]:
    """The outcomes to analyse: asked for, else the spec's, else the main ones present."""
    asked = requested or data.manifest["spec"].get("analysis", {}).get("outcomes")
    if not asked:
        return [o for o in DEFAULT_OUTCOMES if o in data.outcomes] or data.outcomes[:6]
    for name in asked:
        if name not in data.outcomes:
            close = difflib.get_close_matches(name, data.outcomes, n=1, cutoff=0.5)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise AnalysisError(f"no outcome `{name}` in the runs{hint}\n    known: "
                                + ", ".join(data.outcomes))
    return list(asked)
