"""Mesa's DataCollector over the model's weekly measures, so `batch_run` and SolaraViz find them.

The measures are recorded once, by `CityModel.record()` into the `Recorder`; this collector
shows those same columns (not a copy) as Mesa's `model_vars`, one row per week, with the week
as Mesa's collection step, plus the run's `seed` (so a `batch_run` row says how to rerun it).
Agent and agent-type reporters work as in Mesa and are collected at the same moment (after
the week's turnover, so a newcomer is a new agent).
"""

from __future__ import annotations

from typing import Any

import mesa

from .run.recorder import Recorder


class MeasureCollector(mesa.DataCollector):
    """`model.datacollector`: the weekly measures plus any agent reporters asked for."""

    def __init__(self, recorder: Recorder, seed: int, agent_reporters: dict | None = None,
                 agenttype_reporters: dict | None = None):
        self._recorder, self._seed = recorder, seed
        super().__init__(agent_reporters=agent_reporters, agenttype_reporters=agenttype_reporters)

    # Mesa's __init__ assigns these three; here they are read from the Recorder instead.
    @property
    def model_vars(self) -> dict[str, list]:  # type: ignore[override]
        """The measures, one list per name (the Recorder's columns), and the run's seed."""
        columns = self._recorder.columns
        return {**columns, "seed": [self._seed] * len(columns.get("week", []))}

    @model_vars.setter
    def model_vars(self, value: Any) -> None:
        pass

    @property
    def model_reporters(self) -> dict[str, str]:  # type: ignore[override]
        """One reporter per measure (`measures.MEASURES`), recorded by the model itself."""
        return {name: name for name in self.model_vars}

    @model_reporters.setter
    def model_reporters(self, value: Any) -> None:
        pass

    @property
    def _collection_steps(self) -> list[int]:  # type: ignore[override]
        return self._recorder.columns.get("week", [])

    @_collection_steps.setter
    def _collection_steps(self, value: Any) -> None:
        pass

    def collect(self, model: mesa.Model) -> None:
        """Agents' and agent types' records of this week (the measures are already in)."""
        if self.agent_reporters:
            self._agent_records[model.time] = list(self._record_agents(model))
        if self.agenttype_reporters:
            self._agenttype_records[model.time] = {
                kind: list(self._record_agenttype(model, kind))
                for kind in self.agenttype_reporters}
