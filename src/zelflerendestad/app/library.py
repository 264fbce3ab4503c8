"""The scenario library as the app's picker shows it: every YAML under configs/ with its text.

configs/*.yaml and configs/scenarios/*.yaml -> `Scenario` (name, path, description, or the load
error) -> the picker. A scenario that does not load is listed with its error, not hidden, so a
trainer sees why it is missing from the room.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..config.loading import ConfigError, load_config
from ..config.schema import CityConfig
from ..config.texts_nl import SCENARIO_TITLES
from ..library import configs_root
from .i18n import t

SOURCE_SEED = re.compile(r"\bseeds? (\d{3})\b")  # "seed 000": a source text, not a random seed

CONFIGS_ENV = "ZELFLERENDESTAD_CONFIGS"


@dataclass(frozen=True)
class Scenario:
    """One scenario file."""

    label: str
    path: Path
    config: CityConfig | None
    error: str | None = None

    def description(self, lang: str) -> str:
        """The file's description in `lang` (empty when the file does not load).

        Dutch is `meta.description_nl`; a file without one shows its English description.
        """
        if self.config is None:
            return ""
        meta = self.config.meta
        text = (meta.description_nl if lang == "nl" else "") or meta.description
        return SOURCE_SEED.sub(lambda m: t("ui.seed_source", lang, n=m.group(1)), text)

    def title(self, lang: str) -> str:
        """The name the room sees: the catalogue's title, else the file's name in words."""
        name = self.config.meta.name if self.config is not None else self.path.stem
        words = SCENARIO_TITLES.get(name) or SCENARIO_TITLES.get(self.path.stem)
        if words:
            return words[0 if lang == "nl" else 1]
        return self.path.stem.replace("_", " ")


def configs_dir() -> Path:
    """Where the scenarios live: $ZELFLERENDESTAD_CONFIGS, ./configs, or the library's."""
    env = os.environ.get(CONFIGS_ENV)
    if env:
        return Path(env)
    here = Path.cwd() / "configs"
    if here.is_dir():
        return here
    return configs_root()


def scenario_files(root: Path) -> list[Path]:
    """configs/scenarios/*.yaml first (the library), then the top-level configs/*.yaml."""
    files = sorted((root / "scenarios").glob("*.yaml")) + sorted(root.glob("*.yaml"))
    return [f for f in files if f.is_file()]


def load_library(root: Path | None = None) -> list[Scenario]:
    """Every scenario under `root`, each loaded (or carrying its error)."""
    root = configs_dir() if root is None else Path(root)
    out = []
    for path in scenario_files(root):
        label = str(path.relative_to(root).with_suffix(""))
        try:
            out.append(Scenario(label, path, load_config(path)))
        except ConfigError as exc:
            out.append(Scenario(label, path, None, exc.render()))
    return out


def default_scenario(library: list[Scenario]) -> Scenario:
    """default.yaml if it loads, else the first scenario that loads, else the schema defaults."""
    usable = [s for s in library if s.config is not None]
    for s in usable:
        if s.path.name == "default.yaml":
            return s
    return usable[0] if usable else Scenario("default", Path("default.yaml"), CityConfig())
