"""A small city and a room on it, for the participatory-mode tests."""

from __future__ import annotations

from zelflerendestad.config.keywords import apply_keywords
from zelflerendestad.config.schema import CityConfig
from zelflerendestad.room import Room

TRAINER = "trainer-token-for-tests"
CODE = "ACDEF3"


def small_config(**extra) -> CityConfig:
    """300 residents, many awake, so a played starter finds like-minded contacts."""
    return apply_keywords(CityConfig(), {"residents": 300, "weeks": 60,
                                         "engagement.initial_engaged": 0.5, **extra})


def room(**kw) -> Room:
    """A room on the small city whose clock does not stop for a round."""
    return Room(small_config(), CODE, TRAINER, weeks_per_round=kw.pop("weeks_per_round", 100),
                **kw)


def seats(r: Room, roles: list[str]) -> dict[str, str]:
    """Join one participant per role given; role -> token (the first of each role)."""
    out: dict[str, str] = {}
    for role in roles:
        out.setdefault(role, r.join(CODE, role))
    return out
