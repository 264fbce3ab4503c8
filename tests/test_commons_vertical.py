"""Vertical steering's gains inside commons and their costs, every number computed by hand.

The pure functions of `commons/vertical.py` first, then the same mechanisms in one week of the
five-member commons of `tests/commons_helpers.py` (defaults quoted in the comments).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.commons_helpers import Draws, five_residents, one_commons
from tests.test_commons_week import context, members
from zelflerendestad.commons import EXIT_CAUSES, vertical
from zelflerendestad.commons import week as wk
from zelflerendestad.commons.review import nest
from zelflerendestad.commons.work import work

T, F = True, False


def test_answering_to_the_municipality_is_any_of_rules_enforcement_or_audit():
    imposed, enforced = np.array([T, F, F]), np.array([F, T, F])
    np.testing.assert_array_equal(vertical.accountable(imposed, enforced, False), [1, 1, 0])
    np.testing.assert_array_equal(vertical.accountable(imposed, enforced, True), [1, 1, 1])


def test_capture_level_is_what_neither_check_prevents():
    # (1 - 0.5 x accountable) x (1 - 0.8 x (made share + monitoring) / 2)
    level = vertical.capture_level(np.array([0.0, 1.0, 1.0, 0.0]),
                                   np.array([1.0, 0.0, 0.0, 0.5]),
                                   np.array([T, F, T, F]), 0.5, 0.8)
    np.testing.assert_allclose(level, [0.2, 0.5, 0.3, 0.8])


def test_imposed_rules_protect_against_capture_only_when_the_vertical_check_outweighs():
    # own rules, half the members made them, monitoring: 1 - 0.8 x 0.75 = 0.4; imposed rules
    # (made 0, monitoring kept): (1 - a_V) x (1 - 0.8 x 0.5) = 0.6 (1 - a_V)
    own = vertical.capture_level(np.array([0.0]), np.array([0.5]), np.array([T]), 0.5, 0.8)
    strong = vertical.capture_level(np.array([1.0]), np.array([0.0]), np.array([T]), 0.5, 0.8)
    weak = vertical.capture_level(np.array([1.0]), np.array([0.0]), np.array([T]), 0.2, 0.8)
    np.testing.assert_allclose([own[0], strong[0], weak[0]], [0.4, 0.3, 0.48])


def test_capture_steps_towards_its_level_and_costs_legitimacy_and_members():
    assert vertical.capture_step(np.array([0.1]), np.array([0.5]), 0.02)[0] == pytest.approx(
        0.1 + 0.02 * 0.4)
    np.testing.assert_allclose(vertical.legitimacy(np.array([0.8]), np.array([0.25])), [0.6])
    # only members without a say leave: 0.02 x capture 0.5
    np.testing.assert_allclose(vertical.capture_exit(np.full(2, 0.5), np.array([T, F]), 0.02),
                               [0.0, 0.01])


def test_clarity_and_procedure_load():
    np.testing.assert_allclose(vertical.clarity_factor(np.array([T, F]), 0.3), [0.7, 1.0])
    # a fixed load per commons shared among contributors (one carries it all without any)
    np.testing.assert_allclose(vertical.procedure_load(np.array([0.02, 0.02, 0.0]),
                                                       np.array([0, 4, 3])), [0.02, 0.005, 0])


def test_coordination_links_and_unlinks_towards_a_share_v():
    # V 0.5, rate 0.02: outside, linked if u < 0.01; inside, dropped if u < 0.01
    linked = vertical.coordinate(np.array([F, F, T, T]), 0.5, 0.02,
                                 np.array([0.005, 0.015, 0.005, 0.015]))
    np.testing.assert_array_equal(linked, [T, F, F, T])


def test_legal_certainty_and_arbitration_in_a_week_of_work():
    r = five_residents()
    rng = Draws([0.0] * 5, np.ones((3, 5)))  # all contribute, nobody is seen
    st = one_commons()
    st.commons.imposed[0] = True  # rules still fit (congruence 1): only clarity differs
    work(st, context(r, rng, enforcement=True), *members(st, r))
    # Poisson(0.03 x 5/10 x 1 x (1 - clarity 0.3)); resolve 0.05 base + 0.15 arbitration
    np.testing.assert_allclose(rng.poisson_rates[0], [0.015 * 0.7])
    np.testing.assert_allclose(rng.binomial_chances[0], [0.05 + 0.15])


def test_a_subsidy_costs_contributors_its_conditions():
    r = five_residents()
    st = one_commons()
    work(st, context(r, Draws([0.0] * 5, np.ones((3, 5))), subsidy=True), *members(st, r))
    # five contributors: load 4/5, drain 0.01 x (0.8 - 1) x (1 - relief 0.5) = -0.001, plus
    # reporting 0.02 / 5; the money: dues 0.12 x 5 + subsidy 0.4 - (0.3 + 0.01 x 5)
    np.testing.assert_allclose(r.energy, 0.5 + 0.001 - 0.004)
    assert st.commons.money[0] == pytest.approx(0.6 + 0.4 - 0.35)


def test_capture_drives_out_members_without_a_say_and_lowers_felt_legitimacy():
    r = five_residents()
    st = one_commons()
    st.commons.capture[0] = 1.0
    st.made[:] = [T, T, F, F, F]
    # members 2-4 face capture exit 0.02 x 1 plus other 0.003: u = 0.01 < 0.023, member 2
    # leaves; the cumulative hazard share first reaches v = 0.5 at captured_by_few (0.02 of
    # 0.023). Members 0 and 1 made the rules: only 'other' 0.003 < 0.01, they stay.
    rng = Draws([0.01, 0.01, 0.01, 0.5, 0.5], [0.5] * 5)
    wk._leave(st, context(r, rng))
    np.testing.assert_array_equal(r.member_of, [0, 0, -1, 0, 0])
    assert dict(zip(EXIT_CAUSES, st.commons.exits[0], strict=True))["captured_by_few"] == 1


def test_capture_moves_with_the_checks_in_a_week():
    r = five_residents()
    st = one_commons()  # monitors; made share 0.4
    st.made[:] = [T, T, F, F, F]
    wk._capture(st, context(r, Draws(), subsidy=True), *members(st, r))
    # audited: (1 - 0.5) x (1 - 0.8 x (0.4 + 1) / 2) = 0.22, a step 0.02 of the way from 0
    assert st.commons.capture[0] == pytest.approx(0.02 * 0.22)


def test_the_municipality_links_a_commons_and_it_counts_as_nested():
    r = five_residents()
    st = one_commons()
    nest(st, context(r, Draws([0.005]), V=0.5), *members(st, r))  # 0.005 < 0.02 x 0.5
    assert st.commons.linked[0] and st.commons.tie_share[0] == 1.0
    # linked, its contributors carry the coordination load 0.02 among five
    work(st, context(r, Draws([0.0] * 5, np.ones((3, 5)))), *members(st, r))
    np.testing.assert_allclose(r.energy, 0.5 + 0.002 - 0.004)


def test_no_coordination_draws_without_v():
    st = one_commons()
    r = five_residents()
    nest(st, context(r, Draws()), *members(st, r))  # Draws() has no uniforms to hand out
    assert not st.commons.linked[0]

