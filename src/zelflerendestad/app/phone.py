"""The participant's phone (route `/join`): type the code, pick a role, play your part.

The QR code opens `/join?code=CODE`. Joining (`Room.join`) gives a secret token, which the page
puts in its own address (`/join?code=CODE&me=TOKEN`): if the phone drops out, the room hands
its agent to the model (`Room.drop`); opening the same address again (or the page reconnecting
by itself) takes it back (`Room.rejoin`). The page follows the room by polling its version
(`room_watch`, once a second) and re-renders only when this participant's view changed.
Dutch first, 16 px text and 48 px buttons at least, made for 390x844.
"""

from __future__ import annotations

from urllib.parse import quote

import solara

from ..room import ROLES, ROOMS, RoomClosed, RoomError
from .i18n import DEFAULT_LANGUAGE, t
from .page import _lang_buttons
from .projector import parse_query
from .role_screens import SCREENS, number, percent
from .room_watch import use_room_watch

PHONE_CSS = """
html, body, .v-application { font-size: 18px !important; color: #000; background: #fff; }
.zs-phone { padding: 12px; max-width: 520px; margin: 0 auto; gap: 10px; }
.zs-phone .v-btn { font-size: 18px !important; text-transform: none !important;
                   min-height: 48px !important; letter-spacing: 0; }
.zs-phone .zs-big.v-btn { min-width: 48px !important; }
.zs-phone .zs-send.v-btn, .zs-phone .zs-join-button.v-btn { width: 100%; }
.zs-phone .v-label, .zs-phone input { font-size: 18px !important; color: #000; }
.zs-phone .v-input--switch { margin-top: 4px; }
.zs-phone .v-input--switch .v-input__slot { min-height: 48px; margin-bottom: 0; }
.zs-phone .zs-choices { display: flex; flex-direction: column; width: 100%; }
.zs-phone .zs-choices .v-btn { width: 100%; justify-content: flex-start; height: auto !important;
                                padding: 8px 12px !important; border-width: 2px !important; }
.zs-phone .zs-choices .v-btn__content { white-space: normal; text-align: left; }
.zs-phone .v-input--switch { margin-top: 0; padding-top: 0; }
.zs-phone .v-input--switch .v-messages { display: none; }
.zs-phone .zs-choices .v-btn--active { background: #0b3c5d !important; color: #fff !important; }
.zs-phone-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.zs-phone-role { font-size: 22px; font-weight: 800; }
.zs-phone-week { font-size: 18px; font-weight: 700; }
.zs-note { display: block; font-size: 16px; color: #222; margin: 4px 0; }
.zs-section { display: block; font-weight: 700; font-size: 18px; margin-top: 8px; }
.zs-step-label { font-size: 18px; font-weight: 600; }
.zs-step-value { font-size: 24px; font-weight: 800; min-width: 3em; text-align: center; }
.zs-figure { display: block; font-size: 20px; font-weight: 700; margin: 4px 0; }
.zs-city-figures { border: 2px solid #0b3c5d; border-radius: 6px; padding: 6px 10px;
                   background: #f4f8fb; }
.zs-message { font-size: 16px; }
"""


# A phone looks at the room once a second: each look after a tick re-renders its screen (the
# week and the figures moved), a few ms of the server's time per phone (benchmarks/bench_room.py)
PHONE_POLL_SECONDS = 1.0
# the shared figures a phone shows (of `room.views.CITY_FIGURES`), and how each is written
PHONE_FIGURES = {"engaged_share": "share", "active_share": "share", "initiatives_living": "count",
                 "commons_living": "count", "trust_government": "number",
                 "vertical_share": "share", "officials_strain": "number"}


def view_key(view: dict) -> dict:
    """The part of a view that needs a re-render (the version alone does not)."""
    return {k: v for k, v in view.items() if k != "version"}


@solara.component
def PhonePage():
    """One participant: join, then the screen of their role."""
    router = solara.use_router()
    query = solara.use_memo(lambda: parse_query(router.search), [])
    lang, set_lang = solara.use_state(DEFAULT_LANGUAGE)
    seat, set_seat = solara.use_state(None)  # (room, token) once in the room
    error, set_error = solara.use_state(None)

    def from_address() -> None:
        if "code" in query and "me" in query:
            try:
                room = ROOMS.find(query["code"])
                room.rejoin(query["me"])
                set_seat((room, query["me"]))
            except RoomError as exc:
                set_error(str(exc))

    solara.use_effect(from_address, [])

    def join(code: str, role: str | None, name: str) -> None:
        try:
            room = ROOMS.find(code)
            token = room.join(code, role, name)
        except (RoomError, ValueError) as exc:
            set_error(str(exc))
            return
        set_error(None)
        set_seat((room, token))
        router.push(f"/join?code={quote(room.code)}&me={quote(token)}")

    solara.Style(PHONE_CSS)
    solara.Title(t("room.phone_title", lang))
    with solara.Column(classes=["zs-phone"]):
        if seat is None:
            JoinForm(query.get("code", ""), lang, set_lang, join, error)
        else:
            PlayScreen(*seat, lang, set_lang)


