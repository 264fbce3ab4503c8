"""A workshop room in one headless chromium: a trainer's projector and 12 phones (390x844).

The server is the session's (`app_url`, started as a trainer starts `zelflerendestad app`, on the
repository's scenarios). The trainer opens a room on /room; twelve participants of every role
join on /join with its code and make choices; the city on the projector moves; one phone drops
out (the projector shows the model playing that seat) and rejoins with the same address; a
wrong code and a participant's token used as the trainer's are refused. The round exported from
the projector replays identically (`zelflerendestad rerun`), and differs from the same seed
played by the model alone: the council's vote set the vertical share. The debrief shows the
compare view. Screenshots go to a temporary folder, or to docs/img/room with
`ZELFLERENDESTAD_SHOTS=docs/img/room`.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from typer.testing import CliRunner

from zelflerendestad.cli import app

from .test_app_browser import LOAD_TIMEOUT_MS

REPO = Path(__file__).resolve().parents[1]
PHONE = {"width": 390, "height": 844}
BEAMER = {"width": 1280, "height": 720}
TIMEOUT_MS = 60_000
# seat -> role picked on the phone ("any": the room assigns one); 12 phones, every role
ROLES = {"council": "raadslid / wethouder", "official": "ambtenaar", "connector": "kantelaar",
         "resident": "bewoner / initiatiefnemer", "any": "Maakt niet uit"}
# the smallest text and the smallest button on a phone's screen, in CSS pixels
SIZES_JS = """() => {
  let text = 99, button = 999, where = '';
  for (const e of document.querySelectorAll('.zs-phone *')) {
    const r = e.getBoundingClientRect();
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!r.width || !own) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < text) { text = size; where = e.textContent.trim().slice(0, 30); }
  }
  for (const b of document.querySelectorAll('.zs-phone .v-btn')) {
    const r = b.getBoundingClientRect();
    if (r.width) button = Math.min(button, r.height, r.width);
  }
  return {text, button, where, scroll_x: document.documentElement.scrollWidth > innerWidth + 1};
}"""
PICKS = ["council", "council", "council", "official", "official", "connector", "connector",
         "resident", "resident", "resident", "any", "any"]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    wanted = os.environ.get("ZELFLERENDESTAD_SHOTS", "")
    folder = REPO / wanted if wanted else tmp_path_factory.mktemp("room-shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shot(page: Page, path: Path) -> None:
    page.screenshot(path=path, quality=80)


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


class Phone:
    """One participant's browser context at phone size."""

    def __init__(self, browser: Browser, url: str):
        self.context = browser.new_context(viewport=PHONE, device_scale_factor=1)
        self.page = self.context.new_page()
        self.page.goto(url, wait_until="commit")

    def join(self, pick: str, name: str) -> None:
        expect(button(self.page, "Doe mee")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        self.page.locator(".zs-name-input input").fill(name)
        button(self.page, ROLES[pick]).click()
        button(self.page, "Doe mee").click()

    def role(self) -> str:
        head = self.page.locator(".zs-phone-role").first
        expect(head).not_to_have_text("Speel mee", timeout=TIMEOUT_MS)
        return next(key for key in ROLES if self.page.locator(f".zs-role-{key}").count())

    def close(self) -> None:
        self.context.close()


def act(phone: Phone, role: str) -> None:
    """The choice each role makes in the test (the council's is the one checked in the data)."""
    page = phone.page
    if role == "council":
        for _ in range(4):  # 50% -> 90% vertical
            page.locator(".zs-share-plus").click()
        expect(page.locator(".zs-share .zs-step-value")).to_have_text("90%")
        page.locator(".zs-prog-subsidy input").check(force=True)
        button(page, "Stem").click()
    elif role == "official":
        page.locator(".zs-desk-minus").click()  # a tenth of the week from the desk to the street
        page.locator(".zs-street-plus").click()
        button(page, "Zo verdeel ik mijn week").click()
    elif role == "connector":
        button(page, "Verbind").click()
    else:
        button(page, "Begin een initiatief").click()
    expect(page.locator(".zs-message")).to_contain_text("Doorgegeven", timeout=TIMEOUT_MS)


def test_a_room_of_twelve_phones_plays_one_city(browser, app_url, shots, tmp_path):
    trainer = browser.new_context(viewport=BEAMER, accept_downloads=True)
    projector = trainer.new_page()
    projector.goto(app_url + "room")
    expect(button(projector, "Open de ruimte")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    shot(projector, shots / "start.jpg")
    button(projector, "Open de ruimte").click()
    code = projector.locator(".zs-code").inner_text(timeout=LOAD_TIMEOUT_MS).strip()
    assert re.fullmatch(r"[3-9A-Z]{6}", code), code
    src = projector.locator("img.zs-qr").get_attribute("src")
    assert src.startswith("data:image/svg+xml")
    expect(projector.locator(".zs-address")).to_contain_text("/join")

    phones = [Phone(browser, f"{app_url}join?code={code}") for _ in PICKS]
    roles = []
    try:
        for seat, (phone, pick) in enumerate(zip(phones, PICKS, strict=True), start=1):
            phone.join(pick, f"deelnemer {seat}")
        for phone, pick in zip(phones, PICKS, strict=True):
            role = phone.role()
            assert pick in ("any", role)
            roles.append(role)
        assert set(roles) == {"council", "official", "connector", "resident"}
        expect(projector.locator(".zs-seat")).to_have_count(12, timeout=TIMEOUT_MS)

        seen: set[str] = set()
        for phone, role in zip(phones, roles, strict=True):
            act(phone, role)
            if role not in seen:
                seen.add(role)
                shot(phone.page, shots / f"phone-{role}.jpg")
                sizes = phone.page.evaluate(SIZES_JS)  # readable and thumb-sized, no side scroll
                assert sizes["text"] >= 16 and sizes["button"] >= 44, (role, sizes)
                assert not sizes["scroll_x"], role

        projector.locator(".zs-speed").get_by_role("button", name="5", exact=True).click()
        for week in (5, 10, 13):  # a round is 13 weeks: its last tick stops there
            button(projector, "Stap").click()
            expect(projector.locator(".zs-week")).to_have_text(f"Week {week}", timeout=TIMEOUT_MS)
        expect(phones[0].page.locator(".zs-decision")).to_contain_text("90%", timeout=TIMEOUT_MS)
        expect(phones[0].page.locator(".zs-phone-week")).to_contain_text("Week 13",
                                                                         timeout=TIMEOUT_MS)
        expect(projector.get_by_text(re.compile(r"Keuzes tot nu toe: (1[2-9]|[2-9]\d)"))
               ).to_be_visible(timeout=TIMEOUT_MS)

        # a phone drops out (the model plays its seat) and comes back on the same address
        gone = next(i for i, r in enumerate(roles) if r == "resident")
        address = phones[gone].page.url
        assert "me=" in address
        phones[gone].close()
        # seats are numbered in the order the room took the joins; find this one by its name
        seat = projector.locator(".zs-seat", has_text=re.compile(rf"deelnemer {gone + 1}(?!\d)"))
        expect(seat).to_contain_text("weg (het model speelt)", timeout=TIMEOUT_MS)
        phones[gone] = Phone(browser, address)
        expect(phones[gone].page.locator(".zs-role-resident")).to_be_visible(
            timeout=LOAD_TIMEOUT_MS)
        expect(seat).to_contain_text("verbonden", timeout=TIMEOUT_MS)
        expect(projector.locator(".zs-seat")).to_have_count(12)

        # no code, no room; a participant's token does not make a trainer
        stranger = Phone(browser, f"{app_url}join")
        stranger.page.locator(".zs-code-input input").fill("XXXXXX")
        stranger.join("any", "")
        expect(stranger.page.get_by_text("geen ruimte met deze code")).to_be_visible(
            timeout=TIMEOUT_MS)
        stranger.close()
        token = re.search(r"me=([^&]+)", address).group(1)
        impostor = trainer.new_page()
        impostor.goto(f"{app_url}room?code={code}&trainer={token}")
        expect(impostor.get_by_text("alleen de trainer mag dit")).to_be_visible(
            timeout=LOAD_TIMEOUT_MS)
        expect(button(impostor, "Sluit de ruimte")).to_have_count(0)
        impostor.close()

        shot(projector, shots / "projector.jpg")
        with projector.expect_download(timeout=TIMEOUT_MS) as download:
            button(projector, "Ronde (YAML + keuzes)").click()
        archive = tmp_path / "round.zip"
        download.value.save_as(archive)
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp_path)
        folder = next(tmp_path.glob("round-*"))

        projector.get_by_role("switch", name="Nabespreking").check(force=True)
        projector.wait_for_function(
            "() => { const i = document.querySelector('img.zs-compare');"
            " return i && i.complete && i.naturalWidth > 300; }", timeout=TIMEOUT_MS)
        expect(projector.locator(".zs-compare-legend")).to_contain_text("het model alleen")
        expect(projector.locator(".zs-monitor-value").first).to_contain_text(" | ",
                                                                            timeout=TIMEOUT_MS)
        shot(projector, shots / "debrief.jpg")

        button(projector, "Sluit de ruimte").click()
        expect(phones[0].page.get_by_text("De ruimte is gesloten")).to_be_visible(
            timeout=TIMEOUT_MS)
    finally:
        for phone in phones:
            phone.close()
        trainer.close()

    # `zelflerendestad rerun` in this process (the interpreter and its imports are up already)
    again = CliRunner().invoke(app, ["rerun", str(folder / "manifest.json")])
    assert again.exit_code == 0, again.stdout
    assert "identical to" in again.stdout and ": NO" not in again.stdout
    assert "replaying" in again.stdout  # with the room's choices, not the scenario alone
    # the council's median vote (90%) is the room's course, not the scenario's own share
    scenario = yaml.safe_load((folder / "config.yaml").read_text())["municipality"]
    share = pq.read_table(folder / "timeseries.parquet").column("vertical_share").to_pylist()
    assert scenario["vertical_share"] != pytest.approx(0.9)
    assert share[-1] == pytest.approx(0.9), share
    choices = pq.read_table(folder / "choices.parquet").to_pylist()
    assert {c["role"] for c in choices} == {"council", "official", "connector", "resident"}
