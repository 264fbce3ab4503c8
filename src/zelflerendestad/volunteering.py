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
from .jit import flags, floats, kernel, per_resident


def update_ownership(own: np.ndarray, base: np.ndarray, engaged: np.ndarray,
                     contact: np.ndarray, H: float, V: float, V_procedure: float,
                     s: ResidentSettings) -> np.ndarray:
    """New ownership after one week: recognition and programme roles, procedure, relaxation."""
    return _ownership(floats(own), floats(base), flags(engaged), floats(contact),
                      s.ownership_gain * H, s.programme_role_gain * V,
                      per_resident(s.ownership_procedure_loss * V_procedure, own.size),
                      s.ownership_decay)


@kernel
def _ownership(own, base, engaged, contact, recognition, role, procedure, decay):  # noqa: ANN001
    out = np.empty(own.size)
    for i in range(own.size):
        o, e = own[i], np.float64(engaged[i])
        gain = (recognition * contact[i] + role) * e * (1 - o)
        loss = procedure[i] * e * o
        out[i] = min(max(o + gain - loss + decay * (base[i] - o), 0.0), 1.0)
    return out


def update_energy(energy: np.ndarray, active: np.ndarray, active_share_contacts: np.ndarray,
                  relief: float, V: float, s: ResidentSettings) -> np.ndarray:
    """Energy after one week: recovery minus the work carried.

    The load is shared with active contacts and grows when the municipality does less
    itself (V low): x (1 + lone_load x (1 - active share)) x (1 + handover_load x (1 - V)).
    """
    return _energy(floats(energy), flags(active), floats(active_share_contacts),
                   per_resident(s.energy_drain * (1.0 - relief), energy.size), s.lone_load,
                   1.0 + s.handover_load * (1.0 - V), s.energy_recovery)


@kernel
def _energy(energy, active, share, drain, lone, handover, recovery):  # noqa: ANN001
    out = np.empty(energy.size)
    for i in range(energy.size):
        load = (1.0 + lone * (1.0 - share[i])) * handover
        spent = drain[i] * load * np.float64(active[i])
        out[i] = min(max(energy[i] + recovery * (1 - energy[i]) - spent, 0.0), 1.0)
    return out


def update_burnout(burnt_out: np.ndarray, energy: np.ndarray, level: float) -> np.ndarray:
    """Burn out below `level`; recover once energy is back half-way between level and full."""
    return _burnout(flags(burnt_out), floats(energy), level, 0.5 * (1.0 + level))


@kernel
def _burnout(burnt_out, energy, level, recovered):  # noqa: ANN001
    out = np.empty(energy.size, dtype=np.bool_)
    for i in range(energy.size):
        out[i] = (burnt_out[i] or energy[i] < level) and not energy[i] >= recovered
    return out


def action_threshold(threshold: float, relief: float, control: float) -> float:
    """Ownership needed to act: legal certainty (who is liable?) lowers it under control."""
    return threshold * (1.0 - relief * control)


def is_active(engaged: np.ndarray, ownership: np.ndarray, burnt_out: np.ndarray,
              threshold: float) -> np.ndarray:
    """Active citizens: engaged, owning enough, and not burnt out."""
    return _active(flags(engaged), floats(ownership), flags(burnt_out),
                   per_resident(threshold, engaged.size))


@kernel
def _active(engaged, ownership, burnt_out, threshold):  # noqa: ANN001
    out = np.empty(engaged.size, dtype=np.bool_)
    for i in range(engaged.size):
        out[i] = engaged[i] and ownership[i] >= threshold[i] and not burnt_out[i]
    return out
