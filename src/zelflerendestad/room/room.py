"""A workshop room: one shared city played by a trainer and the participants' phones.

join code -> `Room.join()` -> token -> `Room.choose(token, choice)` -> pending choices ->
`Room.tick(trainer_token)` turns them into model events (`config/events.py`), applies them
through `CityModel.intervene()` at the current week, measures the week again and steps one week.
A live event at week w leaves the model as a timeline event `{week: w}` would, so the round's
config plus its choices file replays the room exactly (`record.py`, `zelflerendestad rerun`).
Agents no one plays (and those of dropped participants) follow the model's rules.

Thread-safe: one lock per room serialises every call (phones, the projector and the clock
thread of the UI). `version` rises on every change, so a page can poll it cheaply.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from ..config.schema import CityConfig
from ..model import CityModel
from . import council, views
from .choices import Choice, ConnectorAct, CouncilVote, OfficialWeek, ResidentAct, parse_choice
from .errors import (
    ChoiceRefused,
    NotTrainer,
    RateLimited,
    RoomClosed,
    RoomFull,
    UnknownToken,
    WrongCode,
)
from .roles import ROLES, Role, allowed, balanced_role, parse_role
from .safety import RateLimit, new_token, normalise_code, same_secret

MAX_PARTICIPANTS = 60  # a workshop room; each phone polls its view
MAX_NAME = 40  # characters of a display name
WEEKS_PER_ROUND = 13  # a quarter: the clock pauses for discussion after a round
MAX_PENDING = 6  # choices one seat may have waiting for the tick
MAX_TICK_WEEKS = 52  # weeks one tick may advance
HANDED_BACK = "handed_back"  # the `kind` logged when a dropped seat's agent returns to the model


@dataclass
class Participant:
    """One phone in the room. `seat` is its public number; the token is never shown to others."""

    token: str
    seat: int  # 1, 2, ...: how the projector and the choices log name this participant
    role: Role
    name: str
    agent: int | None  # official row or dwelling steered (None for a council member)
    joined_week: int
    last_seen: float
    connected: bool = True
    choices: int = 0  # how many choices they made

    def public(self) -> dict[str, Any]:
        """The participant as the trainer's roster shows them (no token)."""
        return {"seat": self.seat, "role": self.role.value, "name": self.name,
                "agent": self.agent, "connected": self.connected, "last_seen": self.last_seen,
                "joined_week": self.joined_week, "choices": self.choices}


@dataclass
class LoggedChoice:
    """One human choice as logged: when, by whom (seat, role), what, and the events it made."""

    week: int
    seat: int
    role: str
    choice: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # what the events did (the model's log)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the log, the projector and the export."""
        return {"week": self.week, "seat": self.seat, "role": self.role,
                "choice": dict(self.choice), "events": [dict(e) for e in self.events],
                "texts": list(self.texts)}


