"""Read scenario YAML (with `extends:` and `--set` overrides) into a validated `CityConfig`.

Every way a config can be wrong ends in one `ConfigError` that lists all problems at once, each
with file, key path, the value given, what is allowed and, for typos, the closest known name.
"""

from __future__ import annotations

import difflib
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .. import library
from . import safe_yaml
from .events import EVENTS_BY_NAME, Event
from .params import bounds
from .schema import CityConfig

_UNSET = object()
CLIP = 200  # characters of a given value in a message (a 1 MB string stays out of the terminal)


def clip(text: str, limit: int = CLIP) -> str:
    """`text`, cut to `limit` characters with a note of how much was left out."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text) - limit:,} more)"


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
        lines = [clip(f"{where}{self.path or '(top level)'}: {self.message}", 4 * CLIP)]
        if self.value is not _UNSET:
            lines.append(f"    given:   {clip(repr(self.value))}")
        if self.allowed:
            lines.append(f"    allowed: {clip(self.allowed, 4 * CLIP)}")
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
    """Safely load one YAML mapping from a regular file of bounded size.

    Missing, special, huge, malformed or non-mapping files are errors, and so are tags,
    duplicate keys, deep nesting and alias bombs (`safe_yaml`).
    """
    try:
        info = path.stat()  # follows symlinks; a loop ends here
    except FileNotFoundError:
        shipped = ", ".join(library.names("scenario"))
        raise ConfigError([Problem("", f"file not found: {path}", file=str(path),
                                   allowed=f"a YAML file, or a library scenario by name: "
                                   f"{shipped} (`zelflerendestad scenarios` lists them)")],
                          "cannot read config") from None
    except (OSError, RuntimeError, ValueError) as exc:  # a loop, a name too long, a NUL byte
        raise ConfigError([Problem("", f"cannot open: {clip(str(exc))}", file=clip(str(path)))],
                          "cannot read config") from None
    if not stat.S_ISREG(info.st_mode):
        what = "is a folder" if stat.S_ISDIR(info.st_mode) else "is not a regular file"
        raise ConfigError([Problem("", f"{what}, expected a YAML file", file=str(path))],
                          "cannot read config")
    try:
        with path.open("rb") as fh:  # read no more than the limit, whatever stat said
            blob = fh.read(safe_yaml.MAX_BYTES + 1)
        if len(blob) > safe_yaml.MAX_BYTES:
            raise safe_yaml.UnsafeYaml(f"larger than {safe_yaml.MAX_BYTES:,} bytes; a config "
                                       "is a few kB")
        data = safe_yaml.load(blob.decode("utf-8"))
    except safe_yaml.UnsafeYaml as exc:
        where = f" at line {exc.line}" if exc.line else ""
        raise ConfigError([Problem("", f"refused{where}: {exc}", file=str(path))],
                          "cannot parse config") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError([Problem("", f"YAML syntax error at {where}: {what}",
                                   file=str(path))], "cannot parse config") from None
    except UnicodeDecodeError:
        raise ConfigError([Problem("", "not a UTF-8 text file", file=str(path))],
                          "cannot read config") from None
    except OSError as exc:
        raise ConfigError([Problem("", f"cannot read: {exc}", file=str(path))],
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


MAX_EXTENDS = 16  # files in one `extends:` chain


def resolve_raw(path: Path, _chain: tuple[Path, ...] = ()) -> tuple[dict, dict[tuple, str]]:
    """Follow `extends:` chains; return the merged mapping and which file set each key.

    Keys are attributed to the path as given (`configs/mine.yaml`, as the user typed it).
    """
    given = path
    try:
        path = path.resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a NUL byte
        raise ConfigError([Problem("", f"cannot open: {clip(str(exc))}", file=clip(str(path)))],
                          "cannot read config") from None
    if path in _chain:
        cycle = " -> ".join(p.name for p in (*_chain, path))
        raise ConfigError([Problem("extends", f"`extends:` cycle: {cycle}", file=str(path))],
                          "invalid config")
    if len(_chain) >= MAX_EXTENDS:
        raise ConfigError([Problem("extends", f"more than {MAX_EXTENDS} files in one "
                                   "`extends:` chain", file=str(path))], "invalid config")
    data = read_yaml(path)
    parent = data.pop("extends", None)
    merged: dict[str, Any] = {}
    origins: dict[tuple, str] = {}
    if parent is not None:
        if not isinstance(parent, str) or not parent.strip():
            raise ConfigError([Problem("extends", "must be a file name", value=parent,
                                       allowed="a path relative to this file, or a library "
                                       "file such as default.yaml", file=str(path))])
        merged, origins = resolve_raw(extends_target(path, parent), (*_chain, path))
    merged = deep_merge(merged, data)
    origins.update({p: str(given) for p in _leaf_paths(data)})
    return merged, origins


def extends_target(path: Path, parent: str) -> Path:
    """`extends: x.yaml` is relative to the file; failing that, a library file of that name.

    So `extends: default.yaml` (what the docs and error messages advise) works in any folder.
    """
    here = path.parent / parent
    if _present(here) or Path(parent).is_absolute():
        return here
    shipped = library.configs_root() / parent
    return shipped if _present(shipped) else here


def _present(path: Path) -> bool:
    """Whether anything (even a broken symlink) is at `path`; a name the OS refuses is not."""
    try:
        return path.exists() or path.is_symlink()
    except (OSError, ValueError):
        return False


def parse_override(item: str) -> tuple[list[str], Any]:
    """`municipality.vertical_share=0.3` -> (["municipality", "vertical_share"], 0.3)."""
    key, sep, raw = item.partition("=")
    keys = key.strip().split(".")
    if not sep or not all(k.strip() for k in keys):
        raise ConfigError([Problem("--set", "expected KEY.PATH=VALUE", value=item,
                                   allowed="e.g. --set municipality.vertical_share=0.3")],
                          "invalid override")
    try:
        value = safe_yaml.load(raw) if raw.strip() else raw
    except (yaml.YAMLError, safe_yaml.UnsafeYaml):
        value = raw
    return [k.strip() for k in keys], value


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
    path = library.resolve(Path(path), "scenario")
    raw, origins = resolve_raw(path)
    raw = apply_overrides(raw, list(overrides or []))
    sets = {tuple(parse_override(item)[0]): f"--set {item}" for item in overrides or []}
    return validate_mapping(raw, file=str(path), origins=origins, overrides=sets)


def validate_mapping(raw: dict[str, Any], file: str = "<config>",
                     origins: dict[tuple, str] | None = None,
                     overrides: dict[tuple, str] | None = None) -> CityConfig:
    """Validate a raw mapping strictly (no `yes` for a number, no NaN), or raise `ConfigError`.

    `origins` says which file set each key path, `overrides` which `--set` did: a problem is
    blamed on the `--set` that touched its key path (or the section holding it) first.
    """
    try:
        return CityConfig.model_validate(raw, strict=True)
    except ValidationError as exc:
        def where(loc: tuple) -> str:
            return blame(loc, origins or {}, overrides or {}, file)

        raise ConfigError(problems_from(exc, CityConfig, where),
                          f"invalid config {file}") from None


def blame(loc: tuple, origins: dict[tuple, str], overrides: dict[tuple, str],
          file: str) -> str:
    """Who set the value at `loc`: a `--set` on it, inside it or above it; else its file."""
    keys = tuple(p for p in loc if not isinstance(p, int))
    hits = [who for path, who in overrides.items()
            if path[:len(keys)] == keys or keys[:len(path)] == path]
    if hits:
        return ", ".join(hits)
    for n in range(len(keys), 0, -1):
        if keys[:n] in origins:
            return origins[keys[:n]]
    return file


# -- pydantic errors -> problems: one translation for configs and sweep specs alike ----------
MAX_PROBLEMS = 20  # a file with thousands of mistakes gets the first ones and a count


def problems_from(exc: ValidationError, root: type[BaseModel],
                  where: Callable[[tuple], str] | str) -> list[Problem]:
    """Turn pydantic's errors on `root` into `Problem`s, each blamed on `where(loc)`."""
    errors = exc.errors()
    locate = where if callable(where) else (lambda loc: where)
    out = [_problem(err, root, locate(tuple(err["loc"]))) for err in errors[:MAX_PROBLEMS]]
    if len(errors) > MAX_PROBLEMS:
        out.append(Problem("", f"... and {len(errors) - MAX_PROBLEMS} more problems; fix "
                           "these first", file=out[-1].file))
    return out


