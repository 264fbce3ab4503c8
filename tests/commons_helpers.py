"""Small, fast configs and a hand-made five-member commons, shared by the commons tests."""

from __future__ import annotations

from typing import Any

import numpy as np

from zelflerendestad.commons import COMMONS, CommonsState
from zelflerendestad.config import validate_mapping
from zelflerendestad.config.loading import deep_merge
from zelflerendestad.population import Residents

DIMS = 4  # dimensions of reality in the hand-made cases


def small_config(weeks: int = 200, seed: int = 3, **sections: dict[str, Any]):
    """A 600-resident city where many initiatives form early (residents start engaged)."""
    raw = {
        "run": {"weeks": weeks, "seed": seed},
        "city": {"residents": 600, "neighbourhoods": 2},
        "engagement": {"initial_engaged": 0.6},
        "residents": {"ownership_initial": 0.45},
        "commons": {"formation": {"initiative_rate": 0.003}},
    }
    return validate_mapping(deep_merge(raw, sections))


class Draws:
    """Stands in for the commons stream: prescribed uniforms; other draws give 0.

    The rate and chance asked of `poisson` and `binomial` are kept, so a case can check them.
    """

    def __init__(self, *uniforms: list[float] | list[list[float]]) -> None:
        self.uniforms = [np.asarray(u, dtype=np.float64) for u in uniforms]
        self.poisson_rates: list[np.ndarray] = []
        self.binomial_chances: list[np.ndarray] = []

    def random(self, size: int | tuple[int, ...]) -> np.ndarray:
        u = self.uniforms.pop(0)
        assert u.shape == np.empty(size).shape, "the case prescribes uniforms of another shape"
        return u

    def poisson(self, lam: np.ndarray) -> np.ndarray:
        self.poisson_rates.append(np.asarray(lam))
        return np.zeros(np.shape(lam), dtype=np.int64)

    def integers(self, high: int, size: int | None = None) -> np.ndarray | int:
        return 0 if size is None else np.zeros(size, dtype=np.int64)

    def binomial(self, n: np.ndarray, p: np.ndarray) -> np.ndarray:
        self.binomial_chances.append(np.asarray(p))
        return np.zeros(np.shape(n), dtype=np.int64)


def five_residents(**arrays: list) -> Residents:
    """Five engaged, active residents with middling scores, all in commons 0."""
    n = 5
    half = np.full(n, 0.5)
    base = dict(
        neighbourhood=np.zeros(n, np.int32), is_connector=np.zeros(n, bool),
        engaged=np.ones(n, bool), active=np.ones(n, bool), burnt_out=np.zeros(n, bool),
        threshold=np.ones(n), motivation=np.full(n, 0.8), ownership=half.copy(),
        ownership_base=half.copy(), trust_gov=half.copy(), trust_nbr=half.copy(),
        energy=half.copy(), capacity=half.copy(), beliefs=np.ones((n, DIMS), np.int8),
        theme=np.zeros(n, np.int8), invested=np.zeros(n, bool), trained=np.zeros(n, bool),
        motivation_base=half.copy(), felt_control=np.zeros(n), member_of=np.zeros(n, np.int32))
    base.update({k: np.asarray(v, dtype=base[k].dtype) for k, v in arrays.items()})
    return Residents(**base)


def one_commons(graduated: bool = True) -> CommonsState:
    """One organised commons of five with its own fitting rules and peer monitoring."""
    st = CommonsState.create(5, DIMS)
    c = st.commons
    k = c.add(1, np.int8(0), np.int32(0), week=0)[0]
    c.stage[k], c.organised[k], c.members[k] = COMMONS, 0, 5
    c.monitoring[k], c.graduated[k] = True, graduated
    c.rules[k] = 1  # reality is all +1: the rules fit (congruence 1)
    c.free_riding[k] = 0.2  # last week's share of active members who did not contribute
    st.made[:4] = True  # four of the five took part in making the rules in force
    st.changes = np.zeros(1)
    return st
