"""The scenario library the package ships: `configs/` and the experiments' sweep specs.

In a checkout they are the repository's own `configs/` and `experiments/` folders; a built wheel
carries the same files as package data under `zelflerendestad/library/` (pyproject.toml maps
them in, nothing is copied in git), found with `importlib.resources`. The layout is the
repository's, so relative paths inside the files (`base: ../../configs/default.yaml`) hold in
both. Only `configs/default.yaml`, `configs/scenarios/` and the specs below belong to the
library: a student's `configs/mine.yaml` is theirs, not the library's.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

EXPERIMENT_SPECS = ("sensitivity", "vertical_horizontal")  # experiments/<name>/sweep.yaml


@dataclass(frozen=True)
class Entry:
    """One file of the library: the name to ask for it by, its kind and where it is."""

    name: str  # `default`, `scenarios/facilitating`, `experiments/sensitivity`
    kind: str  # scenario or sweep
    path: Path


def library_root() -> Path:
    """The folder holding `configs/` and `experiments/`: the package data, or the checkout."""
    packaged = Path(str(resources.files("zelflerendestad") / "library"))
    if (packaged / "configs" / "default.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[2]  # src/zelflerendestad/ -> the repository


def configs_root() -> Path:
    """The library's `configs/` folder (what `extends:` falls back to, the app's default)."""
    return library_root() / "configs"


def entries(root: Path | None = None) -> list[Entry]:
    """Every library file, scenarios first (default.yaml, then configs/scenarios/), then specs."""
    root = library_root() if root is None else root
    configs = root / "configs"
    files = [configs / "default.yaml", *sorted((configs / "scenarios").glob("*.yaml"))]
    out = [Entry(str(f.relative_to(configs).with_suffix("")), "scenario", f) for f in files
           if f.is_file()]
    out += [Entry(f"experiments/{n}", "sweep", root / "experiments" / n / "sweep.yaml")
            for n in EXPERIMENT_SPECS if (root / "experiments" / n / "sweep.yaml").is_file()]
    return out


def find(name: str, kind: str | None = None) -> Path | None:
    """The library file called `name` (`default`, `facilitating`, `scenarios/facilitating`)."""
    wanted = name.removesuffix(".yaml").removesuffix("/sweep").strip("/").removeprefix(
        "configs/")
    for entry in entries():
        if kind not in (None, entry.kind):
            continue
        if wanted in (entry.name, entry.name.rsplit("/", 1)[-1]):
            return entry.path
    return None


def resolve(path: Path, kind: str) -> Path:
    """`path` itself when it exists, else the library file of that name (`run default`)."""
    if path.exists() or path.is_symlink():
        return path
    return find(str(path), kind) or path


def names(kind: str) -> list[str]:
    """The names `find` answers to, for a "did you mean" list."""
    return [e.name for e in entries() if e.kind == kind]