@solara.component
def JoinForm(code: str, lang: str, set_lang, on_join, error: str | None):
    """Code, optional name, a role or "any", and Join."""
    typed, set_typed = solara.use_state(code)
    name, set_name = solara.use_state("")
    role, set_role = solara.use_state("any")
    with solara.Div(classes=["zs-phone-head"]):
        solara.Text(t("room.phone_title", lang), classes=["zs-phone-role"])
        solara.v.Spacer()
        _lang_buttons(lang, set_lang)
    solara.InputText(t("room.enter_code", lang), value=typed, on_value=set_typed,
                     continuous_update=True, classes=["zs-code-input"])
    solara.InputText(t("room.your_name", lang), value=name, on_value=set_name,
                     continuous_update=True, classes=["zs-name-input"])
    solara.Text(t("room.pick_role", lang), classes=["zs-section"])
    choices = [("any", t("room.any_role", lang))] + [
        (r.value, info.label_nl if lang == "nl" else info.label_en) for r, info in ROLES.items()]
    solara.ToggleButtonsSingle(value=role, on_value=set_role, classes=["zs-choices", "zs-roles"],
                               children=[solara.Button(label, value=key)
                                         for key, label in choices])
    solara.Button(t("room.join", lang), color="primary", classes=["zs-join-button"],
                  on_click=lambda: on_join(typed, None if role == "any" else role, name))
    if error:
        solara.Error(t("room.refused", lang, message=error), classes=["zs-message"])


@solara.component
def PlayScreen(room, token: str, lang: str, set_lang):
    """The role's screen, kept up to date with the room."""
    first = solara.use_memo(lambda: room.view(token), [token])
    view, set_view = solara.use_state(first)
    last = solara.use_ref(view_key(view))
    last_view = solara.use_ref(view)
    message, set_message = solara.use_state(None)

    def refresh(_version: int) -> None:
        try:
            new = room.view(token)
        except RoomClosed:
            new = {**last_view.current, "closed": True}
        except RoomError as exc:
            set_message(str(exc))
            return
        last_view.current = new
        if view_key(new) != last.current:
            last.current = view_key(new)
            set_view(new)

    def gone() -> None:
        try:
            room.drop(token)
        except RoomError:
            pass

    def back() -> None:
        try:
            room.rejoin(token)
        except RoomError:
            pass

    use_room_watch(lambda: room.version, refresh, on_gone=gone, on_back=back, key=token,
                   every=PHONE_POLL_SECONDS)

    def send(choice: dict) -> None:
        try:
            room.choose(token, choice)
            set_message(t("room.sent", lang, week=room.model.week if room.model else 0))
        except RoomError as exc:
            set_message(t("room.refused", lang, message=str(exc)))

    info = ROLES[view["role"]]
    with solara.Div(classes=["zs-phone-head"]):
        solara.Text(info.label_nl if lang == "nl" else info.label_en,
                    classes=["zs-phone-role", f"zs-role-{view['role']}"])
        solara.v.Spacer()
        _lang_buttons(lang, set_lang)
    if view.get("closed"):
        solara.Info(t("room.closed", lang))
        return
    solara.Text(f"{t('ui.week', lang, week=view.get('week', 0))} · "
                f"{t('room.round', lang, round=view.get('round', 1))}"
                + ("" if view.get("playing") else f" · {t('room.paused', lang)}"),
                classes=["zs-phone-week"])
    solara.Text(info.task_nl if lang == "nl" else info.task_en, classes=["zs-note"])
    SCREENS[view["role"]](view, lang, send)
    if message:
        solara.Text(message, classes=["zs-note", "zs-message"])
    CityFigures(view.get("city"), lang)
    solara.Text(t("room.rejoin_note", lang), classes=["zs-note"])


@solara.component
def CityFigures(city: dict | None, lang: str):
    """The shared city's big numbers, when the trainer shows them to this role."""
    if city is None:
        solara.Text(t("room.hidden", lang), classes=["zs-note", "zs-city-hidden"])
        return
    with solara.Div(classes=["zs-city-figures"]):
        solara.Text(t("room.city", lang), classes=["zs-section"])
        for key, kind in PHONE_FIGURES.items():
            if key in city:
                solara.Text(f"{t(f'room.fig_{key}', lang)}: {figure(city[key], kind, lang)}",
                            classes=["zs-note", f"zs-fig-{key}"])


def figure(value: float | None, kind: str, lang: str) -> str:
    """A city figure as the phone shows it: a share in per cent, a count whole, else 0,00."""
    if value is None:
        return "–"
    if kind == "share":
        return percent(value)
    return f"{value:.0f}" if kind == "count" else number(value, lang)
