"""Thin Mesa agents: each reads and writes one row of the model's state arrays.

The state lives in numpy arrays (`population.Residents`, `officials.Officials`) so the weekly
step is vectorised; these views keep Mesa's AgentSet, selection and data collection working:
`model.agents_by_type[Resident].select(lambda a: a.engaged)` does what a Mesa user expects.
The views are made the first time anything asks for the model's agents (`AgentViews`): a run
that never looks at single agents, such as a sweep or a city of a million, does not pay for a
million Python objects.
"""

from __future__ import annotations

from typing import Any

import mesa


def _view(group: str, name: str, cast: type) -> property:
    def get(self: Any) -> Any:
        return cast(getattr(getattr(self.model, group), name)[self.index])

    def put(self: Any, value: Any) -> None:
        getattr(getattr(self.model, group), name)[self.index] = value

    return property(get, put, doc=f"View on `model.{group}.{name}[index]`.")


class Resident(mesa.Agent):
    """A resident (inwoner): a view on row `index` of `model.residents`."""

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


class Connector(Resident):
    """A resident who started as a connector (kantelaar); `is_connector` says if still so."""


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


class AgentViews:
    """Mixin for a `mesa.Model`: its agents are created on first access, then kept.

    `agents`, `agents_by_type` and `agent_types` behave as in Mesa; the model supplies
    `_make_agents()`, which creates the views (they register themselves with Mesa as usual).
    """

    _views_made = False

    def _make_agents(self) -> None:
        raise NotImplementedError

    def _ensure_views(self) -> None:
        if not self._views_made:
            self._views_made = True
            self._make_agents()

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
