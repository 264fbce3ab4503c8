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
    visible = _visibility(flags(engaged), np.asarray(degree, dtype=np.int64),
                          mean_degree(degree), bias)
    visible /= contact_scale(visible, bias)
    return visible


def mean_degree(degree: np.ndarray) -> float:
    """The mean number of contacts that `visibility` compares a resident's with."""
    return max(degree.mean(), 1e-9)


def contact_scale(visible: np.ndarray, bias: float) -> float:
    """What `visibility` is divided by to give street contact a mean of 1."""
    return visible.mean() if bias != 0 else 1.0


@kernel
def visibility(engaged, degree, mean_degree, bias):  # noqa: ANN001, ANN201
    """How visible one resident is to officials, before the scale (1 for everyone at bias 0)."""
    if bias == 0:
        return 1.0
    v = (1.0 + np.float64(engaged)) * (1.0 + degree / mean_degree)
    return v if bias == 1.0 else v ** bias  # pow is slow, and pow(v, 1) is v


@kernel
def _visibility(engaged, degree, mean_degree, bias):  # noqa: ANN001
    out = np.empty(engaged.size)
    for i in range(engaged.size):
        out[i] = visibility(engaged[i], degree[i], mean_degree, bias)
    return out


def update_trust_gov(trust: np.ndarray, engaged: np.ndarray, contact: np.ndarray,
                     contacts_mean: np.ndarray, V: float, V_procedure: float, H: float,
                     incident_hit: np.ndarray, s: TrustSettings) -> np.ndarray:
    """New trust in government after one week."""
    presence, reliability, procedure, social = trust_gov_terms(V, V_procedure, H, s, trust.size)
    return _trust_gov(floats(trust), flags(engaged), floats(contact), floats(contacts_mean),
                      presence, reliability, procedure, floats(incident_hit), social)


def trust_gov_terms(V: float, V_procedure: float | np.ndarray, H: float, s: TrustSettings,
                    n: int) -> tuple:
    """(presence, reliability, procedure per resident, social influence) of `trust_gov_step`."""
    return (s.presence_gain * H, s.reliability_gain * V,
            per_resident(s.procedure_loss * V_procedure, n), s.social_influence)


@kernel
def trust_gov_step(t, engaged, contact, contacts_mean, presence, reliability,  # noqa: ANN001, ANN201
                   procedure, hit, social_influence):
    """One resident's trust in government after a week (`update_trust_gov`)."""
    up = (presence * contact + reliability) * (1 - t)
    down = procedure * np.float64(engaged) * t + hit * t
    social = social_influence * (contacts_mean - t)
    return min(max(t + up - down + social, 0.0), 1.0)


@kernel
def _trust_gov(trust, engaged, contact, contacts_mean, presence, reliability,  # noqa: ANN001
               procedure, hit, social_influence):
    out = np.empty(trust.size)
    for i in range(trust.size):
        out[i] = trust_gov_step(trust[i], engaged[i], contact[i], contacts_mean[i], presence,
                                reliability, procedure[i], hit[i], social_influence)
    return out


def update_trust_nbr(trust: np.ndarray, engaged_share_contacts: np.ndarray,
                     rate: float) -> np.ndarray:
    """Trust in neighbours moves toward the engaged share among one's contacts."""
    return _toward(floats(trust), floats(engaged_share_contacts), rate)


@kernel
def toward(x, target, rate):  # noqa: ANN001, ANN201
    """One step of `x` toward `target` (`update_trust_nbr`)."""
    return x + rate * (target - x)


@kernel
def _toward(x, target, rate):  # noqa: ANN001
    out = np.empty(x.size)
    for i in range(x.size):
        out[i] = toward(x[i], target[i], rate)
    return out


def incident_losses(incidents_by_nbhd: np.ndarray, nbhd_size: np.ndarray,
                    neighbourhood: np.ndarray, loss: float) -> np.ndarray:
    """Per-resident relative trust loss from incidents in their neighbourhood this week."""
    return neighbourhood_losses(incidents_by_nbhd, nbhd_size, loss)[neighbourhood]


def neighbourhood_losses(incidents_by_nbhd: np.ndarray, nbhd_size: np.ndarray, loss: float
                         ) -> np.ndarray:
    """Relative trust loss of a neighbourhood's residents from its incidents this week."""
    per_hundred = incidents_by_nbhd / np.maximum(nbhd_size, 1) * 100.0
    return np.minimum(1.0, loss * per_hundred)


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
    return incidents_given(np.bincount(neighbourhood[active], minlength=nbhd_size.size),
                           nbhd_size, control, s, rng)


def incidents_given(active_by_nbhd: np.ndarray, nbhd_size: np.ndarray, control: float,
                    s: IncidentSettings, rng: np.random.Generator) -> np.ndarray:
    """`draw_incidents` from the number of active residents in each neighbourhood."""
    share = active_by_nbhd / np.maximum(nbhd_size, 1)
    return rng.binomial(nbhd_size, incident_chance(share, control, s))
