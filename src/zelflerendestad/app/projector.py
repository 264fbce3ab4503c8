"""The projector (route `/room`): the trainer opens a room, the beamer shows the shared city.

Before a room: pick a scenario, "Open de ruimte" (`room.ROOMS.open_room`). `zelflerendestad app
--room` opens one itself and prints `/room?code=CODE&trainer=TOKEN`; this page takes the room
from that address and then drops the token from the address bar, so the beamer never shows it.
With a room: the join code, a QR code and the address for the phones; the trainer's clock (a
tick steps `speed` weeks, Pause for discussion, Next round), which role sees the city, the
participants with role and connection, the round's export, the debrief (the compare view: A =
the model alone on the same seed, B = the room) and Close. The city, the plots, the monitors,
the event log and the commons table are the app's own views (`views.py`) on the room's model.
"""

from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from pathlib import Path
from urllib.parse import parse_qs

import solara

from ..room import ROLES, ROOMS, RoomError
from ..room.council import PROGRAMMES
from .i18n import DEFAULT_LANGUAGE, t
from .join_address import Origin, join_base, join_url, lan_ip
from .layout import HEADER_PX, screen_layout
from .library import default_scenario, load_library
from .live import LiveWidgets, play
from .page import CSS, TICK_SECONDS, _lang_buttons, monitor_values
from .presence import browser_watch
from .qr import qr_data_uri
from .role_screens import percent
from .room_state import Projector
from .room_watch import use_room_watch
from .sidebar import SPEEDS
from .views import BelowTheFold, MainViews

ROOM_CSS = """
.zs-code { color: #000; font-size: 44px; font-weight: 800; letter-spacing: 4px;
           font-family: monospace; }
.zs-qr { width: 200px; height: 200px; display: block; margin: 4px 0; }
.zs-address { font-size: 18px; font-weight: 600; word-break: break-all; }
.zs-roster td { font-size: 16px !important; padding: 2px 4px !important; height: auto !important; }
.zs-round { font-size: 22px; font-weight: 700; color: #fff; white-space: nowrap; }
.zs-reveal .v-input { margin-top: 0; }
"""


def parse_query(search: str | None) -> dict[str, str]:
    """`a=1&b=2` -> {"a": "1", "b": "2"} (first value of each, bounded length)."""
    return {k: v[0][:200] for k, v in parse_qs(search or "", max_num_fields=8).items()}


def round_zip(projector: Projector) -> bytes:
    """The round's record (`Room.export`: Parquet, YAML + choices) as one zip."""
    with tempfile.TemporaryDirectory(prefix="zs-room-") as tmp:
        folder = projector.room.export(projector.token, Path(tmp) / "round")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, f"round-{projector.room.code}/{path.relative_to(folder)}")
        return buf.getvalue()


