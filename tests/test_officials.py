"""Officials' week: urgency crowds out street and learning time; culture protects learning."""

from __future__ import annotations

import numpy as np

from zelflerendestad import officials
from zelflerendestad.config.schema import OfficialsSettings
from zelflerendestad.municipality import hill_climb, intensities


def test_urgency_crowds_out_street_and_learning_culture_protects_learning():
    style = np.array([0.5, 0.5])
    urgency = np.array([0.0, 0.8])
    street, learn = officials.allocate_time(urgency, style, 0.5, 0.2, 0.0, 0.0)
    assert street[1] < street[0] and learn[1] < learn[0]
    _, protected = officials.allocate_time(urgency, style, 0.5, 0.2, 1.0, 0.0)
    assert protected[1] == protected[0] == 0.2


def settings(**kw):
    return OfficialsSettings(**{"strain_rate": 1.0, "strain_mismatch_weight": 0.5, **kw})


def test_strain_grows_with_style_mismatch():
    out = officials.update_strain(np.zeros(2), np.array([0.5, 1.0]), 1.0, np.zeros(2),
                                  np.zeros(2), np.zeros(2, dtype=bool), settings())
    assert out[1] > out[0]


def test_street_time_strains_and_sick_leave_rests():
    # style 0.5 at vertical share 0.5: no mismatch; urgency 0.4 -> 0.5 x 0.4 = 0.2,
    # plus street_strain 0.3 x street 0.5 = 0.15; an official off sick heads for 0
    out = officials.update_strain(np.full(3, 0.5), np.full(3, 0.5), 0.5, np.full(3, 0.4),
                                  np.array([0.0, 0.5, 0.5]), np.array([False, False, True]),
                                  settings(street_strain=0.3))
    np.testing.assert_allclose(out, [0.2, 0.35, 0.0])


def test_sick_leave_and_quitting_grow_with_strain():
    strain = np.array([0.0, 0.5, 1.0])
    u = np.full(3, 0.04)
    np.testing.assert_array_equal(officials.draw_sick_leave(strain, 0.1, u),
                                  [False, True, True])  # chances 0, 0.05, 0.1
    o = officials.create_officials(OfficialsSettings(count=3), np.random.default_rng(0))
    o.strain, o.order = strain.copy(), np.array([4, 4, 4], dtype=np.int8)
    left = officials.leave_and_replace(o, 0.06, u)  # chances 0, 0.03, 0.06
    np.testing.assert_array_equal(left, [False, False, True])
    np.testing.assert_array_equal(o.order, [4, 4, 1])
    np.testing.assert_allclose(o.strain, [0.0, 0.5, 0.0])


def test_intensities_are_capped_and_hill_climb_turns_when_worse():
    assert intensities(0.5, 2.0, 1.0) == (1.0, 1.0)
    vs, d = hill_climb(0.5, 1.0, observed=0.4, last_observed=0.5, step=0.1)
    assert (round(vs, 6), d) == (0.4, -1.0)
    vs, d = hill_climb(0.5, 1.0, observed=0.6, last_observed=0.5, step=0.1)
    assert (round(vs, 6), d) == (0.6, 1.0)
