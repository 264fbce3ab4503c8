"""Step 5, the week of initiatives and commons, in the order things happen to them.

model -> `grow_commons(model)` -> `Commons` state -> measures and commons.parquet.
1. members who moved away are counted out; others leave for a recorded cause;
2. initiatives start, residents join, initiatives organise into commons (rules made or imposed);
3. the municipality recognises a commons or overrules its rules (procedure);
4. members contribute or free-ride, free-riders are seen (or not) and sanctioned, contributors
   carry the work (energy), public value and money follow;
5. conflicts arise (misfit rules, contested sanctions) and get resolved (or not);
6. rules are reviewed (double-loop learning), learned from nested commons and learning networks;
7. each commons is scored against the design principles (`ostrom.py`);
8. commons that cannot go on end, with a reason and their weakest principles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from . import cooperation as coop
from . import initiatives, ostrom
from .commons import COMMONS, COX11, ENDED, EXIT_CAUSES, INITIATIVE, OSTROM8, REASON, Commons, eight

if TYPE_CHECKING:
    from .model import CityModel

CAUSE = coop.CAUSE


@dataclass
class CommonsState:
    """Commons plus what the commons mechanism remembers per resident."""

    commons: Commons
    made: np.ndarray  # bool: took part in making the rules in force of one's commons
    offences: np.ndarray  # int16: sanctions received in one's current commons
    deterrence: np.ndarray  # memory of sanctions, decays
    harsh: np.ndarray  # exit hazard from last week's sanction
    contributed: np.ndarray  # bool: contributed last week
    changes: np.ndarray = field(default_factory=lambda: np.zeros(0))  # joins + exits per commons
    value_week: float = 0.0  # public value produced this week
    last: dict[str, float] = field(default_factory=dict)

    @classmethod
    def create(cls, n: int, dims: int) -> CommonsState:
        """Empty state for `n` residents and rules over `dims` dimensions of reality."""
        return cls(Commons(dims), np.zeros(n, bool), np.zeros(n, np.int16), np.zeros(n),
                   np.zeros(n), np.zeros(n, bool))

    def reset(self, who: np.ndarray) -> None:
        """Fresh per-resident memory for residents who join (or leave) a commons."""
        self.made[who] = False
        self.offences[who] = 0
        self.deterrence[who] = 0.0
        self.harsh[who] = 0.0
        self.contributed[who] = False


def _count(index: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    return np.bincount(index, weights=weights, minlength=size)[:size]


def grow_commons(m: CityModel) -> None:
    """One week of initiatives and commons (MODEL.md step 5)."""
    st, c, s = m.commons, m.commons.commons, m.config.commons
    rng = m.streams["commons"]
    before = c.n
    st.changes = np.zeros(c.n)
    _leave(st, m, rng)
    formed = initiatives.found_initiatives(m.residents, m.network, c, m.week, s.formation, rng,
                                           m.config.network.mean_degree)
    st.changes = np.concatenate([st.changes, np.zeros(c.n - st.changes.size)])
    founders = np.flatnonzero(m.residents.member_of >= before)
    st.reset(founders)
    st.made[founders] = True  # the founders made the initiative's first agreements together
    _join(st, m, rng)
    organised = initiatives.organise(
        m.residents, c, st.made, m.code, m.procedure, m.week, s.municipality.impose_share,
        s.cooperation, s.monitoring, s.formation.min_members, s.formation.organise_rate, rng)
    c.money[organised] = s.formation.start_money
    ended = np.zeros(0, dtype=np.int64)
    st.value_week = 0.0
    if c.living.size:
        _relate(st, m, rng)
        mem, cm = _members(m)
        _work(st, m, rng, mem, cm)
        _review(st, m, rng, mem, cm)
        _nest(st, m, mem, cm)
        _score(st, m, mem, cm)
        ended = _end(st, m, mem, cm)
    st.last = {"initiatives_formed": formed, "commons_formed": organised.size,
               "commons_dissolved": int((c.organised[ended] >= 0).sum()),
               "initiatives_faded": int((c.organised[ended] < 0).sum()),
               "initiatives_before": before}


def _members(m: CityModel) -> tuple[np.ndarray, np.ndarray]:
    mo = m.residents.member_of
    mem = np.flatnonzero(mo >= 0)
    return mem, mo[mem]


def _leave(st: CommonsState, m: CityModel, rng: np.random.Generator) -> None:
    """Count out those who moved away, then draw who leaves for which cause."""
    c, s, r = st.commons, m.config.commons, m.residents
    mem, cm = _members(m)
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
    cause = coop.draw_exits(h, rng.random(mem.size), rng.random(mem.size))
    out = cause >= 0
    np.add.at(c.exits, (cm[out], cause[out]), 1.0)
    lost = _count(cm[out], c.n)
    c.members[: c.n] -= lost
    st.changes += lost
    r.member_of[mem[out]] = -1
    st.reset(mem[out])


def _join(st: CommonsState, m: CityModel, rng: np.random.Generator) -> None:
    """Active residents outside any initiative join one in their neighbourhood."""
    c, r = st.commons, m.residents
    cand = np.flatnonzero(r.active & (r.member_of < 0))
    living = c.living
    if cand.size == 0 or living.size == 0:
        return
    pick = initiatives.pick_living(r.neighbourhood[cand], living, c.nbhd[living],
                                   rng.random(cand.size))
    ok = pick >= 0
    cand, pick = cand[ok], pick[ok]
    p = initiatives.join_probability(r.motivation[cand], r.theme[cand] == c.theme[pick],
                                     c.contributors[pick].astype(np.float64),
                                     m.config.commons.formation)
    yes = rng.random(cand.size) < p
    cand, pick = cand[yes], pick[yes]
    r.member_of[cand] = pick
    st.reset(cand)
    joined = _count(pick, c.n)
    c.members[: c.n] += joined
    c.peak[: c.n] = np.maximum(c.peak[: c.n], c.members[: c.n])
    st.changes += joined


def _relate(st: CommonsState, m: CityModel, rng: np.random.Generator) -> None:
    """The municipality recognises commons' own rules, or overrules them with its code."""
    c, s, mun = st.commons, m.config.commons.municipality, m.municipality
    org = np.flatnonzero(c.stage[: c.n] == COMMONS)
    own = org[~c.imposed[org]]
    c.recognised[own] |= rng.random(own.size) < s.recognise_rate * mun.H
    p = s.overrule_rate * m.procedure * (1.0 - s.recognition_shield * c.recognised[own])
    hit = own[rng.random(own.size) < p]
    if hit.size:
        impose_rules(st, m, hit)
    c.rules[org[c.imposed[org]]] = m.code


