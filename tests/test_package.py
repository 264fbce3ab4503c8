"""The built wheel ships what it needs: installed in a fresh venv, used from an empty folder.

One session fixture builds the wheel and installs it (with the app's extra) in a new venv with
uv, from its cache and the package registries only; the tests then run from an empty folder,
where no repository `configs/` can help.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import zelflerendestad
from zelflerendestad import library

from .conftest import ROOT, cli, stop
from .test_app_browser import free_port, wait_until_serving

UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """The `bin/` folder of a fresh venv holding the built wheel and its app extra."""
    assert UV, "uv is installed into .venv by `make venv`"
    work = tmp_path_factory.mktemp("wheel")
    built = _run([UV, "build", "--wheel", "--out-dir", str(work / "dist"), str(ROOT)], ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = next((work / "dist").glob("zelflerendestad-*.whl"))
    made = _run([UV, "venv", "--quiet", "--python", sys.executable, str(work / "venv")], work)
    assert made.returncode == 0, made.stderr
    python = work / "venv" / "bin" / "python"
    done = _run([UV, "pip", "install", "--quiet", "--python", str(python), f"{wheel}[app]"],
                work, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    _run([UV, "cache", "prune", "--quiet"], work)  # each build of an sdist leaves ~250 MB
    return python.parent


@pytest.fixture
def empty(tmp_path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def test_a_library_scenario_runs_by_name_from_an_empty_folder(installed, empty):
    cli = str(installed / "zelflerendestad")
    listed = _run([cli, "scenarios"], empty)
    assert listed.returncode == 0, listed.stderr
    assert "site-packages/zelflerendestad/library" in listed.stdout
    for entry in library.entries():  # the checkout's library, every file in the wheel
        assert re.search(rf"^\s+{re.escape(entry.name)}\s", listed.stdout, re.M), entry.name

    ran = _run([cli, "run", "default", "--weeks", "2", "--set", "city.residents=200",
                "--out", "out"], empty)
    assert ran.returncode == 0, ran.stderr
    manifest = json.loads((empty / "out" / "manifest.json").read_text())
    assert manifest["git_commit"] == f"none (zelflerendestad {zelflerendestad.__version__})"
    assert manifest["config"]["meta"]["name"] == "default"


def test_the_error_messages_advice_extends_default_works_outside_the_repository(
        installed, empty):
    (empty / "mine.yaml").write_text("extends: default.yaml\nmeta: {name: mine}\n"
                                     "municipality: {vertical_share: 0.2}\n")
    cli = str(installed / "zelflerendestad")
    shown = _run([cli, "show-config", "mine.yaml"], empty)
    assert shown.returncode == 0, shown.stderr
    config = yaml.safe_load(shown.stdout)
    assert config["municipality"]["vertical_share"] == 0.2
    assert config["city"]["residents"] == 2000  # from the shipped default.yaml


SHOW_LIBRARY = """
from zelflerendestad.app.library import load_library
from zelflerendestad.sweeps.plan import build_plan
from zelflerendestad.sweeps.spec import load_spec
print([s.label for s in load_library() if s.config is not None])
plan = build_plan(load_spec("vertical_horizontal"))
print(plan.n_runs, plan.loaded.base_file)
"""


def test_the_app_finds_the_library_and_answers_from_an_empty_folder(installed, empty):
    shown = _run([str(installed / "python"), "-c", SHOW_LIBRARY], empty)
    assert shown.returncode == 0, shown.stderr
    labels, sweep = shown.stdout.splitlines()
    assert "'default'" in labels and "'scenarios/facilitating'" in labels
    assert sweep.startswith("396 ") and sweep.endswith("library/configs/default.yaml")

    port = free_port()
    log = open(empty.parent / "app.log", "w")  # noqa: SIM115
    proc = subprocess.Popen([str(installed / "zelflerendestad"), "app", "--port", str(port)],
                            cwd=empty, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/", proc)
    finally:
        stop(proc)
        log.close()
    assert list(empty.iterdir()) == []  # nothing written where the trainer started it


def test_a_missing_file_lists_the_library_by_name(tmp_path):
    r = cli("validate", "nothing.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "scenarios/facilitating" in r.stderr and "Traceback" not in (
        r.stderr)
    ran = cli("show-config", "facilitating", "--set", "run.weeks=3", cwd=tmp_path)
    assert ran.returncode == 0 and "vertical_share: 0.1" in ran.stdout, ran.stderr


def test_version_licence_and_citation_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert project["version"] == zelflerendestad.__version__ == citation["version"]
    assert project["license"] == citation["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
