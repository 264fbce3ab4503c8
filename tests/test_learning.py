"""March's rules on a handful of residents, by hand.

The superior group is judged by performance: residents act (a coin flip where they hold no
view) and score right minus wrong, as in March's original program (Christensen 2015).
"""

from __future__ import annotations

import numpy as np

from zelflerendestad import learning

RNG = np.random.default_rng(0)


def test_socialisation_is_gradual_minus_one_to_zero_to_plus_one():
    beliefs = np.array([[-1, 0, 1, -1]], dtype=np.int8)
    code = np.array([1, 1, 1, 0], dtype=np.int8)
    once = learning.socialise(beliefs, code, 1.0, RNG)
    assert once.tolist() == [[0, 1, 1, -1]]  # no view in the code: belief kept
    assert learning.socialise(once, code, 1.0, RNG).tolist() == [[1, 1, 1, -1]]


def test_code_unchanged_without_superior_group():
    reality = np.array([1, -1], dtype=np.int8)
    code = reality.copy()
    beliefs = np.array([[1, 1], [0, -1]], dtype=np.int8)
    assert learning.learn_code(code, beliefs, reality, 1.0, RNG).tolist() == [1, -1]


def test_code_learning_probability_grows_with_majority_margin():
    reality = np.ones(1, dtype=np.int8)
    code = np.zeros(1, dtype=np.int8)
    rng = np.random.default_rng(1)
    rates = []
    for k in (1, 3):
        beliefs = np.ones((k, 1), dtype=np.int8)
        hits = sum(learning.learn_code(code, beliefs, reality, 0.2, rng)[0] == 1
                   for _ in range(4000))
        rates.append(hits / 4000)
    assert abs(rates[0] - 0.2) < 0.03 and abs(rates[1] - (1 - 0.8 ** 3)) < 0.03


def test_experiments_only_keep_improvements():
    reality = np.array([1, -1, 1], dtype=np.int8)
    beliefs = np.tile(np.array([1, 0, 0], dtype=np.int8), (500, 1))
    before = learning.knowledge(beliefs, reality)
    learning.experiment(beliefs, reality, np.arange(500), np.random.default_rng(2))
    after = learning.knowledge(beliefs, reality)
    assert np.all(after >= before) and after.mean() > before.mean()


def test_peer_learning_copies_from_better_contacts_only():
    reality = np.array([1, 1, 1], dtype=np.int8)
    beliefs = np.array([[1, 1, 1], [0, 0, 0], [-1, -1, -1]], dtype=np.int8)
    known = learning.knowledge(beliefs, reality)
    contact = np.array([1, 0, 0])  # 0 asks 1 (knows less), 1 and 2 ask 0 (knows more)
    copied = learning.learn_from_contacts(beliefs, known, contact, np.arange(3), RNG)
    assert copied.tolist() == [1, 2]
    assert beliefs[0].tolist() == [1, 1, 1]
    assert (beliefs[1] == 1).sum() == 1 and (beliefs[2] == 1).sum() == 1
    assert (beliefs[2] == -1).sum() == 2  # exactly one dimension copied


def test_capacity_grows_with_training_and_stays_bounded():
    cap = np.array([0.2, 0.2, 0.99])
    out = learning.grow_capacity(cap, np.array([True, False, True]), np.array([0.0, 2.0, 5.0]),
                                 0.5, 0.1)
    assert out[0] > out[1] > 0.2 and out[2] <= 1.0


def test_random_contact_is_a_neighbour_or_anyone_else():
    indptr, indices = np.array([0, 1, 3, 3]), np.array([1, 0, 2])
    degree = np.diff(indptr)
    got = learning.random_contact(indptr, indices, degree, np.array([0, 1, 2]), RNG, 3)
    assert got[0] == 1 and got[1] in (0, 2) and got[2] == -1
    anyone = learning.random_contact(None, None, degree, np.zeros(1000, dtype=int), RNG, 3)
    assert set(anyone.tolist()) == {1, 2}


