"""Rows for the commons table, from whatever shape the commons mechanism gives the model.

model.commons (when the commons work has landed) -> `commons_rows()` -> list of flat dicts ->
the page's table. Until then the model has no `commons` attribute and the table says so; this
module only reads, and accepts the shapes that mechanism is likely to use: an object with a
`records()`/`to_records()` method, a dict or list of dataclasses, plain objects or dicts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import numpy as np

MAX_CELL = 80


def _items(commons: Any) -> Iterable[Any]:
    for name in ("records", "to_records", "rows"):
        method = getattr(commons, name, None)
        if callable(method):
            return method()
    if isinstance(commons, dict):
        return commons.values()
    return commons


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return dict(item)
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return {k: v for k, v in vars(item).items() if not k.startswith("_")}


def cell(value: Any) -> str:
    """A short, readable cell: numbers rounded, mappings as `name: value` pairs."""
    if isinstance(value, bool | np.bool_):
        return "✓" if value else "–"
    if isinstance(value, float | np.floating):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell(v)}" for k, v in value.items())
    if isinstance(value, np.ndarray | list | tuple):
        arr = np.asarray(value)
        if arr.size > 12:
            return f"{arr.size} items"
        return " ".join(cell(v) for v in arr.tolist())
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def commons_rows(model: Any) -> list[dict[str, str]] | None:
    """One flat row per commons, or None when the model has no commons at all."""
    commons = getattr(model, "commons", None)
    if commons is None:
        return None
    rows = []
    for item in _items(commons):
        raw = _as_dict(item)
        rows.append({str(k): cell(v) for k, v in raw.items()
                     if not isinstance(v, np.ndarray) or v.size <= 12})
    return rows
