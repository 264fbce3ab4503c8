"""One small phone screen per role, each sending the core's choices (`room.choices`).

view (`Room.view(token)`: the participant's `me`, `options`, `pending`) -> a screen with big
buttons -> `send(choice)`, a plain mapping the room validates (`parse_choice`) and applies at
the next tick. A screen holds only what is being chosen; what the city did comes back in the
next view. Shares move in steps of 10 %, so a thumb can set them without a slider.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import solara

from ..room.council import PROGRAMMES
from .i18n import t, theme

Send = Callable[[dict[str, Any]], None]
STEP = 10  # per cent per tap


def percent(x: float | None) -> str:
    """0.4 -> "40%" ("–" for no value)."""
    return "–" if x is None else f"{100 * float(x):.0f}%"


def number(x: Any, lang: str) -> str:
    """A figure with two decimals, Dutch decimal comma."""
    if x is None:
        return "–"
    text = f"{float(x):.2f}"
    return text.replace(".", ",") if lang == "nl" else text


def initiatives(options: dict, lang: str) -> list[tuple[int, str]]:
    """(index, label) of the initiatives the view offers: theme, neighbourhood, members."""
    return [(int(e["commons"]), t("room.initiative_item", lang, theme=theme(e["theme"], lang),
                                  area=int(e["neighbourhood"]) + 1, members=int(e["members"]))
             + (f" · {t('room.conflict', lang)}" if e.get("open_conflicts") else ""))
            for e in (options or {}).get("initiatives") or []]


def people(options: dict, lang: str) -> list[tuple[int, str]]:
    """(index, label) of the residents a connector may tie: number, theme, neighbourhood."""
    return [(int(e["resident"]), t("room.person_item", lang, who=int(e["resident"]),
                                   theme=theme(e["theme"], lang), area=int(e["neighbourhood"]) + 1)
             + (f" · {t('room.bridge', lang)}" if e.get("bridge") else ""))
            for e in (options or {}).get("people") or []]


def _stepper(name: str, label: str, value: int, on_value: Callable[[int], None],
             top: int) -> None:
    """`label   − 40% +` with 48-pixel buttons; `top` is the most this share may be."""
    with solara.Row(classes=["zs-stepper", f"zs-{name}"], style={"align-items": "center"}):
        solara.Text(label, classes=["zs-step-label"])
        solara.v.Spacer()
        solara.Button("−", on_click=lambda: on_value(max(0, value - STEP)),
                      classes=["zs-big", f"zs-{name}-minus"], disabled=value <= 0)
        solara.Text(f"{value}%", classes=["zs-step-value"])
        solara.Button("+", on_click=lambda: on_value(min(top, value + STEP)),
                      classes=["zs-big", f"zs-{name}-plus"], disabled=value >= top)


@solara.component
def CouncilScreen(view: dict, lang: str, send: Send):
    """Vote on the vertical share and the four programmes; the room's median decides."""
    me = view.get("me") or {}
    vote = me.get("vote") or {}
    share, set_share = solara.use_state(int(round(100 * float(vote.get("vertical_share", 0.5)))))
    chosen, set_chosen = solara.use_state({p: bool(vote.get(p, False)) for p in PROGRAMMES})
    _stepper("share", t("room.vertical_share", lang), share, set_share, 100)
    solara.Text(t("room.vertical_hint", lang), classes=["zs-note"])
    solara.Text(t("room.programmes", lang), classes=["zs-section"])
    for name in PROGRAMMES:
        solara.Switch(label=t(f"room.prog_{name}", lang), value=chosen[name],
                        classes=["zs-big-switch", f"zs-prog-{name}"],
                        on_value=lambda on, name=name: set_chosen({**chosen, name: on}))
    solara.Button(t("room.vote", lang), color="primary", classes=["zs-big", "zs-send"],
                  on_click=lambda: send({"kind": "council_vote",
                                         "vertical_share": share / 100, **chosen}))
    decision = me.get("decision")
    if decision:
        solara.Text(t("room.council_mix", lang, share=percent(decision.get("vertical_share")))
                    + " · " + t("room.votes", lang, count=decision.get("votes", 0)),
                    classes=["zs-note", "zs-decision"])
    else:
        solara.Text(t("room.no_votes", lang), classes=["zs-note"])


