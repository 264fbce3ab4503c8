"""Initiatives: who starts one, who joins, and how one organises into a commons (step 5).

An active resident outside any initiative, with a desire (theme) shared by enough engaged
contacts, starts an initiative with a small weekly chance scaled by intrinsic motivation;
being or knowing an engaged connector makes that likelier (Ghorbani et al. 2020: initiators are
the bottleneck), and a connector brings like-minded people from elsewhere in the city (seed
000). The founders made the initiative's first agreements together. Active residents join a
living initiative of their neighbourhood with a chance that grows with its visible activity
(contributors) and is lower when its theme is not their own desire. An initiative with enough
members organises into a commons: its rules are then co-decided by the members who take part,
or, under vertical procedure, imposed by the municipality as its standard rules (its code).
"""

from __future__ import annotations

import numpy as np

from ..config.commons_schema import CooperationSettings, FormationSettings, MonitoringSettings
from ..network import Network
from ..population import Residents
from .context import at
from .state import COMMONS, INITIATIVE, Commons


def initiation_probability(free_active: np.ndarray, motivation: np.ndarray,
                           near_connector: np.ndarray | float, s: FormationSettings
                           ) -> np.ndarray:
    """Weekly chance each resident starts an initiative (before the like-minded check)."""
    return s.initiative_rate * motivation * (1.0 + s.connector_gain * near_connector) * free_active


def contacts_of(network: Network, resident: int, rng: np.random.Generator, n_residents: int,
                sample_size: int) -> np.ndarray:
    """A resident's contacts (`sample_size` random others when the city is fully mixed)."""
    if network.adjacency is None:
        other = rng.choice(n_residents - 1, size=min(sample_size, n_residents - 1),
                           replace=False)
        return other + (other >= resident)
    adjacency = network.adjacency
    return adjacency.indices[adjacency.indptr[resident]: adjacency.indptr[resident + 1]]


def found_initiatives(r: Residents, net: Network, c: Commons, week: int,
                      s: FormationSettings, rng: np.random.Generator, sample_size: int) -> int:
    """Start this week's initiatives; mutates `r.member_of` and `c`. Returns how many.

    Starters are drawn by thinning: first at the highest chance (as if near a connector), then
    kept with the ratio of their own chance to it, so the network is only read for the few.
    """
    free_active = r.active & (r.member_of < 0)
    top = initiation_probability(free_active, r.motivation, 1.0, s)
    starters = np.flatnonzero(rng.random(r.n) < top)
    if starters.size:
        awake = r.is_connector & r.engaged
        near = np.array([r.is_connector[i]
                         or bool(awake[contacts_of(net, i, rng, r.n, sample_size)].any())
                         for i in starters], dtype=np.float64)
        keep = (1.0 + s.connector_gain * near) / (1.0 + s.connector_gain)
        starters = starters[rng.random(starters.size) < keep]
    formed = 0
    for i in starters:  # a few starters a week: a loop over initiatives, not residents
        if r.member_of[i] >= 0:
            continue
        formed += found_one(r, net, c, int(i), week, s, rng, sample_size) is not None
    return formed


def found_one(r: Residents, net: Network, c: Commons, i: int, week: int, s: FormationSettings,
              rng: np.random.Generator, sample_size: int) -> np.ndarray | None:
    """Resident `i` asks like-minded engaged contacts to found an initiative with them.

    Returns the founders (the initiative is `r.member_of[i]`), or None when fewer than
    `min_founders - 1` of them are free to join.
    """
    pool = contacts_of(net, i, rng, r.n, sample_size)
    if r.is_connector[i] and s.connector_recruits:
        pool = np.concatenate([pool, rng.choice(r.n, 8 * s.connector_recruits)])
    pool = np.unique(pool[(r.theme[pool] == r.theme[i]) & r.engaged[pool]
                          & (r.member_of[pool] < 0) & (pool != i)])
    if pool.size < s.min_founders - 1:
        return None
    extra = s.max_founders - 1 + (s.connector_recruits if r.is_connector[i] else 0)
    founders = np.concatenate([[i], rng.permutation(pool)[:extra]])
    idx = c.add(1, r.theme[i], r.neighbourhood[i], week)[0]
    r.member_of[founders] = idx
    c.members[idx] = c.peak[idx] = founders.size
    return founders


