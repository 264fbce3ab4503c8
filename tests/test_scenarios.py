"""The scenario library: every scenario validates, has its header, and runs a short horizon."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from zelflerendestad.config import load_config
from zelflerendestad.run.runner import run_one

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "configs" / "scenarios").glob("*.yaml"))
EXPECTED = {"classic_vertical", "facilitating", "connectors_000",
            "learning_between_municipalities_002", "learning_network_003", "buurtvrouw_004",
            "self_learning_municipality"}
HEADER = ("# Situation:", "# What to look at:", "# How to run:", "# Sources:")


def test_the_library_holds_every_scenario_of_the_sources():
    assert {p.stem for p in SCENARIOS} >= EXPECTED


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_header_and_description(path):
    text = path.read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("#")]
    for field in HEADER:
        assert any(line.startswith(field) for line in head), f"{path.name}: no '{field}'"
    assert f"zelflerendestad run configs/scenarios/{path.name}" in text
    assert "extends: ../default.yaml" in text
    cfg = load_config(path)
    assert cfg.meta.name == path.stem and len(cfg.meta.description) > 40


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_runs_a_short_horizon(path):
    cfg = load_config(path, ["run.weeks=30", "city.residents=400"])
    result = run_one(cfg)
    assert result.timeseries.num_rows == 31
    s = result.summary
    assert s["commons_formed_total"] == s["commons_alive_end"] + s["commons_dissolved_total"]
    assert s["initiatives_formed_total"] >= s["commons_formed_total"]
    due = [(e.week, e.event) for e in sorted(cfg.interventions, key=lambda e: e.week)
           if e.week <= 30]
    assert [(week, name) for week, name, _ in result.events] == due  # every event fired


def test_a_scenario_runs_through_the_cli(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "zelflerendestad", "run",
         str(ROOT / "configs" / "scenarios" / "learning_network_003.yaml"),
         "--weeks", "8", "--set", "city.residents=300", "--out", str(tmp_path / "r")],
        capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r" / "commons.parquet").exists()
