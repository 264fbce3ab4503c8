"""The state of initiatives and commons: one array per attribute, one row per initiative.

model -> `Commons` (this file) -> `records()` -> commons.parquet. Commons are few (tens to
hundreds), so each attribute is an array over commons that grows by doubling; who belongs to
which is `Residents.member_of` (-1 for none), so everything per resident stays vectorised. A
row is never reused: an initiative that ends keeps its row, its end week and its reason, which
makes the records conserved (every initiative formed is alive or ended).

Stages: an *initiative* (stage 0) has founders and a shared desire; when it organises it becomes
a *commons* (stage 1) with rules, money and design-principle scores; an ended one is stage 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pyarrow as pa

from .population import THEMES

INITIATIVE, COMMONS, ENDED = 0, 1, 2

# Why members leave (exit causes) and why commons end (reasons). Exits are tallied per cause;
# a commons that falls below its minimum membership ends for its dominant recent exit cause.
EXIT_CAUSES = ("members_moved_away", "volunteer_burnout", "lost_interest", "free_riding",
               "unresolved_conflict", "overruled_by_imposed_rules", "harsh_sanctions", "other")
REASONS = (*EXIT_CAUSES, "money_ran_out", "never_organised")
REASON = {name: k for k, name in enumerate(REASONS)}

# Design principles: Cox, Arnold & Villamayor-Tomas (2010) 11-way split, and Ostrom's eight.
COX11 = ("1a_user_boundaries", "1b_resource_boundaries", "2a_congruence_local",
         "2b_proportionality", "3_collective_choice", "4a_monitoring_users",
         "4b_monitoring_resource", "5_graduated_sanctions", "6_conflict_resolution",
         "7_recognition", "8_nested")
OSTROM8 = ("boundaries", "congruence", "collective_choice", "monitoring",
           "graduated_sanctions", "conflict_resolution", "recognition", "nested")
# Each of the eight is the mean of these Cox columns (indices into COX11).
EIGHT_FROM_ELEVEN = ((0, 1), (2, 3), (4,), (5, 6), (7,), (8,), (9,), (10,))


def _zeros(dtype: type, *shape: int) -> np.ndarray:
    return np.zeros(shape, dtype=dtype)


@dataclass
class Commons:
    """Every initiative and commons of a run; rows `[:n]` are in use."""

    dims: int
    n: int = 0
    theme: np.ndarray = field(default_factory=lambda: _zeros(np.int8, 0))
    nbhd: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    stage: np.ndarray = field(default_factory=lambda: _zeros(np.int8, 0))
    formed: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    organised: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    ended: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    reason: np.ndarray = field(default_factory=lambda: _zeros(np.int8, 0))
    members: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    peak: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    contributors: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    free_riding: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    imposed: np.ndarray = field(default_factory=lambda: _zeros(bool, 0))
    ever_imposed: np.ndarray = field(default_factory=lambda: _zeros(bool, 0))
    monitoring: np.ndarray = field(default_factory=lambda: _zeros(bool, 0))
    enforced: np.ndarray = field(default_factory=lambda: _zeros(bool, 0))
    graduated: np.ndarray = field(default_factory=lambda: _zeros(bool, 0))
    recognised: np.ndarray = field(default_factory=lambda: _zeros(bool, 0))
    in_network: np.ndarray = field(default_factory=lambda: _zeros(bool, 0))
    money: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    value: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    conflicts_open: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    conflicts_total: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    resolved_recent: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    sanctions_recent: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    graduated_recent: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    sanctions_total: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    churn: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    p_seen: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    tie_share: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0))
    starved: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    exits: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0, len(EXIT_CAUSES)))
    rules: np.ndarray = field(default_factory=lambda: _zeros(np.int8, 0, 0))
    score: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0, len(COX11)))
    score_recent: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0, len(COX11)))
    score_sum: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0, len(COX11)))
    score_weeks: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    early_sum: np.ndarray = field(default_factory=lambda: _zeros(np.float64, 0, len(COX11)))
    early_weeks: np.ndarray = field(default_factory=lambda: _zeros(np.int32, 0))
    weakest: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rules = _zeros(np.int8, 0, self.dims)

    @property
    def living(self) -> np.ndarray:
        """Indices of initiatives and commons that have not ended."""
        return np.flatnonzero(self.stage[: self.n] != ENDED)

    def _arrays(self) -> list[str]:
        return [f.name for f in fields(self) if isinstance(getattr(self, f.name), np.ndarray)]

    def add(self, count: int, theme: np.ndarray, nbhd: np.ndarray, week: int) -> np.ndarray:
        """Append `count` new initiatives; return their indices."""
        need = self.n + count
        if need > self.theme.size:
            cap = max(16, 2 * need)
            for name in self._arrays():
                old = getattr(self, name)
                new = np.zeros((cap, *old.shape[1:]), dtype=old.dtype)
                new[: old.shape[0]] = old
                setattr(self, name, new)
            self.weakest += [""] * (cap - len(self.weakest))
        idx = np.arange(self.n, need)
        self.n = need
        self.theme[idx], self.nbhd[idx], self.formed[idx] = theme, nbhd, week
        self.organised[idx] = self.ended[idx] = self.reason[idx] = -1
        self.stage[idx] = INITIATIVE
        return idx


def eight(cox: np.ndarray) -> np.ndarray:
    """Ostrom's eight scores from the 11 columns of Cox et al. (last axis)."""
    return np.stack([cox[..., list(cols)].mean(axis=-1) for cols in EIGHT_FROM_ELEVEN], axis=-1)


