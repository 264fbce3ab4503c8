"""The calibration spec: free parameters, probes (configs with arms) and patterns with bands.

spec YAML -> `load_spec()` -> `CalibrationSpec` (checked) -> engine. Mistakes are reported like
a bad config: one `ConfigError` with the spec's key path, the value, what is allowed and a
did-you-mean, so the command exits 2 without a traceback.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..config.loading import ConfigError, Problem, problems_from, read_yaml, resolve_raw
from ..sweeps.spec import check_key_path
from .measures import MEASURES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Repeat(_Strict):
    """An event fired every `every` weeks from week `start` to the end of the run."""

    event: str
    every: int = Field(..., ge=1)
    start: int = Field(0, ge=0)
    value: float | None = None


class Arm(_Strict):
    """One condition of a probe: config overrides plus repeated events."""

    config: dict[str, Any] = Field(default_factory=dict)
    repeat: list[Repeat] = Field(default_factory=list)


class Probe(_Strict):
    """A situation the model is put in (config on top of the base) and its conditions (arms).

    Probes run in `stage` order; a later stage runs only at points that passed every
    calibration pattern of the earlier ones (rejection needs only one failure), so cheap probes
    go first.
    """

    description: str = ""
    stage: int = Field(1, ge=1, le=10)
    config: dict[str, Any] = Field(default_factory=dict)
    replications: int = Field(2, ge=1, le=10_000)
    arms: dict[str, Arm] = Field(..., min_length=1)


class Test(_Strict):
    """How a pattern's statistic is judged against its band.

    greater: stat(arm) > stat(than) + margin (`than` an arm name or a number);
    ratio: stat(arm) / stat(than) within `band`;
    within: stat(arm) within `band`.
    """

    kind: Literal["greater", "ratio", "within"]
    arm: str
    than: str | float | None = None
    margin: float = 0.0
    band: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _complete(self) -> Test:
        if self.kind in ("greater", "ratio") and self.than is None:
            raise ValueError(f"a `{self.kind}` test needs `than` (an arm or a number)")
        if self.kind in ("ratio", "within") and self.band is None:
            raise ValueError(f"a `{self.kind}` test needs `band: [low, high]`")
        if self.band is not None and self.band[0] > self.band[1]:
            raise ValueError("band must be [low, high] with low <= high")
        return self


class DesignShare(_Strict):
    """A pattern about the whole design: the share of points passing `test` lies in `band`."""

    band: tuple[float, float]


class Pattern(_Strict):
    """One published empirical pattern with its acceptance band, citation and probe."""

    id: str = Field(..., pattern=r"^[a-z0-9_]+$")
    title: str
    citation: str
    finding: str = Field(..., description="What the source reports, as far as we confirmed it")
    confirmed: str = Field(..., description="What we could and could not confirm, and where")
    band_basis: str = Field(..., description="Why the band is what it is")
    use: Literal["calibrate", "held_out", "design"]
    probe: str
    measure: str
    test: Test
    design_share: DesignShare | None = None

    @model_validator(mode="after")
    def _design(self) -> Pattern:
        if (self.use == "design") != (self.design_share is not None):
            raise ValueError("`use: design` and `design_share` go together")
        return self


class NotProbed(_Strict):
    """A pattern from the literature the model cannot probe yet, and the knob it lacks."""

    title: str
    citation: str
    reason: str


class Free(_Strict):
    """A free parameter whose prior the spec narrows (a range or a subset of choices), why."""

    name: str
    prior: tuple[float, float] | list[str] = Field(..., min_length=1)
    why: str = Field(..., min_length=10)


class Design(_Strict):
    """The space-filling design over the free parameters."""

    type: Literal["lhs", "sobol"] = "lhs"
    samples: int = Field(..., ge=1, le=1_000_000)


class Reduced(_Strict):
    """The small version for `make test`: fewer points, a smaller city, fewer weeks."""

    samples: int = Field(..., ge=1)
    replications: int = Field(1, ge=1)
    residents: int = Field(..., ge=10)
    weeks: int = Field(..., ge=1)


class CalibrationSpec(_Strict):
    """A whole calibration."""

    name: str = Field(..., pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    base: str
    seed: int = Field(1, ge=0)
    design: Design
    free: list[str | Free] = Field(..., min_length=1, description="Key paths of the free "
                                   "parameters (prior: the schema's bounds or choices), or "
                                   "{name, prior, why} to narrow a prior inside those bounds")
    probes: dict[str, Probe] = Field(..., min_length=1)
    patterns: list[Pattern] = Field(..., min_length=1)
    not_probed: list[NotProbed] = Field(default_factory=list)
    reduced: Reduced | None = None

    @property
    def free_names(self) -> list[str]:
        """Key paths of the free parameters, in order."""
        return [f if isinstance(f, str) else f.name for f in self.free]

    @property
    def narrowed(self) -> dict[str, Free]:
        """The free parameters whose prior the spec narrows."""
        return {f.name: f for f in self.free if isinstance(f, Free)}

    def reduce(self) -> CalibrationSpec:
        """The reduced spec: same probes and patterns, a few points in a small, short city."""
        if self.reduced is None:
            return self
        r = self.reduced
        probes = {}
        for name, p in self.probes.items():
            cfg = {**p.config, "run": {**p.config.get("run", {}), "weeks": min(
                r.weeks, p.config.get("run", {}).get("weeks", r.weeks))}}
            residents = p.config.get("city", {}).get("residents", r.residents)
            cfg["city"] = {**p.config.get("city", {}), "residents": min(residents, r.residents)}
            probes[name] = p.model_copy(update={"config": cfg, "replications": min(
                p.replications, r.replications)})
        return self.model_copy(update={"design": self.design.model_copy(
            update={"samples": r.samples}), "probes": probes, "name": self.name + "-reduced"})


def load_spec(path: str | Path) -> tuple[CalibrationSpec, dict[str, Any], Path]:
    """Read and check a spec; return it, the resolved base config mapping and its file."""
    path = Path(path)
    raw = read_yaml(path)
    try:
        spec = CalibrationSpec.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(problems_from(exc, CalibrationSpec, str(path)),
                          f"invalid calibration spec {path}") from None
    problems: list[Problem] = []
    base_file = (path.parent / spec.base).resolve()
    try:
        base_raw, _ = resolve_raw(base_file)
    except ConfigError as exc:
        problems.append(Problem("base", "cannot use the base config: "
                                + exc.problems[0].message, spec.base, file=str(path)))
        base_raw = {}
    for i, key in enumerate(spec.free_names):
        problem = check_key_path(key, f"free[{i}]", str(path))[0]
        problems += [problem] if problem else []
    problems += _check_patterns(spec, str(path))
    if problems:
        raise ConfigError(problems, f"invalid calibration spec {path}")
    return spec, base_raw, base_file


def _choice(where: str, value: str, known: list[str], what: str, file: str) -> Problem | None:
    if value in known:
        return None
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return Problem(where, f"no such {what}", value, allowed=", ".join(known),
                   suggestion=close[0] if close else None, file=file)


def _check_patterns(spec: CalibrationSpec, file: str) -> list[Problem]:
    out: list[Problem | None] = []
    held = [p.id for p in spec.patterns if p.use == "held_out"]
    if len(held) > 1:
        out.append(Problem("patterns", "at most one pattern is held out", held, file=file))
    ids = [p.id for p in spec.patterns]
    for pid in {i for i in ids if ids.count(i) > 1}:
        out.append(Problem("patterns", "pattern ids must be unique", pid, file=file))
    for i, p in enumerate(spec.patterns):
        where = f"patterns[{i}]"
        out.append(_choice(f"{where}.probe", p.probe, list(spec.probes), "probe", file))
        out.append(_choice(f"{where}.measure", p.measure, list(MEASURES), "measure", file))
        arms = list(spec.probes[p.probe].arms) if p.probe in spec.probes else []
        if arms:
            out.append(_choice(f"{where}.test.arm", p.test.arm, arms, "arm", file))
            if isinstance(p.test.than, str):
                out.append(_choice(f"{where}.test.than", p.test.than, arms, "arm", file))
    return [p for p in out if p is not None]
