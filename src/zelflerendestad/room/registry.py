"""The process's open rooms, by join code: thread-safe, and a closed room is gone.

The Solara pages of every browser session share this one `ROOMS` registry, so a phone finds
the trainer's room by its code; a participant's token only works in its own room (`Room`
keeps its own participants), so no one reaches another room's city or choices.
"""

from __future__ import annotations

import threading

from ..config.schema import CityConfig
from .errors import RoomFull, WrongCode
from .room import MAX_PARTICIPANTS, Room
from .safety import new_code, new_token, normalise_code

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
        with self._lock:
            if len(self._rooms) >= self.max_rooms:
                raise RoomFull(f"at most {self.max_rooms} rooms open at once; close one first")
            code, token = new_code(set(self._rooms)), new_token()
            room = Room(config, code, token, max_participants=max_participants, **room_args)
            self._rooms[code] = room
            return room, token

    def find(self, code: str) -> Room:
        """The open room with this join code (typed any case, with spaces); `WrongCode` else."""
        with self._lock:
            room = self._rooms.get(normalise_code(code)) if isinstance(code, str) else None
            if room is not None and room.closed:  # closed by its own `close()`: forget it
                del self._rooms[room.code]
                room = None
        if room is None:
            raise WrongCode()
        return room

    def close(self, code: str, trainer_token: str) -> None:
        """Close the room (trainer token needed) and forget it, freeing its city."""
        room = self.find(code)
        room.close(trainer_token)  # refuses a wrong token before the room is forgotten
        with self._lock:
            self._rooms.pop(room.code, None)

    def __len__(self) -> int:
        """Number of open rooms."""
        return len(self._rooms)


ROOMS = Registry()
