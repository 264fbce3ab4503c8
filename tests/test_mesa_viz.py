"""Mesa's own SolaraViz on CityModel (examples/solaraviz_city.py) in headless chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from zelflerendestad.app.server import OFFLINE_ENV

from .test_app_browser import free_port, wait_until_serving

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "solaraviz_city.py"


def test_solaraviz_page_renders_steps_and_resets_offline(tmp_path, browser):
    port = free_port()
    solara = Path(sys.executable).with_name("solara")
    with open(tmp_path / "server.log", "w") as log:
        proc = subprocess.Popen([str(solara), "run", str(EXAMPLE), "--host", "127.0.0.1",
                                 "--port", str(port), "--production", "--no-open"],
                                env={**os.environ, **OFFLINE_ENV}, stdout=log,
                                stderr=subprocess.STDOUT, cwd=tmp_path)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_serving(url, proc)
            page = browser.new_page()
            hosts: set[str] = set()
            page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc)
                    if r.url.startswith(("http:", "https:", "ws:")) else None)
            page.goto(url)
            expect(page.get_by_text("Vertical share")).to_be_visible(timeout=90_000)
            expect(page.locator("main img")).to_have_count(2)  # the two plots
            for _ in range(3):
                page.get_by_role("button", name="Step").click()
                page.wait_for_timeout(300)
            expect(page.get_by_text("Time: 3.0")).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="Reset").click()
            expect(page.get_by_text("Time: 0.0")).to_be_visible(timeout=30_000)
            page.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    assert hosts == {f"127.0.0.1:{port}"}, hosts
    assert "Traceback" not in (tmp_path / "server.log").read_text()


def test_batch_run_example_prints_two_points_by_three_fresh_seeds():
    sys.path.insert(0, str(EXAMPLE.parent))
    try:
        import batch_run_city
    finally:
        sys.path.remove(str(EXAMPLE.parent))
    table = batch_run_city.main()
    assert len(table) == 6 and table["seed"].nunique() == 6
    assert sorted(table["vertical_share"].unique()) == [0.2, 0.8]
    assert (table["Step"] == 52).all()
