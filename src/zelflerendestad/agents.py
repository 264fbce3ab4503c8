"""Thin Mesa agents: each reads and writes one row of the model's state arrays.

The state lives in numpy arrays (`population.Residents`, `officials.Officials`) so the weekly
step is vectorised; these views keep Mesa's AgentSet, selection and data collection working:
`model.agents_by_type[Resident].select(lambda a: a.engaged)` does what a Mesa user expects.
The views are made the first time anything asks for the model's agents (`AgentViews`): a run
that never looks at single agents, such as a sweep or a city of a million, does not pay for a
million Python objects.

A view follows the person, not the dwelling: when a resident moves away (turnover, or a
connector leaving) the view is removed from the model and the newcomer in that row is a new
agent with a new `unique_id`. `Resident` and `Connector` are siblings (both an `Inhabitant`),
and a view's class is its resident's role *now*, so `select(agent_type=Resident)`,
`agents_by_type[Resident]` and a DataCollector's agent-type reporters count the same people;
`select(agent_type=Inhabitant)` gives every resident.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np


def _view(group: str, name: str, cast: type) -> property:
    def get(self: Any) -> Any:
        return cast(getattr(getattr(self.model, group), name)[self.index])

    def put(self: Any, value: Any) -> None:
        getattr(getattr(self.model, group), name)[self.index] = value

    return property(get, put, doc=f"View on `model.{group}.{name}[index]`.")


class Inhabitant(mesa.Agent):
    """A resident of the city, connector or not: a view on row `index` of `model.residents`."""

    def __init__(self, model: mesa.Model, index: int):
        super().__init__(model)
        self.index = index

    neighbourhood = _view("residents", "neighbourhood", int)
    is_connector = _view("residents", "is_connector", bool)
    engaged = _view("residents", "engaged", bool)
    active = _view("residents", "active", bool)
    motivation = _view("residents", "motivation", float)
    ownership = _view("residents", "ownership", float)
    trust_gov = _view("residents", "trust_gov", float)
    trust_nbr = _view("residents", "trust_nbr", float)
    energy = _view("residents", "energy", float)
    capacity = _view("residents", "capacity", float)

    @property
    def knowledge(self) -> float:
        """Share of 'what works here' this resident believes correctly."""
        return float((self.model.residents.beliefs[self.index] == self.model.reality).mean())

    def remove(self) -> None:
        """This resident moves away: a newcomer takes the row (and is a new agent)."""
        self.model.move_out(np.array([self.index]))


class Resident(Inhabitant):
    """A resident (inwoner) who is not a connector now."""


class Connector(Inhabitant):
    """A resident who is a connector (kantelaar) now; the role leaves with the person."""


class Official(mesa.Agent):
    """A frontline official (ambtenaar): a view on row `index` of `model.officials`."""

    def __init__(self, model: mesa.Model, index: int):
        super().__init__(model)
        self.index = index

    style = _view("officials", "style", float)
    order = _view("officials", "order", int)
    strain = _view("officials", "strain", float)
    street_time = _view("officials", "street_time", float)
    learning_time = _view("officials", "learning_time", float)

    def remove(self) -> None:
        """Officials are the municipality's fixed staff (config `officials.count`)."""
        raise TypeError("officials cannot be removed: the staff is fixed by officials.count")


class AgentViews:
    """Mixin for a `mesa.Model`: its agents are created on first access, then kept in step.

    `agents`, `agents_by_type` and `agent_types` behave as in Mesa. The model supplies
    `residents.tenancy` (a counter per row, raised when someone moves in) and calls
    `sync_views()` after anything that moves residents or changes roles.
    """

    _views: list[Inhabitant] | None = None
    _view_tenancy: np.ndarray | None = None

    def _ensure_views(self) -> None:
        if self._views is None:
            r = self.residents  # type: ignore[attr-defined]
            self._views = [(Connector if r.is_connector[i] else Resident)(self, i)
                           for i in range(r.n)]
            self._view_tenancy = r.tenancy.copy()
            for j in range(self.officials.n):  # type: ignore[attr-defined]
                Official(self, j)

    def sync_views(self) -> None:
        """Leavers' views go, newcomers get new ones; a view's class follows the role."""
        if self._views is None:
            return
        r = self.residents  # type: ignore[attr-defined]
        moved = np.flatnonzero(r.tenancy != self._view_tenancy)
        for i in moved:
            mesa.Agent.remove(self._views[i])
            self._views[i] = (Connector if r.is_connector[i] else Resident)(self, int(i))
        self._view_tenancy[moved] = r.tenancy[moved]
        is_view_connector = np.fromiter((type(v) is Connector for v in self._views), bool, r.n)
        for i in np.flatnonzero(is_view_connector != r.is_connector):
            view, uid = self._views[i], self._views[i].unique_id
            self.deregister_agent(view)  # type: ignore[attr-defined]
            view.__class__ = Connector if r.is_connector[i] else Resident
            self.register_agent(view)  # type: ignore[attr-defined]
            view.unique_id = uid  # the same person in a new role

    @property
    def agents(self) -> mesa.agent.AgentSet:
        """All agents (Mesa's AgentSet), created on first access."""
        self._ensure_views()
        return super().agents  # type: ignore[misc]

    @property
    def agents_by_type(self) -> dict[type, mesa.agent.AgentSet]:
        """Agents by class (Mesa's AgentSets), created on first access."""
        self._ensure_views()
        return super().agents_by_type  # type: ignore[misc]

    @property
    def agent_types(self) -> list[type]:
        """Classes of the model's agents, created on first access."""
        self._ensure_views()
        return super().agent_types  # type: ignore[misc]