def pick_living(cand_nbhd: np.ndarray, living: np.ndarray, living_nbhd: np.ndarray,
                draws: np.ndarray) -> np.ndarray:
    """For each candidate, one living initiative of their neighbourhood at random (-1: none)."""
    if living.size == 0:
        return np.full(cand_nbhd.size, -1, dtype=np.int64)
    order = np.argsort(living_nbhd, kind="stable")
    nb = living_nbhd[order]
    lo = np.searchsorted(nb, cand_nbhd, "left")
    cnt = np.searchsorted(nb, cand_nbhd, "right") - lo
    pos = np.minimum(lo + (draws * cnt).astype(np.int64), living.size - 1)
    return np.where(cnt > 0, living[order][pos], -1)


def join_probability(motivation: np.ndarray, same_theme: np.ndarray, contributors: np.ndarray,
                     s: FormationSettings) -> np.ndarray:
    """Weekly chance a candidate joins the initiative picked for them."""
    pull = contributors / (contributors + s.recruit_half)
    return s.join_rate * motivation * np.where(same_theme, 1.0, s.cross_theme_join) * pull


def majority_rules(beliefs: np.ndarray, group: np.ndarray, rows: int) -> np.ndarray:
    """Rules per group: the sign of the summed beliefs of its participants (0 on a tie)."""
    total = np.zeros((rows, beliefs.shape[1]), dtype=np.int64)
    np.add.at(total, group, beliefs)
    return np.sign(total).astype(np.int8)


def participants(members: np.ndarray, motivation: np.ndarray, s: CooperationSettings,
                 draws: np.ndarray) -> np.ndarray:
    """Members who take part in a rule-making session (more likely when motivated)."""
    return members[draws < s.participation_base + s.participation_motivation * motivation]


def organise(r: Residents, c: Commons, made: np.ndarray, code: np.ndarray,
             procedure: float | np.ndarray,
             week: int, impose_share: float, cs: CooperationSettings,
             ms: MonitoringSettings, min_members: int, rate: float,
             rng: np.random.Generator) -> np.ndarray:
    """Initiatives with enough members organise into commons and make (or get) their rules.

    `made` (per resident) marks who took part in making the rules in force. Returns the
    indices of the new commons.
    """
    living = c.living
    ready = living[(c.stage[living] == INITIATIVE) & (c.members[living] >= min_members)]
    new = ready[rng.random(ready.size) < rate]
    if new.size == 0:
        return new
    imposed = rng.random(new.size) < impose_share * at(procedure, new)
    c.stage[new], c.organised[new] = COMMONS, week
    c.imposed[new] = c.ever_imposed[new] = imposed
    own = new[~imposed]
    c.monitoring[own] = (rng.random(own.size) < ms.monitoring_adoption) & ms.enabled
    c.graduated[own] = rng.random(own.size) < ms.graduated_adoption
    c.rules[new[imposed]] = code
    in_new = np.zeros(c.n, dtype=bool)
    in_new[new] = True
    mem = np.flatnonzero((r.member_of >= 0) & in_new[np.maximum(r.member_of, 0)])
    made[mem] = False
    own_mem = mem[~c.imposed[r.member_of[mem]]]
    part = participants(own_mem, r.motivation[own_mem], cs, rng.random(own_mem.size))
    made[part] = True
    if part.size:
        rules = majority_rules(r.beliefs[part], r.member_of[part], c.n)
        c.rules[own] = rules[own]
    return new
