"""The room's pages without a browser: QR code, join address, the watch loop, the phone screens
and the projector's hold on a room, on a small city (the browser test plays the whole room)."""

from __future__ import annotations

import io
import threading
import zipfile
from urllib.parse import unquote

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from zelflerendestad.app import projector
from zelflerendestad.app.join_address import join_base, join_url
from zelflerendestad.app.live import FrameClock
from zelflerendestad.app.phone import PHONE_FIGURES, PlayScreen, figure, view_key
from zelflerendestad.app.projector import parse_query, round_zip
from zelflerendestad.app.qr import qr_data_uri
from zelflerendestad.app.role_screens import SCREENS, initiatives, people
from zelflerendestad.app.room_state import Projector, RoomSimulation
from zelflerendestad.app.room_texts import ROOM
from zelflerendestad.app.room_watch import watch_loop
from zelflerendestad.app.routes import Home, Layout, routes
from zelflerendestad.app.server import is_loopback
from zelflerendestad.model import CityModel
from zelflerendestad.room import NotTrainer, Registry

from .conftest import small_config, write_app_scenarios


@pytest.fixture()
def room():
    """A room on a small city, and its trainer's token."""
    rooms = Registry()
    room, token = rooms.open_room(small_config())
    return room, token


def test_the_qr_code_is_an_svg_of_the_address():
    one, two = qr_data_uri("http://10.0.0.5:8765/join?code=ACD3"), qr_data_uri("x")
    assert one.startswith("data:image/svg+xml") and "<svg" in unquote(one)
    assert one != two and one == qr_data_uri("http://10.0.0.5:8765/join?code=ACD3")


def test_the_phones_get_the_lan_address_not_loopback():
    assert join_base("http://127.0.0.1:8765", "192.168.1.20") == "http://192.168.1.20:8765"
    assert join_base("http://localhost:9000", None) == "http://localhost:9000"
    assert join_base("http://laptop.local:8765", "192.168.1.20") == "http://laptop.local:8765"
    assert join_base("http://[::1]:8765", "fe80::1") == "http://[fe80::1]:8765"
    assert join_url("http://h:1", "AC 4") == "http://h:1/join?code=AC%204"
    assert is_loopback("127.0.0.2") and not is_loopback("10.0.0.1")


def test_the_watch_loop_follows_the_version_and_the_page():
    # per poll: (room version, page connected); the loop is cancelled after the last
    script = iter([(0, True), (0, True), (1, True), (1, False), (1, False), (1, True), (2, True)])
    now, calls, cancel = [(0, True)], [], threading.Event()

    def watched() -> bool:
        now[0] = next(script, now[0])
        if now[0] == (2, True):
            cancel.set()
        return now[0][1]

    watch_loop(lambda: now[0][0], calls.append, cancel, watched,
               lambda: calls.append("gone"), lambda: calls.append("back"), every=0)
    # a page back sees the room as it is now (1 again); leaving while here counts as gone
    assert calls == [0, 1, "gone", "back", 1, 2, "gone"]


def test_the_projector_needs_the_trainers_token(room):
    room, token = room
    phone = room.join(room.code, "resident")
    with pytest.raises(NotTrainer):
        Projector.attach(room, phone, None, [])
    held = Projector.attach(room, token, None, [])
    assert isinstance(held.sim, RoomSimulation) and held.sim.model is room.model
    with pytest.raises(RuntimeError):
        held.sim.step()


def test_the_debrief_pairs_the_room_with_the_model_alone(room):
    room, token = room
    held = Projector.attach(room, token, None, [])
    council = room.join(room.code, "council")
    room.choose(council, {"kind": "council_vote", "vertical_share": 0.9})
    held.tick(3)
    c = held.debrief()
    assert (c.a.week, c.b.week) == (3, 3) and c.b.model is room.model
    alone = CityModel(room.config, seed=room.config.run.seed)
    for _ in range(3):
        alone.step()
    assert c.a.model.recorder.to_table().equals(alone.recorder.to_table())
    assert c.difference()["vertical_share"][-1] == pytest.approx(0.9 - 0.5)
    assert not [m for m in held.sim.markers() if m[1] in ("official_plan", "resident_choice")]
    assert held.state.comparison is c
    for view in ("runs", "difference"):  # the debrief draws (the room's run has its number)
        frames = held.state.draw("nl", "engagement", True, view)
        picture = frames.compare if view == "runs" else frames.difference
        assert picture[:3] == b"\xff\xd8\xff"  # a JPEG


