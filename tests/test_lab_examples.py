"""Every worked example of the virtual laboratory (experiments/*/lab.yaml) runs, reduced."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from zelflerendestad.lab.command import run_experiment

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted((ROOT / "experiments").glob("*/lab.yaml"))


def reduced(spec: dict) -> dict:
    """Two seeds, a small city, a few weeks per phase: the same design, cheaply."""
    return {**spec, "seeds": spec["seeds"][:2], "burn_in": min(spec["burn_in"], 4),
            "set": {**spec.get("set", {}), "city.residents": min(
                spec.get("set", {}).get("city.residents", 300), 300)},
            "phases": [{**p, "weeks": min(p["weeks"], 3)} for p in spec["phases"]]}


def test_there_are_worked_examples():
    assert len(SPECS) >= 2


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.parent.name)
def test_a_worked_example_runs_reduced_and_reports_every_arm(path, tmp_path):
    spec = yaml.safe_load(path.read_text())
    small = path.parent / ".reduced-lab.yaml"  # beside the original: `config:` is relative
    small.write_text(yaml.safe_dump(reduced(spec), sort_keys=False))
    try:
        diffs = run_experiment(small, tmp_path / "out")
    finally:
        small.unlink()
    arms = list(spec["arms"])
    assert {d["arm"] for d in diffs} == set(arms[1:])
    assert {d["phase"] for d in diffs} == {p["name"] for p in spec["phases"]}
    assert (path.parent / "README.md").exists()
