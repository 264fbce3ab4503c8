"""Frontline officials: urgency eats the week, the rest goes to street and learning (step 1).

Each official has a personal style (0 vertical .. 1 horizontal), a leadership order 1-4 and a
strain score. Urgency (de waan van de dag) takes a share of the week; a learning culture protects
part of the learning time from it. Strain (spagaat) follows the mismatch between the official's
style and the organisation's mix, the pressure of urgency and the emotional labour of street work
(Lipsky 1980). Strain feeds back: a strained official is more often off sick (no street or
learning time that week) and more likely to quit, and a newcomer starts at leadership order 1.
So horizontal presence is limited by the officials' own time and strain, not only by the mix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config.schema import OfficialsSettings
from .jit import flags, floats, kernel
from .means import mean
from .statevars import state


@dataclass
class Officials:
    """State of all officials, one row each."""

    style: np.ndarray = state("personal steering style, 0 vertical .. 1 horizontal")
    order: np.ndarray = state("leadership order 1-4 (4: generative, vierde orde)", "int8, 1..4")
    strain: np.ndarray = state(
        "strain from style-organisation mismatch, urgency and street work (spagaat), [0, 1]")
    urgency: np.ndarray = state("share of this week eaten by urgency (de waan van de dag)")
    street_time: np.ndarray = state("share of this week spent in the street")
    learning_time: np.ndarray = state("share of this week spent learning")
    off_sick: np.ndarray = state(
        "off sick this week (no street or learning time; chance rises with strain)", "bool")

    @property
    def n(self) -> int:
        """Number of officials."""
        return self.style.size


def create_officials(s: OfficialsSettings, rng: np.random.Generator) -> Officials:
    """Officials with styles around `style_mean` and orders drawn from `order_shares`."""
    n = s.count
    style = np.clip(rng.normal(s.style_mean, s.style_sd, n), 0, 1)
    order = (rng.choice(4, size=n, p=np.asarray(s.order_shares)) + 1).astype(np.int8)
    zeros = np.zeros(n)
    return Officials(style, order, zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy(),
                     np.zeros(n, dtype=bool))


def draw_urgency(mean: float, sd: float, shock: float, n: int,
                 rng: np.random.Generator) -> np.ndarray:
    """This week's urgency per official: around the mean, plus any shock, within [0, 1]."""
    noise = rng.normal(0.0, sd, n) if sd > 0 else np.zeros(n)
    return np.clip(mean + shock + noise, 0.0, 1.0)


def allocate_time(urgency: np.ndarray, style: np.ndarray, vertical_share: float,
                  learning_share: float, learning_culture: float, style_weight: float
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Street and learning time per official, as shares of the week.

    Learning gets `learning_share` of the time urgency leaves, plus the protected part
    (`learning_culture`) of what urgency took from it. The rest of the free time is split
    between street and office: the organisation asks for (1 - vertical_share) in the street,
    the official's own style pulls with weight `style_weight`.
    """
    return _allocate(floats(urgency), floats(style), (1 - style_weight) * (1 - vertical_share),
                     learning_share, learning_culture, style_weight)


@kernel
def _allocate(urgency, style, asked, learning_share, learning_culture, style_weight):  # noqa: ANN001
    """`allocate_time` in one loop (the numpy expressions' arithmetic, in their order)."""
    street, learning = np.empty(urgency.size), np.empty(urgency.size)
    for i in range(urgency.size):
        left = 1.0 - urgency[i]
        learning[i] = learning_share * (left + learning_culture * urgency[i])
        street[i] = (1.0 - learning_share) * left * (asked + style_weight * style[i])
    return street, learning


def update_strain(strain: np.ndarray, style: np.ndarray, vertical_share: float,
                  urgency: np.ndarray, street: np.ndarray, off_sick: np.ndarray,
                  s: OfficialsSettings) -> np.ndarray:
    """Strain moves toward mismatch and urgency (spagaat) plus street load; sick leave rests.

    The target is mismatch_weight x |style - (1 - vertical_share)| + (1 - mismatch_weight) x
    urgency + street_strain x street time, capped at 1; an official off sick heads for 0.
    """
    return _strain(floats(strain), floats(style), 1 - vertical_share, floats(urgency),
                   floats(street), flags(off_sick), s.strain_mismatch_weight, s.street_strain,
                   s.strain_rate)


@kernel
def _strain(strain, style, asked, urgency, street, off_sick, w, street_strain, rate):  # noqa: ANN001
    """`update_strain` in one loop (the numpy expressions' arithmetic, in their order)."""
    out = np.empty(strain.size)
    for i in range(strain.size):
        target = w * abs(style[i] - asked) + (1 - w) * urgency[i] + street_strain * street[i]
        if target > 1.0:  # np.minimum(1.0, target), which keeps a NaN
            target = 1.0
        if off_sick[i]:
            target = 0.0
        out[i] = strain[i] + rate * (target - strain[i])
    return out


def draw_sick_leave(strain: np.ndarray, rate: float, u: np.ndarray) -> np.ndarray:
    """Who is off sick this week: chance rate x strain (burnout -> sickness absence)."""
    return u < rate * strain


def leave_and_replace(o: Officials, rate: float, u: np.ndarray) -> np.ndarray:
    """Strained officials quit (chance rate x strain); a newcomer starts at order 1, unstrained.

    The newcomer takes the same post (same style). Changes `o` in place; returns who left.
    """
    left = u < rate * o.strain
    o.order[left] = 1
    o.strain[left] = 0.0
    return left


def grow_orders(order: np.ndarray, learning_time: np.ndarray, learning_share: float,
                rate: float, rng: np.random.Generator) -> np.ndarray:
    """Learning time lets officials rise a leadership order (4th order at most)."""
    relative = learning_time / learning_share if learning_share > 0 else 0 * learning_time
    up = (rng.random(order.size) < rate * relative) & (order < 4)
    return order + up.astype(np.int8)


def street_presence(street: np.ndarray, order: np.ndarray, order_effect: list[float],
                    learning_share: float) -> float:
    """Effective street presence in [0, 1]: street time weighted by leadership order.

    Normalised so that with no urgency and everyone of an order with effect 1, the presence
    equals the organisation's horizontal share.
    """
    if learning_share >= 1:
        return 0.0
    effect = np.asarray(order_effect)[order - 1]
    return mean(street * effect) / (1.0 - learning_share)