@solara.component
def ProjectorPage():
    """The trainer's page: open (or take) a room, then run it."""
    router = solara.use_router()
    query = solara.use_memo(lambda: parse_query(router.search), [])
    lang, set_lang = solara.use_state(DEFAULT_LANGUAGE)
    library = solara.use_memo(load_library, [])
    held, set_held = solara.use_state(None)
    closed, set_closed = solara.use_state(False)  # the trainer closed the last room
    error, set_error = solara.use_state(None)
    start = default_scenario(library) if library else None
    label, set_label = solara.use_state(start.label if start else "")

    def attach(room, token: str) -> None:
        scenario = next((s for s in library if s.config is not None
                         and s.config == room.config), None)
        set_held(Projector.attach(room, token, scenario, library))
        set_error(None)
        set_closed(False)

    def from_address() -> None:
        if "code" in query and "trainer" in query and held is None:
            try:
                attach(ROOMS.find(query["code"]), query["trainer"])
            except RoomError as exc:
                set_error(str(exc))
            router.push("/room")  # the token leaves the address bar

    solara.use_effect(from_address, [])

    def open_room() -> None:
        scenario = next((s for s in library if s.label == label), None)
        if scenario is None or scenario.config is None:
            set_error(scenario.error if scenario else label)
            return
        try:
            room, token = ROOMS.open_room(scenario.config)
        except (RoomError, ValueError) as exc:
            set_error(str(exc))
            return
        attach(room, token)

    solara.Style(CSS + ROOM_CSS)
    solara.Title(t("ui.title", lang))
    if held is not None and not held.room.closed:
        RoomScreen(held, lang, set_lang, on_closed=lambda: (set_held(None), set_closed(True)))
        return
    with solara.Column(style={"padding": "16px", "max-width": "720px"}):
        with solara.Row(style={"align-items": "center"}):
            solara.Text(t("room.start", lang), classes=["zs-section"])
            solara.v.Spacer()
            _lang_buttons(lang, set_lang)
        if closed:
            solara.Info(t("room.closed", lang))
        solara.Text(t("room.start_note", lang), classes=["zs-note"])
        items = [{"text": s.title(lang), "value": s.label} for s in library
                 if s.config is not None]
        solara.v.Select(label=t("room.scenario", lang), items=items, v_model=label,
                        on_v_model=set_label, class_="zs-room-scenario")
        solara.Button(t("room.open", lang), on_click=open_room, color="primary",
                      classes=["zs-open-room"])
        if error:
            solara.Error(t("room.refused", lang, message=error))


