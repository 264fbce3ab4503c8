"""Residents' state: one numpy array per attribute, one row per resident (Starsim-style).

Agents (`agents.py`) are thin views on these rows. A row is a dwelling: when a resident moves
away (turnover) a newcomer takes the row and its ties; the newcomer's traits are drawn afresh
and the connector role leaves with the person.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .beliefs import Beliefs
from .config.schema import CityConfig, EngagementSettings
from .statevars import state

THEMES = ("zorg", "energie", "groen", "veiligheid", "ontmoeting", "voedsel", "onderwijs")


@dataclass
class Residents:
    """All residents' state. Scores are in [0, 1]; beliefs are -1, 0 or +1 per dimension."""

    neighbourhood: np.ndarray = state(
        "the neighbourhood (wijk) of the dwelling the resident lives in", "int32, fixed")
    is_connector: np.ndarray = state(
        "is a connector (kantelaar): trusted, giving, many bridging ties", "bool, kantelaar")
    engaged: np.ndarray = state(
        "has woken up (wakker): an engaged rather than a passive resident", "bool, wakker")
    active: np.ndarray = state(
        "an active citizen: engaged, with enough ownership, not burnt out", "bool")
    burnt_out: np.ndarray = state(
        "burnt out: stopped volunteering until energy has recovered half-way", "bool")
    threshold: np.ndarray = state(
        "engaged contacts needed before word of mouth works (1 = simple contagion)", "float32")
    motivation: np.ndarray = state("intrinsic motivation, score in [0, 1]")
    ownership: np.ndarray = state("ownership (eigenaarschap), score in [0, 1]")
    ownership_base: np.ndarray = state("the personal level ownership relaxes back to")
    trust_gov: np.ndarray = state("trust in government, score in [0, 1]")
    trust_nbr: np.ndarray = state("trust in neighbours, score in [0, 1]")
    energy: np.ndarray = state("time and energy left for volunteering, score in [0, 1]")
    capacity: np.ndarray = state("learning capacity (zelflerend vermogen), score in [0, 1]")
    beliefs: Beliefs = state(
        "beliefs about 'what works here': -1, 0 or +1 on each of m dimensions",
        "two bit-planes of uint64 words (beliefs.py)")
    theme: np.ndarray = state(
        "the theme of the resident's desire (verlangen): zorg, energie, groen, ...",
        "int8, index into THEMES (verlangen)")
    invested: np.ndarray = state("picked by the municipality's connector programme", "bool")
    trained: np.ndarray = state("takes part in reflection training", "bool")
    motivation_base: np.ndarray = state(
        "the level intrinsic motivation returns to; shifts while control is felt")
    felt_control: np.ndarray = state(
        "control felt from subsidies, fines and imposed rules; fades slowly, [0, 1]")
    member_of: np.ndarray = state(
        "index of the initiative or commons the resident belongs to (-1: none)", "int32")

    def __post_init__(self) -> None:
        # Not state (no field): how many people have lived in each row, raised by `replace`,
        # so the Mesa agent views (agents.py) can tell a newcomer from the one who left.
        self.tenancy = np.zeros(self.engaged.size, dtype=np.int32)

    @property
    def n(self) -> int:
        """Number of residents (constant: turnover replaces, never removes)."""
        return self.engaged.size


def _clip01(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0.0, 1.0)


def draw_thresholds(count: int, e: EngagementSettings, rng: np.random.Generator) -> np.ndarray:
    """Thresholds: 1 (simple), counts of at least 1, or shares in [0, 1]; instigators 0.

    Draws only what the settings need, so the stream is unchanged for count thresholds without
    spread or instigators.
    """
    if e.contagion == "simple":
        return np.ones(count)
    if e.threshold_unit == "share":
        t = np.clip(rng.normal(e.threshold_share_mean, e.threshold_share_sd, count)
                    if e.threshold_share_sd > 0 else np.full(count, e.threshold_share_mean),
                    0.0, 1.0)
    else:
        t = np.maximum(1.0, np.round(rng.normal(e.threshold_mean, e.threshold_sd, count)
                                     if e.threshold_sd > 0 else np.full(count, e.threshold_mean)))
    if e.instigators > 0:
        t[rng.random(count) < e.instigators] = 0.0
    return t


def draw_traits(count: int, cfg: CityConfig, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Traits of `count` new residents (at the start or moving in). Order of draws is fixed."""
    e, r, t, lrn = cfg.engagement, cfg.residents, cfg.trust, cfg.learning
    threshold = draw_thresholds(count, e, rng)
    ownership = _clip01(rng.normal(r.ownership_initial, r.trait_sd, count))
    motivation = _clip01(rng.normal(r.motivation_mean, r.motivation_sd, count))
    return dict(
        threshold=threshold.astype(np.float32),
        motivation=motivation,
        motivation_base=motivation.copy(),
        felt_control=np.zeros(count),
        member_of=np.full(count, -1, dtype=np.int32),
        ownership=ownership,
        ownership_base=ownership.copy(),
        trust_gov=_clip01(rng.normal(t.initial_government, r.trait_sd, count)),
        trust_nbr=_clip01(rng.normal(t.initial_neighbours, r.trait_sd, count)),
        energy=np.ones(count),
        capacity=_clip01(rng.normal(lrn.capacity_initial, lrn.capacity_sd, count)),
        beliefs=rng.integers(-1, 2, (count, lrn.dimensions), dtype=np.int8),
        theme=rng.integers(0, len(THEMES), count, dtype=np.int8),
    )


def create_residents(cfg: CityConfig, rng: np.random.Generator) -> Residents:
    """The initial population: equal neighbourhoods in contiguous blocks of rows."""
    n, k = cfg.city.residents, cfg.city.neighbourhoods
    nbhd = np.repeat(np.arange(k, dtype=np.int32), np.diff(np.linspace(0, n, k + 1).astype(int)))
    connector = rng.random(n) < cfg.city.connector_share
    engaged = rng.random(n) < cfg.engagement.initial_engaged
    traits = draw_traits(n, cfg, rng)
    traits["beliefs"] = Beliefs.from_values(traits["beliefs"])
    false = np.zeros(n, dtype=bool)
    return Residents(neighbourhood=nbhd, is_connector=connector, engaged=engaged,
                     active=false.copy(), burnt_out=false.copy(), invested=false.copy(),
                     trained=false.copy(), **traits)


def replace(res: Residents, idx: np.ndarray, cfg: CityConfig, rng: np.random.Generator) -> None:
    """Newcomers take rows `idx`: fresh traits, passive, not (yet) a connector or a member."""
    traits = draw_traits(idx.size, cfg, rng)
    for name, values in traits.items():
        getattr(res, name)[idx] = values
    for name in ("is_connector", "engaged", "active", "burnt_out", "invested", "trained"):
        getattr(res, name)[idx] = False
    res.tenancy[idx] += 1


def state_names() -> list[str]:
    """Names of the per-resident state arrays (for docs and per-resident records)."""
    return [f.name for f in fields(Residents)]
