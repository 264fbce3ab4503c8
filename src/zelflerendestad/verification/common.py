"""What every docking check shares: its record, its configs, its replications.

check module (bass, march, contagion, golden) -> `Check` records -> `report` (text, Markdown,
JSON, figures). A check builds its configurations as plain CityConfig overrides on top of the
schema defaults (`limit_config`), so every limit case is reachable from a YAML file too, and runs
the model's own code (`CityModel`) for each replication, in parallel when asked.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from ..config.loading import deep_merge, validate_mapping
from ..config.schema import CityConfig

#: Settings that switch off everything a limit case does not need: no officials' urgency, no
#: sick leave or quitting from strain, no connectors, no turnover, no lapse, no learning beyond
#: what a check turns on, no commons and no motivation crowding.
QUIET: dict[str, Any] = {
    "commons": {"enabled": False},
    "crowding": {"enabled": False},
    "city": {"neighbourhoods": 1, "connector_share": 0.0, "turnover_rate": 0.0},
    "officials": {"urgency_mean": 0.0, "urgency_sd": 0.0, "style_weight": 0.0,
                  "sick_leave_rate": 0.0, "leave_rate": 0.0},
    "engagement": {"receptivity_weight": 0.0, "lapse_rate": 0.0},
    "learning": {"peer_learning_rate": 0.0, "experiment_rate": 0.0, "turbulence": 0.0},
}


def merged(*overrides: dict[str, Any]) -> dict[str, Any]:
    """`QUIET`, then each override in turn (a raw mapping, not validated)."""
    data: dict[str, Any] = {}
    for over in (QUIET, *overrides):
        data = deep_merge(data, over)
    return data


def limit_config(*overrides: dict[str, Any]) -> CityConfig:
    """A validated config: schema defaults, then `QUIET`, then each override in turn."""
    return validate_mapping(merged(*overrides), file="<verification>")


@dataclass
class Check:
    """One docking check: its figures next to its target, and whether it passed."""

    name: str
    title: str
    figures: dict[str, Any]
    target: str
    tolerance: str
    passed: bool
    tables: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)
    notes: str = ""
    config: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)  # arrays for the figures
    headline: list[str] = field(default_factory=list)  # figures for the summary table

    def as_json(self) -> dict[str, Any]:
        """The machine-readable record written to results.json."""
        return {"name": self.name, "title": self.title, "figures": _plain(self.figures),
                "target": self.target, "tolerance": self.tolerance, "pass": bool(self.passed)}


def _plain(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


@dataclass(frozen=True)
class Size:
    """How big a check runs: replications, residents, and whether it is the fast version."""

    runs: int
    residents: int = 0
    fast: bool = False


def jobs_default() -> int:
    """Worker processes for replications: all cores, or $ZLS_JOBS."""
    return max(1, int(os.environ.get("ZLS_JOBS", os.cpu_count() or 1)))


def run_many(fn: Callable[..., Any], tasks: Iterable[tuple], jobs: int = 1) -> list[Any]:
    """`fn(*task)` for every task, in order; in `jobs` processes when jobs > 1."""
    tasks = list(tasks)
    if jobs <= 1 or len(tasks) < 2:
        return [fn(*t) for t in tasks]
    chunk = max(1, len(tasks) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(fn, *zip(*tasks, strict=True), chunksize=chunk))


def mean_ci(x: np.ndarray, level: float = 0.95, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Mean and the half-width of its t-interval along `axis` (NaNs ignored)."""
    x = np.asarray(x, dtype=float)
    n = np.sum(~np.isnan(x), axis=axis)
    sd = np.nanstd(x, axis=axis, ddof=1) if np.max(n) > 1 else np.zeros_like(np.nanmean(x, axis))
    t = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1))
    return np.nanmean(x, axis=axis), t * sd / np.sqrt(np.maximum(n, 1))


def bonferroni_z(tests: int, alpha: float = 0.01) -> float:
    """Two-sided z bound that all `tests` pass together with probability 1 - alpha."""
    return float(stats.norm.ppf(1 - alpha / (2 * max(tests, 1))))


def fmt(x: Any, digits: int = 3) -> str:
    """A number for tables: fixed digits, '-' for missing."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "-"
    if isinstance(x, bool | np.bool_):
        return "yes" if x else "no"
    if isinstance(x, int | np.integer):
        return str(int(x))
    if isinstance(x, float | np.floating):
        return f"{float(x):.{digits}f}"
    return str(x)


def fmt_value(v: Any) -> str:
    """`fmt`, also for one level of nested figures ("a: 1.000, b: 2.000")."""
    if isinstance(v, dict):
        return ", ".join(f"{k}: {fmt_value(x)}" for k, x in v.items())
    return fmt(v)
