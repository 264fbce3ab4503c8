"""Named streams: independent of order and of each other."""

from __future__ import annotations

import numpy as np
import pytest

from zelflerendestad.rng import Streams


def test_a_stream_depends_on_seed_and_name_only():
    a = Streams(7, ("learning", "engagement"))["engagement"].random(5)
    b = Streams(7, ("engagement",))["engagement"].random(5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, Streams(8)["engagement"].random(5))
    assert not np.array_equal(a, Streams(7)["learning"].random(5))


def test_unknown_stream_is_an_error():
    with pytest.raises(KeyError, match="no random stream named 'lerning'"):
        Streams(1)["lerning"]