@solara.component
def OfficialScreen(view: dict, lang: str, send: Send):
    """Split the week: the urgent desk, the street, learning (the rest); see your strain."""
    me = view.get("me") or {}
    split = me.get("split") or {  # not chosen yet: the week the model gave this official
        "street": me.get("street_time") or 0.0, "learning": me.get("learning_time") or 0.0}
    street0 = STEP * round(10 * float(split["street"]))
    learning0 = STEP * round(10 * float(split["learning"]))
    desk, set_desk = solara.use_state(max(0, 100 - street0 - learning0))
    street, set_street = solara.use_state(street0)
    street = min(street, 100 - desk)
    _stepper("desk", t("room.desk", lang), desk, set_desk, 100)
    _stepper("street", t("room.street", lang), street, set_street, 100 - desk)
    learning = 100 - desk - street
    solara.Text(f"{t('room.learning', lang)} ({t('room.rest', lang)}): {learning}%",
                classes=["zs-step-label", "zs-learning"])
    solara.Button(t("room.send_week", lang), color="primary", classes=["zs-big", "zs-send"],
                  on_click=lambda: send({"kind": "official_week", "desk": desk / 100,
                                         "street": street / 100, "learning": learning / 100}))
    solara.Text(t("room.strain", lang, value=number(me.get("strain"), lang)),
                classes=["zs-figure", "zs-strain"])
    solara.Text(t("room.urgency", lang, value=number(me.get("urgency"), lang)),
                classes=["zs-figure"])


@solara.component
def ConnectorScreen(view: dict, lang: str, send: Send):
    """Connect two people, support an initiative or mediate in it."""
    options = view.get("options") or {}
    persons, known = people(options, lang), initiatives(options, lang)
    other, set_other = solara.use_state(persons[0][0] if persons else None)
    target, set_target = solara.use_state(known[0][0] if known else None)
    solara.Text(t("room.connect_whom", lang), classes=["zs-section"])
    if persons:
        _choice_list("people", persons, other, set_other)
        solara.Button(t("room.connect", lang), color="primary", classes=["zs-big", "zs-connect"],
                      on_click=lambda: send({"kind": "connector_act", "action": "connect",
                                             "other": other}))
    solara.Text(t("room.initiative", lang), classes=["zs-section"])
    if not known:
        solara.Text(t("room.no_initiatives", lang), classes=["zs-note"])
        return
    _choice_list("initiatives", known, target, set_target)
    with solara.Row():
        for action in ("support", "mediate"):
            solara.Button(t(f"room.{action}", lang), color="primary",
                          classes=["zs-big", f"zs-{action}"],
                          on_click=lambda action=action: send(
                              {"kind": "connector_act", "action": action, "commons": target}))


@solara.component
def ResidentScreen(view: dict, lang: str, send: Send):
    """Join, start or leave an initiative; contribute or free-ride; help make the rules."""
    me = view.get("me") or {}
    known = initiatives(view.get("options") or {}, lang)
    target, set_target = solara.use_state(known[0][0] if known else None)
    member = me.get("member_of")
    member = None if member is None or member < 0 else member
    shown = dict(known).get(member, f"#{member}") if member is not None else t("room.none", lang)
    solara.Text(t("room.my_initiative", lang, name=shown), classes=["zs-figure", "zs-member"])

    def act(action: str, **extra: Any) -> Callable[[], None]:
        return lambda: send({"kind": "resident_act", "action": action, **extra})

    if member is None:
        if known:
            _choice_list("initiatives", known, target, set_target)
            solara.Button(t("room.act_join", lang), color="primary",
                          classes=["zs-big", "zs-act-join"], on_click=act("join", commons=target))
        solara.Button(t("room.act_start", lang), classes=["zs-big", "zs-act-start"],
                      on_click=act("start"))
        return
    stance = me.get("stance")
    for action in ("contribute", "free_ride", "follow_model"):
        solara.Button(t(f"room.act_{action}", lang), classes=["zs-big", f"zs-act-{action}"],
                      color="primary" if stance == action or (
                          stance == "model" and action == "follow_model") else None,
                      on_click=act(action))
    solara.Button(t("room.act_rule_making", lang), classes=["zs-big", "zs-act-rule_making"],
                  on_click=act("rule_making"))
    solara.Button(t("room.act_leave", lang), classes=["zs-big", "zs-act-leave"],
                  on_click=act("leave"))


def _choice_list(name: str, entries: list[tuple[int, str]], value: int | None,
                 on_value: Callable[[int], None]) -> None:
    """A column of big toggle buttons, one per entry (at most 6: a phone's screen)."""
    solara.ToggleButtonsSingle(value=value, on_value=on_value, classes=["zs-choices",
                                                                       f"zs-{name}"],
                               children=[solara.Button(label, value=index)
                                         for index, label in entries[:6]])


SCREENS = {"council": CouncilScreen, "official": OfficialScreen,
           "connector": ConnectorScreen, "resident": ResidentScreen}
