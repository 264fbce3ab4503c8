"""The recorder: weekly rows into columns, the last row replaceable, NaN stored as null."""

from __future__ import annotations

import math

import numpy as np
import pytest

from zelflerendestad.run.recorder import Recorder


def test_rows_become_typed_columns():
    rec = Recorder()
    rec.record({"week": 0, "engaged_share": 0.1})
    rec.record({"week": 1, "engaged_share": 0.25})
    arrays = rec.arrays()
    assert len(rec) == 2
    assert arrays["week"].dtype == np.int64 and arrays["engaged_share"].dtype == np.float64
    np.testing.assert_array_equal(arrays["engaged_share"], [0.1, 0.25])


def test_replace_last_overwrites_only_the_last_row():
    rec = Recorder()
    rec.record({"week": 0, "x": 1.0})
    rec.record({"week": 1, "x": 2.0})
    rec.replace_last({"week": 1, "x": 5.0})
    np.testing.assert_array_equal(rec.arrays()["x"], [1.0, 5.0])
    assert len(rec) == 2


def test_replace_last_refuses_other_columns_or_an_empty_recorder():
    rec = Recorder()
    with pytest.raises(ValueError, match="nothing recorded"):
        rec.replace_last({"week": 0})
    rec.record({"week": 0, "x": 1.0})
    with pytest.raises(ValueError, match="recorded columns"):
        rec.replace_last({"week": 0, "y": 1.0})


def test_nan_is_stored_as_null_so_identical_runs_compare_equal():
    rec = Recorder()
    rec.record({"week": 0, "free_riding": math.nan})
    table = rec.to_table()
    assert table.column("free_riding").null_count == 1
    assert table.equals(rec.to_table())
