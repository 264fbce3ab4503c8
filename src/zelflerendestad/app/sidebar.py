"""The left column of the page: scenario, run buttons, interventions and settings.

Controls are generated from the schema (`controls.control_specs`): key parameters up front,
the rest per section under "advanced". A refused input shows its message at the control and
leaves the running city alone.
"""

from __future__ import annotations

from collections.abc import Callable

import solara

from ..config.events import EVENTS_BY_NAME, TRAINER_EVENT_NAMES, event_fields
from ..config.schema import CityConfig
from .controls import (
    ControlSpec,
    InputRefused,
    control_specs,
    get_value,
    number_text,
    to_text,
    with_setting,
)
from .i18n import has, t
from .library import Scenario

SPEEDS = ("1", "2", "5", "10")
SPECS = tuple(control_specs())


@solara.component
def ScenarioPicker(state: object, current: str, lang: str, on_pick: Callable[[str], None],
                   comparing: bool, pair: tuple[str, str], on_compare: Callable[..., None]):
    """Pick a scenario from configs/ (A and B in compare mode), with its description."""
    library: list[Scenario] = state.library
    items = [{"text": s.title(lang), "value": s.label} for s in library]
    title = t("ui.compare", lang) if comparing else t("ui.scenario", lang)
    with solara.Card(title, classes=["zs-card", "zs-scenario-card"]):
        if comparing:
            usable = [i for i in items if state.scenario(i["value"]).config is not None]
            for role, index in (("a", 0), ("b", 1)):
                solara.v.Select(label=t(f"ui.scenario_{role}", lang), items=usable,
                                v_model=pair[index], class_=f"zs-scenario-{role}",
                                on_v_model=lambda x, role=role: on_compare(True, **{role: x}))
            if state.comparison is not None:
                solara.Text(t("ui.compare_note", lang, seed=state.comparison.seed),
                            classes=["zs-note"])
            return
        if items:
            solara.v.Select(label=t("ui.scenario", lang), items=items,
                            v_model=current if current in [i["value"] for i in items] else None,
                            on_v_model=on_pick, class_="zs-scenario")
        chosen = state.scenario(current)
        if chosen is not None and chosen.error:
            solara.Error(t("ui.scenario_error", lang, message=chosen.error))
        elif chosen is not None:
            solara.Text(chosen.description(lang) or t("ui.no_description", lang),
                        classes=["zs-description"])


@solara.component
def RunControls(lang: str, playing: bool, speed: str, on_reset: Callable[[], None],
                on_step: Callable[[int], None], on_play: Callable[[bool], None],
                on_speed: Callable[[str], None]):
    """Reset, Step, +10 weeks, Play/Pause and the weeks per tick, in one row of the header."""
    with solara.Row(gap="6px", style={"align-items": "center", "flex-wrap": "nowrap"}):
        solara.Button(t("ui.pause" if playing else "ui.play", lang),
                      on_click=lambda: on_play(not playing), classes=["zs-play"],
                      color="warning" if playing else "success")
        solara.Button(t("ui.step", lang), on_click=lambda: on_step(1),
                      classes=["zs-step"], color="primary", disabled=playing)
        solara.Button(t("ui.step10", lang), on_click=lambda: on_step(10),
                      classes=["zs-step10"], color="primary", disabled=playing)
        solara.Button(t("ui.reset", lang), on_click=on_reset, classes=["zs-reset"])
        solara.Text(t("ui.speed", lang), classes=["zs-speed-label"],
                    style={"color": "#fff", "white-space": "nowrap", "font-size": "16px"})
        solara.ToggleButtonsSingle(value=speed, values=list(SPEEDS), on_value=on_speed,
                                   classes=["zs-speed"], dense=True)


def event_for(name: str, share: float) -> dict:
    """The intervention a button sends: the event name plus the keys it requires.

    Read from the event type (`config/events.py`): the one required share (the new vertical
    share) comes from the slider; keys with a default keep it.
    """
    required = [k for k, info in event_fields(EVENTS_BY_NAME[name]).items()
                if info.is_required()]
    return {"event": name, **{k: round(float(share), 2) for k in required}}


