"""The projector's hold on a room: its city drawn by the app's own views, and the debrief.

Room (core, `zelflerendestad.room`) -> `RoomSimulation` (the room's city seen as the app's
`Simulation`: same lock, same model) -> `SessionState.draw`, `MainViews`, the event log and the
commons table, unchanged. The debrief pairs it with the same scenario and seed played by the
model alone (`Simulation`, stepped to the room's week) in the app's `Comparison`, so the compare
view shows A (model alone) against B (the room). Solara-free, so tests and the benchmark can
drive what the projector drives.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..room import Room
from .library import Scenario
from .session import RUNS, Comparison, Simulation
from .state import SessionState

# the events of one participant's choice (`room.Room`): in the event log, not marked in the plots
PERSONAL = frozenset({"official_plan", "resident_choice", "connector_choice"})


class RoomSimulation(Simulation):
    """The room's city as a `Simulation`: drawing and the exports read the room's own model.

    Stepping goes through `Room.tick` (with the trainer's token), never through `step`.
    """

    def __init__(self, room: Room, label: str):  # noqa: D107 - no Simulation.__init__: no model of its own
        self.room = room
        self.lock = room.lock
        self.label = label
        self.role = "B"  # in the debrief's comparison
        self.config = room.config
        self.live_events = []
        self.run = next(RUNS)  # one model for the room's life: one run number

    @property
    def model(self):  # noqa: ANN201 - the room's CityModel
        """The room's model (None once the room is closed)."""
        return self.room.model

    def markers(self) -> list[tuple[int, str]]:
        """The municipality's events only: a line per phone's choice would hide the plots."""
        return [(week, name) for week, name in super().markers() if name not in PERSONAL]

    def step(self, weeks: int = 1) -> None:
        """Refused: the room's clock belongs to the trainer (`Room.tick`)."""
        raise RuntimeError("a room's city is stepped by Room.tick, with the trainer's token")


@dataclass
class Projector:
    """What the trainer's page holds: the room, the trainer's token and the pictures."""

    room: Room
    token: str
    state: SessionState

    @classmethod
    def attach(cls, room: Room, token: str, scenario: Scenario | None,
               library: list[Scenario]) -> Projector:
        """Hold `room` with `token` (checked: `NotTrainer` if it is not the trainer's)."""
        from ..room import NotTrainer

        if not room.is_trainer(token):
            raise NotTrainer()
        label = scenario.label if scenario is not None else (room.config.meta.name or "room")
        return cls(room, token, SessionState(library, RoomSimulation(room, label)))

    @property
    def sim(self) -> RoomSimulation:
        """The room's city."""
        return self.state.sim

    def tick(self, weeks: int) -> int:
        """One tick of the clock: the room's choices, then `weeks` weeks; the week reached."""
        return self.room.tick(self.token, weeks)

    def debrief(self, names: tuple[str, str] = ("model alone", "the room")) -> Comparison:
        """A: the model alone (same scenario and seed, to the room's week); B: the room.

        Shown in the app's compare view (`SessionState.comparison`), whose legend calls the
        two lines by `names`.
        """
        alone = Simulation(self.room.config, names[0], role="A")
        alone.step(self.room.model.week)
        comparison = Comparison.of(alone, RoomSimulation(self.room, names[1]))
        self.state.show_comparison(comparison)
        return comparison
