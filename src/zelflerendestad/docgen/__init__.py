"""Generate the parts of the documentation that are read from the code (`zelflerendestad docs`).

schema + events + state classes + measures + configs/ -> marked blocks in docs/odd.md and
docs/scenarios.md. `generate()` returns the new page texts, `write()` saves those that changed,
`stale()` lists the pages whose committed text differs from what the code gives today (the test
suite and `zelflerendestad docs --check` use it to say "run `make docs`").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .blocks import MissingBlock, fill
from .scenarios import render_scenarios
from .tables import (
    missing_state_descriptions,
    render_code_map,
    render_events,
    render_measures,
    render_parameters,
    render_signs,
    render_state,
    render_streams,
    schema_paths,
)

__all__ = ["MissingBlock", "generate", "missing_state_descriptions", "schema_paths", "stale",
           "write"]

Renderer = Callable[[Path, str], str]

# page -> block name -> renderer(root, current page text)
PAGES: dict[str, dict[str, Renderer]] = {
    "docs/odd.md": {
        "state-variables": lambda root, text: render_state(),
        "measures": lambda root, text: render_measures(),
        "streams": lambda root, text: render_streams(),
        "events": lambda root, text: render_events(),
        "code-map": lambda root, text: render_code_map(text),
        "parameters": lambda root, text: render_parameters(),
        "signs": lambda root, text: render_signs(),
    },
    "docs/scenarios.md": {
        "scenarios": lambda root, text: render_scenarios(root),
    },
}


def generate(root: Path) -> dict[Path, tuple[str, str]]:
    """{page: (current text, regenerated text)} for every page with generated blocks."""
    out = {}
    for page, blocks in PAGES.items():
        path = Path(root) / page
        if not path.exists():
            raise FileNotFoundError(f"{path} not found; is {root} the repository root?")
        text = path.read_text(encoding="utf-8")
        new = fill(text, {name: render(Path(root), text) for name, render in blocks.items()},
                   page)
        out[path] = (text, new)
    return out


def write(root: Path) -> list[Path]:
    """Regenerate every block; write and return the pages that changed."""
    changed = []
    for path, (old, new) in generate(root).items():
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def stale(root: Path) -> list[Path]:
    """Pages whose generated blocks are out of date with the code."""
    return [path for path, (old, new) in generate(root).items() if new != old]
