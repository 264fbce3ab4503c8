"""The interventions a timeline schedules (and the app fires live): one model per event type.

Each event type declares its own fields with defaults, bounds and a description; its docstring
says what it does. `Event` is their union, told apart by the `event` key, so a config reads
`{week: 52, event: urgency_shock, size: 0.4}` and a key another event type needs is an error.
The ODD's event table and the app's buttons are read from `EVENT_TYPES`; what each event does
to the city is in `interventions.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from .params import Section


class _Scheduled(Section):
    week: int = Field(..., ge=0, description="Week in which the event fires (before the step)")


def _share(default: float | None, description: str) -> Any:
    return Field(default, ge=0.0, le=1.0, description=description)


class SetVerticalShare(_Scheduled):
    """Sets the municipality's vertical share to `value` and re-steers at once."""

    event: Literal["set_vertical_share"]
    value: float = _share(..., "The new vertical share")


class SubsidyStart(_Scheduled):
    """A conditional subsidy programme starts.

    It relieves active residents' energy drain (and contributors' extra drain in organised
    commons) by `programmes.subsidy_relief`, adds `programmes.subsidy_procedure` to procedure,
    pays each organised commons `commons.money.subsidy_amount` a week and audits its money
    (principle 4B), and is felt as control by engaged residents (`crowding.subsidy_weight`).
    """

    event: Literal["subsidy_start"]


class SubsidyStop(_Scheduled):
    """The conditional subsidy stops."""

    event: Literal["subsidy_stop"]


class EnforcementStart(_Scheduled):
    """Enforcement of rules starts.

    It adds `programmes.enforcement_control` to control and procedure, catches free-riders in
    organised commons (`commons.monitoring.external_detection`, always at full severity), and is
    felt as control by engaged residents (`crowding.enforcement_weight`).
    """

    event: Literal["enforcement_start"]


class EnforcementStop(_Scheduled):
    """Enforcement of rules stops."""

    event: Literal["enforcement_stop"]


class ConnectorProgramme(_Scheduled):
    """The municipality invests in `programmes.connector_programme_size` residents.

    It finds real connectors as far as its officials are present in the street, otherwise the
    most visible residents (see the connector programme below).
    """

    event: Literal["connector_programme"]


class ReflectionTraining(_Scheduled):
    """Invested residents become trained (step 4, reflection)."""

    event: Literal["reflection_training"]


class LearningCircleStart(_Scheduled):
    """A learning circle (leerkring) starts teaching the code (step 4)."""

    event: Literal["learning_circle_start"]


class LearningCircleStop(_Scheduled):
    """The learning circle stops."""

    event: Literal["learning_circle_stop"]


class ConnectorMovesAway(_Scheduled):
    """The `count` best-connected connectors move away.

    They take their bridging ties with them; newcomers take their dwellings.
    """

    event: Literal["connector_moves_away"]
    count: int = Field(1, ge=1, description="How many connectors move away")


class UrgencyShock(_Scheduled):
    """Adds `size` to every official's urgency for `weeks` weeks."""

    event: Literal["urgency_shock"]
    size: float = _share(0.3, "Extra share of officials' time urgency eats")
    weeks: int = Field(8, ge=1, description="How many weeks the shock lasts")


class RulesImposed(_Scheduled):
    """The municipality imposes its rules (its code) on commons that have their own.

    A share `value` of the organised commons with own rules is affected (step 5).
    """

    event: Literal["rules_imposed"]
    value: float = _share(1.0, "Share of the commons with own rules affected")


class RulesReturned(_Scheduled):
    """The municipality hands rule-making back to commons on imposed rules.

    A share `value` of them is affected; their members re-decide their rules at once.
    """

    event: Literal["rules_returned"]
    value: float = _share(1.0, "Share of the commons on imposed rules affected")


class LearningNetworkStart(_Scheduled):
    """Organised commons take part in a learning network of cities (leernetwerk, seed 003).

    They learn fitting rules (`commons.rules.network_learning`), count as nested (P8, help with
    conflicts) and save costs (`commons.money.network_cost_relief`).
    """

    event: Literal["learning_network_start"]


class LearningNetworkStop(_Scheduled):
    """The learning network stops."""

    event: Literal["learning_network_stop"]


EVENT_TYPES: tuple[type[_Scheduled], ...] = (
    SetVerticalShare, SubsidyStart, SubsidyStop, EnforcementStart, EnforcementStop,
    ConnectorProgramme, ReflectionTraining, LearningCircleStart, LearningCircleStop,
    ConnectorMovesAway, UrgencyShock, RulesImposed, RulesReturned, LearningNetworkStart,
    LearningNetworkStop,
)


def event_name(event_type: type[_Scheduled]) -> str:
    """The `event` key that selects this event type."""
    return event_type.model_fields["event"].annotation.__args__[0]


EVENT_NAMES = tuple(event_name(t) for t in EVENT_TYPES)
EVENTS_BY_NAME = dict(zip(EVENT_NAMES, EVENT_TYPES, strict=True))

Event = Annotated[
    SetVerticalShare | SubsidyStart | SubsidyStop | EnforcementStart | EnforcementStop
    | ConnectorProgramme | ReflectionTraining | LearningCircleStart | LearningCircleStop
    | ConnectorMovesAway | UrgencyShock | RulesImposed | RulesReturned | LearningNetworkStart
    | LearningNetworkStop,
    Field(discriminator="event"),
]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


def parse_event(data: dict[str, Any]) -> Event:
    """Validate one event given as a mapping (raises pydantic's ValidationError)."""
    return EVENT_ADAPTER.validate_python(data)


def event_fields(event_type: type[_Scheduled]) -> dict[str, Any]:
    """The fields an event type adds to `week` and `event` (name -> pydantic FieldInfo)."""
    return {k: v for k, v in event_type.model_fields.items() if k not in ("week", "event")}
