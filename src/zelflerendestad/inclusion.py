"""Inclusion: who is left out, by network position, neighbourhood and prior trust or motivation.

network + residents at arrival -> `Groups` -> `measures(groups, outcomes)` -> weekly columns
(measures.py) -> timeseries.parquet and, averaged over the last year, summary.json.

Each resident belongs to one group in each of five groupings:
- `degree`: quartile of the number of ties (fixed by the dwelling's place in the network);
- `ties`: has at least one tie to another neighbourhood (bridging) or only ties within its
  own (bonding only);
- `nbhd`: the neighbourhood;
- `trust`, `motivation`: quartile of trust in government and of intrinsic motivation *at
  arrival* (the start, or moving in), cut at the initial population's quartiles, so that the
  groups say who was low-trust or unmotivated before the municipality acted.
For each grouping and each outcome (engaged, active, member of a living initiative or commons)
the *parity* is the lowest group's rate divided by the highest group's: 1 when every group
takes part alike, 0 when one group is left out entirely, NaN when fewer than two groups exist
(fully mixed: one degree, no bridging) or nobody takes part. The *concentration index* of an
outcome over residents ranked by degree, CI = 2 cov(y, rank) / mean(y) (Wagstaff, Paci & van
Doorslaer 1991), lies in [-1, 1]: 0 when taking part does not depend on one's number of ties,
positive when it concentrates among the well connected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .jit import flags, kernel

GROUPINGS = ("degree", "ties", "nbhd", "trust", "motivation")
OUTCOMES = ("engaged", "active", "member")
GROUPING_WORDS = {"degree": "degree quartiles", "ties": "bridging vs bonding-only residents",
                  "nbhd": "neighbourhoods", "trust": "quartiles of trust in government at "
                  "arrival", "motivation": "quartiles of intrinsic motivation at arrival"}
OUTCOME_WORDS = {"engaged": "engaged", "active": "active",
                 "member": "in a living initiative or commons"}


COMBOS = 1 << len(OUTCOMES)  # which of the outcomes a resident has, as bits
# HAS[c, k]: outcome combination c includes outcome k
HAS = (np.arange(COMBOS)[:, None] >> np.arange(len(OUTCOMES))) & 1
DEGREE = "by_degree"  # the exact-degree grouping behind the concentration index


@dataclass
class Groups:
    """Each resident's group in every grouping, and the fixed cut points of the prior ones.

    All groupings share one numbering: row k of `cells` holds grouping k's group numbers,
    shifted past the groups of the groupings before it and times `COMBOS`, so that a cell
    plus a resident's outcome bits indexes one row of a single (group, outcomes) table. The
    last grouping is each resident's exact degree, whose fractional rank (ties averaged) the
    concentration index needs.
    """

    cells: np.ndarray  # int32 (groupings + 1, residents)
    first: dict[str, int]  # grouping -> its first group in the shared numbering
    sizes: dict[str, int]  # grouping -> number of groups
    cuts: dict[str, np.ndarray]  # trust, motivation: the initial quartile cut points
    degree_rank: np.ndarray  # fractional rank in (0, 1] of each distinct degree

    @classmethod
    def create(cls, degree: np.ndarray, bridges: np.ndarray | None, neighbourhood: np.ndarray,
               n_nbhd: int, trust: np.ndarray, motivation: np.ndarray) -> Groups:
        """Groups at the start; `bridges` is each resident's count of ties across (None: none)."""
        cuts = {"trust": _quartile_cuts(trust), "motivation": _quartile_cuts(motivation)}
        distinct, which = np.unique(degree, return_inverse=True)
        codes = {
            "degree": np.digitize(degree, _quartile_cuts(degree), right=True),
            "ties": np.zeros(degree.size) if bridges is None else bridges > 0,
            "nbhd": neighbourhood,
            "trust": np.digitize(trust, cuts["trust"], right=True),
            "motivation": np.digitize(motivation, cuts["motivation"], right=True),
            DEGREE: which,
        }
        sizes = {"degree": 4, "ties": 2, "nbhd": n_nbhd, "trust": 4, "motivation": 4,
                 DEGREE: distinct.size}
        first = dict(zip(sizes, np.cumsum([0, *sizes.values()])[:-1].tolist(), strict=True))
        cells = np.empty((len(sizes), degree.size), dtype=_cell_type(sum(sizes.values())))
        for k, g in enumerate(sizes):
            cells[k] = (codes[g].astype(np.int32) + first[g]) * COMBOS
        return cls(cells, first, sizes, cuts, _fractional_rank(np.bincount(which)))

    @cached_property
    def ranges(self) -> tuple[np.ndarray, np.ndarray]:
        """(first group, number of groups) of each grouping in `GROUPINGS`, for `_parities`."""
        return (np.array([self.first[g] for g in GROUPINGS]),
                np.array([self.sizes[g] for g in GROUPINGS]))

    def group_of(self, grouping: str) -> np.ndarray:
        """Each resident's group number within `grouping` (0, 1, ...)."""
        return self.cells[list(self.sizes).index(grouping)] // COMBOS - self.first[grouping]

    def arrive(self, idx: np.ndarray, trust: np.ndarray, motivation: np.ndarray) -> None:
        """Newcomers in rows `idx` take the prior-trust and -motivation group of their arrival."""
        for name, values in (("trust", trust), ("motivation", motivation)):
            group = np.digitize(values, self.cuts[name], right=True)
            self.cells[list(self.sizes).index(name), idx] = (group + self.first[name]) * COMBOS


