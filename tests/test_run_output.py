"""`run`'s results folder: always whole, never lost to a kill, a full disk or a strange name.

The kills are real (`os._exit` inside the CLI's process at the worst moment); the full disk is
a real size limit on files (RLIMIT_FSIZE, no root needed): writing past it fails with EFBIG.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer

from tests.conftest import ROOT, small_config
from zelflerendestad import cli
from zelflerendestad.run import outfolder
from zelflerendestad.run import runner as model_runner
from zelflerendestad.run.runner import run_one, write_results

CONFIG = str(ROOT / "configs" / "default.yaml")
TINY = ["--set", "city.residents=100"]

# Runs the real CLI with one fault: the process dies right after the step named in argv[1].
KILL_AT = """
import errno, os, pathlib, sys
import zelflerendestad.run.outfolder as of

real_exchange, real_rename = of.exchange, pathlib.Path.rename
def exchange(a, b):
    if sys.argv[1] == "rename-away":
        raise OSError(errno.EINVAL, "no exchange on this file system")
    real_exchange(a, b)
    os._exit(137)
def rename(self, target):
    moved = real_rename(self, target)
    if ".old-" in str(target):
        os._exit(137)
    return moved
of.exchange, pathlib.Path.rename = exchange, rename
from zelflerendestad.cli import main
sys.argv = ["zelflerendestad", *sys.argv[2:]]
main()
"""


def weeks_in(folder: Path) -> int:
    manifest = json.loads((folder / "manifest.json").read_text())
    assert pq.read_table(folder / "timeseries.parquet").num_rows == manifest["config"]["run"][
        "weeks"] + 1
    return manifest["config"]["run"]["weeks"]


def hidden_siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("moment", ["exchange", "rename-away"])
def test_run_force_killed_while_replacing_keeps_a_whole_folder(moment, tmp_path):
    out = tmp_path / "out"
    write_results(run_one(small_config(run={"weeks": 2})), out)
    proc = subprocess.run([sys.executable, "-c", KILL_AT, moment, "run", CONFIG, *TINY,
                           "--weeks", "3", "--out", str(out), "--force"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 137, proc.stderr
    if moment == "exchange":  # one system call: the new folder is in place
        assert weeks_in(out) == 3
    outfolder.tidy(out)  # what the next run or write does first
    assert weeks_in(out) in (2, 3)
    assert hidden_siblings(out) == []


def test_tidy_leaves_a_folder_being_written_alone(tmp_path):
    out = tmp_path / "out"
    busy = outfolder.new_folder(out)  # this process's, still alive
    dead = tmp_path / ".out.new-999999999-abcd"
    dead.mkdir()
    assert outfolder.tidy(out) == [dead]
    assert busy.exists()


def test_a_full_disk_ends_with_a_message_and_no_half_folder(tmp_path):
    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.RLIM_INFINITY))

    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    proc = subprocess.run([sys.executable, "-m", "zelflerendestad", "run", CONFIG, *TINY,
                           "--weeks", "26", "--out", str(tmp_path / "out")], env=env,
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          preexec_fn=small_files)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "cannot write the results to" in proc.stderr and "File too large" in proc.stderr
    assert f"cannot write them to {tmp_path / 'tmp'}" in proc.stderr  # tried elsewhere too
    assert "could not be written" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]  # nothing half-written
    assert list((tmp_path / "tmp").iterdir()) == []


def test_results_that_cannot_go_to_out_are_written_elsewhere(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    real = model_runner.write_results

    def disk_full_at_out(result, where, **kwargs):  # noqa: ANN001, ANN202
        if Path(where) == out:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(result, where, **kwargs)

    monkeypatch.setattr(model_runner, "write_results", disk_full_at_out)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    with pytest.raises(typer.Exit) as stop:
        cli._save(run_one(small_config(run={"weeks": 2})), out, force=False)
    assert stop.value.exit_code == 1
    err = capsys.readouterr().err
    saved = next((tmp_path / "tmp" / "zelflerendestad-unsaved").iterdir())
    assert "No space left on device" in err and f"saved in {saved} instead" in err
    assert weeks_in(saved) == 2 and not out.exists()


@pytest.mark.parametrize("name", ["../../escape", "/etc", "..", "a/../../b", ""])
def test_meta_name_cannot_steer_the_default_folder_out_of_results(name):
    out = cli._default_out(name, 1)
    assert out.parts[0] == "results" and len(out.parts) == 3
    assert out.parts[1] not in ("", ".", "..") and not out.parts[1].startswith(".")
