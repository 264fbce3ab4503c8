"""Probe runs: a design point put in a probe's situation and arm, run, and measured.

(point, probe, arm, replication) -> `probe_config()` (base, then the probe's config, then the
arm's, then the free parameters' values) -> `run_probe()` -> the components of every measure the
probe's patterns ask for. The free parameters go last, so a probe sets the situation (city size,
network, rules, programmes) and never the behaviour being calibrated.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from ..config.loading import apply_overrides, deep_merge, validate_mapping
from ..config.schema import CityConfig
from ..run.runner import run_one
from .measures import MEASURES
from .spec import Arm


@dataclass(frozen=True)
class ProbeTask:
    """One run to do."""

    run_id: int
    point_id: int
    probe: str
    arm: str
    replication: int
    seed: int
    config: CityConfig
    measures: tuple[str, ...]


def expand_repeats(arm: Arm, weeks: int) -> list[dict[str, Any]]:
    """The arm's repeated events as a plain interventions list up to `weeks`."""
    events = []
    for r in arm.repeat:
        for week in range(r.start, weeks + 1, r.every):
            events.append({"week": week, "event": r.event,
                           **({} if r.value is None else {"value": r.value})})
    return events


def probe_raw(base_raw: dict[str, Any], probe_config: dict[str, Any], arm: Arm,
              point: dict[str, Any]) -> dict[str, Any]:
    """The run's config mapping before validation."""
    raw = deep_merge(deep_merge(copy.deepcopy(base_raw), probe_config), arm.config)
    raw = apply_overrides(raw, [f"{k}={json.dumps(v)}" for k, v in point.items()])
    weeks = raw.get("run", {}).get("weeks", CityConfig().run.weeks)
    repeats = expand_repeats(arm, weeks)
    if repeats:
        raw["interventions"] = [*raw.get("interventions", []), *repeats]
    return raw


def probe_config(base_raw: dict[str, Any], probe_config: dict[str, Any], arm: Arm,
                 point: dict[str, Any], file: str) -> CityConfig:
    """The run's validated config (`ConfigError` names the spec file)."""
    return validate_mapping(probe_raw(base_raw, probe_config, arm, point), file=file)


def run_probe(task: ProbeTask) -> dict[str, Any]:
    """Run one probe task; return its measures' components (never raises)."""
    try:
        result = run_one(task.config, task.seed)
        return {"status": "ok", "components": {m: MEASURES[m].components(result)
                                               for m in task.measures}}
    except Exception as exc:  # noqa: BLE001 - a failed run is data, not a crash
        from ..sweeps.runner import describe_error
        return {"status": "failed", "error": describe_error(exc), "components": {}}
