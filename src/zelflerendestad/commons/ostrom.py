"""Ostrom's design principles, scored every week from what happened in each commons.

No score is drawn at random: each is a pure function of a commons' recorded state, and each has
a mechanism behind it elsewhere (named below), so a principle that is missing has consequences.
Scores are in [0, 1]. We compute the 11-way split of Cox, Arnold & Villamayor-Tomas (2010)
and derive Ostrom's (1990) eight from it (`commons.EIGHT_FROM_ELEVEN`): P1 = mean(1A, 1B),
P2 = mean(2A, 2B), P4 = mean(4A, 4B), the others one to one. Both are written to
commons.parquet (`<name>_end/_mean/_early` for the eight, `cox_<name>_mean` for the eleven).

Cox split, what is scored, what it does in the model [parameters]:
- 1A user boundaries: exp(-memory x churn), churn = weekly (joins + exits) / members averaged
  over `scores.memory` weeks. Stable membership makes free-riders easier to see. [scores.memory]
- 1B resource boundaries: share of members whose own desire is the commons' theme (joiners
  from other themes blur what the commons is for). [formation.cross_theme_join]
- 2A congruence: share of rule dimensions that match current reality ("what works here",
  `learning.py`). Rules are made from members' beliefs and adapted by double-loop review;
  imposed rules copy the municipality's code. Misfit rules produce less public value and
  more conflict. [rules.*, conflict.incongruence_weight, cooperation.value_per_contribution]
- 2B proportionality: 1 - free-riding share among active members (benefits and costs in
  proportion). [cooperation.*]
- 3 collective choice: share of current members who took part in making the rules in force
  (0 under imposed rules: nobody here made them). Raises contribution (legitimacy) and lowers
  the chance a sanction is contested. [cooperation.participation_*, legitimacy_weight,
  monitoring.contest_rate]
- 4A monitoring users: chance a free-rider is seen this week, 1 - (1 - peer)(1 - external);
  peer = peer_detection x monitors x (0.5 + 0.5 x 1A) x min(1, visible_group / members),
  external = external_detection x enforcement. [monitoring.*]
- 4B monitoring resource: 1 if the commons watches its money (it monitors, or a subsidy's
  reporting conditions audit it), else 0. Lets a commons in debt cut costs. [money.cost_cut]
- 5 graduated sanctions: (graduated + 0.5) / (all + 1) over sanctions actually applied in
  recent weeks (0.5 = no evidence either way). [monitoring.graduated_*]
- 6 conflict resolution: (resolved + 0.5) / (resolved + open + 1), recent resolutions against
  conflicts still open (0.5 = no evidence). [conflict.*]
- 7 recognition: 0 under imposed rules (the municipality did not let the rules stand), 0.5
  for own rules, 1 for own rules the municipality recognised. [municipality.*]
- 8 nested: 1 - (1 - t)(1 - n), t = share of members with a tie to a member of another
  commons (1 while the municipality links it, `vertical.coordinate`), n = 1 while in a
  learning network. Nested commons learn fitting rules from others
  and get help with conflicts. [rules.nested_learning, conflict.nested_support]
"""

from __future__ import annotations

import numpy as np

NO_EVIDENCE = 0.5  # prior weight in P5 and P6: one pseudo-observation at score one half


def user_boundaries(churn: np.ndarray, memory: float) -> np.ndarray:
    """1A: share of membership expected unchanged over `memory` weeks at the current churn."""
    return np.exp(-memory * churn)


def resource_boundaries(same_theme: np.ndarray, members: np.ndarray) -> np.ndarray:
    """1B: share of members whose desire is what the commons is about (counts per commons)."""
    return same_theme / np.maximum(members, 1)


def congruence(rules: np.ndarray, reality: np.ndarray) -> np.ndarray:
    """2A: share of rule dimensions that fit local reality (rows are commons)."""
    return (rules == reality).mean(axis=-1)


def proportionality(free_riding: np.ndarray) -> np.ndarray:
    """2B: 1 minus the free-riding share among active members."""
    return 1.0 - free_riding


def collective_choice(made: np.ndarray, members: np.ndarray) -> np.ndarray:
    """3: share of current members who took part in making the rules in force (counts)."""
    return made / np.maximum(members, 1)


def detection(monitoring: np.ndarray, boundaries: np.ndarray, members: np.ndarray,
              enforcement: bool | np.ndarray, peer: float, visible: float, external: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """4A: (chance members see a free-rider, chance the municipality does) this week."""
    size = np.minimum(1.0, visible / np.maximum(members, 1))
    p_peer = peer * monitoring * (0.5 + 0.5 * boundaries) * size
    p_ext = np.zeros(members.shape) + external * enforcement  # per commons when targeted
    return p_peer, p_ext


def monitoring_users(p_peer: np.ndarray, p_ext: np.ndarray) -> np.ndarray:
    """4A: chance a free-rider is seen by anyone."""
    return 1.0 - (1.0 - p_peer) * (1.0 - p_ext)


def monitoring_resource(monitoring: np.ndarray, audited: bool | np.ndarray) -> np.ndarray:
    """4B: 1 if the commons' money is watched (own monitoring or a subsidy's audit)."""
    return np.maximum(monitoring.astype(np.float64), np.asarray(audited, dtype=np.float64))


def graduated_sanctions(graduated: np.ndarray, applied: np.ndarray) -> np.ndarray:
    """5: share of recently applied sanctions that were graduated (0.5 with none)."""
    return (graduated + NO_EVIDENCE) / (applied + 1.0)


def conflict_resolution(resolved: np.ndarray, open_: np.ndarray) -> np.ndarray:
    """6: recent resolutions against open conflicts (0.5 with none)."""
    return (resolved + NO_EVIDENCE) / (resolved + open_ + 1.0)


def recognition(imposed: np.ndarray, recognised: np.ndarray) -> np.ndarray:
    """Principle 7: did the municipality let the commons' own rules stand and recognise them."""
    return (~imposed) * (0.5 + 0.5 * recognised)


def nested(tie_share: np.ndarray, in_network: np.ndarray) -> np.ndarray:
    """8: ties to other commons' members, or taking part in a learning network."""
    return 1.0 - (1.0 - tie_share) * (1.0 - in_network)


def count_in_place(scores: np.ndarray, threshold: float) -> np.ndarray:
    """How many principles (last axis) score at or above `threshold` (NaN counts as not)."""
    return np.sum(np.nan_to_num(scores, nan=-1.0) >= threshold, axis=-1)
