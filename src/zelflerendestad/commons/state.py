"""The state of initiatives and commons: one array per attribute, one row per initiative.

model -> `CommonsState` (`Commons` plus per-resident memory, this file) -> `week.run_week()`
-> `records.records()` -> commons.parquet. Commons are few (tens to
hundreds), so each attribute is an array over commons that grows by doubling; who belongs to
which is `Residents.member_of` (-1 for none), so everything per resident stays vectorised. A
row is never reused: an initiative that ends keeps its row, its end week and its reason, which
makes the records conserved (every initiative formed is alive or ended).

Stages: an *initiative* (stage 0) has founders and a shared desire; when it organises it becomes
a *commons* (stage 1) with rules, money and design-principle scores; an ended one is stage 2.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from ..statevars import state

INITIATIVE, COMMONS, ENDED = 0, 1, 2  # the values of `Commons.stage`

# Why members leave (exit causes) and why commons end (reasons). Exits are tallied per cause;
# a commons that falls below its minimum membership ends for its dominant recent exit cause.
EXIT_CAUSES = ("members_moved_away", "volunteer_burnout", "lost_interest", "free_riding",
               "unresolved_conflict", "overruled_by_imposed_rules", "harsh_sanctions",
               "captured_by_few", "other")
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
_EIGHT_COLUMNS = [np.array(cols) for cols in EIGHT_FROM_ELEVEN]


def _column(meaning: str, dtype: type, *width: int) -> np.ndarray:
    """A state field holding one row per initiative (and `width` columns), empty at first."""
    return state(meaning, default_factory=lambda: np.zeros((0, *width), dtype=dtype))


@dataclass
class Commons:
    """Every initiative and commons of a run; rows `[:n]` are in use."""

    dims: int = state("dimensions m of reality the rules cover (one rule per dimension)")
    n: int = state("rows in use: every initiative ever formed (rows are never reused)", default=0)
    theme: np.ndarray = _column("the shared desire (verlangen) the initiative is about", np.int8)
    nbhd: np.ndarray = _column("the neighbourhood it recruits in (its starter's)", np.int32)
    stage: np.ndarray = _column("0 initiative, 1 commons (organised), 2 ended", np.int8)
    formed: np.ndarray = _column("week it started", np.int32)
    organised: np.ndarray = _column("week it organised into a commons (-1: not (yet))", np.int32)
    ended: np.ndarray = _column("week it ended (-1: living)", np.int32)
    reason: np.ndarray = _column("why it ended: index into commons.REASONS (-1: living)", np.int8)
    members: np.ndarray = _column("current members", np.int32)
    peak: np.ndarray = _column("most members it ever had", np.int32)
    contributors: np.ndarray = _column("members who contributed this week", np.int32)
    effort: np.ndarray = _column(
        "sum of this week's contributions, each a share of the endowment (contributors in "
        "choice mode)", np.float64)
    free_riding: np.ndarray = _column(
        "share of the active members' endowment not contributed this week (in choice mode: "
        "share of active members who did not contribute)", np.float64)
    imposed: np.ndarray = _column(
        "its rules in force are the municipality's (imposed), not co-decided", bool)
    ever_imposed: np.ndarray = _column("its rules were imposed at some time", bool)
    monitoring: np.ndarray = _column("its rules include peer monitoring", bool)
    enforced: np.ndarray = _column("municipal enforcement reaches it this week", bool)
    graduated: np.ndarray = _column("its own rules sanction gradually (else at full severity)",
                                    bool)
    recognised: np.ndarray = _column("the municipality has recognised its right to organise (P7)",
                                     bool)
    in_network: np.ndarray = _column("takes part in a learning network of cities (leernetwerk)",
                                     bool)
    money: np.ndarray = _column("money in hand (negative: debt), in money units", np.float64)
    value: np.ndarray = _column("public value produced so far", np.float64)
    conflicts_open: np.ndarray = _column("conflicts not yet resolved", np.int32)
    conflicts_total: np.ndarray = _column("conflicts so far", np.int32)
    resolved_recent: np.ndarray = _column("resolutions, decaying with the scores' memory (P6)",
                                          np.float64)
    sanctions_recent: np.ndarray = _column(
        "sanctions applied, decaying with the scores' memory (P5)", np.float64)
    graduated_recent: np.ndarray = _column("graduated sanctions applied, decaying likewise (P5)",
                                           np.float64)
    sanctions_total: np.ndarray = _column("sanctions so far", np.int32)
    churn: np.ndarray = _column("moving average of weekly (joins + exits) / members (P1, 1A)",
                                np.float64)
    p_seen: np.ndarray = _column("chance a free-rider is seen this week (P4, 4A)", np.float64)
    tie_share: np.ndarray = _column(
        "share of members with a tie to a member of another initiative (P8; 1 while linked)",
        np.float64)
    linked: np.ndarray = _column("linked into the municipality's network of commons (P8)", bool)
    capture: np.ndarray = _column(
        "capture by a few: how far influence is concentrated (0 shared, 1 a few decide)",
        np.float64)
    starved: np.ndarray = _column("weeks in a row without any contributor", np.int32)
    exits: np.ndarray = _column(
        "recent exits per cause (commons.EXIT_CAUSES), decaying with memory", np.float64,
        len(EXIT_CAUSES))
    rules: np.ndarray = _column("its rules: -1, 0 or +1 on each dimension of reality (P2)",
                                np.int8, 0)  # columns: `dims`, set after init
    score: np.ndarray = _column("this week's scores on the 11 principles of Cox et al. (2010)",
                                np.float64, len(COX11))
    score_recent: np.ndarray = _column(
        "moving average of the 11 scores (the weakest before an end)", np.float64, len(COX11))
    score_sum: np.ndarray = _column("sum of weekly scores since organising (lifetime mean)",
                                    np.float64, len(COX11))
    score_weeks: np.ndarray = _column("weeks scored", np.int32)
    early_sum: np.ndarray = _column("sum of scores over the first weeks after organising",
                                    np.float64, len(COX11))
    early_weeks: np.ndarray = _column("weeks in that early sum", np.int32)
    weakest: list[str] = state("the two lowest of Ostrom's eight just before a commons ended",
                               default_factory=list)

    def __post_init__(self) -> None:
        self.rules = np.zeros((0, self.dims), dtype=np.int8)

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
            cap = self.theme.size
            while cap < need:  # the capacity `count` appends of one would have reached
                cap = max(16, 2 * (cap + 1))
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
    # each the mean np.mean computes (the sum over the columns / their count), minus its
    # Python-level bookkeeping: eight means a call, a call or two a week
    return np.stack([cox[..., cols].sum(axis=-1) / cols.size for cols in _EIGHT_COLUMNS],
                    axis=-1)


@dataclass
class CommonsState:
    """Commons plus what the commons mechanism remembers per resident."""

    commons: Commons = state("the initiatives and commons (the table above)")
    made: np.ndarray = state("took part in making the rules in force of one's commons (P3)",
                             "bool")
    offences: np.ndarray = state("sanctions received in one's current commons", "int16")
    deterrence: np.ndarray = state("memory of one's sanctions, decays weekly")
    harsh: np.ndarray = state("exit hazard from last week's sanction")
    contributed: np.ndarray = state("contributed last week", "bool")
    amount: np.ndarray = state("share of the endowment contributed last week (0 or 1 in choice "
                               "mode)")
    belief: np.ndarray = state("belief about the others' mean contribution in one's commons "
                               "(amount mode; NaN: not formed yet)")
    taste: np.ndarray = state("uniform draw fixing one's social-preference type and, for the "
                              "unclassified, one's fixed share (amount mode; NaN: not drawn)")
    changes: np.ndarray = state("joins + exits per commons this week (feeds churn)",
                                default_factory=lambda: np.zeros(0))
    value_week: float = state("public value produced this week", default=0.0)
    last: dict[str, int] = state("this week's counts for the measures (formed, organised, ended)",
                                 default_factory=dict)

    @classmethod
    def create(cls, n: int, dims: int, amounts: bool = True) -> CommonsState:
        """Empty state for `n` residents and rules over `dims` dimensions of reality.

        Without `amounts` (choice mode, which never reads them) `belief` and `taste` are
        empty: 16 MB at a million residents.
        """
        m = n if amounts else 0
        return cls(Commons(dims), np.zeros(n, bool), np.zeros(n, np.int16), np.zeros(n),
                   np.zeros(n), np.zeros(n, bool), np.zeros(n), np.full(m, np.nan),
                   np.full(m, np.nan))

    def reset(self, who: np.ndarray) -> None:
        """Fresh per-resident memory for residents who join (or leave) a commons."""
        if who.size == 0:  # most weeks for some of the callers: skip eight empty assignments
            return
        self.made[who] = False
        self.offences[who] = 0
        self.deterrence[who] = 0.0
        self.harsh[who] = 0.0
        self.contributed[who] = False
        self.amount[who] = 0.0
        if self.taste.size:
            self.belief[who] = self.taste[who] = np.nan
