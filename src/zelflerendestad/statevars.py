"""State variables declare their meaning once, beside the field (read by the docs' state table).

`state("meaning", "bool, wakker")` is a dataclass field whose metadata carries what the variable
means in the model and a short note on its type, scale or Dutch word; `docgen.tables` reads both
into the ODD's table of entities and state variables.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, field
from typing import Any

MEANING, NOTE = "meaning", "note"


def state(meaning: str, note: str = "", *, default: Any = MISSING,
          default_factory: Any = MISSING) -> Any:
    """A dataclass field with its meaning (and an optional type or scale note) as metadata."""
    return field(default=default, default_factory=default_factory,
                 metadata={MEANING: meaning, NOTE: note})


def meaning(f: Field) -> tuple[str, str]:
    """(meaning, note) declared on a dataclass field; empty strings when undeclared."""
    return f.metadata.get(MEANING, ""), f.metadata.get(NOTE, "")
