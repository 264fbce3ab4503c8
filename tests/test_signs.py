"""The sign table's declaration names only parameters, levers and ODD sections that exist."""

from __future__ import annotations

import re

from zelflerendestad.docgen.tables import iter_params, render_signs
from zelflerendestad.signs import EFFECTS, LEVERS

from .conftest import ROOT

ANCHORS = set(re.findall(r"\{#([\w-]+)\}", (ROOT / "docs" / "odd.md").read_text("utf-8")))
PATHS = {r.path for r in iter_params()}


def test_every_row_names_a_known_lever_existing_parameters_and_an_odd_section():
    for e in EFFECTS:
        assert e.lever in LEVERS, e
        assert set(e.size) <= PATHS, f"{e.lever} -> {e.moves}: {set(e.size) - PATHS}"
        assert e.section in ANCHORS, f"{e.lever} -> {e.moves}: no section #{e.section}"


def test_a_sign_that_depends_says_on_what_and_no_row_is_declared_twice():
    assert all(e.condition for e in EFFECTS if e.sign == "±")
    keys = [(e.lever, e.moves) for e in EFFECTS]
    assert len(keys) == len(set(keys))


def test_every_lever_of_the_issue_has_rows():
    levers = {e.lever for e in EFFECTS}
    assert {"V", "H", "subsidy", "enforcement", "recognition", "imposed rules",
            "connector programme"} <= levers


def test_the_table_shows_each_size_parameters_basis_and_value_kind():
    text = render_signs()
    row = next(line for line in text.splitlines() if "`trust.reliability_gain`" in line)
    assert "| `+` |" in row and "MODEL.md step 2 (acco" in row and "(assumption)" in row
    assert text.startswith(f"{len(EFFECTS)} direct effects")
