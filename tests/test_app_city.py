"""The city map: blocks per neighbourhood, residents by state, bridges, commons, inspect."""

import io

import numpy as np
import pytest
from PIL import Image

from zelflerendestad.app.city import (
    STATE_COLOURS,
    CityCanvas,
    grid_shape,
    living_commons,
    node_colours,
    plan_city,
)
from zelflerendestad.app.inspect import describe
from zelflerendestad.app.layout import BAR_PX, HEADER_PX, MONITOR_PX, PAD_PX, screen_layout
from zelflerendestad.app.session import Simulation
from zelflerendestad.config import validate_mapping

from .test_app_figures import commons_city


@pytest.fixture(scope="module")
def sim():
    s = Simulation(validate_mapping({"city": {"residents": 300}}))
    s.step(20)
    return s


def pixels(frame: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(frame)).convert("RGB")).astype(int)


def test_blocks_fill_a_grid_that_suits_the_shape():
    assert grid_shape(3, 0.7) == (2, 2) and grid_shape(4, 1.0) == (2, 2)
    assert grid_shape(5, 2.0)[0] >= 3


def test_every_resident_sits_in_its_own_neighbourhoods_block(sim):
    r = sim.model.residents
    plan = plan_city(r.neighbourhood, 10, sim.model.network.adjacency, 400, 640)
    x0, y0, w, h = plan.blocks[r.neighbourhood].T
    x, y = plan.seats.T
    assert ((x > x0) & (x < x0 + w) & (y > y0) & (y < y0 + h)).all()
    assert len(np.unique(np.round(plan.seats), axis=0)) == r.n  # no two on one seat
    assert len(plan.bridges) == sim.model.network.bridges


def test_a_new_neighbourhood_count_redraws_the_map():
    canvas = CityCanvas((400, 600))
    for k in (3, 5):
        s = Simulation(validate_mapping({"city": {"residents": 300, "neighbourhoods": k}}))
        canvas.render(s.model, "engagement", "nl")
        assert len(canvas.plan.blocks) == k
        names = [t.get_text() for t in canvas.ax.texts]
        assert f"Buurt {k}" in names and f"Buurt {k + 1}" not in names


def test_passive_residents_are_ringed_and_differ_from_the_ties(sim):
    canvas = CityCanvas((400, 600))
    image = pixels(canvas.render(sim.model, "engagement", "nl"))
    r = sim.model.residents
    passive = np.flatnonzero(~r.engaged & ~r.is_connector)[0]
    x, y = canvas.plan.seats[passive]
    row, col = int(round(600 - y)), int(round(x))
    grey = np.array([int(STATE_COLOURS[0][i:i + 2], 16) for i in (1, 3, 5)])
    assert np.abs(image[row, col] - grey).max() < 30  # fill
    edge = image[row, col - int(0.42 * canvas.plan.cell)]
    assert np.abs(edge - grey).max() > 40  # a darker ring around it


def test_frames_follow_the_mode_and_the_size(sim):
    canvas = CityCanvas((400, 600))
    frames = {m: canvas.render(sim.model, m, "nl") for m in ("engagement", "learning")}
    assert frames["engagement"][:2] == b"\xff\xd8"
    assert not np.array_equal(pixels(frames["engagement"]), pixels(frames["learning"]))
    canvas.resize((640, 500))
    assert pixels(canvas.render(sim.model, "engagement", "nl")).shape == (500, 640, 3)


def test_knowledge_colours_spread_over_what_is_above_guessing(sim):
    learn = node_colours(sim.model, "learning")
    known = sim.model.known
    assert not np.array_equal(learn[np.argmax(known)], learn[np.argmin(known)])


def test_commons_are_drawn_named_and_can_be_inspected():
    sim = commons_city()
    living = living_commons(sim.model)
    assert living and 0.0 <= living[0]["health"] <= 1.0
    canvas = CityCanvas((400, 600))
    canvas.render(sim.model, "commons", "nl")
    member = sim.model.residents.member_of == living[0]["id"]
    x, y = canvas.plan.seats[member].mean(axis=0)
    found = canvas.inspect(sim.model, x, 600 - y)
    assert found["kind"] == "commons" and found["id"] == living[0]["id"]
    text = describe(found, sim.model, "nl")
    assert text.startswith(f"Commons {found['id']}: {found['theme']}") and "leden" in text


def test_a_click_on_a_resident_says_who_it_is(sim):
    canvas = CityCanvas((400, 600))
    canvas.render(sim.model, "engagement", "nl")
    x, y = canvas.plan.seats[7]
    found = canvas.inspect(sim.model, x, 600 - y)
    assert found["kind"] == "resident" and found["id"] == 7
    assert describe(found, sim.model, "en").split(",")[0] in ("resident 7", "connector 7")
    assert canvas.inspect(sim.model, 2, 2) is None  # the margin: nothing there


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_on_a_beamer_the_city_and_the_plots_fit_side_by_side(size):
    width, height = size
    screen = screen_layout(width, height)
    assert screen.wide
    assert screen.left + screen.city[0] + screen.plots[0] + 4 * PAD_PX <= width
    assert HEADER_PX + 2 * PAD_PX + BAR_PX + screen.city[1] <= height
    assert HEADER_PX + 2 * PAD_PX + MONITOR_PX + screen.plots[1] <= height
    assert screen.compare[1] == screen.plots[1] - BAR_PX


def test_zoomed_in_the_parts_stack_at_full_width():
    screen = screen_layout(1024, 576)  # 1280x720 at 125 %
    assert not screen.wide and screen.plots[0] == screen.city[0] == 1024 - 2 * PAD_PX
