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
    new = vol.update_ownership(own, base, engaged, np.ones(2), H=0.5, V_procedure=0.4, s=s)
    # engaged: + 0.2 x 0.5 x 0.5 = 0.05, - 0.1 x 0.4 x 0.5 = 0.02; both relax 0.05 x -0.2
    np.testing.assert_allclose(new, [0.5 + 0.05 - 0.02 - 0.01, 0.49])


def test_energy_drains_more_for_those_who_work_alone():
    s = ResidentSettings(energy_drain=0.1, energy_recovery=0.1, lone_load=1.0)
    energy = np.full(3, 0.5)
    active = np.array([True, True, False])
    shared = np.array([1.0, 0.0, 0.0])
    new = vol.update_energy(energy, active, shared, relief=0.0, s=s)
    # recovery 0.1 x 0.5 = 0.05 for all; drain 0.1 x load (1 with active contacts, 2 alone)
    np.testing.assert_allclose(new, [0.45, 0.35, 0.55])
    relieved = vol.update_energy(energy, active, shared, relief=0.5, s=s)
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