def _mean(total: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weeks[:, None] > 0, total / np.maximum(weeks, 1)[:, None], np.nan)


def records(c: Commons) -> pa.Table:
    """One row per initiative (organised or not): the contents of commons.parquet."""
    n = c.n
    end = eight(c.score[:n])
    life = eight(_mean(c.score_sum[:n], c.score_weeks[:n]))
    early = eight(_mean(c.early_sum[:n], c.early_weeks[:n]))
    never = c.organised[:n] < 0
    cols: dict[str, object] = {
        "id": np.arange(n, dtype=np.int64),
        "theme": [THEMES[t] for t in c.theme[:n]],
        "neighbourhood": c.nbhd[:n].astype(np.int64),
        "week_formed": c.formed[:n].astype(np.int64),
        "week_organised": pa.array(c.organised[:n], mask=never, type=pa.int64()),
        "week_ended": pa.array(c.ended[:n], mask=c.ended[:n] < 0, type=pa.int64()),
        "reason": [REASONS[r] if r >= 0 else None for r in c.reason[:n]],
        "weakest_before_end": [w or None for w in c.weakest[:n]],
        "peak_members": c.peak[:n].astype(np.int64),
        "final_members": c.members[:n].astype(np.int64),
        "rules_origin": np.where(never, "none", np.where(c.imposed[:n], "imposed",
                                                         "co-decided")).tolist(),
        "ever_imposed": c.ever_imposed[:n],
        "enforcement": [("peer" if m else "") + ("+" if m and e else "")
                        + ("external" if e else "") or "none"
                        for m, e in zip(c.monitoring[:n], c.enforced[:n], strict=True)],
        "monitoring": c.monitoring[:n],
        "graduated": c.graduated[:n],
        "recognised": c.recognised[:n],
        "public_value": c.value[:n],
        "money": c.money[:n],
        "conflicts_total": c.conflicts_total[:n].astype(np.int64),
        "sanctions_total": c.sanctions_total[:n].astype(np.int64),
        "weeks_scored": c.score_weeks[:n].astype(np.int64),
    }
    for k, name in enumerate(OSTROM8):
        cols[f"{name}_end"] = np.where(never, np.nan, end[:, k])
        cols[f"{name}_mean"] = life[:, k]
        cols[f"{name}_early"] = early[:, k]
    for k, name in enumerate(COX11):
        cols[f"cox_{name}_mean"] = _mean(c.score_sum[:n], c.score_weeks[:n])[:, k]
    return pa.table({k: pa.array(v, from_pandas=True) if isinstance(v, np.ndarray) else v
                     for k, v in cols.items()})
