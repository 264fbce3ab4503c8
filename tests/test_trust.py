"""Trust in government and incidents, on a few residents and neighbourhoods by hand."""

from __future__ import annotations

import numpy as np

from zelflerendestad import trust
from zelflerendestad.config.schema import IncidentSettings, TrustSettings


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
