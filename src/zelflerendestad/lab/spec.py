"""The experiment spec: arms, phases, groups and outcomes, checked as carefully as a config.

An arm is a list of events, each placed at the start of a phase (plus an optional offset), and
optionally config overrides (`set`). Arms without overrides share one burn-in, branched by
`copy.deepcopy` (paired by construction: up to the branch the arms are the same city, and the
copy continues bit for bit). Arms with overrides are different cities, built from the same seed
(paired by common random numbers only). Groups (treated, control, ...) are targets resolved once
at the branch point, the same in every arm; an event may target a group by name.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..config.events import Target, parse_event
from ..config.loading import (
    ConfigError,
    Problem,
    problems_from,
    read_yaml,
    resolve_raw,
    validate_mapping,
)
from ..config.schema import CityConfig

# Per group per week (`runner.outcomes`): shares of the group, mean motivation and felt control,
# and free-riding and the mean contribution among the group's active commons members.
OUTCOMES = ("engaged", "active", "motivation", "felt_control", "member", "contributed",
            "free_riding", "contribution")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Phase(_Strict):
    """One phase after the burn-in: baseline, treatment, removal, ..."""

    name: str = Field(..., description="Phase name, e.g. baseline, treatment, removal")
    weeks: int = Field(..., ge=1, le=5200, description="How long the phase lasts")


class ArmEvent(_Strict):
    """An event of an arm: fired at the end of the week before its phase starts (+ offset)."""

    model_config = ConfigDict(extra="allow")  # the event's own keys, checked by parse_event
    phase: str = Field(..., description="The phase at whose start the event fires")
    offset: int = Field(0, ge=0, description="Weeks after the phase start")
    every: int | None = Field(None, ge=1, description=(
        "Fire again every this many weeks until the experiment ends (none: once); e.g. rules "
        "imposed on commons organised since"))
    group: str | None = Field(None, description="Target this group (resolved at the branch)")


class Arm(_Strict):
    """One arm: its events and, for arms in different cities, its config overrides."""

    events: list[ArmEvent] = Field(default_factory=list, description="Events of this arm")
    set: dict[str, Any] = Field(default_factory=dict, description=(
        "Config overrides (key path -> value): a different city, not a branch"))


class ExperimentSpec(_Strict):
    """A whole design."""

    name: str = Field(..., description="Experiment name (output folder)")
    description: str = Field("", description="What it tests")
    config: str | None = Field(None, description="Base config YAML, relative to the spec")
    set: dict[str, Any] = Field(default_factory=dict, description="Overrides of the base config")
    seeds: list[int] = Field(..., min_length=2, description="Seeds: one paired replicate each")
    burn_in: int = Field(0, ge=0, le=5200, description="Weeks shared by all branched arms")
    phases: list[Phase] = Field(..., min_length=1, description="Phases after the burn-in")
    groups: dict[str, Target] = Field(default_factory=lambda: {"city": Target()},
                                      description="Groups outcomes are read for")
    arms: dict[str, Arm] = Field(..., min_length=2, description="Arms; the first is the "
                                 "reference the others are compared with")
    outcomes: list[Literal[OUTCOMES]] = Field(list(OUTCOMES), description="Outcomes per group")

    @model_validator(mode="after")
    def _names_exist(self) -> ExperimentSpec:
        phases = [p.name for p in self.phases]
        for arm, a in self.arms.items():
            for k, e in enumerate(a.events):
                if e.phase not in phases:
                    raise ValueError(f"arms.{arm}.events.{k}.phase {e.phase!r}: phases are "
                                     f"{phases}")
                if e.group is not None and e.group not in self.groups:
                    raise ValueError(f"arms.{arm}.events.{k}.group {e.group!r}: groups are "
                                     f"{list(self.groups)}")
        return self

    def phase_start(self, name: str) -> int:
        """Week at whose end the phase's events fire (the phase runs the weeks after it)."""
        start = self.burn_in
        for p in self.phases:
            if p.name == name:
                return start
            start += p.weeks
        raise KeyError(name)

    @property
    def weeks(self) -> int:
        """The last week of the experiment."""
        return self.burn_in + sum(p.weeks for p in self.phases)

    def phase_of(self, week: int) -> str:
        """The phase a week belongs to ('burn_in' before the first)."""
        end = self.burn_in
        if week <= end:
            return "burn_in"
        for p in self.phases:
            end += p.weeks
            if week <= end:
                return p.name
        return self.phases[-1].name


def event_data(spec: ExperimentSpec, e: ArmEvent) -> list[dict[str, Any]]:
    """The event as timeline entries, one per week it fires (group target left to the runner)."""
    keys = {k: v for k, v in e.model_dump().items()
            if k not in ("phase", "offset", "every", "group")}
    first = spec.phase_start(e.phase) + e.offset
    weeks = [first] if e.every is None else range(first, spec.weeks, e.every)
    return [{**keys, "week": w} for w in weeks]


def with_overrides(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """A copy of a raw config mapping with dotted-key overrides set (values kept as given)."""
    data = copy.deepcopy(base)
    for dotted, value in overrides.items():
        node = data
        *head, last = dotted.split(".")
        for k in head:
            if not isinstance(node.get(k), dict):
                node[k] = {}
            node = node[k]
        node[last] = value
    return data


def load_experiment(path: Path) -> tuple[ExperimentSpec, dict[str, CityConfig]]:
    """The checked spec and each arm's validated config (all problems raised at once)."""
    path = Path(path)
    raw = read_yaml(path)
    try:
        spec = ExperimentSpec.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(problems_from(exc, ExperimentSpec, str(path)),
                          header=f"invalid experiment spec {path}") from None
    base: dict[str, Any] = {}
    if spec.config:
        base, _ = resolve_raw((path.parent / spec.config).resolve())
    base = with_overrides(base, spec.set)
    configs, problems = {}, []
    for arm, a in spec.arms.items():
        try:
            configs[arm] = validate_mapping(with_overrides(base, a.set),
                                            file=f"{path} (arm {arm})")
        except ConfigError as exc:
            problems += exc.problems
        for k, e in enumerate(a.events):
            try:
                parse_event(event_data(spec, e)[0])
            except ValidationError as exc:
                problems += [Problem(f"arms.{arm}.events.{k}.{'.'.join(map(str, err['loc']))}",
                                     err["msg"], err.get("input"), file=str(path))
                             for err in exc.errors()]
    if problems:
        raise ConfigError(problems, header=f"invalid experiment spec {path}")
    return spec, configs

