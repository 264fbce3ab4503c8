"""The older programmes, targeted: subsidy, enforcement, training, learning network, rules,
connector programme and moving connectors reach only whom their event names, for a while."""

from __future__ import annotations

import numpy as np
import pytest

from tests.commons_helpers import five_residents, one_commons
from tests.commons_helpers import small_config as commons_config
from zelflerendestad import instruments as ins
from zelflerendestad.app.event_text import dutch_detail
from zelflerendestad.commons import COMMONS
from zelflerendestad.commons.context import per_commons
from zelflerendestad.interventions import apply_event
from zelflerendestad.model import CityModel

from .conftest import small_config
from .test_commons_week import context as week_context
from .test_interventions import context, event

HALF = {"neighbourhoods": [1]}  # residents 2, 3, 4 of `five_residents(neighbourhood=...)`


def two_commons():
    """Commons 0 (residents 0-2) and commons 1 (residents 3-4), organised, with own rules."""
    st = one_commons()
    c = st.commons
    k = c.add(1, np.int8(0), np.int32(1), week=0)[0]
    c.stage[k], c.organised[k] = COMMONS, 0
    c.members[:2] = [3, 2]
    r = five_residents(neighbourhood=[0, 0, 1, 1, 1], member_of=[0, 0, 0, 1, 1])
    return st, r


@pytest.mark.parametrize("name", ["subsidy", "enforcement", "learning_network", "training"])
def test_a_programme_for_everyone_stays_one_number_for_the_city(name):
    ctx = context()
    start = "reflection_training" if name == "training" else f"{name}_start"
    out = apply_event(ctx, event(start))
    assert ins.coverage(ctx.municipality.instruments, name) is True
    assert "(" not in out.text  # the log line of a city-wide programme is unchanged


def test_a_targeted_subsidy_reaches_its_neighbourhood_only_and_ends_after_its_weeks():
    ctx = context(residents=five_residents(neighbourhood=[0, 0, 1, 1, 1]))
    out = apply_event(ctx, event("subsidy_start", target=HALF, weeks=4))
    np.testing.assert_array_equal(ins.coverage(ctx.municipality.instruments, "subsidy"),
                                  [0, 0, 1, 1, 1])
    assert ctx.municipality.subsidy and out.text.endswith("(3 residents, 4 weeks)")
    assert ins.running(ctx.municipality.instruments, 14) != []
    assert ins.running(ctx.municipality.instruments, 15) == []


def test_a_commons_meets_a_programme_when_most_of_its_members_are_reached():
    st, r = two_commons()
    ctx = week_context(r, None, procedure=np.array([0.2, 0.2, 0.8, 0.8, 0.8]),
                       subsidy=np.array([False, False, True, True, True]), enforcement=True)
    got = per_commons(ctx, st.commons.n)
    np.testing.assert_allclose(got.procedure, [0.4, 0.8])  # (0.2 + 0.2 + 0.8) / 3
    np.testing.assert_array_equal(got.subsidy, [False, True])
    assert got.enforcement is True  # a city-wide value is kept as is


def test_targeted_rules_imposed_reach_only_the_targeted_commons():
    st, r = two_commons()
    ctx = context(residents=r, commons=st)
    out = apply_event(ctx, event("rules_imposed", target=HALF))
    np.testing.assert_array_equal(st.commons.imposed[:2], [False, True])
    assert out.text == "municipality imposes its rules on 1 commons"
    apply_event(ctx, event("rules_imposed", target={"commons": [0]}))
    apply_event(ctx, event("rules_returned", target={"commons": [1]}))
    np.testing.assert_array_equal(st.commons.imposed[:2], [True, False])


def test_a_targeted_connector_programme_invests_only_in_its_target():
    r = five_residents(neighbourhood=[0, 0, 1, 1, 1], engaged=[False] * 5)
    ctx = context(residents=r)
    out = apply_event(ctx, event("connector_programme", target=HALF))
    np.testing.assert_array_equal(r.invested, [False, False, True, True, True])
    assert out.text.endswith("(3 residents)")


