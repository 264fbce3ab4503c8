"""CityModel as Mesa's own tools drive it: keywords, seeding, running, datacollector, agents."""

from __future__ import annotations

import mesa
import numpy as np
import pytest

from zelflerendestad.agents import Connector, Inhabitant, Official, Resident
from zelflerendestad.collector import MeasureCollector
from zelflerendestad.config.keywords import KeywordError
from zelflerendestad.config.loading import ConfigError
from zelflerendestad.model import CityModel

from .conftest import small_config

SMALL = {"residents": 300, "neighbourhoods": 3, "weeks": 12}


def test_keywords_name_key_paths_and_refuse_ambiguous_or_unknown_ones():
    m = CityModel(vertical_share=0.3, residents=400, seed=1, **{"run.weeks": 5},
                  adaptive__enabled=True, city={"neighbourhoods": 4})
    c = m.config
    assert (c.municipality.vertical_share, c.city.residents, c.run.weeks) == (0.3, 400, 5)
    assert c.municipality.adaptive.enabled and c.city.neighbourhoods == 4
    assert m.residents.n == 400
    on_config = CityModel(small_config(), seed=1, vertical_share=0.9).config
    assert on_config.city.residents == 300 and on_config.municipality.vertical_share == 0.9
    with pytest.raises(KeywordError, match=r"'rate' is ambiguous.*incidents\.rate.*conflict"):
        CityModel(rate=0.1)
    with pytest.raises(KeywordError, match="did you mean.*vertical_share"):
        CityModel(vertical_shares=0.1)
    with pytest.raises(ConfigError, match="municipality.vertical_share"):
        CityModel(vertical_share=1.5)


def test_seeding_follows_mesa_and_the_seed_used_is_recorded():
    a, b = CityModel(**SMALL), CityModel(**SMALL)
    assert a.seed != b.seed and a.config.run.seed == a.seed
    again = CityModel(a.config, seed=a.config.run.seed)
    for m in (a, again):
        m.run(5)
    assert a.recorder.to_table().equals(again.recorder.to_table())
    assert CityModel(**SMALL, rng=7).seed == 7 == CityModel(**SMALL, seed=7).seed
    assert CityModel(**SMALL, rng=np.random.default_rng(3)).seed == \
        CityModel(**SMALL, rng=np.random.default_rng(3)).seed
    with pytest.raises(ValueError, match="either seed or rng"):
        CityModel(seed=1, rng=1)


def test_run_model_stops_at_run_weeks_and_the_datacollector_holds_every_week():
    m = CityModel(**SMALL, seed=2)
    m.run_model()
    assert not m.running and m.week == m.steps == 12
    assert isinstance(m.datacollector, MeasureCollector)
    df = m.datacollector.get_model_vars_dataframe()
    assert df["week"].tolist() == list(range(13))
    assert df["engaged_share"].tolist() == list(m.recorder.columns["engaged_share"])


def test_batch_run_gives_distinct_replications_with_their_parameters():
    rows = mesa.batch_run(CityModel, {**SMALL, "vertical_share": [0.2, 0.8]}, rng=[None, None],
                          display_progress=False)
    assert len(rows) == 4 and {r["Step"] for r in rows} == {12}
    assert sorted(r["vertical_share"] for r in rows) == [0.2, 0.2, 0.8, 0.8]
    same_point = [r["trust_government"] for r in rows if r["vertical_share"] == 0.2]
    assert same_point[0] != same_point[1]  # iterations are fresh seeds, as in Mesa


def _counts(m: CityModel) -> dict:
    by_type = m.agents_by_type
    collected = m.datacollector._agenttype_records[m.time]
    return {kind: (len(m.agents.select(agent_type=kind)), len(by_type.get(kind, [])),
                   len(collected.get(kind, [])))
            for kind in (Resident, Connector)}


def test_agent_views_follow_the_person_and_counts_agree_everywhere():
    cfg = small_config(city={"turnover_rate": 0.05, "connector_share": 0.1},
                       interventions=[{"week": 3, "event": "connector_moves_away", "count": 5}])
    m = CityModel(cfg, seed=4, agent_reporters={"trust": lambda a: getattr(a, "trust_gov", None)},
                  agenttype_reporters={Resident: {"engaged": "engaged"},
                                       Connector: {"engaged": "engaged"}})
    before = {a.index: a.unique_id for a in m.agents_by_type[Resident]}
    connectors = len(m.agents_by_type[Connector])
    m.run(3)
    r = m.residents
    now = {a.index: a.unique_id for a in m.agents.select(agent_type=Inhabitant)}
    assert len(now) == r.n == 300 and len(m.agents_by_type[Official]) == m.officials.n
    moved = np.flatnonzero(r.tenancy > 0)
    assert moved.size > 20
    kept = [i for i in before if r.tenancy[i] == 0]
    assert all(now[i] == before[i] for i in kept)
    assert all(now[i] > max(before.values()) for i in moved)  # newcomers are new agents
    assert len(m.agents_by_type[Connector]) == int(r.is_connector.sum()) < connectors
    for kind, (selected, typed, collected) in _counts(m).items():
        expected = int(r.is_connector.sum()) if kind is Connector else int((~r.is_connector).sum())
        assert selected == typed == collected == expected, kind
    panel = m.datacollector.get_agent_vars_dataframe().reset_index()
    leavers = [before[i] for i in moved if i in before]
    assert leavers and panel[panel.AgentID.isin(leavers)].Step.max() < 3  # no splicing
    assert set(panel[panel.Step == 3].AgentID) == set(now.values()) | {
        a.unique_id for a in m.agents_by_type[Official]}


def test_remove_moves_the_resident_out_and_officials_stay():
    m = CityModel(small_config(), seed=5)
    someone = next(iter(m.agents_by_type[Resident]))
    uid, row = someone.unique_id, someone.index
    someone.remove()
    assert uid not in {a.unique_id for a in m.agents} and len(m.agents_by_type[Resident]) + \
        len(m.agents_by_type.get(Connector, [])) == 300
    assert m.residents.tenancy[row] == 1
    with pytest.raises(TypeError, match="officials.count"):
        next(iter(m.agents_by_type[Official])).remove()
