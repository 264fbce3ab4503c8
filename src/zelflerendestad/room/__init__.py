"""Participatory mode: a room of phones plays one shared city (HubNet for Python).

No Solara here: the pages in `app/` call this API. `roles` (who may do what), `choices` (what
a phone may send), `room` (the shared city, its clock and log), `council` (the vote becomes the
municipality's mix), `registry` (open rooms by code), `record` (export and replay), `safety`
(codes, tokens, rate limits), `errors` (why something was refused).
"""

from .choices import Choice, ConnectorAct, CouncilVote, OfficialWeek, ResidentAct, parse_choice
from .errors import (
    ChoiceRefused,
    NotTrainer,
    RateLimited,
    RoomClosed,
    RoomError,
    RoomFull,
    UnknownToken,
    WrongCode,
)
from .registry import ROOMS, Registry
from .roles import ROLES, Role
from .room import Participant, Room

__all__ = ["ROLES", "ROOMS", "Choice", "ChoiceRefused", "ConnectorAct", "CouncilVote",
           "NotTrainer", "OfficialWeek", "Participant", "RateLimited", "Registry",
           "ResidentAct", "Role", "Room", "RoomClosed", "RoomError", "RoomFull", "UnknownToken",
           "WrongCode", "parse_choice"]
