"""How a parameter is declared: one `param()` call carries everything a program needs.

The schema (`schema.py`) is the single source of truth for parameters. Validation reads the
bounds, the docs' parameter table and the app's controls read `unit`, `source` and `key` from
`json_schema_extra`, so no default or bound is ever typed twice.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.fields import FieldInfo

ASSUMPTION = "assumption"


def param(
    default: Any,
    description: str,
    *,
    unit: str,
    source: str = ASSUMPTION,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    key: bool = False,
) -> Any:
    """Declare one model parameter with its metadata.

    Args:
        default: The default value used when a config leaves the key out.
        description: One line on what the parameter means in the model.
        unit: Unit or scale, e.g. "share [0, 1]", "per week", "residents".
        source: A reference from MODEL.md or the seeds, or the word "assumption".
        ge: Inclusive lower bound.
        le: Inclusive upper bound.
        gt: Exclusive lower bound.
        key: True for the handful of parameters the workshop app shows up front.

    """
    return Field(
        default,
        description=description,
        ge=ge,
        le=le,
        gt=gt,
        json_schema_extra={"unit": unit, "source": source, "key": key},
    )


class Section(BaseModel):
    """Base for every config section: unknown keys are errors, assignments are validated.

    Numbers are finite (NaN and infinity are refused) and -0.0 becomes 0.0: numpy refuses a
    standard deviation whose sign bit is set (`scale < 0`), although -0.0 passes `ge=0`.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _unsigned_zero(cls, value: Any) -> Any:
        if isinstance(value, float):
            return value + 0.0  # -0.0 + 0.0 == +0.0; every other float is unchanged
        if isinstance(value, list) and any(isinstance(v, float) for v in value):
            return [v + 0.0 if isinstance(v, float) else v for v in value]
        return value


def field_meta(info: FieldInfo) -> dict[str, Any]:
    """Unit, source and key flag of a declared field (empty for plain fields)."""
    extra = info.json_schema_extra
    return dict(extra) if isinstance(extra, dict) else {}


def bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    """(lower, upper) bounds of a field, read from its pydantic constraints."""
    lo = hi = None
    for m in info.metadata:
        lo = getattr(m, "ge", None) if getattr(m, "ge", None) is not None else lo
        lo = getattr(m, "gt", None) if getattr(m, "gt", None) is not None else lo
        hi = getattr(m, "le", None) if getattr(m, "le", None) is not None else hi
        hi = getattr(m, "lt", None) if getattr(m, "lt", None) is not None else hi
    return lo, hi
