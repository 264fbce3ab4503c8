"""`python -m zelflerendestad` is the `zelflerendestad` command: same entry point, same exits."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

import pytest

from zelflerendestad import cli


def run_as_module(monkeypatch, *args: str) -> int:
    """Import `zelflerendestad.__main__` afresh, as `python -m` does, with these arguments."""
    monkeypatch.setattr(sys, "argv", ["zelflerendestad", *args])
    monkeypatch.delitem(sys.modules, "zelflerendestad.__main__", raising=False)
    with pytest.raises(SystemExit) as exit_:
        import zelflerendestad.__main__  # noqa: F401
    return exit_.value.code


def test_the_console_script_and_the_module_call_the_same_main(monkeypatch):
    (script,) = entry_points(group="console_scripts", name="zelflerendestad")
    assert script.load() is cli.main
    called = []
    monkeypatch.setattr(cli, "main", lambda: called.append(sys.argv[1:]) or sys.exit(0))
    assert run_as_module(monkeypatch, "sweep", "x.yaml") == 0
    assert called == [["sweep", "x.yaml"]]


def test_help_lists_the_commands(monkeypatch, capsys):
    assert run_as_module(monkeypatch, "--help") == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("run", "sweep", "analyze", "validate"))


def test_a_missing_config_exits_2_with_a_message_and_no_traceback(monkeypatch, capsys,
                                                                   tmp_path):
    assert run_as_module(monkeypatch, "validate", str(tmp_path / "nope.yaml")) == 2
    err = capsys.readouterr().err
    assert "nope.yaml" in err and "Traceback" not in err
