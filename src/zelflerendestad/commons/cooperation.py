"""Life inside a commons: contributing or free-riding, sanctions, conflicts, money, exits.

Pure functions on arrays over members (one row per member) or over commons. The weekly
orchestration is in `week.py` and `work.py`.
- Contribution (Fehr & Gachter 2000; Ostrom, Walker & Gardner 1992; DeCaro et al. 2015): in
  choice mode (the default; amount mode is `amounts.py`) an active member contributes with
  probability
  base + w_m x motivation + w_l x collective choice + w_d x deterrence - w_f x free-riding,
  where deterrence is the chance of being seen plus one's memory of sanctions, and free-riding
  is last week's share of active members who did not contribute (conditional cooperation:
  the unfinished work is felt whether or not the free-riders are seen).
- Sanctions: a free-rider seen by members gets a graduated sanction if the commons' rules are
  graduated (severity offences / steps), otherwise, and always when caught by municipal
  enforcement, one of full severity. A sanction may be contested (a conflict) in proportion to
  severity x (1 - took part in making the rules), and may drive the sanctioned out.
- Contributors carry the commons' work: more drain when fewer than a core team share it,
  less when more do (volhoudbaarheid, burnout).
- Every exit has a cause; the hazards are competing risks drawn with one uniform number.
"""

from __future__ import annotations

import numpy as np

from ..config.commons_schema import CooperationSettings, ExitSettings
from .state import EXIT_CAUSES

CAUSE = {name: k for k, name in enumerate(EXIT_CAUSES)}


def contribution_probability(motivation: np.ndarray, legitimacy: np.ndarray,
                             deterrence: np.ndarray, free_riding: np.ndarray,
                             s: CooperationSettings) -> np.ndarray:
    """Chance each active member contributes this week."""
    p = (s.base + s.motivation_weight * motivation + s.legitimacy_weight * legitimacy
         + s.deterrence_weight * deterrence - s.conditional_weight * free_riding)
    return np.clip(p, 0.0, 1.0)


def work_drain(contributors: np.ndarray, s: CooperationSettings, relief: np.ndarray
               ) -> np.ndarray:
    """Extra energy each contributor of each commons spends this week (negative: relief).

    The load is core_team / contributors within [0.5, 3]: a full core team (load 1) adds
    nothing to the drain volunteering already carries, fewer contributors add up to twice
    `task_drain`, a commons twice the core team's size takes half of it away.
    """
    load = np.clip(s.core_team / np.maximum(contributors, 1), 0.5, 3.0)
    return s.task_drain * (load - 1.0) * (1.0 - relief)


def sanction_severity(offences: np.ndarray, graduated: np.ndarray, steps: int) -> np.ndarray:
    """Severity in (0, 1]: graduated by offence count, or full at once."""
    return np.where(graduated, np.minimum(offences, steps) / steps, 1.0)


def public_value(contributors: np.ndarray, congruence: np.ndarray, per: float) -> np.ndarray:
    """Public value produced this week: contributions, worth more under fitting rules."""
    return per * contributors * (0.5 + 0.5 * congruence)


def conflict_rate(members: np.ndarray, congruence: np.ndarray, rate: float,
                  incongruence_weight: float) -> np.ndarray:
    """Expected new conflicts this week (before contested sanctions)."""
    return rate * members / 10.0 * (1.0 + incongruence_weight * (1.0 - congruence))


def resolve_probability(connector_share: np.ndarray, H: float, nested: np.ndarray,
                        base: float, mediation: float, facilitation: float,
                        support: float) -> np.ndarray:
    """Weekly chance an open conflict gets resolved."""
    p = base + mediation * connector_share + facilitation * H + support * nested
    return np.clip(p, 0.0, 1.0)


def exit_hazards(burnt_out: np.ndarray, engaged: np.ndarray, contributed: np.ndarray,
                 free_riding: np.ndarray, open_conflicts: np.ndarray, imposed: np.ndarray,
                 harsh: np.ndarray, exit_per_conflict: float, imposed_exit: float,
                 s: ExitSettings) -> np.ndarray:
    """Weekly exit chance per member (rows) and cause (columns of EXIT_CAUSES)."""
    h = np.zeros((burnt_out.size, len(EXIT_CAUSES)))
    h[:, CAUSE["volunteer_burnout"]] = s.burnout * burnt_out
    h[:, CAUSE["lost_interest"]] = s.lapsed * ~engaged
    h[:, CAUSE["free_riding"]] = s.frustration * free_riding * contributed
    h[:, CAUSE["unresolved_conflict"]] = exit_per_conflict * open_conflicts
    h[:, CAUSE["overruled_by_imposed_rules"]] = imposed_exit * imposed
    h[:, CAUSE["harsh_sanctions"]] = harsh
    h[:, CAUSE["other"]] = s.base
    return np.clip(h, 0.0, 1.0)


def draw_exits(hazards: np.ndarray, leave_draws: np.ndarray, cause_draws: np.ndarray
               ) -> np.ndarray:
    """Competing risks: -1 for members who stay, else the index of their exit cause.

    A member leaves when its leave draw u < 1 - prod(1 - h); the cause is chosen with chance
    proportional to its hazard, using the member's second uniform (its cause draw).
    """
    total = 1.0 - np.prod(1.0 - hazards, axis=1)
    share = np.cumsum(hazards, axis=1) / np.maximum(hazards.sum(axis=1, keepdims=True), 1e-12)
    cause = np.minimum((share < cause_draws[:, None]).sum(axis=1), hazards.shape[1] - 1)
    return np.where(leave_draws < total, cause, -1)


def ema(old: np.ndarray, new: np.ndarray, memory: float) -> np.ndarray:
    """Exponential moving average with a memory of `memory` weeks."""
    return old + (new - old) / memory


def peer_punishment(short: np.ndarray, punisher: np.ndarray, cm: np.ndarray,
                    members: np.ndarray, visible: float, propensity: float,
                    rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Costly peer punishment (Fehr & Gachter 2000): (punishments received, given) per member.

    `short` (how far a member falls short, in [0, 1]: 1 or True for a free-rider) and
    `punisher` (contributing members allowed to punish) are per member row, `cm` their
    commons. Each member falling short is punished by each of the P punishers of their commons
    who sees them, Binomial(P, propensity x min(1, visible / members) x short); the
    punishments a commons deals out are shared equally among its punishers (their cost
    follows what they give).
    """
    n = members.size
    n_punishers = np.bincount(cm[punisher], minlength=n)[:n]
    received = np.zeros(short.size)
    hit = (short > 0) & (n_punishers[cm] > 0)
    if hit.any():
        seen = np.minimum(1.0, visible / np.maximum(members, 1))
        received[hit] = rng.binomial(n_punishers[cm[hit]],
                                     propensity * seen[cm[hit]] * short[hit])
    dealt = np.bincount(cm, weights=received, minlength=n)[:n]
    given = np.where(punisher, dealt[cm] / np.maximum(n_punishers[cm], 1), 0.0)
    return received, given
