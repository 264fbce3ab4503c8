"""Why the room refused something: one exception class per reason, each with a bilingual text.

The UI shows `str(error)` (English / Dutch) on the screen of the one who tried; nothing in it
names another participant's token or the trainer's.
"""

from __future__ import annotations


class RoomError(Exception):
    """Base class: the room refused a request; the message is for the person who made it."""

    en = "the room refused this"
    nl = "de ruimte weigerde dit"

    def __init__(self, detail: str = ""):
        self.detail = detail
        super().__init__(f"{self.en} / {self.nl}" + (f": {detail}" if detail else ""))


class WrongCode(RoomError):
    """No open room has this join code."""

    en, nl = "no room with this code", "geen ruimte met deze code"


class UnknownToken(RoomError):
    """The token belongs to no participant of this room."""

    en, nl = "unknown participant", "onbekende deelnemer"


class NotTrainer(RoomError):
    """A trainer action without the trainer's token."""

    en, nl = "only the trainer may do this", "alleen de trainer mag dit"


class RoomFull(RoomError):
    """The room has its maximum of participants, or no seat of the asked role is left."""

    en, nl = "the room is full", "de ruimte is vol"


class RoomClosed(RoomError):
    """The trainer closed the room."""

    en, nl = "the room is closed", "de ruimte is gesloten"


class RateLimited(RoomError):
    """Too many messages from one token in a short time."""

    en, nl = "too many messages, wait a moment", "te veel berichten, wacht even"


class ChoiceRefused(RoomError, ValueError):
    """A message that is not a valid choice, or one the sender's role may not make."""

    en, nl = "choice refused", "keuze geweigerd"
