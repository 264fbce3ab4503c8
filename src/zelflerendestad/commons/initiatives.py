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
from ..jit import kernel
from ..network import Network
from ..population import Residents
from .context import at
from .state import COMMONS, INITIATIVE, Commons


def initiation_probability(free_active: np.ndarray, motivation: np.ndarray,
                           near_connector: np.ndarray | float, s: FormationSettings
                           ) -> np.ndarray:
    """Weekly chance each resident starts an initiative (before the like-minded check).

    The formula; `_starters` computes it inline, in this order (`tests/test_jit.py`).
    """
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
                      s: FormationSettings, rng: np.random.Generator, sample_size: int
                      ) -> np.ndarray:
    """Start this week's initiatives; mutates `r.member_of` and `c`. Returns their founders.

    Starters are drawn by thinning: first at the highest chance (as if near a connector), then
    kept with the ratio of their own chance to it, so the network is only read for the few.
    """
    u = rng.random(r.n)
    starters = _starters(u, r.active, r.member_of, r.motivation, s.initiative_rate,
                         1.0 + s.connector_gain * 1.0)
    if starters.size:
        if net.adjacency is None:
            awake = r.is_connector & r.engaged
            near = np.array([r.is_connector[i]
                             or bool(awake[contacts_of(net, i, rng, r.n, sample_size)].any())
                             for i in starters], dtype=np.float64)
        else:
            near = _near_awake(net.adjacency.indptr, net.adjacency.indices, starters,
                               r.is_connector, r.engaged)
        keep = (1.0 + s.connector_gain * near) / (1.0 + s.connector_gain)
        starters = starters[rng.random(starters.size) < keep]
    groups = []
    for i in starters:  # a few starters a week: a loop over initiatives, not residents
        if r.member_of[i] >= 0:
            continue
        founders = _founders(r, net, int(i), s, rng, sample_size)
        if founders is not None:
            r.member_of[founders] = c.n + len(groups)  # the row `c.add` gives it below
            groups.append(founders)
    if not groups:
        return np.zeros(0, dtype=np.int64)
    first = np.array([g[0] for g in groups])
    idx = c.add(len(groups), r.theme[first], r.neighbourhood[first], week)
    c.members[idx] = c.peak[idx] = [g.size for g in groups]
    return np.concatenate(groups)


@kernel
def _starters(u, active, member_of, motivation, rate, top):  # noqa: ANN001
    """Residents with `u` below `initiation_probability` at `near_connector` 1.

    `top` is that chance's connector factor. One pass over the draws and motivation, no
    temporaries over residents: the draw is tested first (it is rarely low enough, a branch
    the CPU predicts), and only then whether the resident is active and free.
    """
    out = np.empty(64, dtype=np.int64)
    k = 0
    for i in range(u.size):
        if u[i] < rate * motivation[i] * top and active[i] and member_of[i] < 0:
            if k == out.size:
                out = np.concatenate((out, np.empty(out.size, dtype=np.int64)))
            out[k] = i
            k += 1
    return out[:k].copy()


@kernel
def _near_awake(indptr, indices, starters, is_connector, engaged):  # noqa: ANN001
    """Per starter 1.0 when a connector or tied to an engaged connector (else 0.0)."""
    near = np.zeros(starters.size)
    for k in range(starters.size):
        i = starters[k]
        if is_connector[i]:
            near[k] = 1.0
            continue
        for t in range(indptr[i], indptr[i + 1]):
            j = indices[t]
            if is_connector[j] and engaged[j]:
                near[k] = 1.0
                break
    return near


def found_one(r: Residents, net: Network, c: Commons, i: int, week: int, s: FormationSettings,
              rng: np.random.Generator, sample_size: int) -> np.ndarray | None:
    """Resident `i` asks like-minded engaged contacts to found an initiative with them.

    Returns the founders (the initiative is `r.member_of[i]`), or None when fewer than
    `min_founders - 1` of them are free to join.
    """
    founders = _founders(r, net, i, s, rng, sample_size)
    if founders is None:
        return None
    idx = c.add(1, r.theme[i], r.neighbourhood[i], week)[0]
    r.member_of[founders] = idx
    c.members[idx] = c.peak[idx] = founders.size
    return founders


def _founders(r: Residents, net: Network, i: int, s: FormationSettings,
              rng: np.random.Generator, sample_size: int) -> np.ndarray | None:
    """`i` first, then up to the most founders of its free like-minded engaged contacts."""
    pool = contacts_of(net, i, rng, r.n, sample_size)
    if r.is_connector[i] and s.connector_recruits:
        pool = np.concatenate([pool, rng.choice(r.n, 8 * s.connector_recruits)])
    pool = _like_minded(pool, i, r.theme, r.engaged, r.member_of)
    if pool.size < s.min_founders - 1:
        return None
    extra = s.max_founders - 1 + (s.connector_recruits if r.is_connector[i] else 0)
    return np.concatenate([[i], rng.permutation(pool)[:extra]])


