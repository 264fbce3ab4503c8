"""The workshop guide (docs/workshop.md) as a browser test, at a 1280x720 beamer's size.

One participant walks the guide's steps in order on the repository's own scenarios (2,000
residents, as in the room) and the test checks what the guide says the room will see: the
plots and the city together without scrolling, Play and the interventions above the fold, the
commons table with its rules and scores, the log line with its numbers, a compare difference
that is zero until B is changed. Each step saves a screenshot; with
`ZELFLERENDESTAD_SHOTS=docs/img/workshop` they become the guide's pictures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .test_app_browser import (
    LOAD_TIMEOUT_MS,
)
from .test_app_i18n import english_only_words

REPO = Path(__file__).resolve().parents[1]
BEAMER = {"width": 1280, "height": 720}
TIMEOUT_MS = 60_000
MEASURE_JS = """() => {
  const box = s => { const e = document.querySelector(s); if (!e) return null;
    const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width}; };
  const img = s => { const e = document.querySelector(s);
    return e ? {shown: e.getBoundingClientRect().width, natural: e.naturalWidth} : null; };
  let smallest = 99, where = '';
  for (const e of document.querySelectorAll(
      '.zs-left .v-btn__content, .zs-left .v-label, .zs-left input, .zs-header .v-btn__content,'
      + ' .zs-left .zs-note, .zs-bar .v-btn__content, .zs-log-line, .zs-commons-table td')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !e.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < smallest) { smallest = size; where = e.textContent.trim().slice(0, 30); }
  }
  return {series: box('img.zs-series') || box('img.zs-compare'), city: box('img.zs-network'),
          play: box('.zs-play'), interventions: box('.zs-event-set_vertical_share'),
          plot_image: img('img.zs-series') || img('img.zs-compare'),
          city_image: img('img.zs-network'), smallest_control_px: smallest, smallest_at: where,
          monitor_px: parseFloat(getComputedStyle(
            document.querySelector('.zs-monitor-value')).fontSize),
          scroll_x: document.documentElement.scrollWidth > window.innerWidth + 1};
}"""


@pytest.fixture(scope="module")
def server(app_url):
    return app_url


class Room:
    """The trainer's browser on the beamer, with a screenshot per step of the guide."""

    def __init__(self, page: Page, shots: Path):
        self.page, self.shots, self.figures = page, shots, {}

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def week(self) -> int:
        return int(self.page.locator(".zs-week").inner_text().split()[-1])

    def week_is(self, week: int) -> None:
        expect(self.page.locator(".zs-week")).to_have_text(f"Week {week}", timeout=TIMEOUT_MS)

    def forward(self, weeks: int) -> None:
        """+10 weken until `weeks` more weeks have passed."""
        target = self.week() + weeks
        for _ in range(weeks // 10):
            self.button("+10 weken").click()
        self.week_is(target)

    def play_until(self, week: int) -> int:
        """Afspelen until the week is reached, then Pauze: no tick may follow."""
        self.button("Afspelen").click()
        self.page.wait_for_function(
            "w => +document.querySelector('.zs-week').textContent.split(' ').pop() >= w",
            arg=week, timeout=TIMEOUT_MS)
        self.button("Pauze").click()
        expect(self.button("Afspelen")).to_be_visible(timeout=TIMEOUT_MS)
        stopped = self.week()
        self.page.wait_for_timeout(1500)
        assert self.week() == stopped, "Pause let a tick through"
        return stopped

    def pick(self, selector: str, title: str) -> None:
        self.page.locator(selector).click()
        menu = self.page.locator(".menuable__content__active")  # the list just opened
        menu.get_by_role("option", name=title, exact=True).click()

    def log_has(self, pattern: str) -> str:
        line = self.page.locator(".zs-log-line", has_text=re.compile(pattern)).first
        expect(line).to_be_visible(timeout=TIMEOUT_MS)
        return line.inner_text()

    def city_changes(self, action) -> None:
        """Do `action`; the city's picture must change."""
        before = self.page.locator("img.zs-network").get_attribute("src")
        action()
        self.page.wait_for_function("old => document.querySelector('img.zs-network').src !== old",
                                    arg=before, timeout=TIMEOUT_MS)

    def settle(self) -> None:
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('img.zs-network, img.zs-series, img.zs-compare,"
            " img.zs-difference')].every(i => i.complete && i.naturalWidth > 0)",
            timeout=TIMEOUT_MS)
        self.page.wait_for_timeout(600)

    def shot(self, name: str) -> None:
        self.settle()
        self.page.screenshot(path=str(self.shots / f"{name}.jpg"), type="jpeg", quality=82)

    def beamer_checks(self, step: str) -> dict:
        """Plots and city together without scrolling, Play and interventions above the fold."""
        m = self.page.evaluate(MEASURE_JS)
        for part in ("series", "city", "play"):
            assert m[part] and m[part]["bottom"] <= BEAMER["height"] + 1, (step, part, m)
        assert m["interventions"]["top"] < BEAMER["height"] - 40, (step, m)
        assert m["plot_image"]["shown"] == m["plot_image"]["natural"], (step, m)  # 1:1: 18 px
        assert m["smallest_control_px"] >= 16, (step, m)
        assert not m["scroll_x"], step
        self.figures[step] = m
        return m

    def no_english(self, step: str) -> None:
        """No English word anywhere on the page in Dutch mode (names are allowed)."""
        text = re.sub(r"\S+\.(yaml|png|csv|parquet)\b", " ", self.page.locator("body").inner_text())
        english = english_only_words()  # file names above are code, not language
        found = sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() in english})
        assert not found, f"{step}: English on the Dutch page: {found}"


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where the steps' screenshots go; copied to $ZELFLERENDESTAD_SHOTS at the end."""
    folder = tmp_path_factory.mktemp("shots")
    yield folder
    out = os.environ.get("ZELFLERENDESTAD_SHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        for png in sorted(folder.glob("*.jpg")):
            shutil.copy(png, Path(out) / png.name)
    print(f"\nworkshop screenshots and measurements in {folder}")


def open_app(browser, url: str, **context: object) -> Page:
    page = browser.new_context(**context).new_page()
    page.goto(url)
    expect(page.locator(".zs-week")).to_have_text("Week 0", timeout=LOAD_TIMEOUT_MS)
    return page


@pytest.fixture(scope="module")
def room(server, browser, shots):
    r = Room(open_app(browser, server, viewport=BEAMER), shots)
    yield r
    (shots / "measured.json").write_text(json.dumps(r.figures, indent=1))
    r.page.context.close()


def test_the_workshop_guide_step_by_step(room, server):
    page = room.page
    # Voorbereiding / In de zaal: Dutch page, the city and the plots on one screen
    expect(room.button("EN")).to_be_visible()
    expect(page.get_by_text("Buurt", exact=False).first).to_be_attached()
    room.beamer_checks("01-start")
    room.no_english("01-start")
    room.shot("01-start")

    # Scenario 1: de klassiek verticale gemeente, two years at 5 weeks per tick
    room.pick(".zs-scenario", "De klassiek verticale gemeente")
    expect(page.get_by_text("verticaal aandeel 0,9", exact=False).first).to_be_visible()
    room.button("5").click()
    room.play_until(100)
    expect(page.locator(".zs-markers")).to_contain_text(
        "1: week 52: Subsidie start · 2: week 52: Handhaving start")
    table = page.locator(".zs-commons-table")
    expect(table).to_be_visible(timeout=TIMEOUT_MS)
    # the guide asks the room to read the "regels" column: opgelegd or zelf bepaald (which one a
    # commons has is the model's outcome, not the guide's promise)
    expect(table).to_contain_text(re.compile("opgelegd|zelf bepaald"))
    assert re.search(r"\d\.\d\d", table.inner_text()), "the table shows no P1-P8 scores"
    room.log_has(r"houdt op")
    room.beamer_checks("02-classic-vertical")
    room.no_english("02-classic-vertical")
    room.shot("02-classic-vertical")

    # ... then live: the slider to 0,3 and "Verticaal aandeel wijzigen"
    slider = page.locator(".zs-interventions [role=slider]").first
    slider.focus()
    for _ in range(4):
        slider.press("ArrowLeft")
    expect(page.locator(".zs-slider-value")).to_have_text("0,3")
    room.button("Verticaal aandeel wijzigen").click()
    room.log_has(r"week \d+: verticaal aandeel wordt 0,30")
    expect(page.locator(".zs-markers")).to_contain_text("3: week")
    room.shot("03-vertical-share-live")

    # Scenario 2: the municipality finds its connectors; three years
    room.pick(".zs-scenario", "De gemeente vindt haar kantelaars")
    room.week_is(0)
    room.forward(60)  # the guide plays three years; the log lines to check come by week 52
    line = room.log_has(r"week 26: kantelaarsprogramma investeert in \d+ inwoners, van wie \d+ "
                        r"echte kantelaars")
    assert re.search(r"in 40 inwoners, van wie \d+ echte", line), line
    room.no_english("04-connectors")
    room.beamer_checks("04-connectors")
    room.shot("04-connectors")
    room.city_changes(lambda: room.button("kennis").click())
    room.shot("05-colour-knowledge")
    room.city_changes(lambda: room.button("commons").click())
    room.shot("06-colour-commons")
    room.city_changes(lambda: room.button("Een kantelaar verhuist").click())
    room.log_has(r"1 kantelaar\(s\) verhuisd, met hun bruggen naar andere buurten")
    room.button("betrokkenheid").click()
    room.shot("07-connector-moves-away")

    # Scenario 3: compare mode, A = B; zero difference until B gets an urgency shock
    page.get_by_text("Vergelijk A en B", exact=True).click()
    scenario = "De waan van de dag verdringt het leren"
    room.pick(".zs-scenario-a", scenario)
    room.pick(".zs-scenario-b", scenario)
    room.week_is(0)
    room.button("10").click()
    room.forward(30)
    for value in page.locator(".zs-monitor-value").all_inner_texts():
        a, b = value.split(" | ")
        assert a == b, f"A and B differ before any intervention: {value}"
    room.button("Urgentieschok (waan van de dag)").click()
    room.log_has(r"week 30: B: urgentieschok: \+0,30 van de tijd van ambtenaren, 8 weken lang")
    room.forward(100)
    monitors = page.locator(".zs-monitor-value").all_inner_texts()
    assert any(a != b for a, b in (m.split(" | ") for m in monitors)), monitors
    expect(page.locator(".zs-markers")).to_contain_text("B")
    room.beamer_checks("08-compare")
    room.no_english("08-compare")
    room.shot("08-compare")
    room.button("Verschil B − A").click()
    expect(page.locator("img.zs-difference")).to_be_visible()
    room.shot("09-difference")

    # ... a Leercultuur of 0,8 in a new round: B restarts with it, A as it was
    field = page.get_by_label("Leercultuur (beschermde leertijd)", exact=True)
    field.fill("0,8")
    field.press("Enter")
    room.week_is(0)
    expect(page.locator(".zs-compare-legend")).to_contain_text(
        "aangepast: Leercultuur (beschermde leertijd) = 0,8")
    room.forward(30)
    room.shot("10-learning-culture")

    # Afronding: back to one city, export the settings and the plots
    page.get_by_text("Vergelijk A en B", exact=True).click()
    expect(room.button("Instellingen (YAML)")).to_be_visible(timeout=TIMEOUT_MS)
    with page.expect_download() as download:
        room.button("Instellingen (YAML)").click()
    assert download.value.suggested_filename.endswith(".yaml")
    text = Path(download.value.path()).read_text()
    assert text.startswith("# Exported from the workshop app") and "interventions:" in text
    with page.expect_download() as download:
        room.button("Grafieken (PNG)").click()
    assert Path(download.value.path()).read_bytes()[:4] == b"\x89PNG"
    room.shot("11-export")


def test_zoomed_in_the_text_grows_and_the_plots_keep_their_text_size(server, browser, shots):
    """Ctrl + at 125 % on a 1280x720 beamer: a 1024x576 CSS-pixel window, 1.25 pixels each.

    The plots are drawn for the narrower window at the same size in CSS pixels, so their
    18 px text is 22.5 screen pixels; the parts stack and the page scrolls.
    """
    page = open_app(browser, server, viewport={"width": 1024, "height": 576},
                    device_scale_factor=1.25)
    page.wait_for_function("() => { const i = document.querySelector('img.zs-series');"
                           " return i && i.naturalWidth > 900 && i.naturalWidth ==="
                           " Math.round(i.getBoundingClientRect().width); }", timeout=TIMEOUT_MS)
    page.screenshot(path=str(shots / "12-zoom-125.jpg"), type="jpeg", quality=82)
    page.context.close()