def impose_rules(st: CommonsState, m: CityModel, which: np.ndarray) -> None:
    """The municipality's standard rules replace the commons' own (nobody here made them)."""
    c = st.commons
    c.imposed[which] = c.ever_imposed[which] = True
    c.recognised[which] = c.graduated[which] = False
    c.rules[which] = m.code
    mo = m.residents.member_of
    hit = np.zeros(c.n + 1, dtype=bool)
    hit[which] = True
    st.made[hit[mo]] = False


def return_rules(st: CommonsState, m: CityModel, which: np.ndarray) -> None:
    """The municipality hands rule-making back; members re-decide at once."""
    c, r, s = st.commons, m.residents, m.config.commons
    c.imposed[which] = False
    rng = m.streams["commons"]
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


def _work(st: CommonsState, m: CityModel, rng: np.random.Generator, mem: np.ndarray,
          cm: np.ndarray) -> None:
    """Contribute or free-ride; monitoring, sanctions, energy, ownership, value, money."""
    c, s, r, mun = st.commons, m.config.commons, m.residents, m.municipality
    n = c.n
    members = np.maximum(c.members[:n], 1)
    organised = c.stage[:n] == COMMONS
    c.churn[:n] = coop.ema(c.churn[:n], st.changes / members, s.scores.memory)
    made_share = _count(cm, n, st.made[mem]) / members
    p_peer, p_ext = ostrom.detection(
        c.monitoring[:n] & organised, ostrom.user_boundaries(c.churn[:n], s.scores.memory),
        c.members[:n], mun.enforcement, s.monitoring.peer_detection,
        s.monitoring.visible_group, s.monitoring.external_detection)
    p_ext = p_ext * organised
    c.p_seen[:n] = ostrom.monitoring_users(p_peer, p_ext)
    c.enforced[:n] = organised & mun.enforcement

    active = r.active[mem]
    deter = np.minimum(1.0, c.p_seen[cm] + st.deterrence[mem])
    p = coop.contribution_probability(r.motivation[mem], made_share[cm], deter,
                                      c.free_riding[cm], s.cooperation)
    did = active & (rng.random(mem.size) < p)
    free = active & ~did
    st.contributed[mem] = did
    contributors = _count(cm, n, did)
    n_active = _count(cm, n, active)
    c.contributors[:n] = contributors
    c.free_riding[:n] = np.where(n_active > 0, (n_active - contributors) / np.maximum(
        n_active, 1), 0.0)

    contested = _sanction(st, m, mem, cm, free, p_peer, p_ext, rng)
    relief = np.where(organised, m.config.programmes.subsidy_relief * mun.subsidy, 0.0)
    drain = coop.work_drain(contributors, s.cooperation, relief)
    who = mem[did]
    r.energy[who] = np.clip(r.energy[who] - drain[cm[did]], 0.0, 1.0)
    gain = s.cooperation.ownership_gain * (1.0 + st.made[who])
    r.ownership[who] += gain * (1.0 - r.ownership[who])

    fit = np.where(organised, ostrom.congruence(c.rules[:n], m.reality), 0.0)
    value = np.where(c.stage[:n] != ENDED, coop.public_value(
        contributors, fit, s.cooperation.value_per_contribution), 0.0)
    c.value[:n] += value
    st.value_week = float(value.sum())
    _money(st, m, organised, contributors)
    _conflicts(st, m, mem, cm, organised, fit, contested, rng)


