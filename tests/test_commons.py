"""Initiatives and commons: records are conserved, every end has a reason, outputs exist."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from tests.commons_helpers import small_config
from zelflerendestad.commons import COMMONS, ENDED, INITIATIVE, REASONS, Commons
from zelflerendestad.commons.cooperation import draw_exits
from zelflerendestad.commons.initiatives import majority_rules, pick_living
from zelflerendestad.model import CityModel
from zelflerendestad.run.runner import run_one

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run():
    model = CityModel(small_config(weeks=160), seed=3)
    model.run()
    return model


def test_initiatives_form_and_organise(run):
    c = run.commons.commons
    assert c.n > 5
    assert (c.organised[: c.n] >= 0).sum() > 3


def test_records_are_conserved(run):
    c, r = run.commons.commons, run.residents
    stage = c.stage[: c.n]
    assert set(np.unique(stage)) <= {INITIATIVE, COMMONS, ENDED}
    assert ((stage == ENDED) == (c.ended[: c.n] >= 0)).all()
    living = np.flatnonzero(stage != ENDED)
    counts = np.bincount(r.member_of[r.member_of >= 0], minlength=c.n)
    assert (counts[living] == c.members[living]).all()
    assert (counts[stage == ENDED] == 0).all(), "nobody belongs to an ended commons"
    ts = run.recorder.arrays()
    formed = ts["commons_formed"].sum()
    assert formed == (c.organised[: c.n] >= 0).sum()
    assert formed == ts["commons_living"][-1] + ts["commons_dissolved"].sum()


def test_every_end_has_a_reason(run):
    c = run.commons.commons
    ended = np.flatnonzero(c.stage[: c.n] == ENDED)
    assert ended.size > 0
    assert (c.reason[ended] >= 0).all() and (c.reason[ended] < len(REASONS)).all()
    organised = ended[c.organised[ended] >= 0]
    assert all(c.weakest[k].count(",") == 1 for k in organised)


def test_a_commons_without_members_left_is_never_alive(run):
    c = run.commons.commons
    living = c.living
    floor = min(run.config.commons.formation.min_members,
                run.config.commons.formation.min_founders)
    assert (c.members[living] >= floor).all()


def test_same_seed_same_commons_table():
    cfg = small_config(weeks=60)
    assert run_one(cfg).commons.equals(run_one(cfg).commons)


def test_commons_off_forms_nothing():
    res = run_one(small_config(weeks=40, commons={"enabled": False}))
    assert res.commons.num_rows == 0
    assert res.summary["commons_formed_total"] == 0


def test_commons_grows_by_doubling():
    c = Commons(dims=4)
    for week in range(40):
        c.add(1, np.int8(1), np.int32(0), week)
    assert c.n == 40 and c.rules.shape == (c.theme.size, 4)
    assert (c.formed[:40] == np.arange(40)).all() and (c.stage[:40] == INITIATIVE).all()


def test_competing_exit_causes_follow_hazards():
    h = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.5, 0.5, 0.0]])
    cause = draw_exits(h, np.array([0.5, 0.5, 0.5, 0.1]), np.array([0.5, 0.5, 0.5, 0.75]))
    assert cause.tolist() == [-1, 0, 2, 1]


def test_majority_rules_take_the_sign_of_the_participants():
    beliefs = np.array([[1, -1, 0], [1, 1, 0], [-1, -1, 1]], dtype=np.int8)
    rules = majority_rules(beliefs, np.array([0, 0, 1]), 2)
    assert rules.tolist() == [[1, 0, 0], [-1, -1, 1]]


def test_joiners_pick_only_their_own_neighbourhood():
    living = np.array([4, 7, 9])
    pick = pick_living(np.array([0, 1, 2, 1]), living, np.array([1, 0, 1]),
                       np.array([0.1, 0.1, 0.5, 0.9]))
    assert pick.tolist() == [7, 4, -1, 9]


def test_cli_run_writes_commons_parquet(tmp_path):
    out = tmp_path / "res"
    cfg = tmp_path / "c.yaml"
    cfg.write_text("extends: " + str(ROOT / "configs" / "default.yaml") + "\n"
                   "city: {residents: 300}\nengagement: {initial_engaged: 0.6}\n"
                   "commons: {formation: {initiative_rate: 0.003}}\n")
    proc = subprocess.run([sys.executable, "-m", "zelflerendestad", "run", str(cfg), "--weeks",
                           "60", "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    table = pq.read_table(out / "commons.parquet")
    for col in ("id", "theme", "neighbourhood", "week_formed", "week_ended", "reason",
                "peak_members", "final_members", "rules_origin", "enforcement",
                "collective_choice_end", "nested_mean", "public_value"):
        assert col in table.column_names
    summary = json.loads((out / "summary.json").read_text())
    assert summary["initiatives_formed_total"] == table.num_rows
    ts = pq.read_table(out / "timeseries.parquet")
    assert "principle_monitoring" in ts.column_names and "community_strength" in ts.column_names
