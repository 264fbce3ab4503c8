"""The commons week on one five-member commons, every number computed by hand.

The random stream is replaced by `Draws`, which hands out the uniforms each case prescribes, so
a case states who contributes, who is seen and who leaves, and the expected numbers follow from
the formulas in ODD step 5 and the default settings (quoted in the comments).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.commons_helpers import DIMS, Draws, five_residents, one_commons
from zelflerendestad.commons import EXIT_CAUSES, REASONS, CommonsState
from zelflerendestad.commons import week as wk
from zelflerendestad.commons.context import WeekContext
from zelflerendestad.commons.ending import end
from zelflerendestad.commons.review import review
from zelflerendestad.commons.work import work
from zelflerendestad.config.commons_schema import CommonsSettings
from zelflerendestad.network import Network
from zelflerendestad.population import Residents


def context(residents: Residents, rng: Draws, **values: object) -> WeekContext:
    fields = dict(
        residents=residents, network=Network(None, np.zeros(5, dtype=int), np.full(5, 4)),
        settings=CommonsSettings(), code=np.full(DIMS, -1, np.int8),
        reality=np.ones(DIMS, np.int8), procedure=0.0, H=0.0, subsidy=False,
        enforcement=False, learning_network=False, subsidy_relief=0.5, mean_degree=4, week=10,
        rng=rng)
    fields.update(values)
    return WeekContext(**fields)


def members(st: CommonsState, r: Residents) -> tuple[np.ndarray, np.ndarray]:
    mem = np.flatnonzero(r.member_of >= 0)
    return mem, r.member_of[mem]


@pytest.fixture
def worked(request) -> tuple[CommonsState, Residents, Draws]:
    """One week of work: members 3 and 4 (motivation 0) free-ride; only member 4 is seen.

    Chance of being seen (4A): peer 0.5 x monitors 1 x (0.5 + 0.5 x boundaries 1) x
    min(1, 12 / 5) = 0.5, no enforcement, so deterrence 0.5. Contribution chance:
    0.4 + 0.5 x motivation + 0.25 x made share 0.8 + 0.3 x 0.5 - 0.4 x free-riding 0.2,
    = 1.07 -> 1 for motivation 0.8, 0.67 for motivation 0.
    """
    r = five_residents(motivation=[0.8, 0.8, 0.8, 0.0, 0.0])
    rng = Draws([0.5, 0.5, 0.5, 0.9, 0.9],  # contribute? 0.9 >= 0.67: members 3, 4 do not
                [[0.9, 0.9, 0.9, 0.9, 0.4],  # seen by peers? 0.4 < 0.5: member 4 only
                 [0.9, 0.9, 0.9, 0.9, 0.9],  # by the municipality (chance 0 without enforcement)
                 [0.9, 0.9, 0.9, 0.9, 0.05]])  # contested?
    st = one_commons(graduated=request.param)
    work(st, context(r, rng), *members(st, r))
    return st, r, rng


@pytest.mark.parametrize("worked", [True], indirect=True)
def test_contribution_and_detection(worked):
    st, r, _ = worked
    c = st.commons
    assert c.p_seen[0] == pytest.approx(0.5)
    np.testing.assert_array_equal(st.contributed, [True, True, True, False, False])
    assert c.contributors[0] == 3 and c.free_riding[0] == pytest.approx(2 / 5)
    # three contributors share a core team's work of 4: load 4/3, extra drain 0.01 x (4/3 - 1)
    np.testing.assert_allclose(r.energy, [0.5 - 0.01 / 3] * 3 + [0.5, 0.5])
    # ownership gain 0.02 x (1 + made 1) = 0.04 of the gap 0.5 for contributors who made rules
    np.testing.assert_allclose(r.ownership, [0.52, 0.52, 0.52, 0.5, 0.5])
    # public value: 1 per contribution x (0.5 + 0.5 x congruence 1) x 3 contributors
    assert c.value[0] == pytest.approx(3.0) and st.value_week == pytest.approx(3.0)


@pytest.mark.parametrize("worked", [True], indirect=True)
def test_money_is_dues_minus_costs(worked):
    st, _, _ = worked
    # income 0.12 x 3 contributions; costs 0.3 fixed + 0.01 x 5 members; no subsidy, not in debt
    assert st.commons.money[0] == pytest.approx(0.36 - 0.35)


@pytest.mark.parametrize(("worked", "severity", "graduated_count"),
                         [(True, 1 / 3, 1), (False, 1.0, 0)], indirect=["worked"])
def test_graduated_sanctions_are_milder_than_harsh_ones(worked, severity, graduated_count):
    st, _, _ = worked
    c = st.commons
    # only member 4 was seen: a first offence, 1/3 of full severity under graduated rules
    np.testing.assert_array_equal(st.offences, [0, 0, 0, 0, 1])
    np.testing.assert_allclose(st.deterrence, [0, 0, 0, 0, severity])
    np.testing.assert_allclose(st.harsh, [0, 0, 0, 0, 0.3 * severity])  # harsh_exit 0.3
    assert c.sanctions_recent[0] == 1 and c.sanctions_total[0] == 1
    assert c.graduated_recent[0] == graduated_count


@pytest.mark.parametrize("worked", [True, False], indirect=True)
def test_a_contested_sanction_opens_a_conflict(worked):
    st, _, rng = worked
    c = st.commons
    # contested with chance 0.3 x severity x (1 - made 0) >= 0.1 > 0.05: one conflict
    assert c.conflicts_open[0] == 1 and c.conflicts_total[0] == 1
    # new conflicts ~ Poisson(0.03 x 5/10 x (1 + 2 x (1 - congruence 1))) on top
    np.testing.assert_allclose(rng.poisson_rates[0], [0.015])
    # resolved with chance 0.05 (no connector, no facilitation, not nested)
    np.testing.assert_allclose(rng.binomial_chances[0], [0.05])


def test_facilitation_and_connectors_help_resolve_conflicts():
    r = five_residents(is_connector=[True, False, False, False, False])
    rng = Draws([0.0] * 5, np.ones((3, 5)))  # all contribute, nobody is seen
    st = one_commons()
    work(st, context(r, rng, H=0.4), *members(st, r))
    # 0.05 base + 0.3 mediation x connector share 1/5 + 0.15 facilitation x H 0.4
    np.testing.assert_allclose(rng.binomial_chances[0], [0.05 + 0.06 + 0.06])


def test_exits_have_causes_and_are_counted():
    r = five_residents(burnt_out=[True, False, False, False, False],
                       engaged=[True, False, True, True, True])
    st = one_commons()
    st.commons.members[0] = 6  # one member moved away (turnover) since last week
    st.harsh[3] = 0.3  # member 3 was sanctioned harshly last week
    # leave if u < 1 - prod(1 - h): member 0 (burnout 0.2 + other 0.003) and member 3
    # (harsh 0.3 + 0.003); member 1 (lapsed 0.3) draws 0.9 and stays. The cause is the first
    # whose cumulative hazard share reaches v = 0.5.
    rng = Draws([0.1, 0.9, 0.99, 0.2, 0.99], [0.5] * 5)
    wk._leave(st, context(r, rng))
    c = st.commons
    np.testing.assert_array_equal(r.member_of, [-1, 0, 0, -1, 0])
    assert c.members[0] == 3
    exits = dict(zip(EXIT_CAUSES, c.exits[0], strict=True))
    assert exits["members_moved_away"] == 1
    assert exits["volunteer_burnout"] == 1 and exits["harsh_sanctions"] == 1
    assert sum(exits.values()) == 3
    assert st.changes[0] == 3  # one moved away, two left: the churn of this week
    assert st.harsh[3] == 0  # a member who leaves carries no memory of the commons


def test_run_week_updates_the_residents_in_place():
    r = five_residents()
    arrays = {k: getattr(r, k) for k in ("member_of", "energy", "ownership")}
    before = {k: v.copy() for k, v in arrays.items()}
    st = one_commons()
    ctx = context(r, np.random.default_rng(1))
    wk.run_week(st, ctx)
    for name, array in arrays.items():
        assert getattr(r, name) is array  # no weekly copy: the model's own arrays
    assert not all(np.array_equal(arrays[k], before[k]) for k in arrays)
    assert st.last["initiatives_before"] == 1
    assert set(st.last) >= {"initiatives_formed", "commons_formed", "commons_dissolved"}


def test_impose_rules_replaces_own_rules_and_nobody_made_them():
    st = one_commons()
    code = np.array([-1, 1, -1, 1], np.int8)
    wk.impose_rules(st, np.array([0]), code, np.zeros(5, np.int32))
    c = st.commons
    assert c.imposed[0] and c.ever_imposed[0] and not c.graduated[0]
    np.testing.assert_array_equal(c.rules[0], code)
    assert not st.made.any()


def test_a_learning_network_teaches_one_fitting_rule():
    r = five_residents()
    st = one_commons()
    st.commons.rules[0] = -1  # every rule misfits reality (+1)
    rng = Draws([[0.99], [0.0], [0.99]])  # no review of its own; taught by the network
    review(st, context(r, rng, learning_network=True), *members(st, r))
    c = st.commons
    assert c.in_network[0]
    np.testing.assert_array_equal(c.rules[0], [1, -1, -1, -1])  # the first wrong dimension


def test_a_commons_in_debt_ends_and_its_members_are_free_again():
    r = five_residents()
    st = one_commons()
    st.commons.money[0] = -4.5  # beyond the debt limit of 4
    st.commons.contributors[0] = 5
    st.offences[:] = 1
    ended = end(st, context(r, Draws()), *members(st, r))
    c = st.commons
    np.testing.assert_array_equal(ended, [0])
    assert REASONS[c.reason[0]] == "money_ran_out" and c.ended[0] == 10
    assert len(c.weakest[0].split(",")) == 2
    np.testing.assert_array_equal(r.member_of, -1)
    assert not st.offences.any()
