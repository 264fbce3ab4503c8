"""The documentation site builds strictly, its names exist in the code, its examples run."""

from __future__ import annotations

import importlib
import os
import re
import runpy
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

from zelflerendestad.config.events import EVENT_NAMES
from zelflerendestad.docgen import schema_paths

from .conftest import ROOT

DOCS = ROOT / "docs"
PACKAGE = ROOT / "src" / "zelflerendestad"
MKDOCS = Path(sys.executable).with_name("mkdocs")
FILE_SUFFIXES = (".json", ".parquet", ".yaml", ".yml", ".md", ".png", ".txt", ".csv", ".js")


def mkdocs_build(root: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], cwd=root,
                          capture_output=True, text=True, timeout=300, env=env)


def test_site_builds_in_strict_mode(tmp_path):
    r = mkdocs_build(ROOT, tmp_path / "site")
    assert r.returncode == 0, r.stdout + r.stderr
    for page in ("index.html", "odd/index.html", "glossary/index.html", "students/index.html",
                 "researchers/index.html", "scenarios/index.html", "workshop/index.html",
                 "verification/index.html"):
        assert (tmp_path / "site" / page).exists(), page


def test_a_broken_anchor_fails_and_a_landed_page_replaces_its_stand_in(tmp_path):
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "workshop.md").write_text(
        "# Workshop guide\n\nThe real guide. See [step 9](odd.md#step-9).\n")
    broken = mkdocs_build(tmp_path, tmp_path / "site")
    assert broken.returncode != 0 and "step-9" in broken.stdout + broken.stderr
    (tmp_path / "docs" / "workshop.md").write_text(
        "# Workshop guide\n\nThe real guide. See [step 7](odd.md#step-7).\n")
    assert mkdocs_build(tmp_path, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "workshop" / "index.html").read_text()
    assert "The real guide" in html and "Coming" not in html


def code_names(text: str) -> set[str]:
    """Backticked dotted names that start with a package module or a config section."""
    modules = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir()
                                                         if p.is_dir()}
    names = set()
    for token in re.findall(r"`([A-Za-z_][\w.*]*(?:\(\))?)`", text):
        token = token.removesuffix("()")
        if "." in token and token.split(".")[0] in modules and not token.endswith(
                FILE_SUFFIXES) and not token.endswith(".py"):
            names.add(token)
    return names


def resolves(name: str) -> bool:
    """A module attribute path, a schema key path (wildcards allowed) or a schema section."""
    paths = [p.replace("[]", "") for p in schema_paths()]
    if any(fnmatch(p, name) or p.startswith(name + ".") for p in paths):
        return True
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module("zelflerendestad." + ".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return False
        return True
    return False


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_names_of_code_and_parameters_on_the_page_exist(page):
    text = (DOCS / page).read_text()
    missing = sorted(n for n in code_names(text) if not resolves(n))
    assert not missing, f"docs/{page} names what the code no longer has: {missing}"
    files = re.findall(r"`([\w/]+\.py)`", text)
    gone = [f for f in files if not (PACKAGE / f).exists() and not (ROOT / f).exists()]
    assert not gone, f"docs/{page} cites files that do not exist: {gone}"


def test_every_event_is_described_in_the_model_description():
    text = (DOCS / "odd.md").read_text()
    assert all(f"`{e}`" in text for e in EVENT_NAMES)


def test_researchers_python_examples_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / "researchers.md").read_text(), re.S)
    runnable = [b for b in blocks if "results/" not in b]
    assert len(runnable) >= 4
    for code in runnable:
        exec(compile(code, "researchers.md", "exec"), {"__name__": "docs_example"})
    assert "engaged share" in capsys.readouterr().out


def test_readme_links_and_picture_exist():
    text = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not t.startswith("http")]
    assert any(t.endswith(".png") for t in local)
    assert {"docs/students.md", "docs/researchers.md", "docs/odd.md"} <= set(local)
    assert all((ROOT / t).exists() for t in local), local


def test_scenario_plot_script_draws_a_scenario(tmp_path):
    script = runpy.run_path(str(DOCS / "scripts" / "scenario_plots.py"))
    script["main"](["--only", "default", "--seeds", "1", "--weeks", "4", "--out",
                    str(tmp_path)])
    assert (tmp_path / "default.png").stat().st_size > 10_000


def test_compare_runs_script_prints_differences(tmp_path, capsys):
    for name, value in (("a", 0.25), ("b", 0.5)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "summary.json").write_text(f'{{"engaged_share_final": {value}}}')
    script = runpy.run_path(str(DOCS / "scripts" / "compare_runs.py"))
    script["main"]([str(tmp_path / "a"), str(tmp_path / "b")])
    out = capsys.readouterr().out
    assert "engaged_share_final" in out and "+0.25" in out


def test_formulas_render_offline_in_a_browser(tmp_path, browser):
    """MathJax comes with the site: with every request off this machine refused, the ODD's
    formulas are typeset (no CDN), and nothing was even asked of another host."""
    import functools
    import http.server
    import threading
    from urllib.parse import urlsplit

    site = tmp_path / "site"
    assert mkdocs_build(ROOT, site).returncode == 0
    assert "cdn.jsdelivr" not in (site / "odd" / "index.html").read_text()
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    off_host = []
    try:
        page = browser.new_page()  # the session's chromium (conftest)

        def only_here(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                return route.continue_()
            off_host.append(route.request.url)
            return route.abort()

        page.route("**/*", only_here)
        page.goto(f"http://127.0.0.1:{server.server_port}/odd/")
        page.wait_for_function("document.querySelectorAll('mjx-container').length > 100",
                               timeout=60_000)
        page.wait_for_function("() => window.MathJax && MathJax.startup.promise"
                               ".then(() => true)", timeout=60_000)
        formulas = page.locator(".arithmatex").count()
        untypeset = page.locator(".arithmatex:not(:has(mjx-container))").count()
        errors = page.locator("mjx-merror").count()
        page.close()
    finally:
        server.shutdown()
    assert formulas > 100 and untypeset == 0 and errors == 0, (formulas, untypeset, errors)
    assert off_host == []
