"""The room: joining, choosing, the trainer's clock, drop and rejoin, refusals, the registry."""

from __future__ import annotations

import pytest

from zelflerendestad.room import (
    ROLES,
    ChoiceRefused,
    NotTrainer,
    RateLimited,
    Role,
    RoomClosed,
    RoomFull,
    UnknownToken,
    WrongCode,
)
from zelflerendestad.room import views as room_views
from zelflerendestad.room.registry import Registry
from zelflerendestad.room.room import MAX_PARTICIPANTS, Room
from zelflerendestad.room.safety import RateLimit

from .room_helpers import CODE, TRAINER, room, seats, small_config

ALL = ["council", "official", "connector", "resident"]


def test_join_assigns_balanced_roles_and_distinct_agents():
    r = room()
    tokens = [r.join(CODE.lower()) for _ in range(12)]
    people = [r.participants[t] for t in tokens]
    assert {p.role for p in people} == set(Role)
    agents = [(p.role is Role.OFFICIAL, p.agent) for p in people if p.agent is not None]
    assert len(agents) == len(set(agents))
    assert [p.seat for p in people] == list(range(1, 13))
    assert r.model.residents.is_connector[[p.agent for p in people
                                           if p.role is Role.CONNECTOR]].all()


def test_wrong_code_full_room_and_full_role_are_refused():
    r = room(max_participants=3)
    with pytest.raises(WrongCode):
        r.join("QQQQQQ")
    for _ in range(3):
        r.join(CODE, "council")
    with pytest.raises(RoomFull):
        r.join(CODE)
    r2 = room()
    for _ in range(r2.model.officials.n):
        r2.join(CODE, "ambtenaar")
    with pytest.raises(RoomFull, match="no official left"):
        r2.join(CODE, "official")


def test_views_show_each_role_its_own_agent_and_options():
    r = room()
    t = seats(r, ALL)
    for role, token in t.items():
        v = r.view(token)
        assert v["role"] == role and v["role_label"]["nl"] == ROLES[Role(role)].label_nl
        assert TRAINER not in str(v) and all(o not in str(v) for o in t.values() if o != token)
    assert "strain" in r.view(t["official"])["me"]
    assert "people" in r.view(t["connector"])["options"]
    assert set(r.view(t["council"])["me"]) == {"vote", "decision"}
    r.reveal(TRAINER, "resident", False)
    assert r.view(t["resident"])["city"] is None and r.view(t["official"])["city"]
    assert TRAINER not in str(r.projector()) and r.projector()["seats"]["council"] == 1


def test_choices_act_at_the_tick_and_are_logged_with_week_and_role():
    r = room()
    t = seats(r, ALL)
    r.tick(TRAINER, 3)
    r.choose(t["council"], {"kind": "council_vote", "vertical_share": 0.9, "enforcement": True})
    r.choose(t["official"], {"kind": "official_week", "desk": 0.1, "street": 0.8,
                             "learning": 0.1})
    other = r.view(t["connector"])["options"]["people"][0]["resident"]
    r.choose(t["connector"], {"kind": "connector_act", "action": "connect", "other": other})
    r.choose(t["resident"], {"kind": "resident_act", "action": "contribute"})
    assert r.model.municipality.vertical_share != 0.9  # not before the tick
    version = r.version
    assert r.tick(TRAINER) == 4 and r.version > version
    assert r.model.municipality.vertical_share == 0.9 and r.model.municipality.enforcement
    log = r.choices_log()
    assert {e["role"] for e in log} == set(ALL) and {e["week"] for e in log} == {3}
    assert log[-1]["choice"]["kind"] == "council_decision"
    assert r.view(t["official"])["me"]["split"] == {"desk": 0.1, "street": 0.8,
                                                     "learning": 0.1}


def test_refusals_role_target_rate_and_trainer():
    r = room(rate_limit=RateLimit(rate=0.0, burst=2))
    t = seats(r, ["resident", "council"])
    with pytest.raises(ChoiceRefused, match="cannot send council_vote"):
        r.choose(t["resident"], {"kind": "council_vote", "vertical_share": 0.5})
    with pytest.raises(ChoiceRefused, match="does not exist"):
        r.choose(t["resident"], {"kind": "resident_act", "action": "join", "commons": 999})
    with pytest.raises(RateLimited):
        r.choose(t["resident"], {"kind": "resident_act", "action": "contribute"})
    for action in (r.tick, r.play, r.pause, r.next_round, r.roster, r.close):
        with pytest.raises(NotTrainer):
            action(t["council"])
    with pytest.raises(NotTrainer):
        r.reveal(t["council"], "resident", False)
    with pytest.raises(UnknownToken):
        r.view("not-a-token")
    assert r.model is not None and not r.closed


def test_drop_hands_the_agent_to_the_model_and_rejoin_restores_the_seat():
    r = room()
    t = seats(r, ["official", "council"])
    r.choose(t["official"], {"kind": "official_week", "desk": 0.0, "street": 1.0,
                             "learning": 0.0})
    r.choose(t["council"], {"kind": "council_vote", "vertical_share": 0.8})
    r.tick(TRAINER)
    k = r.participants[t["official"]].agent
    assert k in r.model.played.plans
    r.drop(t["official"])
    r.drop(t["council"])
    r.tick(TRAINER)
    assert k not in r.model.played.plans and r.projector()["decision"] is None
    assert r.choices_log()[-1]["choice"]["kind"] == "handed_back"
    p = r.rejoin(t["official"])
    assert p.connected and p.agent == k and r.view(t["official"])["seat"] == p.seat


def test_stale_participants_are_dropped():
    now = [0.0]
    r = room(clock=lambda: now[0])
    t = seats(r, ["resident", "council"])
    now[0] = 10.0
    r.view(t["council"])
    now[0] = 25.0
    assert r.drop_stale(20.0) == [1]
    assert not r.participants[t["resident"]].connected


def test_rounds_pause_the_clock():
    r = room(weeks_per_round=4)
    r.play(TRAINER)
    assert r.tick(TRAINER, 10) == 4 and not r.playing
    assert r.next_round(TRAINER) == 2 and r.playing
    assert r.tick(TRAINER, 10) == 8


def test_registry_isolates_rooms_and_close_frees_them():
    reg = Registry(max_rooms=2)
    a, ta = reg.open_room(small_config())
    b, tb = reg.open_room(small_config())
    assert a.code != b.code and reg.find(a.code.lower()) is a
    with pytest.raises(RoomFull):
        reg.open_room(small_config())
    token = a.join(a.code)
    with pytest.raises(UnknownToken):
        b.view(token)  # a token works only in its own room
    with pytest.raises(WrongCode):
        b.join(a.code)
    with pytest.raises(NotTrainer):
        reg.close(a.code, tb)
    reg.close(a.code, ta)
    assert len(reg) == 1 and a.model is None and not a.participants
    with pytest.raises(WrongCode):
        reg.find(a.code)
    with pytest.raises(RoomClosed):
        a.join(a.code)


def test_city_figures_are_plain_numbers():
    r = room()
    assert isinstance(r, Room) and r.max_participants <= MAX_PARTICIPANTS
    figures = room_views.city(r.model)
    assert figures and all(v is None or isinstance(v, float) for v in figures.values())
