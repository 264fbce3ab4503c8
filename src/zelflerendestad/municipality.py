"""The municipality: its lever, its instruments and, optionally, how it learns its own mix.

Step 2 turns `vertical_share` and `effort` into two realised intensities in [0, 1]:
V = min(1, effort x vertical_share) (programmes, rules, control: reach everyone alike) and
H = min(1, effort x street presence of its officials) (presence, facilitation, recognition).
Step 6 (adaptive mode) is a hill climber on a noisy observed outcome: no optimum is given to
it, it finds (or misses) one from what it sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config.schema import MunicipalitySettings
from .statevars import state


@dataclass
class Municipality:
    """The municipality's current policy state."""

    vertical_share: float = state("the lever: share of steering effort spent vertically")
    effort: float = state("total steering effort relative to nominal")
    learning_culture: float = state("share of officials' learning time protected from urgency")
    programme_running: bool = state("a connector programme has started", default=False)
    shocks: list[tuple[int, float]] = state(
        "urgency shocks still running: (last week, extra urgency)",
        default_factory=list)
    instruments: list = state(
        "instruments and programmes running, each with whom it reaches and until when: "
        "payments, fines, recognition, subsidy, enforcement, reflection training, learning "
        "network, learning circle (`instruments.Instrument`)",
        default_factory=list)
    direction: float = state(
        "adaptive mode: current direction of change of vertical_share (+1 or -1)", default=-1.0)
    last_observed: float | None = state(
        "adaptive mode: the outcome observed at the previous evaluation", default=None)
    V: float = state("realised vertical intensity this week, [0, 1]", default=0.0)
    H: float = state("realised horizontal intensity this week, [0, 1]", default=0.0)

    @property
    def subsidy(self) -> bool:
        """A conditional subsidy programme runs (for someone)."""
        return self.runs("subsidy")

    @property
    def enforcement(self) -> bool:
        """Enforcement of rules runs (for someone)."""
        return self.runs("enforcement")

    @property
    def learning_circle(self) -> bool:
        """A learning circle (leerkring) runs."""
        return self.runs("learning_circle")

    @property
    def learning_network(self) -> bool:
        """Commons take part in a learning network of cities (some of them)."""
        return self.runs("learning_network")

    def runs(self, kind: str) -> bool:
        """Whether an instrument or programme of this kind runs."""
        return any(i.kind == kind for i in self.instruments)

    @classmethod
    def from_settings(cls, s: MunicipalitySettings) -> Municipality:
        """Initial state from the config."""
        return cls(vertical_share=s.vertical_share, effort=s.effort,
                   learning_culture=s.learning_culture)

    def shock(self, week: int) -> float:
        """Total extra urgency of the shocks still running in `week`."""
        self.shocks = [(end, size) for end, size in self.shocks if end >= week]
        return sum(size for _, size in self.shocks)


def intensities(vertical_share: float, effort: float, presence: float) -> tuple[float, float]:
    """Realised vertical and horizontal intensity (V, H), both in [0, 1]."""
    return min(1.0, effort * vertical_share), min(1.0, effort * presence)


def hill_climb(vertical_share: float, direction: float, observed: float,
               last_observed: float | None, step: float) -> tuple[float, float]:
    """One evaluation of the adaptive municipality: keep going if it got better, else turn."""
    if last_observed is not None and observed < last_observed:
        direction = -direction
    new = min(1.0, max(0.0, vertical_share + direction * step))
    if new in (0.0, 1.0) and new == vertical_share:
        direction = -direction
    return new, direction
