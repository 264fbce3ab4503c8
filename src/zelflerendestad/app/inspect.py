"""What a click on the city shows: one resident or one commons, in plain words.

`city.CityCanvas.inspect` finds what sits under the click; `describe` says what it is, in the
user's language, as NetLogo's and Mesa's inspectors do (kept short: the room reads it aloud).
"""

from __future__ import annotations

from .i18n import t, theme


def _num(x: float, lang: str) -> str:
    text = f"{x:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


def describe(found: dict, model: object, lang: str) -> str:
    """Two or three lines about a resident or a commons found by `CityCanvas.inspect`."""
    if found["kind"] == "commons":
        rules = t("commons.imposed" if found["imposed"] else "commons.co-decided", lang)
        return t("ui.inspect_commons", lang, id=found["id"], theme=theme(found["theme"], lang),
                 nbhd=found["nbhd"] + 1, members=found["members"],
                 health=_num(found["health"], lang), rules=rules)
    role = t("ui.connector", lang) if found["connector"] else t("ui.resident", lang)
    commons = (t("ui.inspect_member", lang, id=found["commons"]) if found["commons"] >= 0
               else t("ui.inspect_no_member", lang))
    return t("ui.inspect_resident", lang, role=role, id=found["id"], nbhd=found["nbhd"] + 1,
             state=t(f"ui.{found['state']}", lang), motivation=_num(found["motivation"], lang),
             ownership=_num(found["ownership"], lang), trust=_num(found["trust"], lang),
             knowledge=_num(found["knowledge"], lang), commons=commons)
