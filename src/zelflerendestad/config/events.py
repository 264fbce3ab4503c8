"""The interventions a timeline schedules (and the app fires live): one model per event type.

Each event type declares its own fields with defaults, bounds and a description; its docstring
says what it does. `Event` is their union, told apart by the `event` key, so a config reads
`{week: 52, event: urgency_shock, size: 0.4}` and a key another event type needs is an error.
The ODD's event table and the app's buttons are read from `EVENT_TYPES`; what each event does
to the city is in `interventions.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, TypeAdapter

from .params import ASSUMPTION, Section

GR = "Gneezy & Rustichini (2000)"
FJ = "Frey & Jegen (2001)"
OSTROM = "Ostrom (1990)"
FG = "Fehr & Gachter (2000)"


class _Scheduled(Section):
    evidence: ClassVar[str] = ASSUMPTION  # why the event does what it does: a source, or not
    week: int = Field(..., ge=0, description="Week in which the event fires (before the step)")


SELECTORS = ("everyone", "passive", "engaged", "active", "connectors", "members")


class Target(Section):
    """Whom a targeted event reaches: residents meeting every criterion named (none: all).

    `neighbourhoods` and `residents` are dwellings (a newcomer moving in is reached too),
    `commons` are the members of those initiatives or commons now, `selector` a group, and
    `share` a random share of what is left, drawn once when the event fires.
    """

    neighbourhoods: list[Annotated[int, Field(ge=0)]] | None = Field(
        None, description="Neighbourhood indices reached (none: all)")
    commons: list[Annotated[int, Field(ge=0)]] | None = Field(
        None, description="Initiative or commons indices whose members are reached (none: all)")
    residents: list[Annotated[int, Field(ge=0)]] | None = Field(
        None, description="Dwelling indices reached (none: all); an experiment's groups use it")
    selector: Literal[SELECTORS] = Field("everyone", description="Which residents: "
                                         + ", ".join(SELECTORS))
    share: float = Field(1.0, ge=0.0, le=1.0, description="Random share of those reached")


class _Targeted(_Scheduled):
    target: Target = Field(default_factory=Target, description="Whom the event reaches")
    weeks: int | None = Field(None, ge=1, description="How many weeks it runs (none: until a "
                              "stop event)")


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
    (principle 4B; the audit holds it to account against capture), its conditions cost each
    subsidised commons `commons.money.reporting_load` of its contributors' energy a week, and
    it is felt as control by engaged residents (`crowding.subsidy_weight`).
    """

    evidence: ClassVar[str] = FJ + "; seed 004 (subsidie)"

    event: Literal["subsidy_start"]


class SubsidyStop(_Scheduled):
    """The conditional subsidy stops."""

    event: Literal["subsidy_stop"]


class EnforcementStart(_Scheduled):
    """Enforcement of rules starts.

    It adds `programmes.enforcement_control` to control and procedure, catches free-riders in
    organised commons (`commons.monitoring.external_detection`, always at full severity), acts
    as a neutral arbiter in their conflicts (`commons.conflict.arbitration`) and holds them to
    account against capture (`commons.capture.vertical_check`), and is felt as control by
    engaged residents (`crowding.enforcement_weight`).
    """

    evidence: ClassVar[str] = GR + "; " + OSTROM + " (P4)"

    event: Literal["enforcement_start"]


class EnforcementStop(_Scheduled):
    """Enforcement of rules stops."""

    event: Literal["enforcement_stop"]


class ConnectorProgramme(_Scheduled):
    """The municipality invests in `programmes.connector_programme_size` residents.

    It finds real connectors as far as its officials are present in the street, otherwise the
    most visible residents (see the connector programme below).
    """

    evidence: ClassVar[str] = "seed 000 (kantelaars); assumption"

    event: Literal["connector_programme"]


class ReflectionTraining(_Scheduled):
    """Invested residents become trained (step 4, reflection)."""

    event: Literal["reflection_training"]


class LearningCircleStart(_Scheduled):
    """A learning circle (leerkring) starts teaching the code (step 4)."""

    evidence: ClassVar[str] = "seed 002 (leerkring); assumption"

    event: Literal["learning_circle_start"]


class LearningCircleStop(_Scheduled):
    """The learning circle stops."""

    event: Literal["learning_circle_stop"]


class ConnectorMovesAway(_Scheduled):
    """The `count` best-connected connectors move away.

    They take their bridging ties with them; newcomers take their dwellings.
    """

    evidence: ClassVar[str] = "seed 000; assumption"

    event: Literal["connector_moves_away"]
    count: int = Field(1, ge=1, description="How many connectors move away")


class UrgencyShock(_Scheduled):
    """Adds `size` to every official's urgency for `weeks` weeks."""

    evidence: ClassVar[str] = "assumption"

    event: Literal["urgency_shock"]
    size: float = _share(0.3, "Extra share of officials' time urgency eats")
    weeks: int = Field(8, ge=1, description="How many weeks the shock lasts")


class RulesImposed(_Scheduled):
    """The municipality imposes its rules (its code) on commons that have their own.

    A share `value` of the organised commons with own rules is affected (step 5).
    """

    evidence: ClassVar[str] = "Ostrom, Walker & Gardner (1992); Cardenas, Stranlund & Willis (2000)"

    event: Literal["rules_imposed"]
    value: float = _share(1.0, "Share of the commons with own rules affected")


