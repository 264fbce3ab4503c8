"""One session's state as the page drives it: scenarios, pictures, compare mode, exports."""

import io

import numpy as np
import pytest
from PIL import Image

from zelflerendestad.app.library import load_library
from zelflerendestad.app.state import SessionState

from .conftest import write_app_scenarios

CITY, PLOTS = (380, 420), (520, 400)


@pytest.fixture()
def state(tmp_path):
    s = SessionState.create(load_library(write_app_scenarios(tmp_path, residents=200)))
    s.resize(PLOTS, CITY, PLOTS)
    return s


PNG = b"\x89PNG"


def pixels(picture: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(picture)).convert("RGB")).astype(int)


def canvas_pixels(canvas) -> np.ndarray:
    return np.asarray(canvas.canvas.buffer_rgba())[..., :3].astype(int)


def test_a_session_starts_on_the_default_scenario_and_loads_others(state):
    assert state.sim.label == "default" and state.sim.week == 0
    state.sim.step(3)
    assert state.load("scenarios/horizontal") is None
    assert state.sim.label == "scenarios/horizontal" and state.sim.week == 0
    assert state.sim.config.municipality.vertical_share == pytest.approx(0.1)


def test_an_unknown_scenario_is_refused_and_the_city_goes_on(state):
    state.sim.step(2)
    assert state.load("no/such") == "no/such"
    assert state.sim.label == "default" and state.sim.week == 2


def test_pictures_come_at_the_sizes_the_page_asked_for(state):
    frames = state.draw("nl", "engagement", False)
    assert pixels(frames.series).shape == (PLOTS[1], PLOTS[0], 3)
    assert pixels(frames.network).shape == (CITY[1], CITY[0], 3)
    state.resize((600, 450), (300, 300), PLOTS)
    frames = state.draw("nl", "engagement", False)
    assert pixels(frames.series).shape == (450, 600, 3)
    assert pixels(frames.network).shape == (300, 300, 3)


def test_the_plots_follow_the_city_week_by_week(state):
    first = pixels(state.draw("nl", "engagement", False).series)
    state.step(8, False)
    assert state.sim.week == 8
    assert not np.array_equal(first, pixels(state.draw("nl", "engagement", False).series))


def test_compare_mode_draws_only_the_plot_on_screen(state):
    assert state.start_comparison("default", "scenarios/horizontal") is None
    state.step(5, True)
    assert state.comparison.a.week == state.comparison.b.week == 5 and state.sim.week == 0
    frames = state.draw("nl", "engagement", True, "runs")
    assert frames.compare and not frames.difference
    frames = state.draw("nl", "engagement", True, "difference")
    assert frames.difference
    assert state.active(True) is state.comparison.b and state.active(False) is state.sim


def test_the_compare_export_holds_both_plots_as_they_are_now(state):
    state.start_comparison("default", "scenarios/horizontal")
    state.draw("nl", "engagement", True, "runs")
    state.step(6, True)
    runs, difference = state.compare_frames("nl")
    assert runs[:4] == difference[:4] == PNG
    state.draw("nl", "engagement", True)
    assert np.array_equal(pixels(runs), canvas_pixels(state.compare_series))
    state.draw("nl", "engagement", True, "difference")
    assert np.array_equal(pixels(difference), canvas_pixels(state.difference))


def test_a_live_frame_is_a_smaller_jpeg_while_the_export_is_the_lossless_picture(state):
    state.step(20, False)
    frames = state.draw("nl", "engagement", False)
    exported = state.pngs()
    for frame, png, canvas in zip((frames.series, frames.network), exported,
                                  (state.series, state.network), strict=True):
        assert frame[:2] == b"\xff\xd8" and png[:4] == PNG
        assert np.array_equal(pixels(png), canvas_pixels(canvas))  # every pixel as drawn
        assert len(frame) < len(png)
        error = np.abs(pixels(frame) - canvas_pixels(canvas)).mean()
        assert 0 < error < 5  # lossy, and close (of 255): a beamer shows the same picture


def test_a_new_comparison_is_drawn_from_the_start_though_its_plot_was_hidden(state, tmp_path):
    """A plot not shown for a while must not draw a new run's weeks on top of the old one."""
    state.start_comparison("default", "scenarios/horizontal")
    state.step(4, True)
    state.draw("nl", "engagement", True, "runs")
    state.start_comparison("scenarios/horizontal", "default")  # what a new A and B do
    state.step(12, True)
    state.draw("nl", "engagement", True, "difference")  # the runs plot is hidden meanwhile
    shown = pixels(state.draw("nl", "engagement", True, "runs").compare)

    fresh = SessionState.create(state.library)
    fresh.resize(PLOTS, CITY, PLOTS)
    fresh.start_comparison("scenarios/horizontal", "default")
    fresh.step(12, True)
    assert np.array_equal(shown, pixels(fresh.draw("nl", "engagement", True, "runs").compare))


def test_a_setting_changed_while_comparing_is_bs_and_restarts_both(state):
    state.start_comparison("default", "default")
    state.step(3, True)
    a_config = state.comparison.a.config
    changed = state.comparison.b.config.model_copy(deep=True)
    changed.municipality.vertical_share = 0.8
    state.replace_config(changed, comparing=True)
    c = state.comparison
    assert c.a.week == c.b.week == 0
    assert c.a.config == a_config and c.b.config.municipality.vertical_share == 0.8
    assert c.a.config.run.seed == c.b.config.run.seed
