"""The `sweep` and `analyze` commands: what they print, and their exit codes on bad input.

The commands are mounted on a Typer app of their own, so these tests reach `command.py` without
the rest of the CLI; the runs themselves are covered by test_sweeps_cli.py.
"""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from zelflerendestad.sweeps import command
from zelflerendestad.sweeps.design import Factor, make_design

from .sweep_helpers import write_spec
from .test_sweeps_analysis import write_sweep

APP = typer.Typer()
APP.command()(command.sweep)
APP.command()(command.analyze)


def invoke(*args):
    return CliRunner().invoke(APP, [str(a) for a in args])


@pytest.fixture(scope="module")
def sobol_folder(tmp_path_factory):
    """A finished Sobol sweep of y = 3 a + b, written through the real store."""
    root = tmp_path_factory.mktemp("sobol")
    factors = [Factor("a", "range", low=0.0, high=1.0), Factor("b", "range", low=0.0, high=1.0)]
    design = make_design(factors, "sobol", root_seed=3, samples=8)
    write_sweep(root, factors, design, 3 * design.matrix[:, 0] + design.matrix[:, 1])
    return root


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    spec = write_spec(tmp_path, weeks=2, replications=1, fixed={"city.residents": 50})
    result = invoke("sweep", spec, "--out", out, "--dry-run", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "6 (0 already recorded, 6 to do)" in result.stdout
    assert not out.exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--retry-failed"], "--retry-failed goes with --resume"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "--workers is for the local pool"),
])
def test_options_that_mean_nothing_exit_2_with_a_message(tmp_path, options, message):
    result = invoke("sweep", write_spec(tmp_path), "--out", tmp_path / "out", *options)
    assert result.exit_code == 2 and message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out").exists()


def test_a_bad_spec_exits_2_naming_the_key(tmp_path):
    result = invoke("sweep", write_spec(tmp_path, replication=2), "--dry-run")
    assert result.exit_code == 2 and "did you mean `replications`" in result.stderr


def test_analyze_lists_what_it_wrote(sobol_folder, tmp_path):
    result = invoke("analyze", sobol_folder, "--out", tmp_path / "a", "--outcome", "y")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote {len(lines) - 1} files to {tmp_path / 'a'}"
    assert f"  {tmp_path / 'a' / 'sobol.csv'}" in lines
    assert f"  {tmp_path / 'a' / 'summary.md'}" in lines


def test_analyze_an_unknown_outcome_suggests_the_right_one(sobol_folder, tmp_path):
    result = invoke("analyze", sobol_folder, "--out", tmp_path / "a", "--outcome", "yy")
    assert result.exit_code == 2 and "did you mean `y`" in result.stderr


def test_analyze_a_folder_that_is_no_sweep_exits_2(tmp_path):
    result = invoke("analyze", tmp_path)
    assert result.exit_code == 2 and "is not a sweep or experiment folder" in result.stderr


def test_analyze_into_a_folder_it_cannot_write_exits_1(sobol_folder, tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    result = invoke("analyze", sobol_folder, "--out", blocked / "analysis")
    assert result.exit_code == 1 and "the analysis of" in result.stderr
    assert "stopped" in result.stderr
