"""The workshop app's page: one city per browser session, Dutch first, made for a beamer.

`zelflerendestad app` serves this module's `Page` with Solara (see `server.py`). The page
builds its `SessionState` inside the component, so each browser session has its own city; a
Play thread per session steps it and redraws the live images in place (`live.py`).

Layout (`layout.py`): a header with the week, Play and the switches; under it the controls
(interventions first), the city and the plots side by side, filling the window; the event log
and the commons table below them.
"""

from __future__ import annotations

import os
import threading

import solara
import solara.server.settings

from ..config.schema import CityConfig
from .commons_view import signature as commons_signature
from .controls import InputRefused
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from .inspect import describe
from .layout import BAR_PX, HEADER_PX, MONITOR_PX, PAD_PX, screen_layout
from .live import MONITORS, LiveWidgets, play
from .memory import release_later
from .presence import browser_watch
from .sidebar import Interventions, RunControls, ScenarioPicker, Settings
from .state import SessionState
from .views import BelowTheFold, ExportPanel, MainViews

solara.server.settings.theme.show_banner = False  # "runs on Solara" would sit over the plots
# One Play tick steps `speed` weeks and redraws once; the benchmark sets 0 to see the tick's cost.
TICK_SECONDS = float(os.environ.get("ZELFLERENDESTAD_TICK_SECONDS", "0.4"))
CSS = f"""
html, body, .v-application {{ font-size: 18px !important; color: #000; }}
.v-application {{ background: #ffffff !important; }}
.v-application--wrap {{ min-height: 0 !important; }}
.v-sheet.zs-header {{ background: #0b3c5d !important; color: #ffffff; padding: 0 12px;
                      align-items: center; height: {HEADER_PX}px; flex-wrap: nowrap;
                      overflow: hidden; gap: 10px; }}
.zs-header.zs-narrow {{ height: auto; flex-wrap: wrap; overflow: visible; padding: 6px 12px; }}
.zs-header .v-sheet {{ background: transparent !important; }}
.zs-header .zs-title {{ font-size: 20px; font-weight: 700; color: #ffffff;
                        white-space: nowrap; }}
.zs-week {{ font-size: 30px; font-weight: 700; color: #ffffff; margin: 0 4px;
            white-space: nowrap; }}
.zs-header .v-btn {{ font-size: 18px !important; padding: 0 10px !important; }}
.zs-header .zs-lang .v-btn {{ min-width: 40px !important; padding: 0 6px !important; }}
.zs-header .zs-speed .v-btn {{ min-width: 40px !important; padding: 0 6px !important; }}
.zs-header .v-input--switch .v-label {{ color: #ffffff !important; font-size: 18px !important; }}
.zs-header .v-input {{ margin-top: 0; padding-top: 0; flex: 0 0 auto; }}
.zs-header .v-input__slot {{ margin-bottom: 0 !important; }}
.zs-header .v-messages {{ display: none; }}
.zs-body {{ display: flex; gap: {PAD_PX}px; padding: {PAD_PX}px; align-items: flex-start; }}
.zs-body.zs-narrow {{ flex-direction: column; }}
.zs-body.zs-narrow .zs-left {{ order: 2; }}  /* zoomed in: the city and the plots first */
.zs-left {{ flex: 0 0 auto; overflow-y: auto; padding-right: 4px; }}
.zs-card {{ margin-bottom: 10px; }}
.zs-card .v-card__title {{ font-size: 20px !important; font-weight: 700; padding: 8px 12px;
                           line-height: 1.2; }}
.zs-card .v-card__text, .zs-card > .v-sheet {{ padding: 4px 12px 10px; }}
.zs-note, .zs-description {{ display: block; font-size: 16px; color: #222; margin: 4px 0; }}
.zs-section {{ display: block; font-weight: 700; font-size: 18px; margin-top: 10px; }}
.zs-label {{ display: block; margin-top: 4px; font-weight: 600; font-size: 16px; }}
.zs-markers {{ display: block; font-size: 18px; margin: 4px 0; }}
.zs-bar .zs-compare-legend {{ display: block; font-size: 16px; line-height: 1.2; max-height: 40px;
                              overflow: hidden; flex: 1 1 0; }}
.zs-log {{ max-height: 360px; overflow-y: auto; }}
.zs-log-line {{ display: block; font-size: 18px; }}
.v-btn {{ font-size: 16px !important; text-transform: none !important; letter-spacing: 0; }}
.zs-event.v-btn {{ height: auto !important; min-height: 36px; white-space: normal;
                   padding: 4px 8px !important; justify-content: flex-start; width: 100%; }}
.zs-event .v-btn__content {{ white-space: normal; text-align: left; flex: 1 1 auto; }}
.zs-events {{ display: grid; grid-template-columns: 1fr 1fr; gap: 4px; }}
.v-label, .v-input input, .v-select__selection, .v-list-item__title {{
    font-size: 16px !important; color: #000; }}
.v-messages__message {{ font-size: 16px !important; line-height: 1.25; }}
.v-tooltip__content {{ font-size: 16px !important; max-width: 420px; }}
.zs-commons-table td, .zs-commons-table th {{ font-size: 16px !important;
    padding: 2px 6px !important; height: auto !important; }}
.zs-lang .v-btn {{ color: #000 !important; }}
.zs-monitors {{ display: flex; gap: 8px; height: {MONITOR_PX - 8}px; margin-bottom: 8px; }}
.zs-monitor {{ flex: 1 1 0; border: 2px solid #0b3c5d; border-radius: 6px; padding: 2px 10px;
               background: #f4f8fb; overflow: hidden; }}
.zs-monitor-label {{ font-size: 16px; font-weight: 600; white-space: nowrap; }}
.zs-monitor-value {{ font-size: 40px; font-weight: 800; line-height: 1.05; white-space: nowrap; }}
.zs-pair .zs-monitor-value {{ font-size: 26px; line-height: 1.6; }}
.zs-slider-value {{ font-size: 20px; font-weight: 700; min-width: 3em; text-align: right; }}
.zs-mode .v-btn, .zs-compare-view .v-btn {{ font-size: 16px !important; }}
.zs-views-bar {{ display: flex; align-items: center; gap: 8px; flex-wrap: wrap;
                 margin-bottom: 4px; }}
img.zs-series, img.zs-network, img.zs-compare, img.zs-difference {{ max-width: none;
                                                                   display: block; }}
.zs-bar {{ height: {BAR_PX - 6}px; margin-bottom: 6px; display: flex; align-items: center;
           gap: 8px; }}
"""


