"""Named random streams from one root seed (common random numbers between scenarios).

Each mechanism draws from its own `numpy.random.Generator`, derived from the run's seed and the
stream's *name* (not its position), so switching a mechanism off, or adding a new one, leaves
every other mechanism's draws unchanged. Nothing in the model uses numpy's or Python's global
random state.
"""

from __future__ import annotations

import zlib

import numpy as np

STREAMS = (
    "network", "population", "officials", "engagement", "incidents", "learning", "turbulence",
    "turnover", "interventions", "commons", "adaptive",
)


def stream_key(name: str) -> int:
    """A stable 32-bit key for a stream name (CRC32, identical on every platform)."""
    return zlib.crc32(name.encode("utf-8"))


class Streams:
    """One generator per named mechanism; asking for an unknown name is an error."""

    def __init__(self, seed: int, names: tuple[str, ...] = STREAMS):
        self.seed = int(seed)
        self._gens = {
            name: np.random.Generator(np.random.PCG64(
                np.random.SeedSequence(self.seed, spawn_key=(stream_key(name),))))
            for name in names
        }

    def __getitem__(self, name: str) -> np.random.Generator:
        try:
            return self._gens[name]
        except KeyError:
            known = sorted(self._gens)
            raise KeyError(f"no random stream named {name!r}; known: {known}") from None
