"""The plan: every run of a sweep, numbered, each with a validated config and its seed.

LoadedSpec -> `build_plan()` -> `Plan` -> `Plan.tasks(run_ids)` -> runner.

Run `r` is replication `r % R` of point `r // R`, so run ids are fixed by the spec and a resumed
sweep knows exactly what is missing. Replication seeds are the children of
`SeedSequence(root_seed)` and are the same at every point (common random numbers): differences
between points are not seed noise. Every point is validated before any run starts, so a value
out of bounds is a spec error (exit 2), not a thousand failed runs.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa

from ..config.loading import ConfigError, Problem, apply_overrides, validate_mapping
from ..config.schema import CityConfig
from .design import Design, make_design
from .runner import RunTask
from .spec import LoadedSpec

MAX_PROBLEMS = 10


def replication_seeds(root_seed: int, replications: int) -> list[int]:
    """One seed per replication: children of `SeedSequence(root_seed)`, as 63-bit integers."""
    children = np.random.SeedSequence(root_seed).spawn(replications)
    return [int(c.generate_state(1, np.uint64)[0] >> np.uint64(1)) for c in children]


def _set(raw: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    return apply_overrides(raw, [f"{k}={json.dumps(v)}" for k, v in overrides.items()])


def _read(config: CityConfig, key: str) -> Any:
    value: Any = config
    for part in key.split("."):
        value = getattr(value, part)
    return value


@dataclass
class Plan:
    """All runs of one sweep."""

    loaded: LoadedSpec
    design: Design
    seeds: list[int]
    columns: list[dict[str, Any]]
    base: CityConfig
    _configs: Any = field(default=None, repr=False)

    @property
    def replications(self) -> int:
        """Runs per point."""
        return len(self.seeds)

    @property
    def n_points(self) -> int:
        """Number of parameter points."""
        return len(self.design.points)

    @property
    def n_runs(self) -> int:
        """Points times replications."""
        return self.n_points * self.replications

    def locate(self, run_id: int) -> tuple[int, int]:
        """(point id, replication) of a run."""
        return divmod(run_id, self.replications)

    def config(self, point_id: int) -> CityConfig:
        """The validated config of a point (a few recent ones are cached)."""
        if self._configs is None:
            self._configs = lru_cache(maxsize=64)(self._build_config)
        return self._configs(point_id)

    def _build_config(self, point_id: int) -> CityConfig:
        return validate_mapping(self.raw_config(point_id), file=str(self.loaded.file))

    def raw_config(self, point_id: int) -> dict[str, Any]:
        """The point's config mapping before validation: base, then fixed, then the factors."""
        raw = _set(copy.deepcopy(self.loaded.base_raw), self.loaded.fixed_overrides())
        point = self.design.points[point_id]
        for f in self.loaded.factors:
            raw = _set(raw, f.overrides(point[f.name]))
        return raw

    def tasks(self, run_ids: list[int]) -> Iterator[RunTask]:
        """Tasks for the given runs, built lazily (memory stays flat for long sweeps)."""
        out = self.loaded.spec.outputs
        measures = tuple(out.measures) if out.measures else None
        for run_id in run_ids:
            point_id, rep = self.locate(run_id)
            yield RunTask(run_id, point_id, rep, self.seeds[rep], self.config(point_id),
                          self.columns[point_id], out.timeseries, measures)

    def points_table(self) -> pa.Table:
        """One row per point: id, the varied parameters, and SALib's raw sample if any."""
        data: dict[str, Any] = {"point_id": list(range(self.n_points))}
        for f in self.loaded.factors:
            data[f.name] = [c[f.name] for c in self.columns]
        if self.design.matrix is not None:
            for j, f in enumerate(self.loaded.factors):
                data[f"x:{f.name}"] = self.design.matrix[:, j]
        return pa.table(data)

    def spec_hash(self) -> str:
        """Fingerprint of everything that decides the runs' results (not the analysis)."""
        spec = self.loaded.spec.model_dump(mode="json", exclude={"analysis", "description"})
        blob = json.dumps({"spec": spec, "base": self.base.model_dump(mode="json")},
                          sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()


def build_plan(loaded: LoadedSpec) -> Plan:
    """Make the design, validate every point and derive the seeds; raise `ConfigError`."""
    s = loaded.spec
    design = make_design(loaded.factors, s.design.type, s.seed, s.design.samples,
                         s.design.second_order, s.design.levels, s.design.groups)
    file = str(loaded.file)
    try:
        base = validate_mapping(_set(copy.deepcopy(loaded.base_raw), loaded.fixed_overrides()),
                                file=file)
    except ConfigError as exc:
        raise ConfigError([_refile(p, "base/fixed", file) for p in exc.problems],
                          f"invalid sweep spec {file}") from None
    plan = Plan(loaded, design, replication_seeds(s.seed, s.replications), [], base)
    problems: dict[tuple, Problem] = {}
    failing = 0
    for pid, point in enumerate(design.points):
        try:
            config = plan.config(pid)
        except ConfigError as exc:
            failing += 1
            for p in exc.problems:
                q = _refile(p, _owner(p.path, loaded), file, pid, point)
                problems.setdefault((q.path, p.message, repr(p.value)), q)
            continue
        if config.record.every > 0:  # run_one would stream snapshots nobody collects
            failing += 1
            where = _owner("record.every", loaded)
            where = "base" if where == "parameters" else where
            problems.setdefault(("record.every",), Problem(
                where, f"record.every is {config.record.every}: a sweep keeps summaries and "
                "weekly time series, not per-resident snapshots", config.record.every,
                allowed="record.every: 0 (add it to `fixed:`), or single runs with "
                "`zelflerendestad run` for snapshots", file=file))
            continue
        plan.columns.append({f.name: point[f.name] if f.kind == "levels" else _read(
            config, f.name) for f in loaded.factors})
    if problems:
        shown = list(problems.values())[:MAX_PROBLEMS]
        raise ConfigError(shown, f"invalid sweep spec {file}: {failing} of "
                          f"{len(design.points)} points are not valid configs")
    return plan


def _owner(path: str, loaded: LoadedSpec) -> str:
    for f in loaded.factors:
        keys = [f.name] if f.kind != "levels" else list(
            {k for o in f.level_overrides.values() for k in o})
        if any(path == k or path.startswith(k + ".") for k in keys):
            return f"parameters.{f.name}"
    for key in loaded.spec.fixed:
        if path == key or path.startswith(key + "."):
            return f"fixed.{key}"
    return "parameters"


def _refile(p: Problem, where: str, file: str, pid: int | None = None,
            point: dict | None = None) -> Problem:
    at = "" if pid is None else f" (point {pid}: " + ", ".join(
        f"{k}={v}" for k, v in (point or {}).items()) + ")"
    what = p.message if where.endswith(p.path) else f"{p.path or '(config)'}: {p.message}"
    return Problem(where, f"{what}{at}", p.value, p.allowed, p.suggestion, file=file)
