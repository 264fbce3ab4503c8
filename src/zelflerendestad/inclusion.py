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

import numpy as np
from scipy.stats import rankdata

GROUPINGS = ("degree", "ties", "nbhd", "trust", "motivation")
OUTCOMES = ("engaged", "active", "member")
GROUPING_WORDS = {"degree": "degree quartiles", "ties": "bridging vs bonding-only residents",
                  "nbhd": "neighbourhoods", "trust": "quartiles of trust in government at "
                  "arrival", "motivation": "quartiles of intrinsic motivation at arrival"}
OUTCOME_WORDS = {"engaged": "engaged", "active": "active",
                 "member": "in a living initiative or commons"}


COMBOS = 1 << len(OUTCOMES)  # which of the outcomes a resident has, as bits


@dataclass
class Groups:
    """Each resident's group in every grouping, and the fixed cut points of the prior ones.

    Codes are stored times `COMBOS`, so that a code plus a resident's outcome bits indexes one
    cell of a (group, outcomes) table. `by_degree` groups residents by their exact degree, whose
    fractional rank (`degree_rank`, ties averaged) the concentration index needs.
    """

    codes: dict[str, np.ndarray]  # grouping -> int32 group per resident, times COMBOS
    sizes: dict[str, int]  # grouping -> number of groups
    cuts: dict[str, np.ndarray]  # trust, motivation: the initial quartile cut points
    by_degree: np.ndarray  # index of one's degree among the distinct degrees, times COMBOS
    degree_rank: np.ndarray  # fractional rank in (0, 1] of each distinct degree

    @classmethod
    def create(cls, degree: np.ndarray, bridges: np.ndarray | None, neighbourhood: np.ndarray,
               n_nbhd: int, trust: np.ndarray, motivation: np.ndarray) -> Groups:
        """Groups at the start; `bridges` is each resident's count of ties across (None: none)."""
        cuts = {"trust": _quartile_cuts(trust), "motivation": _quartile_cuts(motivation)}
        codes = {
            "degree": np.digitize(degree, _quartile_cuts(degree), right=True),
            "ties": np.zeros(degree.size) if bridges is None else bridges > 0,
            "nbhd": neighbourhood,
            "trust": np.digitize(trust, cuts["trust"], right=True),
            "motivation": np.digitize(motivation, cuts["motivation"], right=True),
        }
        sizes = {"degree": 4, "ties": 2, "nbhd": n_nbhd, "trust": 4, "motivation": 4}
        distinct, which = np.unique(degree, return_inverse=True)
        rank = np.bincount(which, weights=rankdata(degree)) / np.bincount(which) / degree.size
        return cls({g: c.astype(np.int32) * COMBOS for g, c in codes.items()}, sizes, cuts,
                   which.astype(np.int32) * COMBOS, rank)

    def arrive(self, idx: np.ndarray, trust: np.ndarray, motivation: np.ndarray) -> None:
        """Newcomers in rows `idx` take the prior-trust and -motivation group of their arrival."""
        for name, values in (("trust", trust), ("motivation", motivation)):
            self.codes[name][idx] = np.digitize(values, self.cuts[name], right=True) * COMBOS


def _quartile_cuts(values: np.ndarray) -> np.ndarray:
    return np.quantile(values, [0.25, 0.5, 0.75])


def parity(hits: np.ndarray, counts: np.ndarray) -> float:
    """Lowest group rate / highest over the non-empty groups (NaN: fewer than two, or none)."""
    rates = hits[counts > 0] / counts[counts > 0]
    if rates.size < 2 or rates.max() <= 0:
        return math.nan
    return float(rates.min() / rates.max())


def concentration(hits: np.ndarray, counts: np.ndarray, rank: np.ndarray) -> float:
    """Concentration index over groups of equal rank: 2 cov(y, rank) / mean(y).

    Args:
        hits: Residents with the outcome, per group.
        counts: Residents per group.
        rank: The groups' fractional rank (its mean over residents is (n + 1) / 2n).
    """
    total = hits.sum()
    if total == 0:
        return math.nan
    mean_rank = (counts * rank).sum() / counts.sum()
    return float(2.0 * ((hits * rank).sum() / total - mean_rank))


def _tables(codes: np.ndarray, size: int, bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hits per group and outcome, residents per group) from one integer bincount."""
    table = np.bincount(codes + bits, minlength=size * COMBOS).reshape(size, COMBOS)
    has = (np.arange(COMBOS)[:, None] >> np.arange(len(OUTCOMES))) & 1  # (COMBOS, outcomes)
    return table @ has, table.sum(axis=1)


def measure_names() -> dict[str, str]:
    """Column name -> meaning, for every inclusion measure (the docs read this)."""
    out = {f"parity_{o}_{g}": f"Lowest / highest share {OUTCOME_WORDS[o]} across "
           f"{GROUPING_WORDS[g]} (1 = alike, 0 = a group left out)"
           for o in OUTCOMES for g in GROUPINGS}
    out.update({f"concentration_{o}_degree": f"Concentration index of residents "
                f"{OUTCOME_WORDS[o]} by degree rank (0 = none, > 0 = among the well connected)"
                for o in OUTCOMES})
    return out


def measures(groups: Groups, outcomes: dict[str, np.ndarray]) -> dict[str, float]:
    """This week's parities and concentration indices (columns of `measure_names`).

    One integer bincount per grouping over (group, which outcomes one has) rather than one
    per grouping and outcome keeps the cost to a few percent of a week at 100,000 residents.
    """
    bits = np.zeros(next(iter(outcomes.values())).size, dtype=np.int32)
    for k, o in enumerate(OUTCOMES):
        bits |= outcomes[o].view(np.uint8).astype(np.int32) << k
    out: dict[str, float] = {}
    for g in GROUPINGS:
        hits, counts = _tables(groups.codes[g], groups.sizes[g], bits)
        out.update({f"parity_{o}_{g}": parity(hits[:, k], counts)
                    for k, o in enumerate(OUTCOMES)})
    hits, counts = _tables(groups.by_degree, groups.degree_rank.size, bits)
    out.update({f"concentration_{o}_degree": concentration(hits[:, k], counts,
                                                          groups.degree_rank)
                for k, o in enumerate(OUTCOMES)})
    return out
