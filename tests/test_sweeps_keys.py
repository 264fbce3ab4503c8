"""Every key of a sweep spec changes what the sweep does, or the spec is refused.

A key that is accepted and ignored gives silently wrong results (a varied `run.seed` used to
make three "seeds" of identical runs), so each key is changed here and its effect looked for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from zelflerendestad.config import ConfigError
from zelflerendestad.run.runner import run_one
from zelflerendestad.sweeps.manifest import new_manifest
from zelflerendestad.sweeps.plan import build_plan
from zelflerendestad.sweeps.runner import execute
from zelflerendestad.sweeps.spec import AnalysisSpec, DesignSpec, OutputSpec, SweepSpec, load_spec

ROOT = Path(__file__).resolve().parents[1]
BASE = str(ROOT / "configs" / "default.yaml")
SPEC = {"name": "t", "base": BASE, "weeks": 3, "fixed": {"city.residents": 100},
        "parameters": {"municipality.vertical_share": [0.0, 1.0]}}
RANGE = {"municipality.vertical_share": {"range": [0.0, 1.0]}}
THREE = {**RANGE, "city.connector_share": {"range": [0.0, 0.1]},
         "engagement.word_of_mouth_rate": {"range": [0.0, 0.2]}}


def plan_of(tmp_path: Path, **changes):  # noqa: ANN201
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump({**SPEC, **changes}))
    return build_plan(load_spec(path))


def refused(tmp_path: Path, **changes) -> str:
    with pytest.raises(ConfigError) as err:
        plan_of(tmp_path, **changes)
    return err.value.render()


def points(plan) -> list:  # noqa: ANN001
    return plan.design.points


def tasks(plan) -> list:  # noqa: ANN001
    return list(plan.tasks(range(plan.n_runs)))


# key -> (a changed spec, what must differ from the plain spec's plan)
EFFECTS = {
    "name": ({"name": "u"}, lambda p: new_manifest(p, Path("s.yaml"))["name"]),
    "description": ({"description": "other"},
                    lambda p: new_manifest(p, Path("s.yaml"))["spec"]["description"]),
    "base": ({"base": str(ROOT / "configs" / "scenarios" / "classic_vertical.yaml")},
             lambda p: p.base),
    "weeks": ({"weeks": 4}, lambda p: p.config(0).run.weeks),
    "seed": ({"seed": 2}, lambda p: p.seeds),
    "replications": ({"replications": 2}, lambda p: [t.seed for t in tasks(p)]),
    "parameters": ({"parameters": {"municipality.vertical_share": [0.0, 0.5]}},
                   lambda p: p.config(1).municipality.vertical_share),
    "fixed": ({"fixed": {"city.residents": 120}}, lambda p: p.config(0).city.residents),
    "design.type": ({"design": {"type": "lhs", "samples": 4}, "parameters": RANGE}, points),
    "design.samples": ({"design": {"type": "lhs", "samples": 5}, "parameters": RANGE}, points),
    "design.second_order": ({"design": {"type": "sobol", "samples": 4, "second_order": True},
                             "parameters": {**RANGE, "city.connector_share": {
                                 "range": [0.0, 0.1]}}}, points),
    "design.levels": ({"design": {"type": "morris", "samples": 2, "levels": 6},
                       "parameters": RANGE}, points),
    "design.groups": ({"design": {"type": "sobol", "samples": 4, "groups": {
        "spread": ["city.connector_share", "engagement.word_of_mouth_rate"]}},
        "parameters": THREE}, points),
    "outputs.timeseries": ({"outputs": {"timeseries": True}},
                           lambda p: [t.keep_timeseries for t in tasks(p)]),
    "outputs.measures": ({"outputs": {"measures": ["engaged_share"]}},
                         lambda p: [t.measures for t in tasks(p)]),
    "analysis": ({"analysis": {"x": "municipality.vertical_share"}},
                 lambda p: new_manifest(p, Path("s.yaml"))["spec"]["analysis"]),
}
# A changed design key is compared with the same design type at its other settings.
DESIGN_BASELINE = {
    "design.samples": {"design": {"type": "lhs", "samples": 4}, "parameters": RANGE},
    "design.second_order": {"design": {"type": "sobol", "samples": 4},
                            "parameters": {**RANGE, "city.connector_share": {
                                "range": [0.0, 0.1]}}},
    "design.levels": {"design": {"type": "morris", "samples": 2, "levels": 4},
                      "parameters": RANGE},
    "design.groups": {"design": {"type": "sobol", "samples": 4}, "parameters": THREE},
}


def spec_keys() -> set[str]:
    keys = set(SweepSpec.model_fields) - {"design", "outputs", "analysis"}
    keys |= {f"design.{k}" for k in DesignSpec.model_fields}
    keys |= {f"outputs.{k}" for k in OutputSpec.model_fields}
    return keys | {"analysis"} if AnalysisSpec.model_fields else keys


def test_every_spec_key_is_covered():
    assert set(EFFECTS) == spec_keys()


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_changing_a_spec_key_changes_the_sweep(key, tmp_path):
    changes, seen = EFFECTS[key]
    plain = plan_of(tmp_path, **DESIGN_BASELINE.get(key, {}))
    changed = plan_of(tmp_path, **changes)
    assert seen(plain) != seen(changed)
    resumable_as_same = key in ("description", "analysis")  # they leave the runs as they are
    assert (plain.spec_hash() == changed.spec_hash()) == resumable_as_same


def test_a_sweep_run_is_the_single_run_of_its_config_and_seed(tmp_path):
    """What `zelflerendestad run --seed S` of a point's config gives, the sweep recorded."""
    plan = plan_of(tmp_path, replications=2)
    for task in tasks(plan)[1:3]:
        alone = run_one(task.config, task.seed)
        assert execute(task).summary == alone.summary


@pytest.mark.parametrize("changes", [
    {"parameters": {"run.seed": [1, 2, 3]}},
    {"fixed": {"run.seed": 5}},
    {"fixed": {"run": {"seed": 5}}},
    {"parameters": {"p": {"levels": {"a": {"run.seed": 4}, "b": {}}}}},
])
def test_a_seed_set_in_the_spec_is_refused(changes, tmp_path):
    text = refused(tmp_path, **changes)
    assert "a sweep does not take run.seed" in text and "replications" in text


@pytest.mark.parametrize("changes", [
    {"fixed": {"city.residents": 100, "run.weeks": 9}},
    {"fixed": {"city.residents": 100, "municipality.vertical_share": 0.3}},
    {"fixed": {"city": {"residents": 100}}, "parameters": {"city.residents": [100, 200]}},
])
def test_a_key_set_twice_is_refused(changes, tmp_path):
    assert "only one of them would take effect" in refused(tmp_path, **changes)


def test_per_resident_snapshots_are_refused(tmp_path):
    text = refused(tmp_path, fixed={"city.residents": 100, "record.every": 2})
    assert "record.every" in text and "not per-resident snapshots" in text


@pytest.mark.parametrize("name", [".", "..", ".hidden", "a/b", "../x"])
def test_a_name_that_is_not_one_plain_folder_is_refused(name, tmp_path):
    assert "name" in refused(tmp_path, name=name)
