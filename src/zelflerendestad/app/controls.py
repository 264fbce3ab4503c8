"""The app's controls, generated from the config schema, and the checks on what users type.

schema (`config/schema.py`) -> `control_specs()` -> one `ControlSpec` per parameter -> the
page's inputs. Bounds, units, help text and the `key` flag come from the same `param()`
metadata the loader validates with, so a default or bound is never typed twice (labels, Dutch
help, units and choice words come from the catalogue beside the schema, `config/texts_nl.py`).
Input is
parsed here and validated by the schema itself; anything wrong comes back as a message and the
running model is left alone.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..config.loading import ConfigError, validate_mapping
from ..config.params import ASSUMPTION, bounds, field_meta
from ..config.schema import CityConfig
from ..config.texts_nl import CHOICES, HELP_NL, UNITS_NL
from .i18n import has, t

SKIPPED_SECTIONS = ("meta", "interventions", "record")  # record: output files, not the city
APP_MAX_RESIDENTS = 20_000  # beyond this a live redraw no longer keeps up on a laptop
# Ties drawn and stepped: 20,000 residents x 8 ties. 20,000 x 200 (each allowed alone) took
# 103 s and 940 MB for the first redraw on the workshop laptop.
APP_MAX_TIES = APP_MAX_RESIDENTS * 8 // 2

Kind = Literal["int", "float", "bool", "choice", "list"]


@dataclass(frozen=True)
class ControlSpec:
    """One parameter as the page shows it."""

    path: str
    kind: Kind
    default: Any
    lo: float | None
    hi: float | None
    unit: str
    description: str
    source: str
    key: bool
    choices: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        """Dotted path of the section holding the parameter, e.g. "municipality.adaptive"."""
        return self.path.rpartition(".")[0]

    def label(self, lang: str) -> str:
        """The translated label, or the field name where the table has none yet."""
        key = f"param.{self.path}"
        return t(key, lang) if has(key) else self.path.rpartition(".")[2].replace("_", " ")

    def help(self, lang: str) -> str:
        """Description in `lang`, then the schema's unit, bounds and source.

        English is the schema's own description; Dutch comes from `texts_nl.HELP_NL` (a test
        fails when a parameter has none). Sources are references and stay as written.
        """
        text = HELP_NL.get(self.path, self.description) if lang == "nl" else self.description
        rng = ""
        if self.lo is not None or self.hi is not None:
            rng = f"; [{_fmt(self.lo, '-∞', lang)}, {_fmt(self.hi, '∞', lang)}]"
        source = t("ui.assumption", lang) if self.source == ASSUMPTION else self.source
        return f"{text} ({self.unit_text(lang)}{rng}; {t('ui.source', lang)}: {source})"

    def unit_text(self, lang: str) -> str:
        """The unit in `lang` (the schema's unit string in English)."""
        return UNITS_NL.get(self.unit, self.unit) if lang == "nl" else self.unit

    def choice_text(self, value: str, lang: str) -> str:
        """How a choice value reads in `lang` ("small_world" -> "kleine wereld")."""
        words = CHOICES.get(value)
        return words[0 if lang == "nl" else 1] if words else value.replace("_", " ")


def _fmt(x: float | None, missing: str, lang: str = "en") -> str:
    if x is None:
        return missing
    return number_text(x, lang)


def number_text(x: float, lang: str) -> str:
    """A number as `lang` writes it: 0,5 in Dutch, 0.5 in English."""
    text = f"{x:g}"
    return text.replace(".", ",") if lang == "nl" else text


def _kind(annotation: Any) -> tuple[Kind, tuple[str, ...]]:
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "int", ()
    if annotation is float:
        return "float", ()
    if get_origin(annotation) is Literal:
        return "choice", tuple(str(a) for a in get_args(annotation))
    return "list", ()


def control_specs(model: type[BaseModel] = CityConfig, prefix: str = "") -> list[ControlSpec]:
    """Every parameter of the schema in declaration order (sections recursed)."""
    specs: list[ControlSpec] = []
    for name, info in model.model_fields.items():
        if not prefix and name in SKIPPED_SECTIONS:
            continue
        ann = info.annotation
        path = f"{prefix}{name}"
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            specs += control_specs(ann, f"{path}.")
            continue
        meta = field_meta(info)
        kind, choices = _kind(ann)
        lo, hi = bounds(info)
        specs.append(ControlSpec(path, kind, info.default, lo, hi, meta.get("unit", ""),
                                 info.description or "", meta.get("source", ""),
                                 bool(meta.get("key")), choices))
    return specs


def get_value(config: CityConfig, path: str) -> Any:
    """The current value at a dotted path of a config."""
    node: Any = config
    for part in path.split("."):
        node = getattr(node, part)
    return node


def to_text(value: Any, lang: str = "en") -> str:
    """How a value appears in a text box (a single number with a decimal comma in Dutch)."""
    if isinstance(value, list):
        return ", ".join(f"{v:g}" if isinstance(v, int | float) else str(v) for v in value)
    if isinstance(value, float):
        return number_text(value, lang)
    return str(value)


class InputRefused(ValueError):
    """What a user typed cannot be used; the message says why, in the user's language."""


def parse(spec: ControlSpec, raw: Any, lang: str) -> Any:
    """Turn what the user typed or picked into a value of the parameter's type."""
    if spec.kind in ("bool", "choice") or not isinstance(raw, str):
        return raw
    text = raw.strip().replace(",", ".") if spec.kind != "list" else raw.strip()
    try:
        if spec.kind == "int":
            number = float(text)
            if not number.is_integer():
                raise InputRefused(t("ui.not_an_integer", lang, text=raw))
            return int(number)
        if spec.kind == "float":
            number = float(text)
            if not math.isfinite(number):
                raise ValueError(text)
            return number
        return [float(x) for x in text.replace(";", ",").split(",") if x.strip()]
    except InputRefused:
        raise
    except ValueError:
        raise InputRefused(t("ui.not_a_number", lang, text=raw)) from None


def check_range(spec: ControlSpec, value: Any, lang: str) -> None:
    """Refuse a number outside the schema's bounds, with the bounds in the message."""
    if spec.kind not in ("int", "float"):
        return
    if (spec.lo is not None and value < spec.lo) or (spec.hi is not None and value > spec.hi):
        raise InputRefused(t("ui.out_of_range", lang, value=number_text(value, lang),
                             lo=_fmt(spec.lo, "-∞", lang), hi=_fmt(spec.hi, "∞", lang)))
    if spec.path == "city.residents" and value > APP_MAX_RESIDENTS:
        raise InputRefused(t("ui.too_many_residents", lang, max=APP_MAX_RESIDENTS))


def with_setting(config: CityConfig, spec: ControlSpec, raw: Any, lang: str) -> CityConfig:
    """A new validated config with one parameter changed; raises `InputRefused` if it cannot.

    The whole config is validated again, so cross-field rules (e.g. enough residents per
    neighbourhood for the network's degree) are checked too.
    """
    value = parse(spec, raw, lang)
    check_range(spec, value, lang)
    data = copy.deepcopy(config.model_dump(mode="json"))
    node = data
    parts = spec.path.split(".")
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
    try:
        new = validate_mapping(data, file="app")
    except ConfigError as exc:
        raise InputRefused("; ".join(_short(p.render()) for p in exc.problems)) from None
    if new.city.residents * new.network.mean_degree // 2 > APP_MAX_TIES:
        raise InputRefused(t("ui.too_many_ties", lang, max=APP_MAX_TIES))
    return new


def _short(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines()).removeprefix("app: ")


def changed_settings(base: CityConfig | None, now: CityConfig, lang: str) -> str:
    """"Label = value" for each parameter where `now` differs from `base` ("" if none)."""
    if base is None:
        return ""
    out = []
    for spec in control_specs():
        value = get_value(now, spec.path)
        if value != get_value(base, spec.path):
            shown = spec.choice_text(value, lang) if spec.kind == "choice" else \
                to_text(value, lang)
            out.append(f"{spec.label(lang)} = {shown}")
    return ", ".join(out)