def _sanction(st: CommonsState, m: CityModel, mem: np.ndarray, cm: np.ndarray,
              free: np.ndarray, p_peer: np.ndarray, p_ext: np.ndarray,
              rng: np.random.Generator) -> np.ndarray:
    """Seen free-riders are sanctioned; returns contested sanctions per commons."""
    c, s = st.commons, m.config.commons.monitoring
    n = c.n
    u_peer, u_ext, u_contest = rng.random((3, mem.size))
    by_peer = free & (u_peer < p_peer[cm])
    by_mun = free & ~by_peer & (u_ext < p_ext[cm])
    hit = by_peer | by_mun
    st.deterrence[mem] *= 1.0 - s.deterrence_decay
    st.harsh[mem] = 0.0
    if not hit.any():
        c.sanctions_recent[:n] *= 1.0 - 1.0 / m.config.commons.scores.memory
        c.graduated_recent[:n] *= 1.0 - 1.0 / m.config.commons.scores.memory
        return np.zeros(n)
    graded = by_peer & c.graduated[cm]
    st.offences[mem[hit]] += 1
    sev = np.where(graded, coop.sanction_severity(st.offences[mem], True,
                                                  s.graduated_steps), 1.0) * hit
    st.deterrence[mem] = np.minimum(1.0, st.deterrence[mem] + sev)
    st.harsh[mem] = s.harsh_exit * sev
    contested = hit & (u_contest < s.contest_rate * sev * (1.0 - st.made[mem]))
    keep = 1.0 - 1.0 / m.config.commons.scores.memory
    c.sanctions_recent[:n] = c.sanctions_recent[:n] * keep + _count(cm, n, hit)
    c.graduated_recent[:n] = c.graduated_recent[:n] * keep + _count(cm, n, graded)
    c.sanctions_total[:n] += _count(cm, n, hit).astype(np.int32)
    return _count(cm, n, contested)


