"""A round with choices of all four roles exports and replays identically via `rerun`."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
import yaml
from typer.testing import CliRunner

from zelflerendestad.cli import app
from zelflerendestad.room.errors import NotTrainer, RoomError
from zelflerendestad.room.record import CHOICES_FILE, export_round, load_choices, model_alone

from .room_helpers import TRAINER, room, seats


def cli(*args: str):
    """The command line in this process (a subprocess costs seconds of imports)."""
    return CliRunner().invoke(app, list(args))


def _played_round():
    r = room()
    t = seats(r, ["council", "official", "connector", "resident", "resident"])
    r.choose(t["council"], {"kind": "council_vote", "vertical_share": 0.1, "subsidy": True,
                            "learning_circle": True})
    r.choose(t["official"], {"kind": "official_week", "desk": 0.2, "street": 0.7,
                             "learning": 0.1})
    other = r.view(t["connector"])["options"]["people"][0]["resident"]
    r.choose(t["connector"], {"kind": "connector_act", "action": "connect", "other": other})
    r.choose(t["resident"], {"kind": "resident_act", "action": "start"})
    r.tick(TRAINER, 24)
    options = r.view(t["resident"])["options"]["initiatives"]
    k = options[0]["commons"]
    r.choose(t["resident"], {"kind": "resident_act", "action": "join", "commons": k})
    r.choose(t["resident"], {"kind": "resident_act", "action": "contribute"})
    r.choose(t["connector"], {"kind": "connector_act", "action": "mediate", "commons": k})
    r.tick(TRAINER, 2)
    r.drop(t["official"])
    r.tick(TRAINER, 2)
    return r


def test_an_exported_round_replays_identically_and_differs_from_the_model_alone(tmp_path):
    r = _played_round()
    with pytest.raises(NotTrainer):
        r.export("not the trainer", tmp_path / "round")
    out = r.export(TRAINER, tmp_path / "round")
    names = {p.name for p in out.iterdir()}
    assert {"timeseries.parquet", "manifest.json", CHOICES_FILE, "choices.parquet",
            "config.yaml"} <= names
    table = pq.read_table(out / "choices.parquet").to_pydict()
    assert set(table["role"]) == {"council", "official", "connector", "resident"}
    events = load_choices(out / CHOICES_FILE)
    assert {e["event"] for e in events} >= {"official_plan", "resident_choice",
                                            "connector_choice", "set_vertical_share"}
    assert yaml.safe_load((out / "config.yaml").read_text())["run"]["weeks"] == 28
    again = cli("rerun", str(out / "manifest.json"), "--out", str(tmp_path / "again"))
    assert again.exit_code == 0, again.output
    assert f"replaying {len(events)} human choice event(s)" in again.stdout
    assert f"identical to {out / 'timeseries.parquet'}: yes" in again.stdout
    alone = r.model_alone(TRAINER)
    assert not alone.equals(pq.read_table(out / "timeseries.parquet"))
    assert alone.num_rows == 29


def test_a_bad_choices_file_is_refused_with_its_path(tmp_path):
    r = room()
    r.tick(TRAINER)
    out = export_round(r, tmp_path / "round")
    assert model_alone(r).equals(pq.read_table(out / "timeseries.parquet"))  # no choice made
    (out / CHOICES_FILE).write_text("events:\n  - {week: 0, event: resident_choice}\n")
    bad = cli("rerun", str(out / "manifest.json"), "--out", str(tmp_path / "x"))
    assert bad.exit_code == 2 and "choices.yaml" in bad.output
    assert "Traceback" not in bad.output


def test_nothing_to_export_before_the_first_week(tmp_path):
    with pytest.raises(RoomError, match="at least one week"):
        export_round(room(), tmp_path / "x")


def test_app_room_and_lan_flags_reach_the_server(monkeypatch):
    import zelflerendestad.app.server as server

    seen = {}
    monkeypatch.setattr(server, "serve", lambda host, port, configs, sessions, room: seen.update(
        host=host, room=room))
    assert cli("app", "--room", "--lan").exit_code == 0
    assert seen == {"host": "0.0.0.0", "room": True}
    assert cli("app").exit_code == 0 and seen == {"host": "127.0.0.1", "room": False}
    assert any("WARNING" in line for line in server.banner("0.0.0.0", 8765))