@solara.component
def RoomScreen(held: Projector, lang: str, set_lang, on_closed):
    """The beamer during a room: join panel and trainer controls left, the city and plots."""
    room = held.room
    live: LiveWidgets = solara.use_memo(LiveWidgets, [])
    origin: Origin = solara.use_memo(Origin, [])
    lan = solara.use_memo(lan_ip, [])
    watched = solara.use_memo(browser_watch, [])
    ticking = solara.use_memo(threading.Lock, [])
    drawn = solara.use_ref(None)  # what the pictures on screen show: version and settings
    version, set_version = solara.use_state(room.version)
    base, set_base = solara.use_state(join_base("", lan))
    slow = solara.use_reactive(0)
    size, set_size = solara.use_state(tuple(live.viewport.size))
    speed, set_speed = solara.use_state("1")
    # the weeks per tick as last chosen: Step reads it when clicked, so a click that comes
    # before the page's re-render after choosing a speed (phones keep it re-rendering) steps
    # as many weeks as the trainer chose, not as the render before
    chosen_speed = solara.use_ref(speed)
    mode, set_mode = solara.use_state("engagement")
    debrief, set_debrief = solara.use_state(False)
    compare_view, set_compare_view = solara.use_state("runs")
    error, set_error = solara.use_state(None)
    screen = screen_layout(*size)
    state = held.state

    def watch_widgets():
        def resized(change):
            set_size(tuple(change["new"]))

        def located(change):
            set_base(join_base(change["new"], lan))
        live.viewport.observe(resized, "size")
        origin.observe(located, "origin")
        if origin.origin:
            set_base(join_base(origin.origin, lan))
        return lambda: (live.viewport.unobserve(resized, "size"),
                        origin.unobserve(located, "origin"))

    solara.use_effect(watch_widgets, [])
    use_room_watch(lambda: room.version, set_version, key=id(room))

    def draw_frames(before_showing=lambda: None) -> None:
        """Draw the pictures into the live widgets (the clock waits in `before_showing`)."""
        key = (room.version, lang, mode, debrief, screen)
        if key == drawn.current:  # the clock drew this already: the page follows a tick
            return
        state.resize(screen.plots, screen.city, screen.compare)
        frames = state.draw(lang, mode, debrief)
        before_showing()
        live.show(frames, t("ui.week", lang, week=room.model.week if room.model else 0),
                  monitor_values(state, debrief, lang))
        drawn.current = key

    def redraw() -> None:
        if room.closed:
            return
        # not behind a tick in flight: it draws the room itself, and it may be waiting for
        # the browser's answer, which this thread (a click's) might be the one to deliver
        if ticking.acquire(timeout=0.05):
            try:
                draw_frames()
            finally:
                ticking.release()
        slow.value += 1

    solara.use_effect(redraw, [lang, mode, debrief, size, version])

    def trainer(action, *args) -> None:
        """A trainer action with the token; a refusal shows on the projector."""
        try:
            action(held.token, *args)
            set_error(None)
        except RoomError as exc:
            set_error(str(exc))

    def choose_speed(value: str) -> None:
        chosen_speed.current = value
        set_speed(value)

    def tick(caught_up=lambda: None) -> None:
        """The room's choices and `speed` weeks, then its pictures, sent once `caught_up()`."""
        with ticking:
            held.tick(int(chosen_speed.current))
            draw_frames(caught_up)

    def clock(cancel: threading.Event) -> None:
        """While the room plays: tick every TICK_SECONDS, as the app's Play does (`live.play`).

        Each tick's pictures go out once the browser has shown the last ones; a round's end
        (the room refuses the tick) stops the clock.
        """
        def play_tick(caught_up) -> bool:
            try:
                tick(caught_up)
            except RoomError:
                return False
            return True

        play(play_tick, live.clock, lambda: room.playing and not room.closed and watched(),
             cancel, TICK_SECONDS)

    solara.use_thread(clock, dependencies=[room.playing, speed, debrief, lang, mode, size],
                      intrusive_cancel=False)

    def close() -> None:
        trainer(lambda token: ROOMS.close(room.code, token))
        if room.closed:
            on_closed()

    def show_debrief(on: bool) -> None:
        if on:
            if room.playing:
                trainer(room.pause)
            with ticking:
                held.debrief((t("room.line_alone", lang), t("room.line_room", lang)))
        set_debrief(on)

    if room.closed:  # closed from here a moment ago: the page above shows the start screen
        solara.Info(t("room.closed", lang))
        return
    view = room.projector()
    narrow = [] if screen.wide else ["zs-narrow"]
    with solara.Column(gap="0px"):
        solara.Div(children=[live.viewport, live.clock, origin])
        with solara.Row(classes=["zs-header", *narrow]):
            solara.Text(t("ui.title", lang), classes=["zs-title"])
            solara.Div(children=[live.week])
            solara.Text(t("room.round", lang, round=view.get("round", room.round)),
                        classes=["zs-round"])
            if not debrief:
                Clock(room.playing, lang, speed, choose_speed,
                      on_play=lambda on: trainer(room.play if on else room.pause),
                      on_step=lambda: trainer(lambda token: tick()),
                      on_next=lambda: trainer(room.next_round))
            solara.v.Spacer()
            solara.Switch(label=t("room.debrief", lang), value=debrief, on_value=show_debrief,
                          classes=["zs-debrief-switch"])
            _lang_buttons(lang, set_lang)
        body_height = {"height": f"calc(100vh - {HEADER_PX}px)"} if screen.wide else {}
        with solara.Div(classes=["zs-body", *narrow], style=body_height):
            with solara.Div(classes=["zs-left"], style={
                    "width": f"{screen.left}px", **({"height": "100%"} if screen.wide else {})}):
                if error:
                    solara.Error(t("room.refused", lang, message=error))
                JoinPanel(join_url(base, room.code), room.code, lang)
                if debrief:
                    solara.Text(t("room.debrief_note", lang), classes=["zs-note",
                                                                     "zs-debrief-note"])
                Council(view.get("decision"), lang)
                Roster(held, lang, version)
                RevealPanel(held, lang, trainer)
                with solara.Card(t("room.export", lang), classes=["zs-card", "zs-room-export"]):
                    solara.FileDownload(lambda: round_zip(held), f"round-{room.code}.zip",
                                        label=t("room.export_yaml", lang),
                                        mime_type="application/zip")
                    solara.Text(t("room.choices_so_far", lang, count=len(room.log)),
                                classes=["zs-note"])
                    solara.Button(t("room.close", lang), on_click=close, color="error",
                                  classes=["zs-close-room"])
            MainViews(live, slow, state, lang, mode, set_mode, debrief, compare_view,
                      set_compare_view, screen)
        BelowTheFold(slow, state, lang, debrief)


