"""The generated specs of issue 14's headline stay true to what they are generated from."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import yaml

from zelflerendestad.config.schema import CityConfig
from zelflerendestad.sweeps.design import design_size
from zelflerendestad.sweeps.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
MORRIS = ROOT / "experiments" / "sensitivity" / "morris_all"
GROUPED = ROOT / "experiments" / "sensitivity" / "grouped"
FIRST_ORDER = ROOT / "experiments" / "sensitivity" / "first_order"
HEADLINE = ROOT / "experiments" / "vertical_horizontal"


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_morris_spec_is_current_and_varies_only_behavioural_floats():
    text = (MORRIS / "sweep.yaml").read_text()
    assert _module(MORRIS / "make_spec.py").spec_text() == text, "rerun make_spec.py"
    params = yaml.safe_load(text)["parameters"]
    gates = {"engagement.activation_ownership", "engagement.threshold_mean",
             "residents.handover_load", "residents.programme_role_gain",
             "trust.reliability_gain", "trust.presence_gain", "incidents.control_reduction"}
    assert gates | {"municipality.vertical_share"} <= set(params)
    assert "city.residents" not in params and "run.weeks" not in params  # settings
    cfg = CityConfig()
    for key, entry in params.items():
        low, high = entry["range"]
        obj = cfg
        for part in key.split("."):
            obj = getattr(obj, part)
        assert isinstance(obj, float) and low < high, key
    load_spec(MORRIS / "sweep.yaml")  # a valid sweep spec


def test_first_order_spec_is_current_and_varies_every_behavioural_parameter_alone():
    text = (FIRST_ORDER / "sweep.yaml").read_text()
    assert _module(FIRST_ORDER / "make_spec.py").spec_text() == text, "rerun make_spec.py"
    spec = yaml.safe_load(text)
    morris = yaml.safe_load((MORRIS / "sweep.yaml").read_text())["parameters"]
    assert spec["parameters"] == morris and spec["design"]["type"] == "lhs"
    table = (FIRST_ORDER / "figures" / "first_order.csv").read_text().splitlines()
    assert {line.split(",")[1] for line in table[1:]} == set(morris)  # committed figures


def test_grouped_sobol_spec_is_current_and_covers_every_behavioural_parameter():
    text = (GROUPED / "sweep.yaml").read_text()
    assert _module(GROUPED / "make_spec.py").spec_text() == text, "rerun make_spec.py"
    spec = yaml.safe_load(text)
    morris = yaml.safe_load((MORRIS / "sweep.yaml").read_text())["parameters"]
    assert spec["parameters"] == {k: morris[k] for k in spec["parameters"]}
    assert set(spec["parameters"]) == set(morris)
    grouped = [k for members in spec["design"]["groups"].values() for k in members]
    alone = set(spec["parameters"]) - set(grouped)
    assert {"municipality.vertical_share", "engagement.activation_ownership",
            "residents.handover_load"} <= alone and 10 <= len(alone) <= 16
    assert not any(k.startswith("commons.") for k in alone)  # commons: by mechanism
    assert len(grouped) == len(set(grouped))
    loaded = load_spec(GROUPED / "sweep.yaml")  # valid; planning 3,584 points takes minutes
    d = loaded.spec.design
    groups = len(alone) + len(spec["design"]["groups"])
    assert design_size(loaded.factors, "sobol", d.samples, groups=d.groups) == \
        d.samples * (groups + 2)


def test_headline_spec_holds_every_accepted_set():
    res = json.loads((ROOT / "experiments" / "calibration" / "results.json").read_text())
    text = (HEADLINE / "sweep_accepted.yaml").read_text()
    assert _module(HEADLINE / "accepted_sweep.py").spec_text(res) == text, \
        "rerun accepted_sweep.py"
    levels = yaml.safe_load(text)["parameters"]["parameter_set"]["levels"]
    accepted = res["accepted_sets"]
    assert {f"accepted {p}" for p in accepted} | {"defaults"} == {
        k for k in levels if not k.startswith("nearest ")}
    assert all(levels[f"accepted {p}"] == v for p, v in accepted.items())
    assert all(p not in accepted for p in (k.split()[1] for k in levels if k[:8] == "nearest "))
    load_spec(HEADLINE / "sweep_accepted.yaml")
