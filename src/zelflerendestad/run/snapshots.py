"""Per-resident records, opt-in: a snapshot every few weeks, streamed into residents.parquet.

model -> `ResidentSnapshots.take()` -> one Parquet row group per snapshot. Weekly means are
always recorded (`measures.py`); per-resident rows only when a config's `record:` section asks
(`every: 52`, chosen `fields`), and they go to disk as they are taken, so memory does not grow
with the number of weeks or snapshots. Scores are stored as float32 (seven significant digits,
half the disk).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..config.schema import RecordSettings
from ..population import Residents

FILE_NAME = "residents.parquet"


class City(Protocol):
    """What a snapshot reads from the model (a protocol, so no model import)."""

    week: int
    residents: Residents
    known: np.ndarray


def column(model: City, name: str) -> np.ndarray:
    """One per-resident field of the current week, in the dtype it is stored in."""
    values = model.known if name == "knowledge" else getattr(model.residents, name)
    if values.dtype.kind == "f":
        return values.astype(np.float32)
    return values


def dictionary_columns(schema: pa.Schema) -> list[str]:
    """Columns worth a Parquet dictionary: few distinct values (week, neighbourhood, theme).

    Scores and the resident number are nearly all distinct: a dictionary only grows to its
    limit and falls back to plain encoding, which at a million residents cost about 50 MB of
    peak memory and made the file 13% larger.
    """
    return [f.name for f in schema if f.name != "resident" and not pa.types.is_floating(f.type)]


class ResidentSnapshots:
    """Writes the chosen fields of every resident every `settings.every` weeks."""

    def __init__(self, path: Path, settings: RecordSettings) -> None:
        """Snapshots go to `path` (created on the first snapshot)."""
        self.path, self.settings = Path(path), settings
        self._writer: pq.ParquetWriter | None = None
        self.taken = 0

    def due(self, week: int) -> bool:
        """True if a snapshot is due in `week`."""
        return self.settings.every > 0 and week % self.settings.every == 0

    def take(self, model: City) -> None:
        """Append this week's snapshot as one row group."""
        n = model.residents.n
        table = pa.table({
            "week": pa.array(np.full(n, model.week, dtype=np.int32)),
            "resident": pa.array(np.arange(n, dtype=np.int32)),
            **{name: pa.array(column(model, name)) for name in self.settings.fields},
        })
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema,
                                            use_dictionary=dictionary_columns(table.schema))
        self._writer.write_table(table, row_group_size=n)
        del table
        # Arrow's allocator (mimalloc) keeps the encoder's buffers for reuse: at a million
        # residents about 50 MB that would stay with the process until the next snapshot.
        pa.default_memory_pool().release_unused()
        self.taken += 1

    def maybe_take(self, model: City) -> None:
        """Take a snapshot if one is due this week."""
        if self.due(model.week):
            self.take(model)

    def close(self) -> Path | None:
        """Finish the file; its path, or None if no snapshot was taken."""
        if self._writer is None:
            return None
        self._writer.close()
        self._writer = None
        return self.path