class RulesReturned(_Scheduled):
    """The municipality hands rule-making back to commons on imposed rules.

    A share `value` of them is affected; their members re-decide their rules at once.
    """

    evidence: ClassVar[str] = OSTROM + " (P3)"

    event: Literal["rules_returned"]
    value: float = _share(1.0, "Share of the commons on imposed rules affected")


class LearningNetworkStart(_Scheduled):
    """Organised commons take part in a learning network of cities (leernetwerk, seed 003).

    They learn fitting rules (`commons.rules.network_learning`), count as nested (P8, help with
    conflicts) and save costs (`commons.money.network_cost_relief`).
    """

    evidence: ClassVar[str] = "seed 003 (leernetwerk); assumption"

    event: Literal["learning_network_start"]


class LearningNetworkStop(_Scheduled):
    """The learning network stops."""

    event: Literal["learning_network_stop"]


class PaymentOffer(_Targeted):
    """Offers the targeted residents a payment `amount` a week for taking part (a price).

    It adds `instruments.payment_response` x amount to their weekly chance to wake up, outside
    intrinsic receptivity, and is felt as control by all of them, engaged or not
    (`instruments.price_control` x amount): the price and the crowding it brings both act.
    """

    evidence: ClassVar[str] = FJ + "; Gneezy & Rustichini (2000b, pay enough or don't pay)"
    event: Literal["payment_offer"]
    amount: float = _share(0.5, "Payment as a share of the reference price (1: a full week's "
                           "worth of the effort)")


class PaymentStop(_Scheduled):
    """Every payment offer ends."""

    evidence: ClassVar[str] = GR
    event: Literal["payment_stop"]


class FineStart(_Targeted):
    """A fine `amount` on free-riding, levied with chance `inspection` a week (a price).

    The expected fine, `instruments.fine_weight` x inspection x amount, adds to the
    deterrence targeted commons members weigh when deciding to contribute; the fine is felt as
    control by every targeted resident whether or not it is ever levied
    (`instruments.price_control` x amount).
    """

    evidence: ClassVar[str] = GR + "; Cardenas, Stranlund & Willis (2000)"
    event: Literal["fine_start"]
    amount: float = _share(0.5, "Fine as a share of the reference price")
    inspection: float = _share(0.1, "Weekly chance a free-rider is fined (weak enforcement: "
                               "low)")


class FineStop(_Scheduled):
    """Every fine ends."""

    evidence: ClassVar[str] = GR
    event: Literal["fine_stop"]


class RecognitionStart(_Targeted):
    """Public recognition (praise, awards, visibility) of the targeted residents.

    They feel recognition `strength` (at least), which crowds intrinsic motivation in
    (`crowding.crowd_in`); unlike horizontal presence it needs no official in the street.
    """

    evidence: ClassVar[str] = FJ + " (crowding in); Deci, Koestner & Ryan (1999) verbal rewards"
    event: Literal["recognition_start"]
    strength: float = _share(0.5, "Recognition felt, [0, 1]")


class RecognitionStop(_Scheduled):
    """Every recognition programme ends."""

    evidence: ClassVar[str] = FJ
    event: Literal["recognition_stop"]


class PeerMonitoringStart(_Targeted):
    """The targeted organised commons (those most of whose members are reached) monitor peers.

    Their members' free-riding can be seen by members (principle 4); a commons may drop it again
    at its own rules review.
    """

    evidence: ClassVar[str] = OSTROM + " (P4); Ostrom, Walker & Gardner (1992)"
    event: Literal["peer_monitoring_start"]


class PeerMonitoringStop(_Targeted):
    """The targeted organised commons stop monitoring peers (they may take it up at review)."""

    evidence: ClassVar[str] = OSTROM + " (P4)"
    event: Literal["peer_monitoring_stop"]


EVENT_TYPES: tuple[type[_Scheduled], ...] = (
    SetVerticalShare, SubsidyStart, SubsidyStop, EnforcementStart, EnforcementStop,
    ConnectorProgramme, ReflectionTraining, LearningCircleStart, LearningCircleStop,
    ConnectorMovesAway, UrgencyShock, RulesImposed, RulesReturned, LearningNetworkStart,
    LearningNetworkStop, PaymentOffer, PaymentStop, FineStart, FineStop, RecognitionStart,
    RecognitionStop, PeerMonitoringStart, PeerMonitoringStop,
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
    | LearningNetworkStop | PaymentOffer | PaymentStop | FineStart | FineStop | RecognitionStart
    | RecognitionStop | PeerMonitoringStart | PeerMonitoringStop,
    Field(discriminator="event"),
]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


def parse_event(data: dict[str, Any]) -> Event:
    """Validate one event given as a mapping (raises pydantic's ValidationError)."""
    return EVENT_ADAPTER.validate_python(data)


def event_fields(event_type: type[_Scheduled]) -> dict[str, Any]:
    """The fields an event type adds to `week` and `event` (name -> pydantic FieldInfo)."""
    return {k: v for k, v in event_type.model_fields.items() if k not in ("week", "event")}


def is_targeted(event_type: type[_Scheduled]) -> bool:
    """Whether the event names a target and a duration."""
    return issubclass(event_type, _Targeted)
