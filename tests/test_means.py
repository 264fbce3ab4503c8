"""`means.mean` equals `np.mean` to the last bit, for every dtype the measures average."""

from __future__ import annotations

import numpy as np
import pytest

from zelflerendestad.means import mean


@pytest.mark.parametrize("n", [1, 7, 129, 2000, 8193, 100_003])
def test_mean_is_bit_identical_to_numpy(n: int) -> None:
    rng = np.random.default_rng(n)
    for x in (rng.random(n), rng.random(n) < 0.3, rng.integers(1, 5, n, dtype=np.int8),
              rng.normal(0, 1e6, n)):
        assert mean(x) == float(x.mean())
        assert isinstance(mean(x), float)
