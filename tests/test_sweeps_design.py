"""Designs visit the right points; replication seeds are common random numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from zelflerendestad.sweeps.design import Factor, make_design
from zelflerendestad.sweeps.plan import build_plan, replication_seeds
from zelflerendestad.sweeps.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]

FACTORS = [
    Factor("a", "range", low=0.0, high=1.0),
    Factor("n", "range", low=100, high=300, integer=True),
    Factor("kind", "values", values=("x", "y", "z")),
]


def test_grid_is_the_full_factorial_in_spec_order():
    factors = [Factor("a", "range", low=0.0, high=1.0, steps=3),
               Factor("kind", "values", values=("x", "y"))]
    design = make_design(factors, "grid", root_seed=1)
    assert design.points == [{"a": a, "kind": k} for a in (0.0, 0.5, 1.0) for k in ("x", "y")]


@pytest.mark.parametrize(("kind", "samples", "expected"), [
    ("lhs", 20, 20), ("sobol", 16, 16 * (3 + 2)), ("morris", 5, 5 * (3 + 1))])
def test_sampled_points_stay_inside_bounds_and_respect_types(kind, samples, expected):
    design = make_design(FACTORS, kind, root_seed=3, samples=samples)
    assert len(design.points) == expected == design.matrix.shape[0]
    for p in design.points:
        assert 0.0 <= p["a"] <= 1.0
        assert isinstance(p["n"], int) and 100 <= p["n"] <= 300
        assert p["kind"] in ("x", "y", "z")
    assert {p["kind"] for p in design.points} == {"x", "y", "z"}


def test_same_root_seed_same_points_other_seed_other_points():
    one = make_design(FACTORS, "lhs", root_seed=5, samples=10)
    two = make_design(FACTORS, "lhs", root_seed=5, samples=10)
    other = make_design(FACTORS, "lhs", root_seed=6, samples=10)
    assert np.array_equal(one.matrix, two.matrix)
    assert not np.array_equal(one.matrix, other.matrix)


def test_replication_seeds_come_from_seed_sequence():
    seeds = replication_seeds(42, 4)
    children = np.random.SeedSequence(42).spawn(4)
    assert seeds == [int(c.generate_state(1, np.uint64)[0] >> np.uint64(1)) for c in children]
    assert len(set(seeds)) == 4 and all(0 <= s < 2**63 for s in seeds)


def test_every_point_gets_the_same_seeds(tmp_path):
    spec = {"name": "crn", "base": str(ROOT / "configs" / "default.yaml"), "weeks": 3,
            "seed": 9, "replications": 3, "fixed": {"city.residents": 100},
            "parameters": {"municipality.vertical_share": [0.0, 0.5, 1.0]}}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(spec))
    plan = build_plan(load_spec(path))
    tasks = list(plan.tasks(list(range(plan.n_runs))))
    by_point = {}
    for t in tasks:
        by_point.setdefault(t.point_id, []).append(t.seed)
        assert t.config.municipality.vertical_share == t.params["municipality.vertical_share"]
        assert t.config.run.weeks == 3 and t.config.city.residents == 100
    assert list(by_point.values()) == [replication_seeds(9, 3)] * 3


def test_levels_apply_their_overrides(tmp_path):
    spec = {"name": "lv", "base": str(ROOT / "configs" / "default.yaml"), "weeks": 3,
            "parameters": {"programme": {"levels": {
                "none": {}, "big": {"programmes.connector_programme_size": 50,
                                    "interventions": [{"week": 1,
                                                       "event": "connector_programme"}]}}}}}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    plan = build_plan(load_spec(path))
    none, big = plan.config(0), plan.config(1)
    assert none.interventions == [] and big.programmes.connector_programme_size == 50
    assert big.interventions[0].event == "connector_programme"
    assert plan.columns == [{"programme": "none"}, {"programme": "big"}]
