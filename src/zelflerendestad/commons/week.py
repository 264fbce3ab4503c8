"""Step 5, the week of initiatives and commons, in the order things happen to them.

`CityModel` -> `WeekContext` (what step 5 reads from the rest of the city) -> `run_week(state,
ctx)` -> `CommonsState` updated and `ResidentChanges` returned -> measures and commons.parquet.
1. members who moved away are counted out; others leave for a recorded cause;
2. initiatives start, residents join, initiatives organise into commons (rules made or imposed);
3. the municipality recognises a commons or overrules its rules (procedure);
4. members contribute or free-ride, free-riders are seen (or not) and sanctioned, contributors
   carry the work (energy), public value and money follow;
5. conflicts arise (misfit rules, contested sanctions) and get resolved (or not);
6. rules are reviewed (double-loop learning), learned from nested commons and learning networks;
7. each commons is scored against the design principles (`ostrom.py`);
8. commons that cannot go on end, with a reason and their weakest principles.
The residents' arrays this step changes (membership, energy, ownership) are copied at the start
and handed back, so the caller stores them as it stores the results of steps 1-4.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from ..config.commons_schema import CommonsSettings
from ..network import Network
from ..population import Residents
from . import cooperation as coop
from . import initiatives, ostrom
from .state import COMMONS, ENDED, INITIATIVE, OSTROM8, REASON, CommonsState, eight

CAUSE = coop.CAUSE


@dataclass(frozen=True)
class WeekContext:
    """What the commons week reads from the rest of the city (this week's values)."""

    residents: Residents
    network: Network
    settings: CommonsSettings
    code: np.ndarray  # the municipality's code: the rules it imposes
    reality: np.ndarray  # what works here (rules are scored against it)
    procedure: float  # vertical procedure residents meet (V, subsidy, enforcement)
    H: float  # realised horizontal intensity
    subsidy: bool
    enforcement: bool
    learning_network: bool
    subsidy_relief: float  # programmes.subsidy_relief: energy a running subsidy saves
    mean_degree: int  # contacts a starter asks in a fully mixed city
    week: int
    rng: np.random.Generator  # the "commons" stream


@dataclass(frozen=True)
class ResidentChanges:
    """The residents' arrays the commons week changed (new arrays; the caller stores them)."""

    member_of: np.ndarray
    energy: np.ndarray
    ownership: np.ndarray


def _count(index: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    return np.bincount(index, weights=weights, minlength=size)[:size]


def run_week(st: CommonsState, ctx: WeekContext) -> ResidentChanges:
    """One week of initiatives and commons (MODEL.md step 5); updates `st` in place."""
    r = ctx.residents
    r = replace(r, member_of=r.member_of.copy(), energy=r.energy.copy(),
                ownership=r.ownership.copy())
    ctx = replace(ctx, residents=r)
    c, s = st.commons, ctx.settings
    before = c.n
    st.changes = np.zeros(c.n)
    _leave(st, ctx)
    formed = initiatives.found_initiatives(r, ctx.network, c, ctx.week, s.formation, ctx.rng,
                                           ctx.mean_degree)
    st.changes = np.concatenate([st.changes, np.zeros(c.n - st.changes.size)])
    founders = np.flatnonzero(r.member_of >= before)
    st.reset(founders)
    st.made[founders] = True  # the founders made the initiative's first agreements together
    _join(st, ctx)
    organised = initiatives.organise(
        r, c, st.made, ctx.code, ctx.procedure, ctx.week, s.municipality.impose_share,
        s.cooperation, s.monitoring, s.formation.min_members, s.formation.organise_rate,
        ctx.rng)
    c.money[organised] = s.formation.start_money
    ended = np.zeros(0, dtype=np.int64)
    st.value_week = 0.0
    if c.living.size:
        _relate(st, ctx)
        mem, cm = _members(r.member_of)
        _work(st, ctx, mem, cm)
        _review(st, ctx, mem, cm)
        _nest(st, ctx, mem, cm)
        _score(st, ctx, mem, cm)
        ended = _end(st, ctx, mem, cm)
    st.last = {"initiatives_formed": formed, "commons_formed": organised.size,
               "commons_dissolved": int((c.organised[ended] >= 0).sum()),
               "initiatives_faded": int((c.organised[ended] < 0).sum()),
               "initiatives_before": before}
    return ResidentChanges(r.member_of, r.energy, r.ownership)


def _members(member_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mem = np.flatnonzero(member_of >= 0)
    return mem, member_of[mem]


def _leave(st: CommonsState, ctx: WeekContext) -> None:
    """Count out those who moved away, then draw who leaves for which cause."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    mem, cm = _members(ctx.residents.member_of)
    present = _count(cm, c.n)
    live = c.stage[: c.n] != ENDED
    moved = np.where(live, c.members[: c.n] - present, 0)
    c.exits[: c.n] *= 1.0 - 1.0 / s.scores.memory
    c.exits[: c.n, CAUSE["members_moved_away"]] += moved
    st.changes += moved
    c.members[: c.n] = np.where(live, present, c.members[: c.n])
    if mem.size == 0:
        return
    h = coop.exit_hazards(r.burnt_out[mem], r.engaged[mem], st.contributed[mem],
                          c.free_riding[cm], c.conflicts_open[cm], c.imposed[cm],
                          st.harsh[mem], s.conflict.exit_per_conflict,
                          s.municipality.imposed_exit, s.exits)
    cause = coop.draw_exits(h, ctx.rng.random(mem.size), ctx.rng.random(mem.size))
    out = cause >= 0
    np.add.at(c.exits, (cm[out], cause[out]), 1.0)
    lost = _count(cm[out], c.n)
    c.members[: c.n] -= lost
    st.changes += lost
    r.member_of[mem[out]] = -1
    st.reset(mem[out])


def _join(st: CommonsState, ctx: WeekContext) -> None:
    """Active residents outside any initiative join one in their neighbourhood."""
    c, r = st.commons, ctx.residents
    cand = np.flatnonzero(r.active & (r.member_of < 0))
    living = c.living
    if cand.size == 0 or living.size == 0:
        return
    pick = initiatives.pick_living(r.neighbourhood[cand], living, c.nbhd[living],
                                   ctx.rng.random(cand.size))
    ok = pick >= 0
    cand, pick = cand[ok], pick[ok]
    p = initiatives.join_probability(r.motivation[cand], r.theme[cand] == c.theme[pick],
                                     c.contributors[pick].astype(np.float64),
                                     ctx.settings.formation)
    yes = ctx.rng.random(cand.size) < p
    cand, pick = cand[yes], pick[yes]
    r.member_of[cand] = pick
    st.reset(cand)
    joined = _count(pick, c.n)
    c.members[: c.n] += joined
    c.peak[: c.n] = np.maximum(c.peak[: c.n], c.members[: c.n])
    st.changes += joined


def _relate(st: CommonsState, ctx: WeekContext) -> None:
    """The municipality recognises commons' own rules, or overrules them with its code."""
    c, s = st.commons, ctx.settings.municipality
    org = np.flatnonzero(c.stage[: c.n] == COMMONS)
    own = org[~c.imposed[org]]
    c.recognised[own] |= ctx.rng.random(own.size) < s.recognise_rate * ctx.H
    p = s.overrule_rate * ctx.procedure * (1.0 - s.recognition_shield * c.recognised[own])
    hit = own[ctx.rng.random(own.size) < p]
    if hit.size:
        impose_rules(st, hit, ctx.code, ctx.residents.member_of)
    c.rules[org[c.imposed[org]]] = ctx.code


def impose_rules(st: CommonsState, which: np.ndarray, code: np.ndarray,
                 member_of: np.ndarray) -> None:
    """The municipality's standard rules (its `code`) replace the commons' own.

    Nobody in the commons made them, so no member counts as having taken part (P3).
    """
    c = st.commons
    c.imposed[which] = c.ever_imposed[which] = True
    c.recognised[which] = c.graduated[which] = False
    c.rules[which] = code
    hit = np.zeros(c.n + 1, dtype=bool)
    hit[which] = True
    st.made[hit[member_of]] = False


def return_rules(st: CommonsState, which: np.ndarray, residents: Residents,
                 settings: CommonsSettings, rng: np.random.Generator) -> None:
    """The municipality hands rule-making back; members re-decide at once."""
    c, r, s = st.commons, residents, settings
    c.imposed[which] = False
    hit = np.zeros(c.n + 1, dtype=bool)
    hit[which] = True
    mem = np.flatnonzero(hit[r.member_of])
    part = initiatives.participants(mem, r.motivation[mem], s.cooperation,
                                    rng.random(mem.size))
    st.made[part] = True
    c.graduated[which] = rng.random(which.size) < s.monitoring.graduated_adoption
    if part.size:
        c.rules[which] = initiatives.majority_rules(r.beliefs[part], r.member_of[part],
                                                    c.n)[which]


def _work(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Contribute or free-ride; monitoring, sanctions, energy, ownership, value, money."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    n = c.n
    members = np.maximum(c.members[:n], 1)
    organised = c.stage[:n] == COMMONS
    c.churn[:n] = coop.ema(c.churn[:n], st.changes / members, s.scores.memory)
    made_share = _count(cm, n, st.made[mem]) / members
    p_peer, p_ext = ostrom.detection(
        c.monitoring[:n] & organised, ostrom.user_boundaries(c.churn[:n], s.scores.memory),
        c.members[:n], ctx.enforcement, s.monitoring.peer_detection,
        s.monitoring.visible_group, s.monitoring.external_detection)
    p_ext = p_ext * organised
    c.p_seen[:n] = ostrom.monitoring_users(p_peer, p_ext)
    c.enforced[:n] = organised & ctx.enforcement

    active = r.active[mem]
    deter = np.minimum(1.0, c.p_seen[cm] + st.deterrence[mem])
    p = coop.contribution_probability(r.motivation[mem], made_share[cm], deter,
                                      c.free_riding[cm], s.cooperation)
    did = active & (ctx.rng.random(mem.size) < p)
    free = active & ~did
    st.contributed[mem] = did
    contributors = _count(cm, n, did)
    n_active = _count(cm, n, active)
    c.contributors[:n] = contributors
    c.free_riding[:n] = np.where(n_active > 0, (n_active - contributors) / np.maximum(
        n_active, 1), 0.0)

    contested = _sanction(st, ctx, mem, cm, free, p_peer, p_ext)
    relief = np.where(organised, ctx.subsidy_relief * ctx.subsidy, 0.0)
    drain = coop.work_drain(contributors, s.cooperation, relief)
    who = mem[did]
    r.energy[who] = np.clip(r.energy[who] - drain[cm[did]], 0.0, 1.0)
    gain = s.cooperation.ownership_gain * (1.0 + st.made[who])
    r.ownership[who] += gain * (1.0 - r.ownership[who])

    fit = np.where(organised, ostrom.congruence(c.rules[:n], ctx.reality), 0.0)
    value = np.where(c.stage[:n] != ENDED, coop.public_value(
        contributors, fit, s.cooperation.value_per_contribution), 0.0)
    c.value[:n] += value
    st.value_week = float(value.sum())
    _money(st, ctx, organised, contributors)
    _conflicts(st, ctx, mem, cm, organised, fit, contested)


def _sanction(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray,
              free: np.ndarray, p_peer: np.ndarray, p_ext: np.ndarray) -> np.ndarray:
    """Seen free-riders are sanctioned; returns contested sanctions per commons."""
    c, s = st.commons, ctx.settings.monitoring
    n = c.n
    u_peer, u_ext, u_contest = ctx.rng.random((3, mem.size))
    by_peer = free & (u_peer < p_peer[cm])
    by_mun = free & ~by_peer & (u_ext < p_ext[cm])
    hit = by_peer | by_mun
    st.deterrence[mem] *= 1.0 - s.deterrence_decay
    st.harsh[mem] = 0.0
    if not hit.any():
        c.sanctions_recent[:n] *= 1.0 - 1.0 / ctx.settings.scores.memory
        c.graduated_recent[:n] *= 1.0 - 1.0 / ctx.settings.scores.memory
        return np.zeros(n)
    graded = by_peer & c.graduated[cm]
    st.offences[mem[hit]] += 1
    sev = np.where(graded, coop.sanction_severity(st.offences[mem], True,
                                                  s.graduated_steps), 1.0) * hit
    st.deterrence[mem] = np.minimum(1.0, st.deterrence[mem] + sev)
    st.harsh[mem] = s.harsh_exit * sev
    contested = hit & (u_contest < s.contest_rate * sev * (1.0 - st.made[mem]))
    keep = 1.0 - 1.0 / ctx.settings.scores.memory
    c.sanctions_recent[:n] = c.sanctions_recent[:n] * keep + _count(cm, n, hit)
    c.graduated_recent[:n] = c.graduated_recent[:n] * keep + _count(cm, n, graded)
    c.sanctions_total[:n] += _count(cm, n, hit).astype(np.int32)
    return _count(cm, n, contested)


def _money(st: CommonsState, ctx: WeekContext, organised: np.ndarray,
           contributors: np.ndarray) -> None:
    """Dues and subsidy in, costs out; a commons watching its money cuts costs in debt."""
    c, s = st.commons, ctx.settings.money
    n = c.n
    watched = ostrom.monitoring_resource(c.monitoring[:n], ctx.subsidy) > 0
    cost = s.fixed_cost + s.member_cost * c.members[:n]
    cost = cost * (1.0 - s.cost_cut * (watched & (c.money[:n] < 0)))
    cost = cost * (1.0 - s.network_cost_relief * c.in_network[:n])
    income = s.dues * contributors + s.subsidy_amount * ctx.subsidy
    c.money[:n] += np.where(organised, income - cost, 0.0)


def _conflicts(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray,
               organised: np.ndarray, fit: np.ndarray, contested: np.ndarray) -> None:
    """New conflicts (misfit rules, contested sanctions) and resolutions."""
    c, s = st.commons, ctx.settings
    n = c.n
    lam = coop.conflict_rate(c.members[:n], fit, s.conflict.rate, s.conflict.incongruence_weight)
    new = (ctx.rng.poisson(lam) + contested).astype(np.int32) * organised
    c.conflicts_open[:n] += new
    c.conflicts_total[:n] += new
    conn = _count(cm, n, ctx.residents.is_connector[mem]) / np.maximum(c.members[:n], 1)
    nested = ostrom.nested(c.tie_share[:n], c.in_network[:n])
    p = coop.resolve_probability(conn, ctx.H, nested, s.conflict.resolve_base,
                                 s.conflict.mediation, s.conflict.facilitation,
                                 s.conflict.nested_support)
    solved = ctx.rng.binomial(c.conflicts_open[:n], p).astype(np.int32)
    c.conflicts_open[:n] -= solved
    c.resolved_recent[:n] = c.resolved_recent[:n] * (1.0 - 1.0 / s.scores.memory) + solved


def _review(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Double-loop learning: reviews of own rules, lessons from nested commons and networks."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    n = c.n
    org = (c.stage[:n] == COMMONS)
    c.in_network[:n] = org & ctx.learning_network
    cap = _count(cm, n, r.capacity[mem]) / np.maximum(c.members[:n], 1)
    u = ctx.rng.random((3, n))
    reviewing = org & ~c.imposed[:n] & (u[0] < s.rules.review_rate * cap)
    taught = org & ~c.imposed[:n] & ((u[1] < s.rules.network_learning * c.in_network[:n])
                                     | (u[2] < s.rules.nested_learning * c.tie_share[:n]))
    for k in np.flatnonzero(taught):  # few per week: a loop over commons
        wrong = np.flatnonzero(c.rules[k] != ctx.reality)
        if wrong.size:
            d = wrong[ctx.rng.integers(wrong.size)]
            c.rules[k, d] = ctx.reality[d]
    if not reviewing.any():
        return
    sel = reviewing[cm]
    part = initiatives.participants(mem[sel], r.motivation[mem[sel]], s.cooperation,
                                    ctx.rng.random(int(sel.sum())))
    st.made[part] = True
    rules = initiatives.majority_rules(r.beliefs[part], r.member_of[part], n)
    ks = np.flatnonzero(reviewing & (_count(r.member_of[part], n) > 0))
    dim = ctx.rng.integers(0, c.dims, ks.size)
    c.rules[ks, dim] = rules[ks, dim]
    alarm = reviewing & (c.free_riding[:n] > s.rules.alarm_free_riding) & s.monitoring.enabled
    c.monitoring[:n] |= alarm
    c.graduated[:n] |= reviewing & (c.conflicts_open[:n] > 0) & (c.sanctions_recent[:n] > 0)


def _nest(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Share of each commons' members with a tie to a member of another commons."""
    c, r, net = st.commons, ctx.residents, ctx.network
    n = c.n
    if mem.size == 0:
        c.tie_share[:n] = 0.0
        return
    if net.adjacency is None:
        others = _count(cm, n) < mem.size
        c.tie_share[:n] = others.astype(np.float64)
        return
    adjacency = net.adjacency
    rows = np.repeat(mem, np.diff(adjacency.indptr)[mem])
    cols = _row_slices(adjacency, mem)
    mo = r.member_of
    cross = (mo[cols] >= 0) & (mo[cols] != mo[rows])
    tied = np.zeros(r.n, dtype=bool)
    tied[rows[cross]] = True
    c.tie_share[:n] = _count(cm, n, tied[mem]) / np.maximum(c.members[:n], 1)


def _row_slices(adjacency: sparse.csr_matrix, rows: np.ndarray) -> np.ndarray:
    """Column indices of the given CSR rows, concatenated, without a Python loop."""
    start, stop = adjacency.indptr[rows], adjacency.indptr[rows + 1]
    lengths = stop - start
    offsets = np.repeat(start - np.cumsum(np.r_[0, lengths[:-1]]), lengths)
    return adjacency.indices[np.arange(lengths.sum()) + offsets]


def _score(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Score every living commons on the 11 (and so the 8) design principles."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    n = c.n
    members = np.maximum(c.members[:n], 1)
    score = np.column_stack([
        ostrom.user_boundaries(c.churn[:n], s.scores.memory),
        ostrom.resource_boundaries(_count(cm, n, r.theme[mem] == c.theme[cm]) / members),
        ostrom.congruence(c.rules[:n], ctx.reality),
        ostrom.proportionality(c.free_riding[:n]),
        ostrom.collective_choice(_count(cm, n, st.made[mem]) / members),
        c.p_seen[:n],
        ostrom.monitoring_resource(c.monitoring[:n], ctx.subsidy),
        ostrom.graduated_sanctions(c.graduated_recent[:n], c.sanctions_recent[:n]),
        ostrom.conflict_resolution(c.resolved_recent[:n], c.conflicts_open[:n]),
        ostrom.recognition(c.imposed[:n], c.recognised[:n]),
        ostrom.nested(c.tie_share[:n], c.in_network[:n]),
    ])
    org = np.flatnonzero(c.stage[:n] == COMMONS)
    fresh = org[c.score_weeks[org] == 0]
    c.score[org] = score[org]
    c.score_recent[fresh] = score[fresh]
    c.score_recent[org] = coop.ema(c.score_recent[org], score[org], s.scores.memory)
    c.score_sum[org] += score[org]
    c.score_weeks[org] += 1
    early = org[ctx.week - c.organised[org] < s.scores.early_weeks]
    c.early_sum[early] += score[early]
    c.early_weeks[early] += 1


def _end(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> np.ndarray:
    """Initiatives and commons that cannot go on end now, each with its reason."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    n = c.n
    live = c.stage[:n] != ENDED
    org = c.stage[:n] == COMMONS
    c.starved[:n] = np.where(live & (c.contributors[:n] == 0), c.starved[:n] + 1, 0)
    reason = np.full(n, -1, dtype=np.int64)
    floor = np.where(org, s.formation.min_members,
                     min(s.formation.min_members, s.formation.min_founders))
    few = live & (c.members[:n] < floor)
    tally = c.exits[:n][few]
    reason[few] = np.where(tally.sum(axis=1) > 0, np.argmax(tally, axis=1), REASON["other"])
    burnt = _count(cm, n, r.burnt_out[mem] | ~r.engaged[mem])
    starved = live & (reason < 0) & (c.starved[:n] >= s.exits.starve_weeks)
    reason[starved] = np.where(2 * burnt[starved] >= c.members[:n][starved],
                               REASON["volunteer_burnout"], REASON["free_riding"])
    broke = org & (reason < 0) & (c.money[:n] < -s.money.debt_limit)
    reason[broke] = REASON["money_ran_out"]
    fight = org & (reason < 0) & (c.conflicts_open[:n] >= s.conflict.limit)
    reason[fight] = REASON["unresolved_conflict"]
    stale = (c.stage[:n] == INITIATIVE) & (reason < 0) & (
        ctx.week - c.formed[:n] > s.formation.organise_deadline)
    reason[stale] = REASON["never_organised"]
    ended = np.flatnonzero(reason >= 0)
    if ended.size == 0:
        return ended
    c.stage[ended], c.ended[ended], c.reason[ended] = ENDED, ctx.week, reason[ended]
    weak = np.argsort(eight(c.score_recent[ended]), axis=1, kind="stable")[:, :2]
    for k, w, o in zip(ended, weak, org[ended], strict=True):
        c.weakest[k] = ",".join(OSTROM8[j] for j in w) if o else ""
    gone = np.zeros(n + 1, dtype=bool)
    gone[ended] = True
    out = np.flatnonzero(gone[r.member_of])
    r.member_of[out] = -1
    st.reset(out)
    return ended
