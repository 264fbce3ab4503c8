"""The sweep spec: which runs a sweep makes, read from YAML and checked as carefully as a config.

spec YAML -> `load_spec()` -> `LoadedSpec` (the checked spec, the resolved base config and one
`Factor` per varied parameter) -> `plan.build_plan()`.

Every mistake becomes a `config.loading.Problem` with the spec's key path, the value given, what
is allowed and a did-you-mean, and all of them are raised at once in one `ConfigError`, so the
CLI reports a bad spec exactly as it reports a bad config (exit 2, no traceback).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import library
from ..config.loading import (
    ConfigError,
    Problem,
    extends_target,
    problems_from,
    read_yaml,
    resolve_raw,
)
from ..config.schema import CityConfig
from .design import MAX_POINTS, Factor, design_size


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class DesignSpec(_Strict):
    """How points are chosen from the parameters."""

    type: Literal["grid", "lhs", "sobol", "morris"] = Field(
        "grid", description="grid: full factorial; lhs: Latin hypercube; sobol: Saltelli/Sobol "
        "sequence for Sobol indices; morris: elementary-effects trajectories")
    samples: int | None = Field(None, ge=1, le=10_000_000, description=(
        "lhs: number of points; sobol: base sample N (a power of 2); morris: trajectories"))
    second_order: bool = Field(False, description="sobol: also second-order indices")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels")
    groups: dict[str, list[str]] | None = Field(None, description=(
        "sobol: group name -> varied parameters that move together and get one index "
        "(a parameter in no group is a group of its own)"))

    @model_validator(mode="after")
    def _samples_fit_type(self) -> DesignSpec:
        if self.type == "grid" and self.samples is not None:
            raise ValueError("a grid takes every combination; remove `samples` or choose "
                             "lhs, sobol or morris")
        if self.type != "grid" and self.samples is None:
            raise ValueError(f"design type {self.type} needs `samples`")
        if self.type == "sobol" and self.samples & (self.samples - 1):
            low = 1 << (self.samples.bit_length() - 1)
            raise ValueError(f"sobol needs `samples` to be a power of 2 (try {low} or "
                             f"{low * 2})")
        if self.groups is not None and self.type != "sobol":
            raise ValueError(f"`groups` are for sobol designs, not {self.type}; remove them "
                             "or choose type: sobol")
        return self


class OutputSpec(_Strict):
    """What each run keeps besides its summary row."""

    timeseries: bool = Field(False, description="Also keep the weekly time series")
    measures: list[str] | None = Field(None, description="Time-series columns to keep "
                                       "(default: all)")


class AnalysisSpec(_Strict):
    """Choices for `zelflerendestad analyze`; they do not change the runs."""

    outcomes: list[str] | None = Field(None, description="Summary outcomes to analyse")
    x: str | None = Field(None, description="Parameter on the x axis of line plots")
    hue: str | None = Field(None, description="Parameter drawn as separate lines")
    facet: str | None = Field(None, description="Parameter drawn as separate panels")
    fan_measures: list[str] | None = Field(None, description="Time series for fan charts")
    fan_points: int = Field(6, ge=1, le=48, description="How many points get a fan chart")
    fan_select: dict[str, list[Any]] | None = Field(
        None, description="Only points with these parameter values get fan charts")


class SweepSpec(_Strict):
    """A whole sweep: base config, what varies, how, how often, and what to keep."""

    name: str = Field(..., min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                      description="Name of the sweep (used for the default output folder "
                      "results/sweeps/<name>): letters, digits, _ . -, starting with a letter "
                      "or digit")
    description: str = ""
    base: str = Field(..., description="Base scenario, relative to the spec file (or a "
                      "library file such as default.yaml)")
    weeks: int | None = Field(None, ge=1, le=100_000, description="Weeks per run "
                              "(default: the base config's run.weeks)")
    seed: int = Field(1, ge=0, le=2**63 - 1, description="Root seed; replication seeds "
                      "derive from it")
    replications: int = Field(1, ge=1, le=100_000, description="Runs per point")
    design: DesignSpec = Field(default_factory=DesignSpec)
    parameters: dict[str, Any] = Field(..., min_length=1, description="What varies")
    fixed: dict[str, Any] = Field(default_factory=dict, description="Overrides for every run")
    outputs: OutputSpec = Field(default_factory=OutputSpec)
    analysis: AnalysisSpec = Field(default_factory=AnalysisSpec)


@dataclass
class LoadedSpec:
    """A checked spec with everything a plan needs."""

    spec: SweepSpec
    file: Path
    base_file: Path
    base_raw: dict[str, Any]
    factors: list[Factor]

    def fixed_overrides(self) -> dict[str, Any]:
        """Overrides for every run: `fixed:` plus `weeks:`."""
        out = dict(self.spec.fixed)
        if self.spec.weeks is not None:
            out["run.weeks"] = self.spec.weeks
        return out


def load_spec(path: str | Path) -> LoadedSpec:
    """Read and check a sweep spec; raise one `ConfigError` listing every problem."""
    path = library.resolve(Path(path), "sweep")
    raw = read_yaml(path)
    try:
        spec = SweepSpec.model_validate(raw, strict=True)
    except ValidationError as exc:
        found = problems_from(exc, SweepSpec, str(path))
        params = raw.get("parameters")
        for name, value in params.items() if isinstance(params, dict) else ():
            if not (isinstance(value, dict) and "levels" in value):
                problem = check_key_path(str(name), f"parameters.{name}", str(path))[0]
                found += [problem] if problem else []
        raise ConfigError(found, f"invalid sweep spec {path}") from None
    problems: list[Problem] = []
    base_file = extends_target(path, spec.base)  # falls back to the library
    try:
        base_raw, _ = resolve_raw(base_file)
        base_file = base_file.resolve()
    except ConfigError as exc:
        problems.append(Problem("base", "cannot use the base config: "
                                + exc.problems[0].message, spec.base, file=str(path)))
        base_raw = {}
    factors = []
    for name, value in spec.parameters.items():
        factor = _factor(name, value, spec.design.type, problems, str(path))
        if factor is not None:
            factors.append(factor)
    for key in spec.fixed:
        problem = check_key_path(key, f"fixed.{key}", str(path))[0]
        problems += [problem] if problem else []
    problems += _check_set_once(spec, factors, str(path))
    problems += _check_groups(spec, [f.name for f in factors], str(path))
    problems += _check_analysis(spec, [f.name for f in factors], str(path))
    if not problems:
        problems += _check_size(spec, factors, str(path))
    if problems:
        raise ConfigError(problems, f"invalid sweep spec {path}")
    return LoadedSpec(spec, path, base_file, base_raw, factors)


def check_key_path(key: str, where: str, file: str) -> tuple[Problem | None, Any]:
    """Check that `key` (e.g. `municipality.vertical_share`) names a config field.

    Returns:
        (problem or None, the field's annotation or None).
    """
    model: Any = CityConfig
    parts = key.split(".")
    for i, part in enumerate(parts):
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            known = list(fields or [])
            prefix = ".".join(parts[:i])
            close = difflib.get_close_matches(part, known, n=1, cutoff=0.5)
            hint = (f"{prefix}.{close[0]}" if prefix else close[0]) if close else None
            what = f"`{prefix}` has no key `{part}`" if prefix else f"no config section `{part}`"
            return Problem(where, f"unknown config key path: {what}",
                           allowed=", ".join(known) or None, suggestion=hint, file=file), None
        info = fields[part]
        model = info.annotation
    return None, model


def _factor(name: str, value: Any, design: str, problems: list[Problem],
            file: str) -> Factor | None:
    where = f"parameters.{name}"
    if isinstance(value, dict) and "levels" in value:
        return _levels_factor(name, value, problems, file)
    problem, annotation = check_key_path(name, where, file)
    if problem:
        problems.append(problem)
        return None
    integer = annotation is int
    if isinstance(value, list):
        if not value:
            problems.append(Problem(where, "the list of values is empty", value, file=file))
            return None
        return Factor(name, "values", values=tuple(value), integer=integer)
    if isinstance(value, dict) and "range" in value:
        return _range_factor(name, value, design, integer, problems, file)
    problems.append(Problem(
        where, "cannot tell how this parameter varies", value,
        allowed="a list of values, {range: [low, high], steps: n} or {levels: {name: "
        "{key.path: value, ...}}}", file=file))
    return None


def _range_factor(name: str, value: dict, design: str, integer: bool,
                  problems: list[Problem], file: str) -> Factor | None:
    where = f"parameters.{name}"
    extra = sorted(set(value) - {"range", "steps"})
    if extra:
        close = difflib.get_close_matches(extra[0], ["range", "steps"], n=1, cutoff=0.5)
        problems.append(Problem(f"{where}.{extra[0]}", "unknown key", allowed="range, steps",
                                suggestion=f"{where}.{close[0]}" if close else None, file=file))
        return None
    rng = value["range"]
    ok = (isinstance(rng, list) and len(rng) == 2 and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in rng) and rng[0] < rng[1])
    if not ok:
        problems.append(Problem(f"{where}.range", "expected two numbers, low < high", rng,
                                allowed="[low, high]", file=file))
        return None
    steps = value.get("steps")
    if design == "grid" and not (isinstance(steps, int) and steps >= 2):
        problems.append(Problem(f"{where}.steps", "a grid needs the number of steps (>= 2) "
                                "for a range", steps, allowed="an integer >= 2", file=file))
        return None
    if design != "grid" and steps is not None:
        problems.append(Problem(f"{where}.steps", f"a {design} design samples the whole range; "
                                "`steps` is only for grids", steps, file=file))
        return None
    return Factor(name, "range", low=float(rng[0]), high=float(rng[1]), steps=steps,
                  integer=integer)


def _levels_factor(name: str, value: dict, problems: list[Problem],
                   file: str) -> Factor | None:
    where = f"parameters.{name}"
    levels = value["levels"]
    if set(value) != {"levels"}:
        problems.append(Problem(where, "a factor with levels takes only `levels`",
                                allowed="levels", file=file))
        return None
    if not isinstance(levels, dict) or not levels or not all(
            isinstance(v, dict | None) for v in levels.values()):
        problems.append(Problem(f"{where}.levels", "expected named levels, each a mapping of "
                                "key paths to values", levels,
                                allowed="{none: {}, some: {key.path: value}}", file=file))
        return None
    clean = {}
    for level, overrides in levels.items():
        clean[str(level)] = dict(overrides or {})
        for key in clean[str(level)]:
            problem = check_key_path(key, f"{where}.levels.{level}.{key}", file)[0]
            problems += [problem] if problem else []
    return Factor(name, "levels", values=tuple(clean), level_overrides=clean)


def _check_size(spec: SweepSpec, factors: list[Factor], file: str) -> list[Problem]:
    """Refuse a design too large to plan before a single point is made (`steps: 1e15`)."""
    d = spec.design
    points = design_size(factors, d.type, d.samples, d.second_order, d.groups)
    if points * spec.replications <= MAX_POINTS:
        return []
    return [Problem("design" if d.type != "grid" else "parameters",
                    f"the design has {points:,} points x {spec.replications} replications; "
                    f"at most {MAX_POINTS:,} runs fit one sweep", allowed="fewer steps, "
                    "samples or replications, or several sweeps", file=file)]


SEED_KEY = "run.seed"


def _sets(key: str, value: Any, target: str) -> bool:
    """True if the override `key: value` sets the config key path `target`."""
    if key == target:
        return True
    if not target.startswith(key + "."):
        return False
    for part in target.removeprefix(key + ".").split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def _overrides(spec: SweepSpec, factors: list[Factor]) -> list[tuple[str, str, Any]]:
    """(where in the spec, key path, value) of everything the spec sets in the configs."""
    out = [(f"fixed.{k}", k, v) for k, v in spec.fixed.items()]
    if spec.weeks is not None:
        out.append(("weeks", "run.weeks", spec.weeks))
    for f in factors:
        if f.kind == "levels":
            out += [(f"parameters.{f.name}.levels.{level}.{k}", k, v)
                    for level, o in f.level_overrides.items() for k, v in o.items()]
        else:
            merged = {k: v for val in f.values if isinstance(val, dict) for k, v in val.items()}
            out.append((f"parameters.{f.name}", f.name, merged or None))
    return out


def _check_set_once(spec: SweepSpec, factors: list[Factor], file: str) -> list[Problem]:
    """Refuse settings that would silently have no effect: the seed, and a key set twice."""
    sets = _overrides(spec, factors)
    seeds = [(where, key, value) for where, key, value in sets if _sets(key, value, SEED_KEY)]
    out = [Problem(where, "a sweep does not take run.seed: each run's seed comes from the "
                   "spec's `seed` and `replications` (replication r has the same seed at "
                   "every point, so points differ by their parameters, not by chance)",
                   allowed="remove it here; use `replications: n` for n seeds per point, "
                   "`seed: s` for another set of seeds", file=file)
           for where, _, _ in seeds]
    sets = [s for s in sets if s not in seeds]
    for i, (where, key, value) in enumerate(sets):
        for other, key2, value2 in sets[i + 1:]:
            same_factor = where.split(".levels.")[0] == other.split(".levels.")[0]
            if not same_factor and (_sets(key, value, key2) or _sets(key2, value2, key)):
                out.append(Problem(other, f"`{key2}` is also set at {where}; only one of them "
                                   "would take effect", allowed="set each key in one place",
                                   file=file))
    return out


def _check_groups(spec: SweepSpec, names: list[str], file: str) -> list[Problem]:
    """Every group member is a varied parameter, in one group only; no group is empty."""
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for group, members in (spec.design.groups or {}).items():
        where = f"design.groups.{group}"
        if not members:
            out.append(Problem(where, "the group is empty", members,
                               allowed="a list of varied parameters", file=file))
        if group in names and members != [group]:
            out.append(Problem(where, "a group cannot be named after a varied parameter that "
                               "is not its only member", group,
                               suggestion=f"{group.rsplit('.', 1)[-1]}_group", file=file))
        for name in members:
            if name not in names:
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
                out.append(Problem(where, "not one of the varied parameters", name,
                                   allowed="a key under `parameters:`",
                                   suggestion=close[0] if close else None, file=file))
            elif name in seen:
                out.append(Problem(where, f"`{name}` is already in group `{seen[name]}`; a "
                                   "parameter belongs to one group", name,
                                   allowed="list it in one group only", file=file))
            else:
                seen[name] = group
    return out


def _check_analysis(spec: SweepSpec, names: list[str], file: str) -> list[Problem]:
    out = []
    checks = [(key, getattr(spec.analysis, key)) for key in ("x", "hue", "facet")]
    checks += [(f"fan_select.{k}", k) for k in spec.analysis.fan_select or {}]
    for key, value in checks:
        if value is not None and value not in names:
            close = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
            out.append(Problem(f"analysis.{key}", "not one of the varied parameters", value,
                               allowed=", ".join(names), suggestion=close[0] if close else None,
                               file=file))
    return out
