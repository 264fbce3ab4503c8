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
                      *ownership_terms(H, V, V_procedure, s, own.size))


def ownership_terms(H: float, V: float, V_procedure: float | np.ndarray, s: ResidentSettings,
                    n: int) -> tuple:
    """(recognition, role, procedure per resident, decay) of `ownership_step` this week."""
    return (s.ownership_gain * H, s.programme_role_gain * V,
            per_resident(s.ownership_procedure_loss * V_procedure, n), s.ownership_decay)


@kernel
def ownership_step(o, base, engaged, contact, recognition, role, procedure, decay):  # noqa: ANN001, ANN201
    """One resident's ownership after a week (`update_ownership`)."""
    e = np.float64(engaged)
    gain = (recognition * contact + role) * e * (1 - o)
    loss = procedure * e * o
    return min(max(o + gain - loss + decay * (base - o), 0.0), 1.0)


@kernel
def _ownership(own, base, engaged, contact, recognition, role, procedure, decay):  # noqa: ANN001
    out = np.empty(own.size)
    for i in range(own.size):
        out[i] = ownership_step(own[i], base[i], engaged[i], contact[i], recognition, role,
                                procedure[i], decay)
    return out


def update_energy(energy: np.ndarray, active: np.ndarray, active_share_contacts: np.ndarray,
                  relief: float, V: float, s: ResidentSettings) -> np.ndarray:
    """Energy after one week: recovery minus the work carried.

    The load is shared with active contacts and grows when the municipality does less
    itself (V low): x (1 + lone_load x (1 - active share)) x (1 + handover_load x (1 - V)).
    """
    return _energy(floats(energy), flags(active), floats(active_share_contacts),
                   *energy_terms(relief, V, s, energy.size))


def energy_terms(relief: float | np.ndarray, V: float, s: ResidentSettings, n: int) -> tuple:
    """(drain per resident, lone load, handover factor, recovery) of `energy_step`."""
    return (per_resident(s.energy_drain * (1.0 - relief), n), s.lone_load,
            1.0 + s.handover_load * (1.0 - V), s.energy_recovery)


@kernel
def energy_step(energy, active, share, drain, lone, handover, recovery):  # noqa: ANN001, ANN201
    """One resident's energy after a week (`update_energy`; `handover` the factor of V)."""
    load = (1.0 + lone * (1.0 - share)) * handover
    spent = drain * load * np.float64(active)
    return min(max(energy + recovery * (1 - energy) - spent, 0.0), 1.0)


@kernel
def _energy(energy, active, share, drain, lone, handover, recovery):  # noqa: ANN001
    out = np.empty(energy.size)
    for i in range(energy.size):
        out[i] = energy_step(energy[i], active[i], share[i], drain[i], lone, handover, recovery)
    return out


def update_burnout(burnt_out: np.ndarray, energy: np.ndarray, level: float) -> np.ndarray:
    """Burn out below `level`; recover once energy is back half-way between level and full."""
    return _burnout(flags(burnt_out), floats(energy), *burnout_terms(level))


def burnout_terms(level: float) -> tuple[float, float]:
    """(level, recovered) of `burnout_step`: recovered half-way between level and full."""
    return level, 0.5 * (1.0 + level)


@kernel
def burnout_step(burnt_out, energy, level, recovered):  # noqa: ANN001, ANN201
    """One resident burnt out after a week (`update_burnout`; `recovered` the half-way mark)."""
    return (burnt_out or energy < level) and not energy >= recovered


@kernel
def _burnout(burnt_out, energy, level, recovered):  # noqa: ANN001
    out = np.empty(energy.size, dtype=np.bool_)
    for i in range(energy.size):
        out[i] = burnout_step(burnt_out[i], energy[i], level, recovered)
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
def acts(engaged, ownership, burnt_out, threshold):  # noqa: ANN001, ANN201
    """One resident active (`is_active`)."""
    return engaged and ownership >= threshold and not burnt_out


@kernel
def _active(engaged, ownership, burnt_out, threshold):  # noqa: ANN001
    out = np.empty(engaged.size, dtype=np.bool_)
    for i in range(engaged.size):
        out[i] = acts(engaged[i], ownership[i], burnt_out[i], threshold[i])
    return out
