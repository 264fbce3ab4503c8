"""Played agents act on the real model: each choice's event measurably changes the city."""

from __future__ import annotations

import numpy as np
import pytest

from zelflerendestad.model import CityModel
from zelflerendestad.played import Played, apply_plans, mediated_share, planned_time, steer_effort

from .room_helpers import small_config


def test_planned_time_gives_urgency_above_the_desk_first_and_protects_learning():
    assert planned_time(0.2, 0.3, 0.5, 0.2, 0.0) == (0.5, 0.2)  # urgency fits the desk
    street, learning = planned_time(0.6, 0.3, 0.5, 0.2, 0.0)  # 0.3 too much, taken 5:2
    assert street == pytest.approx(0.5 - 0.3 * 5 / 7)
    assert learning == pytest.approx(0.2 - 0.3 * 2 / 7)
    street, learning = planned_time(0.6, 0.3, 0.5, 0.2, 1.0)  # learning fully protected
    assert street == pytest.approx(0.2) and learning == pytest.approx(0.2)
    assert planned_time(1.0, 0.0, 0.5, 0.5, 0.0) == (0.0, 0.0)


def test_apply_plans_changes_only_the_played_rows():
    street, learning = apply_plans({1: (0.0, 1.0, 0.0)}, np.zeros(3), np.full(3, 0.4),
                                   np.full(3, 0.1), 0.0)
    assert street.tolist() == [0.4, 1.0, 0.4] and learning.tolist() == [0.1, 0.0, 0.1]


def test_steer_effort_replaces_the_draw_only_where_a_stance_is_set():
    effort = np.array([1, -1, 0, 1], dtype=np.int8)
    active, did = steer_effort(effort, np.array([False, True, True, True]),
                               np.array([False, False, False, True]),
                               np.array([False, True, True, True]))
    assert active.tolist() == [True, True, True, True]
    assert did.tolist() == [True, False, True, True]
    assert mediated_share(np.array([0.1, 0.2]), np.array([True, False])).tolist() == [1.0, 0.2]


def test_played_state_arrays():
    p = Played(stance={2: True, 0: False}, mediated={1, 9})
    assert p.effort(4).tolist() == [-1, 0, 1, 0] and p.mediated_mask(3).tolist() == [0, 1, 0]
    assert Played().effort(3) is None and Played().mediated_mask(3) is None


def _pair(weeks: int = 10) -> tuple[CityModel, CityModel]:
    a, b = CityModel(small_config(), seed=4), CityModel(small_config(), seed=4)
    a.run(weeks)
    b.run(weeks)
    return a, b


def test_an_officials_plan_moves_street_time_and_presence():
    a, b = _pair()
    for k in range(b.officials.n):
        b.intervene({"event": "official_plan", "official": k, "desk": 0.1, "street": 0.9,
                     "learning": 0.0})
    a.run(3)
    b.run(3)
    assert b.officials.street_time.mean() > a.officials.street_time.mean() + 0.1
    assert b.municipality.H > a.municipality.H
    b.intervene({"event": "official_plan", "official": 0})
    assert 0 not in b.played.plans


def test_a_residents_start_join_stance_rules_and_leave():
    m = CityModel(small_config(), seed=4)
    m.run(2)
    starter = next(i for i in range(m.residents.n)
                   if "starts initiative" in m.intervene({"event": "resident_choice", "resident": i,
                                                    "action": "start"}))
    k = int(m.residents.member_of[starter])
    joiner = int(np.flatnonzero(m.residents.member_of < 0)[0])
    m.intervene({"event": "resident_choice", "resident": joiner, "action": "join", "commons": k})
    assert m.residents.member_of[joiner] == k and m.residents.engaged[joiner]
    m.intervene({"event": "resident_choice", "resident": joiner, "action": "rule_making"})
    assert m.commons.made[joiner]
    m.intervene({"event": "resident_choice", "resident": joiner, "action": "free_ride"})
    assert m.played.stance[joiner] is False
    m.intervene({"event": "resident_choice", "resident": joiner, "action": "leave"})
    assert m.residents.member_of[joiner] == -1
    text = m.intervene({"event": "resident_choice", "resident": joiner, "action": "join",
                        "commons": 10_000})
    assert "cannot join" in text


def test_contribute_and_free_ride_stances_replace_the_contribution_draw():
    runs = [CityModel(small_config(), seed=4) for _ in range(2)]
    for m in runs:
        m.run(2)
        for i in range(10):  # the same starts in both: the same founders
            m.intervene({"event": "resident_choice", "resident": i, "action": "start"})
    members = np.flatnonzero(runs[0].residents.member_of >= 0)
    assert members.size >= 3
    for m, act in zip(runs, ("contribute", "free_ride"), strict=True):
        for i in members:
            m.intervene({"event": "resident_choice", "resident": int(i), "action": act})
        m.run(1)
    keen, lazy = runs
    stayed = members[(keen.residents.member_of[members] >= 0)
                     & ~keen.residents.burnt_out[members]]
    assert stayed.size and keen.commons.contributed[stayed].all()
    assert not lazy.commons.contributed[members].any()
    assert keen.commons.commons.contributors.sum() > lazy.commons.commons.contributors.sum()


def test_a_connector_ties_bridges_supports_and_mediates():
    m = CityModel(small_config(), seed=4)
    m.run(24)
    conn = int(np.flatnonzero(m.residents.is_connector)[0])
    other = int(np.flatnonzero(m.residents.neighbourhood != m.residents.neighbourhood[conn])[0])
    ties = m.network.degree.sum()
    assert "bridge" in m.intervene({"event": "connector_choice", "resident": conn,
                                    "action": "connect", "other": other})
    assert m.network.degree.sum() == ties + 2 and m.network.adjacency[conn, other]
    k = int(m.commons.commons.living[0])
    m.intervene({"event": "connector_choice", "resident": conn, "action": "support",
                 "commons": k})
    assert m.residents.member_of[conn] == k
    m.intervene({"event": "connector_choice", "resident": conn, "action": "mediate",
                 "commons": k})
    assert m.played.mediated == {k}
    m.step()
    assert m.played.mediated == set()  # mediation lasts one week


def test_nobody_played_leaves_the_run_unchanged():
    a, b = _pair(12)
    b.intervene({"event": "official_plan", "official": 99})  # no such official: ignored
    a.run(5)
    b.run(5)
    assert a.recorder.to_table().equals(b.recorder.to_table())
