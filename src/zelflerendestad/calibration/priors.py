"""The prior: each free parameter's bounds or choices, read from the config schema.

spec.free (key paths) -> `factors()` (one sweeps `Factor` per parameter: the pydantic `ge`/`le`
bounds, or the `Literal` choices) -> `design()` (the sweeps' Latin hypercube or Sobol sampler).
The schema is the one source of truth for bounds: a spec may only narrow a prior inside them,
with a written reason (`spec.Free`), and the report shows both.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from ..config.params import bounds
from ..config.schema import CityConfig
from ..sweeps.design import Design, Factor, make_design


def field_info(key: str) -> Any:
    """The pydantic FieldInfo of a config key path (`engagement.word_of_mouth_rate`)."""
    model: type[BaseModel] = CityConfig
    parts = key.split(".")
    for part in parts[:-1]:
        model = model.model_fields[part].annotation  # type: ignore[assignment]
    return model.model_fields[parts[-1]]


class PriorError(ValueError):
    """A free parameter the schema gives no finite range or choice list for."""


def factor(key: str, prior: tuple[float, float] | list[str] | None = None) -> Factor:
    """The free parameter as a sweeps Factor: the schema's bounds or choices, or `prior`."""
    info = field_info(key)
    ann = info.annotation
    if typing.get_origin(ann) is typing.Literal:
        choices = typing.get_args(ann)
        if prior is not None and not set(prior) <= set(choices):
            raise PriorError(f"{key}: prior {list(prior)} must be a subset of the schema's "
                             f"choices {list(choices)}")
        return Factor(key, "values", values=tuple(prior) if prior is not None else choices)
    if ann is bool:
        return Factor(key, "values", values=(False, True))
    lo, hi = bounds(info)
    if ann not in (int, float) or lo is None or hi is None:
        raise PriorError(f"{key}: the schema gives no finite [ge, le] bounds (type {ann}, "
                         f"bounds {lo}, {hi}); give it bounds there or leave it out of `free`")
    if prior is not None:
        if not lo <= prior[0] < prior[1] <= hi:
            raise PriorError(f"{key}: prior {list(prior)} must lie inside the schema's bounds "
                             f"[{lo:g}, {hi:g}] with low < high")
        lo, hi = prior
    return Factor(key, "range", low=float(lo), high=float(hi), integer=ann is int)


def schema_bounds(key: str) -> list[Any]:
    """The schema's own bounds or choices of a parameter (for the report)."""
    f = factor(key)
    return list(f.values) if f.categorical else [f.low, f.high]


def factors(free: list[Any]) -> list[Factor]:
    """One Factor per free parameter (a key path or a `spec.Free`), in the spec's order."""
    return [factor(f) if isinstance(f, str) else factor(f.name, f.prior) for f in free]


def design(free: list[Any], kind: str, samples: int, seed: int) -> Design:
    """The space-filling design: `samples` LHS points, or a Sobol sequence (N = samples)."""
    fs = factors(free)
    if kind == "sobol":
        return _sobol(fs, samples, seed)
    return make_design(fs, "lhs", seed, samples)


def _sobol(fs: list[Factor], samples: int, seed: int) -> Design:
    """A scrambled Sobol sequence (scipy.stats.qmc), not Saltelli's cross-sample."""
    import numpy as np
    from scipy.stats import qmc

    from ..sweeps.design import design_rng, salib_problem

    problem = salib_problem(fs)
    unit = qmc.Sobol(len(fs), scramble=True, seed=design_rng(seed)).random(samples)
    lo = np.array([b[0] for b in problem["bounds"]])
    hi = np.array([b[1] for b in problem["bounds"]])
    matrix = lo + unit * (hi - lo)
    points = [{f.name: f.from_sample(x) for f, x in zip(fs, row, strict=True)} for row in matrix]
    return Design("sobol", points, matrix, problem, {"samples": samples})
