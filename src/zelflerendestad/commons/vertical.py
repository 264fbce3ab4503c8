"""What the municipality's rules, control, money and coordination give a commons, and cost it.

Vertical steering's gains inside commons, each a mechanism with its cost elsewhere, so that
whether a lever helps a commons depends on its state and the parameters:
- legal certainty: written standard rules (imposed) avoid part of the conflicts the work
  brings (at the costs imposed rules already carry: misfit, no say, overruled exits);
- a neutral arbiter: municipal enforcement helps resolve conflicts (at the harsh, contested
  sanctions it brings);
- protection against capture: influence in a commons drifts towards a few unless it answers
  to someone, the municipality (vertical accountability) or its own members (P3 collective
  choice, P4 monitoring); capture drives out members who had no say and hollows out the
  legitimacy of the rules (Ostrom 1990; seed 003: who sees to it that nobody is left out);
- subsidy conditions and municipal coordination (P8) cost contributors a fixed weekly load
  of procedure, shared among however many there are: light in a large commons, heavy in one
  carried by a few.
Pure functions over arrays (one row per commons); `work.py`, `review.py` and `week.py` call
them.
"""

from __future__ import annotations

import numpy as np


def accountable(imposed: np.ndarray, enforced: np.ndarray, audited: bool) -> np.ndarray:
    """1 where the commons answers to the municipality (its rules, enforcement or audit)."""
    return (imposed | enforced | audited).astype(np.float64)


def capture_level(accountable: np.ndarray, made_share: np.ndarray, monitoring: np.ndarray,
                  vertical_check: float, self_check: float) -> np.ndarray:
    """The capture a commons drifts towards: what neither check prevents.

    level = (1 - vertical_check x accountable) x (1 - self_check x self-governance), with
    self-governance the mean of P3 (share of members who made the rules in force) and peer
    monitoring (0 or 1). Imposed rules add the vertical check but remove the P3 half of the
    horizontal one, so whether they protect members depends on the two checks.
    """
    governed = 0.5 * (made_share + monitoring)
    return (1.0 - vertical_check * accountable) * (1.0 - self_check * governed)


def capture_step(capture: np.ndarray, level: np.ndarray, rate: float) -> np.ndarray:
    """This week's capture: a step `rate` of the way towards its level."""
    return capture + rate * (level - capture)


def legitimacy(made_share: np.ndarray, capture: np.ndarray) -> np.ndarray:
    """P3 as members feel it: the rules one made count as far as the few do not decide."""
    return made_share * (1.0 - capture)


def capture_exit(capture: np.ndarray, made: np.ndarray, exit_rate: float) -> np.ndarray:
    """Weekly exit hazard per member: those without a say leave a captured commons."""
    return exit_rate * capture * ~made


def clarity_factor(imposed: np.ndarray, clarity: float) -> np.ndarray:
    """Multiplier on the conflicts the work brings: written standard rules avoid some."""
    return 1.0 - clarity * imposed


def procedure_load(load: np.ndarray, contributors: np.ndarray) -> np.ndarray:
    """Extra energy per contributor: a commons' fixed weekly procedure shared among them."""
    return load / np.maximum(contributors, 1)


def coordinate(linked: np.ndarray, V: float, rate: float, u: np.ndarray) -> np.ndarray:
    """Who is in the municipality's network of commons this week (P8).

    Outside, a commons is linked with chance rate x V; inside, it drops out with chance
    rate x (1 - V); so in equilibrium a share V is linked, reached at speed `rate`.
    """
    return np.where(linked, u >= rate * (1.0 - V), u < rate * V)
