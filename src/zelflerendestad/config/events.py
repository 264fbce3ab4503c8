"""The interventions a timeline schedules (and the app fires live): one model per event type.

Each event type declares its own fields with defaults, bounds and a description; its docstring
says what it does. `Event` is their union, told apart by the `event` key, so a config reads
`{week: 52, event: urgency_shock, size: 0.4}` and a key another event type needs is an error.
The ODD's event table and the app's buttons are read from `EVENT_TYPES`; what each event does
to the city is in `interventions.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, TypeAdapter, model_validator

from .params import ASSUMPTION, Section

GR = "Gneezy & Rustichini (2000)"
FJ = "Frey & Jegen (2001)"
OSTROM = "Ostrom (1990)"
FG = "Fehr & Gachter (2000)"


class _Scheduled(Section):
    evidence: ClassVar[str] = ASSUMPTION  # why the event does what it does: a source, or not
    played: ClassVar[bool] = False  # a played agent's choice (room/), not a trainer's button
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


class _Reaching(_Scheduled):
    """An event that reaches some residents (or the commons most of whose members it reaches)."""

    target: Target = Field(default_factory=Target, description="Whom the event reaches")


class _Targeted(_Reaching):
    """A lasting, targeted event: it runs `weeks` weeks or until its stop event."""

    weeks: int | None = Field(None, ge=1, description="How many weeks it runs (none: until a "
                              "stop event)")


def _share(default: float | None, description: str) -> Any:
    return Field(default, ge=0.0, le=1.0, description=description)


class SetVerticalShare(_Scheduled):
    """Sets the municipality's vertical share to `value` and re-steers at once."""

    event: Literal["set_vertical_share"]
    value: float = _share(..., "The new vertical share")


class SubsidyStart(_Targeted):
    """A conditional subsidy programme starts for the targeted residents.

    It relieves their energy drain when active (and contributors' extra drain in organised
    commons) by `programmes.subsidy_relief`, adds `programmes.subsidy_procedure` to procedure,
    pays each organised commons most of whose members it reaches `commons.money.subsidy_amount`
    a week and audits its money (principle 4B; the audit holds it to account against capture),
    its conditions cost each subsidised commons `commons.money.reporting_load` of its
    contributors' energy a week, and it is felt as control by engaged targeted residents
    (`crowding.subsidy_weight`).
    """

    evidence: ClassVar[str] = FJ + "; seed 004 (subsidie)"

    event: Literal["subsidy_start"]


class SubsidyStop(_Scheduled):
    """Every conditional subsidy stops."""

    event: Literal["subsidy_stop"]


class EnforcementStart(_Targeted):
    """Enforcement of rules starts for the targeted residents.

    It adds `programmes.enforcement_control` to the control and procedure they meet (incidents:
    in proportion to the share of a neighbourhood reached); in the organised commons most of
    whose members it reaches it catches free-riders (`commons.monitoring.external_detection`,
    always at full severity), acts as a neutral arbiter in their conflicts
    (`commons.conflict.arbitration`) and holds them to account against capture
    (`commons.capture.vertical_check`); it is felt as control by engaged targeted residents
    (`crowding.enforcement_weight`).
    """

    evidence: ClassVar[str] = GR + "; " + OSTROM + " (P4)"

    event: Literal["enforcement_start"]


class EnforcementStop(_Scheduled):
    """Every enforcement of rules stops."""

    event: Literal["enforcement_stop"]


class ConnectorProgramme(_Reaching):
    """The municipality invests in `programmes.connector_programme_size` targeted residents.

    It finds real connectors among them as far as its officials are present in the street,
    otherwise the most visible of them (see the connector programme below).
    """

    evidence: ClassVar[str] = "seed 000 (kantelaars); assumption"

    event: Literal["connector_programme"]


class ReflectionTraining(_Targeted):
    """Invested targeted residents become trained while it runs (step 4, reflection)."""

    event: Literal["reflection_training"]


class LearningCircleStart(_Scheduled):
    """A learning circle (leerkring) of officials starts teaching the code (step 4).

    It has no target: it acts on the municipality's one code, not on residents.
    """

    evidence: ClassVar[str] = "seed 002 (leerkring); assumption"

    event: Literal["learning_circle_start"]
    weeks: int | None = Field(None, ge=1, description="How many weeks it runs (none: until a "
                              "stop event)")


