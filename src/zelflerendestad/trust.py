"""Trust in government and in neighbours (step 3).

Trust in government rises where officials are present (weighted by who they meet), among
passive residents with vertical reliability, falls for engaged residents who meet procedure,
falls with incidents, and is pulled towards one's contacts' trust. Trust in neighbours follows
the engaged share among one's contacts (bonding).
"""

from __future__ import annotations

import numpy as np

from .config.schema import TrustSettings


def street_contact(engaged: np.ndarray, degree: np.ndarray, bias: float) -> np.ndarray:
    """Relative chance of meeting an official in the street (mean 1 over residents).

    With bias 0 everyone is met alike; with bias > 0 officials meet the engaged and the well
    connected more often: help flows to the already active (MODEL.md step 2).
    """
    if bias == 0:
        return np.ones(engaged.size)
    visible = ((1.0 + engaged) * (1.0 + degree / max(degree.mean(), 1e-9))) ** bias
    return visible / visible.mean()


def update_trust_gov(trust: np.ndarray, engaged: np.ndarray, contact: np.ndarray,
                     contacts_mean: np.ndarray, V: float, V_procedure: float, H: float,
                     incident_hit: np.ndarray, s: TrustSettings) -> np.ndarray:
    """New trust in government after one week."""
    up = (s.presence_gain * H * contact + s.reliability_gain * V * ~engaged) * (1 - trust)
    down = s.procedure_loss * V_procedure * engaged * trust + incident_hit * trust
    social = s.social_influence * (contacts_mean - trust)
    return np.clip(trust + up - down + social, 0.0, 1.0)


def update_trust_nbr(trust: np.ndarray, engaged_share_contacts: np.ndarray,
                     rate: float) -> np.ndarray:
    """Trust in neighbours moves toward the engaged share among one's contacts."""
    return trust + rate * (engaged_share_contacts - trust)


def incident_losses(incidents_by_nbhd: np.ndarray, nbhd_size: np.ndarray,
                    neighbourhood: np.ndarray, loss: float) -> np.ndarray:
    """Per-resident relative trust loss from incidents in their neighbourhood this week."""
    per_hundred = incidents_by_nbhd / np.maximum(nbhd_size, 1) * 100.0
    return np.minimum(1.0, loss * per_hundred)[neighbourhood]


def draw_incidents(active: np.ndarray, neighbourhood: np.ndarray, n_nbhd: int, rate: float,
                   prevented: float, rng: np.random.Generator) -> np.ndarray:
    """Incidents per neighbourhood: each active resident risks one, less under control."""
    active_by = np.bincount(neighbourhood[active], minlength=n_nbhd)
    return rng.binomial(active_by, rate * (1.0 - prevented))
