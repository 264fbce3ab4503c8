"""Every parameter says where its mechanism and its number come from (config/params.py)."""

from __future__ import annotations

import re

import pytest

from zelflerendestad.config.params import field_meta, param, target_name, value_kind
from zelflerendestad.config.schema import NetworkSettings
from zelflerendestad.docgen.tables import iter_params
from zelflerendestad.sweeps.spec import check_key_path, load_spec

from .conftest import ROOT

ROWS = [r for r in iter_params() if r.value_kind]  # param() fields (meta and events excluded)
PROBES = ROOT / "configs" / "probes"


def test_param_has_no_default_provenance():
    with pytest.raises(TypeError, match="value_source"):
        param(0.1, "A rate", unit="per week", basis="Ostrom (1990)")
    with pytest.raises(TypeError, match="basis"):
        param(0.1, "A rate", unit="per week", value_source="assumption")
    with pytest.raises(ValueError, match="empty"):
        param(0.1, "A rate", unit="per week", basis="Ostrom (1990)", value_source=" ")
    with pytest.raises(ValueError, match="basis is empty"):
        param(0.1, "A rate", unit="per week", basis="", value_source="assumption")


@pytest.mark.parametrize("text, kind", [
    ("assumption", "assumption"), ("assumption (a quarter)", "assumption"),
    ("setting", "setting"), ("target: commons_tuning (was 0.5)", "target"),
    ("March (1991), p. 75 (Fig. 1: m = 30)", "citation"),
    ("Deci et al. (1999): d = -0.36 on free choice", "citation"),
])
def test_value_kinds(text, kind):
    assert value_kind(text) == kind


@pytest.mark.parametrize("text", ["Frey & Jegen (2001)", "seed 003", "target:", "0.5"])
def test_a_paper_without_a_locator_is_not_a_value_source(text):
    with pytest.raises(ValueError):
        value_kind(text)


def test_every_parameter_has_basis_and_a_value_source_of_a_known_kind():
    assert len(ROWS) > 150
    for row in ROWS:
        assert row.description and row.unit and row.basis.strip(), row.path
        assert value_kind(row.value_source) == row.value_kind, row.path


def _levels(path):
    """Every level of every `levels` factor of a probe spec: {level name: overrides}."""
    return {name: over for f in load_spec(path).factors for name, over in
            f.level_overrides.items()}


def test_every_target_names_a_probe_that_restores_its_earlier_value_and_the_odd_explains_it():
    odd = (ROOT / "docs" / "odd.md").read_text(encoding="utf-8")
    targets: dict[str, list] = {}
    for row in ROWS:
        if row.value_kind == "target":
            targets.setdefault(target_name(row.value_source), []).append(row)
    assert targets, "no parameter names a calibration target"
    for name, rows in targets.items():
        levels = _levels(PROBES / f"{name}.yaml")
        for row in rows:
            was = re.search(r"was (\S+) before", row.value_source).group(1)
            assert any(f"{over[row.path]:g}" == was for over in levels.values()
                       if row.path in over), f"{row.path}: probe {name} lacks its value {was}"
        assert f"`configs/probes/{name}.yaml`" in odd, f"the ODD does not describe probe {name}"


def test_probe_files_are_sweep_specs_over_real_keys():
    files = sorted(PROBES.glob("*.yaml"))
    assert files
    for path in files:
        for over in _levels(path).values():
            for key in over:
                assert check_key_path(key, key, str(path))[0] is None, (path, key)


def test_the_apps_one_line_source_keeps_basis_and_value_source():
    info = NetworkSettings.model_fields["bridge_degree"]
    assert field_meta(info)["source"] == "Granovetter (1973) weak ties; value: assumption"
