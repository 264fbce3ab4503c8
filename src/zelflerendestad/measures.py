"""What is measured each week: named functions of model state (step 8).

model -> `weekly_measures()` -> `Recorder` -> timeseries.parquet. The names and descriptions
here are the columns users see; `summarise()` turns a finished time series into the per-run
numbers a sweep collects.
"""

from __future__ import annotations

import math
from typing import Protocol

import numpy as np

from . import inclusion
from .commons import CommonsState
from .commons.measures import COMMONS_MEASURES
from .commons.measures import weekly as commons_weekly
from .config.schema import CityConfig
from .means import mean
from .municipality import Municipality
from .network import Network
from .officials import Officials
from .population import Residents

MEASURES: dict[str, str] = {
    "week": "Week number (0 is the initial state)",
    "engaged_share": "Share of residents engaged (wakker)",
    "active_share": "Share of residents active (engaged, owning, not burnt out)",
    "newly_engaged": "Residents who woke up this week",
    "burnout_share": "Share of residents burnt out",
    "trust_government": "Mean trust in government",
    "trust_neighbours": "Mean trust in neighbours",
    "ownership": "Mean ownership (eigenaarschap)",
    "intrinsic_motivation": "Mean intrinsic motivation",
    "knowledge_residents": "Mean share of 'what works here' residents know",
    "knowledge_code": "Share of 'what works here' the municipality's code knows",
    "learning_capacity": "Mean learning capacity (zelflerend vermogen)",
    "lessons_across": "Lessons copied across neighbourhood borders this week",
    "lessons_within": "Lessons copied within neighbourhoods this week",
    "connectors": "Residents who are connectors (kantelaars)",
    "vertical_share": "The municipality's vertical share this week",
    "vertical_intensity": "Realised vertical intensity V",
    "horizontal_intensity": "Realised horizontal intensity H (street presence x effort)",
    "officials_strain": "Officials' mean strain (spagaat)",
    "officials_street_time": "Officials' mean share of the week in the street",
    "officials_learning_time": "Officials' mean share of the week learning",
    "officials_order": "Officials' mean leadership order (1-4)",
    "urgency": "Officials' mean share of the week eaten by urgency",
    "officials_off_sick": "Share of officials off sick this week (strain feeds back)",
    "officials_left": "Officials who quit this week and were replaced by a newcomer",
    "incidents": "Incidents this week (cost side of horizontal work)",
    "bonding_ties_active": "Ties between two active residents in the same neighbourhood",
    "bridging_ties_active": "Ties between two active residents across neighbourhoods",
    "inclusion_neighbourhoods": "Lowest / highest neighbourhood engaged share (1 = equal)",
    "inclusion_periphery": "Engaged share of the least connected quarter / overall share",
    "inclusion_periphery_active": "Active share of the least connected quarter / overall "
                                  "active share (who gets to act, not only who wakes up)",
    **inclusion.measure_names(),
    **COMMONS_MEASURES,
}


class City(Protocol):
    """What the measures read: the state `CityModel` holds (a protocol, so no model import)."""

    config: CityConfig
    week: int
    residents: Residents
    officials: Officials
    network: Network
    municipality: Municipality
    commons: CommonsState
    known: np.ndarray
    code: np.ndarray
    reality: np.ndarray
    last: dict[str, float]
    n_nbhd: int
    nbhd_size: np.ndarray
    periphery: np.ndarray
    groups: inclusion.Groups


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b > 0 else float("nan")


def _quiet_nanmean(x: np.ndarray) -> float:
    """Mean over the weeks that have a value; NaN (no warning) when none has."""
    x = x[~np.isnan(x)]
    return float(x.mean()) if x.size else math.nan


