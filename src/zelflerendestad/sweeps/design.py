"""Designs: which parameter points a sweep visits (grid, Latin hypercube, Sobol, Morris).

factors (spec.py) -> `make_design()` -> `Design` (points, and for sampled designs SALib's
`problem` and the raw sample matrix that `analysis` hands back to SALib).

Samplers know nothing of the model: a factor is a name with values, a numeric range or named
levels. Sampled designs draw in a unit space: a numeric range maps linearly onto its bounds
(rounded for integer parameters); a list of values or named levels is categorical, drawn
uniformly over its indices (the sample x in [0, n) picks value floor(x)). The sampler's random
numbers come from the sweep's root seed, so the same spec gives the same points.

A Sobol design may group its factors (`groups`: group name -> factor names; a factor in no
group is a group of its own): SALib then moves a group's factors together between its A and B
matrices, so k factors in g groups cost N(g + 2) points, not N(k + 2), and give one first-order
and one total index per group (Sobol' 1993 defines the indices for any subset of factors).
"""

from __future__ import annotations

import itertools
import math
import zlib
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

DESIGN_STREAM = zlib.crc32(b"design")
MAX_POINTS = 1_000_000  # runs in one sweep (points x replications)


@dataclass(frozen=True)
class Factor:
    """One varied parameter.

    Attributes:
        name: A config key path (`municipality.vertical_share`) or, for `levels`, a free name.
        kind: `values` (a list), `range` (numeric bounds) or `levels` (named override sets).
        values: The list's values, or the level names.
        low: Lower bound of a range. high: upper bound.
        steps: Grid points across a range.
        integer: Round sampled values (the config field is an integer).
        level_overrides: For `levels`: level name -> {key path: value}.
    """

    name: str
    kind: Literal["values", "range", "levels"]
    values: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None
    steps: int | None = None
    integer: bool = False
    level_overrides: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)

    @property
    def categorical(self) -> bool:
        """True when the factor has a finite list of values or levels."""
        return self.kind != "range"

    def grid_values(self) -> list[Any]:
        """The values a full-factorial grid visits."""
        if self.categorical:
            return list(self.values)
        values = np.linspace(self.low, self.high, self.steps)
        return [int(round(v)) for v in values] if self.integer else [
            round(float(v), 12) for v in values]

    def bounds(self) -> list[float]:
        """Bounds in SALib's sample space."""
        return [0.0, float(len(self.values))] if self.categorical else [self.low, self.high]

    def from_sample(self, x: float) -> Any:
        """Map one sampled number onto the factor's value."""
        if self.categorical:
            return self.values[min(int(np.floor(x)), len(self.values) - 1)]
        return int(round(x)) if self.integer else float(x)

    def overrides(self, value: Any) -> dict[str, Any]:
        """Config overrides (key path -> value) that put this factor at `value`."""
        return dict(self.level_overrides[value]) if self.kind == "levels" else {self.name: value}


@dataclass
class Design:
    """The points of a sweep.

    Attributes:
        kind: grid, lhs, sobol or morris.
        points: One mapping factor name -> value per point, in point-id order.
        matrix: For sampled designs, the raw samples (points x factors) in SALib's space.
        problem: SALib's problem dict (names, bounds) for sampled designs.
        settings: What analysis needs to call SALib again (N, second order, levels).
    """

    kind: str
    points: list[dict[str, Any]]
    matrix: np.ndarray | None = None
    problem: dict[str, Any] | None = None
    settings: dict[str, Any] = field(default_factory=dict)


def design_rng(root_seed: int) -> np.random.Generator:
    """The sampler's generator: its own stream of the sweep's root seed."""
    return np.random.Generator(np.random.PCG64(
        np.random.SeedSequence(root_seed, spawn_key=(DESIGN_STREAM,))))


def group_of(factors: list[Factor], groups: dict[str, list[str]] | None) -> list[str]:
    """Each factor's group, in factor order: its named group, else its own name."""
    member = {name: group for group, names in (groups or {}).items() for name in names}
    return [member.get(f.name, f.name) for f in factors]


def salib_problem(factors: list[Factor],
                  groups: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """SALib's description of the sample space (with `groups` when some are named)."""
    problem: dict[str, Any] = {"num_vars": len(factors), "names": [f.name for f in factors],
                               "bounds": [f.bounds() for f in factors]}
    if groups:
        problem["groups"] = group_of(factors, groups)
    return problem


def design_size(factors: list[Factor], kind: str, samples: int | None = None,
                second_order: bool = False, groups: dict[str, list[str]] | None = None) -> int:
    """Number of points `make_design` would make, computed without making them."""
    if kind == "grid":
        return math.prod(len(f.values) if f.categorical else int(f.steps or 1) for f in factors)
    n, d = int(samples or 0), len(set(group_of(factors, groups)))
    if kind == "sobol":
        return n * (2 * d + 2 if second_order else d + 2)
    if kind == "morris":
        return n * (d + 1)
    return n


def make_design(factors: list[Factor], kind: str, root_seed: int, samples: int | None = None,
                second_order: bool = False, levels: int = 4,
                groups: dict[str, list[str]] | None = None) -> Design:
    """Build the points of a design.

    Args:
        factors: The varied parameters.
        kind: grid, lhs, sobol or morris.
        root_seed: The sweep's root seed (samplers draw from their own stream of it).
        samples: lhs: points; sobol: base sample N; morris: trajectories.
        second_order: sobol: also the samples for second-order indices.
        levels: morris: number of grid levels.
        groups: sobol: group name -> factor names (spec.py checks them).

    Returns:
        The design, its points in a fixed order.
    """
    if kind == "grid":
        combos = itertools.product(*(f.grid_values() for f in factors))
        return Design("grid", [dict(zip([f.name for f in factors], c, strict=True))
                               for c in combos])
    if groups and kind != "sobol":
        raise ValueError(f"groups are for sobol designs, not {kind}")
    problem = salib_problem(factors, groups)
    rng = design_rng(root_seed)
    if kind == "lhs":
        from SALib.sample import latin
        matrix = latin.sample(problem, samples, seed=rng)
        settings: dict[str, Any] = {"samples": samples}
    elif kind == "sobol":
        from SALib.sample import sobol
        matrix = sobol.sample(problem, samples, calc_second_order=second_order, seed=rng)
        settings = {"samples": samples, "second_order": second_order}
    elif kind == "morris":
        from SALib.sample import morris
        matrix = morris.sample(problem, samples, num_levels=levels, seed=rng)
        settings = {"samples": samples, "levels": levels}
    else:
        raise ValueError(f"unknown design type {kind!r}")
    points = [{f.name: f.from_sample(x) for f, x in zip(factors, row, strict=True)}
              for row in matrix]
    return Design(kind, points, np.asarray(matrix, dtype=np.float64), problem, settings)
