"""Scenario discovery: which parameter ranges keep a condition true (PRIM, the `prim` package).

A policy question as a condition on a run's outcomes, e.g. "which settings keep commons alive
and trust above 0.6?" -> `commons_alive_end > 0 and trust_government_final > 0.6` (a pandas
query) -> every finished run is a case, its varied numeric parameters the inputs -> PRIM
(Friedman & Fisher 1999, as in EMA Workbench's scenario discovery) peels the parameter space
to a box where the condition holds for most runs. The box is reported with its coverage (share
of all the condition's runs inside it), density (share of the box's runs that meet it) and
mass (share of all runs inside it).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pandas as pd

from .data import AnalysisError


@dataclass
class Box:
    """PRIM's box for one condition."""

    condition: str
    limits: pd.DataFrame  # parameter, min, max: only the parameters the box restricts
    coverage: float
    density: float
    mass: float
    base_rate: float  # share of all runs that meet the condition
    n_runs: int

    def table(self) -> pd.DataFrame:
        """One row per restricted parameter (or one saying none), with the box's statistics."""
        limits = self.limits if len(self.limits) else pd.DataFrame(
            {"parameter": ["(no restriction found)"], "min": [float("nan")],
             "max": [float("nan")]})
        return limits.assign(condition=self.condition, coverage=self.coverage,
                                  density=self.density, mass=self.mass,
                                  base_rate=self.base_rate, n_runs=self.n_runs)


def discover(runs: pd.DataFrame, factors: list[str], condition: str,
             mass_min: float = 0.05) -> Box:
    """PRIM's box for the runs meeting `condition`; AnalysisError if it cannot be asked."""
    import prim

    ok = runs[runs["status"] == "ok"]
    numeric = [f for f in factors if pd.api.types.is_numeric_dtype(ok[f])
               and not pd.api.types.is_bool_dtype(ok[f]) and ok[f].nunique() > 1]
    if not numeric:
        raise AnalysisError("scenario discovery needs at least one varied numeric parameter")
    try:
        hit = ok.eval(condition).astype(bool).to_numpy()
    except Exception as exc:  # pandas raises many kinds for a bad expression
        raise AnalysisError(f"cannot evaluate the condition {condition!r} on the runs' "
                            f"outcomes: {exc}") from None
    if not hit.any() or hit.all():
        raise AnalysisError(f"the condition {condition!r} holds for {int(hit.sum())} of "
                            f"{hit.size} runs: nothing to discover")
    x = ok[numeric].astype(float).reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        box = prim.Prim(x, hit.astype(float), threshold=0.5, threshold_type=">",
                        mass_min=mass_min).find_box()
    limits = box.limits.reset_index().rename(columns={"index": "parameter"})
    limits = limits[["parameter", "min", "max"]]
    return Box(condition, limits, float(box.coverage), float(box.density), float(box.mass),
               float(hit.mean()), int(hit.size))
