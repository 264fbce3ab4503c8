"""Shared helpers: small configs and running the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from zelflerendestad.config import CityConfig, validate_mapping
from zelflerendestad.config.loading import deep_merge

ROOT = Path(__file__).resolve().parents[1]


def small_config(*layers: dict, **sections: dict) -> CityConfig:
    """A small, fast city; dicts and keyword sections merge on top, in order."""
    data = {"city": {"residents": 300, "neighbourhoods": 3}, "run": {"weeks": 30, "seed": 3}}
    for layer in (*layers, sections):
        data = deep_merge(data, layer)
    return validate_mapping(data, file="<test>")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m zelflerendestad ARGS` and capture its output."""
    return subprocess.run([sys.executable, "-m", "zelflerendestad", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def write_yaml(tmp_path: Path):
    """Write a YAML text to a file in tmp_path and return its path."""
    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text)
        return path
    return write


def write_app_scenarios(folder: Path, residents: int) -> Path:
    """Two small scenarios for the app tests: configs/default.yaml and scenarios/horizontal.yaml.

    Each has an English and a Dutch description, so tests can see the picker switch language.
    """
    (folder / "scenarios").mkdir(exist_ok=True)
    for path, name, en, nl, share in (
            (folder / "default.yaml", "default", "A mixed municipality.", "Gemengde gemeente.",
             0.5),
            (folder / "scenarios" / "horizontal.yaml", "horizontal", "Sits on its hands.",
             "Zit op de handen.", 0.1)):
        path.write_text(yaml.safe_dump({
            "meta": {"name": name, "description": en, "description_nl": nl},
            "city": {"residents": residents}, "municipality": {"vertical_share": share}}))
    return folder


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """The workshop app started as a trainer starts it, on the repository's own scenarios.

    One server for every browser test of the session (starting one costs half a minute).
    """
    from .test_app_browser import free_port, wait_until_serving

    port = free_port()
    folder = tmp_path_factory.mktemp("app")
    log = open(folder / "server.log", "w")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("zelflerendestad")), "app",
                             "--port", str(port), "--configs", str(ROOT / "configs")],
                            stdout=log, stderr=subprocess.STDOUT, cwd=folder,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(url, proc)
        yield url
    finally:
        stop(proc)
        log.close()


def stop(proc: subprocess.Popen) -> None:
    """End a server the tests started: politely, then for sure."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright, for every browser test of the session."""
    from playwright.sync_api import sync_playwright

    from .test_app_browser import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "chromium is missing: run `make test` (it installs it)"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
