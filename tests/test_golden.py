"""Golden runs: the default and two scenarios give exactly the stored results.

A failure here means results changed. If that is intended, run `make golden`, look at what it
prints and commit the refreshed tests/golden/*.json with the change that caused it.
"""

import copy
import json

import pytest

from zelflerendestad.verification import golden

CONFIGS = golden.golden_configs()


def test_there_are_golden_runs():
    assert {p.stem for p in CONFIGS} >= {"default", "classic_vertical", "facilitating"}


@pytest.mark.parametrize("config", CONFIGS, ids=[p.stem for p in CONFIGS])
def test_results_match_the_stored_golden_run(config):
    lines = golden.compare(config)
    assert not lines, "results changed (run `make golden` if intended):\n" + "\n".join(lines)


def test_differences_name_what_changed():
    old = json.loads(golden.stored_path(CONFIGS[0]).read_text())
    new = copy.deepcopy(old)
    assert golden.differences(old, new) == []
    new["summary"]["engaged_share_final"] += 0.01
    new["timeseries"]["engaged_share"][5] += 0.01
    lines = golden.differences(old, new)
    assert any(line.startswith("summary.engaged_share_final") for line in lines)
    assert any("timeseries.engaged_share: differs in 1 weeks from week 5" in line
               for line in lines)


def test_stored_file_round_trips():
    stored = golden.stored_path(CONFIGS[0])
    data = json.loads(stored.read_text())
    assert json.loads(golden.dumps(data)) == data
