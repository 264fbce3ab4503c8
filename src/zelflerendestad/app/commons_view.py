"""The commons as the page shows them: a table with design-principle scores, and log lines.

model.commons (`commons.CommonsState`) -> `commons.records()` (the same rows as
commons.parquet) -> `commons_table()` (living commons first, then the last ones that ended, with
why) and `commons_events()` ("week 54: initiative 3 becomes a commons"). Read-only: the app
never changes the commons. A model without commons (before that mechanism, or a stripped-down
test model) gives None and the page says so.
"""

from __future__ import annotations

import math
from typing import Any

from ..commons import OSTROM8, records
from .i18n import has, t, theme

SHOWN_ENDED = 8


def _rows(model: Any) -> list[dict[str, Any]] | None:
    state = getattr(model, "commons", None)
    if state is None:
        return None
    return records(getattr(state, "commons", state)).to_pylist()


def _word(name: str, lang: str) -> str:
    """A reason or principle name (or a comma-separated list of them) in the user's language.

    Principles read as "P3 samen beslissen"; a name the table lacks shows as is.
    """
    words = []
    for part in name.split(","):
        key = part.strip()
        text = t(f"commons.{key}", lang) if has(f"commons.{key}") else key.replace("_", " ")
        words.append(f"P{OSTROM8.index(key) + 1} {text}" if key in OSTROM8 else text)
    return ", ".join(words)


def _score(x: float | None) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


def principle_legend(lang: str) -> str:
    """"P1–P8: P1 boundaries · P2 ..." for under the table."""
    names = " · ".join(f"P{k} {t(f'commons.{p}', lang)}" for k, p in enumerate(OSTROM8, 1))
    return t("commons.principles", lang, names=names)


def commons_table(model: Any, lang: str) -> tuple[list[str], list[list[str]]] | None:
    """(headers, rows) of the organised commons: living ones, then the last that ended."""
    rows = _rows(model)
    if rows is None:
        return None
    organised = [r for r in rows if r["week_organised"] is not None]
    living = [r for r in organised if r["week_ended"] is None]
    ended = sorted((r for r in organised if r["week_ended"] is not None),
                   key=lambda r: r["week_ended"])[-SHOWN_ENDED:]
    headers = [t(f"commons.{k}", lang) for k in ("id", "theme", "neighbourhood", "since",
                                                  "members", "rules")]
    headers += [f"P{k}" for k in range(1, len(OSTROM8) + 1)]
    headers += [t("commons.status", lang), t("commons.why", lang)]
    out = []
    for r in living + ended:
        status = (t("commons.living", lang) if r["week_ended"] is None
                  else t("commons.ended", lang, week=r["week_ended"]))
        why = _word(r["reason"], lang) if r["reason"] else ""
        if why and r["weakest_before_end"]:
            why += f" ({_word(r['weakest_before_end'], lang)})"
        out.append([str(r["id"]), theme(r["theme"], lang), str(r["neighbourhood"] + 1),
                    str(r["week_organised"]), str(r["final_members"]),
                    _word(r["rules_origin"], lang),
                    *(_score(r[f"{p}_end"]) for p in OSTROM8), status, why])
    return headers, out


def commons_events(model: Any, lang: str) -> list[tuple[int, str]]:
    """(week, text) for every commons that organised, and every organised one that ended."""
    rows = _rows(model) or []
    out = []
    for r in rows:
        if r["week_organised"] is None:
            continue
        who = {"id": r["id"], "theme": theme(r["theme"], lang), "nbhd": r["neighbourhood"] + 1}
        out.append((r["week_organised"], t("event.commons_organised", lang, **who)))
        if r["week_ended"] is not None:
            reason = _word(r["reason"], lang) if r["reason"] else "?"
            out.append((r["week_ended"], t("event.commons_ended", lang, reason=reason, **who)))
    return out


def signature(model: Any) -> tuple:
    """Changes when the commons table would: a commons forms or ends (or every 4 weeks).

    Read from the commons' arrays, not their records: it is asked every Play tick.
    """
    state = getattr(model, "commons", None)
    c = getattr(state, "commons", None)
    if c is None:
        return ()
    n = c.n
    return (n, int((c.organised[:n] >= 0).sum()), int((c.ended[:n] >= 0).sum()),
            model.week // 4)
