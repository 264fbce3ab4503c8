"""The wake-up rule on five residents."""

from __future__ import annotations

import numpy as np

from zelflerendestad import engagement


def test_wake_probability_adds_broadcast_and_thresholded_word_of_mouth():
    k = np.array([0.0, 1.0, 2.0, 4.0, 4.0])
    deg = np.array([4, 4, 4, 4, 0])
    theta = np.array([1.0, 2.0, 2.0, 1.0, 1.0])
    p = engagement.wake_probability(0.1, 0.4, k, deg, theta, np.ones(5))
    np.testing.assert_allclose(p, [0.1, 0.1, 0.3, 0.5, 0.5])


def test_receptivity_scales_with_motivation_only_when_weighted():
    mot = np.array([0.0, 1.0])
    np.testing.assert_allclose(engagement.receptivity(mot, 0.0), [1, 1])
    np.testing.assert_allclose(engagement.receptivity(mot, 0.5), [0.5, 1.0])


def test_spread_is_synchronous_and_lapse_only_hits_the_engaged():
    engaged = np.array([True, False, False])
    new, woke = engagement.spread_engagement(
        engaged, np.array([1.0, 1.0, 0.0]), np.array([1.0, 1.0, 1.0]),
        np.zeros(3), np.zeros(3))
    assert new.tolist() == [False, True, False] and woke.tolist() == [False, True, False]
