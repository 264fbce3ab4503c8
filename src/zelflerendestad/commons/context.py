"""What the commons week reads from the rest of the city, and what it hands back.

The model builds a `WeekContext` each week (this week's values: residents, network, settings,
code, reality, procedure, V, H, programmes, week, the "commons" stream) and stores the
`ResidentChanges` that `week.run_week` returns, as it stores the results of steps 1-4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config.commons_schema import CommonsSettings
from ..network import Network
from ..population import Residents


@dataclass(frozen=True)
class WeekContext:
    """What the commons week reads from the rest of the city (this week's values)."""

    residents: Residents
    network: Network
    settings: CommonsSettings
    code: np.ndarray  # the municipality's code: the rules it imposes
    reality: np.ndarray  # what works here (rules are scored against it)
    procedure: float  # vertical procedure residents meet (V, subsidy, enforcement)
    H: float  # realised horizontal intensity
    subsidy: bool
    enforcement: bool
    learning_network: bool
    subsidy_relief: float  # programmes.subsidy_relief: energy a running subsidy saves
    mean_degree: int  # contacts a starter asks in a fully mixed city
    week: int
    rng: np.random.Generator  # the "commons" stream
    deterrence: np.ndarray | None = None  # per resident, added by a fine (`prices.py`); None: 0
    V: float = 0.0  # realised vertical intensity (the municipality's coordination of commons)


@dataclass(frozen=True)
class ResidentChanges:
    """The residents' arrays the commons week changed (new arrays; the caller stores them)."""

    member_of: np.ndarray
    energy: np.ndarray
    ownership: np.ndarray


def count_per(index: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """How many (or how much `weights`) per initiative `0..size-1`, from a row index each."""
    return np.bincount(index, weights=weights, minlength=size)[:size]


def members_of(member_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(residents in any initiative, the initiative of each)."""
    members = np.flatnonzero(member_of >= 0)
    return members, member_of[members]
