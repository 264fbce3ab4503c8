"""Scores and ends: every living commons scored on the design principles; who cannot go on.

`score(...)` writes this week's 11 scores of Cox et al. (2010) (`ostrom.py`) with their moving
average, lifetime and early sums; `end(...)` ends initiatives and commons that fell below their
minimum membership, starved, ran out of money, drowned in conflict or never organised, each with
its reason and (for a commons) its two weakest principles.
"""

from __future__ import annotations

import numpy as np

from . import cooperation as coop
from . import ostrom
from .context import WeekContext, count_per
from .state import COMMONS, ENDED, INITIATIVE, OSTROM8, REASON, CommonsState, eight


def score(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Score every living commons on the 11 (and so the 8) design principles."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    n = c.n
    score = np.column_stack([
        ostrom.user_boundaries(c.churn[:n], s.scores.memory),
        ostrom.resource_boundaries(count_per(cm, n, r.theme[mem] == c.theme[cm]), c.members[:n]),
        ostrom.congruence(c.rules[:n], ctx.reality),
        ostrom.proportionality(c.free_riding[:n]),
        ostrom.collective_choice(count_per(cm, n, st.made[mem]), c.members[:n]),
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


def end(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> np.ndarray:
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
    burnt = count_per(cm, n, r.burnt_out[mem] | ~r.engaged[mem])
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
    out = mem[gone[cm]]  # membership has not changed since `mem` was taken
    r.member_of[out] = -1
    st.reset(out)
    return ended
