"""What a participant may send: one pydantic model per choice kind, bounded, told apart by `kind`.

A choice names no agent: the room knows which official or dwelling the sender steers and turns
the choice into model events (`config/events.py`) at the next tick (`room.py`). Unknown keys,
out-of-range numbers and oversized messages are refused here, before anything reaches the model.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from ..config.events import CONNECTOR_ACTIONS, RESIDENT_ACTIONS
from .errors import ChoiceRefused

MAX_MESSAGE_BYTES = 2_000  # a choice is a few dozen bytes; anything larger is refused unread
MAX_INDEX = 10_000_000  # initiative and resident indices are below the city's size


class _Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CouncilVote(_Choice):
    """A council member's current vote: the vertical share and which programmes should run.

    The room's decision is the median share and, per programme, the majority of the council
    members who voted (`council.py`).
    """

    kind: Literal["council_vote"] = "council_vote"
    vertical_share: float = Field(..., ge=0.0, le=1.0, description="Proposed vertical share")
    subsidy: bool = Field(False, description="A conditional subsidy programme should run")
    enforcement: bool = Field(False, description="Enforcement of rules should run")
    connector_programme: bool = Field(False, description="Invest in connectors (once)")
    learning_circle: bool = Field(False, description="A learning circle should run")


class OfficialWeek(_Choice):
    """An official's split of the week: urgent desk, street, learning (shares, summing to 1).

    Urgency above the desk share still has to be answered and eats street and learning time
    (`played.py`); the split holds until changed or until the official is handed back.
    """

    kind: Literal["official_week"] = "official_week"
    desk: float = Field(..., ge=0.0, le=1.0, description="Share at the urgent desk")
    street: float = Field(..., ge=0.0, le=1.0, description="Share in the street")
    learning: float = Field(..., ge=0.0, le=1.0, description="Share spent learning")

    @model_validator(mode="after")
    def _sums_to_one(self) -> OfficialWeek:
        total = self.desk + self.street + self.learning
        if abs(total - 1.0) > 0.01:
            raise ValueError(f"desk + street + learning must be 1 (given: {total:.2f})")
        return self


class ConnectorAct(_Choice):
    """A connector's act: tie two residents, support (join) an initiative, or mediate in one.

    `connect` needs `other` (a dwelling index, from the view's list); `support` and `mediate`
    need `commons` (an initiative index, from the view's list).
    """

    kind: Literal["connector_act"] = "connector_act"
    action: Literal[CONNECTOR_ACTIONS]
    other: int | None = Field(None, ge=0, le=MAX_INDEX, description="Resident to connect with")
    commons: int | None = Field(None, ge=0, le=MAX_INDEX, description="Initiative or commons")

    @model_validator(mode="after")
    def _target_given(self) -> ConnectorAct:
        need = "other" if self.action == "connect" else "commons"
        if getattr(self, need) is None:
            raise ValueError(f"`{self.action}` needs `{need}`")
        return self


class ResidentAct(_Choice):
    """A resident's act on initiatives, their effort, or their initiative's rules.

    Join (needs `commons`), start or leave an initiative; contribute, free-ride or let the model
    decide (a stance that holds until changed); take part in their initiative's rule-making.
    """

    kind: Literal["resident_act"] = "resident_act"
    action: Literal[RESIDENT_ACTIONS]
    commons: int | None = Field(None, ge=0, le=MAX_INDEX, description="Initiative to join")

    @model_validator(mode="after")
    def _target_given(self) -> ResidentAct:
        if self.action == "join" and self.commons is None:
            raise ValueError("`join` needs `commons`")
        return self


Choice = Annotated[CouncilVote | OfficialWeek | ConnectorAct | ResidentAct,
                   Field(discriminator="kind")]
CHOICE_ADAPTER: TypeAdapter[Choice] = TypeAdapter(Choice)
CHOICE_KINDS = ("council_vote", "official_week", "connector_act", "resident_act")


def parse_choice(message: Choice | dict[str, Any] | str | bytes) -> Choice:
    """Validate one choice given as a model, a mapping or a JSON text of bounded size."""
    if isinstance(message, CouncilVote | OfficialWeek | ConnectorAct | ResidentAct):
        return message
    if isinstance(message, str | bytes):
        raw = message.encode() if isinstance(message, str) else message
        if len(raw) > MAX_MESSAGE_BYTES:
            raise ChoiceRefused(f"message too large ({len(raw)} bytes; at most "
                                f"{MAX_MESSAGE_BYTES})")
        try:
            message = json.loads(raw)
        except ValueError as exc:
            raise ChoiceRefused(f"not JSON: {exc}") from None
    if not isinstance(message, dict):
        raise ChoiceRefused("a choice is a mapping with a `kind`")
    if len(json.dumps(message, default=str)) > MAX_MESSAGE_BYTES:
        raise ChoiceRefused(f"message too large (at most {MAX_MESSAGE_BYTES} bytes)")
    try:
        return CHOICE_ADAPTER.validate_python(message)
    except ValidationError as exc:
        errors = exc.errors()
        text = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'choice'}: "
                         f"{e['msg'].removeprefix('Value error, ')}" for e in errors[:3])
        raise ChoiceRefused(f"{text} (kinds: {', '.join(CHOICE_KINDS)})") from None
