"""How a parameter is declared: one `param()` call carries everything a program needs.

The schema (`schema.py` and the section files beside it) is the single source of truth for
parameters. Validation reads the bounds; the docs' parameter table and the app's controls read
`unit`, `basis`, `value_source` and `key` from `json_schema_extra`, so no default or bound is
ever typed twice.

Every parameter says two things about where it comes from, and neither has a default:
- `basis`: where the *mechanism* comes from (a paper, a seed text, MODEL.md, or "assumption");
- `value_source`: where the *number* comes from, one of four kinds (`value_kind`):
  a citation with its locator (table, figure, page or effect size), a named calibration target
  ("target: <probe>", a file in configs/probes/ and a paragraph in the ODD), the word
  "assumption" (optionally followed by a note), or "setting" for a choice of what is simulated
  (size, horizon, seed, switches, the lever's default, what is recorded), not a claim about the
  world.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.fields import FieldInfo

ASSUMPTION = "assumption"
SETTING = "setting"
TARGET = "target:"
ValueKind = Literal["citation", "target", "assumption", "setting"]
VALUE_KINDS: tuple[ValueKind, ...] = ("citation", "target", "assumption", "setting")
# A citation names a year and says where in the work the number is.
_YEAR = re.compile(r"\((19|20)\d\d\)|\b(19|20)\d\d\b")
_LOCATOR = re.compile(r"\b(Table|Tab\.|Fig\.|Figure|p\.|pp\.|eq\.|section|ch\.|d = |r = )",
                      re.IGNORECASE)


def value_kind(value_source: str) -> ValueKind:
    """The kind of a `value_source` text; ValueError if it is none of the four.

    Raises:
        ValueError: empty text, a target without a name, or a citation without a year and a
            locator (table, figure, page, equation or effect size).
    """
    text = value_source.strip()
    if not text:
        raise ValueError("value_source is empty: give a citation with its locator, "
                         "'target: <probe>', 'assumption' or 'setting'")
    if text.lower().startswith(ASSUMPTION):
        return "assumption"
    if text.lower().startswith(SETTING):
        return "setting"
    if text.lower().startswith(TARGET):
        if not target_name(text):
            raise ValueError(f"value_source {text!r} names no probe after 'target:'")
        return "target"
    if _YEAR.search(text) and _LOCATOR.search(text):
        return "citation"
    raise ValueError(f"value_source {text!r} is neither 'assumption', 'setting', "
                     "'target: <probe>' nor a citation with a year and a locator (Table, "
                     "Fig., p., eq., or an effect size d = ...)")


def target_name(value_source: str) -> str:
    """The probe a "target: <probe> ..." value source names ("" if none)."""
    rest = value_source.strip()[len(TARGET):].strip()
    return re.split(r"[\s;,(]", rest, maxsplit=1)[0] if rest else ""


def source_text(basis: str, value_source: str) -> str:
    """One line for places that show a single 'source' (the app's help texts)."""
    if basis.strip().lower() == ASSUMPTION:
        return value_source
    return f"{basis}; value: {value_source}"


def param(
    default: Any,
    description: str,
    *,
    unit: str,
    basis: str,
    value_source: str,
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
        basis: Where the mechanism comes from: a reference from MODEL.md or the seeds, or
            "assumption".
        value_source: Where the number comes from (see `value_kind`).
        ge: Inclusive lower bound.
        le: Inclusive upper bound.
        gt: Exclusive lower bound.
        key: True for the handful of parameters the workshop app shows up front.

    """
    if not basis.strip():
        raise ValueError(f"parameter {description!r}: basis is empty (name the mechanism's "
                         "source or write 'assumption')")
    kind = value_kind(value_source)
    return Field(
        default,
        description=description,
        ge=ge,
        le=le,
        gt=gt,
        json_schema_extra={"unit": unit, "basis": basis, "value_source": value_source,
                           "value_kind": kind, "source": source_text(basis, value_source),
                           "key": key},
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
    """Unit, basis, value source (and its kind), one-line source and key flag of a field."""
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
