"""Weekly measures and per-run summary numbers of initiatives and commons (step 8).

`CommonsState` -> `weekly()` -> part of `measures.weekly_measures`'s row -> timeseries.parquet;
`Commons` -> `summary(commons, weeks)` -> summary.json. Community strength (gemeenschapskracht,
MODEL.md) is the mean of three shares in [0, 1]: residents active, residents who are members of
a living initiative or commons, and residents whose contribution produced public value this week
(value / value_per_contribution, so fitting rules count fully and misfit ones half).
"""

from __future__ import annotations

import math

import numpy as np

from ..means import mean
from ..population import Residents
from .state import COMMONS, ENDED, INITIATIVE, OSTROM8, REASONS, Commons, CommonsState, eight

COMMONS_MEASURES: dict[str, str] = {
    "initiatives_formed": "Initiatives started this week",
    "commons_formed": "Initiatives that organised into a commons this week",
    "commons_dissolved": "Commons that ended this week",
    "initiatives_faded": "Initiatives that ended this week before organising",
    "initiatives_living": "Living initiatives (not yet organised)",
    "commons_living": "Living commons",
    "commons_ended_total": "Commons ended so far",
    "members_share": "Share of residents in a living initiative or commons",
    "contributors_share": "Share of residents who contributed to one this week",
    "free_riding": "Free-riding share among active members of living commons (mean; amount "
                   "mode: the share of their endowment not given)",
    "public_value": "Public value produced this week",
    "community_strength": "Mean of active share, members share and value-producing share",
    "felt_control": "Mean control residents feel from instruments (crowding)",
    **{f"principle_{p}": f"Mean score on design principle '{p}' among living commons"
       for p in OSTROM8},
}
PRINCIPLE_KEYS = [f"principle_{p}" for p in OSTROM8]


def weekly(st: CommonsState, r: Residents, value_per_contribution: float) -> dict[str, float]:
    """This week's commons measures (zeros and NaNs when nothing has formed)."""
    c, n = st.commons, st.commons.n
    in_any = r.member_of >= 0
    members = mean(in_any)
    per = value_per_contribution
    producing = st.value_week / per / r.n if per > 0 else 0.0
    row = {
        "initiatives_formed": st.last.get("initiatives_formed", 0),
        "commons_formed": st.last.get("commons_formed", 0),
        "commons_dissolved": st.last.get("commons_dissolved", 0),
        "initiatives_faded": st.last.get("initiatives_faded", 0),
        "initiatives_living": 0,
        "commons_living": 0,
        "commons_ended_total": 0,
        "members_share": members,
        "contributors_share": float(np.count_nonzero(st.contributed & in_any)) / r.n,
        "free_riding": math.nan,
        "public_value": st.value_week,
        "community_strength": (mean(r.active) + members + min(1.0, producing)) / 3.0,
        "felt_control": mean(r.felt_control),
        **dict.fromkeys(PRINCIPLE_KEYS, math.nan),
    }
    if n == 0:  # nothing has formed yet
        return row
    stage = c.stage[:n]
    org = np.flatnonzero(stage == COMMONS)
    row.update(initiatives_living=np.count_nonzero(stage == INITIATIVE),
               commons_living=org.size,
               commons_ended_total=np.count_nonzero((stage == ENDED) & (c.organised[:n] >= 0)))
    if org.size:
        # the mean of the eight equals the eight of the mean (each is a mean of Cox columns)
        row["free_riding"] = mean(c.free_riding[org])
        row.update(zip(PRINCIPLE_KEYS, eight(c.score[org].mean(axis=0)).tolist(), strict=True))
    return row


def kaplan_meier(duration: np.ndarray, ended: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Kaplan-Meier survival: (times, S(t) just after each time) for right-censored data."""
    times = np.unique(duration[ended])
    at_risk = (duration[None, :] >= times[:, None]).sum(axis=1)
    deaths = (ended[None, :] & (duration[None, :] == times[:, None])).sum(axis=1)
    return times, np.cumprod(1.0 - deaths / np.maximum(at_risk, 1))


def km_median(duration: np.ndarray, ended: np.ndarray) -> float:
    """Median survival time (NaN if survival never falls to one half)."""
    if duration.size == 0:
        return math.nan
    times, surv = kaplan_meier(duration, ended)
    below = np.flatnonzero(surv <= 0.5)
    return float(times[below[0]]) if below.size else math.nan


def summary(c: Commons, week: int) -> dict[str, float | int | None]:
    """Per-run numbers for sweeps: counts, lifespans, reasons, value, scores."""
    n = c.n
    org = c.organised[:n] >= 0
    ended = c.stage[:n] == ENDED
    stop = np.where(ended, c.ended[:n], week)
    life = (stop - c.organised[:n])[org]
    out: dict[str, float | int | None] = {
        "initiatives_formed_total": int(n),
        "commons_formed_total": int(org.sum()),
        "commons_alive_end": int((org & ~ended).sum()),
        "commons_dissolved_total": int((org & ended).sum()),
        "commons_median_lifespan_weeks": km_median(life, ended[org]),
        "public_value_total": float(c.value[:n].sum()),
        "commons_imposed_share": float(c.ever_imposed[:n][org].mean()) if org.any()
        else math.nan,
    }
    reasons = c.reason[:n][org & ended]
    out.update({f"dissolved_{name}": int((reasons == k).sum()) for k, name in
                enumerate(REASONS) if name != "never_organised"})
    weeks = np.maximum(c.score_weeks[:n][org], 1)[:, None]
    mean = eight(c.score_sum[:n][org] / weeks) if org.any() else None
    for k, p in enumerate(OSTROM8):
        out[f"principle_{p}_mean"] = float(mean[:, k].mean()) if mean is not None else math.nan
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in out.items()}
