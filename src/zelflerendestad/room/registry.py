"""The process's open rooms, by join code: thread-safe, and a closed room is gone.

The Solara pages of every browser session share this one `ROOMS` registry, so a phone finds
the trainer's room by its code; a participant's token only works in its own room (`Room`
keeps its own participants), so no one reaches another room's city or choices.
"""

from __future__ import annotations

import threading

from ..config.schema import CityConfig
from .room import MAX_PARTICIPANTS, Room

MAX_ROOMS = 8  # rooms open at once in one server process (each holds a city)


class Registry:
    """Open rooms by join code."""

    def __init__(self, max_rooms: int = MAX_ROOMS):
        self.max_rooms = max_rooms
        self._rooms: dict[str, Room] = {}
        self._lock = threading.Lock()

    def open_room(self, config: CityConfig, *, max_participants: int = MAX_PARTICIPANTS,
                  **room_args) -> tuple[Room, str]:
        """Open a room on `config`; returns it and its trainer token (keep it secret)."""
        raise NotImplementedError

    def find(self, code: str) -> Room:
        """The open room with this join code (typed any case, with spaces); `WrongCode` else."""
        raise NotImplementedError

    def close(self, code: str, trainer_token: str) -> None:
        """Close the room (trainer token needed) and forget it, freeing its city."""
        raise NotImplementedError

    def __len__(self) -> int:
        """Number of open rooms."""
        return len(self._rooms)


ROOMS = Registry()
