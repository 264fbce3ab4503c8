"""The generated documentation matches the code: parameter table, state, blocks, scenarios."""

from __future__ import annotations

import re
import shutil
import typing
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from zelflerendestad.config import CityConfig
from zelflerendestad.config.params import Section, param
from zelflerendestad.docgen import generate, stale, write
from zelflerendestad.docgen.blocks import BLOCK_RE, MissingBlock, fill
from zelflerendestad.docgen.scenarios import auto_exercise, load_scenario, read_header
from zelflerendestad.docgen.tables import iter_params, render_parameters, render_state, slug
from zelflerendestad.measures import MEASURES
from zelflerendestad.officials import Officials
from zelflerendestad.population import state_names

from .conftest import ROOT, cli

ODD = ROOT / "docs" / "odd.md"


def leaf_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Schema leaves, walked independently of docgen (sections, lists of sections)."""
    out: set[str] = set()
    for name, info in model.model_fields.items():
        ann = info.annotation
        args = [typing.get_args(a)[0] if typing.get_origin(a) is typing.Annotated else a
                for a in typing.get_args(ann)]
        inner = [a for a in args if isinstance(a, type)]
        sub = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else next(
            (a for a in inner if issubclass(a, BaseModel)), None)
        if sub is None:
            out.add(f"{prefix}{name}")
        else:
            sep = "[]." if typing.get_origin(ann) is list else "."
            out |= leaf_paths(sub, f"{prefix}{name}{sep}")
    return out


def block(text: str, name: str) -> str:
    return next(m.group("body") for m in BLOCK_RE.finditer(text) if m.group("name") == name)


def table_key_paths(text: str) -> set[str]:
    """Key paths in the committed parameter table (second column)."""
    return {m.group(1) for m in re.finditer(r"^\| [^|]+ \| `([^`]+)` \|", block(
        text, "parameters"), re.M)}


def test_parameter_table_lists_every_schema_field_and_no_other():
    listed = table_key_paths(ODD.read_text())
    schema = leaf_paths(CityConfig)
    assert not schema - listed, f"missing from docs/odd.md: {sorted(schema - listed)}; run " \
                                "`make docs`"
    assert not listed - schema, f"docs/odd.md names fields that no longer exist: " \
                                f"{sorted(listed - schema)}; run `make docs`"


def test_committed_generated_docs_are_up_to_date():
    assert stale(ROOT) == [], "generated docs are out of date with the code; run `make docs` " \
                              "and commit docs/"


def test_docs_check_command_fails_on_a_stale_copy_and_write_repairs_it(tmp_path):
    for part in ("docs", "configs"):
        shutil.copytree(ROOT / part, tmp_path / part)
    odd = tmp_path / "docs" / "odd.md"
    odd.write_text(odd.read_text().replace("`municipality.vertical_share` |", "`gone` |", 1))
    r = cli("docs", "--check", "--root", str(tmp_path))
    assert r.returncode == 1 and "make docs" in r.stderr
    assert cli("docs", "--root", str(tmp_path)).returncode == 0
    assert cli("docs", "--check", "--root", str(tmp_path)).returncode == 0
    assert "`gone` |" not in odd.read_text()


def test_docs_command_says_what_is_wrong_outside_a_repository(tmp_path):
    r = cli("docs", "--root", str(tmp_path))
    assert r.returncode == 2 and "repository root" in r.stderr and "Traceback" not in r.stderr


class Growing(Section):
    """A section another branch might add."""

    rate: float = param(0.1, "A new rate", unit="per week", basis="Ostrom (1990)",
                        value_source="assumption", ge=0, le=1)
    mode: Literal["a", "b"] = param("a", "A choice", unit="choice", basis="assumption",
                                    value_source="setting")


class Member(Section):
    """An item of a list section."""

    size: int = Field(3, ge=1, description="How many")


class GrownConfig(CityConfig):
    commons: Growing = Field(default_factory=Growing)
    members: list[Member] = Field(default_factory=list)
    maybe: Growing | None = None


def test_a_section_added_to_the_schema_appears_with_its_metadata():
    rows = {r.path: r for r in iter_params(GrownConfig)}
    assert set(rows) == leaf_paths(GrownConfig)
    assert rows["commons.rate"].basis == "Ostrom (1990)" and rows["commons.rate"].upper == 1
    assert rows["commons.rate"].value_kind == "assumption"
    assert "members[].size" in rows and "maybe.mode" in rows
    assert rows["commons.mode"].kind == "choice"


def test_parameter_table_rows_carry_default_range_unit_basis_and_value_source():
    text = render_parameters()
    row = next(line for line in text.splitlines() if "`engagement.broadcast_rate`" in line)
    default = CityConfig().engagement.broadcast_rate
    assert f"| {default:g} |" in row and "[0, 1]" in row and "per week" in row
    assert "| Bass (1969) external influence | assumption (" in row and "★" in row
    tuned = next(line for line in text.splitlines() if "`commons.money.dues`" in line)
    assert tuned.endswith("| target: commons_tuning (was 0.15 before commit 5fb1c9b) |")
    assert "calibration targets" in text.splitlines()[0]


def test_state_block_lists_every_state_field():
    text = block(ODD.read_text(), "state-variables")
    for name in state_names() + [f for f in Officials.__dataclass_fields__]:
        assert f"| `{name}` |" in text, name
    assert "*(not described yet)*" not in render_state()


def test_measures_block_lists_every_measure():
    text = block(ODD.read_text(), "measures")
    assert all(f"| `{name}` |" in text for name in MEASURES)


def test_fill_touches_only_the_named_block_and_requires_markers():
    text = ("intro\n<!-- generated:a start: x -->\nold\n<!-- generated:a end -->\nmiddle\n"
            "<!-- generated:b start: x -->\nkeep\n<!-- generated:b end -->\n")
    out = fill(text, {"a": "new"})
    assert "new\n" in out and "old" not in out and "keep" in out and "middle" in out
    assert fill(out, {"a": "new"}) == out
    with pytest.raises(MissingBlock, match="make docs"):
        fill(text, {"c": "x"})


def test_slug_matches_mkdocs_toc():
    assert slug("Step 3b — waking up and lapsing") == "step-3b-waking-up-and-lapsing"
    assert slug("Ostrom’s principles (1990)") == "ostroms-principles-1990"


def test_generation_is_idempotent(tmp_path):
    for part in ("docs", "configs"):
        shutil.copytree(ROOT / part, tmp_path / part)
    write(tmp_path)
    assert write(tmp_path) == []
    assert all(BLOCK_RE.search(new) for _, new in generate(tmp_path).values())


def test_scenario_header_changes_and_exercise(tmp_path):
    (tmp_path / "configs" / "scenarios").mkdir(parents=True)
    shutil.copy(ROOT / "configs" / "default.yaml", tmp_path / "configs" / "default.yaml")
    path = tmp_path / "configs" / "scenarios" / "facilitating.yaml"
    path.write_text("# Facilitating municipality.\n# Situation: officials in the street\n"
                    "#   (seed 004).\n# What to look at: trust.\nextends: ../default.yaml\n"
                    "meta: {name: facilitating}\nmunicipality: {vertical_share: 0.1}\n"
                    "interventions:\n  - {week: 10, event: subsidy_start}\n")
    assert read_header(path) == [("", "Facilitating municipality."),
                                 ("Situation", "officials in the street (seed 004)."),
                                 ("What to look at", "trust.")]
    s = load_scenario(tmp_path, path)
    assert s.slug == "scenarios-facilitating"
    assert ("municipality.vertical_share", 0.1, 0.5) in s.changes
    assert s.timeline == [{"week": 10, "event": "subsidy_start"}]
    text = auto_exercise(s)
    assert "`municipality.vertical_share`" in text and "configs/scenarios/mine.yaml" in text


def test_every_config_has_a_section_in_the_scenario_guide():
    text = (ROOT / "docs" / "scenarios.md").read_text()
    for path in sorted((ROOT / "configs").rglob("*.yaml")):
        if "probes" not in path.parts:  # sweep specs, documented in the ODD
            assert f"`{path.relative_to(ROOT)}`" in text, path