def model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that holds the field at `loc` (list indices skipped)."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if model is Event:  # a list of events: the next part names the event type
            model = EVENTS_BY_NAME.get(part)
            if model is None:
                return None
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model


def _inner_model(ann: Any) -> Any:
    if ann is Event or isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()):  # list[Event], Section | None
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


KINDS = {int: "an integer", float: "a number", bool: "true or false", str: "text"}


def _describe_allowed(holder: type[BaseModel] | None, name: Any) -> str | None:
    if holder is None or name not in holder.model_fields:
        return None
    info = holder.model_fields[name]
    lo, hi = bounds(info)
    ann = info.annotation
    args = [a for a in getattr(ann, "__args__", ()) if a is not type(None)]
    kind = KINDS.get(ann) or (KINDS.get(args[0]) if len(args) == 1 else None)
    if kind is None and args and all(isinstance(a, str) for a in args):
        return "one of " + ", ".join(args)
    if kind and (lo is not None or hi is not None):
        rng = f"in [{lo if lo is not None else '-inf'}, {hi if hi is not None else 'inf'}]"
        return f"{kind} {rng}"
    return kind or info.description or None


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


def _problem(err: dict, root: type[BaseModel], where: str) -> Problem:
    loc = tuple(err["loc"])
    path = ".".join(str(p) for p in loc)
    value = err.get("input", _UNSET)
    holder = model_at(root, loc[:-1]) if loc else None
    if err["type"] == "extra_forbidden":
        return unknown_key(loc, holder, where)
    if err["type"] == "literal_error":
        return not_allowed(err, where)
    if err["type"] == "union_tag_invalid":  # an event name that does not exist
        return not_allowed({**err, "loc": (*loc, "event"), "input": err["ctx"]["tag"],
                            "ctx": {"expected": err["ctx"]["expected_tags"]}}, where)
    if err["type"] == "missing":
        return Problem(path, "required key is missing", file=where)
    if isinstance(value, dict) or not loc:
        value = _UNSET
    allowed = _describe_allowed(holder, loc[-1]) if loc and isinstance(loc[-1], str) else None
    message = err["msg"].removeprefix("Value error, ")
    return Problem(path, message, value, allowed, file=where)
