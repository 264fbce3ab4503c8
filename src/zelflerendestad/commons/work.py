"""A commons' week of work: contributing or free-riding, sanctions, money and conflicts.

`work(state, ctx, members, commons_of)` updates the commons state and the (copied) residents'
energy and ownership in `ctx`. Members contribute yes or no, or (amount mode, `amounts.py`) a
share of an endowment; what follows uses the amounts (1 or 0 each in choice mode).
Free-riders are seen by peers (if the commons monitors) or by municipal enforcement, and
sanctioned gradually or harshly (or punished by peers at their own cost, where an event allows
it); contributors carry the work and gain ownership; contributions make public value and
money; misfit rules and contested sanctions make conflicts, which connectors, facilitation and
nesting help resolve.
"""

from __future__ import annotations

import numpy as np

from ..played import mediated_share, steer_effort
from . import amounts as amt
from . import cooperation as coop
from . import ostrom, vertical
from .context import WeekContext, count_per
from .state import COMMONS, ENDED, CommonsState


def work(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Contribute or free-ride; monitoring, sanctions, energy, ownership, value, money."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    n = c.n
    members = np.maximum(c.members[:n], 1)
    organised = c.stage[:n] == COMMONS
    c.churn[:n] = coop.ema(c.churn[:n], st.changes / members, s.scores.memory)
    made_share = ostrom.collective_choice(count_per(cm, n, st.made[mem]), c.members[:n])
    p_peer, p_ext = _detection(st, ctx, organised)

    active = r.active[mem]
    deter = np.minimum(1.0, c.p_seen[cm] + st.deterrence[mem]
                       + (0.0 if ctx.deterrence is None else ctx.deterrence[mem]))
    felt = vertical.legitimacy(made_share, c.capture[:n])
    amounts = s.contribution.mode == "amount"
    active, did, amount = _contribute(st, ctx, mem, cm, active, felt[cm], deter)
    st.contributed[mem] = did
    st.amount[mem] = amount
    effort = count_per(cm, n, amount)  # the number of contributors in choice mode
    n_active = count_per(cm, n, active)
    c.contributors[:n] = count_per(cm, n, did)
    c.effort[:n] = effort
    c.free_riding[:n] = np.where(n_active > 0, (n_active - effort) / np.maximum(
        n_active, 1), 0.0)
    if amounts:
        seen_mean, seen = amt.others_mean(amount, active, cm, n)
        st.belief[mem] = amt.update_beliefs(st.belief[mem], seen_mean, seen,
                                            s.contribution.belief_weight)

    # a shortfall from the full share: the free-riders (1) in choice mode, 1 - amount else
    short = np.where(active, 1.0 - amount, 0.0) if amounts else active & ~did
    contested = _sanction(st, ctx, mem, cm, short, p_peer, p_ext)
    if ctx.punishers is not None:
        _punish(st, ctx, mem, cm, active, amount, did, short)
    relief = np.where(organised, ctx.subsidy_relief * ctx.subsidy, 0.0)
    load = (s.money.reporting_load * ctx.subsidy * organised
            + s.municipality.coordination_load * c.linked[:n])
    drain = (coop.work_drain(effort, s.cooperation, relief)
             + vertical.procedure_load(load, effort))
    who, share = mem[did], amount[did]  # each contributor carries their share of the work
    r.energy[who] = np.clip(r.energy[who] - drain[cm[did]] * share, 0.0, 1.0)
    gain = s.cooperation.ownership_gain * (1.0 + st.made[who]) * share
    r.ownership[who] += gain * (1.0 - r.ownership[who])

    fit = np.where(organised, ostrom.congruence(c.rules[:n], ctx.reality), 0.0)
    value = np.where(c.stage[:n] != ENDED, coop.public_value(
        effort, fit, s.cooperation.value_per_contribution), 0.0)
    c.value[:n] += value
    st.value_week = float(value.sum())
    _money(st, ctx, organised, effort)
    _conflicts(st, ctx, mem, cm, organised, fit, contested)


def _contribute(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray,
                active: np.ndarray, legitimacy: np.ndarray, deterrence: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Members' (active, contributed, amount) this week: a yes/no draw, or an amount."""
    s, r = ctx.settings, ctx.residents
    amounts = s.contribution.mode == "amount"
    if amounts:
        amount = _amounts(st, ctx, mem, active, legitimacy, deterrence)
        did = amount > 0
    else:
        p = coop.contribution_probability(r.motivation[mem], legitimacy, deterrence,
                                          st.commons.free_riding[cm], s.cooperation)
        did = active & (ctx.rng.random(mem.size) < p)
    if ctx.effort is not None:  # people playing residents chose for themselves (all or nothing)
        active, did = steer_effort(ctx.effort[mem], active, r.burnt_out[mem], did)
        if amounts:
            amount = np.where(ctx.effort[mem] == 0, amount, did)
    return active, did, amount if amounts else did.astype(np.float64)


def _amounts(st: CommonsState, ctx: WeekContext, mem: np.ndarray, active: np.ndarray,
             legitimacy: np.ndarray, deterrence: np.ndarray) -> np.ndarray:
    """Amount mode: each active member's share of the endowment this week (others give 0).

    Newcomers draw their taste (type) and start from the initial belief, so every run in
    choice mode makes no draws here.
    """
    s, r = ctx.settings, ctx.residents
    new = mem[np.isnan(st.taste[mem])]
    st.taste[new] = ctx.rng.random(new.size)
    fresh = mem[np.isnan(st.belief[mem])]
    st.belief[fresh] = s.contribution.initial_belief
    social = amt.schedule(st.taste[mem], st.belief[mem], s.contribution)
    a = amt.contribution_amount(social, r.motivation[mem], legitimacy, deterrence,
                                s.cooperation, s.contribution.motivation_reference)
    return np.where(active, a, 0.0)


def _detection(st: CommonsState, ctx: WeekContext, organised: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """This week's chance a free-rider is seen by members and by the municipality (P4, 4A)."""
    c, s = st.commons, ctx.settings
    n = c.n
    p_peer, p_ext = ostrom.detection(
        c.monitoring[:n] & organised, ostrom.user_boundaries(c.churn[:n], s.scores.memory),
        c.members[:n], ctx.enforcement, s.monitoring.peer_detection,
        s.monitoring.visible_group, s.monitoring.external_detection)
    p_ext = p_ext * organised
    c.p_seen[:n] = ostrom.monitoring_users(p_peer, p_ext)
    c.enforced[:n] = organised & ctx.enforcement
    return p_peer, p_ext


def _sanction(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray,
              short: np.ndarray, p_peer: np.ndarray, p_ext: np.ndarray) -> np.ndarray:
    """Seen free-riders are sanctioned; returns contested sanctions per commons.

    `short` is each member's shortfall from the full share (a free-rider's is 1): a
    shortfall is seen with the detection chance times its size.
    """
    c, s = st.commons, ctx.settings.monitoring
    n = c.n
    u_peer, u_ext, u_contest = ctx.rng.random((3, mem.size))
    by_peer = u_peer < p_peer[cm] * short
    by_mun = ~by_peer & (u_ext < p_ext[cm] * short)
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
    c.sanctions_recent[:n] = c.sanctions_recent[:n] * keep + count_per(cm, n, hit)
    c.graduated_recent[:n] = c.graduated_recent[:n] * keep + count_per(cm, n, graded)
    c.sanctions_total[:n] += count_per(cm, n, hit).astype(np.int32)
    return count_per(cm, n, contested)


def _punish(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray,
            active: np.ndarray, amount: np.ndarray, did: np.ndarray, short: np.ndarray
            ) -> None:
    """Costly peer punishment: free-riders gain deterrence, punishers pay in energy.

    In amount mode those below their commons' mean are punished in proportion to how far
    below it they are, by contributing members at or above it (Fehr & Gachter 2000).
    """
    s, r, n = ctx.settings, ctx.residents, st.commons.n
    punisher = did & ctx.punishers[mem]
    if s.contribution.mode == "amount":
        short, mean = amt.relative_shortfall(amount, active, cm, n)
        punisher &= amount >= mean[cm]
    received, given = coop.peer_punishment(
        short, punisher, cm, st.commons.members[:n],
        s.monitoring.visible_group, s.punishment.propensity, ctx.rng)
    st.deterrence[mem] = np.minimum(1.0, st.deterrence[mem] + s.punishment.impact * received)
    r.energy[mem] = np.clip(r.energy[mem] - s.punishment.cost * given, 0.0, 1.0)


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
    lam = lam * vertical.clarity_factor(c.imposed[:n], s.conflict.clarity)
    new = (ctx.rng.poisson(lam) + contested).astype(np.int32) * organised
    c.conflicts_open[:n] += new
    c.conflicts_total[:n] += new
    conn = mediated_share(count_per(cm, n, ctx.residents.is_connector[mem])
                          / np.maximum(c.members[:n], 1), ctx.mediated)
    nested = ostrom.nested(c.tie_share[:n], c.in_network[:n])
    p = coop.resolve_probability(conn, ctx.H, nested, s.conflict.resolve_base,
                                 s.conflict.mediation, s.conflict.facilitation,
                                 s.conflict.nested_support)
    p = np.clip(p + s.conflict.arbitration * c.enforced[:n], 0.0, 1.0)
    solved = ctx.rng.binomial(c.conflicts_open[:n], p).astype(np.int32)
    c.conflicts_open[:n] -= solved
    c.resolved_recent[:n] = c.resolved_recent[:n] * (1.0 - 1.0 / s.scores.memory) + solved
