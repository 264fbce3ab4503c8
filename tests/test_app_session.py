import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
import yaml

from zelflerendestad.app.controls import InputRefused
from zelflerendestad.app.library import default_scenario, load_library
from zelflerendestad.app.session import Comparison, Simulation
from zelflerendestad.config import validate_mapping

from .conftest import ROOT


def small(timeline=(), **extra):
    data = {"city": {"residents": 200}, "run": {"seed": 3}, "interventions": list(timeline)}
    for key, value in extra.items():
        data.setdefault(key, {}).update(value)
    return validate_mapping(data)


def test_step_and_intervene_mark_the_week():
    sim = Simulation(small())
    sim.step(4)
    sim.intervene({"event": "subsidy_start"})
    assert sim.week == 4
    assert sim.markers() == [(4, "subsidy_start")]
    assert sim.model.municipality.subsidy


def test_an_invalid_intervention_is_refused_and_the_city_goes_on():
    sim = Simulation(small())
    sim.step(2)
    with pytest.raises(InputRefused, match="refused"):
        sim.intervene({"event": "set_vertical_share", "value": 2.0}, "en")
    assert sim.markers() == [] and sim.live_events == []
    sim.step(1)
    assert sim.week == 3


def test_live_vertical_share_shows_in_the_same_week_row():
    sim = Simulation(small())
    sim.step(3)
    sim.intervene({"event": "set_vertical_share", "value": 0.1})
    assert sim.data()["vertical_share"][-1] == pytest.approx(0.1)


def test_reset_starts_again_at_week_zero_without_live_events():
    sim = Simulation(small())
    sim.step(5)
    sim.intervene({"event": "enforcement_start"})
    sim.reset()
    assert sim.week == 0 and sim.live_events == [] and sim.markers() == []


def test_exported_settings_reproduce_the_run_through_the_cli(tmp_path):
    sim = Simulation(small([{"week": 7, "event": "enforcement_start"}]), "mine")
    sim.step(3)
    sim.intervene({"event": "connector_programme"})
    sim.step(4)
    sim.intervene({"event": "set_vertical_share", "value": 0.2})
    sim.intervene({"event": "urgency_shock"})
    sim.step(5)
    path = tmp_path / f"{sim.file_stem()}.yaml"
    path.write_text(sim.export_yaml())
    out = tmp_path / "out"
    cli = Path(sys.executable).with_name("zelflerendestad")
    done = subprocess.run([str(cli), "run", str(path), "--out", str(out)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert pq.read_table(out / "timeseries.parquet").equals(sim.table())


def test_csv_and_parquet_hold_every_week():
    sim = Simulation(small())
    sim.step(6)
    assert sim.csv_bytes().decode().count("\n") == 1 + 7
    assert sim.parquet_bytes()[:4] == b"PAR1"


def test_comparison_uses_common_random_numbers():
    same = Comparison(small(), small(), seed=11, labels=("a", "b"))
    same.step(8)
    diff = same.difference()
    assert all(np.all(np.isnan(v) | (v == 0)) for k, v in diff.items() if k != "week")
    other = Comparison(small(), small(municipality={"vertical_share": 0.1}), 11, ("a", "b"))
    other.step(8)
    assert np.abs(other.difference()["engaged_share"]).max() > 0
    assert other.a.config.run.seed == other.b.config.run.seed == 11


def _write(path, name, description, description_nl="", **extra):
    meta = {"name": name, "description": description, "description_nl": description_nl}
    path.write_text(yaml.safe_dump({"meta": meta, "city": {"residents": 300}, **extra}))


def test_library_lists_scenarios_with_descriptions_and_load_errors(tmp_path):
    (tmp_path / "scenarios").mkdir()
    _write(tmp_path / "default.yaml", "default", "the default")
    _write(tmp_path / "scenarios" / "horizontal.yaml", "horizontal", "sits on its hands",
           "zit op de handen", municipality={"vertical_share": 0.1})
    (tmp_path / "scenarios" / "broken.yaml").write_text("city: {residents: -5}\n")
    lib = {s.label: s for s in load_library(tmp_path)}
    assert set(lib) == {"default", "scenarios/horizontal", "scenarios/broken"}
    assert lib["scenarios/horizontal"].description("en") == "sits on its hands"
    assert lib["scenarios/horizontal"].description("nl") == "zit op de handen"
    assert lib["default"].description("nl") == "the default"  # no Dutch yet: the English
    assert lib["scenarios/broken"].config is None and "residents" in lib["scenarios/broken"].error
    assert lib["scenarios/broken"].description("nl") == ""
    assert default_scenario(list(lib.values())).label == "default"


def test_every_scenario_of_the_repository_has_a_dutch_description():
    library = load_library(ROOT / "configs")
    assert len([s for s in library if s.label.startswith("scenarios/")]) == 7
    for scenario in library:
        meta = scenario.config.meta
        assert meta.description.strip() and meta.description_nl.strip(), scenario.label
        assert scenario.description("nl") != scenario.description("en"), scenario.label


def test_compare_exports_hold_both_runs_and_say_which_is_which():
    c = Comparison(small(), small(municipality={"vertical_share": 0.1}), 5,
                   ("scenarios/x", "scenarios/x"))
    c.step(4)
    c.b.intervene({"event": "subsidy_start"})
    table = c.table()
    assert table.column_names[:2] == ["run", "scenario"]
    assert table.column("run").to_pylist() == ["A"] * 5 + ["B"] * 5
    assert set(table.column("scenario").to_pylist()) == {"scenarios/x"}
    assert table.drop_columns(["run", "scenario"]).slice(5).equals(c.b.table())
    assert c.csv_bytes().decode().count("\n") == 1 + 10
    assert pq.read_table(io.BytesIO(c.parquet_bytes())).equals(table)
    assert c.file_stem() == "compare-scenarios-x-vs-scenarios-x-seed5"
    yaml_a, yaml_b = c.a.export_yaml(), c.b.export_yaml()
    assert "run A of A/B" in yaml_a.splitlines()[0] and "run B of A/B" in yaml_b.splitlines()[0]
    assert "run B-scenarios-x-seed5.yaml" in yaml_b
    assert yaml.safe_load(yaml_b)["interventions"] == [{"week": 4, "event": "subsidy_start"}]


def test_an_empty_library_falls_back_to_the_schema_defaults(tmp_path):
    assert default_scenario(load_library(tmp_path)).config.city.residents > 0
