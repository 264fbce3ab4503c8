"""Interventions: one event type per pydantic model, one pure handler each, over a context."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from tests.commons_helpers import five_residents, one_commons
from zelflerendestad import interventions as iv
from zelflerendestad.app.sidebar import event_for
from zelflerendestad.config import CityConfig
from zelflerendestad.config.events import (
    EVENT_NAMES,
    EVENT_TYPES,
    TRAINER_EVENT_NAMES,
    event_fields,
    parse_event,
)
from zelflerendestad.model import CityModel
from zelflerendestad.municipality import Municipality
from zelflerendestad.network import Network

from .conftest import small_config


def context(residents=None, network=None, commons=None, week=10, seed=1):
    residents = residents or five_residents()
    return iv.InterventionContext(
        municipality=Municipality(vertical_share=0.5, effort=1.0, learning_culture=0.0, H=0.5),
        residents=residents,
        network=network or Network(None, np.zeros(5, np.int32), np.full(5, 4), 4.0),
        commons=commons or one_commons(), config=CityConfig(),
        code=np.array([-1, 1, -1, 1], np.int8), week=week, rng=np.random.default_rng(seed),
        commons_rng=np.random.default_rng(seed + 1))


def event(name: str, **keys: object):
    return parse_event({"week": 10, "event": name, **keys})


def test_every_event_type_has_a_handler_and_a_description():
    assert set(iv.HANDLERS) == set(EVENT_NAMES)
    for event_type in EVENT_TYPES:
        assert event_type.__doc__, event_type
        assert all(info.description for info in event_fields(event_type).values())


@pytest.mark.parametrize(("start", "flag"), [
    ("subsidy", "subsidy"), ("enforcement", "enforcement"), ("learning_circle", "learning_circle"),
    ("learning_network", "learning_network")])
def test_start_and_stop_switch_a_programme(start, flag):
    ctx = context()
    out = iv.apply_event(ctx, event(f"{start}_start"))
    assert getattr(ctx.municipality, flag) and out.network is None and not out.steer
    iv.apply_event(ctx, event(f"{start}_stop"))
    assert not getattr(ctx.municipality, flag)


def test_set_vertical_share_asks_to_steer_at_once():
    ctx = context()
    out = iv.apply_event(ctx, event("set_vertical_share", value=0.8))
    assert ctx.municipality.vertical_share == 0.8 and out.steer
    assert out.text == "vertical share set to 0.80"


def test_urgency_shock_defaults_come_from_its_event_type():
    ctx = context(week=10)
    iv.apply_event(ctx, event("urgency_shock"))
    iv.apply_event(ctx, event("urgency_shock", size=0.5, weeks=2))
    assert ctx.municipality.shocks == [(18, 0.3), (12, 0.5)]


def test_pick_investees_finds_real_connectors_only_as_far_as_officials_are_present():
    is_connector = np.array([True, False, True, False, False])
    visibility = np.array([0.0, 5.0, 0.0, 3.0, 1.0])
    none = np.zeros(5, bool)
    rng = np.random.default_rng(0)
    blind = iv.pick_investees(is_connector, none, visibility, 2, 0.0, rng)
    np.testing.assert_array_equal(blind, [1, 3])  # the two most visible usual suspects
    seeing = iv.pick_investees(is_connector, none, visibility, 2, 1.0, rng)
    assert set(seeing) == {0, 2}


def test_connector_programme_invests_and_engages():
    r = five_residents(engaged=[False] * 5, ownership=[0.0] * 5)
    ctx = context(residents=r)
    out = iv.apply_event(ctx, event("connector_programme"))
    size = min(CityConfig().programmes.connector_programme_size, 5)
    assert r.invested.sum() == size and r.engaged[r.invested].all()
    np.testing.assert_allclose(r.ownership[r.invested],
                               CityConfig().programmes.investment_ownership)
    assert ctx.municipality.programme_running and "invests in 5 residents" in out.text


def test_connector_moving_away_takes_bridging_ties_and_hands_back_the_network():
    m = CityModel(small_config(), seed=3)
    r, net = m.residents, m.network
    hubs = np.flatnonzero(r.is_connector)
    hubs = hubs[np.argsort(-net.degree[hubs], kind="stable")][:2]
    assert hubs.size == 2
    ctx = iv.InterventionContext(m.municipality, r, net, m.commons, m.config, m.code, m.week,
                                 np.random.default_rng(3), np.random.default_rng(4))
    out = iv.apply_event(ctx, event("connector_moves_away", count=2))
    assert out.network is not None and out.network is not net
    def bridging(network):
        return np.isin(np.concatenate(network.bridge_ends), hubs).sum()
    assert bridging(out.network) == 0 and bridging(net) > 0
    assert not r.is_connector[hubs].any()  # newcomers took their dwellings


@pytest.mark.parametrize("share", [1.0, 0.0])
def test_rules_imposed_reaches_the_share_it_names(share):
    ctx = context()
    out = iv.apply_event(ctx, event("rules_imposed", value=share))
    c = ctx.commons.commons
    assert c.imposed[0] == (share == 1.0)
    assert out.text == f"municipality imposes its rules on {int(share)} commons"


def test_rules_returned_lets_members_re_decide():
    ctx = context()
    iv.apply_event(ctx, event("rules_imposed"))
    assert not ctx.commons.made.any()
    iv.apply_event(ctx, event("rules_returned"))
    c = ctx.commons.commons
    assert not c.imposed[0] and c.ever_imposed[0]
    np.testing.assert_array_equal(c.rules[0], 1)  # members all believe +1: their own rules


@pytest.mark.parametrize("data", [
    {"event": "subsidy_start", "value": 0.5},  # a key another event type takes
    {"event": "set_vertical_share"},  # its required share is missing
    {"event": "urgency_shock", "size": 1.5},  # out of bounds
    {"event": "subsidy_begin"},  # no such event
])
def test_invalid_events_are_refused(data):
    with pytest.raises(ValidationError):
        parse_event({"week": 1, **data})


def test_app_buttons_send_what_each_event_type_requires():
    assert event_for("set_vertical_share", 0.333) == {"event": "set_vertical_share",
                                                      "value": 0.33}
    assert event_for("urgency_shock", 0.9) == {"event": "urgency_shock"}
    for name in TRAINER_EVENT_NAMES:
        parse_event({"week": 0, **event_for(name, 0.5)})


def test_a_live_intervention_is_measured_again_on_request():
    m = CityModel(small_config(), seed=3)
    m.run(3)
    rows = len(m.recorder)
    before = m.recorder.arrays()["vertical_share"][-1]
    m.intervene({"event": "set_vertical_share", "value": 0.9})
    assert m.recorder.arrays()["vertical_share"][-1] == before  # recorded before the event
    m.record_again()
    after = m.recorder.arrays()
    assert len(m.recorder) == rows and after["vertical_share"][-1] == 0.9 != before
    assert m.event_log[-1][:2] == (3, "set_vertical_share")