def test_only_targeted_connectors_move_away():
    m = CityModel(small_config(), seed=3)
    r = m.residents
    leaving = r.is_connector & (r.neighbourhood == 2)
    before = r.motivation.copy()
    m.intervene({"event": "connector_moves_away", "count": 1000,
                 "target": {"neighbourhoods": [2]}})
    assert leaving.sum() > 0 and m.event_log[-1][2].startswith(f"{leaving.sum()} connector(s)")
    np.testing.assert_array_equal(r.motivation[~leaving], before[~leaving])  # others stay
    assert (r.motivation[leaving] != before[leaving]).any()  # newcomers in their dwellings


def test_targeted_programmes_change_only_their_targets_in_a_running_city():
    m = CityModel(small_config(), seed=3)
    m.run(2)
    m.intervene({"event": "subsidy_start", "target": {"neighbourhoods": [0]}})
    m.intervene({"event": "enforcement_start", "target": {"neighbourhoods": [1]}})
    treated = m.residents.neighbourhood
    procedure, control = m.procedure, m.control
    v, p = m.municipality.V, m.config.programmes
    np.testing.assert_allclose(procedure[treated == 0], min(1, v + p.subsidy_procedure))
    np.testing.assert_allclose(procedure[treated == 1], min(1, v + p.enforcement_control))
    np.testing.assert_allclose(procedure[treated == 2], v)
    np.testing.assert_allclose(control[treated != 1], v)
    np.testing.assert_allclose(m.control_by_neighbourhood(),
                               [v, min(1, v + p.enforcement_control), v])
    m.run(3)
    r = m.residents
    pressed = r.felt_control > 0
    assert pressed[treated == 2].sum() == 0  # no programme there: no felt control
    assert pressed[(treated == 0) & r.engaged].all()
    assert m.event_log[-1][2].endswith(f"({int((treated == 1).sum())} residents)")


def test_targeted_training_trains_only_invested_residents_it_reaches():
    m = CityModel(small_config(), seed=3)
    m.intervene({"event": "connector_programme"})
    m.intervene({"event": "reflection_training", "weeks": 1,
                 "target": {"neighbourhoods": [0]}})
    m.run(3)
    r = m.residents
    assert r.trained.any() and not r.trained[r.neighbourhood != 0].any()
    assert r.trained[r.invested & (r.neighbourhood == 0)].all()
    assert not ins.has(m.municipality.instruments, "training")  # its week is over


def test_a_learning_circle_runs_for_its_weeks():
    ctx = context(week=10)
    apply_event(ctx, event("learning_circle_start", weeks=2))
    assert ctx.municipality.learning_circle
    assert ins.running(ctx.municipality.instruments, 13) == []


def test_a_targeted_learning_network_takes_in_only_the_commons_it_reaches():
    m = city_with_commons_in_both_neighbourhoods()
    c = m.commons.commons
    m.intervene({"event": "learning_network_start", "target": {"neighbourhoods": [0]}})
    m.run(1)
    org = np.flatnonzero(c.stage[: c.n] == COMMONS)
    assert org.size >= 2
    reached = ins.commons_reached(m.residents.neighbourhood == 0, m.residents.member_of, c.n)
    np.testing.assert_array_equal(c.in_network[org], np.isin(org, reached))
    assert c.in_network[org].any() and not c.in_network[org].all()


def city_with_commons_in_both_neighbourhoods() -> CityModel:
    """The commons tests' primed city, stepped until both neighbourhoods have a commons."""
    m = CityModel(commons_config(), seed=3)
    for _ in range(300):
        m.step()
        c = m.commons.commons
        org = np.flatnonzero(c.stage[: c.n] == COMMONS)
        if len(set(c.nbhd[org].tolist())) == 2:
            return m
    raise AssertionError("no week with a commons in each neighbourhood")


def test_the_scope_of_a_targeted_event_is_translated():
    assert dutch_detail("conditional subsidy programme starts (3 residents, 4 weeks)") == (
        "subsidieprogramma met voorwaarden start (3 inwoners, 4 weken)")
    assert dutch_detail("enforcement of rules starts (12 residents)") == (
        "handhaving van regels start (12 inwoners)")