@solara.component
def Interventions(lang: str, comparing: bool, share: float, on_share: Callable[[float], None],
                  on_event: Callable[[dict], None], error: str | None):
    """One button per intervention of the config timeline; each acts on the running city."""
    with solara.Card(t("ui.interventions", lang), classes=["zs-card", "zs-interventions"]):
        solara.Text(t("ui.interventions_compare" if comparing else "ui.interventions_note",
                      lang), classes=["zs-note"])
        solara.Text(t("ui.new_share", lang), classes=["zs-label"])
        with solara.Row(gap="6px", style={"align-items": "center"}):
            solara.SliderFloat("", value=share, min=0.0, max=1.0, step=0.05, on_value=on_share)
            solara.Text(number_text(round(share, 2), lang), classes=["zs-slider-value"])
        with solara.Div(classes=["zs-events"]):
            for name in TRAINER_EVENT_NAMES:
                solara.Button(t(f"event.{name}", lang), outlined=True,
                              classes=["zs-event", f"zs-event-{name}"],
                              on_click=lambda name=name: on_event(event_for(name, share)))
        if error:
            solara.Error(error, classes=["zs-error"])


@solara.component
def Control(spec: ControlSpec, config: CityConfig, lang: str,
            on_config: Callable[[CityConfig], None]):
    """One parameter: a text box, switch or list, checked against the schema on commit."""
    draft, set_draft = solara.use_state(None)
    error, set_error = solara.use_state(None)
    current = get_value(config, spec.path)

    def commit(raw: object) -> None:
        try:
            new = with_setting(config, spec, raw, lang)
        except InputRefused as exc:
            set_draft(raw if isinstance(raw, str) else None)
            set_error(t("ui.refused", lang, message=str(exc)))
            return
        set_draft(None)
        set_error(None)
        on_config(new)

    label = spec.label(lang)
    classes = ["zs-control", "zs-param-" + spec.path.replace(".", "-")]
    with solara.Tooltip(spec.help(lang)):
        with solara.Column(gap="0px", classes=classes):
            if spec.kind == "bool":
                solara.Switch(label=label, value=bool(current), on_value=commit)
            elif spec.kind == "choice":
                solara.v.Select(label=label, v_model=str(current), on_v_model=commit,
                                items=[{"text": spec.choice_text(c, lang), "value": c}
                                       for c in spec.choices])
            else:
                shown = draft if draft is not None else to_text(current, lang)
                solara.InputText(label, value=shown,
                                 on_value=commit, error=error or False,
                                 message=error or spec.unit_text(lang))


@solara.component
def Settings(config: CityConfig, lang: str, on_config: Callable[[CityConfig], None],
             comparing: bool = False):
    """Key parameters up front; the others per section under "advanced" (B's when comparing)."""
    open_, set_open = solara.use_state(False)
    with solara.Card(t("ui.settings_b" if comparing else "ui.settings", lang),
                     classes=["zs-card", "zs-settings"]):
        solara.Text(t("ui.settings_note_b" if comparing else "ui.settings_note", lang),
                    classes=["zs-note"])
        for spec in SPECS:
            if spec.key:
                Control(spec, config, lang, on_config)
        solara.Button(("▾ " if open_ else "▸ ") + t("ui.advanced", lang), text=True,
                      on_click=lambda: set_open(not open_), classes=["zs-advanced"])
        if open_:  # built only when opened: 70 controls are a lot to keep in sync
            sections: dict[str, list[ControlSpec]] = {}
            for spec in SPECS:
                if not spec.key:
                    sections.setdefault(spec.section, []).append(spec)
            for section, specs in sections.items():
                name = f"section.{section}"
                solara.Text(t(name, lang) if has(name) else section, classes=["zs-section"])
                for spec in specs:
                    Control(spec, config, lang, on_config)

