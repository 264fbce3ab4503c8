import io

import numpy as np
import pytest
from PIL import Image

from zelflerendestad.app.city import commons_membership, node_colours
from zelflerendestad.app.commons_view import (
    commons_events,
    commons_table,
    principle_legend,
    signature,
)
from zelflerendestad.app.figures import (
    FONT,
    SeriesCanvas,
    marker_labels,
    nice_ceiling,
    titled_png,
    week_horizon,
)
from zelflerendestad.app.session import Simulation
from zelflerendestad.config import validate_mapping


@pytest.fixture(scope="module")
def sim():
    s = Simulation(validate_mapping({"city": {"residents": 300}}))
    s.step(20)
    return s


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_axis_helpers():
    assert nice_ceiling(0.7, 1.0) == 1.0 and nice_ceiling(1.3, 1.0) == 2.0
    assert nice_ceiling(7, 5.0) == 10 and nice_ceiling(0.012, 0.05) == 0.05
    assert week_horizon(0) == 52 and week_horizon(53) == 104


def test_series_frames_change_when_the_city_moves():
    s = Simulation(validate_mapping({"city": {"residents": 300}}))
    canvas = SeriesCanvas()
    first = canvas.render([s.data()], [[]], "nl")
    s.step(10)
    assert pixels(first).shape == pixels(canvas.render([s.data()], [[]], "nl")).shape
    assert not np.array_equal(pixels(first), pixels(canvas.render([s.data()], [[]], "nl")))


def test_pictures_are_drawn_at_the_size_asked_with_text_of_font_px():
    canvas = SeriesCanvas(size_px=(545, 558))
    s = Simulation(validate_mapping({"city": {"residents": 300}}))
    assert pixels(canvas.render([s.data()], [[]], "nl")).shape == (558, 545, 3)
    canvas.resize((796, 928))
    assert pixels(canvas.render([s.data()], [[]], "nl")).shape == (928, 796, 3)
    assert canvas.axes[0].title._fontproperties.get_size_in_points() == FONT >= 18
    assert all(label.get_fontsize() >= 18 for label in canvas.axes[0].get_yticklabels())


def test_a_marker_draws_a_dark_line_at_its_week(sim):
    canvas = SeriesCanvas()
    plain = pixels(canvas.render([sim.data()], [[]], "nl"))
    marked = pixels(canvas.render([sim.data()], [[10]], "nl"))
    ax = canvas.axes[3]  # a panel without a number label on it
    x, _ = ax.transData.transform((10, 0.5))
    _, y_top = ax.transData.transform((10, 0.95))
    _, y_bottom = ax.transData.transform((10, 0.05))
    height = plain.shape[0]
    col = slice(int(x) - 1, int(x) + 2)
    rows = slice(int(height - y_top), int(height - y_bottom))
    dark = lambda img: int((img[rows, col].sum(axis=2) < 150).sum())  # noqa: E731
    assert dark(marked) > dark(plain) + 20


def test_two_events_in_one_week_share_one_label_and_runs_are_told_apart():
    assert marker_labels([[10, 10, 30]]) == [(10, "1,2"), (30, "3")]
    assert marker_labels([[10], [10, 20]]) == [(10, "A1,B1"), (20, "B2")]


def test_an_exported_picture_has_its_title_above_it(sim):
    frame = SeriesCanvas(size_px=(545, 558)).render([sim.data()], [[]], "nl")
    png = titled_png([frame, frame], "Standaardstad · week 20", "boven: A, onder: B − A")
    assert png[:4] == b"\x89PNG"
    image = pixels(png)
    assert image.shape[0] > 2 * 558 and image.shape[1] == 545
    assert (image[:30].sum(axis=2) < 200).any()  # dark title text in the band on top


def test_a_panel_without_its_measure_says_so_until_it_exists(sim):
    canvas = SeriesCanvas()
    before = {k: v for k, v in sim.data().items() if "commons" not in k and "initiatives" not in k}
    canvas.render([before], [[]], "en")
    assert canvas.notes[2].get_text() == "not in the model yet"
    data = dict(before, commons_living=np.arange(len(before["week"]), dtype=float))
    canvas.render([data], [[]], "en")
    assert canvas.notes[2].get_text() == ""
    assert canvas.axes[2].get_ylim()[1] >= 20


def commons_city():
    """A small city where a commons organises within weeks."""
    sim = Simulation(validate_mapping({
        "city": {"residents": 300}, "run": {"seed": 2},
        "municipality": {"vertical_share": 0.2}, "engagement": {"initial_engaged": 0.6},
        "residents": {"ownership_initial": 0.6},
        "commons": {"formation": {"initiative_rate": 0.05}}}))
    for _ in range(120):
        sim.step(1)
        if commons_table(sim.model, "nl")[1]:
            return sim
    raise AssertionError("no commons organised in 120 weeks")


def test_commons_table_and_log_lines_come_from_the_commons_records():
    sim = commons_city()
    headers, rows = commons_table(sim.model, "nl")
    assert headers[:2] == ["nr", "thema"] and "P8" in headers and len(rows[0]) == len(headers)
    assert rows[0][headers.index("status")] == "levend"
    scores = [float(x) for x in rows[0][headers.index("P1"):headers.index("P8") + 1]]
    assert all(0.0 <= x <= 1.0 for x in scores)
    events = commons_events(sim.model, "en")
    assert events and events[0][1].endswith("becomes a commons")
    assert events[0][0] == int(rows[0][headers.index("commons sinds week")])
    assert "P1 grenzen" in principle_legend("nl")


def test_without_commons_the_table_says_so():
    class Model:
        week = 0

    assert commons_table(Model(), "nl") is None and commons_events(Model(), "nl") == []
    assert signature(Model()) == ()


def test_membership_colours_follow_the_commons():
    sim = commons_city()
    member = commons_membership(sim.model)
    assert member is not None and (member >= 0).any()
    colours = node_colours(sim.model, "commons")
    assert not np.array_equal(colours[member >= 0][0], colours[member < 0][0])


def test_the_weakest_principles_read_in_the_users_language():
    from zelflerendestad.app.commons_view import _word

    assert _word("collective_choice,recognition", "nl") == "P3 samen beslissen, P7 erkenning"
    assert _word("free_riding", "en") == "free-riding"
