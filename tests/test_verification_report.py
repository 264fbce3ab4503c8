"""`python -m zelflerendestad.verification`: exit codes, results.json and the Markdown report."""

import json
import subprocess
import sys

from zelflerendestad.verification import __main__ as cli
from zelflerendestad.verification.common import Check, Size


def run(*args):
    return subprocess.run([sys.executable, "-m", "zelflerendestad.verification", *args],
                          capture_output=True, text=True, timeout=300)


def test_cli_writes_report_and_results(tmp_path):
    p = run("--fast", "--jobs", "1", "--only", "golden_runs,march_turbulence", "--out",
            str(tmp_path))
    assert p.returncode == 0, p.stdout + p.stderr
    assert "PASS  march_turbulence" in p.stdout
    results = json.loads((tmp_path / "verification" / "results.json").read_text())
    assert [c["name"] for c in results["checks"]] == ["golden_runs", "march_turbulence"]
    for c in results["checks"]:
        assert {"name", "figures", "target", "tolerance", "pass"} <= set(c) and c["pass"]
    md = (tmp_path / "verification.md").read_text()
    assert "march_turbulence.png" in md and (tmp_path / "verification" /
                                             "march_turbulence.png").exists()


def test_unknown_check_is_a_usage_error():
    p = run("--only", "bas_discrete", "--no-report")
    assert p.returncode == 2 and "unknown check" in p.stderr


def test_a_missed_target_exits_nonzero(tmp_path, monkeypatch):
    def miss(size, jobs=1):
        return Check("always_misses", "A check that misses", {"x": 1.0}, target="x = 0",
                     tolerance="exact", passed=False)
    monkeypatch.setattr(cli, "REGISTRY", {"always_misses": (miss, Size(1), Size(1))})
    assert cli.main(["--only", "always_misses", "--out", str(tmp_path)]) == 1
    results = json.loads((tmp_path / "verification" / "results.json").read_text())
    assert results["checks"][0]["pass"] is False and results["all_pass"] is False
