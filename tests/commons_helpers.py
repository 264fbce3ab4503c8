"""Small, fast configs shared by the commons, Ostrom, crowding and scenario tests."""

from __future__ import annotations

from typing import Any

from zelflerendestad.config import validate_mapping
from zelflerendestad.config.loading import deep_merge


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
