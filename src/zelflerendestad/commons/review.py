"""Rules and ties: double-loop review of a commons' own rules, and nesting among commons.

`review(state, ctx, members, commons_of)`: commons with own rules review one rule from their
members' beliefs (more often with more learning capacity), learn fitting rules from nested
commons and learning networks, and adopt monitoring or graduated sanctions when free-riding or
conflict calls for it. `nest(...)`: the share of each commons' members with a tie to a member of
another commons (principle 8).
"""

from __future__ import annotations

import numpy as np

from ..jit import kernel
from . import initiatives, vertical
from .context import WeekContext, count_per
from .state import COMMONS, ENDED, CommonsState


def review(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Double-loop learning: reviews of own rules, lessons from nested commons and networks."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    n = c.n
    org = (c.stage[:n] == COMMONS)
    c.in_network[:n] = org & ctx.learning_network
    cap = count_per(cm, n, r.capacity[mem]) / np.maximum(c.members[:n], 1)
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
    ks = np.flatnonzero(reviewing & (count_per(r.member_of[part], n) > 0))
    dim = ctx.rng.integers(0, c.dims, ks.size)
    c.rules[ks, dim] = rules[ks, dim]
    alarm = reviewing & (c.free_riding[:n] > s.rules.alarm_free_riding) & s.monitoring.enabled
    c.monitoring[:n] |= alarm
    c.graduated[:n] |= reviewing & (c.conflicts_open[:n] > 0) & (c.sanctions_recent[:n] > 0)


def nest(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Ties to other commons: members' own, or all at once while the municipality links it."""
    c, n = st.commons, st.commons.n
    org = c.stage[:n] == COMMONS
    if ctx.V > 0 or (c.linked[:n] & org).any():  # an ended commons keeps its last link
        s = ctx.settings.municipality
        linked = vertical.coordinate(c.linked[:n], ctx.V, s.coordination_rate, ctx.rng.random(n))
        c.linked[:n] = np.where(org, linked, c.linked[:n] & (c.stage[:n] == ENDED))
    c.tie_share[:n] = np.maximum(_ties(st, ctx, mem, cm), c.linked[:n] & org)


def _ties(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> np.ndarray:
    """Share of each commons' members with a tie to a member of another commons."""
    c, r, net = st.commons, ctx.residents, ctx.network
    n = c.n
    if mem.size == 0:
        return np.zeros(n)
    if net.adjacency is None:
        return (count_per(cm, n) < mem.size).astype(np.float64)
    tied = _tied(net.adjacency.indptr, net.adjacency.indices, r.member_of, mem)
    return count_per(cm, n, tied) / np.maximum(c.members[:n], 1)


@kernel
def _tied(indptr, indices, member_of, mem):  # noqa: ANN001
    """Per member in `mem`: has a tie to a member of another commons (walks only their rows)."""
    tied = np.zeros(mem.size, dtype=np.bool_)
    for k in range(mem.size):
        own = member_of[mem[k]]
        for t in range(indptr[mem[k]], indptr[mem[k] + 1]):
            other = member_of[indices[t]]
            if other >= 0 and other != own:
                tied[k] = True
                break
    return tied
