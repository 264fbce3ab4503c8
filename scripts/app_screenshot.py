"""Take the workshop app's screenshot for the docs (docs/img/app.png), offline.

Starts `zelflerendestad app` on a free loopback port, opens it in Debian's headless chromium,
plays a short story (a connector programme, thirty weeks, a subsidy, four years) and saves the
window. Run from the repository root: .venv/bin/python scripts/app_screenshot.py [OUT.png]
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(out: Path) -> None:
    """Serve the app, play the story in chromium and save the screenshot to `out`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = Path(sys.executable).with_name("zelflerendestad")
    proc = subprocess.Popen([str(cli), "app", "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url, timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1380})
            page.goto(url)
            week = page.locator(".zs-week")
            expect(week).to_have_text("Week 0", timeout=120_000)
            page.get_by_role("button", name="Investeer in kantelaars", exact=True).click()
            for n in (10, 20, 30):
                page.get_by_role("button", name="+10 weken", exact=True).click()
                expect(week).to_have_text(f"Week {n}", timeout=30_000)
            page.get_by_role("button", name="Subsidie start", exact=True).click()
            for n in range(40, 210, 10):
                page.get_by_role("button", name="+10 weken", exact=True).click()
                expect(week).to_have_text(f"Week {n}", timeout=30_000)
            page.wait_for_timeout(1500)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/img/app.png"))
