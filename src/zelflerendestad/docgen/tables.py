"""The ODD+D tables read from the code: parameters, state variables, measures, streams, modules.

Reviewers of an agent-based model expect the parameter table and the list of state variables to
match the code; typed by hand they drift. Here they are read from the pydantic schema
(`config/schema.py`, metadata via `config/params.py`), from the state dataclasses and from the
measure and stream registries, so a new section or field appears by regenerating, not by
editing prose.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import types
import typing
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..config.events import EVENT_TYPES, event_fields, event_name
from ..config.params import VALUE_KINDS, bounds, field_meta
from ..config.schema import CityConfig
from ..statevars import meaning
from .blocks import BLOCK_RE

KIND_WORDS = {"citation": "citations", "target": "calibration targets",
              "assumption": "assumptions", "setting": "settings"}
# State classes documented as "entities and state variables": (module, class, entity). Each
# field's meaning is declared beside it (`statevars.state`).
STATE_CLASSES = (
    ("population", "Residents", "resident (inwoner) / connector (kantelaar)"),
    ("officials", "Officials", "official (ambtenaar)"),
    ("municipality", "Municipality", "municipality (gemeente)"),
    ("commons.state", "Commons", "initiative (burgerinitiatief) / commons"),
    ("commons.state", "CommonsState", "member of an initiative or commons (per resident)"),
    ("played", "Played", "agent played by a person (participatory mode)"),
)


@dataclass(frozen=True)
class ParamRow:
    """One leaf of the config schema, as a row of the parameter table."""

    path: str
    section: str
    name: str
    kind: str
    default: Any
    lower: float | None
    upper: float | None
    unit: str
    description: str
    basis: str
    value_source: str
    value_kind: str  # citation, target, assumption or setting ("" for a plain field)
    key: bool


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Pydantic models inside an annotation (itself, list[...], X | None, Annotated[...])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out += _models_in(arg)
    return out


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    return origin in (list, tuple, set)


def _kind(annotation: Any) -> str:
    """Short type name for the table: number, integer, on/off, text, choice, list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "choice"
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind(a) for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(dict.fromkeys(kinds)) + " (optional)"
    if origin in (list, tuple):
        return "list"
    return {int: "integer", float: "number", bool: "on/off", str: "text"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def iter_params(model: type[BaseModel] = CityConfig, prefix: str = "") -> Iterator[ParamRow]:
    """Every leaf field of the schema in declaration order; lists of models as `key[].field`."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        nested = _models_in(info.annotation)
        if len(nested) == 1 or (nested and not _is_list(info.annotation)):  # a list of one of
            # several models (the events) is one row here; `render_events` lists its types
            sep = "[]." if _is_list(info.annotation) else "."
            for sub in nested:
                yield from iter_params(sub, f"{path}{sep}")
            continue
        meta = field_meta(info)
        lo, hi = bounds(info)
        default = None if info.default is PydanticUndefined else info.default
        if info.default_factory is not None:
            default = info.default_factory()
        yield ParamRow(
            path=path, section=prefix.rstrip(".") or "(top level)", name=name,
            kind=_kind(info.annotation), default=default, lower=lo, upper=hi,
            unit=str(meta.get("unit", "")), description=info.description or "",
            basis=str(meta.get("basis", "")), value_source=str(meta.get("value_source", "")),
            value_kind=str(meta.get("value_kind", "")), key=bool(meta.get("key", False)))


def schema_paths(model: type[BaseModel] = CityConfig) -> list[str]:
    """Key paths of every leaf field (what the parameter table must list, no more, no less)."""
    return [row.path for row in iter_params(model)]


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _fmt(value: Any) -> str:
    """A default or bound as the table shows it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u2009")
    if isinstance(value, str):
        return f"`{value}`" if value else '`""`'
    return f"`{value}`"


def _range(row: ParamRow) -> str:
    if row.kind == "choice":
        return "one of " + ", ".join(f"`{a}`" for a in _literal_args(row.path))
    if row.lower is None and row.upper is None:
        return "—"
    lo = "−∞" if row.lower is None else _fmt(row.lower)
    hi = "∞" if row.upper is None else _fmt(row.upper)
    return f"[{lo}, {hi}]"


def _literal_args(path: str) -> list[str]:
    model: Any = CityConfig
    parts = path.replace("[]", "").split(".")
    for part in parts[:-1]:
        model = _models_in(model.model_fields[part].annotation)[0]
    ann = model.model_fields[parts[-1]].annotation
    return [str(a) for a in typing.get_args(ann)]


def _section_title(section: str) -> str:
    model: Any = CityConfig
    for part in section.replace("[]", "").split("."):
        if part in getattr(model, "model_fields", {}):
            model = _models_in(model.model_fields[part].annotation)[0]
    doc = inspect.getdoc(model) or ""
    return doc.splitlines()[0] if doc else ""


def render_parameters() -> str:
    """The parameter table: one table per config section, in schema order."""
    rows = list(iter_params())
    kinds = Counter(r.value_kind for r in rows if r.value_kind)
    counts = ", ".join(f"{kinds[k]} {KIND_WORDS[k]}" for k in VALUE_KINDS)
    out = [f"{len(rows)} parameters in {len({r.section for r in rows})} sections. ★ marks the "
           "key parameters the workshop app shows up front. *Basis* says where the mechanism "
           "comes from; *value source* where the number comes from: a citation with its "
           "locator, a named calibration target (*target:*, see [Tuned defaults and their "
           "targets](#tuned-defaults-and-their-targets)), the word *assumption* (a value "
           "chosen by the modellers) or *setting* (a choice of what is simulated, not a "
           f"claim about the world). Value sources: {counts}.", ""]
    for section in dict.fromkeys(r.section for r in rows):
        out += [f"#### `{section}`", "", _section_title(section), "",
                "| name | key path | default | range | unit | description | basis | "
                "value source |", "|---|---|---|---|---|---|---|---|"]
        for r in (r for r in rows if r.section == section):
            name = f"{r.name} ★" if r.key else r.name
            out.append("| " + " | ".join(_cell(c) for c in (
                name, f"`{r.path}`", _fmt(r.default), _range(r), r.unit or "—",
                r.description, r.basis or "—", r.value_source or "—")) + " |")
        out.append("")
    return "\n".join(out)


def state_rows() -> list[tuple[str, str, str, str, str]]:
    """(entity, class, variable, meaning, type note) for every field of the state classes."""
    rows = []
    for module, cls_name, entity in STATE_CLASSES:
        cls = getattr(importlib.import_module(f"zelflerendestad.{module}"), cls_name)
        if not is_dataclass(cls):
            raise TypeError(f"{module}.{cls_name} is not a dataclass")
        rows += [(entity, f"{module}.{cls_name}", f.name, *meaning(f)) for f in fields(cls)]
    return rows


def render_state() -> str:
    """The state variables: one table per entity, read from the dataclasses' fields."""
    out: list[str] = []
    rows = state_rows()
    for cls in dict.fromkeys(r[1] for r in rows):
        entity = next(r[0] for r in rows if r[1] == cls)
        out += [f"**{entity}** — `{cls}`", "",
                "| variable | meaning | type, scale |", "|---|---|---|"]
        out += [f"| `{name}` | {_cell(note) or '*(not described yet)*'} | {_cell(comment) or '—'} |"
                for _, c, name, note, comment in rows if c == cls]
        out.append("")
    return "\n".join(out)


def missing_state_descriptions() -> list[str]:
    """State fields declared without a meaning (`zelflerendestad docs` warns about them)."""
    return [f"{cls}.{name}" for _, cls, name, note, _ in state_rows() if not note]


def render_events() -> str:
    """The intervention events (`config/events.py`): what each does and the keys it takes."""
    out = ["| event | what it does | keys (default, range) | evidence |", "|---|---|---|---|"]
    for event_type in EVENT_TYPES:
        doc = " ".join((inspect.getdoc(event_type) or "").split())
        keys = [f"`{name}`: {_cell(info.description or '')} ({_default_and_range(info)})"
                for name, info in event_fields(event_type).items()]
        out.append(f"| `{event_name(event_type)}` | {_cell(doc)} | "
                   f"{'; '.join(keys) or '—'} | {_cell(event_type.evidence)} |")
    return "\n".join(out) + "\n"


def _default_and_range(info: Any) -> str:
    nested = _models_in(info.annotation)
    if nested:  # a target: its own keys, none of which need be given
        return f"keys {', '.join(nested[0].model_fields)}; none: everyone"
    return f"{'required' if info.is_required() else _fmt(info.default)}, {_range_of(info)}"


def _range_of(info: Any) -> str:
    lo, hi = bounds(info)
    return f"[{'−∞' if lo is None else _fmt(lo)}, {'∞' if hi is None else _fmt(hi)}]"


def render_measures() -> str:
    """The weekly measures (columns of timeseries.parquet) from `measures.MEASURES`."""
    from ..measures import MEASURES

    out = ["| column | meaning |", "|---|---|"]
    out += [f"| `{k}` | {_cell(v)} |" for k, v in MEASURES.items()]
    out += ["| `engaged_share_nbhd_<k>` | Engaged share in neighbourhood *k* (one column per "
            "neighbourhood) |", ""]
    return "\n".join(out)


def render_signs() -> str:
    """The sign table (`signs.EFFECTS`): evidence read from each size parameter's metadata."""
    from ..signs import EFFECTS

    rows = {r.path: r for r in iter_params()}
    out = [f"{len(EFFECTS)} direct effects of {len({e.lever for e in EFFECTS})} levers. Sign: "
           "`+` raises, `-` lowers, `±` depends on the state or parameters named in the "
           "condition. Evidence: the basis of each parameter that sets the size, with the kind "
           "of its value source.", "",
           "| lever | moves | sign | size set by | evidence | condition | equation |",
           "|---|---|---|---|---|---|---|"]
    for e in EFFECTS:
        size = ", ".join(f"`{p}`" for p in e.size) or "—"
        evidence = "; ".join(dict.fromkeys(
            f"{rows[p].basis} ({rows[p].value_kind})" for p in e.size)) or "—"
        out.append("| " + " | ".join(_cell(c) for c in (
            e.lever, e.moves, f"`{e.sign}`", size, evidence, e.condition or "—",
            f"[{e.section}](#{e.section})")) + " |")
    return "\n".join(out) + "\n"


def render_streams() -> str:
    """The named random streams (`rng.STREAMS`)."""
    from ..rng import STREAMS

    return ", ".join(f"`{s}`" for s in STREAMS) + "\n"


PACKAGE_DIR = Path(__file__).resolve().parents[1]


def package_modules() -> list[str]:
    """Dotted names of the package's modules, found on disk (nothing is imported), sorted."""
    names = []
    for file in PACKAGE_DIR.rglob("*.py"):
        parts = file.relative_to(PACKAGE_DIR).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and parts[-1] != "__main__" and not any(p.startswith((".", "_")) for p in parts):
            names.append(".".join(parts))
    return sorted(names)


def _module_file(module: str) -> Path:
    file = PACKAGE_DIR.joinpath(*module.split("."))
    return file / "__init__.py" if file.is_dir() else file.with_suffix(".py")


def _first_doc_line(module: str) -> str:
    file = _module_file(module)
    doc = ast.get_docstring(ast.parse(file.read_text(encoding="utf-8"))) or ""
    return doc.splitlines()[0] if doc else ""


def headings(line: str) -> tuple[str, str] | None:
    """(title, anchor) of a Markdown heading line, honouring an explicit `{#id}`; else None."""
    if not line.startswith("#"):
        return None
    title = line.lstrip("#").strip()
    explicit = re.search(r"\s*\{#([\w-]+)\}\s*$", title)
    if explicit:
        return title[: explicit.start()].strip(), explicit.group(1)
    return title, slug(title)


def _headings_mentioning(text: str, module: str) -> list[tuple[str, str]]:
    """(title, anchor) of the hand-written headings under which `module`'s file is cited."""
    prose = BLOCK_RE.sub("", text)
    file = f"`{_module_file(module).relative_to(PACKAGE_DIR)}`"
    found: list[tuple[str, str]] = []
    heading = None
    for line in prose.splitlines():
        heading = headings(line) or heading
        if file in line and heading and heading not in found:
            found.append(heading)
    return found


def render_code_map(odd_text: str) -> str:
    """Each module of the package, its purpose and where this document describes it."""
    out = ["| module | what it is for (its docstring) | described in |", "|---|---|---|"]
    for module in package_modules():
        where = _headings_mentioning(odd_text, module)
        place = "; ".join(f"[{t}](#{a})" for t, a in where) if where else \
            "**not yet described here**"
        file = _module_file(module).relative_to(PACKAGE_DIR)
        out.append(f"| `{file}` | {_cell(_first_doc_line(module))} | {place} |")
    return "\n".join(out) + "\n"


def slug(heading: str) -> str:
    """The anchor MkDocs' toc extension gives a heading (Python-Markdown's default slugify)."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
