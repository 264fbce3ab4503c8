"""Trust in government and in neighbours (step 3), on a few residents by hand."""

from __future__ import annotations

import numpy as np
import pytest

from zelflerendestad import trust
from zelflerendestad.config.schema import TrustSettings


def test_street_contact_is_uniform_without_bias_and_favours_the_visible_with_it():
    engaged = np.array([False, True, True])
    degree = np.array([2.0, 2.0, 8.0])
    np.testing.assert_array_equal(trust.street_contact(engaged, degree, 0.0), [1, 1, 1])
    contact = trust.street_contact(engaged, degree, 1.0)
    # visibility (1 + engaged)(1 + degree / mean 4): 1.5, 3, 6; normalised to mean 1
    np.testing.assert_allclose(contact, np.array([1.5, 3.0, 6.0]) / 3.5)


def test_trust_in_government_by_hand():
    s = TrustSettings(presence_gain=0.1, reliability_gain=0.05, procedure_loss=0.2,
                      social_influence=0.1)
    old = np.array([0.5, 0.5, 0.5])
    engaged = np.array([False, True, True])
    contact = np.ones(3)
    contacts_mean = np.array([0.5, 0.5, 0.9])
    hit = np.array([0.0, 0.0, 0.1])
    new = trust.update_trust_gov(old, engaged, contact, contacts_mean, V=0.4, V_procedure=0.5,
                                 H=0.6, incident_hit=hit, s=s)
    # passive: + (0.1 x 0.6 + 0.05 x 0.4) x 0.5 = 0.04
    # engaged: + 0.1 x 0.6 x 0.5 = 0.03, - 0.2 x 0.5 x 0.5 = 0.05
    # the third also loses 0.1 x 0.5 to incidents and gains 0.1 x (0.9 - 0.5) from contacts
    np.testing.assert_allclose(new, [0.54, 0.48, 0.48 - 0.05 + 0.04])


def test_trust_in_government_stays_a_score():
    s = TrustSettings()
    new = trust.update_trust_gov(np.array([0.0, 1.0]), np.array([True, False]), np.ones(2),
                                 np.array([0.0, 1.0]), 1.0, 1.0, 1.0, np.array([1.0, 0.0]), s)
    assert ((new >= 0) & (new <= 1)).all()


def test_trust_in_neighbours_moves_toward_engaged_contacts():
    new = trust.update_trust_nbr(np.array([0.2, 0.8]), np.array([0.6, 0.6]), 0.25)
    np.testing.assert_allclose(new, [0.3, 0.75])


def test_incident_losses_per_hundred_residents_capped_at_one():
    losses = trust.incident_losses(np.array([2, 50]), np.array([200, 100]), np.array([0, 1, 1]),
                                   0.1)
    # neighbourhood 0: 1 incident per hundred x 0.1; neighbourhood 1: 50 per hundred -> cap 1
    np.testing.assert_allclose(losses, [0.1, 1.0, 1.0])


class Counts:
    """Records the binomial's arguments instead of drawing."""

    def binomial(self, n, p):
        self.n, self.p = n, p
        return n


def test_incidents_risked_by_active_residents_fewer_under_control():
    rng = Counts()
    active = np.array([True, True, False, True])
    trust.draw_incidents(active, np.array([0, 1, 1, 1]), 3, rate=0.1, prevented=0.25, rng=rng)
    np.testing.assert_array_equal(rng.n, [1, 2, 0])
    assert rng.p == pytest.approx(0.075)
