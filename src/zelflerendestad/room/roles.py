"""The four roles a participant can play in a room, and which choices each may make.

A role is a seat at the table, not a new kind of agent: a council member votes on the
municipality's mix; an official, a connector and a resident each steer one existing agent of the
model (an official's row, a connector's or a resident's dwelling). Labels are Dutch first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The roles, by their English key (config keys and code are English)."""

    COUNCIL = "council"
    OFFICIAL = "official"
    CONNECTOR = "connector"
    RESIDENT = "resident"


@dataclass(frozen=True)
class RoleInfo:
    """What the screens say about a role and which choice kinds it may send."""

    label_nl: str
    label_en: str
    task_nl: str
    task_en: str
    choices: tuple[str, ...]  # `kind` values of `choices.Choice` this role may send
    steers: str  # what it steers in the model: "council" (a vote), "official" or "resident"


ROLES: dict[Role, RoleInfo] = {
    Role.COUNCIL: RoleInfo(
        "raadslid / wethouder", "council member / alderman",
        "Stem over de verticale inzet en de programma's; de stem van de raad is de koers van "
        "de gemeente.",
        "Vote on the vertical share and the programmes; the council's vote is the "
        "municipality's mix.",
        ("council_vote",), "council"),
    Role.OFFICIAL: RoleInfo(
        "ambtenaar", "official",
        "Verdeel je week over het loket (de waan van de dag), de straat en leren.",
        "Split your week between the urgent desk, the street and learning.",
        ("official_week",), "official"),
    Role.CONNECTOR: RoleInfo(
        "kantelaar", "connector",
        "Verbind mensen, steun een initiatief, bemiddel bij een conflict.",
        "Connect people, support an initiative, mediate a conflict.",
        ("connector_act",), "resident"),
    Role.RESIDENT: RoleInfo(
        "bewoner / initiatiefnemer", "resident / initiator",
        "Doe mee, begin of stop een initiatief, draag bij of lift mee, praat mee over de regels.",
        "Join, start or leave an initiative, contribute or free-ride, help make the rules.",
        ("resident_act",), "resident"),
}

# The order in which `balanced_role` fills a room: residents are the many, then officials,
# connectors and council; a room of 4 has one of each, a room of 40 mostly residents.
FILL_ORDER = (Role.RESIDENT, Role.OFFICIAL, Role.COUNCIL, Role.CONNECTOR)
TARGET_SHARE = {Role.RESIDENT: 0.45, Role.OFFICIAL: 0.2, Role.COUNCIL: 0.2, Role.CONNECTOR: 0.15}


def parse_role(value: str | Role) -> Role:
    """A role from its English key or its Dutch label; a clear error otherwise."""
    if isinstance(value, Role):
        return value
    text = str(value).strip().lower()
    for role, info in ROLES.items():
        if text in (role.value, *(w.strip() for w in info.label_nl.split("/")),
                    *(w.strip() for w in info.label_en.split("/"))):
            return role
    allowed = ", ".join(r.value for r in Role)
    raise ValueError(f"unknown role {value!r}; allowed: {allowed}")


def allowed(role: Role, kind: str) -> bool:
    """Whether `role` may send a choice of this kind."""
    return kind in ROLES[role].choices


def balanced_role(counts: dict[Role, int], available: dict[Role, int]) -> Role:
    """The role a newcomer who picks none gets: an empty role first, then the furthest behind.

    Behind means furthest below its target share (`TARGET_SHARE`).

    `counts` are the participants per role now, `available` how many more of each role the
    model has room for (officials and connectors are limited by the city). Ties go by
    `FILL_ORDER`, so the assignment does not depend on chance.
    """
    total = sum(counts.values()) + 1
    open_roles = [r for r in FILL_ORDER if available.get(r, 0) > 0]
    if not open_roles:
        raise ValueError("no role has room left")
    return max(open_roles, key=lambda r: (counts.get(r, 0) == 0,
                                          TARGET_SHARE[r] * total - counts.get(r, 0),
                                          -FILL_ORDER.index(r)))
