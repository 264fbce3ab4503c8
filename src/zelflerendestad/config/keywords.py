"""Keyword parameters by key path, so Mesa's tools can pass flat parameters to `CityModel`.

`mesa.batch_run` and `SolaraViz` hand a model its parameters as keywords. A keyword names one
key path of the config schema in one of three ways:

* the full path with dots or double underscores: `**{"municipality.vertical_share": 0.3}`
  or `municipality__vertical_share=0.3`;
* any unique tail of it: `adaptive__enabled=True` (is `municipality.adaptive.enabled`);
* the bare key when only one section has it: `vertical_share=0.3`, `residents=500`.

A bare key two sections share (`enabled`, `rate`, `base`, `ownership_gain`) is refused with the
candidate paths, never guessed. A section name with a mapping sets several keys of it
(`city={"residents": 500}`); without a mapping the leaf wins (`residents=500`). The values
are validated as a config file's are.
"""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any

from pydantic import BaseModel

from .loading import deep_merge, validate_mapping
from .schema import CityConfig


class KeywordError(TypeError):
    """A keyword that names no key path, or more than one (TypeError, as Python's own)."""


def _walk(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, info in model.model_fields.items():
        kind = info.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            paths += _walk(kind, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


@cache
def key_paths() -> tuple[tuple[str, ...], ...]:
    """Every leaf key path of the config schema."""
    return tuple(_walk(CityConfig))


@cache
def _sections() -> frozenset[tuple[str, ...]]:
    return frozenset(p[:i] for p in key_paths() for i in range(1, len(p)))


def resolve(name: str, value: Any = None) -> tuple[str, ...]:
    """The key path a keyword names; `KeywordError` when it names none or several.

    A section name counts only with a mapping: `residents=500` is `city.residents`, while
    `residents={"trait_sd": 0.1}` sets keys of the `residents:` section.
    """
    parts = tuple(name.replace("__", ".").split("."))
    if parts in _sections() and isinstance(value, dict):
        return parts
    found = [p for p in key_paths() if p[-len(parts):] == parts]
    if len(found) == 1:
        return found[0]
    if found:
        options = ", ".join(".".join(p) for p in found)
        raise KeywordError(
            f"CityModel: keyword {name!r} is ambiguous; it could be {options}. Name the key "
            f"path, e.g. {'__'.join(found[0])}=... or **{{{'.'.join(found[0])!r}: ...}}")
    known = sorted({p[-1] for p in key_paths()} | {".".join(p) for p in key_paths()})
    near = difflib.get_close_matches(name.replace("__", "."), known, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else "; see `zelflerendestad docs`"
    raise KeywordError(f"CityModel: keyword {name!r} names no config key{hint}")


def nest(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """`("a", "b"), v` -> `{"a": {"b": v}}`."""
    for key in reversed(path):
        value = {key: value}
    return value


def apply_keywords(config: CityConfig, params: dict[str, Any]) -> CityConfig:
    """`config` with the keyword parameters set, validated like a config file."""
    if not params:
        return config
    raw = config.model_dump(mode="json")
    for name, value in params.items():
        path = resolve(name, value)
        raw = deep_merge(raw, nest(path, value))
    return validate_mapping(raw, file="<CityModel keywords>")
