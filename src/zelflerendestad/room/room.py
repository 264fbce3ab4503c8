"""A workshop room: one shared city played by a trainer and the participants' phones.

join code -> `Room.join()` -> token -> `Room.choose(token, choice)` -> pending choices ->
`Room.tick(trainer_token)` turns them into model events (`config/events.py`), applies them
through `CityModel.intervene()` at the current week, measures the week again and steps one week.
A live event at week w leaves the model as a timeline event `{week: w}` would, so the round's
config plus its choices file replays the room exactly (`record.py`, `zelflerendestad rerun`).
Agents no one plays (and those of dropped participants) follow the model's rules.

Thread-safe: one lock per room serialises every call (phones, the projector and the clock
thread of the UI). `version` rises on every change, so a page can poll it cheaply.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..config.schema import CityConfig
from ..model import CityModel
from .choices import Choice
from .roles import Role

MAX_PARTICIPANTS = 60  # a workshop room; each phone polls its view
MAX_NAME = 40  # characters of a display name
WEEKS_PER_ROUND = 13  # a quarter: the clock pauses for discussion after a round


@dataclass
class Participant:
    """One phone in the room. `seat` is its public number; the token is never shown to others."""

    token: str
    seat: int  # 1, 2, ...: how the projector and the choices log name this participant
    role: Role
    name: str
    agent: int | None  # official row or dwelling steered (None for a council member)
    joined_week: int
    last_seen: float
    connected: bool = True
    choices: int = 0  # how many choices they made


@dataclass
class LoggedChoice:
    """One human choice as logged: when, by whom (seat, role), what, and the events it made."""

    week: int
    seat: int
    role: str
    choice: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)


class Room:
    """One shared city, its participants, its clock and its log of human choices."""

    def __init__(self, config: CityConfig, code: str, trainer_token: str, *,
                 max_participants: int = MAX_PARTICIPANTS,
                 weeks_per_round: int = WEEKS_PER_ROUND,
                 clock: Callable[[], float] = time.monotonic):
        """Build the room's city from `config` (seed: `config.run.seed`).

        `code` and `trainer_token` come from the registry (`safety.py`); `clock` is injectable
        so tests can move time (rate limits, last seen).
        """
        self.lock = threading.RLock()
        self.config = config
        self.code = code
        self._trainer = trainer_token
        self.max_participants = max_participants
        self.weeks_per_round = weeks_per_round
        self.clock = clock
        self.model: CityModel | None = CityModel(config, seed=config.run.seed)
        self.participants: dict[str, Participant] = {}
        self.log: list[LoggedChoice] = []
        self.version = 0
        self.round = 1
        self.playing = False
        self.closed = False
        self.shown: dict[Role, bool] = dict.fromkeys(Role, True)  # reveal(): city shown or not
        raise NotImplementedError

    # participants --------------------------------------------------------------------------
    def join(self, code: str, role: Role | str | None = None, name: str = "") -> str:
        """Enter the room with its join code; returns the participant's secret token.

        With no `role` the room assigns the one that balances it (`roles.balanced_role`).
        Refuses a wrong code (`WrongCode`), a full room or role (`RoomFull`), a closed room.
        """
        raise NotImplementedError

    def drop(self, token: str) -> None:
        """The participant's phone went away: the model takes over their agent at the next tick.

        Their persistent choices (an official's split, a resident's contribute/free-ride) are
        handed back to the model's rules, logged as choices of the seat; their council vote no
        longer counts. The seat is kept for `rejoin`.
        """
        raise NotImplementedError

    def rejoin(self, token: str) -> Participant:
        """The same participant is back (same token): same seat, role and agent."""
        raise NotImplementedError

    def participant(self, token: str) -> Participant:
        """The participant holding `token` (marks them seen); `UnknownToken` otherwise."""
        raise NotImplementedError

    # choices -------------------------------------------------------------------------------
    def choose(self, token: str, choice: Choice | dict[str, Any] | str) -> str:
        """Take a participant's choice; it acts on the city at the next tick.

        Validates size and fields (`choices.parse_choice`), the role (`ChoiceRefused`), the
        target (an initiative that exists, a resident in range) and the rate (`RateLimited`).
        A later choice of the same kind from the same seat replaces a pending one. Returns a
        short confirmation (English / Dutch).
        """
        raise NotImplementedError

    # trainer ------------------------------------------------------------------------------
    def tick(self, trainer_token: str, weeks: int = 1) -> int:
        """Apply the pending choices and the council's decision, then step `weeks` weeks.

        Returns the week reached. A round ends after `weeks_per_round` weeks: the clock stops
        (`playing` False) for discussion until `next_round`.
        """
        raise NotImplementedError

    def play(self, trainer_token: str) -> None:
        """Let the UI's clock tick on its own (`playing` True)."""
        raise NotImplementedError

    def pause(self, trainer_token: str) -> None:
        """Stop the clock for discussion (`playing` False)."""
        raise NotImplementedError

    def next_round(self, trainer_token: str) -> int:
        """Start the next round and let the clock run; returns its number."""
        raise NotImplementedError

    def reveal(self, trainer_token: str, role: Role | str, shown: bool) -> None:
        """Show or hide the shared city's figures on the screens of one role."""
        raise NotImplementedError

    def close(self, trainer_token: str) -> None:
        """End the room: tokens stop working, the model is freed."""
        raise NotImplementedError

    def is_trainer(self, token: str | None) -> bool:
        """Whether `token` is this room's trainer token (constant-time)."""
        raise NotImplementedError

    # what the screens show ----------------------------------------------------------------
    def view(self, token: str) -> dict[str, Any]:
        """What one participant's phone shows (plain data; no tokens but their own).

        Keys: `version`, `week`, `round`, `playing`, `closed`, `seat`, `role`, `role_label`
        ({"nl", "en"}), `task` ({"nl", "en"}), `name`, `choices` (kinds allowed), `pending`
        (their choice waiting for the tick, or None), `me` (their agent's state: see below),
        `options` (what they may pick: initiatives, residents to connect), `city` (shared
        figures, or None when the trainer hides them for this role).
        `me` per role: council {"vote", "decision"}; official {"official", "urgency", "strain",
        "street_time", "learning_time", "order", "split"}; connector and resident
        {"resident", "neighbourhood", "engaged", "active", "energy", "ownership", "member_of",
        "stance" (contribute / free_ride / model)}.
        """
        raise NotImplementedError

    def projector(self) -> dict[str, Any]:
        """The shared screen's data (no tokens).

        Keys: `version`, `code`, `week`, `round`, `playing`, `closed`, `seats` (count per
        role), `connected` (count), `decision` (the council's, or None), `recent` (the last
        choices: week, seat, role, kind, text) and `city` (the shared figures).
        """
        raise NotImplementedError

    def roster(self, trainer_token: str) -> list[dict[str, Any]]:
        """Trainer only: every seat with role, name, agent, connected, last seen, choices."""
        raise NotImplementedError

    def choices_log(self) -> list[dict[str, Any]]:
        """Every choice so far: week, seat, role, choice, the events it produced."""
        raise NotImplementedError