def _cell_type(groups: int) -> type:
    """Two bytes a cell when every (group, outcomes) number fits (12 MB less at a million)."""
    return np.uint16 if groups * COMBOS <= np.iinfo(np.uint16).max + 1 else np.int32


def _fractional_rank(counts: np.ndarray) -> np.ndarray:
    """Rank / n of each distinct value with `counts` residents, ties averaged (as scipy's).

    The residents of the k-th value take ranks s + 1 .. s + c (s: residents below it); their
    mean s + (c + 1) / 2 is a half-integer, exact in float64, so this equals averaging
    `scipy.stats.rankdata`, whose import alone costs about 40 MB of RSS.
    """
    below = np.cumsum(counts) - counts
    return (below + (counts + 1) / 2) / counts.sum()


def _quartile_cuts(values: np.ndarray) -> np.ndarray:
    return np.quantile(values, [0.25, 0.5, 0.75])


def _per_column(values: np.ndarray, ndim: int) -> np.ndarray:
    return values.reshape((-1,) + (1,) * (ndim - 1))


def parity(hits: np.ndarray, counts: np.ndarray) -> float | np.ndarray:
    """Lowest group rate / highest over the non-empty groups (NaN: fewer than two, or none).

    Args:
        hits: Residents with the outcome per group, or per group and outcome (2-D).
        counts: Residents per group.
    """
    out = _parities(hits.reshape(hits.shape[0], -1), counts, np.zeros(1, dtype=np.int64),
                    np.array([counts.size]))[0]
    return float(out[0]) if hits.ndim == 1 else out


@kernel
def _parities(hits, counts, first, sizes):  # noqa: ANN001
    """`parity` of each grouping, the groups first[k] .. first[k] + sizes[k] - 1 (one call)."""
    out = np.full((first.size, hits.shape[1]), np.nan)
    for k in range(first.size):
        for o in range(hits.shape[1]):
            low, high, groups = np.inf, -np.inf, 0
            for g in range(first[k], first[k] + sizes[k]):
                if counts[g] > 0:
                    rate = hits[g, o] / counts[g]
                    low, high, groups = min(low, rate), max(high, rate), groups + 1
            if groups >= 2 and high > 0:
                out[k, o] = low / high
    return out


def concentration(hits: np.ndarray, counts: np.ndarray, rank: np.ndarray) -> float | np.ndarray:
    """Concentration index over groups of equal rank: 2 cov(y, rank) / mean(y).

    Args:
        hits: Residents with the outcome per group, or per group and outcome (2-D).
        counts: Residents per group.
        rank: The groups' fractional rank (its mean over residents is (n + 1) / 2n).
    """
    total = hits.sum(axis=0)
    mean_rank = (counts * rank).sum() / counts.sum()
    weighted = (hits * _per_column(rank, hits.ndim)).sum(axis=0)
    out = np.where(total > 0, 2.0 * (weighted / np.where(total > 0, total, 1) - mean_rank),
                   math.nan)
    return float(out) if out.ndim == 0 else out


def measure_names() -> dict[str, str]:
    """Column name -> meaning, for every inclusion measure (the docs read this)."""
    out = {f"parity_{o}_{g}": f"Lowest / highest share {OUTCOME_WORDS[o]} across "
           f"{GROUPING_WORDS[g]} (1 = alike, 0 = a group left out)"
           for g in GROUPINGS for o in OUTCOMES}
    out.update({f"concentration_{o}_degree": f"Concentration index of residents "
                f"{OUTCOME_WORDS[o]} by degree rank (0 = none, > 0 = among the well connected)"
                for o in OUTCOMES})
    return out


PARITY_KEYS = [f"parity_{o}_{g}" for g in GROUPINGS for o in OUTCOMES]
CONCENTRATION_KEYS = [f"concentration_{o}_degree" for o in OUTCOMES]


def measures(groups: Groups, outcomes: dict[str, np.ndarray]) -> dict[str, float]:
    """This week's parities and concentration indices (columns of `measure_names`).

    One count over (group, which outcomes one has) for all groupings at once, in one pass
    with no temporary the size of `cells`, then the parities of all groupings in one more,
    keeps the cost to a few percent of a week.
    """
    total = sum(groups.sizes.values())
    table = _count_cells(groups.cells, *(flags(outcomes[o]) for o in OUTCOMES),
                         total * COMBOS).reshape(total, COMBOS)
    hits, counts = table @ HAS, table.sum(axis=1)
    parities = _parities(hits, counts, *groups.ranges)
    rows = slice(groups.first[DEGREE], groups.first[DEGREE] + groups.sizes[DEGREE])
    return dict(zip(PARITY_KEYS + CONCENTRATION_KEYS, parities.ravel().tolist() + concentration(
        hits[rows], counts[rows], groups.degree_rank).tolist(), strict=True))


@kernel
def _count_cells(cells, engaged, active, member, size):  # noqa: ANN001
    """`np.bincount((cells + outcome bits).ravel(), minlength=size)`, bit 0 the first outcome."""
    table = np.zeros(size, dtype=np.int64)
    for i in range(cells.shape[1]):
        bits = np.int64(engaged[i]) | np.int64(active[i]) << 1 | np.int64(member[i]) << 2
        for g in range(cells.shape[0]):
            table[np.int64(cells[g, i]) + bits] += 1
    return table
