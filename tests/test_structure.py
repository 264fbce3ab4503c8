"""The package's structure: who may import the model, and a test module for every module."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from zelflerendestad.docgen.tables import STATE_CLASSES, state_rows
from zelflerendestad.rng import STREAMS
from zelflerendestad.statevars import meaning, state

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "zelflerendestad"
MAY_IMPORT_MODEL = ("model.py", "run/runner.py", "lab/runner.py", "app/", "room/")  # room: owns one


def module_name(file: Path) -> str:
    parts = file.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(file: Path) -> set[str]:
    """Absolute names of the package's modules `file` imports (TYPE_CHECKING blocks too)."""
    package = module_name(file).split(".") if file.name == "__init__.py" else \
        module_name(file).split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            elif (node.module or "").startswith("zelflerendestad"):
                name = node.module.removeprefix("zelflerendestad").lstrip(".")
            else:
                continue
            out.add(name)
            out |= {f"{name}.{a.name}".lstrip(".") for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name.removeprefix("zelflerendestad.") for a in node.names
                    if a.name.startswith("zelflerendestad")}
    return out


def test_only_model_runner_and_app_import_the_model():
    offenders = [str(f.relative_to(SRC)) for f in SRC.rglob("*.py")
                 if "model" in imports(f) and f.name != "model.py"
                 and not str(f.relative_to(SRC)).startswith(MAY_IMPORT_MODEL)]
    assert not offenders


def test_the_commons_package_imports_without_the_model():
    code = ("import sys, zelflerendestad.commons, zelflerendestad.interventions; "
            "print('zelflerendestad.model' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_every_module_has_a_test_module_that_imports_it():
    tested: set[str] = set()
    for test in (ROOT / "tests").rglob("*.py"):
        for name in imports_of_test(test):
            parts = name.split(".")
            tested |= {".".join(parts[:k]) for k in range(1, len(parts) + 1)}
    modules = {module_name(f) for f in SRC.rglob("*.py")} - {""}
    missing = modules - tested
    assert not missing, f"no test module imports {sorted(missing)}"


def imports_of_test(file: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zelflerendestad"):
            base = node.module.removeprefix("zelflerendestad").lstrip(".")
            out |= {base, *(f"{base}.{a.name}".lstrip(".") for a in node.names)}
        elif isinstance(node, ast.Import):
            out |= {a.name.removeprefix("zelflerendestad").lstrip(".") for a in node.names
                    if a.name.startswith("zelflerendestad")}
    return out


def test_every_stream_is_drawn_from_and_every_draw_names_a_stream():
    source = "\n".join(f.read_text(encoding="utf-8") for f in SRC.rglob("*.py"))
    drawn = {n for n in STREAMS if f'streams["{n}"]' in source}
    assert drawn == set(STREAMS), f"never drawn from: {set(STREAMS) - drawn}"


@pytest.mark.parametrize(("module", "cls", "entity"), STATE_CLASSES)
def test_every_state_field_declares_its_meaning(module, cls, entity):
    import importlib

    klass = getattr(importlib.import_module(f"zelflerendestad.{module}"), cls)
    undeclared = [f.name for f in fields(klass) if not meaning(f)[0]]
    assert not undeclared
    assert {r[2] for r in state_rows() if r[1] == f"{module}.{cls}"} == \
        {f.name for f in fields(klass)}


def test_state_field_carries_meaning_and_note():
    from dataclasses import dataclass
    from dataclasses import fields as fields_of

    @dataclass
    class Example:
        x: int = state("how many", "int", default=0)

    assert meaning(fields_of(Example)[0]) == ("how many", "int") and Example().x == 0
