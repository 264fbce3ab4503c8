"""The council's vote becomes the municipality's mix: median share, majority per programme.

council members' latest votes -> `decide()` -> `Decision` -> `decision_events(decision,
municipality)` -> the model events (`set_vertical_share`, `subsidy_start`, ...) that move the
municipality from where it is to what the council decided. The median resists one extreme
voter; a programme runs when more than half of those who voted want it. With no votes the
municipality keeps its course (the config's, or the adaptive municipality's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..municipality import Municipality
from .choices import CouncilVote

# programme -> (municipality attribute, start event, stop event or None for a one-off)
PROGRAMMES: dict[str, tuple[str, str, str | None]] = {
    "subsidy": ("subsidy", "subsidy_start", "subsidy_stop"),
    "enforcement": ("enforcement", "enforcement_start", "enforcement_stop"),
    "connector_programme": ("programme_running", "connector_programme", None),
    "learning_circle": ("learning_circle", "learning_circle_start", "learning_circle_stop"),
}


@dataclass(frozen=True)
class Decision:
    """What the council decided: the median share and the programmes a majority wants."""

    vertical_share: float
    programmes: dict[str, bool]
    votes: int


def decide(votes: list[CouncilVote]) -> Decision | None:
    """The room's decision from the council members' latest votes (None: nobody voted)."""
    if not votes:
        return None
    share = float(np.median([v.vertical_share for v in votes]))
    programmes = {p: 2 * sum(getattr(v, p) for v in votes) > len(votes) for p in PROGRAMMES}
    return Decision(round(share, 6), programmes, len(votes))


def decision_events(decision: Decision | None, mun: Municipality) -> list[dict[str, Any]]:
    """The events that bring the municipality to the decision (none if it is there already).

    The connector programme is a one-off: it starts when a majority wants it and it has not
    run yet; a majority against it later does not undo the investment.
    """
    if decision is None:
        return []
    events = []
    if abs(decision.vertical_share - mun.vertical_share) > 1e-9:
        events.append({"event": "set_vertical_share", "value": decision.vertical_share})
    for name, (attr, start, stop) in PROGRAMMES.items():
        want, running = decision.programmes[name], bool(getattr(mun, attr))
        if want and not running:
            events.append({"event": start})
        elif not want and running and stop is not None:
            events.append({"event": stop})
    return events
