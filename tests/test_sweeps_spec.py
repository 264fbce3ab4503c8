"""Sweep specs are checked like configs: key path, allowed values, did-you-mean, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from zelflerendestad.config import ConfigError
from zelflerendestad.sweeps.plan import build_plan
from zelflerendestad.sweeps.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
BASE = str(ROOT / "configs" / "default.yaml")


def write(tmp_path: Path, **spec) -> Path:
    data = {"name": "t", "base": BASE, "weeks": 5, "fixed": {"city.residents": 200},
            "parameters": {"municipality.vertical_share": [0.0, 1.0]}, **spec}
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def problems(path: Path) -> str:
    with pytest.raises(ConfigError) as err:
        build_plan(load_spec(path))
    return err.value.render()


def test_a_valid_spec_loads_with_its_factors(tmp_path):
    loaded = load_spec(write(tmp_path, replications=3))
    assert [f.name for f in loaded.factors] == ["municipality.vertical_share"]
    assert build_plan(loaded).n_runs == 6


def test_unknown_top_level_key_suggests_the_right_one(tmp_path):
    text = problems(write(tmp_path, replication=3))
    assert "replication: unknown key" in text and "did you mean `replications`" in text


def test_unknown_parameter_key_path_suggests_the_right_one(tmp_path):
    text = problems(write(tmp_path, parameters={"municipality.vertical_shar": [0.1]}))
    assert "parameters.municipality.vertical_shar" in text
    assert "did you mean `municipality.vertical_share`" in text


def test_design_type_typo_lists_allowed_values(tmp_path):
    text = problems(write(tmp_path, design={"type": "sobl", "samples": 8}))
    assert "design.type" in text and "one of grid, lhs, sobol, morris" in text
    assert "did you mean `sobol`" in text


def test_value_out_of_bounds_is_reported_at_its_parameter(tmp_path):
    text = problems(write(tmp_path, parameters={"municipality.vertical_share": [0.5, 1.5]}))
    assert "parameters.municipality.vertical_share" in text
    assert "1.5" in text and "in [0.0, 1.0]" in text


def test_sobol_samples_must_be_a_power_of_two(tmp_path):
    text = problems(write(tmp_path, design={"type": "sobol", "samples": 100},
                          parameters={"municipality.vertical_share": {"range": [0, 1]}}))
    assert "power of 2" in text and "64" in text


def test_grid_range_needs_steps(tmp_path):
    text = problems(write(tmp_path, parameters={"municipality.vertical_share": {"range": [0, 1]}}))
    assert "parameters.municipality.vertical_share.steps" in text


def test_level_overrides_are_checked_too(tmp_path):
    text = problems(write(tmp_path, parameters={"programme": {"levels": {
        "none": {}, "big": {"programmes.connector_programe_size": 50}}}}))
    assert "did you mean `programmes.connector_programme_size`" in text


def test_every_problem_is_listed_at_once(tmp_path):
    text = problems(write(tmp_path, replications=0, seeed=1))
    assert "replications" in text and "seeed" in text and "(2 problems)" in text


def test_cli_exits_2_without_traceback(tmp_path):
    spec = write(tmp_path, replication=3)
    proc = subprocess.run([sys.executable, "-m", "zelflerendestad", "sweep", str(spec),
                           "--dry-run"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert "did you mean `replications`" in proc.stderr
    assert "Traceback" not in proc.stderr