def test_knowledge_counts_exactly_like_the_mean_of_matches():
    rng = np.random.default_rng(5)
    for m in (1, 30, 300):
        beliefs = rng.integers(-1, 2, (50, m), dtype=np.int8)
        reality = rng.choice(np.array([-1, 1], dtype=np.int8), m)
        assert np.array_equal(learning.knowledge(beliefs, reality),
                              (beliefs == reality).mean(axis=-1))
        assert learning.knowledge(beliefs[0], reality) == (beliefs[0] == reality).mean()


def test_socialisation_moves_each_differing_view_with_chance_p1_and_nothing_else():
    rng, n, p1 = np.random.default_rng(6), 20_000, 0.05
    code = np.array([1, 1, 0, -1], dtype=np.int8)
    beliefs = np.tile(np.array([-1, 1, -1, -1], dtype=np.int8), (n, 1))
    after = learning.socialise(beliefs, code, p1, rng)
    moved = after != beliefs
    assert not moved[:, 1:].any()  # agrees with the code, or the code has no view
    share = moved[:, 0].mean()
    assert abs(share - p1) < 4 * np.sqrt(p1 * (1 - p1) / n)
    assert set(after[:, 0].tolist()) == {-1, 0}  # one notch at a time


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_act_keeps_views_and_flips_coins_where_there_is_none():
    beliefs = np.zeros((200, 30), dtype=np.int8)
    beliefs[:, :10] = 1
    actions = learning.act(beliefs, rng())
    assert (actions[:, :10] == 1).all()
    assert set(np.unique(actions[:, 10:]).tolist()) == {-1, 1}
    assert 0.45 < (actions[:, 10:] == 1).mean() < 0.55


def test_score_is_right_minus_wrong():
    reality = np.array([1, -1, 1, 1], dtype=np.int8)
    assert learning.score(np.array([1, -1, -1, 0], dtype=np.int8), reality) == 1


def test_code_learns_from_residents_who_outperform_it():
    reality = np.array([1, 1, -1, -1], dtype=np.int8)
    code = np.array([-1, 0, 0, 0], dtype=np.int8)  # score -1
    beliefs = np.array([[1, 1, -1, 1],  # score 2: superior
                        [-1, -1, 1, 1]], dtype=np.int8)  # score -4: not
    new = learning.learn_code(code, beliefs, reality, 1.0, rng())
    assert new.tolist() == [1, 1, -1, 1]  # adopts the superior resident's actions, errors too


def test_a_lucky_resident_without_views_can_be_superior():
    reality = np.ones(6, dtype=np.int8)
    code = np.zeros(6, dtype=np.int8)
    beliefs = np.zeros((1, 6), dtype=np.int8)
    changed = [learning.learn_code(code, beliefs, reality, 1.0, rng(s)).any() for s in range(200)]
    assert 0.2 < np.mean(changed) < 0.5  # superior when coin flips score > 0: P = 22/64


def test_code_learning_needs_a_majority_and_grows_with_its_margin():
    reality = np.ones(1, dtype=np.int8)
    code = np.array([-1], dtype=np.int8)
    tie = np.array([[1], [1], [-1], [-1]], dtype=np.int8)  # only two are superior: margin 2
    p2 = 0.3
    hits = np.mean([learning.learn_code(code, tie, reality, p2, rng(s))[0] == 1
                    for s in range(2000)])
    assert abs(hits - (1 - (1 - p2) ** 2)) < 0.04


def test_settled_means_nothing_can_change():
    reality = np.array([1, 1, -1], dtype=np.int8)
    code = np.array([1, -1, -1], dtype=np.int8)
    assert learning.settled(np.array([[1, -1, -1]] * 3, dtype=np.int8), code, reality)
    assert not learning.settled(np.array([[1, 0, -1]], dtype=np.int8), code, reality)
    code0 = np.array([1, 0, -1], dtype=np.int8)  # a resident with no view could outscore it
    assert not learning.settled(np.array([[1, 0, -1]], dtype=np.int8), code0, reality)
    assert learning.settled(np.array([[1, -1, -1]], dtype=np.int8), code0, reality)