def _money(st: CommonsState, m: CityModel, organised: np.ndarray,
           contributors: np.ndarray) -> None:
    """Dues and subsidy in, costs out; a commons watching its money cuts costs in debt."""
    c, s, mun = st.commons, m.config.commons.money, m.municipality
    n = c.n
    watched = ostrom.monitoring_resource(c.monitoring[:n], mun.subsidy) > 0
    cost = s.fixed_cost + s.member_cost * c.members[:n]
    cost = cost * (1.0 - s.cost_cut * (watched & (c.money[:n] < 0)))
    cost = cost * (1.0 - s.network_cost_relief * c.in_network[:n])
    income = s.dues * contributors + s.subsidy_amount * mun.subsidy
    c.money[:n] += np.where(organised, income - cost, 0.0)


def _conflicts(st: CommonsState, m: CityModel, mem: np.ndarray, cm: np.ndarray,
               organised: np.ndarray, fit: np.ndarray, contested: np.ndarray,
               rng: np.random.Generator) -> None:
    """New conflicts (misfit rules, contested sanctions) and resolutions."""
    c, s = st.commons, m.config.commons
    n = c.n
    lam = coop.conflict_rate(c.members[:n], fit, s.conflict.rate, s.conflict.incongruence_weight)
    new = (rng.poisson(lam) + contested).astype(np.int32) * organised
    c.conflicts_open[:n] += new
    c.conflicts_total[:n] += new
    conn = _count(cm, n, m.residents.is_connector[mem]) / np.maximum(c.members[:n], 1)
    nested = ostrom.nested(c.tie_share[:n], c.in_network[:n])
    p = coop.resolve_probability(conn, m.municipality.H, nested, s.conflict.resolve_base,
                                 s.conflict.mediation, s.conflict.facilitation,
                                 s.conflict.nested_support)
    solved = rng.binomial(c.conflicts_open[:n], p).astype(np.int32)
    c.conflicts_open[:n] -= solved
    c.resolved_recent[:n] = c.resolved_recent[:n] * (1.0 - 1.0 / s.scores.memory) + solved


def _review(st: CommonsState, m: CityModel, rng: np.random.Generator, mem: np.ndarray,
            cm: np.ndarray) -> None:
    """Double-loop learning: reviews of own rules, lessons from nested commons and networks."""
    c, s, r = st.commons, m.config.commons, m.residents
    n = c.n
    org = (c.stage[:n] == COMMONS)
    c.in_network[:n] = org & m.municipality.learning_network
    cap = _count(cm, n, r.capacity[mem]) / np.maximum(c.members[:n], 1)
    u = rng.random((3, n))
    reviewing = org & ~c.imposed[:n] & (u[0] < s.rules.review_rate * cap)
    taught = org & ~c.imposed[:n] & ((u[1] < s.rules.network_learning * c.in_network[:n])
                                     | (u[2] < s.rules.nested_learning * c.tie_share[:n]))
    for k in np.flatnonzero(taught):  # few per week: a loop over commons
        wrong = np.flatnonzero(c.rules[k] != m.reality)
        if wrong.size:
            d = wrong[rng.integers(wrong.size)]
            c.rules[k, d] = m.reality[d]
    if not reviewing.any():
        return
    sel = reviewing[cm]
    part = initiatives.participants(mem[sel], r.motivation[mem[sel]], s.cooperation,
                                    rng.random(int(sel.sum())))
    st.made[part] = True
    rules = initiatives.majority_rules(r.beliefs[part], r.member_of[part], n)
    ks = np.flatnonzero(reviewing & (_count(r.member_of[part], n) > 0))
    dim = rng.integers(0, c.dims, ks.size)
    c.rules[ks, dim] = rules[ks, dim]
    alarm = reviewing & (c.free_riding[:n] > s.rules.alarm_free_riding) & s.monitoring.enabled
    c.monitoring[:n] |= alarm
    c.graduated[:n] |= reviewing & (c.conflicts_open[:n] > 0) & (c.sanctions_recent[:n] > 0)