def weekly_measures(m: City) -> dict[str, float]:
    """All measures of the current week, plus the engaged share per neighbourhood."""
    r, o, net = m.residents, m.officials, m.network
    by_nbhd = np.bincount(r.neighbourhood, weights=r.engaged.astype(np.float64),
                          minlength=m.n_nbhd) / m.nbhd_size
    bonding, bridging = net.ties_among(r.active)
    engaged, active, periphery = mean(r.engaged), mean(r.active), np.count_nonzero(m.periphery)
    row = {
        "week": m.week,
        "engaged_share": engaged,
        "active_share": active,
        "newly_engaged": m.last.get("newly_engaged", 0),
        "burnout_share": mean(r.burnt_out),
        "trust_government": mean(r.trust_gov),
        "trust_neighbours": mean(r.trust_nbr),
        "ownership": mean(r.ownership),
        "intrinsic_motivation": mean(r.motivation),
        "knowledge_residents": mean(m.known),
        "knowledge_code": mean(m.code == m.reality),
        "learning_capacity": mean(r.capacity),
        "lessons_across": m.last.get("lessons_across", 0),
        "lessons_within": m.last.get("lessons_within", 0),
        "connectors": np.count_nonzero(r.is_connector),
        "vertical_share": m.municipality.vertical_share,
        "vertical_intensity": m.municipality.V,
        "horizontal_intensity": m.municipality.H,
        "officials_strain": mean(o.strain),
        "officials_street_time": mean(o.street_time),
        "officials_learning_time": mean(o.learning_time),
        "officials_order": mean(o.order),
        "urgency": mean(o.urgency),
        "officials_off_sick": mean(o.off_sick),
        "officials_left": m.last.get("officials_left", 0),
        "incidents": m.last.get("incidents", 0),
        "bonding_ties_active": bonding,
        "bridging_ties_active": bridging,
        "inclusion_neighbourhoods": _ratio(by_nbhd.min(), by_nbhd.max()),
        "inclusion_periphery": _ratio(np.count_nonzero(r.engaged & m.periphery) / periphery,
                                      engaged),
        "inclusion_periphery_active": _ratio(np.count_nonzero(r.active & m.periphery)
                                             / periphery, active),
    }
    row.update(inclusion.measures(m.groups, {"engaged": r.engaged, "active": r.active,
                                              "member": r.member_of >= 0}))
    row.update(commons_weekly(m.commons, r, m.config.commons.cooperation.value_per_contribution))
    row.update({f"engaged_share_nbhd_{k}": float(v) for k, v in enumerate(by_nbhd)})
    return row


def summarise(ts: dict[str, np.ndarray]) -> dict[str, float | int | None]:
    """Per-run summary numbers from a finished time series (NaN becomes None)."""
    last = {k: float(v[-1]) for k, v in ts.items() if k != "week"}
    tail = slice(-min(52, len(ts["week"])), None)
    engaged = ts["engaged_share"]
    half = np.flatnonzero(engaged >= 0.5)
    out: dict[str, float | int | None] = {
        "weeks": int(ts["week"][-1]),
        **{f"{k}_final": last[k] for k in (
            "engaged_share", "active_share", "trust_government", "trust_neighbours",
            "ownership", "knowledge_residents", "knowledge_code", "learning_capacity",
            "officials_strain", "vertical_share", "inclusion_neighbourhoods",
            "inclusion_periphery", "connectors")},
        **{f"{k}_last_year": _quiet_nanmean(ts[k][tail]) for k in (
            "engaged_share", "active_share", "trust_government", "knowledge_residents",
            "knowledge_code", "burnout_share", "officials_strain", "officials_off_sick",
            "inclusion_periphery_active")},
        "engaged_share_peak": float(engaged.max()),
        "weeks_to_half_engaged": int(ts["week"][half[0]]) if half.size else None,
        "incidents_total": float(np.sum(ts["incidents"])),
        "officials_left_total": float(np.sum(ts["officials_left"])),
        "lessons_across_total": float(np.sum(ts["lessons_across"])),
        "community_strength_last_year": float(np.nanmean(ts["community_strength"][tail])),
        "intrinsic_motivation_final": last["intrinsic_motivation"],
        "members_share_final": last["members_share"],
        **{f"{k}_last_year": _quiet_nanmean(ts[k][tail]) for k in inclusion.measure_names()},
    }
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in out.items()}