class Room:
    """One shared city, its participants, its clock and its log of human choices."""

    def __init__(self, config: CityConfig, code: str, trainer_token: str, *,
                 max_participants: int = MAX_PARTICIPANTS,
                 weeks_per_round: int = WEEKS_PER_ROUND,
                 clock: Callable[[], float] = time.monotonic,
                 rate_limit: RateLimit | None = None):
        """Build the room's city from `config` (seed: `config.run.seed`).

        `code` and `trainer_token` come from the registry (`safety.py`); `clock` is injectable
        so tests can move time (rate limits, last seen).
        """
        self.lock = threading.RLock()
        self.config = config
        self.code = code
        self._trainer = trainer_token
        self.max_participants = max_participants
        self.weeks_per_round = weeks_per_round
        self.clock = clock
        self.rate = rate_limit or RateLimit(clock=clock)
        self.model: CityModel | None = CityModel(config, seed=config.run.seed)
        self.participants: dict[str, Participant] = {}
        self.log: list[LoggedChoice] = []
        self.pending: dict[int, list[Choice | dict[str, Any]]] = {}
        self.votes: dict[int, CouncilVote] = {}
        self.version = 0
        self.round = 1
        self.round_start = 0  # the week the current round began
        self.playing = False
        self.closed = False
        self.shown: dict[Role, bool] = dict.fromkeys(Role, True)  # reveal(): city shown or not

    @property
    def week(self) -> int:
        """The week the city has reached."""
        return self.model.week if self.model is not None else -1

    def _changed(self) -> None:
        self.version += 1

    def _open(self) -> CityModel:
        if self.closed or self.model is None:
            raise RoomClosed()
        return self.model

    # participants --------------------------------------------------------------------------
    def join(self, code: str, role: Role | str | None = None, name: str = "") -> str:
        """Enter the room with its join code; returns the participant's secret token.

        With no `role` the room assigns the one that balances it (`roles.balanced_role`).
        Refuses a wrong code (`WrongCode`), a full room or role (`RoomFull`), a closed room.
        """
        with self.lock:
            model = self._open()
            if not same_secret(normalise_code(code), self.code):
                raise WrongCode()
            if len(self.participants) >= self.max_participants:
                raise RoomFull(f"at most {self.max_participants} participants")
            free = self._free_agents(model)
            counts = {r: sum(p.role is r for p in self.participants.values()) for r in Role}
            if role is None:
                role = balanced_role(counts, {r: len(a) for r, a in free.items()})
            else:
                try:
                    role = parse_role(role)
                except ValueError as exc:
                    raise ChoiceRefused(str(exc)) from None
                if not free[role]:
                    raise RoomFull(f"no {role.value} left to play")
            token = new_token()
            seat = len(self.participants) + 1
            name = " ".join(str(name).split())[:MAX_NAME] or f"{ROLES[role].label_nl} {seat}"
            self.participants[token] = Participant(token, seat, role, name, free[role][0],
                                                   model.week, self.clock())
            self._changed()
            return token

    def _free_agents(self, model: CityModel) -> dict[Role, list[int | None]]:
        """Per role, the agents nobody plays yet, in the order they are handed out.

        Residents are spread over the neighbourhoods (the least played one first); officials
        and connectors go by index; council seats need no agent.
        """
        taken = {p.agent for p in self.participants.values() if p.role is not Role.COUNCIL}
        r = model.residents
        officials = [k for k in range(model.officials.n) if k not in taken]
        connectors = [int(i) for i in np.flatnonzero(r.is_connector) if int(i) not in taken]
        played = np.zeros(model.n_nbhd, dtype=np.int64)
        for p in self.participants.values():
            if p.role in (Role.RESIDENT, Role.CONNECTOR):
                played[r.neighbourhood[p.agent]] += 1
        rows = np.flatnonzero(~r.is_connector)
        rows = rows[~np.isin(rows, list(taken))]
        rows = rows[np.lexsort((rows, played[r.neighbourhood[rows]]))][:1]
        return {Role.COUNCIL: [None], Role.OFFICIAL: officials, Role.CONNECTOR: connectors,
                Role.RESIDENT: [int(i) for i in rows]}

    def participant(self, token: str) -> Participant:
        """The participant holding `token` (marks them seen); `UnknownToken` otherwise."""
        with self.lock:
            p = self.participants.get(token) if isinstance(token, str) else None
            if p is None:
                raise UnknownToken()
            p.last_seen = self.clock()
            return p

    def drop(self, token: str) -> None:
        """The participant's phone went away: the model takes over their agent at the next tick.

        Their persistent choices (an official's split, a resident's contribute/free-ride) are
        handed back to the model's rules, logged as choices of the seat; their council vote no
        longer counts. The seat is kept for `rejoin`.
        """
        with self.lock:
            self._open()
            p = self.participant(token)
            if not p.connected:
                return
            p.connected = False
            self.votes.pop(p.seat, None)
            self.pending[p.seat] = [{"kind": HANDED_BACK}]
            self._changed()

    def rejoin(self, token: str) -> Participant:
        """The same participant is back (same token): same seat, role and agent."""
        with self.lock:
            self._open()
            p = self.participant(token)
            if not p.connected:
                p.connected = True
                self._changed()
            return p

    def drop_stale(self, max_idle: float) -> list[int]:
        """Drop every connected participant not seen for `max_idle` seconds; their seats."""
        with self.lock:
            now = self.clock()
            stale = [p for p in self.participants.values()
                     if p.connected and now - p.last_seen > max_idle]
            for p in stale:
                self.drop(p.token)
                p.last_seen = now - max_idle - 1  # drop() marked them seen
            return [p.seat for p in stale]

    # choices -------------------------------------------------------------------------------
    def choose(self, token: str, choice: Choice | dict[str, Any] | str) -> str:
        """Take a participant's choice; it acts on the city at the next tick.

        Validates size and fields (`choices.parse_choice`), the role (`ChoiceRefused`), the
        target (an initiative that exists, a resident in range) and the rate (`RateLimited`).
        A later choice of the same kind from the same seat replaces a pending one. Returns a
        short confirmation (English / Dutch).
        """
        with self.lock:
            model = self._open()
            p = self.participant(token)
            if not self.rate.allow(token):
                raise RateLimited()
            choice = parse_choice(choice)
            if not allowed(p.role, choice.kind):
                raise ChoiceRefused(f"a {p.role.value} cannot send {choice.kind}; allowed: "
                                    + ", ".join(ROLES[p.role].choices))
            self._check_target(model, p, choice)
            if not p.connected:
                p.connected = True  # a choice is a sign of life
            waiting = [c for c in self.pending.get(p.seat, []) if not _same_slot(c, choice)]
            if len(waiting) >= MAX_PENDING:
                raise ChoiceRefused(f"at most {MAX_PENDING} choices wait for the next week")
            if isinstance(choice, CouncilVote):
                self.votes[p.seat] = choice
            self.pending[p.seat] = [*waiting, choice]
            p.choices += 1
            self._changed()
            return "noted, it counts from next week / genoteerd, telt vanaf volgende week"

    def _check_target(self, model: CityModel, p: Participant, choice: Choice) -> None:
        c, n = model.commons.commons, model.residents.n
        k = getattr(choice, "commons", None)
        if k is not None and (k >= c.n or c.stage[k] == 2):
            raise ChoiceRefused(f"initiative {k} does not exist or has ended")
        other = getattr(choice, "other", None)
        if other is not None and (other >= n or other == p.agent):
            raise ChoiceRefused(f"resident {other} is not someone to connect with")

    def _events(self, p: Participant, choice: Choice | dict[str, Any]) -> list[dict[str, Any]]:
        """The model events one choice of seat `p` makes (council votes are counted apart)."""
        if isinstance(choice, OfficialWeek):
            return [{"event": "official_plan", "official": p.agent, "desk": choice.desk,
                     "street": choice.street, "learning": choice.learning}]
        if isinstance(choice, ResidentAct):
            return [{"event": "resident_choice", "resident": p.agent, "action": choice.action,
                     **({} if choice.commons is None else {"commons": choice.commons})}]
        if isinstance(choice, ConnectorAct):
            target = {"other": choice.other} if choice.action == "connect" else {
                "commons": choice.commons}
            return [{"event": "connector_choice", "resident": p.agent, "action": choice.action,
                     **target}]
        if isinstance(choice, dict) and choice.get("kind") == HANDED_BACK:
            if p.role is Role.OFFICIAL and p.agent in self.model.played.plans:
                return [{"event": "official_plan", "official": p.agent}]
            if p.role is not Role.COUNCIL and p.agent in self.model.played.stance:
                return [{"event": "resident_choice", "resident": p.agent,
                         "action": "follow_model"}]
        return []

    def _apply(self, seat: int, role: str, choice: dict[str, Any],
               events: list[dict[str, Any]]) -> None:
        model = self.model
        texts = [model.intervene(dict(e)) for e in events]
        self.log.append(LoggedChoice(model.week, seat, role, choice,
                                     [{"week": model.week, **e} for e in events], texts))

    def _apply_pending(self) -> None:
        """This week's choices, seat by seat, then the council's decision, as model events."""
        by_seat = {p.seat: p for p in self.participants.values()}
        before = len(self.log)
        for seat in sorted(self.pending):
            p = by_seat[seat]
            for choice in self.pending[seat]:
                data = choice if isinstance(choice, dict) else choice.model_dump(mode="json")
                self._apply(seat, p.role.value, data, self._events(p, choice))
        self.pending.clear()
        decision = council.decide([self.votes[s] for s in sorted(self.votes)])
        events = council.decision_events(decision, self.model.municipality)
        if events:
            self._apply(0, Role.COUNCIL.value, {"kind": "council_decision",
                                                "vertical_share": decision.vertical_share,
                                                **decision.programmes,
                                                "votes": decision.votes}, events)
        if any(e.events for e in self.log[before:]):
            self.model.record_again()

    # trainer ------------------------------------------------------------------------------
    def is_trainer(self, token: str | None) -> bool:
        """Whether `token` is this room's trainer token (constant-time)."""
        return same_secret(token, self._trainer)

    def _trainer_only(self, token: str | None) -> CityModel:
        if not self.is_trainer(token):
            raise NotTrainer()
        return self._open()

    def tick(self, trainer_token: str, weeks: int = 1) -> int:
        """Apply the pending choices and the council's decision, then step `weeks` weeks.

        Returns the week reached. A round ends after `weeks_per_round` weeks: the clock stops
        (`playing` False) for discussion until `next_round`.
        """
        with self.lock:
            model = self._trainer_only(trainer_token)
            weeks = max(1, min(int(weeks), MAX_TICK_WEEKS))
            self._apply_pending()
            for _ in range(weeks):
                model.step()
                if model.week - self.round_start >= self.weeks_per_round:
                    self.playing = False
                    break
            self._changed()
            return model.week

    def play(self, trainer_token: str) -> None:
        """Let the UI's clock tick on its own (`playing` True)."""
        with self.lock:
            self._trainer_only(trainer_token)
            self.playing = True
            self._changed()

    def pause(self, trainer_token: str) -> None:
        """Stop the clock for discussion (`playing` False)."""
        with self.lock:
            self._trainer_only(trainer_token)
            self.playing = False
            self._changed()

    def next_round(self, trainer_token: str) -> int:
        """Start the next round and let the clock run; returns its number."""
        with self.lock:
            model = self._trainer_only(trainer_token)
            self.round += 1
            self.round_start = model.week
            self.playing = True
            self._changed()
            return self.round

    def reveal(self, trainer_token: str, role: Role | str, shown: bool) -> None:
        """Show or hide the shared city's figures on the screens of one role."""
        with self.lock:
            self._trainer_only(trainer_token)
            try:
                self.shown[parse_role(role)] = bool(shown)
            except ValueError as exc:
                raise ChoiceRefused(str(exc)) from None
            self._changed()

    def close(self, trainer_token: str) -> None:
        """End the room: tokens stop working, the model is freed."""
        with self.lock:
            if not self.is_trainer(trainer_token):
                raise NotTrainer()
            self.closed, self.playing = True, False
            self.model = None
            self.participants.clear()
            self.pending.clear()
            self.votes.clear()
            self._changed()

    def roster(self, trainer_token: str) -> list[dict[str, Any]]:
        """Trainer only: every seat with role, name, agent, connected, last seen, choices."""
        with self.lock:
            self._trainer_only(trainer_token)
            return [p.public() for p in sorted(self.participants.values(),
                                               key=lambda p: p.seat)]

    def export(self, trainer_token: str, folder: Path, force: bool = False) -> Path:
        """Trainer only: write the round's record (`record.export_round`) to `folder`."""
        from .record import export_round

        self._trainer_only(trainer_token)
        return export_round(self, folder, force=force)

    def model_alone(self, trainer_token: str) -> pa.Table:
        """Trainer only: the same seed and weeks played by the model alone (the debrief)."""
        from .record import model_alone

        self._trainer_only(trainer_token)
        return model_alone(self)

    # what the screens show ----------------------------------------------------------------
    def view(self, token: str) -> dict[str, Any]:
        """What one participant's phone shows (plain data; no tokens but their own).

        Keys: `version`, `week`, `round`, `playing`, `closed`, `seat`, `role`, `role_label`
        ({"nl", "en"}), `task` ({"nl", "en"}), `name`, `choices` (kinds allowed), `pending`
        (their choice waiting for the tick, or None), `me` (their agent's state: see below),
        `options` (what they may pick: initiatives, residents to connect), `city` (shared
        figures, or None when the trainer hides them for this role).
        `me` per role: council {"vote", "decision"}; official {"official", "urgency", "strain",
        "street_time", "learning_time", "order", "split"}; connector and resident
        {"resident", "neighbourhood", "engaged", "active", "energy", "ownership", "member_of",
        "stance" (contribute / free_ride / model)}.
        """
        with self.lock:
            model = self._open()
            p = self.participant(token)
            info = ROLES[p.role]
            pending = self.pending.get(p.seat, [])
            me = (views.me(model, p.role, p.agent) if p.role is not Role.COUNCIL else
                  {"vote": _dump(self.votes.get(p.seat)), "decision": self._decision()})
            return {"version": self.version, "week": model.week, "round": self.round,
                    "playing": self.playing, "closed": self.closed, "seat": p.seat,
                    "role": p.role.value, "role_label": {"nl": info.label_nl,
                                                         "en": info.label_en},
                    "task": {"nl": info.task_nl, "en": info.task_en}, "name": p.name,
                    "choices": list(info.choices),
                    "pending": [_dump(c) for c in pending if not isinstance(c, dict)] or None,
                    "me": me, "options": views.options(model, p.role, p.agent),
                    "city": views.city(model) if self.shown[p.role] else None}

    def projector(self) -> dict[str, Any]:
        """The shared screen's data (no tokens).

        Keys: `version`, `code`, `week`, `round`, `playing`, `closed`, `seats` (count per
        role), `connected` (count), `decision` (the council's, or None), `recent` (the last
        choices: week, seat, role, kind, text) and `city` (the shared figures).
        """
        with self.lock:
            model = self._open()
            people = list(self.participants.values())
            recent = [{"week": e.week, "seat": e.seat, "role": e.role,
                       "kind": e.choice.get("kind"), "text": "; ".join(e.texts)}
                      for e in self.log[-10:]]
            return {"version": self.version, "code": self.code, "week": model.week,
                    "round": self.round, "playing": self.playing, "closed": self.closed,
                    "seats": {r.value: sum(p.role is r for p in people) for r in Role},
                    "connected": sum(p.connected for p in people),
                    "decision": self._decision(), "recent": recent,
                    "city": views.city(model)}

    def _decision(self) -> dict[str, Any] | None:
        d = council.decide([self.votes[s] for s in sorted(self.votes)])
        return None if d is None else {"vertical_share": d.vertical_share, **d.programmes,
                                       "votes": d.votes}

    def choices_log(self) -> list[dict[str, Any]]:
        """Every choice so far: week, seat, role, choice, the events it produced."""
        with self.lock:
            return [e.as_dict() for e in self.log]


def _same_slot(old: Choice | dict[str, Any], new: Choice) -> bool:
    """Whether a new choice replaces a waiting one: same kind (and, for acts, same sort)."""
    if isinstance(old, dict) or old.kind != new.kind:
        return False
    if isinstance(new, ResidentAct):
        sorts = ({"join", "start", "leave"}, {"contribute", "free_ride", "follow_model"},
                 {"rule_making"})
        return any(old.action in s and new.action in s for s in sorts)
    if isinstance(new, ConnectorAct):
        return old.action == new.action
    return True


def _dump(choice: Choice | None) -> dict[str, Any] | None:
    return None if choice is None else choice.model_dump(mode="json")
