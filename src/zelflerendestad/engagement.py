"""Waking up (wakker worden): vertical broadcast and horizontal word of mouth (step 3).

A passive resident wakes with probability h = r x (p_eff + q_eff x f x [k >= theta]) where
p_eff = p x V reaches everyone alike (Bass's external influence), f is the (connector-weighted)
share of engaged contacts, k their weighted number, theta the resident's threshold (1 for simple
contagion), q_eff = q x (1 + facilitation_gain x H) (Bass's internal influence, eased by
facilitation) and r = 1 - w + w x motivation the resident's receptivity. In the fully mixed
limit with r = 1 and H = 0 this is exactly the discrete Bass recurrence
F(t+1) = F(t) + (p + q F(t)) (1 - F(t)).
Below the threshold, word of mouth is not switched off but scaled by 1 - reinforcement: at
reinforcement 1 (the default) the threshold is hard, Centola & Macy's (2007) complex contagion;
below 1 it is a noisy threshold (Eckles et al. 2024), and at 0 the threshold plays no role.
A threshold may be a count of engaged contacts or a share of one's contacts (Granovetter 1978
states thresholds as shares; Centola 2010 counts); a threshold of 0 marks an instigator, who
acts without waiting for anyone: word of mouth counts as if all contacts were engaged (the
zero-threshold instigators of Granovetter 1978; that they wake at rate p + q is an assumption).
"""

from __future__ import annotations

import numpy as np

from .jit import flags, floats, kernel


@kernel
def receptivity(motivation, weight):  # noqa: ANN001, ANN201
    """How open a resident is to being woken: 1 at weight 0, else scaled by motivation."""
    return 1.0 - weight + weight * motivation


def wake_probability(p_eff: float, q_eff: float, engaged_contacts: np.ndarray,
                     degree: np.ndarray, threshold: np.ndarray,
                     receptive: np.ndarray, reinforcement: float = 1.0,
                     share_threshold: bool = False) -> np.ndarray:
    """Weekly probability that each (passive) resident wakes up (`wake_chance`, per resident).

    `threshold` is a count of (weighted) engaged contacts, or with `share_threshold` a share of
    one's contacts; 0 marks an instigator.
    """
    threshold = np.asarray(threshold)
    if threshold.dtype != np.float32:
        threshold = threshold.astype(np.float64, copy=False)
    return _wake(p_eff, q_eff, floats(engaged_contacts), np.asarray(degree, dtype=np.int64),
                 threshold, floats(receptive), reinforcement, share_threshold)


@kernel
def wake_chance(p_eff, q_eff, k, degree, threshold, receptive, reinforcement,  # noqa: ANN001, ANN201
                share_threshold):
    """One resident's chance to wake, given k (weighted) engaged contacts of `degree`.

    The model stores thresholds as float32, whose rounding (up to 3e-8 relative) would
    otherwise put a share of exactly 1/5 below a threshold of 0.2; the 1e-6 of slack absorbs
    it and no real difference between counts or shares of up to 10^5 contacts.
    """
    limit = np.float64(threshold) - 1e-6
    share = min(k / max(degree, 1), 1.0)
    reinforced = (share if share_threshold else k) >= limit
    # instigators (threshold 0): as if all their contacts were engaged
    share = max(share, np.float64(threshold <= 0))
    social = share * (1.0 - reinforcement * np.float64(not reinforced))
    return min(max(receptive * (p_eff + q_eff * social), 0.0), 1.0)


@kernel
def _wake(p_eff, q_eff, k, degree, threshold, receptive, reinforcement,  # noqa: ANN001
          share_threshold):
    out = np.empty(k.size)
    for i in range(k.size):
        out[i] = wake_chance(p_eff, q_eff, k[i], degree[i], threshold[i], receptive[i],
                             reinforcement, share_threshold)
    return out


def spread_engagement(engaged: np.ndarray, wake_p: np.ndarray, lapse_p: np.ndarray,
                      u_wake: np.ndarray, u_lapse: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """New engaged flags and the mask of residents who woke this week (synchronous update)."""
    return _spread(flags(engaged), floats(wake_p), floats(lapse_p), floats(u_wake),
                   floats(u_lapse))


@kernel
def spread(engaged, wake_p, lapse_p, u_wake, u_lapse):  # noqa: ANN001, ANN201
    """One resident's (engaged now, woke): passive ones wake, engaged ones may lapse."""
    woke = not engaged and u_wake < wake_p
    lapsed = engaged and u_lapse < lapse_p
    return (engaged or woke) and not lapsed, woke


@kernel
def lapse_chance(lapse_rate, ownership):  # noqa: ANN001, ANN201
    """Weekly chance that an engaged resident lapses: ownership holds one in."""
    return lapse_rate * (1 - ownership)


@kernel
def _spread(engaged, wake_p, lapse_p, u_wake, u_lapse):  # noqa: ANN001
    new, woke = np.empty(engaged.size, np.bool_), np.empty(engaged.size, np.bool_)
    for i in range(engaged.size):
        new[i], woke[i] = spread(engaged[i], wake_p[i], lapse_p[i], u_wake[i], u_lapse[i])
    return new, woke


def influence_weights(is_connector: np.ndarray, connector_weight: float) -> np.ndarray:
    """How many ordinary contacts each resident counts for when engaged."""
    return np.where(is_connector, connector_weight, 1.0)


def clustered_seeds(indptr: np.ndarray | None, indices: np.ndarray | None, n: int, count: int,
                    rng: np.random.Generator) -> np.ndarray:
    """`count` initially engaged residents in one cluster around a random resident.

    The cluster is the resident, then its contacts, their contacts, and so on (Centola & Macy
    2007 seed a node and its neighbourhood). Without ties (fully mixed) any `count` residents
    form a cluster. Returns a boolean mask.
    """
    engaged = np.zeros(n, dtype=bool)
    count = min(max(count, 0), n)
    if count == 0:
        return engaged
    if indptr is None:
        engaged[rng.choice(n, count, replace=False)] = True
        return engaged
    frontier = np.array([rng.integers(n)])
    engaged[frontier] = True
    taken = 1
    while taken < count and frontier.size:
        nxt = np.unique(np.concatenate([indices[indptr[i]:indptr[i + 1]] for i in frontier]))
        nxt = nxt[~engaged[nxt]][: count - taken]
        engaged[nxt] = True
        taken += nxt.size
        frontier = nxt
    return engaged
