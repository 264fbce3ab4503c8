"""The recorder: weekly rows of measures into columns, then one Arrow table.

model -> measures -> Recorder -> timeseries.parquet. Nothing in the model knows who reads it.
"""

from __future__ import annotations

from array import array

import numpy as np
import pyarrow as pa


class Recorder:
    """Collects one row of measures per week; columns are fixed by the first row.

    A column is a typed `array` (8 bytes a value; a list of Python floats takes 32): at a
    million residents the 1,428 neighbourhoods' shares alone are 740,000 values in ten years.
    """

    def __init__(self) -> None:
        self.columns: dict[str, array] = {}

    def record(self, row: dict[str, float]) -> None:
        """Append one week's measures."""
        if not self.columns:  # filled in place: Mesa's DataCollector shows this same dict
            self.columns.update({k: array("q" if k == "week" else "d") for k in row})
        for k, v in row.items():
            self.columns[k].append(v)

    def replace_last(self, row: dict[str, float]) -> None:
        """Overwrite the last week's row (the same columns), e.g. after a live intervention."""
        if not self.columns:
            raise ValueError("nothing recorded yet: no last row to replace")
        if row.keys() != self.columns.keys():
            raise ValueError("a replacement row must have the recorded columns")
        for k, v in row.items():
            self.columns[k][-1] = v

    def __len__(self) -> int:
        return len(self.columns.get("week", []))

    def arrays(self) -> dict[str, np.ndarray]:
        """Each column as a numpy array (week as int64, the rest as float64)."""
        return {k: np.asarray(v, dtype=np.int64 if k == "week" else np.float64)
                for k, v in self.columns.items()}

    def to_table(self) -> pa.Table:
        """The time series as an Arrow table, one row per week.

        NaN is stored as null, so that two identical runs compare equal.
        """
        return pa.table({k: pa.array(v, from_pandas=True) for k, v in self.arrays().items()})
