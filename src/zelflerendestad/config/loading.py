"""Read scenario YAML (with `extends:` and `--set` overrides) into a validated `CityConfig`.

Every way a config can be wrong ends in one `ConfigError` that lists all problems at once, each
with file, key path, the value given, what is allowed and, for typos, the closest known name.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .events import EVENTS_BY_NAME, Event
from .params import bounds
from .schema import CityConfig

_UNSET = object()


@dataclass
class Problem:
    """One thing wrong with a config, in the words a user needs to fix it."""

    path: str
    message: str
    value: Any = _UNSET
    allowed: str | None = None
    suggestion: str | None = None
    file: str | None = None

    def render(self) -> str:
        """One block of text: where, what, allowed, suggestion."""
        where = f"{self.file}: " if self.file else ""
        lines = [f"{where}{self.path or '(top level)'}: {self.message}"]
        if self.value is not _UNSET:
            lines.append(f"    given:   {self.value!r}")
        if self.allowed:
            lines.append(f"    allowed: {self.allowed}")
        if self.suggestion:
            lines.append(f"    did you mean `{self.suggestion}`?")
        return "\n".join(lines)


class ConfigError(Exception):
    """A config that cannot be used; `str()` is the full message for the user."""

    def __init__(self, problems: list[Problem], header: str = "invalid config"):
        self.problems = problems
        self.header = header
        super().__init__(self.render())

    def render(self) -> str:
        """Header plus every problem, numbered when there are several."""
        n = len(self.problems)
        head = f"error: {self.header}" + (f" ({n} problems)" if n > 1 else "")
        return "\n".join([head, *(p.render() for p in self.problems)])


def read_yaml(path: Path) -> dict[str, Any]:
    """Safely load one YAML mapping; missing, empty, malformed or non-mapping files are errors."""
    if not path.exists():
        raise ConfigError([Problem("", f"file not found: {path}", file=str(path))],
                          "cannot read config")
    if path.is_dir():
        raise ConfigError([Problem("", "is a folder, expected a YAML file", file=str(path))],
                          "cannot read config")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        kind = ("YAML tag not allowed (configs are loaded safely)"
                if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error")
        raise ConfigError([Problem("", f"{kind} at {where}: {what}",
                                   file=str(path))], "cannot parse config") from None
    except UnicodeDecodeError:
        raise ConfigError([Problem("", "not a UTF-8 text file", file=str(path))],
                          "cannot read config") from None
    if data is None:
        raise ConfigError([Problem("", "the file is empty; a config needs at least "
                                   "`meta: {name: ...}` or `extends: default.yaml`",
                                   file=str(path))], "empty config")
    if not isinstance(data, dict):
        raise ConfigError([Problem("", f"expected a mapping of keys, got {type(data).__name__}",
                                   file=str(path))], "invalid config")
    return data


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; anything else (lists included) is replaced."""
    out = dict(base)
    for k, v in over.items():
        out[k] = deep_merge(out[k], v) if isinstance(v, dict) and isinstance(
            out.get(k), dict) else v
    return out


def _leaf_paths(d: dict[str, Any], prefix: tuple = ()) -> list[tuple]:
    paths = []
    for k, v in d.items():
        paths.append((*prefix, k))
        if isinstance(v, dict):
            paths += _leaf_paths(v, (*prefix, k))
    return paths


def resolve_raw(path: Path, _chain: tuple[Path, ...] = ()) -> tuple[dict, dict[tuple, str]]:
    """Follow `extends:` chains; return the merged mapping and which file set each key."""
    path = path.resolve()
    if path in _chain:
        cycle = " -> ".join(p.name for p in (*_chain, path))
        raise ConfigError([Problem("extends", f"`extends:` cycle: {cycle}", file=str(path))],
                          "invalid config")
    data = read_yaml(path)
    parent = data.pop("extends", None)
    merged: dict[str, Any] = {}
    origins: dict[tuple, str] = {}
    if parent is not None:
        if not isinstance(parent, str):
            raise ConfigError([Problem("extends", "must be a file name", value=parent,
                                       allowed="a path relative to this file",
                                       file=str(path))])
        merged, origins = resolve_raw(path.parent / parent, (*_chain, path))
    merged = deep_merge(merged, data)
    origins.update({p: str(path) for p in _leaf_paths(data)})
    return merged, origins


def parse_override(item: str) -> tuple[list[str], Any]:
    """`municipality.vertical_share=0.3` -> (["municipality", "vertical_share"], 0.3)."""
    if "=" not in item:
        raise ConfigError([Problem("--set", "expected KEY.PATH=VALUE", value=item,
                                   allowed="e.g. --set municipality.vertical_share=0.3")],
                          "invalid override")
    key, raw = item.split("=", 1)
    try:
        value = yaml.safe_load(raw) if raw.strip() else raw
    except yaml.YAMLError:
        value = raw
    return key.strip().split("."), value


