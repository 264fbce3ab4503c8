"""Where a week's time goes: a timing hook around each phase of `CityModel.step`.

`StepTimer(model)` wraps, on that one model instance, every method named in the model's
`phases` (the tuple `step()` iterates, so a phase added there is timed without changes here)
and adds up CPU time per mechanism. The class itself is never touched: a model without a
timer runs the plain methods, so the hook costs nothing when it is off. `zelflerendestad run
--profile` and `make bench` report `shares()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


class StepTimer:
    """Accumulates CPU time per phase of `CityModel.step` for one model instance."""

    def __init__(self, model: Any, clock: Callable[[], float] = time.process_time) -> None:
        """Install the timing wrappers on `model` (instance attributes shadow the methods).

        Args:
            model: The model to time (a `CityModel`).
            clock: CPU time of this process by default, so that other work on a shared
                machine does not count; `time.perf_counter` for wall time.
        """
        self.model, self.clock = model, clock
        self.seconds: dict[str, float] = {}
        self.steps = 0
        self.total = 0.0
        self._inside = False
        for name in model.phases:
            self.seconds[name] = 0.0
            setattr(model, name, self._timed(name, getattr(model, name)))
        self._step = model.step  # Mesa's wrapped step (an instance attribute already)
        model.step = self._timed_step

    def _timed(self, name: str, method: Callable[[], Any]) -> Callable[[], Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._inside:  # called from another timed mechanism: counted there already
                return method(*args, **kwargs)
            self._inside = True
            start = self.clock()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds[name] += self.clock() - start
                self._inside = False
        return timed

    def _timed_step(self) -> None:
        start = self.clock()
        self._step()
        self.total += self.clock() - start
        self.steps += 1

    def remove(self) -> None:
        """Take the wrappers off again; the model runs its plain methods from now on."""
        for name in self.seconds:
            self.model.__dict__.pop(name, None)
        self.model.step = self._step

    def shares(self) -> dict[str, float]:
        """Share of total step time per mechanism, plus `other` (the step's own overhead)."""
        if self.total <= 0:
            return {name: 0.0 for name in [*self.seconds, "other"]}
        out = {name: s / self.total for name, s in self.seconds.items()}
        out["other"] = max(0.0, 1.0 - sum(out.values()))
        return out

    def report(self) -> str:
        """A small plain-text table: mechanism, ms per week, share of the step."""
        weeks = max(self.steps, 1)
        lines = [f"{'mechanism':<22}{'ms/week':>10}{'share':>8}"]
        for name, share in sorted(self.shares().items(), key=lambda kv: -kv[1]):
            ms = (self.seconds.get(name, share * self.total)) / weeks * 1e3
            lines.append(f"{name:<22}{ms:>10.3f}{share:>8.1%}")
        lines.append(f"{'step (total)':<22}{self.total / weeks * 1e3:>10.3f}{1:>8.0%}")
        return "\n".join(lines)
