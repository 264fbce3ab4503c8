"""Waking up (wakker worden): vertical broadcast and horizontal word of mouth (step 3).

A passive resident wakes with probability h = r x (p_eff + q_eff x f x [k >= theta]) where
p_eff = p x V reaches everyone alike (Bass's external influence), f is the (connector-weighted)
share of engaged contacts, k their weighted number, theta the resident's threshold (1 for simple
contagion), q_eff = q x (1 + facilitation_gain x H) (Bass's internal influence, eased by
facilitation) and r = 1 - w + w x motivation the resident's receptivity. In the fully mixed
limit with r = 1 and H = 0 this is exactly the discrete Bass recurrence
F(t+1) = F(t) + (p + q F(t)) (1 - F(t)).
"""

from __future__ import annotations

import numpy as np


def receptivity(motivation: np.ndarray, weight: float) -> np.ndarray:
    """How open a resident is to being woken: 1 at weight 0, else scaled by motivation."""
    return 1.0 - weight + weight * motivation


def wake_probability(p_eff: float, q_eff: float, engaged_contacts: np.ndarray,
                     degree: np.ndarray, threshold: np.ndarray,
                     receptive: np.ndarray) -> np.ndarray:
    """Weekly probability that each (passive) resident wakes up."""
    share = np.minimum(engaged_contacts / np.maximum(degree, 1), 1.0)
    reinforced = engaged_contacts >= threshold - 1e-9
    return np.clip(receptive * (p_eff + q_eff * share * reinforced), 0.0, 1.0)


def spread_engagement(engaged: np.ndarray, wake_p: np.ndarray, lapse_p: np.ndarray,
                      u_wake: np.ndarray, u_lapse: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """New engaged flags and the mask of residents who woke this week (synchronous update)."""
    woke = ~engaged & (u_wake < wake_p)
    lapsed = engaged & (u_lapse < lapse_p)
    return (engaged | woke) & ~lapsed, woke


def influence_weights(is_connector: np.ndarray, connector_weight: float) -> np.ndarray:
    """How many ordinary contacts each resident counts for when engaged."""
    return np.where(is_connector, connector_weight, 1.0)