def apply_overrides(data: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    """Apply `--set` overrides on a raw mapping (validation comes after)."""
    for item in overrides:
        keys, value = parse_override(item)
        node = data
        for k in keys[:-1]:
            if not isinstance(node.get(k), dict):
                node[k] = {}
            node = node[k]
        node[keys[-1]] = value
    return data


def load_config(path: str | Path, overrides: list[str] | None = None) -> CityConfig:
    """Read, merge, override and validate a scenario file."""
    path = Path(path)
    raw, origins = resolve_raw(path)
    raw = apply_overrides(raw, list(overrides or []))
    for item in overrides or []:
        origins[tuple(parse_override(item)[0])] = f"--set {item}"
    return validate_mapping(raw, file=str(path), origins=origins)


def validate_mapping(raw: dict[str, Any], file: str = "<config>",
                     origins: dict[tuple, str] | None = None) -> CityConfig:
    """Validate a raw mapping, turning pydantic's errors into `Problem`s."""
    try:
        return CityConfig.model_validate(raw)
    except ValidationError as exc:
        problems = [_problem(err, raw, file, origins or {}) for err in exc.errors()]
        raise ConfigError(problems, f"invalid config {file}") from None


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that holds the field at `loc` (list indices skipped)."""
    model: Any = CityConfig
    for part in loc:
        if isinstance(part, int):
            continue
        if model is Event:  # a list of events: the next part names the event type
            model = EVENTS_BY_NAME.get(part)
            if model is None:
                return None
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        ann = field.annotation
        inner = getattr(ann, "__args__", None)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            model = ann
        elif inner and inner[0] is Event:
            model = Event
        elif inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
            model = inner[0]
        else:
            return None
    return model


def _origin(loc: tuple, origins: dict[tuple, str], file: str) -> str:
    keys = tuple(p for p in loc if not isinstance(p, int))
    for n in range(len(keys), 0, -1):
        if keys[:n] in origins:
            return origins[keys[:n]]
    return file


def _describe_allowed(loc: tuple) -> str | None:
    holder = _model_at(loc[:-1])
    if holder is None or loc[-1] not in holder.model_fields:
        return None
    info = holder.model_fields[loc[-1]]
    lo, hi = bounds(info)
    ann = info.annotation
    kind = {int: "an integer", float: "a number", bool: "true or false",
            str: "text"}.get(ann, None)
    literal = getattr(ann, "__args__", None)
    if kind is None and literal and all(isinstance(a, str) for a in literal):
        return "one of " + ", ".join(literal)
    if kind and (lo is not None or hi is not None):
        rng = f"in [{lo if lo is not None else '-inf'}, {hi if hi is not None else 'inf'}]"
        return f"{kind} {rng}"
    return kind


def unknown_key(loc: tuple, holder: type[BaseModel] | None, file: str) -> Problem:
    """An unknown key, with the keys allowed beside it and the closest one."""
    known = list(holder.model_fields) if holder else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
    prefix = ".".join(str(p) for p in loc[:-1])
    suggestion = (f"{prefix}.{close[0]}" if prefix else close[0]) if close else None
    return Problem(".".join(str(p) for p in loc), "unknown key",
                   allowed=", ".join(known) or None, suggestion=suggestion, file=file)


def not_allowed(err: dict, file: str) -> Problem:
    """A value outside a `Literal` choice, with the choices and the closest one."""
    value = err.get("input")
    options = [o.strip(" '") for o in str(err["ctx"]["expected"]).replace(" or ", ",")
               .split(",")]
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.4)
    return Problem(".".join(str(p) for p in err["loc"]), "not an allowed value", value,
                   "one of " + ", ".join(options), close[0] if close else None, file=file)


def _problem(err: dict, raw: dict, file: str, origins: dict[tuple, str]) -> Problem:
    loc = tuple(err["loc"])
    path = ".".join(str(p) for p in loc)
    value = err.get("input", _UNSET)
    where = _origin(loc, origins, file)
    if err["type"] == "extra_forbidden":
        return unknown_key(loc, _model_at(loc[:-1]), where)
    if err["type"] == "literal_error":
        return not_allowed(err, where)
    if err["type"] == "union_tag_invalid":  # an event name that does not exist
        return not_allowed({**err, "loc": (*loc, "event"), "input": err["ctx"]["tag"],
                            "ctx": {"expected": err["ctx"]["expected_tags"]}}, where)
    if isinstance(value, dict) and err["type"] == "value_error" or not loc:
        value = _UNSET
    allowed = _describe_allowed(loc) if loc and isinstance(loc[-1], str) else None
    message = err["msg"].removeprefix("Value error, ")
    return Problem(path, message, value, allowed, file=where)
