"""Interventions: the config timeline (step 7) and the same events called live by the app.

Each event is a small function `(model, event) -> str` that changes the municipality's or the
residents' state and returns a plain-language line for the event log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from .config.schema import Event
from .lifecycle import impose_rules, return_rules
from .population import replace

if TYPE_CHECKING:
    from .model import CityModel


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


def _set_vertical_share(m: CityModel, e: Event) -> str:
    m.municipality.vertical_share = float(e.value)
    return f"vertical share set to {e.value:.2f}"


def _flag(attr: str, on: bool, text: str) -> Callable[[CityModel, Event], str]:
    def fire(m: CityModel, e: Event) -> str:
        setattr(m.municipality, attr, on)
        return text
    return fire


def _connector_programme(m: CityModel, e: Event) -> str:
    r, p = m.residents, m.config.programmes
    visibility = r.engaged + r.ownership + m.network.degree / max(m.network.degree.mean(), 1)
    picked = pick_investees(r.is_connector, r.invested, visibility,
                            p.connector_programme_size, m.municipality.H,
                            m.streams["interventions"])
    real = int(r.is_connector[picked].sum())
    r.invested[picked] = True
    r.engaged[picked] = True
    r.ownership[picked] = np.minimum(1.0, r.ownership[picked] + p.investment_ownership)
    m.municipality.programme_running = True
    return f"connector programme invests in {picked.size} residents, {real} real connectors"


def _reflection_training(m: CityModel, e: Event) -> str:
    m.municipality.training = True
    return "reflection training starts for invested residents"


def _connector_moves_away(m: CityModel, e: Event) -> str:
    r = m.residents
    who = np.flatnonzero(r.is_connector)
    who = who[np.argsort(-m.network.degree[who], kind="stable")][: e.count or 1]
    m.network = m.network.without_bridges(who)
    replace(r, who, m.config, m.streams["interventions"])
    return f"{who.size} connector(s) moved away, taking their bridging ties"


def _urgency_shock(m: CityModel, e: Event) -> str:
    size = 0.3 if e.size is None else e.size
    weeks = e.weeks or 8
    m.municipality.shocks.append((m.week + weeks, size))
    return f"urgency shock: +{size:.2f} of officials' time for {weeks} weeks"


def _affected(m: CityModel, e: Event, imposed: bool) -> np.ndarray:
    """Living commons (with imposed rules or with own rules) the event reaches: a share."""
    c = m.commons.commons
    org = np.flatnonzero((c.stage[: c.n] == 1) & (c.imposed[: c.n] == imposed))
    share = 1.0 if e.value is None else e.value
    pick = m.streams["interventions"].random(org.size) < share
    return org[pick]


def _rules_imposed(m: CityModel, e: Event) -> str:
    which = _affected(m, e, imposed=False)
    if which.size:
        impose_rules(m.commons, m, which)
    return f"municipality imposes its rules on {which.size} commons"


def _rules_returned(m: CityModel, e: Event) -> str:
    which = _affected(m, e, imposed=True)
    if which.size:
        return_rules(m.commons, m, which)
    return f"municipality returns rule-making to {which.size} commons"


HANDLERS: dict[str, Callable[[CityModel, Event], str]] = {
    "set_vertical_share": _set_vertical_share,
    "subsidy_start": _flag("subsidy", True, "conditional subsidy programme starts"),
    "subsidy_stop": _flag("subsidy", False, "subsidy programme stops"),
    "enforcement_start": _flag("enforcement", True, "enforcement of rules starts"),
    "enforcement_stop": _flag("enforcement", False, "enforcement of rules stops"),
    "connector_programme": _connector_programme,
    "reflection_training": _reflection_training,
    "learning_circle_start": _flag("learning_circle", True, "learning circle starts"),
    "learning_circle_stop": _flag("learning_circle", False, "learning circle stops"),
    "connector_moves_away": _connector_moves_away,
    "urgency_shock": _urgency_shock,
    "rules_imposed": _rules_imposed,
    "rules_returned": _rules_returned,
    "learning_network_start": _flag("learning_network", True,
                                    "commons join a learning network of cities"),
    "learning_network_stop": _flag("learning_network", False, "the learning network stops"),
}


def apply_event(model: CityModel, event: Event) -> str:
    """Carry out one event now and return its log line."""
    return HANDLERS[event.event](model, event)
