"""The run manifest: what every output folder carries so that a run can be repeated."""

from __future__ import annotations

from datetime import datetime

from zelflerendestad import __version__
from zelflerendestad.run.manifest import PACKAGES, build_manifest, git_commit, now, versions


def test_manifest_carries_config_seed_versions_and_command():
    config = {"run": {"weeks": 12, "seed": 4}}
    m = build_manifest(config, 4, "a", "b", argv=["zelflerendestad", "run"])
    assert m["config"] is config and m["seed"] == 4 and m["weeks"] == 12
    assert (m["started"], m["ended"], m["command"]) == ("a", "b", ["zelflerendestad", "run"])
    assert m["versions"]["zelflerendestad"] == __version__
    assert set(PACKAGES) <= set(m["versions"]) and m["python"].count(".") == 2


def test_versions_name_missing_packages_and_now_is_utc():
    assert versions(("no-such-package-xyz",))["no-such-package-xyz"] == "not installed"
    assert datetime.fromisoformat(now()).utcoffset().total_seconds() == 0
    commit = git_commit()
    assert commit == "unknown" or len(commit.removesuffix("+dirty")) == 40
