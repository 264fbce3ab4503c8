"""Officials' week: urgency crowds out street and learning time; culture protects learning."""

from __future__ import annotations

import numpy as np

from zelflerendestad import officials
from zelflerendestad.municipality import hill_climb, intensities


def test_urgency_crowds_out_street_and_learning_culture_protects_learning():
    style = np.array([0.5, 0.5])
    urgency = np.array([0.0, 0.8])
    street, learn = officials.allocate_time(urgency, style, 0.5, 0.2, 0.0, 0.0)
    assert street[1] < street[0] and learn[1] < learn[0]
    _, protected = officials.allocate_time(urgency, style, 0.5, 0.2, 1.0, 0.0)
    assert protected[1] == protected[0] == 0.2


def test_strain_grows_with_style_mismatch():
    strain = np.zeros(2)
    out = officials.update_strain(strain, np.array([0.5, 1.0]), 1.0, np.zeros(2), 1.0)
    assert out[1] > out[0]


def test_intensities_are_capped_and_hill_climb_turns_when_worse():
    assert intensities(0.5, 2.0, 1.0) == (1.0, 1.0)
    vs, d = hill_climb(0.5, 1.0, observed=0.4, last_observed=0.5, step=0.1)
    assert (round(vs, 6), d) == (0.4, -1.0)
    vs, d = hill_climb(0.5, 1.0, observed=0.6, last_observed=0.5, step=0.1)
    assert (round(vs, 6), d) == (0.6, 1.0)
