"""commons.parquet: one row per initiative, organised or not, with its scores over its life.

`Commons` -> `records()` -> an Arrow table the runner writes and the app's commons table reads.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..population import THEMES
from .state import COX11, OSTROM8, REASONS, Commons, eight


def _mean(total: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weeks[:, None] > 0, total / np.maximum(weeks, 1)[:, None], np.nan)


def records(c: Commons) -> pa.Table:
    """One row per initiative (organised or not): the contents of commons.parquet."""
    n = c.n
    end = eight(c.score[:n])
    life = eight(_mean(c.score_sum[:n], c.score_weeks[:n]))
    early = eight(_mean(c.early_sum[:n], c.early_weeks[:n]))
    never = c.organised[:n] < 0
    cols: dict[str, object] = {
        "id": np.arange(n, dtype=np.int64),
        "theme": [THEMES[t] for t in c.theme[:n]],
        "neighbourhood": c.nbhd[:n].astype(np.int64),
        "week_formed": c.formed[:n].astype(np.int64),
        "week_organised": pa.array(c.organised[:n], mask=never, type=pa.int64()),
        "week_ended": pa.array(c.ended[:n], mask=c.ended[:n] < 0, type=pa.int64()),
        "reason": [REASONS[r] if r >= 0 else None for r in c.reason[:n]],
        "weakest_before_end": [w or None for w in c.weakest[:n]],
        "peak_members": c.peak[:n].astype(np.int64),
        "final_members": c.members[:n].astype(np.int64),
        "rules_origin": np.where(never, "none", np.where(c.imposed[:n], "imposed",
                                                         "co-decided")).tolist(),
        "ever_imposed": c.ever_imposed[:n],
        "enforcement": [("peer" if m else "") + ("+" if m and e else "")
                        + ("external" if e else "") or "none"
                        for m, e in zip(c.monitoring[:n], c.enforced[:n], strict=True)],
        "monitoring": c.monitoring[:n],
        "graduated": c.graduated[:n],
        "recognised": c.recognised[:n],
        "linked": c.linked[:n],
        "capture": c.capture[:n],
        "public_value": c.value[:n],
        "money": c.money[:n],
        "conflicts_total": c.conflicts_total[:n].astype(np.int64),
        "sanctions_total": c.sanctions_total[:n].astype(np.int64),
        "weeks_scored": c.score_weeks[:n].astype(np.int64),
    }
    for k, name in enumerate(OSTROM8):
        cols[f"{name}_end"] = np.where(never, np.nan, end[:, k])
        cols[f"{name}_mean"] = life[:, k]
        cols[f"{name}_early"] = early[:, k]
    for k, name in enumerate(COX11):
        cols[f"cox_{name}_mean"] = _mean(c.score_sum[:n], c.score_weeks[:n])[:, k]
    return pa.table({k: pa.array(v, from_pandas=True) if isinstance(v, np.ndarray) else v
                     for k, v in cols.items()})
