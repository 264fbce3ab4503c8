"""Agents a person plays: what the room's choices hold between weeks, and where they act.

room (participatory mode) -> events `official_plan`, `resident_choice`, `connector_choice`
(`config/events.py`) -> `interventions.py` sets this state -> the model's steps read it:
step 1 replaces a played official's time split (`planned_time`), step 5 replaces a played
member's contribution draw (`steer_effort`) and counts a mediated commons' members as
connectors (`mediated_share`). Agents nobody plays follow the model's rules, and every draw is
made as if nobody played, so the other agents' random numbers stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .statevars import state


@dataclass
class Played:
    """What played agents decided that lasts beyond the moment of the choice."""

    plans: dict[int, tuple[float, float, float]] = state(
        "played officials' split of the week: official -> (desk, street, learning)",
        default_factory=dict)
    stance: dict[int, bool] = state(
        "played residents' effort: dwelling -> contributes (True) or free-rides (False)",
        default_factory=dict)
    mediated: set[int] = state("initiatives a connector mediates in during the coming week",
                               default_factory=set)

    def effort(self, n: int) -> np.ndarray | None:
        """Per dwelling +1 contribute, -1 free-ride, 0 the model's draw (None: no stance)."""
        if not self.stance:
            return None
        out = np.zeros(n, dtype=np.int8)
        rows = np.fromiter(self.stance, dtype=np.int64)
        out[rows] = np.where(np.fromiter(self.stance.values(), dtype=bool), 1, -1)
        return out

    def mediated_mask(self, n_commons: int) -> np.ndarray | None:
        """Per initiative: mediated this week (None: none is)."""
        if not self.mediated:
            return None
        out = np.zeros(n_commons, dtype=bool)
        out[[k for k in self.mediated if k < n_commons]] = True
        return out


def planned_time(urgency: float, desk: float, street: float, learning: float,
                 learning_culture: float) -> tuple[float, float]:
    """Street and learning time of a played official, as shares of the week.

    Urgency above the desk share must still be answered: it takes from street and learning in
    proportion to the plan, but the learning culture protects that share of learning's loss,
    which the street then gives up instead (as in `officials.allocate_time`).
    """
    free = street + learning
    excess = min(max(0.0, urgency - desk), free)
    if free <= 0 or excess <= 0:
        return street, learning
    learning_loss = excess * learning / free * (1.0 - learning_culture)
    street_left = free - excess - (learning - learning_loss)
    if street_left < 0:  # the street cannot give up more than it has
        return 0.0, free - excess
    return street_left, learning - learning_loss


def apply_plans(plans: dict[int, tuple[float, float, float]], urgency: np.ndarray,
                street: np.ndarray, learning: np.ndarray, learning_culture: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """The rule's street and learning time with played officials' plans put in their rows."""
    street, learning = street.copy(), learning.copy()
    for k, (desk, s, lt) in plans.items():
        if k < urgency.size:
            street[k], learning[k] = planned_time(float(urgency[k]), desk, s, lt,
                                                  learning_culture)
    return street, learning


def steer_effort(effort: np.ndarray, active: np.ndarray, burnt_out: np.ndarray,
                 drawn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Members' (active, contributed) this week with played stances in place of the draw.

    A member who chooses to contribute does so unless burnt out (and counts as active); one
    who chooses to free-ride does not contribute; stance 0 keeps the model's draw `drawn`.
    """
    active = active | ((effort > 0) & ~burnt_out)
    did = np.where(effort > 0, active, np.where(effort < 0, False, drawn))
    return active, did


def mediated_share(connector_share: np.ndarray, mediated: np.ndarray | None) -> np.ndarray:
    """Connector share among members, 1 where a connector mediates this week."""
    return connector_share if mediated is None else np.where(mediated, 1.0, connector_share)

