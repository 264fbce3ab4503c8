"""Named random streams from one root seed (common random numbers between scenarios).

Each mechanism draws from its own `numpy.random.Generator`, derived from the run's seed and the
stream's *name* (not its position), so switching a mechanism off, or adding a new one, leaves
every other mechanism's draws unchanged. Nothing in the model uses numpy's or Python's global
random state.
"""

from __future__ import annotations

import secrets
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


def root_seed(seed: int | None = None, rng: object = None) -> int:
    """The run's root seed under Mesa's rules: `seed` or `rng`, not both; neither: fresh.

    An int is the seed itself; a Generator (or anything `numpy.random.default_rng` takes)
    gives one draw. Fresh entropy is a 63-bit draw from the operating system, returned so
    the caller can record it.
    """
    if seed is not None and rng is not None:
        raise ValueError("pass either seed or rng, not both")
    value = seed if seed is not None else rng
    if value is None:
        return secrets.randbits(63)
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"a seed is a non-negative integer, not {value}")
        return int(value)
    return int(np.random.default_rng(value).integers(2**63 - 1))
