"""What the commons week reads from the rest of the city (its residents it updates in place).

The model builds a `WeekContext` each week (this week's values: residents, network, settings,
code, reality, procedure, V, H, programmes, week, the "commons" stream); `week.run_week`
updates the residents' membership, energy and ownership in it in place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..config.commons_schema import CommonsSettings
from ..jit import kernel
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
    # Programmes: one value for the whole city, or (targeted) one per resident, turned into one
    # per commons by `per_commons` once membership is known for the week.
    procedure: float | np.ndarray  # vertical procedure residents meet (V, subsidy, enforcement)
    H: float  # realised horizontal intensity
    subsidy: bool | np.ndarray
    enforcement: bool | np.ndarray
    learning_network: bool | np.ndarray
    subsidy_relief: float  # programmes.subsidy_relief: energy a running subsidy saves
    mean_degree: int  # contacts a starter asks in a fully mixed city
    week: int
    rng: np.random.Generator  # the "commons" stream
    deterrence: np.ndarray | None = None  # per resident, added by a fine (`prices.py`); None: 0
    punishers: np.ndarray | None = None  # per resident: may punish free-riders; None: nobody
    V: float = 0.0  # realised vertical intensity (the municipality's coordination of commons)
    effort: np.ndarray | None = None  # played residents' stance (`played.py`); None: nobody's
    mediated: np.ndarray | None = None  # per initiative, a connector mediates this week


def per_commons(ctx: WeekContext, n: int) -> WeekContext:
    """The context with targeted programmes per commons (a city-wide value is kept as is).

    A commons meets the mean procedure of its members and is subsidised, enforced or in a
    learning network when most of its members are reached (assumption: the programme follows
    the majority; `instruments.commons_reached` draws the same line for targeted events).
    """
    programmes = {k: getattr(ctx, k) for k in ("subsidy", "enforcement", "learning_network")}
    if np.ndim(ctx.procedure) == 0 and all(np.ndim(v) == 0 for v in programmes.values()):
        return ctx  # all city-wide (the usual case): nothing to average
    mem, cm = members_of(ctx.residents.member_of)
    size = np.maximum(count_per(cm, n), 1)

    def mean(value: float | np.ndarray) -> float | np.ndarray:
        return value if np.ndim(value) == 0 else count_per(cm, n, value[mem]) / size

    return replace(ctx, procedure=mean(ctx.procedure),
                   **{k: (v if np.ndim(v) == 0 else mean(v.astype(np.float64)) > 0.5)
                      for k, v in programmes.items()})


def at(value: float | np.ndarray, rows: np.ndarray) -> float | np.ndarray:
    """A per-commons value for `rows` (a city-wide value as is)."""
    return value if np.ndim(value) == 0 else value[rows]


def count_per(index: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """How many (or how much `weights`) per initiative `0..size-1`, from a row index each."""
    return np.bincount(index, weights=weights, minlength=size)[:size]


def members_of(member_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(residents in any initiative, the initiative of each)."""
    return _members_of(member_of)


@kernel
def _members_of(member_of):  # noqa: ANN001
    """`np.flatnonzero(member_of >= 0)` and their `member_of`, with no temporary over all."""
    count = 0
    for i in range(member_of.size):
        count += member_of[i] >= 0
    members = np.empty(count, dtype=np.int64)
    of = np.empty(count, dtype=member_of.dtype)
    k = 0
    for i in range(member_of.size):
        if member_of[i] >= 0:
            members[k], of[k] = i, member_of[i]
            k += 1
    return members, of
