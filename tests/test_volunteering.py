"""Ownership, energy and burnout (step 3), on a few residents by hand."""

from __future__ import annotations

import numpy as np

from zelflerendestad import volunteering as vol
from zelflerendestad.config.schema import ResidentSettings


def test_ownership_by_hand():
    s = ResidentSettings(ownership_gain=0.2, ownership_procedure_loss=0.1, ownership_decay=0.05)
    own = np.array([0.5, 0.5])
    base = np.array([0.3, 0.3])
    engaged = np.array([True, False])
    new = vol.update_ownership(own, base, engaged, np.ones(2), H=0.5, V=0.0, V_procedure=0.4,
                               s=s)
    # engaged: + 0.2 x 0.5 x 0.5 = 0.05, - 0.1 x 0.4 x 0.5 = 0.02; both relax 0.05 x -0.2
    np.testing.assert_allclose(new, [0.5 + 0.05 - 0.02 - 0.01, 0.49])


def test_energy_drains_more_for_those_who_work_alone():
    s = ResidentSettings(energy_drain=0.1, energy_recovery=0.1, lone_load=1.0)
    energy = np.full(3, 0.5)
    active = np.array([True, True, False])
    shared = np.array([1.0, 0.0, 0.0])
    new = vol.update_energy(energy, active, shared, relief=0.0, V=1.0, s=s)  # no handover
    # recovery 0.1 x 0.5 = 0.05 for all; drain 0.1 x load (1 with active contacts, 2 alone)
    np.testing.assert_allclose(new, [0.45, 0.35, 0.55])
    relieved = vol.update_energy(energy, active, shared, relief=0.5, V=1.0, s=s)
    np.testing.assert_allclose(relieved, [0.5, 0.45, 0.55])


def test_burnout_has_hysteresis():
    level = 0.2
    burnt = np.array([False, True, True, False])
    energy = np.array([0.1, 0.5, 0.7, 0.5])
    # below 0.2 burns out; recovers only at 0.5 x (1 + 0.2) = 0.6 or more
    np.testing.assert_array_equal(vol.update_burnout(burnt, energy, level),
                                  [True, True, False, False])


def test_active_means_engaged_owning_and_not_burnt_out():
    np.testing.assert_array_equal(
        vol.is_active(np.array([True, True, True, False]), np.array([0.5, 0.1, 0.5, 0.9]),
                      np.array([False, False, True, False]), 0.3),
        [True, False, False, False])


def settings(**kw):
    return ResidentSettings(**{"ownership_gain": 0.0, "ownership_procedure_loss": 0.0,
                               "ownership_decay": 0.0, "programme_role_gain": 0.0, **kw})


def test_programme_roles_reach_every_engaged_resident_alike():
    # contact 0 (never met by an official) or 3: role gain 0.1 x V 0.5 x (1 - 0.2) = 0.04
    own = np.full(3, 0.2)
    out = vol.update_ownership(own, own, np.array([True, True, False]),
                                        np.array([0.0, 3.0, 1.0]), 0.0, 0.5, 0.0,
                                        settings(programme_role_gain=0.1))
    np.testing.assert_allclose(out, [0.24, 0.24, 0.2])


def test_net_effect_of_vertical_on_ownership_changes_sign_with_ownership():
    # gain 0.02 x (1 - own) minus loss 0.02 x own at V = procedure = 1: zero at own = 0.5
    own = np.array([0.2, 0.5, 0.8])
    out = vol.update_ownership(own, own, np.ones(3, dtype=bool), np.ones(3), 0.0,
                                        1.0, 1.0, settings(programme_role_gain=0.02,
                                                           ownership_procedure_loss=0.02))
    np.testing.assert_allclose(out - own, [0.012, 0.0, -0.012])


def test_horizontal_recognition_follows_street_contact():
    own = np.zeros(2)
    out = vol.update_ownership(own, own, np.ones(2, dtype=bool),
                                        np.array([0.0, 2.0]), 0.5, 0.0, 0.0,
                                        settings(ownership_gain=0.1))
    np.testing.assert_allclose(out, [0.0, 0.1])


def test_handover_makes_volunteering_heavier_when_the_municipality_steps_back():
    # drain 0.1 x (1 + lone 1 x (1 - 0.5)) x (1 + handover 0.5 x (1 - V)), no recovery
    s = settings(energy_drain=0.1, lone_load=1.0, handover_load=0.5, energy_recovery=0.0)
    energy, active, share = np.ones(3), np.array([True, True, False]), np.full(3, 0.5)
    at_v0 = vol.update_energy(energy, active, share, 0.0, 0.0, s)
    at_v1 = vol.update_energy(energy, active, share, 0.0, 1.0, s)
    np.testing.assert_allclose(at_v0, [0.775, 0.775, 1.0])
    np.testing.assert_allclose(at_v1, [0.85, 0.85, 1.0])


def test_legal_certainty_lowers_the_ownership_needed_to_act():
    assert vol.action_threshold(0.3, 0.2, 0.0) == 0.3
    assert np.isclose(vol.action_threshold(0.3, 0.2, 1.0), 0.24)
    own = np.array([0.25, 0.25])
    active = vol.is_active(np.array([True, True]), own, np.array([False, True]),
                                    vol.action_threshold(0.3, 0.2, 1.0))
    np.testing.assert_array_equal(active, [True, False])
