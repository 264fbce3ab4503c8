"""Contributions as amounts: types, beliefs about the others, and shortfalls (amount mode).

Pure functions over members (one row per member, `cm` their commons); `work.py` calls them
when `commons.contribution.mode` is `amount`. A member gives a share a in [0, 1] of a weekly
endowment (Fischbacher & Gachter 2010):
- a social-preference type, drawn once per membership from a uniform `taste` in the shares
  of Fischbacher, Gachter & Fehr (2001): conditional cooperators give `matching` x belief,
  free riders give nothing, hump-shaped members give min(belief, 1 - belief), and the
  unclassified rest a fixed share (their taste rescaled to [0, 1]);
- the same motives as the yes/no choice, added as shares of the endowment: motivation above
  `motivation_reference`, legitimacy of the rules, deterrence (being seen, sanctions, fines,
  punishment);
- a belief about the others' mean contribution, moved each week towards the mean the member
  saw (the other active members of their commons), keeping `belief_weight` of the old belief.
The decline of contributions is not written anywhere: it follows (or not) from under-matching
conditional cooperators and free riders meeting beliefs that follow what members see.
"""

from __future__ import annotations

import numpy as np

from ..config.commons_schema import CooperationSettings
from ..config.contribution_schema import ContributionSettings

CONDITIONAL, FREE_RIDER, HUMP, UNCLASSIFIED = 0, 1, 2, 3  # preference types


def preference_types(taste: np.ndarray, s: ContributionSettings) -> np.ndarray:
    """Each member's type from their uniform taste, in the configured shares."""
    edges = np.cumsum([s.conditional_share, s.free_rider_share, s.hump_share])
    return np.searchsorted(edges, taste, side="right").astype(np.int8)


def schedule(taste: np.ndarray, belief: np.ndarray, s: ContributionSettings) -> np.ndarray:
    """What each member's type gives, given their belief about the others (before motives)."""
    types = preference_types(taste, s)
    classified = s.conditional_share + s.free_rider_share + s.hump_share
    fixed = (taste - classified) / max(1.0 - classified, 1e-12)
    return np.select([types == CONDITIONAL, types == FREE_RIDER, types == HUMP],
                     [s.matching * belief, 0.0, np.minimum(belief, 1.0 - belief)],
                     np.clip(fixed, 0.0, 1.0))


def contribution_amount(social: np.ndarray, motivation: np.ndarray, legitimacy: np.ndarray,
                        deterrence: np.ndarray, s: CooperationSettings, reference: float
                        ) -> np.ndarray:
    """Share of the endowment each active member gives: the type's share plus the motives.

    The weights are the choice mode's: a yes/no contribution made with probability p gives
    p of the endowment on average, so a weight means the same in both modes.
    """
    a = (social + s.motivation_weight * (motivation - reference)
         + s.legitimacy_weight * legitimacy + s.deterrence_weight * deterrence)
    return np.clip(a, 0.0, 1.0)


def others_mean(amount: np.ndarray, active: np.ndarray, cm: np.ndarray, n: int
                ) -> tuple[np.ndarray, np.ndarray]:
    """(mean amount of the *other* active members of one's commons, whether there are any)."""
    total, count = _active_sums(amount, active, cm, n)
    others = count[cm] - active
    seen = others > 0
    return np.where(seen, (total[cm] - amount * active) / np.maximum(others, 1.0), 0.0), seen


def update_beliefs(belief: np.ndarray, seen_mean: np.ndarray, seen: np.ndarray,
                   weight: float) -> np.ndarray:
    """Beliefs move towards the others' mean a member saw (unchanged if they saw nobody)."""
    return np.where(seen, weight * belief + (1.0 - weight) * seen_mean, belief)


def relative_shortfall(amount: np.ndarray, active: np.ndarray, cm: np.ndarray, n: int
                       ) -> tuple[np.ndarray, np.ndarray]:
    """(how far each active member falls below their commons' mean, as a share of it; mean).

    Fehr & Gachter (2000): the further below the group's mean, the more one is punished. A
    member giving nothing in a commons whose mean is positive has shortfall 1.
    """
    total, count = _active_sums(amount, active, cm, n)
    mean = total / np.maximum(count, 1.0)
    short = np.where(active & (mean[cm] > 0),
                     (mean[cm] - amount) / np.maximum(mean[cm], 1e-12), 0.0)
    return np.clip(short, 0.0, 1.0), mean


def _active_sums(amount: np.ndarray, active: np.ndarray, cm: np.ndarray, n: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(amount given by active members, active members) per commons."""
    return (np.bincount(cm, weights=amount * active, minlength=n)[:n],
            np.bincount(cm, weights=active.astype(np.float64), minlength=n)[:n])