class LearningCircleStop(_Scheduled):
    """The learning circle stops."""

    event: Literal["learning_circle_stop"]


class ConnectorMovesAway(_Reaching):
    """The `count` best-connected targeted connectors move away.

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


class RulesImposed(_Reaching):
    """The municipality imposes its rules (its code) on commons that have their own.

    A share `value` of the targeted organised commons (most of whose members the target
    reaches) with own rules is affected (step 5).
    """

    evidence: ClassVar[str] = "Ostrom, Walker & Gardner (1992); Cardenas, Stranlund & Willis (2000)"

    event: Literal["rules_imposed"]
    value: float = _share(1.0, "Share of the commons with own rules affected")


class RulesReturned(_Reaching):
    """The municipality hands rule-making back to targeted commons on imposed rules.

    A share `value` of them is affected; their members re-decide their rules at once.
    """

    evidence: ClassVar[str] = OSTROM + " (P3)"

    event: Literal["rules_returned"]
    value: float = _share(1.0, "Share of the commons on imposed rules affected")


class LearningNetworkStart(_Targeted):
    """Targeted organised commons take part in a learning network of cities (leernetwerk).

    Those most of whose members the target reaches (counted each week) learn fitting rules
    (`commons.rules.network_learning`), count as nested (P8, help with conflicts) and save
    costs (`commons.money.network_cost_relief`); seed 003.
    """

    evidence: ClassVar[str] = "seed 003 (leernetwerk); assumption"

    event: Literal["learning_network_start"]


class LearningNetworkStop(_Scheduled):
    """Every learning network stops."""

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


class PeerPunishmentStart(_Targeted):
    """The targeted members may punish free-riders of their commons, at a cost of their own.

    Each week a contributing member reached punishes each free-rider they see with chance
    `commons.punishment.propensity`, spending `commons.punishment.cost` energy per punishment;
    each punishment adds `commons.punishment.impact` to the free-rider's deterrence.
    """

    evidence: ClassVar[str] = FG + " (costly punishment in public goods games)"
    event: Literal["peer_punishment_start"]


class PeerPunishmentStop(_Scheduled):
    """Every peer punishment ends."""

    evidence: ClassVar[str] = FG
    event: Literal["peer_punishment_stop"]


# --- played agents (participatory mode, `room/`): one person steers one official or dwelling ---
OFFICIAL_SPLIT = ("desk", "street", "learning")
RESIDENT_ACTIONS = ("join", "start", "leave", "contribute", "free_ride", "follow_model",
                    "rule_making")
CONNECTOR_ACTIONS = ("connect", "support", "mediate")


class OfficialPlan(_Scheduled):
    """A played official splits their weeks between urgent desk, street and learning.

    The split holds until the next plan; a plan without shares hands the official back to the
    model's rule (`officials.allocate_time`). Urgency above the desk share still has to be
    answered: it eats street and learning time in proportion, except the part of learning the
    learning culture protects (`played.planned_time`). An index beyond the officials is ignored.
    """

    played: ClassVar[bool] = True
    event: Literal["official_plan"]
    official: int = Field(..., ge=0, description="Index of the official (row)")
    desk: float | None = _share(None, "Share of the week at the urgent desk (none: the rule)")
    street: float | None = _share(None, "Share of the week in the street")
    learning: float | None = _share(None, "Share of the week spent learning")

    @model_validator(mode="after")
    def _whole_week(self) -> OfficialPlan:
        given = [getattr(self, k) for k in OFFICIAL_SPLIT]
        if any(v is None for v in given) and any(v is not None for v in given):
            raise ValueError("give desk, street and learning together, or none of them")
        if given[0] is not None and abs(sum(given) - 1.0) > 0.01:
            raise ValueError(f"desk + street + learning must be 1 (given: {sum(given):.2f})")
        return self


class ResidentChoice(_Scheduled):
    """A played resident acts, in their dwelling's row, on initiatives and their effort.

    `join` (an initiative that has not ended; `commons`) and `start` make the resident engaged
    and leave any initiative they were in; a starter asks like-minded engaged contacts to found
    it with them, as the model's starters do (`commons.formation`), and fails when too few are
    free; `leave` counts as an exit for `other` reasons. `contribute`, `free_ride` and
    `follow_model` set a stance that replaces the resident's contribution draw in step 5 until
    changed (contributing needs energy: a burnt-out member cannot). `rule_making`: the member
    takes part in making their initiative's rules (principle 3). Impossible acts are logged and
    change nothing.
    """

    evidence: ClassVar[str] = OSTROM + " (P3); " + FG
    played: ClassVar[bool] = True
    event: Literal["resident_choice"]
    resident: int = Field(..., ge=0, description="Dwelling index of the resident")
    action: Literal[RESIDENT_ACTIONS] = Field(..., description="What the resident does: "
                                              + ", ".join(RESIDENT_ACTIONS))
    commons: int | None = Field(None, ge=0, description="Initiative to join (`join` only)")


class ConnectorChoice(_Scheduled):
    """A played connector (kantelaar) connects, supports or mediates.

    `connect` adds a tie between the connector and `other` (a bridging tie when they live in
    different neighbourhoods; nothing in a fully mixed city); `support` makes the connector a
    member of initiative `commons` (connectors among members help resolve its conflicts);
    `mediate` makes the coming week's conflict resolution in `commons` count as if all its
    members were connectors (`commons.conflict.mediation`).
    """

    evidence: ClassVar[str] = "seed 000 (kantelaars); Burt (2004); assumption"
    played: ClassVar[bool] = True
    event: Literal["connector_choice"]
    resident: int = Field(..., ge=0, description="Dwelling index of the connector")
    action: Literal[CONNECTOR_ACTIONS] = Field(..., description="What the connector does: "
                                               + ", ".join(CONNECTOR_ACTIONS))
    other: int | None = Field(None, ge=0, description="Resident to connect with (`connect`)")
    commons: int | None = Field(None, ge=0, description="Initiative (`support`, `mediate`)")

    @model_validator(mode="after")
    def _target_given(self) -> ConnectorChoice:
        need = "other" if self.action == "connect" else "commons"
        if getattr(self, need) is None:
            raise ValueError(f"`{self.action}` needs `{need}`")
        return self


EVENT_TYPES: tuple[type[_Scheduled], ...] = (
    SetVerticalShare, SubsidyStart, SubsidyStop, EnforcementStart, EnforcementStop,
    ConnectorProgramme, ReflectionTraining, LearningCircleStart, LearningCircleStop,
    ConnectorMovesAway, UrgencyShock, RulesImposed, RulesReturned, LearningNetworkStart,
    LearningNetworkStop, PaymentOffer, PaymentStop, FineStart, FineStop, RecognitionStart,
    RecognitionStop, PeerMonitoringStart, PeerMonitoringStop, PeerPunishmentStart,
    PeerPunishmentStop, OfficialPlan, ResidentChoice, ConnectorChoice,
)


def event_name(event_type: type[_Scheduled]) -> str:
    """The `event` key that selects this event type."""
    return event_type.model_fields["event"].annotation.__args__[0]


EVENT_NAMES = tuple(event_name(t) for t in EVENT_TYPES)
EVENTS_BY_NAME = dict(zip(EVENT_NAMES, EVENT_TYPES, strict=True))
# The events a trainer fires from the app; played agents' events come from a room's choices.
TRAINER_EVENT_NAMES = tuple(n for n, t in EVENTS_BY_NAME.items() if not t.played)

Event = Annotated[
    SetVerticalShare | SubsidyStart | SubsidyStop | EnforcementStart | EnforcementStop
    | ConnectorProgramme | ReflectionTraining | LearningCircleStart | LearningCircleStop
    | ConnectorMovesAway | UrgencyShock | RulesImposed | RulesReturned | LearningNetworkStart
    | LearningNetworkStop | PaymentOffer | PaymentStop | FineStart | FineStop | RecognitionStart
    | RecognitionStop | PeerMonitoringStart | PeerMonitoringStop | PeerPunishmentStart
    | PeerPunishmentStop | OfficialPlan | ResidentChoice | ConnectorChoice,
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
    """Whether the event can name a target."""
    return issubclass(event_type, _Reaching)
