"""docs/students.md, a student's first hour, done as it says: its numbers and messages hold.

The guide's tables are what this version gives (the runs of sections 1 and 3 are made here
from the guide's own `configs/mine.yaml`), its error messages are what the CLI prints, and
adding that file to configs/ leaves the generated docs up to date.
"""

from __future__ import annotations

import re
import sys

from zelflerendestad.cli import SUMMARY_ROWS
from zelflerendestad.config import load_config
from zelflerendestad.docgen import stale
from zelflerendestad.docgen.scenarios import scenario_files
from zelflerendestad.run.runner import run_one

from .conftest import ROOT, cli

GUIDE = (ROOT / "docs" / "students.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", GUIDE, re.S)


def block(lang: str, starts: str) -> str:
    return next(text for kind, text in BLOCKS if kind == lang and text.startswith(starts))


def mine_yaml() -> str:
    return block("yaml", "# configs/mine.yaml")


def test_the_guides_tables_are_what_the_model_gives(tmp_path):
    sys.path.insert(0, str(ROOT / "docs" / "scripts"))
    from compare_runs import table

    (tmp_path / "mine.yaml").write_text(mine_yaml())  # `extends: default.yaml`: the library's
    before = run_one(load_config(ROOT / "configs" / "default.yaml", ["run.seed=1"])).summary
    after = run_one(load_config(tmp_path / "mine.yaml", ["run.seed=1"])).summary

    shown = dict(re.findall(r"│ (.+?) +│ +(\S+) │", block("text", "       default:")))
    assert shown == {label: f"{before[key]:.3g}" for key, label in SUMMARY_ROWS}

    rows = {line.split()[0]: line.split() for line in table(["before", "after"],
                                                            [before, after]).splitlines()}
    example = block("text", "measure ").splitlines()
    for line in example[1:]:
        if line.strip() != "...":
            assert line.split() == rows[line.split()[0]], line


def test_the_guides_error_messages_are_what_the_cli_prints(tmp_path):
    mine = tmp_path / "configs" / "mine.yaml"
    mine.parent.mkdir()
    cases = {
        "municipality:\n  verticalshare: 0.2\n": "configs/mine.yaml: municipality.verticalshare",
        "municipality:\n  vertical_share: 20\n": "configs/mine.yaml: municipality.vertical_share:",
        "network:\n  type: smallworld\n  mean_degree: 7\n": "configs/mine.yaml (2 problems)",
    }
    for text, starts in cases.items():
        mine.write_text(f"extends: default.yaml\n{text}")
        r = cli("validate", "configs/mine.yaml", cwd=tmp_path)
        expected = next(t for kind, t in BLOCKS if kind == "text" and starts in t)
        assert r.returncode == 2 and expected.strip() in r.stderr.strip(), (expected, r.stderr)
    r = cli("show-config", "default", "--set", "municipality.vertical_share=0,3", cwd=tmp_path)
    expected = block("text", "--set municipality.vertical_share=0,3")
    assert r.returncode == 2 and expected.strip() in r.stderr, (expected, r.stderr)


def test_adding_mine_yaml_as_the_guide_says_keeps_the_docs_up_to_date():
    added = [ROOT / "configs" / "mine.yaml", ROOT / "configs" / "scenarios" / "mine.yaml"]
    try:
        added[0].write_text(mine_yaml())
        added[1].write_text(mine_yaml().replace("default.yaml", "../default.yaml"))
        assert not set(added) & set(scenario_files(ROOT))
        assert stale(ROOT) == []
    finally:
        for path in added:
            path.unlink(missing_ok=True)
