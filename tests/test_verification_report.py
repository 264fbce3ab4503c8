"""`python -m zelflerendestad.verification`: exit codes, results.json and the Markdown report."""

import json
import subprocess
import sys

from zelflerendestad.verification import __main__ as cli
from zelflerendestad.verification import report
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


def passing(name: str, passed: bool = True, **kw) -> Check:
    return Check(name, f"The {name} check", {"reach": 0.5, "curve": {"a": 1.0, "b": 2}},
                 target="reach = 0.5", tolerance="+- 0.01", passed=passed, **kw)


def test_markdown_table_escapes_pipes_and_hides_private_columns():
    rows = [{"p": 0.1, "fit": "a|b", "_raw": [1, 2]}, {"p": None, "fit": True, "_raw": []}]
    assert report.markdown_table(rows).splitlines() == [
        "| p | fit |", "|---|---|", "| 0.100 | a\\|b |", "| - | yes |"]
    assert report.markdown_table([]) == ""


def test_a_section_shows_verdict_figures_tables_plots_and_a_runnable_config():
    check = passing("bass_q0", passed=False, notes="Seeds differ.",
                    tables=[("Per step", [{"t": 1, "F": 0.25}]), ("Empty", [])],
                    plots=["bass_q0.png"], config={"engagement": {"word_of_mouth_rate": 0.0}})
    text = report.section(check, 12.4)
    assert text.startswith("## The bass_q0 check\n\n**FAIL** (12 s). Target: reach = 0.5. "
                           "Tolerance: +- 0.01.")
    assert "- reach: 0.500\n- curve: a: 1.000, b: 2" in text and "Seeds differ." in text
    assert "**Per step**\n\n| t | F |" in text and "Empty" not in text
    assert "![The bass_q0 check](verification/bass_q0.png)" in text
    assert "```yaml\nengagement:\n  word_of_mouth_rate: 0.0\n```" in text


def test_write_report_counts_passes_and_writes_both_files(tmp_path):
    checks = [(passing("one"), 1.0), (passing("two", passed=False), 2.0)]
    md_path, json_path = report.write_report(checks, tmp_path, fast=True, preface="Read me.")
    results = json.loads(json_path.read_text())
    assert results["fast"] is True and results["all_pass"] is False
    assert [(c["name"], c["pass"], c["seconds"]) for c in results["checks"]] == [
        ("one", True, 1.0), ("two", False, 2.0)]
    md = md_path.read_text()
    assert "(`python -m zelflerendestad.verification --fast`)" in md
    assert "**1 of 2 checks pass** (fast version: smaller runs, wider tolerances)." in md
    # the summary row shows the plain figures (nested ones only in the section)
    assert "| two | reach = 0.500 | reach = 0.5 | +- 0.01 | **no** | 2 |" in md
    assert md.index("Read me.") < md.index("## The one check") < md.index("## The two check")
