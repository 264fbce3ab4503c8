"""Targeted instruments and programmes: what reaches some residents (or commons), for a while.

A lasting event (`config/events.py`: `payment_offer`, `fine_start`, `recognition_start`,
`subsidy_start`, `enforcement_start`, `reflection_training`, `learning_network_start`,
`learning_circle_start`) resolves its `Target` to a mask over dwellings once, when it fires,
and adds an `Instrument` to the municipality's list; a stop event or its `weeks` running out
removes it. Each week the model reads per-resident levels (`level`: prices and recognition, to
`prices.py` and `crowding.py`) and programme coverage (`coverage`: subsidy, enforcement,
training, learning network). A programme reaching everyone stays one number for the whole
city, so an untargeted timeline runs exactly as before targets existed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config.events import Target


@dataclass(frozen=True)
class Instrument:
    """One running instrument: what kind, whom it reaches, how strong, until when."""

    kind: str  # "payment", "fine", "recognition", or a programme: "subsidy", "enforcement", ...
    reach: np.ndarray  # bool per resident (dwelling)
    amount: float
    until: int | None  # last week it runs (None: until a stop event)
    inspection: float = 1.0  # fines: weekly chance a free-rider is fined


def resolve(target: Target, neighbourhood: np.ndarray, member_of: np.ndarray,
            groups: dict[str, np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """Residents the target names: every criterion given must hold; `share` drawn last.

    Draws from `rng` only when `share` < 1, so untargeted events leave the stream alone.
    """
    reach = np.ones(neighbourhood.size, dtype=bool)
    if target.neighbourhoods is not None:
        reach &= np.isin(neighbourhood, target.neighbourhoods)
    if target.residents is not None:
        reach &= np.isin(np.arange(reach.size), target.residents)
    if target.commons is not None:
        reach &= np.isin(member_of, target.commons)
    if target.selector != "everyone":
        reach &= groups[target.selector]
    if target.share < 1.0:
        reach &= rng.random(reach.size) < target.share
    return reach


def groups_of(engaged: np.ndarray, active: np.ndarray, is_connector: np.ndarray,
              member_of: np.ndarray) -> dict[str, np.ndarray]:
    """The selectors a target may name, as masks."""
    return {"passive": ~engaged, "engaged": engaged, "active": active,
            "connectors": is_connector, "members": member_of >= 0}


def running(instruments: list[Instrument], week: int) -> list[Instrument]:
    """The instruments still running in `week`."""
    return [i for i in instruments if i.until is None or i.until >= week]


def level(instruments: list[Instrument], kind: str, n: int, *, inspected: bool = False
          ) -> np.ndarray:
    """Per-resident strength of one kind: summed amounts (x inspection for expected fines)."""
    out = np.zeros(n)
    for i in instruments:
        if i.kind == kind:
            out += i.reach * i.amount * (i.inspection if inspected else 1.0)
    return out


def has(instruments: list[Instrument], *kinds: str) -> bool:
    """Whether an instrument of one of these kinds runs."""
    return any(i.kind in kinds for i in instruments)


def coverage(instruments: list[Instrument], kind: str) -> bool | np.ndarray:
    """Whom the running programmes of one kind reach: a bool for the whole city, else a mask.

    True when one of them reaches everyone, False when none runs, otherwise the union of
    their reaches (one bool per dwelling).
    """
    reaches = [i.reach for i in instruments if i.kind == kind]
    if not reaches or any(r.all() for r in reaches):
        return bool(reaches)
    return np.logical_or.reduce(reaches)


def commons_reached(reach: np.ndarray, member_of: np.ndarray, n_commons: int) -> np.ndarray:
    """Initiatives or commons most of whose members the target reaches (indices)."""
    members = member_of >= 0
    size = np.bincount(member_of[members], minlength=n_commons)[:n_commons]
    hit = np.bincount(member_of[members & reach], minlength=n_commons)[:n_commons]
    return np.flatnonzero((size > 0) & (hit * 2 > size))
