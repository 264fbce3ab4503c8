"""Trust in government and in neighbours (step 3), on a few residents by hand."""

from __future__ import annotations

import numpy as np

from zelflerendestad import trust
from zelflerendestad.config.schema import IncidentSettings, TrustSettings


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
    # everyone: + (0.1 x 0.6 + 0.05 x 0.4) x 0.5 = 0.04 (reliability reaches the engaged too)
    # engaged: - 0.2 x 0.5 x 0.5 = 0.05 procedure
    # the third also loses 0.1 x 0.5 to incidents and gains 0.1 x (0.9 - 0.5) from contacts
    np.testing.assert_allclose(new, [0.54, 0.49, 0.49 - 0.05 + 0.04])


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
    s = IncidentSettings(rate=0.1, base_rate=0.0, control_reduction=0.25)
    trust.draw_incidents(active, np.array([0, 1, 1, 1]), np.array([1, 3, 0]), 1.0, s, rng)
    # every resident draws; chance 0.1 x active share (1, 2/3, 0) x (1 - 0.25 x control 1)
    np.testing.assert_array_equal(rng.n, [1, 3, 0])
    np.testing.assert_allclose(rng.p, [0.075, 0.05, 0.0])


def test_reliability_reaches_engaged_and_passive_alike_presence_only_who_is_met():
    s = TrustSettings(presence_gain=0.1, reliability_gain=0.1, procedure_loss=0.0,
                      social_influence=0.0)
    t = np.full(3, 0.5)
    engaged = np.array([False, True, True])
    contact = np.array([0.0, 0.0, 2.0])
    # V only: everyone gains 0.1 x 1 x 0.5 = 0.05; H only: 0.1 x 0.5 x contact x 0.5
    by_v = trust.update_trust_gov(t, engaged, contact, t, 1.0, 0.0, 0.0, np.zeros(3), s)
    by_h = trust.update_trust_gov(t, engaged, contact, t, 0.0, 0.0, 0.5, np.zeros(3), s)
    np.testing.assert_allclose(by_v, [0.55, 0.55, 0.55])
    np.testing.assert_allclose(by_h, [0.5, 0.5, 0.55])


def test_incident_chance_from_active_and_all_residents_against_control_and_efficacy():
    s = IncidentSettings(rate=0.01, base_rate=0.004, control_reduction=0.5,
                         collective_efficacy=0.5)
    share = np.array([0.0, 0.5, 1.0])
    # no control: 0.01 x share + 0.004 x (1 - 0.5 x share)
    np.testing.assert_allclose(trust.incident_chance(share, 0.0, s), [0.004, 0.008, 0.012])
    # full control halves both kinds
    np.testing.assert_allclose(trust.incident_chance(share, 1.0, s), [0.002, 0.004, 0.006])


def test_incidents_happen_without_any_active_resident():
    s = IncidentSettings(rate=0.0, base_rate=0.5, control_reduction=0.0)
    active = np.zeros(200, dtype=bool)
    nbhd = np.repeat([0, 1], 100)
    got = trust.draw_incidents(active, nbhd, np.array([100, 100]), 0.0, s,
                               np.random.default_rng(1))
    assert got.shape == (2,) and (got > 20).all() and (got < 80).all()
    none = trust.draw_incidents(active, nbhd, np.array([100, 100]), 0.0,
                                IncidentSettings(rate=0.0, base_rate=0.0),
                                np.random.default_rng(1))
    np.testing.assert_array_equal(none, [0, 0])
