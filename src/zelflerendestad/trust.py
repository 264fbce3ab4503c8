"""Trust in government and in neighbours (step 3).

Trust in government rises where officials are present (weighted by who they meet) and, for
everyone alike, with vertical reliability (accountable, predictable rules and services); it falls
for engaged residents who meet procedure, falls with incidents in one's neighbourhood, and is
pulled towards one's contacts' trust. Trust in neighbours follows the engaged share among one's
contacts (bonding).

Incidents come from two sources: active residents' initiatives (a mishap: an unsafe event, money
gone astray) and every resident (nuisance, neglect). Control prevents both (accountability);
the base kind is also prevented by a neighbourhood's active share (collective efficacy, Sampson,
Raudenbush & Earls 1997), so both levers can lower incidents and neither is assumed to win.
"""

from __future__ import annotations

import numpy as np

from .config.schema import IncidentSettings, TrustSettings
from .jit import flags, floats, kernel, per_resident


def street_contact(engaged: np.ndarray, degree: np.ndarray, bias: float) -> np.ndarray:
    """Relative chance of meeting an official in the street (mean 1 over residents).

    With bias 0 everyone is met alike; with bias > 0 officials meet the engaged and the well
    connected more often: help flows to the already active (MODEL.md step 2).
    """
    if bias == 0:
        return np.ones(engaged.size)
    visible = _visibility(flags(engaged), np.asarray(degree, dtype=np.int64),
                          max(degree.mean(), 1e-9), bias)
    visible /= visible.mean()
    return visible


@kernel
def _visibility(engaged, degree, mean_degree, bias):  # noqa: ANN001
    out = np.empty(engaged.size)
    for i in range(engaged.size):
        v = (1.0 + np.float64(engaged[i])) * (1.0 + degree[i] / mean_degree)
        out[i] = v if bias == 1.0 else v ** bias  # pow is slow, and pow(v, 1) is v
    return out


def update_trust_gov(trust: np.ndarray, engaged: np.ndarray, contact: np.ndarray,
                     contacts_mean: np.ndarray, V: float, V_procedure: float, H: float,
                     incident_hit: np.ndarray, s: TrustSettings) -> np.ndarray:
    """New trust in government after one week."""
    return _trust_gov(floats(trust), flags(engaged), floats(contact), floats(contacts_mean),
                      s.presence_gain * H, s.reliability_gain * V,
                      per_resident(s.procedure_loss * V_procedure, trust.size),
                      floats(incident_hit), s.social_influence)


@kernel
def _trust_gov(trust, engaged, contact, contacts_mean, presence, reliability,  # noqa: ANN001
               procedure, hit, social_influence):
    out = np.empty(trust.size)
    for i in range(trust.size):
        t = trust[i]
        up = (presence * contact[i] + reliability) * (1 - t)
        down = procedure[i] * np.float64(engaged[i]) * t + hit[i] * t
        social = social_influence * (contacts_mean[i] - t)
        out[i] = min(max(t + up - down + social, 0.0), 1.0)
    return out


def update_trust_nbr(trust: np.ndarray, engaged_share_contacts: np.ndarray,
                     rate: float) -> np.ndarray:
    """Trust in neighbours moves toward the engaged share among one's contacts."""
    return _toward(floats(trust), floats(engaged_share_contacts), rate)


@kernel
def _toward(x, target, rate):  # noqa: ANN001
    out = np.empty(x.size)
    for i in range(x.size):
        out[i] = x[i] + rate * (target[i] - x[i])
    return out


def incident_losses(incidents_by_nbhd: np.ndarray, nbhd_size: np.ndarray,
                    neighbourhood: np.ndarray, loss: float) -> np.ndarray:
    """Per-resident relative trust loss from incidents in their neighbourhood this week."""
    per_hundred = incidents_by_nbhd / np.maximum(nbhd_size, 1) * 100.0
    return np.minimum(1.0, loss * per_hundred)[neighbourhood]


def incident_chance(active_share: np.ndarray, control: float, s: IncidentSettings
                    ) -> np.ndarray:
    """Weekly incident chance per resident of each neighbourhood, given its active share.

    p = (rate x active share + base_rate x (1 - collective_efficacy x active share))
        x (1 - control_reduction x control)
    """
    base = s.base_rate * (1.0 - s.collective_efficacy * active_share)
    return np.clip((s.rate * active_share + base) * (1.0 - s.control_reduction * control),
                   0.0, 1.0)


def draw_incidents(active: np.ndarray, neighbourhood: np.ndarray, nbhd_size: np.ndarray,
                   control: float, s: IncidentSettings, rng: np.random.Generator
                   ) -> np.ndarray:
    """Incidents per neighbourhood this week (one binomial draw per neighbourhood)."""
    active_by = np.bincount(neighbourhood[active], minlength=nbhd_size.size)
    share = active_by / np.maximum(nbhd_size, 1)
    return rng.binomial(nbhd_size, incident_chance(share, control, s))
