"""Write `sweep.yaml`: a Latin hypercube over every behavioural parameter, for RBD-FAST.

Parameters and ranges are those of the Morris screening (`../morris_all/make_spec.py`: every
behavioural float, half to double its default, the vertical share over [0, 1]), each alone.
Run: .venv/bin/python experiments/sensitivity/first_order/make_spec.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

HERE = Path(__file__).parent
MORRIS = HERE.parent / "morris_all" / "make_spec.py"


def spec_text() -> str:
    """The text of sweep.yaml: this folder's head with the Morris study's parameters."""
    module_spec = importlib.util.spec_from_file_location("morris_make_spec", MORRIS)
    morris = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(morris)
    return morris.spec_text(HERE)


if __name__ == "__main__":
    text = spec_text()
    (HERE / "sweep.yaml").write_text(text)
    print(f"{len(yaml.safe_load(text)['parameters'])} parameters")