def _nest(st: CommonsState, m: CityModel, mem: np.ndarray, cm: np.ndarray) -> None:
    """Share of each commons' members with a tie to a member of another commons."""
    c, r, net = st.commons, m.residents, m.network
    n = c.n
    if mem.size == 0:
        c.tie_share[:n] = 0.0
        return
    if net.adjacency is None:
        others = _count(cm, n) < mem.size
        c.tie_share[:n] = others.astype(np.float64)
        return
    a = net.adjacency
    rows = np.repeat(mem, np.diff(a.indptr)[mem])
    cols = _row_slices(a, mem)
    mo = r.member_of
    cross = (mo[cols] >= 0) & (mo[cols] != mo[rows])
    tied = np.zeros(r.n, dtype=bool)
    tied[rows[cross]] = True
    c.tie_share[:n] = _count(cm, n, tied[mem]) / np.maximum(c.members[:n], 1)


def _row_slices(a, rows: np.ndarray) -> np.ndarray:  # noqa: ANN001
    """Column indices of the given CSR rows, concatenated, without a Python loop."""
    start, stop = a.indptr[rows], a.indptr[rows + 1]
    lens = stop - start
    offs = np.repeat(start - np.cumsum(np.r_[0, lens[:-1]]), lens)
    return a.indices[np.arange(lens.sum()) + offs]


def _score(st: CommonsState, m: CityModel, mem: np.ndarray, cm: np.ndarray) -> None:
    """Score every living commons on the 11 (and so the 8) design principles."""
    c, s, r, mun = st.commons, m.config.commons, m.residents, m.municipality
    n = c.n
    members = np.maximum(c.members[:n], 1)
    score = np.column_stack([
        ostrom.user_boundaries(c.churn[:n], s.scores.memory),
        ostrom.resource_boundaries(_count(cm, n, r.theme[mem] == c.theme[cm]) / members),
        ostrom.congruence(c.rules[:n], m.reality),
        ostrom.proportionality(c.free_riding[:n]),
        ostrom.collective_choice(_count(cm, n, st.made[mem]) / members),
        c.p_seen[:n],
        ostrom.monitoring_resource(c.monitoring[:n], mun.subsidy),
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
    early = org[m.week - c.organised[org] < s.scores.early_weeks]
    c.early_sum[early] += score[early]
    c.early_weeks[early] += 1


def _end(st: CommonsState, m: CityModel, mem: np.ndarray, cm: np.ndarray) -> np.ndarray:
    """Initiatives and commons that cannot go on end now, each with its reason."""
    c, s, r = st.commons, m.config.commons, m.residents
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
        m.week - c.formed[:n] > s.formation.organise_deadline)
    reason[stale] = REASON["never_organised"]
    ended = np.flatnonzero(reason >= 0)
    if ended.size == 0:
        return ended
    c.stage[ended], c.ended[ended], c.reason[ended] = ENDED, m.week, reason[ended]
    weak = np.argsort(eight(c.score_recent[ended]), axis=1, kind="stable")[:, :2]
    for k, w, o in zip(ended, weak, org[ended], strict=True):
        c.weakest[k] = ",".join(OSTROM8[j] for j in w) if o else ""
    gone = np.zeros(n + 1, dtype=bool)
    gone[ended] = True
    out = np.flatnonzero(gone[r.member_of])
    r.member_of[out] = -1
    st.reset(out)
    return ended


__all__ = ["COX11", "EXIT_CAUSES", "CommonsState", "grow_commons", "impose_rules",
           "return_rules"]