@kernel
def _like_minded(pool, i, theme, engaged, member_of):  # noqa: ANN001
    """Residents of `pool` but `i`, sharing its theme, engaged and in no initiative.

    Each once, in ascending order, as `np.unique` of the selection gives them.
    """
    keep = np.empty(pool.size, dtype=pool.dtype)
    k = 0
    for j in pool:
        if theme[j] == theme[i] and engaged[j] and member_of[j] < 0 and j != i:
            keep[k] = j
            k += 1
    return np.unique(keep[:k])


def joiners(r: Residents, c: Commons, living: np.ndarray, rng: np.random.Generator,
            s: FormationSettings) -> tuple[np.ndarray, np.ndarray]:
    """This week's joiners, and the initiative each joins (`living` must not be empty).

    Every active resident outside any initiative is offered a living initiative of their
    neighbourhood at random (`pick_living`) and joins it with `join_probability`: two draws,
    in kernels, with no temporaries over all residents.
    """
    cand = _free_active(r.active, r.member_of)
    if cand.size == 0:
        return cand, cand
    order, lo, cnt = _by_neighbourhood(living, c.nbhd[living])
    pick = _pick(cand, r.neighbourhood, order, lo, cnt, rng.random(cand.size))
    ok = pick >= 0
    cand, pick = cand[ok], pick[ok]
    yes = _joins(rng.random(cand.size), cand, pick, r.motivation, r.theme, c.theme, c.effort,
                 s.join_rate, s.cross_theme_join, s.recruit_half)
    return cand[yes], pick[yes]


@kernel
def _free_active(active, member_of):  # noqa: ANN001
    """`np.flatnonzero(active & (member_of < 0))` in two passes, no temporary, no branches."""
    count = 0
    for i in range(active.size):
        count += active[i] & (member_of[i] < 0)
    out = np.empty(count + 1, dtype=np.int64)
    k = 0
    for i in range(active.size):
        out[k] = i
        k += active[i] & (member_of[i] < 0)
    return out[:count]


@kernel
def _joins(u, cand, pick, motivation, theme, c_theme, contributors, rate, cross, half):  # noqa: ANN001
    """`u < join_probability(...)` for candidates `cand` offered initiatives `pick`."""
    yes = np.empty(cand.size, dtype=np.bool_)
    for k in range(cand.size):
        c = contributors[pick[k]]
        pull = c / (c + half)
        w = 1.0 if theme[cand[k]] == c_theme[pick[k]] else cross
        yes[k] = u[k] < rate * motivation[cand[k]] * w * pull
    return yes


def pick_living(cand_nbhd: np.ndarray, living: np.ndarray, living_nbhd: np.ndarray,
                draws: np.ndarray) -> np.ndarray:
    """For each candidate, one living initiative of their neighbourhood at random (-1: none)."""
    order, lo, cnt = _by_neighbourhood(living, living_nbhd)
    return _pick(np.arange(cand_nbhd.size), cand_nbhd, order, lo, cnt, draws)


def _by_neighbourhood(living: np.ndarray, living_nbhd: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The living sorted by neighbourhood, and where each neighbourhood's run starts, its size.

    Per neighbourhood, not per candidate: the same `searchsorted` bounds for a few values.
    """
    order = np.argsort(living_nbhd, kind="stable")
    nb = living_nbhd[order]
    values = np.arange(int(nb[-1]) + 1 if nb.size else 0)
    lo = np.searchsorted(nb, values, "left")
    return living[order], lo, np.searchsorted(nb, values, "right") - lo


@kernel
def _pick(cand, nbhd, living, lo, cnt, draws):  # noqa: ANN001
    """`pick_living` for residents `cand` of neighbourhoods `nbhd` (`cand` may be `arange`)."""
    pick = np.full(cand.size, -1, dtype=np.int64)
    for k in range(cand.size):
        b = nbhd[cand[k]]
        if b < lo.size and cnt[b] > 0:
            pick[k] = living[min(lo[b] + np.int64(draws[k] * cnt[b]), living.size - 1)]
    return pick


def join_probability(motivation: np.ndarray, same_theme: np.ndarray, contributors: np.ndarray,
                     s: FormationSettings) -> np.ndarray:
    """Weekly chance a candidate joins the initiative picked for them.

    The formula; `_joins` computes it inline, in this order (`tests/test_jit.py`).
    """
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


def organise(r: Residents, c: Commons, made: np.ndarray, members: np.ndarray,
             commons_of: np.ndarray, code: np.ndarray, procedure: float | np.ndarray,
             week: int, impose_share: float, cs: CooperationSettings,
             ms: MonitoringSettings, min_members: int, rate: float,
             rng: np.random.Generator) -> np.ndarray:
    """Initiatives with enough members organise into commons and make (or get) their rules.

    `made` (per resident) marks who took part in making the rules in force; `members` are the
    residents in any initiative, `commons_of` the initiative of each. Returns the indices of
    the new commons.
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
    mem = members[in_new[commons_of]]
    made[mem] = False
    own_mem = mem[~c.imposed[r.member_of[mem]]]
    part = participants(own_mem, r.motivation[own_mem], cs, rng.random(own_mem.size))
    made[part] = True
    if part.size:
        rules = majority_rules(r.beliefs[part], r.member_of[part], c.n)
        c.rules[own] = rules[own]
    return new