def test_the_room_clock_plays_as_the_app_does_its_pictures_sent_once_the_browser_caught_up(
        room, monkeypatch):
    """The projector's clock goes through `live.play` with its page's FrameClock, and each
    tick draws the week and waits for the browser before the pictures go out."""
    room, token = room
    held = Projector.attach(room, token, None, [])
    played, seen = [], []

    def two_ticks(tick, clock, playing, cancel, period) -> None:
        def caught_up() -> None:  # the picture of this week is drawn, not yet sent
            seen.append((room.model.week, bytes(plots.value), clock is live_clock))
        played.append(playing())
        if playing():
            for _ in range(2):
                tick(caught_up)
            seen.append((room.model.week, bytes(plots.value), True))

    monkeypatch.setattr(projector, "play", two_ticks)
    box, rc = solara.render(projector.RoomScreen(held, "nl", lambda lang: None, lambda: None),
                            handle_error=False)
    live_clock = rc.find(FrameClock).widget
    plots = next(w for w in rc.find(ipywidgets.Image).widgets if "zs-series" in w._dom_classes)
    room.play(token)  # the clock starts with the next render (the room's version moved)
    rc.render(projector.RoomScreen(held, "nl", lambda lang: None, lambda: None))
    for _ in range(200):
        if len(seen) == 3:
            break
        threading.Event().wait(0.02)
    rc.close()
    assert played == [False, True]  # paused: no tick; playing: the same loop as the app's
    (w1, before1, same1), (w2, before2, _), (w3, after, _) = seen
    assert (w1, w2, w3) == (1, 2, 2) and same1
    assert before1 != before2 != after  # each tick's picture went out after its wait


def test_the_round_zip_holds_what_rerun_needs(room):
    room, token = room
    held = Projector.attach(room, token, None, [])
    held.tick(1)
    names = zipfile.ZipFile(io.BytesIO(round_zip(held))).namelist()
    assert {f"round-{room.code}/{n}" for n in ("manifest.json", "choices.yaml",
                                               "timeseries.parquet")} <= set(names)


def click(rc, label: str) -> None:
    rc.find(v.Btn, children=[label]).widget.click()


@pytest.mark.parametrize("role", sorted(SCREENS))
def test_each_role_screen_sends_its_choice(room, role):
    room, token = room
    me = room.join(room.code, role, "Ans")
    box, rc = solara.render(PlayScreen(room, me, "nl", lambda lang: None), handle_error=False)
    try:
        rc.find(v.Html, children=["Ans"]).assert_empty()  # names are for the projector
        if role == "council":
            rc.find(v.Btn, children=["+"]).widget.click()
            click(rc, "Stem")
        elif role == "official":
            click(rc, "Zo verdeel ik mijn week")
        elif role == "connector":
            click(rc, "Verbind")
        else:
            click(rc, "Begin een initiatief")
        rc.find(v.Html, children=["Doorgegeven in week 0"]).assert_single()
        room.tick(token, 1)
        kinds = {e["choice"]["kind"] for e in room.choices_log() if e["seat"] == 1}
        assert kinds == {{"council": "council_vote", "official": "official_week"}.get(
            role, f"{role}_act")}
        if role == "council":
            assert room.view(me)["me"]["decision"]["vertical_share"] == pytest.approx(0.6)
    finally:
        rc.close()


def test_the_phone_writes_figures_for_people():
    assert figure(0.456, "share", "nl") == "46%" and figure(3.0, "count", "nl") == "3"
    assert figure(0.456, "number", "nl") == "0,46" and figure(None, "number", "en") == "–"
    assert set(PHONE_FIGURES) <= {"engaged_share", "active_share", "initiatives_living",
                                  "commons_living", "trust_government", "vertical_share",
                                  "officials_strain"}
    assert view_key({"version": 3, "week": 1}) == {"week": 1}
    options = {"initiatives": [{"commons": 4, "theme": "groen", "neighbourhood": 0,
                                "members": 5, "open_conflicts": 1}],
               "people": [{"resident": 9, "theme": "groen", "neighbourhood": 2,
                           "bridge": True}]}
    assert initiatives(options, "nl") == [(4, "groen · buurt 1 · 5 leden · conflict")]
    assert people(options, "en")[0][0] == 9 and "other area" in people(options, "en")[0][1]


def test_a_closed_room_says_so_on_the_phone(room):
    room, token = room
    me = room.join(room.code, "resident")
    box, rc = solara.render(PlayScreen(room, me, "en", lambda lang: None), handle_error=False)
    try:
        room.close(token)
        rc.find(v.Alert).wait_for(timeout=5)
        assert "closed" in rc.find(v.Alert).widget.children[0]
    finally:
        rc.close()


def test_with_room_the_home_page_is_the_projector(monkeypatch, tmp_path):
    from zelflerendestad.app.server import ROOM_ENV

    monkeypatch.setenv("ZELFLERENDESTAD_CONFIGS", str(write_app_scenarios(tmp_path, 300)))
    for flag, shown in (("1", "Open de ruimte"), ("", "Stap")):
        monkeypatch.setenv(ROOM_ENV, flag)
        box, rc = solara.render(solara.RoutingProvider(routes=routes, pathname="/",
                                                       children=[Home()]), handle_error=False)
        try:
            rc.find(v.Btn, children=[shown]).assert_single()
        finally:
            rc.close()


def test_the_routes_and_the_query():
    assert [r.path for r in routes] == ["/", "room", "join"] and routes[0].layout is Layout
    assert parse_query("code=AB&trainer=x&code=CD") == {"code": "AB", "trainer": "x"}
    assert parse_query(None) == {} and all(len(pair) == 2 for pair in ROOM.values())
