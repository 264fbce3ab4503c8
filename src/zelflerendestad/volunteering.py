"""Ownership, energy and burnout of engaged residents (step 3).

Ownership (eigenaarschap) grows for engaged residents whom horizontal work recognises (as often
as officials meet them: help flows to the already visible) and for engaged residents whom
vertical programmes give a role (everyone alike), shrinks under vertical procedure and relaxes to
each person's base level. So the net effect of V on an engaged resident's ownership is
role_gain x (1 - own) - procedure_loss x own: positive for low, negative for high ownership.
Legal certainty (control) lowers the ownership needed to act. Active residents spend energy,
more so when few of their contacts share the work and when the municipality leaves the work to
them (handover); below `burnout_level` they burn out and stop until they have recovered
half-way (volhoudbaarheid).
"""

from __future__ import annotations

import numpy as np

from .config.schema import ResidentSettings


def update_ownership(own: np.ndarray, base: np.ndarray, engaged: np.ndarray,
                     contact: np.ndarray, H: float, V: float, V_procedure: float,
                     s: ResidentSettings) -> np.ndarray:
    """New ownership after one week: recognition and programme roles, procedure, relaxation."""
    gain = (s.ownership_gain * H * contact + s.programme_role_gain * V) * engaged * (1 - own)
    loss = s.ownership_procedure_loss * V_procedure * engaged * own
    relax = s.ownership_decay * (base - own)
    return np.clip(own + gain - loss + relax, 0.0, 1.0)


def update_energy(energy: np.ndarray, active: np.ndarray, active_share_contacts: np.ndarray,
                  relief: float, V: float, s: ResidentSettings) -> np.ndarray:
    """Energy after one week: recovery minus the work carried.

    The load is shared with active contacts and grows when the municipality does less
    itself (V low): x (1 + lone_load x (1 - active share)) x (1 + handover_load x (1 - V)).
    """
    load = (1.0 + s.lone_load * (1.0 - active_share_contacts)) * (
        1.0 + s.handover_load * (1.0 - V))
    drain = s.energy_drain * (1.0 - relief) * load * active
    return np.clip(energy + s.energy_recovery * (1 - energy) - drain, 0.0, 1.0)


def update_burnout(burnt_out: np.ndarray, energy: np.ndarray, level: float) -> np.ndarray:
    """Burn out below `level`; recover once energy is back half-way between level and full."""
    return (burnt_out | (energy < level)) & ~(energy >= 0.5 * (1.0 + level))


def action_threshold(threshold: float, relief: float, control: float) -> float:
    """Ownership needed to act: legal certainty (who is liable?) lowers it under control."""
    return threshold * (1.0 - relief * control)


def is_active(engaged: np.ndarray, ownership: np.ndarray, burnt_out: np.ndarray,
              threshold: float) -> np.ndarray:
    """Active citizens: engaged, owning enough, and not burnt out."""
    return engaged & (ownership >= threshold) & ~burnt_out
