"""Targeted instruments (payments, fines, recognition, peer monitoring) and the prices they set."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from tests.commons_helpers import five_residents
from zelflerendestad import instruments as ins
from zelflerendestad import prices
from zelflerendestad.config import CityConfig
from zelflerendestad.config.events import Target, parse_event
from zelflerendestad.config.instruments_schema import InstrumentSettings
from zelflerendestad.interventions import apply_event
from zelflerendestad.model import CityModel

from .conftest import small_config
from .test_interventions import context, event

NBHD = np.array([0, 0, 1, 1, 2])


def resolve(target: dict, engaged=(True, False, True, False, True), seed=0) -> np.ndarray:
    member_of = np.array([0, -1, 0, 1, -1])
    groups = ins.groups_of(np.array(engaged), np.array(engaged), np.zeros(5, bool), member_of)
    return ins.resolve(Target(**target), NBHD, member_of, groups, np.random.default_rng(seed))


def test_a_target_is_everyone_unless_it_names_someone():
    assert resolve({}).all()


def test_a_target_is_the_intersection_of_what_it_names():
    np.testing.assert_array_equal(resolve({"neighbourhoods": [0, 1]}), [1, 1, 1, 1, 0])
    np.testing.assert_array_equal(resolve({"neighbourhoods": [0, 1], "selector": "passive"}),
                                  [0, 1, 0, 1, 0])
    np.testing.assert_array_equal(resolve({"commons": [0]}), [1, 0, 1, 0, 0])
    np.testing.assert_array_equal(resolve({"selector": "members"}), [1, 0, 1, 1, 0])


def test_a_share_draws_a_random_part_of_those_named():
    hits = sum(resolve({"share": 0.5}, seed=s).sum() for s in range(200))
    assert 400 < hits < 600  # 1000 draws at one half


def test_commons_reached_are_those_with_most_members_reached():
    member_of = np.array([0, 0, 0, 1, 1])
    reach = np.array([True, True, False, True, False])
    np.testing.assert_array_equal(ins.commons_reached(reach, member_of, 2), [0])


def test_levels_add_up_and_expire():
    a = ins.Instrument("payment", np.array([1, 1, 0], bool), 0.5, until=10)
    b = ins.Instrument("payment", np.array([1, 0, 0], bool), 0.25, until=None)
    f = ins.Instrument("fine", np.array([0, 0, 1], bool), 0.8, until=None, inspection=0.1)
    np.testing.assert_allclose(ins.level([a, b, f], "payment", 3), [0.75, 0.5, 0.0])
    np.testing.assert_allclose(ins.level([a, b, f], "fine", 3, inspected=True), [0, 0, 0.08])
    assert ins.running([a, b, f], 11) == [b, f]


def test_a_payment_pulls_passive_residents_in_by_its_size():
    s = InstrumentSettings(payment_response=0.1)
    got = prices.paid_wake_probability(np.array([0.01, 0.01, 0.95]), np.array([0.0, 0.5, 1.0]),
                                       s)
    np.testing.assert_allclose(got, [0.01, 0.06, 1.0])


def test_an_expected_fine_adds_deterrence():
    s = InstrumentSettings(fine_weight=2.0)
    got = prices.fined_deterrence(np.array([0.1, 0.1, 0.9]), np.array([0.0, 0.05, 0.1]), s)
    np.testing.assert_allclose(got, [0.1, 0.2, 1.0])


def test_a_price_is_felt_as_control_by_everyone_it_reaches():
    s = InstrumentSettings(price_control=0.5)
    got = prices.price_pressure(np.array([0.0, 0.2, 0.0]), np.array([0.0, 0.4, 1.0]),
                                np.array([0.0, 0.0, 1.0]), s)
    np.testing.assert_allclose(got, [0.0, 0.4, 1.0])


def test_payment_offer_and_stop_add_and_remove_an_instrument():
    ctx = context(week=10)
    out = apply_event(ctx, event("payment_offer", amount=0.4, weeks=3,
                                 target={"selector": "engaged", "share": 1.0}))
    [i] = ctx.municipality.instruments
    assert (i.kind, i.amount, i.until) == ("payment", 0.4, 13) and i.reach.all()
    assert out.text == "payment 0.40 starts for 5 residents for 3 weeks"
    apply_event(ctx, event("payment_stop"))
    assert ctx.municipality.instruments == []


def test_peer_monitoring_switches_targeted_commons():
    ctx = context()
    apply_event(ctx, event("peer_monitoring_stop", target={"commons": [0]}))
    assert not ctx.commons.commons.monitoring[0]
    apply_event(ctx, event("peer_monitoring_start"))
    assert ctx.commons.commons.monitoring[0]


def test_recognition_starts_for_whom_it_targets():
    r = five_residents(neighbourhood=[0, 0, 1, 1, 1])
    ctx = context(residents=r)
    apply_event(ctx, event("recognition_start", strength=0.7, target={"neighbourhoods": [1]}))
    np.testing.assert_allclose(ins.level(ctx.municipality.instruments, "recognition", 5),
                               [0, 0, 0.7, 0.7, 0.7])


@pytest.mark.parametrize("name", ["set_vertical_share", "urgency_shock",
                                  "learning_circle_start", "subsidy_stop"])
def test_events_that_name_no_target_refuse_one(name):
    with pytest.raises(ValidationError, match="target"):
        parse_event({"week": 1, "event": name, "value": 0.5, "target": {"share": 0.5}})


def test_a_target_outside_the_city_is_an_error_naming_the_key():
    with pytest.raises(ValidationError, match=r"interventions.0.target.neighbourhoods"):
        CityConfig.model_validate({"city": {"neighbourhoods": 4}, "interventions": [
            {"week": 1, "event": "payment_offer", "target": {"neighbourhoods": [7]}}]})


def test_a_payment_in_one_neighbourhood_wakes_more_there_and_then_ends():
    cfg = small_config()
    cfg = cfg.model_copy(update={"instruments": InstrumentSettings(payment_response=0.5)})
    m = CityModel(cfg, seed=3)
    m.run(2)
    twin = CityModel(cfg, seed=3)
    twin.run(2)
    m.intervene({"event": "payment_offer", "amount": 1.0, "weeks": 2,
                 "target": {"neighbourhoods": [0], "selector": "passive"}})
    m.run(1)
    twin.run(1)
    treated = m.residents.neighbourhood == 0
    gained = m.residents.engaged.astype(int) - twin.residents.engaged.astype(int)
    assert gained[treated].sum() > 0
    assert m.residents.felt_control[treated & m.residents.engaged].mean() > 0
    m.run(2)
    assert m.municipality.instruments == []  # its two weeks are over


def test_a_fine_in_one_neighbourhood_starts_and_stops_by_name_on_the_timeline():
    fine = small_config(interventions=[
        {"week": 4, "event": "fine_start", "amount": 1.0, "inspection": 0.5,
         "target": {"neighbourhoods": [0]}},
        {"week": 8, "event": "fine_stop"}])
    m, twin = CityModel(fine, seed=3), CityModel(small_config(), seed=3)
    treated = m.residents.neighbourhood == 0
    gap = []
    for week in range(1, 13):
        m.step()
        twin.step()
        felt = m.residents.felt_control - twin.residents.felt_control
        assert np.array_equal(felt[~treated], np.zeros((~treated).sum()))  # the control
        gap.append(felt[treated].mean())
        deterrence = m._fine_deterrence()
        if 4 <= week < 8:  # fired at the end of week 4, stopped at the end of week 8
            np.testing.assert_allclose(deterrence, np.where(treated, 0.5, 0.0))  # 1 x 0.5 x 1
        else:
            assert deterrence is None
    assert [e[1] for e in m.event_log] == ["fine_start", "fine_stop"]
    assert gap[:4] == [0.0] * 4  # nothing before the fine acts
    assert (np.diff(gap[3:8]) > 0).all()  # felt more each week it runs (weeks 5 to 8)
    assert (np.diff(gap[7:]) < 0).all()  # and fades once it stops (weeks 9 to 12)
