"""Per-resident records: opt-in, streamed in row groups, chosen fields, moved into results."""

from __future__ import annotations

import numpy as np
import pyarrow.parquet as pq
import pytest

from zelflerendestad.config import ConfigError, validate_mapping
from zelflerendestad.model import CityModel
from zelflerendestad.run.runner import run_one, write_results
from zelflerendestad.run.snapshots import ResidentSnapshots

from .conftest import cli, small_config


def test_no_record_section_means_no_per_resident_file(tmp_path):
    result = run_one(small_config(run={"weeks": 5}))
    assert result.residents is None
    out = write_results(result, tmp_path / "r")
    assert not (out / "residents.parquet").exists()


def test_snapshots_every_n_weeks_one_row_group_each(tmp_path):
    cfg = small_config(run={"weeks": 30}, record={"every": 10, "fields": ["engaged", "knowledge",
                                                                         "neighbourhood"]})
    result = run_one(cfg)
    out = write_results(result, tmp_path / "r")
    f = pq.ParquetFile(out / "residents.parquet")
    assert f.metadata.num_row_groups == 4  # weeks 0, 10, 20, 30
    table = f.read()
    assert table.column_names == ["week", "resident", "engaged", "knowledge", "neighbourhood"]
    assert sorted(set(table["week"].to_pylist())) == [0, 10, 20, 30]
    assert table.num_rows == 4 * 300
    assert result.residents == out / "residents.parquet"


def test_dictionaries_only_for_columns_of_few_values(tmp_path):
    cfg = small_config(run={"weeks": 2}, record={"every": 1, "fields": [
        "engaged", "trust_gov", "knowledge", "neighbourhood", "theme"]})
    out = write_results(run_one(cfg), tmp_path / "r")
    chunk = pq.ParquetFile(out / "residents.parquet").metadata.row_group(0)
    dictionary = {chunk.column(i).path_in_schema for i in range(chunk.num_columns)
                  if chunk.column(i).dictionary_page_offset is not None}
    assert dictionary == {"week", "neighbourhood", "theme"}  # flags: bit-packed, no dictionary


def test_snapshot_values_are_the_model_state_of_that_week(tmp_path):
    cfg = small_config(record={"every": 1, "fields": ["engaged", "trust_gov", "knowledge"]})
    m = CityModel(cfg, seed=cfg.run.seed)
    snaps = ResidentSnapshots(tmp_path / "residents.parquet", cfg.record)
    m.run(3)
    snaps.take(m)
    table = pq.read_table(snaps.close())
    assert table["week"].to_pylist() == [3] * 300
    assert np.array_equal(table["engaged"].to_numpy(), m.residents.engaged)
    assert np.allclose(table["trust_gov"].to_numpy(), m.residents.trust_gov, atol=1e-6)
    assert np.allclose(table["knowledge"].to_numpy(), m.known, atol=1e-6)


def test_unknown_record_field_is_a_config_error():
    with pytest.raises(ConfigError, match="record.fields"):
        validate_mapping({"record": {"every": 52, "fields": ["engagd"]}}, file="<t>")


def test_cli_run_writes_residents_parquet(tmp_path):
    out = tmp_path / "r"
    r = cli("run", "configs/default.yaml", "--weeks", "8", "--set", "city.residents=300",
            "--set", "record.every=4", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert pq.read_table(out / "residents.parquet").num_rows == 3 * 300
