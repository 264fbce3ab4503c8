"""Roles, choices, the council's vote and the room's secrets: the rules before the model."""

from __future__ import annotations

import numpy as np
import pytest

from zelflerendestad.instruments import Instrument
from zelflerendestad.municipality import Municipality
from zelflerendestad.room import council, roles, safety
from zelflerendestad.room.choices import MAX_MESSAGE_BYTES, CouncilVote, parse_choice
from zelflerendestad.room.errors import ChoiceRefused, NotTrainer
from zelflerendestad.room.roles import Role


def test_roles_have_dutch_and_english_labels_and_their_own_choices():
    assert set(roles.ROLES) == set(Role)
    kinds = [k for info in roles.ROLES.values() for k in info.choices]
    assert len(kinds) == len(set(kinds)) == 4
    assert roles.parse_role("kantelaar") is Role.CONNECTOR
    assert roles.parse_role("wethouder") is Role.COUNCIL
    assert roles.allowed(Role.OFFICIAL, "official_week")
    assert not roles.allowed(Role.RESIDENT, "council_vote")
    with pytest.raises(ValueError, match="allowed: council"):
        roles.parse_role("burgemeester")


def test_balanced_roles_fill_a_room_of_forty_mostly_with_residents():
    counts = dict.fromkeys(Role, 0)
    for _ in range(40):
        counts[roles.balanced_role(counts, dict.fromkeys(Role, 100))] += 1
    assert counts[Role.RESIDENT] == max(counts.values()) and min(counts.values()) >= 5
    small = dict.fromkeys(Role, 0)
    for _ in range(4):
        small[roles.balanced_role(small, dict.fromkeys(Role, 100))] += 1
    assert set(small.values()) == {1}
    assert roles.balanced_role(dict.fromkeys(Role, 0), {Role.COUNCIL: 1}) is Role.COUNCIL


@pytest.mark.parametrize("message, why", [
    ({"kind": "official_week", "desk": 0.5, "street": 0.5, "learning": 0.5}, "must be 1"),
    ({"kind": "council_vote", "vertical_share": 1.5}, "less than or equal"),
    ({"kind": "resident_act", "action": "join"}, "needs `commons`"),
    ({"kind": "connector_act", "action": "connect"}, "needs `other`"),
    ({"kind": "resident_act", "action": "burn"}, "action"),
    ({"kind": "teleport"}, "kinds: council_vote"),
    ({"kind": "council_vote", "vertical_share": 0.3, "extra": 1}, "not permitted"),
    ("{not json", "not JSON"),
    ("x" * (MAX_MESSAGE_BYTES + 1), "too large"),
    ([1, 2], "mapping"),
])
def test_bad_choices_are_refused_with_a_reason(message, why):
    with pytest.raises(ChoiceRefused, match=why):
        parse_choice(message)


def test_a_choice_parses_from_json_text():
    assert parse_choice('{"kind": "council_vote", "vertical_share": 0.25}') == CouncilVote(
        vertical_share=0.25)


def test_council_median_share_and_majority_programmes():
    votes = [CouncilVote(vertical_share=v, subsidy=s, learning_circle=True)
             for v, s in ((0.1, True), (0.9, False), (0.3, True))]
    d = council.decide(votes)
    assert d.vertical_share == 0.3 and d.programmes["subsidy"] and d.programmes["learning_circle"]
    assert not d.programmes["enforcement"] and d.votes == 3
    tie = council.decide(votes[:2])
    assert tie.vertical_share == pytest.approx(0.5) and not tie.programmes["subsidy"]
    assert council.decide([]) is None


def test_decision_events_move_the_municipality_only_where_it_differs():
    mun = Municipality(vertical_share=0.3, effort=1.0, learning_culture=0.0,
                       instruments=[Instrument("enforcement", np.ones(4, bool), 1.0, None)])
    d = council.Decision(0.3, {"subsidy": True, "enforcement": False,
                               "connector_programme": True, "learning_circle": False}, 3)
    assert council.decision_events(d, mun) == [
        {"event": "subsidy_start"}, {"event": "enforcement_stop"},
        {"event": "connector_programme"}]
    mun.programme_running = True  # a one-off: not fired twice, not undone
    d2 = council.Decision(0.6, dict.fromkeys(d.programmes, False), 1)
    assert council.decision_events(d2, mun) == [
        {"event": "set_vertical_share", "value": 0.6}, {"event": "enforcement_stop"}]
    assert council.decision_events(None, mun) == []


def test_codes_are_short_unambiguous_and_tokens_secret():
    codes = {safety.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == safety.CODE_LENGTH and set(c) <= set(safety.CODE_ALPHABET)
               for c in codes)
    assert not set("0O1IL5S2Z8B") & set(safety.CODE_ALPHABET)
    assert safety.normalise_code(" acd-ef3 ") == "ACDEF3"
    assert len(safety.new_token()) >= 32 and safety.new_token() != safety.new_token()
    assert safety.same_secret("abc", "abc") and not safety.same_secret(None, "abc")
    assert "trainer" in str(NotTrainer())


def test_rate_limit_refills_with_time():
    now = [0.0]
    limit = safety.RateLimit(rate=1.0, burst=3, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("b")  # per key
    now[0] = 1.5
    assert limit.allow("a") and not limit.allow("a")
