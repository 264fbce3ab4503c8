"""March's rules on a handful of residents, by hand.

The superior group is judged by performance: residents act (a coin flip where they hold no
view) and score right minus wrong, as in March's original program (Christensen 2015).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from zelflerendestad import learning
from zelflerendestad.beliefs import Beliefs

RNG = np.random.default_rng(0)
B = Beliefs.from_values


def test_socialisation_is_gradual_minus_one_to_zero_to_plus_one():
    beliefs = Beliefs.from_values(np.array([[-1, 0, 1, -1]], dtype=np.int8))
    code = np.array([1, 1, 1, 0], dtype=np.int8)
    assert learning.socialise(beliefs, code, 1.0, RNG).tolist() == [0]
    assert beliefs.values().tolist() == [[0, 1, 1, -1]]  # no view in the code: belief kept
    learning.socialise(beliefs, code, 1.0, RNG)
    assert beliefs.values().tolist() == [[1, 1, 1, -1]]
    assert learning.socialise(beliefs, code, 1.0, RNG).size == 0  # nothing left to move


def test_code_unchanged_without_superior_group():
    reality = np.array([1, -1], dtype=np.int8)
    code = reality.copy()
    beliefs = np.array([[1, 1], [0, -1]], dtype=np.int8)
    assert learning.learn_code(code, B(beliefs), reality, 1.0, RNG).tolist() == [1, -1]


def test_code_learning_probability_grows_with_majority_margin():
    reality = np.ones(1, dtype=np.int8)
    code = np.zeros(1, dtype=np.int8)
    rng = np.random.default_rng(1)
    rates = []
    for k in (1, 3):
        beliefs = np.ones((k, 1), dtype=np.int8)
        hits = sum(learning.learn_code(code, B(beliefs), reality, 0.2, rng)[0] == 1
                   for _ in range(4000))
        rates.append(hits / 4000)
    assert abs(rates[0] - 0.2) < 0.03 and abs(rates[1] - (1 - 0.8 ** 3)) < 0.03


def test_experiments_only_keep_improvements():
    reality = np.array([1, -1, 1], dtype=np.int8)
    beliefs = Beliefs.from_values(np.tile(np.array([1, 0, 0], dtype=np.int8), (500, 1)))
    before = learning.knowledge(beliefs, reality)
    learning.experiment(beliefs, reality, np.arange(500), np.random.default_rng(2))
    after = learning.knowledge(beliefs, reality)
    assert np.all(after >= before) and after.mean() > before.mean()


def test_peer_learning_copies_from_better_contacts_only():
    reality = np.array([1, 1, 1], dtype=np.int8)
    planes = Beliefs.from_values(np.array([[1, 1, 1], [0, 0, 0], [-1, -1, -1]], dtype=np.int8))
    known = learning.knowledge(planes, reality)
    contact = np.array([1, 0, 0])  # 0 asks 1 (knows less), 1 and 2 ask 0 (knows more)
    copied, teachers = learning.learn_from_contacts(planes, known, np.arange(3), contact, RNG)
    beliefs = planes.values()
    assert copied.tolist() == [1, 2] and teachers.tolist() == [0, 0]
    assert beliefs[0].tolist() == [1, 1, 1]
    assert (beliefs[1] == 1).sum() == 1 and (beliefs[2] == 1).sum() == 1
    assert (beliefs[2] == -1).sum() == 2  # exactly one dimension copied
    nobody, _ = learning.learn_from_contacts(planes, known, np.array([1]), np.array([-1]), RNG)
    assert nobody.size == 0 and (planes.values() == beliefs).all()  # no contact, no lesson


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
    planes = Beliefs.from_values(beliefs)
    rows = learning.socialise(planes, code, p1, rng)
    after = planes.values()
    moved = after != beliefs
    assert np.array_equal(rows, np.flatnonzero(moved.any(axis=1)))
    assert not moved[:, 1:].any()  # agrees with the code, or the code has no view
    share = moved[:, 0].mean()
    assert abs(share - p1) < 4 * np.sqrt(p1 * (1 - p1) / n)
    assert set(after[:, 0].tolist()) == {-1, 0}  # one notch at a time


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_act_keeps_views_and_flips_coins_where_there_is_none():
    beliefs = np.zeros((200, 30), dtype=np.int8)
    beliefs[:, :10] = 1
    actions = np.unpackbits(learning.act(Beliefs.from_values(beliefs), rng()).view(np.uint8),
                            axis=1, count=30, bitorder="little").astype(np.int8) * 2 - 1
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
    new = learning.learn_code(code, B(beliefs), reality, 1.0, rng())
    assert new.tolist() == [1, 1, -1, 1]  # adopts the superior resident's actions, errors too


def test_a_lucky_resident_without_views_can_be_superior():
    reality = np.ones(6, dtype=np.int8)
    code = np.zeros(6, dtype=np.int8)
    beliefs = B(np.zeros((1, 6), dtype=np.int8))
    changed = [learning.learn_code(code, beliefs, reality, 1.0, rng(s)).any() for s in range(200)]
    assert 0.2 < np.mean(changed) < 0.5  # superior when coin flips score > 0: P = 22/64


def test_code_learning_needs_a_majority_and_grows_with_its_margin():
    reality = np.ones(1, dtype=np.int8)
    code = np.array([-1], dtype=np.int8)
    tie = np.array([[1], [1], [-1], [-1]], dtype=np.int8)  # only two are superior: margin 2
    p2 = 0.3
    hits = np.mean([learning.learn_code(code, B(tie), reality, p2, rng(s))[0] == 1
                    for s in range(2000)])
    assert abs(hits - (1 - (1 - p2) ** 2)) < 0.04


def test_settled_means_nothing_can_change():
    reality = np.array([1, 1, -1], dtype=np.int8)
    code = np.array([1, -1, -1], dtype=np.int8)
    assert learning.settled(B(np.array([[1, -1, -1]] * 3, dtype=np.int8)), code, reality)
    assert not learning.settled(B(np.array([[1, 0, -1]], dtype=np.int8)), code, reality)
    code0 = np.array([1, 0, -1], dtype=np.int8)  # a resident with no view could outscore it
    assert not learning.settled(B(np.array([[1, 0, -1]], dtype=np.int8)), code0, reality)
    assert learning.settled(B(np.array([[1, -1, -1]], dtype=np.int8)), code0, reality)


# --- bit-planes against the int8 implementation they replaced (commit 1b1ef6b) ---------------
# The planes draw differently (socialisation only over movable cells, one uniform per lesson,
# coins as whole words), so values differ seed by seed; the distributions must not.
def old_socialise(beliefs, code, p1, rng):
    cell = np.flatnonzero(rng.random(beliefs.size) < p1)
    out = beliefs.copy()
    flat = out.ravel()
    target = code[cell % code.size]
    move = (target != 0) & (flat[cell] != target)
    flat[cell[move]] += np.sign(target[move] - flat[cell[move]]).astype(np.int8)
    return out


def old_pick(beliefs, better, teacher, rng):
    differ = beliefs[teacher] != beliefs[better]
    return np.argmax(differ * rng.random(differ.shape), axis=1)


def old_actions(beliefs, rng):
    coin = rng.integers(0, 2, beliefs.shape, dtype=np.int8) * 2 - 1
    return np.where(beliefs == 0, coin, beliefs)


def same_distribution(a, b, alpha=1e-3):
    """Chi-square test of homogeneity on two samples of small integers."""
    values = np.union1d(a, b)
    table = np.array([[np.sum(x == v) for v in values] for x in (a, b)])
    table = table[:, table.sum(axis=0) > 0]
    return table.shape[1] < 2 or stats.chi2_contingency(table).pvalue > alpha


def test_socialisation_moves_as_many_cells_per_resident_as_before():
    rng = np.random.default_rng(11)
    values = rng.integers(-1, 2, (4000, 40), dtype=np.int8)
    code = rng.integers(-1, 2, 40, dtype=np.int8)
    planes = Beliefs.from_values(values)
    learning.socialise(planes, code, 0.1, rng)
    new = planes.values()
    old = old_socialise(values, code, 0.1, rng)
    assert same_distribution((new != values).sum(axis=1), (old != values).sum(axis=1))
    for v in (-1, 0, 1):  # and where they move: as often from each belief toward each view
        for c in (-1, 1):
            cells = (values == v) & (code == c)
            assert same_distribution(new[cells], old[cells])


def test_a_lesson_picks_the_copied_dimension_as_before():
    rng = np.random.default_rng(12)
    values = rng.integers(-1, 2, (6000, 70), dtype=np.int8)  # two words per plane
    values[:, :3] = 1  # a few dimensions that never differ
    better, teacher = np.arange(3000), np.arange(3000, 6000)
    planes = Beliefs.from_values(values)
    known = np.r_[np.zeros(3000), np.ones(3000)]
    learning.learn_from_contacts(planes, known, better, teacher, rng)
    new = np.argmax(planes.values()[better] != values[better], axis=1)
    assert new.min() >= 3
    assert same_distribution(new, old_pick(values, better, teacher, rng))


def test_actions_are_distributed_as_before():
    rng = np.random.default_rng(13)
    values = rng.integers(-1, 2, (3000, 30), dtype=np.int8)
    words = learning.act(Beliefs.from_values(values), rng)
    new = np.unpackbits(words.view(np.uint8), axis=1, count=30, bitorder="little")
    old = old_actions(values, rng) > 0
    assert np.array_equal(new[values != 0], values[values != 0] > 0)
    assert same_distribution(new.sum(axis=1), old.sum(axis=1))


def test_coins_are_the_words_of_rng_bytes():
    planes = Beliefs.from_values(np.random.default_rng(3).integers(-1, 2, (501, 70),
                                                                    dtype=np.int8))
    old, new = np.random.default_rng(8), np.random.default_rng(8)
    words = np.frombuffer(old.bytes(planes.plus.nbytes), dtype="<u8").reshape(planes.plus.shape)
    np.testing.assert_array_equal(learning._coins(planes, new), words)
    assert old.random() == new.random()  # the generator moved on alike


def test_a_code_right_everywhere_stays_and_the_coins_are_still_drawn():
    reality = np.array([1, -1, 1, 1], dtype=np.int8)
    planes = Beliefs.from_values(np.zeros((50, 4), dtype=np.int8))
    rng, alike = np.random.default_rng(4), np.random.default_rng(4)
    assert learning.learn_code(reality.copy(), planes, reality, 1.0, rng).tolist() == \
        reality.tolist()
    alike.random(4), learning._coins(planes, alike)
    assert rng.random() == alike.random()  # the same draws as a week with a superior group
