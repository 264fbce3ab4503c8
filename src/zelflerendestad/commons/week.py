"""Step 5, the week of initiatives and commons, in the order things happen to them.

the model -> `WeekContext` (what step 5 reads from the rest of the city) -> `run_week(state,
ctx)` -> `CommonsState` and the residents updated -> measures and commons.parquet.
1. members who moved away are counted out; others leave for a recorded cause (here);
2. initiatives start, residents join, initiatives organise into commons (rules made or imposed;
   `initiatives.py`);
3. the municipality recognises a commons or overrules its rules (procedure; here);
4. members contribute or free-ride, free-riders are seen (or not) and sanctioned, contributors
   carry the work (energy), public value and money follow (`work.py`);
5. conflicts arise (misfit rules, contested sanctions) and get resolved (or not; `work.py`);
6. rules are reviewed (double-loop learning), learned from nested commons and learning networks
   (`review.py`);
7. each commons is scored against the design principles (`ending.py`, `ostrom.py`);
8. commons that cannot go on end, with a reason and their weakest principles (`ending.py`).
The residents' arrays this step changes (membership, energy, ownership) are updated in place:
nothing outside the step reads them during it (what it needs of the week, the caller puts in
the `WeekContext` beforehand), and a weekly copy of each cost 20 MB and a pass at a million.
"""

from __future__ import annotations

import numpy as np

from ..config.commons_schema import CommonsSettings
from ..population import Residents
from . import cooperation as coop
from . import initiatives, vertical
from .context import WeekContext, at, count_per, members_of, per_commons
from .ending import end, score
from .review import nest, review
from .state import COMMONS, ENDED, CommonsState
from .work import work

CAUSE = coop.CAUSE


def run_week(st: CommonsState, ctx: WeekContext) -> None:
    """One week of initiatives and commons (MODEL.md step 5), in place.

    Updates `st` and the residents' membership, energy and ownership.
    """
    r, c, s = ctx.residents, st.commons, ctx.settings
    before = c.n
    st.changes = np.zeros(c.n)
    stayed = _leave(st, ctx)
    formed, founders = _found(st, ctx)
    joined = _join(st, ctx)
    # the members now, as `members_of` would find them (without a pass over all residents);
    # nobody joins or leaves again before `end`
    mem = np.sort(np.concatenate([stayed, founders, joined]))
    cm = r.member_of[mem]
    ctx = per_commons(ctx, c.n)
    organised = initiatives.organise(
        r, c, st.made, mem, cm, ctx.code, ctx.procedure, ctx.week,
        s.municipality.impose_share, s.cooperation, s.monitoring, s.formation.min_members,
        s.formation.organise_rate, ctx.rng)
    c.money[organised] = s.formation.start_money
    ended = np.zeros(0, dtype=np.int64)
    st.value_week = 0.0
    if c.living.size:
        _relate(st, ctx)
        work(st, ctx, mem, cm)
        review(st, ctx, mem, cm)
        nest(st, ctx, mem, cm)
        _capture(st, ctx, mem, cm)
        score(st, ctx, mem, cm)
        ended = end(st, ctx, mem, cm)
    st.last = {"initiatives_formed": formed, "commons_formed": organised.size,
               "commons_dissolved": int((c.organised[ended] >= 0).sum()),
               "initiatives_faded": int((c.organised[ended] < 0).sum()),
               "initiatives_before": before}


def _found(st: CommonsState, ctx: WeekContext) -> tuple[int, np.ndarray]:
    """This week's new initiatives, and their founders (who made its first agreements)."""
    r, c, before = ctx.residents, st.commons, st.commons.n
    founders = initiatives.found_initiatives(r, ctx.network, c, ctx.week,
                                             ctx.settings.formation, ctx.rng, ctx.mean_degree)
    if not founders.size:
        return 0, founders
    st.changes = np.concatenate([st.changes, np.zeros(c.n - st.changes.size)])
    st.reset(founders)
    st.made[founders] = True
    return c.n - before, founders


def _leave(st: CommonsState, ctx: WeekContext) -> np.ndarray:
    """Count out those who moved away, then draw who leaves for which cause; returns who stay."""
    c, s, r = st.commons, ctx.settings, ctx.residents
    mem, cm = members_of(ctx.residents.member_of)
    present = count_per(cm, c.n)
    live = c.stage[: c.n] != ENDED
    moved = np.where(live, c.members[: c.n] - present, 0)
    c.exits[: c.n] *= 1.0 - 1.0 / s.scores.memory
    c.exits[: c.n, CAUSE["members_moved_away"]] += moved
    st.changes += moved
    c.members[: c.n] = np.where(live, present, c.members[: c.n])
    if mem.size == 0:
        return mem
    h = coop.exit_hazards(r.burnt_out[mem], r.engaged[mem], st.contributed[mem],
                          c.free_riding[cm], c.conflicts_open[cm], c.imposed[cm],
                          st.harsh[mem], s.conflict.exit_per_conflict,
                          s.municipality.imposed_exit, s.exits)
    h[:, CAUSE["captured_by_few"]] = vertical.capture_exit(c.capture[cm], st.made[mem],
                                                           s.capture.exit)
    cause = coop.draw_exits(h, ctx.rng.random(mem.size), ctx.rng.random(mem.size))
    out = cause >= 0
    np.add.at(c.exits, (cm[out], cause[out]), 1.0)
    lost = count_per(cm[out], c.n)
    c.members[: c.n] -= lost
    st.changes += lost
    r.member_of[mem[out]] = -1
    st.reset(mem[out])
    return mem[~out]


def _capture(st: CommonsState, ctx: WeekContext, mem: np.ndarray, cm: np.ndarray) -> None:
    """Capture by a few drifts towards what vertical accountability and self-rule allow."""
    c, s = st.commons, ctx.settings.capture
    org = c.stage[: c.n] == COMMONS
    made_share = count_per(cm, c.n, st.made[mem]) / np.maximum(c.members[: c.n], 1)
    answers = vertical.accountable(c.imposed[: c.n], c.enforced[: c.n], ctx.subsidy)
    level = vertical.capture_level(answers, made_share, c.monitoring[: c.n],
                                   s.vertical_check, s.self_check)
    c.capture[: c.n] = np.where(org, vertical.capture_step(c.capture[: c.n], level, s.rate),
                                c.capture[: c.n])


def _join(st: CommonsState, ctx: WeekContext) -> np.ndarray:
    """Active residents outside any initiative join one in their neighbourhood; returns them."""
    c, r = st.commons, ctx.residents
    living = c.living
    if living.size == 0:  # drew nothing before either: it drew only for candidates
        return np.zeros(0, dtype=np.int64)
    cand, pick = initiatives.joiners(r, c, living, ctx.rng, ctx.settings.formation)
    r.member_of[cand] = pick
    st.reset(cand)
    joined = count_per(pick, c.n)
    c.members[: c.n] += joined
    c.peak[: c.n] = np.maximum(c.peak[: c.n], c.members[: c.n])
    st.changes += joined
    return cand


def _relate(st: CommonsState, ctx: WeekContext) -> None:
    """The municipality recognises commons' own rules, or overrules them with its code."""
    c, s = st.commons, ctx.settings.municipality
    org = np.flatnonzero(c.stage[: c.n] == COMMONS)
    own = org[~c.imposed[org]]
    c.recognised[own] |= ctx.rng.random(own.size) < s.recognise_rate * ctx.H
    p = s.overrule_rate * at(ctx.procedure, own) * (1.0 - s.recognition_shield
                                                    * c.recognised[own])
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
