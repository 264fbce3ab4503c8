"""The workshop app's page: one city per browser session, Dutch first, fit for a projector.

`zelflerendestad app` serves this module's `Page` with Solara (see `server.py`). The page
builds its `SessionState` inside the component, so each browser session has its own city; a
Play thread per session steps it and redraws the live images in place (`live.py`).
"""

from __future__ import annotations

import threading
import time

import solara

from ..config.schema import CityConfig
from .commons_view import signature as commons_signature
from .controls import InputRefused
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from .live import LiveWidgets
from .presence import browser_watch
from .sidebar import Interventions, RunControls, ScenarioPicker, Settings
from .state import SessionState
from .views import ExportPanel, Views

TICK_SECONDS = 0.4  # one Play tick; a tick steps `speed` weeks and redraws once
CSS = """
html, body, .v-application { font-size: 18px !important; color: #000; }
.v-application { background: #ffffff !important; }
.v-sheet.zs-header { background: #0b3c5d !important; color: #ffffff; padding: 10px 18px;
                    align-items: center; }
.zs-header .v-sheet { background: transparent !important; }
.zs-header .zs-title { font-size: 2.0rem; font-weight: 700; color: #ffffff; }
.zs-header .zs-subtitle { font-size: 1.1rem; color: #ffffff; opacity: 0.95; }
.zs-week { font-size: 2.0rem; font-weight: 700; color: #ffffff; margin: 0 24px; }
.zs-card { margin-bottom: 12px; }
.zs-card .v-card__title { font-size: 1.35rem !important; font-weight: 700; }
.zs-note, .zs-description { display: block; font-size: 1.0rem; color: #222; margin: 4px 0; }
.zs-section { display: block; font-weight: 700; font-size: 1.1rem; margin-top: 10px; }
.zs-label { display: block; margin-top: 8px; font-weight: 600; }
.zs-markers, .zs-compare-legend { display: block; font-size: 1.05rem; margin-top: 6px; }
.zs-log { max-height: 320px; overflow-y: auto; }
.zs-log-line { display: block; font-size: 1.05rem; }
.v-btn { font-size: 1.0rem !important; text-transform: none !important; }
.v-label, .v-input input, .v-select__selection { font-size: 1.05rem !important; color: #000; }
.zs-commons-table td, .zs-commons-table th { font-size: 0.95rem !important; }
.zs-lang .v-btn { color: #000 !important; }
"""


def _lang_buttons(lang: str, on_lang) -> None:
    solara.ToggleButtonsSingle(value=lang, on_value=on_lang, classes=["zs-lang"],
                               children=[solara.Button(t(f"ui.lang_{code}", lang), value=code)
                                         for code in LANGUAGES])


@solara.component
def Page():
    """The whole app for one browser session."""
    state: SessionState = solara.use_memo(SessionState.create, [])
    live: LiveWidgets = solara.use_memo(LiveWidgets, [])
    watched = solara.use_memo(browser_watch, [])
    slow = solara.use_reactive(0)
    seen = solara.use_ref(None)
    lang, set_lang = solara.use_state(DEFAULT_LANGUAGE)
    config, set_config = solara.use_state(state.sim.config)
    label, set_label = solara.use_state(state.sim.label)
    playing, set_playing = solara.use_state(False)
    speed, set_speed = solara.use_state("1")
    mode, set_mode = solara.use_state("engagement")
    comparing, set_comparing = solara.use_state(False)
    pair, set_pair = solara.use_state((label, label))
    share, set_share = solara.use_state(0.5)
    event_error, set_event_error = solara.use_state(None)

    def redraw() -> None:
        """Draw the pictures into the live widgets; re-render the rest only if it changed."""
        frames = state.draw(lang, mode, comparing)
        sim = state.active(comparing)
        live.show(frames, t("ui.week", lang, week=sim.week))
        with sim.lock:
            signature = (id(sim), id(sim.model), len(sim.model.event_log),
                         commons_signature(sim.model))
        if signature != seen.current:
            seen.current = signature
            slow.value += 1

    solara.use_effect(redraw, [lang, mode, comparing, pair, config, label])

    def step(weeks: int) -> None:
        state.step(weeks, comparing)
        redraw()

    def reset() -> None:
        set_playing(False)
        state.sim.reset()
        if comparing:
            state.start_comparison(*pair)
        redraw()

    def pick(new_label: str) -> None:
        set_playing(False)
        error = state.load(new_label)
        set_label(new_label)
        if error is None:
            set_config(state.sim.config)
        redraw()

    def change_config(new: CityConfig) -> None:
        set_playing(False)
        state.replace_config(new)
        set_config(new)
        redraw()

    def intervene(event: dict) -> None:
        try:
            state.active(comparing).intervene(event, lang)
            set_event_error(None)
        except InputRefused as exc:
            set_event_error(str(exc))
        redraw()

    def compare(on: bool, a: str | None = None, b: str | None = None) -> None:
        set_playing(False)
        new_pair = (a or pair[0], b or pair[1])
        if on:
            state.start_comparison(*new_pair)
        set_pair(new_pair)
        set_comparing(on)

    def play_loop(cancel: threading.Event) -> None:
        if not playing:
            return
        while not cancel.is_set() and watched():  # a closed tab stops Play within a tick
            started = time.monotonic()
            step(int(speed))
            cancel.wait(max(0.02, TICK_SECONDS - (time.monotonic() - started)))

    solara.use_thread(play_loop, dependencies=[playing, speed, comparing, lang, mode],
                      intrusive_cancel=False)

    solara.Style(CSS)
    solara.Title(t("ui.title", lang))
    with solara.Column(gap="0px", style={"min-height": "100vh"}):
        with solara.Row(classes=["zs-header"], style={"flex-wrap": "wrap"}):
            with solara.Column(gap="0px"):
                solara.Text(t("ui.title", lang), classes=["zs-title"])
                solara.Text(t("ui.subtitle", lang), classes=["zs-subtitle"])
            solara.v.Spacer()
            solara.Div(children=[live.week])
            _lang_buttons(lang, set_lang)
        with solara.Columns([1, 3], style={"padding": "12px"}):
            with solara.Column():
                ScenarioPicker(state.library, label, lang, pick)
                RunControls(lang, playing, speed, reset, step, set_playing, set_speed)
                Interventions(lang, comparing, share, set_share, intervene, event_error)
                CompareControls(state, lang, comparing, pair, compare)
                Settings(config, lang, change_config)
            with solara.Column():
                Views(live, slow, state, lang, mode, set_mode, comparing)
                ExportPanel(slow, state, lang, comparing)


@solara.component
def CompareControls(state: SessionState, lang: str, comparing: bool, pair: tuple[str, str],
                    on_compare):
    """Switch compare mode on and pick scenarios A and B."""
    labels = [s.label for s in state.library if s.config is not None]
    with solara.Card(t("ui.compare", lang), classes=["zs-card", "zs-compare-controls"]):
        solara.Switch(label=t("ui.compare_on", lang), value=comparing,
                      on_value=lambda on: on_compare(on))
        if comparing and labels:
            solara.Select(label=t("ui.scenario_a", lang), values=labels, value=pair[0],
                          on_value=lambda a: on_compare(True, a=a))
            solara.Select(label=t("ui.scenario_b", lang), values=labels, value=pair[1],
                          on_value=lambda b: on_compare(True, b=b))