def _lang_buttons(lang: str, on_lang) -> None:
    solara.ToggleButtonsSingle(value=lang, on_value=on_lang, classes=["zs-lang"],
                               children=[solara.Button(t(f"ui.lang_{code}", lang), value=code)
                                         for code in LANGUAGES])


def monitor_values(state: SessionState, comparing: bool, lang: str) -> dict:
    """The big numbers: engaged, active, commons, trust (A | B in compare mode)."""
    sims = (state.comparison.a, state.comparison.b) if comparing and state.comparison \
        else (state.sim,)
    out = {}
    for key in MONITORS:
        values = []
        for sim in sims:
            data = sim.data()
            column = data.get(key)
            if column is None and key == "living_commons":
                column = data.get("commons_living")
            x = float(column[-1]) if column is not None and len(column) else float("nan")
            values.append(format_monitor(key, x, lang))
        out[key] = (t(f"measure.{key}", lang) if key != "trust_government"
                    else t("ui.trust_monitor", lang), " | ".join(values))
    return out


def format_monitor(key: str, x: float, lang: str) -> str:
    """A monitor's number: shares as percentages, counts whole, trust with two decimals."""
    if x != x:  # NaN: before the first week
        return "–"
    if key.endswith("_share"):
        return f"{100 * x:.0f}%"
    if key == "living_commons":
        return f"{x:.0f}"
    text = f"{x:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


