"""Frontline officials: urgency eats the week, the rest goes to street and learning (step 1).

Each official has a personal style (0 vertical .. 1 horizontal), a leadership order 1-4 and a
strain score. Urgency (de waan van de dag) takes a share of the week; a learning culture protects
part of the learning time from it. Strain (spagaat) follows the mismatch between the official's
style and the organisation's mix, and the pressure of urgency.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config.schema import OfficialsSettings
from .statevars import state


@dataclass
class Officials:
    """State of all officials, one row each."""

    style: np.ndarray = state("personal steering style, 0 vertical .. 1 horizontal")
    order: np.ndarray = state("leadership order 1-4 (4: generative, vierde orde)", "int8, 1..4")
    strain: np.ndarray = state(
        "strain from style-organisation mismatch and urgency (spagaat), [0, 1]")
    urgency: np.ndarray = state("share of this week eaten by urgency (de waan van de dag)")
    street_time: np.ndarray = state("share of this week spent in the street")
    learning_time: np.ndarray = state("share of this week spent learning")

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
    return Officials(style, order, zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy())


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
    left = 1.0 - urgency
    learning = learning_share * (left + learning_culture * urgency)
    street_pref = (1 - style_weight) * (1 - vertical_share) + style_weight * style
    street = (1.0 - learning_share) * left * street_pref
    return street, learning


def update_strain(strain: np.ndarray, style: np.ndarray, vertical_share: float,
                  urgency: np.ndarray, rate: float, mismatch_weight: float) -> np.ndarray:
    """Strain moves toward a weighted mean of style-organisation mismatch and urgency (spagaat)."""
    mismatch = np.abs(style - (1 - vertical_share))
    target = mismatch_weight * mismatch + (1 - mismatch_weight) * urgency
    return strain + rate * (target - strain)


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
    return float(np.mean(street * effect) / (1.0 - learning_share))
