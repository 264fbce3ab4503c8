"""The municipality: its lever, its instruments and, optionally, how it learns its own mix.

Step 2 turns `vertical_share` and `effort` into two realised intensities in [0, 1]:
V = min(1, effort x vertical_share) (programmes, rules, control: reach everyone alike) and
H = min(1, effort x street presence of its officials) (presence, facilitation, recognition).
Step 6 (adaptive mode) is a hill climber on a noisy observed outcome: no optimum is given to
it, it finds (or misses) one from what it sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .config.schema import MunicipalitySettings


@dataclass
class Municipality:
    """The municipality's current policy state."""

    vertical_share: float
    effort: float
    learning_culture: float
    subsidy: bool = False
    enforcement: bool = False
    learning_circle: bool = False
    programme_running: bool = False
    training: bool = False
    learning_network: bool = False  # commons in a learning network of cities (seed 003)
    shocks: list[tuple[int, float]] = field(default_factory=list)  # (last week, size)
    direction: float = -1.0  # adaptive: current direction of change of vertical_share
    last_observed: float | None = None
    V: float = 0.0
    H: float = 0.0

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