@solara.component
def Page():
    """The whole app for one browser session."""
    state: SessionState = solara.use_memo(SessionState.create, [])
    live: LiveWidgets = solara.use_memo(LiveWidgets, [])
    watched = solara.use_memo(browser_watch, [])
    ticking = solara.use_memo(threading.Lock, [])  # one tick (step + redraw) at a time
    play_flag = solara.use_memo(threading.Event, [])  # set while playing; Pause clears it
    slow = solara.use_reactive(0)  # a new run or comparison: the views re-render
    below = solara.use_reactive(0)  # new events or commons: the log and table follow
    seen = solara.use_ref((None, None))
    lang, set_lang = solara.use_state(DEFAULT_LANGUAGE)
    size, set_size = solara.use_state(tuple(live.viewport.size))
    config, set_config = solara.use_state(state.sim.config)
    label, set_label = solara.use_state(state.sim.label)
    playing, set_playing = solara.use_state(False)
    speed, set_speed = solara.use_state("1")
    mode, set_mode = solara.use_state("engagement")
    comparing, set_comparing = solara.use_state(False)
    compare_view, set_compare_view = solara.use_state("runs")
    pair, set_pair = solara.use_state((label, label))
    share, set_share = solara.use_state(0.5)
    event_error, set_event_error = solara.use_state(None)
    screen = screen_layout(*size)
    solara.use_effect(lambda: release_later, [])  # the session closed: give its memory back

    def watch_viewport():
        def changed(change):
            set_size(tuple(change["new"]))
        live.viewport.observe(changed, "size")
        return lambda: live.viewport.unobserve(changed, "size")

    solara.use_effect(watch_viewport, [])

    def draw_frames(before_showing=lambda: None) -> tuple[bool, bool]:
        """Draw the pictures into the live widgets; say what else must follow.

        (a new run or comparison: the views re-render; new events or commons: the log and
        the commons table take new HTML, without a re-render, which costs 40-180 ms).
        `before_showing` runs between drawing and sending (Play waits there for the browser).
        """
        state.resize(screen.plots, screen.city, screen.compare)
        frames = state.draw(lang, mode, comparing, compare_view)
        before_showing()
        sim = state.active(comparing)
        live.show(frames, t("ui.week", lang, week=sim.week),
                  monitor_values(state, comparing, lang))
        a = state.comparison.a if comparing and state.comparison else None
        with sim.lock:
            structure = (sim.run, a.run if a else None)  # not id(): addresses get reused
            signature = (len(sim.model.event_log), commons_signature(sim.model),
                         len(a.model.event_log) if a else 0)
        new_run = structure != seen.current[0]
        changed = (new_run, new_run or signature != seen.current[1])
        seen.current = (structure, signature)
        return changed

    def follow(changed: tuple[bool, bool]) -> None:
        """Re-render the views on a new run (`slow`); new log and commons HTML (`below`)."""
        if changed[0]:
            slow.set(slow.peek() + 1)
        if changed[1]:
            below.set(below.peek() + 1)

    def redraw() -> None:
        """The pictures, then what else changed."""
        follow(draw_frames())

    solara.use_effect(redraw, [lang, mode, comparing, compare_view, pair, config, label, size])

    def inspect_city(x: float, y: float) -> None:
        sim = state.active(comparing)
        with sim.lock:
            found = state.network.inspect(sim.model, x, y)
            live.city.caption = describe(found, sim.model, lang) if found else ""

    live.city.on_click = inspect_city

    def step(weeks: int) -> None:
        with ticking:
            state.step(weeks, comparing)
            redraw()

    def stop_playing() -> None:
        """Pause: no tick starts after this returns, and one in flight has finished."""
        play_flag.clear()
        with ticking:
            pass
        set_playing(False)

    def on_play(on: bool) -> None:
        if on:
            play_flag.set()
            set_playing(True)
        else:
            stop_playing()

    def reset() -> None:
        stop_playing()
        state.sim.reset()
        if comparing:
            state.start_comparison(*pair)
        live.city.caption = ""
        redraw()

    def pick(new_label: str) -> None:
        stop_playing()
        error = state.load(new_label)
        set_label(new_label)
        if error is None:
            set_config(state.sim.config)
        live.city.caption = ""
        redraw()

    def change_config(new: CityConfig) -> None:
        stop_playing()
        state.replace_config(new, comparing)
        set_config(new)
        redraw()

    def intervene(event: dict) -> None:
        try:
            with ticking:
                state.active(comparing).intervene(event, lang)
            set_event_error(None)
        except InputRefused as exc:
            set_event_error(str(exc))
        redraw()

    def compare(on: bool, a: str | None = None, b: str | None = None) -> None:
        stop_playing()
        new_pair = (a or pair[0], b or pair[1])
        if on:
            state.start_comparison(*new_pair)
        set_pair(new_pair)
        set_comparing(on)

    def play_loop(cancel: threading.Event) -> None:
        """Step and draw on a deadline, each frame sent once the browser showed the last."""
        if not playing:
            return

        def tick(caught_up) -> bool:
            with ticking:
                if not play_flag.is_set():
                    return False
                state.step(int(speed), comparing)
                changed = draw_frames(caught_up)
            follow(changed)  # outside the tick: Pause waits for the tick, not for this
            return True

        # a closed tab (no page watching) stops Play within a tick
        play(tick, live.clock, lambda: play_flag.is_set() and watched(), cancel, TICK_SECONDS)

    solara.use_thread(play_loop, dependencies=[playing, speed, comparing, compare_view, lang, mode,
                                               size],
                      intrusive_cancel=False)

    solara.Style(CSS)
    solara.Title(t("ui.title", lang))
    narrow = [] if screen.wide else ["zs-narrow"]
    shown_config = state.comparison.b.config if comparing and state.comparison else config
    with solara.Column(gap="0px"):
        solara.Div(children=[live.viewport, live.clock])
        with solara.Row(classes=["zs-header", *narrow]):
            solara.Text(t("ui.title", lang), classes=["zs-title"])
            solara.Div(children=[live.week])
            RunControls(lang, playing, speed, reset, step, on_play, set_speed)
            solara.v.Spacer()
            solara.Switch(label=t("ui.compare_on", lang), value=comparing,
                          on_value=lambda on: compare(on), classes=["zs-compare-switch"])
            _lang_buttons(lang, set_lang)
        body_height = {"height": f"calc(100vh - {HEADER_PX}px)"} if screen.wide else {}
        with solara.Div(classes=["zs-body", *narrow], style=body_height):
            with solara.Div(classes=["zs-left"], style={
                    "width": f"{screen.left}px", **({"height": "100%"} if screen.wide else {})}):
                Interventions(lang, comparing, share, set_share, intervene, event_error)
                ScenarioPicker(state, label, lang, pick, comparing, pair, compare)
                Settings(shown_config, lang, change_config, comparing)
                ExportPanel(slow, state, lang, comparing)
                with solara.Card(t("room.start", lang), classes=["zs-card", "zs-room-card"]):
                    solara.Text(t("room.start_note", lang), classes=["zs-note"])
                    solara.Button(t("room.start", lang), href="room", outlined=True,
                                  classes=["zs-start-room"])  # the projector (`projector.py`)
            MainViews(live, slow, state, lang, mode, set_mode, comparing, compare_view,
                      set_compare_view, screen)
        BelowTheFold(below, state, lang, comparing)