@solara.component
def Clock(playing: bool, lang: str, speed: str, on_speed, on_play, on_step, on_next):
    """Play/Pause, Step, Next round and the weeks per tick, in one row of the header."""
    with solara.Row(gap="6px", style={"align-items": "center", "flex-wrap": "nowrap"}):
        solara.Button(t("ui.pause" if playing else "ui.play", lang), classes=["zs-play"],
                      on_click=lambda: on_play(not playing),
                      color="warning" if playing else "success")
        solara.Button(t("ui.step", lang), on_click=on_step, classes=["zs-step"],
                      color="primary", disabled=playing)
        solara.Button(t("room.next_round", lang), on_click=on_next, classes=["zs-next-round"])
        solara.Text(t("ui.speed", lang), classes=["zs-speed-label"],
                    style={"color": "#fff", "white-space": "nowrap", "font-size": "16px"})
        solara.ToggleButtonsSingle(value=speed, values=list(SPEEDS), on_value=on_speed,
                                   classes=["zs-speed"], dense=True)


@solara.component
def JoinPanel(url: str, code: str, lang: str):
    """The code in big letters, the QR code and the address to type."""
    with solara.Card(t("room.code", lang), classes=["zs-card", "zs-join"]):
        solara.Text(code, classes=["zs-code"])
        solara.v.Html(tag="img", attributes={"src": qr_data_uri(url), "alt": url},
                      class_="zs-qr")
        solara.Text(t("room.join_here", lang, address=url.split("?")[0]),
                    classes=["zs-address"])


@solara.component
def Council(decision: dict | None, lang: str):
    """The council's course: the median share and the programmes a majority wants."""
    with solara.Card(t("room.council", lang), classes=["zs-card", "zs-council"]):
        if not decision:
            solara.Text(t("room.no_votes", lang), classes=["zs-note"])
            return
        wanted = [t(f"room.prog_{p}", lang) for p in PROGRAMMES if decision.get(p)]
        solara.Text(t("room.council_mix", lang, share=percent(decision["vertical_share"]))
                    + " · " + t("room.votes", lang, count=decision.get("votes", 0)),
                    classes=["zs-section", "zs-decision"])
        solara.Text(", ".join(wanted) if wanted else t("room.no_programmes", lang),
                    classes=["zs-note"])


@solara.component
def Roster(held: Projector, lang: str, version: int):
    """Who is in the room: seat, name, role, connected or handed to the model, choices."""
    rows = held.room.roster(held.token)
    with solara.Card(t("room.participants", lang, count=len(rows)),
                     classes=["zs-card", "zs-roster-card"]):
        if not rows:
            solara.Text(t("room.nobody_yet", lang), classes=["zs-note"])
            return
        rv = solara.v
        body = []
        for r in rows:
            role = ROLES[r["role"]]
            state = t("room.connected" if r["connected"] else "room.dropped", lang)
            label = (role.label_nl if lang == "nl" else role.label_en).split(" / ")[0]
            cells = [f"{r['seat']}. {r.get('name') or '–'}", label, state]
            body.append(rv.Html(tag="tr", class_="zs-seat", children=[
                rv.Html(tag="td", children=[c]) for c in cells]))
        rv.SimpleTable(children=[rv.Html(tag="tbody", children=body)], dense=True,
                       class_="zs-roster")


@solara.component
def RevealPanel(held: Projector, lang: str, trainer):
    """Per role: whether its phones show the shared city's figures."""
    with solara.Card(t("room.reveal", lang), classes=["zs-card", "zs-reveal"]):
        for role, info in ROLES.items():
            solara.Switch(label=info.label_nl if lang == "nl" else info.label_en,
                          value=held.room.shown[role], classes=[f"zs-reveal-{role.value}"],
                          on_value=lambda on, role=role: trainer(held.room.reveal, role, on))
