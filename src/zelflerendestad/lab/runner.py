"""Running one replicate of an experiment: a shared burn-in branched into paired arms.

`run_seed(spec, configs, seed)` builds the city of the first arm, runs the burn-in, resolves
the groups once and then, for every arm without its own overrides, continues a
`copy.deepcopy` of that city (the copy continues bit for bit, so arms differ only by what the
arm does after the branch). Arms with overrides are built and burnt in on their own from the
same seed. Rows: one per arm, group and week after the branch, with each outcome's mean.
"""

from __future__ import annotations

import copy

import numpy as np

from ..config.events import parse_event
from ..config.schema import CityConfig
from ..instruments import groups_of, resolve
from ..model import CityModel
from .spec import ExperimentSpec, event_data

GROUP_STREAM = 19  # the groups' own stream: [seed, 19], so assignment is the same in every arm


def outcomes(m: CityModel, mask: np.ndarray, names: list[str]) -> dict[str, float]:
    """Mean of each outcome over the residents of one group, this week.

    `contribution` and `free_riding` are taken among the group's active commons members only
    (those who chose to contribute or not this week): the mean share of the endowment they
    gave and the mean share they kept back (in choice mode each gives 1 or 0, so these are the
    shares who did and did not contribute; NaN in a week without any).
    """
    r = m.residents
    members = r.member_of >= 0
    values = {"engaged": r.engaged, "active": r.active, "motivation": r.motivation,
              "felt_control": r.felt_control, "member": members,
              "contributed": m.commons.contributed, "free_riding": 1.0 - m.commons.amount,
              "contribution": m.commons.amount}
    among = {"free_riding": r.active & members, "contribution": r.active & members}
    out = {}
    for k in names:
        who = mask & among[k] if k in among else mask
        n = int(who.sum())
        out[k] = (float(np.asarray(values[k], dtype=np.float64)[who].sum() / n) if n
                  else (float("nan") if k in among else 0.0))
    return out


def resolve_groups(spec: ExperimentSpec, m: CityModel, seed: int) -> dict[str, np.ndarray]:
    """Each group as a mask over dwellings, drawn once from the groups' own stream."""
    r, rng = m.residents, np.random.default_rng([seed, GROUP_STREAM])
    sel = groups_of(r.engaged, r.active, r.is_connector, r.member_of)
    return {g: resolve(t, r.neighbourhood, r.member_of, sel, rng) for g, t in spec.groups.items()}


def _schedule(spec: ExperimentSpec, m: CityModel, arm: str, groups: dict[str, np.ndarray]
              ) -> None:
    events = []
    for e in spec.arms[arm].events:
        for data in event_data(spec, e):
            if e.group is not None:
                data["target"] = {**data.get("target", {}),
                                  "residents": np.flatnonzero(groups[e.group]).tolist()}
            events.append(parse_event(data))
    m.timeline = sorted([*m.timeline, *events], key=lambda ev: ev.week)
    m.fire_interventions()  # events of the first phase fire at the end of the branch week


def _burnt_in(spec: ExperimentSpec, cfg: CityConfig, seed: int) -> CityModel:
    m = CityModel(cfg, seed=seed)
    m.run(spec.burn_in)
    return m


def run_seed(spec: ExperimentSpec, configs: dict[str, CityConfig], seed: int) -> list[dict]:
    """All rows of one replicate (every arm, group and week after the branch)."""
    arms = list(spec.arms)
    shared = _burnt_in(spec, configs[arms[0]], seed)
    groups = resolve_groups(spec, shared, seed)
    rows = []
    for arm in arms:
        m = copy.deepcopy(shared) if not spec.arms[arm].set else _burnt_in(
            spec, configs[arm], seed)
        _schedule(spec, m, arm, groups)
        for week in range(spec.burn_in + 1, spec.weeks + 1):
            m.step()
            phase = spec.phase_of(week)
            rows += [{"seed": seed, "arm": arm, "week": week, "phase": phase, "group": g,
                      **outcomes(m, mask, spec.outcomes)} for g, mask in groups.items()]
    return rows
