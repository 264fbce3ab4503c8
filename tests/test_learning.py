"""March's rules in learning.py, each shown on a handful of residents."""

import numpy as np

from zelflerendestad import learning


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_socialisation_is_gradual():
    beliefs = np.array([[-1, 0, 1, -1]], dtype=np.int8)
    code = np.array([1, 1, 1, 0], dtype=np.int8)
    once = learning.socialise(beliefs, code, 1.0, rng())
    assert once.tolist() == [[0, 1, 1, -1]]  # -1 -> 0, 0 -> +1, no view in the code: untouched
    assert learning.socialise(once, code, 1.0, rng()).tolist() == [[1, 1, 1, -1]]


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
