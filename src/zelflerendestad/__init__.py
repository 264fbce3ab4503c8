"""zelflerendestad: an agent-based simulation of a self-learning city (zelflerende stad).

From Python: `zelflerendestad.sweep(spec, out=..., workers=...)` runs a sweep and returns its
results, `zelflerendestad.load_results(folder)` reads one back (`sweeps/api.py`), and
`zelflerendestad.model.CityModel` is the Mesa model. Imported on first use, so the command
line starts fast.
"""

from typing import Any

__version__ = "0.1.0"
__all__ = ["SweepError", "load_results", "sweep"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from .sweeps import api

        return getattr(api, name)
    raise AttributeError(f"module 'zelflerendestad' has no attribute {name!r}")
