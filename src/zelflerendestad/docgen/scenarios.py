"""The scenario catalogue: every library scenario as a section of docs/scenarios.md.

configs/default.yaml and configs/scenarios/*.yaml (header comments, meta, what differs from
the defaults) + the plot made by docs/scripts/scenario_plots.py + an exercise -> the
`scenarios` block. A library scenario appears by regenerating; its exercise comes from
docs/exercises.yaml when someone has written one, otherwise it is derived from the keys the
scenario sets.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import library
from ..config.loading import load_config
from ..config.params import bounds
from ..config.schema import CityConfig
from .tables import _fmt, iter_params

FIELD_RE = re.compile(r"^#\s(?P<key>[A-Z][\w' ]{0,40}?):\s*(?P<value>.*)$")
OUTCOMES = "`engaged_share`, `trust_government` and `knowledge_code`"


@dataclass
class Scenario:
    """One scenario file as the catalogue shows it."""

    path: Path  # relative to the repository root
    name: str  # meta.name
    slug: str  # file name of its plot: configs/a/b.yaml -> a-b
    description: str
    header: list[tuple[str, str]]
    changes: list[tuple[str, Any, Any]]  # (key path, value, default)
    timeline: list[dict[str, Any]]
    config: CityConfig


PROBES = "probes"  # configs/probes/: sweep specs that record a tuning's target, not scenarios


def scenario_files(root: Path) -> list[Path]:
    """The library's scenarios (configs/default.yaml, then configs/scenarios/), as git has them.

    A file the user added and git does not track (a student's `configs/mine.yaml` or
    `configs/scenarios/mine.yaml`) is not the library's, so it never makes the docs stale; a new
    library scenario appears once it is added to git. Outside a git checkout: every file.
    """
    files = [e.path for e in library.entries(root) if e.kind == "scenario"]
    tracked = _tracked(root)
    return [f for f in files if tracked is None or f.relative_to(root).as_posix() in tracked]


def _tracked(root: Path) -> set[str] | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "configs"],
                              capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return set(done.stdout.split("\0")) - {""}


def read_header(path: Path) -> list[tuple[str, str]]:
    """The opening comment block as (key, text) pairs; indented lines continue a field."""
    fields: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = FIELD_RE.match(line)
        if match:
            fields.append((match.group("key"), match.group("value").strip()))
        elif fields and line.strip("# "):
            key, text = fields[-1]
            fields[-1] = (key, f"{text} {line.lstrip('#').strip()}".strip())
        elif line.strip("# "):
            fields.append(("", line.lstrip("#").strip()))
    return fields


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def differences(cfg: CityConfig) -> list[tuple[str, Any, Any]]:
    """(key path, value, default) of every parameter the scenario sets to a non-default."""
    mine = _flatten(cfg.model_dump(mode="json"))
    base = _flatten(CityConfig().model_dump(mode="json"))
    skip = ("meta.", "interventions")
    return [(k, v, base.get(k)) for k, v in mine.items()
            if not k.startswith(skip) and v != base.get(k)]


def load_scenario(root: Path, path: Path) -> Scenario:
    """Read one scenario file (validated with the same loader the CLI uses)."""
    cfg = load_config(path)
    rel = path.relative_to(root)
    slug = "-".join(path.relative_to(root / "configs").with_suffix("").parts)
    return Scenario(rel, cfg.meta.name, slug, " ".join(cfg.meta.description.split()),
                    read_header(path), differences(cfg),
                    [{"week": e.week, "event": e.event, **e.model_dump(
                        exclude_defaults=True, exclude={"week", "event"})}
                     for e in cfg.interventions], cfg)


def _new_value(path: str, value: Any) -> Any:
    """A value worth trying instead of `value`: a quarter of the range away, inside bounds."""
    row = next((r for r in iter_params() if r.path == path), None)
    if isinstance(value, bool):
        return not value
    if row is None or not isinstance(value, int | float):
        return None
    info = _field_info(path)
    lo, hi = bounds(info)
    lo = 0.0 if lo is None else lo
    hi = (lo + 2 * max(abs(value), 1)) if hi is None else hi
    step = (hi - lo) / 4
    new = value - step if value - lo > hi - value else value + step
    return round(new) if isinstance(value, int) else round(new, 3)


def _field_info(path: str) -> Any:
    model: Any = CityConfig
    parts = path.split(".")
    for part in parts[:-1]:
        model = model.model_fields[part].annotation
    return model.model_fields[parts[-1]]


def auto_exercise(s: Scenario) -> str:
    """An exercise derived from the scenario: change the first key parameter it sets."""
    keys = {r.path for r in iter_params() if r.key}
    candidates = [c for c in s.changes if c[0] in keys] + list(s.changes)
    fallback = ("municipality.vertical_share", s.config.municipality.vertical_share, None)
    path, value, _ = next((c for c in candidates if _new_value(c[0], c[1]) is not None),
                          fallback)
    new = _new_value(path, value)
    copy = s.path.with_name("mine.yaml")
    return (f"Copy `{s.path}` to `{copy}` (same folder, so `extends:` still resolves), set "
            f"`{path}` to {_fmt(new)} (it is {_fmt(value)}), and run both with the same seed. "
            f"Compare {OUTCOMES} in the two `summary.json` files. What changed, and which "
            f"mechanism in the [model description](odd.md#submodels) explains it?")


def load_exercises(root: Path) -> dict[str, str]:
    """Hand-written exercises, keyed by the scenario's plot name (docs/exercises.yaml)."""
    file = root / "docs" / "exercises.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8")) if file.exists() else None
    return {str(k): str(v).strip() for k, v in (data or {}).items()}


def render_scenario(s: Scenario, root: Path, exercise: str | None) -> str:
    """One scenario's section: header, what it changes, timeline, plot, exercise."""
    out = [f"### {s.name}", "", f"`{s.path}` — run it with "
           f"`zelflerendestad run {s.path}`", ""]
    if s.description:
        out += [s.description, ""]
    for key, text in s.header:
        out.append(f"- **{key}:** {text}" if key else f"- {text}")
    if s.header:
        out.append("")
    if s.changes:
        out += ["| changes from the defaults | value | default |", "|---|---|---|"]
        out += [f"| `{k}` | {_fmt(v)} | {_fmt(d)} |" for k, v, d in s.changes]
        out.append("")
    if s.timeline:
        out += ["Interventions: " + "; ".join(
            f"week {e['week']}: `{e['event']}`" + "".join(
                f" {k}={v}" for k, v in e.items() if k not in ("week", "event"))
            for e in s.timeline) + ".", ""]
    image = root / "docs" / "img" / "scenarios" / f"{s.slug}.png"
    if image.exists():
        out += [f"![Main outcomes of {s.name}](img/scenarios/{s.slug}.png)", ""]
    else:
        out += ["*No plot yet: run `make docs-plots`.*", ""]
    out += [f"**Exercise.** {exercise or auto_exercise(s)}", ""]
    return "\n".join(out)


def render_scenarios(root: Path) -> str:
    """The whole catalogue, one section per scenario file."""
    exercises = load_exercises(root)
    scenarios = [load_scenario(root, p) for p in scenario_files(root)]
    head = [f"{len(scenarios)} scenario file(s) in `configs/`. Each section is generated from "
            "the file itself (its header comments, its `meta.description` and what it sets "
            "differently from the defaults).", ""]
    return "\n".join(head + [render_scenario(s, root, exercises.get(s.slug))
                             for s in scenarios])
