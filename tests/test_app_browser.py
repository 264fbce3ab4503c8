"""The workshop app in a real headless browser: Debian's chromium driven by Playwright.

The server is started the way a trainer starts it (`zelflerendestad app`) on a free loopback
port, on the repository's scenarios (conftest's `app_url`, shared with the workshop test).
Every request the page makes is recorded; none may leave the server's host. `make test`
installs chromium when it is missing.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from zelflerendestad.app.i18n import t

from .test_app_i18n import dutch_only_words

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOAD_TIMEOUT_MS = 90_000
STEP_TIMEOUT_MS = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"the app did not answer at {url} within {seconds} s")


@pytest.fixture()
def server(app_url):
    return app_url


class Visit:
    """One browser context (a participant) on the app, with every request recorded."""

    def __init__(self, browser: Browser, url: str):
        self.context = browser.new_context(viewport={"width": 1600, "height": 1000})
        self.urls: list[str] = []
        self.context.on("request", lambda r: self.urls.append(r.url))
        self.page: Page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.urls.append(ws.url))
        self.page.goto(url)
        self.week_is(0, LOAD_TIMEOUT_MS)

    def week_is(self, week: int, timeout: int = STEP_TIMEOUT_MS) -> None:
        expect(self.page.locator(".zs-week")).to_have_text(f"Week {week}", timeout=timeout)

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def image(self, css_class: str) -> str:
        return self.page.locator(f"img.{css_class}").get_attribute("src") or ""

    def image_changes(self, css_class: str, before: str) -> None:
        self.page.wait_for_function(
            "([cls, old]) => { const i = document.querySelector('img.' + cls);"
            " return i && i.src && i.src !== old; }", arg=[css_class, before],
            timeout=STEP_TIMEOUT_MS)

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def visit(browser, server):
    v = Visit(browser, server)
    yield v
    v.close()


def test_page_loads_in_dutch_with_every_view_and_no_request_off_host(visit, server):
    page = visit.page
    for title in ("Scenario", "Ingrepen", "Instellingen", "Wat er gebeurde",
                  "Commons en ontwerpprincipes", "Bewaren"):
        expect(page.get_by_text(title, exact=True).first).to_be_visible()
    expect(visit.button("Stap")).to_be_visible()
    for css_class in ("zs-series", "zs-network"):
        page.wait_for_function(
            "cls => { const i = document.querySelector('img.' + cls);"
            " return i && i.complete && i.naturalWidth > 300; }", arg=css_class,
            timeout=STEP_TIMEOUT_MS)
    host = urlsplit(server).netloc
    remote = [u for u in visit.urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
              and urlsplit(u).netloc != host]
    assert len(visit.urls) > 5 and not remote, remote


def dutch_on(page: Page) -> list[str]:
    """The Dutch-only words visible on the page (file names are code, not language)."""
    text = re.sub(r"\S+\.(yaml|png|csv|parquet)\b", " ", page.locator("body").inner_text())
    return sorted({w for w in re.findall(r"[A-Za-z]{3,}", text)
                   if w.lower() in dutch_only_words()})


def test_english_mode_is_english_everywhere_a_workshop_looks(visit):
    """Controls, advanced settings, the log, the commons table, the colour modes, compare."""
    page, found = visit.page, {}
    visit.button("EN").click()
    expect(visit.button("Step")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(page.get_by_text("What happened", exact=True)).to_be_visible()
    expect(visit.button("Stap")).to_have_count(0)
    expect(page.locator(".zs-monitor-trust_government .zs-monitor-label")).to_have_text(
        t("ui.trust_monitor", "en"), timeout=STEP_TIMEOUT_MS)  # the monitors follow a tick on
    found["start"] = dutch_on(page)
    visit.button("▸ Advanced").click()
    expect(visit.button("▾ Advanced")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    found["advanced settings"] = dutch_on(page)
    for _ in range(8):
        visit.button("+10 weeks").click()
    visit.week_is(80)
    visit.button("Subsidy starts").click()
    expect(page.locator(".zs-log-line").first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(page.locator(".zs-markers")).to_contain_text("1: week 80: Subsidy starts",
                                                        timeout=STEP_TIMEOUT_MS)
    found["week 80, log and commons"] = dutch_on(page)
    for mode in ("knowledge", "commons"):
        visit.button(mode).click()
        found[f"colour by {mode}"] = dutch_on(page)
    page.get_by_text("Compare A and B", exact=True).click()
    expect(page.get_by_text(re.compile(r"A \(solid\): .* B \(dashed\)"))).to_be_visible(
        timeout=STEP_TIMEOUT_MS)
    found["compare"] = dutch_on(page)
    assert not any(found.values()), {step: words for step, words in found.items() if words}


def test_an_intervention_adds_its_marker(visit):
    visit.button("Stap").click()
    visit.week_is(1)
    before = visit.image("zs-series")
    visit.button("Subsidie start").click()
    expect(visit.page.get_by_text(re.compile(r"Markeringen — 1: week 1: Subsidie start"))
           ).to_be_visible(timeout=STEP_TIMEOUT_MS)
    visit.image_changes("zs-series", before)


def test_two_participants_are_isolated(browser, server):
    one, two = Visit(browser, server), Visit(browser, server)
    try:
        one.button("+10 weken").click()
        one.week_is(10)
        two.button("Stap").click()
        two.week_is(1)
        one.week_is(10)
    finally:
        one.close()
        two.close()


def test_an_out_of_range_value_is_refused_and_the_app_keeps_working(visit):
    field = visit.page.get_by_label("Verticaal aandeel", exact=True)
    field.fill("1.7")
    field.press("Enter")
    expect(visit.page.get_by_text("Niet overgenomen: 1,7 ligt buiten [0, 1]")).to_be_visible(
        timeout=STEP_TIMEOUT_MS)
    visit.button("Stap").click()
    visit.week_is(1)
