"""Interventions: the config timeline (step 7) and the same events called live by the app.

event (`config/events.py`) + `InterventionContext` -> `apply_event()` -> `Outcome`. Each event
type has one small function here that changes the municipality's, the residents' or the
commons' state handed over in the context and returns its plain-language log line, plus a new
network when the event rewires it and whether the municipality must re-steer at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .commons.cooperation import CAUSE
from .commons.initiatives import found_one
from .commons.state import COMMONS, ENDED, CommonsState
from .commons.week import impose_rules, return_rules
from .config import events as ev
from .config.schema import CityConfig
from .instruments import Instrument, commons_reached, groups_of, resolve
from .municipality import Municipality
from .network import Network
from .played import Played
from .population import Residents, replace


@dataclass(frozen=True)
class InterventionContext:
    """What an intervention may read and change: the model hands these over."""

    municipality: Municipality
    residents: Residents
    network: Network
    commons: CommonsState
    config: CityConfig
    code: np.ndarray  # the municipality's code: the rules `rules_imposed` imposes
    week: int
    rng: np.random.Generator  # the "interventions" stream
    commons_rng: np.random.Generator  # the "commons" stream: members re-deciding their rules
    played: Played = field(default_factory=Played)  # what people playing agents decided


@dataclass(frozen=True)
class Outcome:
    """What an event did: its log line, a rewired network (or None), re-steer now or not."""

    text: str
    network: Network | None = None
    steer: bool = False


def pick_investees(is_connector: np.ndarray, invested: np.ndarray, visibility: np.ndarray,
                   size: int, hit: float, rng: np.random.Generator) -> np.ndarray:
    """Whom a connector programme picks.

    Each pick is a real connector with probability `hit` (the officials' street presence),
    otherwise one of the most visible usual suspects.
    """
    n_real = rng.binomial(size, min(1.0, max(0.0, hit)))
    real = np.flatnonzero(is_connector & ~invested)
    real = rng.permutation(real)[:n_real]
    pool = np.flatnonzero(~invested & ~np.isin(np.arange(invested.size), real))
    suspects = pool[np.argsort(-visibility[pool], kind="stable")[: size - real.size]]
    return np.concatenate([real, suspects]).astype(np.int64)


def _set_vertical_share(ctx: InterventionContext, event: ev.SetVerticalShare) -> Outcome:
    ctx.municipality.vertical_share = float(event.value)
    return Outcome(f"vertical share set to {event.value:.2f}", steer=True)


def _scope(reach: np.ndarray | None, weeks: int | None) -> str:
    """What a log line adds when an event reaches only some residents, or only for a while."""
    parts = ([] if reach is None or reach.all() else [f"{int(reach.sum())} residents"]) + (
        [] if weeks is None else [f"{weeks} weeks"])
    return f" ({', '.join(parts)})" if parts else ""


def _programme(kind: str, text: str) -> Callable[[InterventionContext, object], Outcome]:
    """An event that starts a programme for its target (everyone: the whole city)."""
    def fire(ctx: InterventionContext, event: ev.SubsidyStart) -> Outcome:
        reach = _reach(ctx, event) if hasattr(event, "target") else np.ones(
            ctx.residents.n, dtype=bool)
        ctx.municipality.instruments.append(Instrument(kind, reach, 1.0, _until(ctx, event)))
        return Outcome(text + _scope(reach, event.weeks))
    return fire


def _connector_programme(ctx: InterventionContext, event: ev.ConnectorProgramme) -> Outcome:
    r, p, net = ctx.residents, ctx.config.programmes, ctx.network
    visibility = r.engaged + r.ownership + net.degree / max(net.degree.mean(), 1)
    reach = _reach(ctx, event)
    picked = pick_investees(r.is_connector, r.invested | ~reach, visibility,
                            p.connector_programme_size, ctx.municipality.H, ctx.rng)
    real = int(r.is_connector[picked].sum())
    r.invested[picked] = True
    r.engaged[picked] = True
    r.ownership[picked] = np.minimum(1.0, r.ownership[picked] + p.investment_ownership)
    ctx.municipality.programme_running = True
    return Outcome(f"connector programme invests in {picked.size} residents, {real} real "
                   "connectors" + _scope(reach, None))


def _connector_moves_away(ctx: InterventionContext, event: ev.ConnectorMovesAway) -> Outcome:
    r = ctx.residents
    reach = _reach(ctx, event)
    who = np.flatnonzero(r.is_connector & reach)
    who = who[np.argsort(-ctx.network.degree[who], kind="stable")][: event.count]
    network = ctx.network.without_bridges(who)
    replace(r, who, ctx.config, ctx.rng)
    return Outcome(f"{who.size} connector(s) moved away, taking their bridging ties"
                   + _scope(reach, None), network)


def _urgency_shock(ctx: InterventionContext, event: ev.UrgencyShock) -> Outcome:
    ctx.municipality.shocks.append((ctx.week + event.weeks, event.size))
    return Outcome(f"urgency shock: +{event.size:.2f} of officials' time for {event.weeks} "
                   "weeks")


def _affected(ctx: InterventionContext, event: ev.RulesImposed, imposed: bool) -> np.ndarray:
    """Organised commons (with imposed rules or with own rules) the event reaches: a share.

    Targeted: only the commons most of whose members the target reaches.
    """
    c = ctx.commons.commons
    organised = (c.stage[: c.n] == COMMONS) & (c.imposed[: c.n] == imposed)
    reach = _reach(ctx, event)
    if not reach.all():
        organised &= np.isin(np.arange(c.n), commons_reached(reach, ctx.residents.member_of, c.n))
    organised = np.flatnonzero(organised)
    return organised[ctx.rng.random(organised.size) < event.value]


def _rules_imposed(ctx: InterventionContext, event: ev.RulesImposed) -> Outcome:
    which = _affected(ctx, event, imposed=False)
    if which.size:
        impose_rules(ctx.commons, which, ctx.code, ctx.residents.member_of)
    return Outcome(f"municipality imposes its rules on {which.size} commons")


def _rules_returned(ctx: InterventionContext, event: ev.RulesReturned) -> Outcome:
    which = _affected(ctx, event, imposed=True)
    if which.size:
        return_rules(ctx.commons, which, ctx.residents, ctx.config.commons, ctx.commons_rng)
    return Outcome(f"municipality returns rule-making to {which.size} commons")


def _reach(ctx: InterventionContext, event: ev.PaymentOffer) -> np.ndarray:
    r = ctx.residents
    return resolve(event.target, r.neighbourhood, r.member_of,
                   groups_of(r.engaged, r.active, r.is_connector, r.member_of), ctx.rng)


def _until(ctx: InterventionContext, event: ev.PaymentOffer) -> int | None:
    return None if event.weeks is None else ctx.week + event.weeks  # acts from next week


def _start(kind: str, amount_key: str) -> Callable[[InterventionContext, object], Outcome]:
    """An event that starts a targeted instrument: payment, fine or recognition."""
    def fire(ctx: InterventionContext, event: ev.PaymentOffer) -> Outcome:
        reach = _reach(ctx, event)
        amount = float(getattr(event, amount_key))
        ctx.municipality.instruments.append(Instrument(
            kind, reach, amount, _until(ctx, event), getattr(event, "inspection", 1.0)))
        span = "until stopped" if event.weeks is None else f"for {event.weeks} weeks"
        return Outcome(f"{kind} {amount:.2f} starts for {int(reach.sum())} residents {span}")
    return fire


def _stop(kind: str, text: str) -> Callable[[InterventionContext, object], Outcome]:
    """An event that ends every running instrument or programme of one kind."""
    def fire(ctx: InterventionContext, event: object) -> Outcome:
        mun = ctx.municipality
        mun.instruments = [i for i in mun.instruments if i.kind != kind]
        return Outcome(text)
    return fire


def _peer_monitoring(on: bool) -> Callable[[InterventionContext, object], Outcome]:
    """Targeted organised commons start (or stop) monitoring peers."""
    def fire(ctx: InterventionContext, event: ev.PeerMonitoringStart) -> Outcome:
        c = ctx.commons.commons
        which = commons_reached(_reach(ctx, event), ctx.residents.member_of, c.n)
        which = which[c.stage[which] == COMMONS]
        c.monitoring[which] = on
        return Outcome(f"peer monitoring {'starts' if on else 'stops'} in {which.size} commons")
    return fire


# --- played agents (participatory mode): one person's choice for one official or dwelling ---
def _official_plan(ctx: InterventionContext, event: ev.OfficialPlan) -> Outcome:
    k, plans = event.official, ctx.played.plans
    if k >= ctx.config.officials.count:
        return Outcome(f"no official {k}")
    if event.desk is None:
        plans.pop(k, None)
        return Outcome(f"official {k} follows the model's rule again")
    plans[k] = (event.desk, event.street, event.learning)
    return Outcome(f"official {k} plans desk {event.desk:.2f}, street {event.street:.2f}, "
                   f"learning {event.learning:.2f}")


def _leave_commons(ctx: InterventionContext, i: int, cause: str = "other") -> None:
    """Resident `i` leaves their initiative (if any), counted as an exit for `cause`."""
    st, r = ctx.commons, ctx.residents
    k = int(r.member_of[i])
    if k < 0:
        return
    st.commons.members[k] -= 1
    st.commons.exits[k, CAUSE[cause]] += 1.0
    r.member_of[i] = -1
    st.reset(np.array([i]))


def _enter_commons(ctx: InterventionContext, i: int, k: int) -> None:
    """Resident `i` becomes a member of initiative `k` (leaving any other), engaged."""
    st, r = ctx.commons, ctx.residents
    _leave_commons(ctx, i)
    r.member_of[i] = k
    r.engaged[i] = True
    c = st.commons
    c.members[k] += 1
    c.peak[k] = max(c.peak[k], c.members[k])
    st.reset(np.array([i]))


def _open_commons(ctx: InterventionContext, k: int | None) -> bool:
    c = ctx.commons.commons
    return k is not None and k < c.n and c.stage[k] != ENDED


def _resident_choice(ctx: InterventionContext, event: ev.ResidentChoice) -> Outcome:
    i, act, r, st = event.resident, event.action, ctx.residents, ctx.commons
    if i >= r.n:
        return Outcome(f"no resident {i}")
    k = event.commons
    if act in ("contribute", "free_ride", "follow_model"):
        if act == "follow_model":
            ctx.played.stance.pop(i, None)
        else:
            ctx.played.stance[i] = act == "contribute"
        return Outcome(f"resident {i} " + {"contribute": "contributes", "free_ride":
                                           "free-rides", "follow_model":
                                           "follows the model again"}[act])
    if act == "join":
        if not _open_commons(ctx, k) or r.member_of[i] == k:
            return Outcome(f"resident {i} cannot join initiative {k}")
        _enter_commons(ctx, i, k)
        return Outcome(f"resident {i} joins initiative {k}")
    if act == "leave":
        _leave_commons(ctx, i)
        return Outcome(f"resident {i} leaves their initiative")
    if act == "rule_making":
        if r.member_of[i] < 0:
            return Outcome(f"resident {i} is in no initiative to make rules for")
        st.made[i] = True
        return Outcome(f"resident {i} helps make the rules of initiative {r.member_of[i]}")
    _leave_commons(ctx, i)  # start
    r.engaged[i] = True
    founders = found_one(r, ctx.network, st.commons, i, ctx.week, ctx.config.commons.formation,
                         ctx.rng, ctx.config.network.mean_degree)
    if founders is None:
        return Outcome(f"resident {i} finds too few like-minded contacts to start with")
    st.reset(founders)
    st.made[founders] = True  # founders make the first agreements together
    return Outcome(f"resident {i} starts initiative {r.member_of[i]} with {founders.size} "
                   "founders")


def _connector_choice(ctx: InterventionContext, event: ev.ConnectorChoice) -> Outcome:
    i, act, r, k = event.resident, event.action, ctx.residents, event.commons
    if i >= r.n:
        return Outcome(f"no resident {i}")
    if act == "connect":
        j = event.other
        if j >= r.n or j == i:
            return Outcome(f"connector {i} cannot connect with resident {j}")
        network = ctx.network.with_tie(i, j)
        kind = "bridge" if r.neighbourhood[i] != r.neighbourhood[j] else "tie"
        return Outcome(f"connector {i} makes a {kind} to resident {j}",
                       network if network is not ctx.network else None)
    if not _open_commons(ctx, k):
        return Outcome(f"connector {i} finds no initiative {k}")
    if act == "support":
        if r.member_of[i] != k:
            _enter_commons(ctx, i, k)
        return Outcome(f"connector {i} supports initiative {k}")
    ctx.played.mediated.add(k)
    return Outcome(f"connector {i} mediates in initiative {k}")

HANDLERS: dict[str, Callable[[InterventionContext, ev.Event], Outcome]] = {
    "set_vertical_share": _set_vertical_share,
    "subsidy_start": _programme("subsidy", "conditional subsidy programme starts"),
    "subsidy_stop": _stop("subsidy", "subsidy programme stops"),
    "enforcement_start": _programme("enforcement", "enforcement of rules starts"),
    "enforcement_stop": _stop("enforcement", "enforcement of rules stops"),
    "connector_programme": _connector_programme,
    "reflection_training": _programme("training",
                                      "reflection training starts for invested residents"),
    "learning_circle_start": _programme("learning_circle", "learning circle starts"),
    "learning_circle_stop": _stop("learning_circle", "learning circle stops"),
    "connector_moves_away": _connector_moves_away,
    "urgency_shock": _urgency_shock,
    "rules_imposed": _rules_imposed,
    "rules_returned": _rules_returned,
    "learning_network_start": _programme("learning_network",
                                         "commons join a learning network of cities"),
    "learning_network_stop": _stop("learning_network", "the learning network stops"),
    "payment_offer": _start("payment", "amount"),
    "payment_stop": _stop("payment", "every payment stops"),
    "fine_start": _start("fine", "amount"),
    "fine_stop": _stop("fine", "every fine stops"),
    "recognition_start": _start("recognition", "strength"),
    "recognition_stop": _stop("recognition", "every recognition stops"),
    "peer_monitoring_start": _peer_monitoring(True),
    "peer_monitoring_stop": _peer_monitoring(False),
    "official_plan": _official_plan,
    "resident_choice": _resident_choice,
    "connector_choice": _connector_choice,
    "peer_punishment_start": _programme("punishment", "peer punishment starts"),
    "peer_punishment_stop": _stop("punishment", "every peer punishment stops"),
}


def apply_event(ctx: InterventionContext, event: ev.Event) -> Outcome:
    """Carry out one event now; what it did comes back as an `Outcome`."""
    return HANDLERS[event.event](ctx, event)
