"""The wake-up rule on five residents; reinforcement below the threshold; clustered seeding."""

from __future__ import annotations

import numpy as np

from zelflerendestad import engagement
from zelflerendestad.config.loading import validate_mapping
from zelflerendestad.config.schema import CityConfig, EngagementSettings
from zelflerendestad.model import CityModel
from zelflerendestad.population import draw_thresholds


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


def wake(k, reinforcement=1.0, threshold=2.0):
    k = np.asarray(k, dtype=float)
    return engagement.wake_probability(0.0, 1.0, k, np.full(k.size, 8), np.full(k.size,
                                       threshold), np.ones(k.size), reinforcement)


def test_default_reinforcement_is_a_hard_threshold():
    assert CityConfig().engagement.reinforcement == 1.0
    assert wake([0, 1, 2, 4]).tolist() == [0.0, 0.0, 2 / 8, 4 / 8]


def test_weaker_reinforcement_lets_one_contact_wake_some():
    assert np.allclose(wake([1, 2], reinforcement=0.9), [0.1 / 8, 2 / 8])
    assert np.allclose(wake([1, 2], reinforcement=0.0), [1 / 8, 2 / 8])  # threshold ignored


def test_clustered_seeds_on_a_ring_are_one_block():
    cfg = validate_mapping({"city": {"residents": 200, "neighbourhoods": 1},
                            "network": {"type": "ring", "rewire": 0.0, "mean_degree": 8},
                            "engagement": {"initial_engaged": 9 / 200, "seeding": "clustered"}})
    engaged = CityModel(cfg, seed=3).residents.engaged
    idx = np.flatnonzero(engaged)
    assert idx.size == 9
    gaps = np.diff(np.r_[idx, idx[0] + 200])
    assert sorted(gaps)[:-1] == [1] * 8  # nine neighbours in a row around the ring


def test_clustered_seeds_without_ties_and_scattered_default():
    mask = engagement.clustered_seeds(None, None, 50, 7, np.random.default_rng(0))
    assert mask.sum() == 7
    assert CityConfig().engagement.seeding == "scattered"


def test_share_thresholds_compare_the_share_of_contacts_not_their_count():
    # 2 of 10 contacts engaged: a count threshold of 2 is met, a share threshold of 0.25 not
    k, deg, rec = np.array([2.0, 2.0]), np.array([10, 10]), np.ones(2)
    by_count = engagement.wake_probability(0.0, 1.0, k, deg, np.array([2.0, 3.0]), rec)
    np.testing.assert_allclose(by_count, [0.2, 0.0])
    by_share = engagement.wake_probability(0.0, 1.0, k, deg, np.array([0.2, 0.25]), rec,
                                           share_threshold=True)
    np.testing.assert_allclose(by_share, [0.2, 0.0])


def test_a_share_exactly_at_a_float32_threshold_meets_it():
    # the model stores thresholds as float32: 0.2 becomes 0.2000000030, above 1/5 in float64
    k, deg, rec = np.array([1.0, 2.0]), np.array([5, 10]), np.ones(2)
    got = engagement.wake_probability(0.0, 1.0, k, deg, np.array([0.2, 0.2], np.float32), rec,
                                      share_threshold=True)
    np.testing.assert_allclose(got, [0.2, 0.2])


def test_instigators_act_without_engaged_contacts():
    got = engagement.wake_probability(0.01, 0.5, np.zeros(2), np.array([6, 6]),
                                      np.array([0.0, 1.0]), np.ones(2))
    np.testing.assert_allclose(got, [0.51, 0.01])


def test_share_thresholds_and_instigators_are_drawn_as_set():
    e = EngagementSettings(contagion="complex", threshold_unit="share", threshold_share_mean=0.3,
                           threshold_share_sd=0.1, instigators=0.1)
    t = draw_thresholds(20000, e, np.random.default_rng(0))
    assert 0.0 <= t.min() and t.max() <= 1.0
    assert abs((t == 0).mean() - 0.1) < 0.01
    assert abs(t[t > 0].mean() - 0.3) < 0.01
