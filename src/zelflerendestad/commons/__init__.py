"""Initiatives and commons (step 5): their state, how they form, cooperate and are scored.

Like Mesa's `discrete_space/`, one sub-package for one mechanism, each module one idea:
- `state`: `Commons` (one row per initiative) and `CommonsState` (plus per-resident memory);
- `initiatives`: who starts one, who joins, how one organises (rules made or imposed);
- `cooperation`: contributing, sanctions, conflict, money and exits, as pure functions;
- `vertical`: what the municipality's rules, control, money and coordination give and cost
  inside a commons (legal certainty, arbitration, capture, procedure load, nesting from above);
- `ostrom`: the design-principle scores (Cox et al. 2010's eleven, Ostrom's eight);
- `week`: the week in order, `run_week(state, WeekContext)`;
- `measures`: the weekly measures and per-run summary numbers;
- `records`: commons.parquet, one row per initiative.
Nothing here imports the model: the model hands over a `WeekContext`, whose residents' membership,
energy and ownership the week updates in place.
"""

from .records import records
from .state import (
    COMMONS,
    COX11,
    ENDED,
    EXIT_CAUSES,
    INITIATIVE,
    OSTROM8,
    REASONS,
    Commons,
    CommonsState,
    eight,
)

__all__ = ["COMMONS", "COX11", "ENDED", "EXIT_CAUSES", "INITIATIVE", "OSTROM8", "REASONS",
           "Commons", "CommonsState", "eight", "records"]
