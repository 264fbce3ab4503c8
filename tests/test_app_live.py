"""The live widgets: what a Play tick changes on screen, sent only when it changed."""

import base64
import threading

from zelflerendestad.app.live import (
    MONITORS,
    ClickImage,
    FrameClock,
    LiveWidgets,
    Viewport,
    data_url,
    play,
)
from zelflerendestad.app.state import Frames

JPEG_A, JPEG_B = b"\xff\xd8frame-a", b"\xff\xd8frame-b"


def monitors(value: str) -> dict[str, tuple[str, str]]:
    return {key: (f"label {key}", value) for key in MONITORS}


def changes(widget, name: str) -> list:
    seen = []
    widget.observe(lambda change: seen.append(change["new"]), name)
    return seen


def test_a_tick_puts_its_frames_week_and_numbers_on_screen():
    live = LiveWidgets()
    live.show(Frames(series=JPEG_A, network=JPEG_B), "Week 7", monitors("41%"))
    assert live.series.value == data_url(JPEG_A) and live.network.value == data_url(JPEG_B)
    assert live.city.image is live.network  # the city picture is the clickable one
    assert live.week.children == ["Week 7"]
    label, value = live._monitors["engaged_share"]
    assert label.children == ["label engaged_share"] and value.children == ["41%"]
    assert live.monitors.class_ == "zs-monitors"


def test_a_frame_goes_to_the_page_as_a_data_url_of_its_own_type():
    """No bytes for the browser's image widget to copy into a Blob first (`data_url`)."""
    live = LiveWidgets()
    png = b"\x89PNG\r\n\x1a\nframe"
    live.show(Frames(series=JPEG_A, network=png), "Week 1")
    assert live.series.format == "url"
    assert live.series.value == b"data:image/jpeg;base64," + base64.b64encode(JPEG_A)
    assert bytes(live.network.value).startswith(b"data:image/png;base64,")
    assert base64.b64decode(bytes(live.network.value).split(b",", 1)[1]) == png


def test_an_unchanged_picture_or_number_is_not_sent_again():
    live = LiveWidgets()
    sent_series, sent_week = changes(live.series, "value"), changes(live.week, "children")
    sent_value = changes(live._monitors["trust_government"][1], "children")
    for week in ("Week 1", "Week 1", "Week 2"):
        live.show(Frames(series=JPEG_A, network=JPEG_B), week, monitors("0,50"))
    assert sent_series == [data_url(JPEG_A)] and sent_week == [["Week 1"], ["Week 2"]]
    assert sent_value == [["0,50"]]


def test_a_picture_not_drawn_this_tick_keeps_the_last_one():
    """Compare mode draws only the plot on screen: the other keeps its last frame."""
    live = LiveWidgets()
    live.show(Frames(compare=JPEG_A, difference=JPEG_B), "Week 1", monitors("1"))
    live.show(Frames(compare=b"", difference=JPEG_A), "Week 2", monitors("1"))
    assert live.compare.value == data_url(JPEG_A) == live.difference.value


def test_compare_mode_monitors_show_a_and_b_in_their_own_style():
    live = LiveWidgets()
    live.show(Frames(), "Week 3", monitors("40% | 55%"))
    assert live.monitors.class_ == "zs-monitors zs-pair"
    live.show(Frames(), "Week 3", monitors("40%"))
    assert live.monitors.class_ == "zs-monitors"


def test_a_click_on_the_city_reaches_the_inspector_with_its_position():
    live = LiveWidgets()
    clicks = []
    live.city.on_click = lambda x, y: clicks.append((x, y))
    live.city.vue_clicked({"x": 12, "y": 30.5})
    live.city.vue_clicked({})  # a click the browser reported without a position
    assert clicks == [(12.0, 30.5), (0.0, 0.0)]
    assert isinstance(live.city, ClickImage) and live.city.caption == ""


def test_the_viewport_starts_at_a_beamers_size_until_the_browser_reports():
    assert Viewport().size == [1280, 720]
    assert "window.innerWidth" in Viewport().template


def test_each_frame_that_changed_a_picture_is_numbered_for_the_browser():
    live = LiveWidgets()
    live.show(Frames(series=JPEG_A, network=JPEG_B), "Week 1", monitors("1"))
    live.show(Frames(series=JPEG_A, network=JPEG_B), "Week 1", monitors("2"))  # no new picture
    live.show(Frames(series=JPEG_B, network=JPEG_B), "Week 2", monitors("2"))
    assert live.clock.sent == 2


def test_play_waits_for_the_browser_to_show_the_last_frame():
    clock = FrameClock()
    clock.tick()
    clock.wait_shown(30)  # a page that never answered (no browser) is not waited for
    clock.shown = 1
    clock.tick()
    answer = threading.Timer(0.05, lambda: setattr(clock, "shown", 2))
    answer.start()
    clock.wait_shown(30)
    assert clock.shown == 2
    answer.join()


def test_play_stops_waiting_on_pause_or_after_its_timeout():
    clock = FrameClock(shown=1, sent=3)  # a browser that stopped answering
    clock.wait_shown(0.05)
    clock.wait_shown(30, go_on=lambda: False)  # Pause pressed
    assert clock.shown < clock.sent


def test_the_browser_answers_once_the_pictures_on_the_page_are_decoded():
    template = FrameClock().template
    assert "decode()" in template and "this.shown = frame" in template
    assert all(f"img.zs-{name}" in template for name in ("series", "network", "compare",
                                                          "difference"))


def test_play_draws_the_next_frame_but_sends_it_once_the_browser_showed_the_last():
    """The loop the app's Play and the room's clock share (`live.play`)."""
    clock = FrameClock(sent=1, shown=1)  # a browser that answers, 30 ms after each frame
    clock.observe(lambda change: threading.Timer(0.03, lambda: setattr(
        clock, "shown", change["new"])).start(), "sent")
    log = []

    def tick(caught_up) -> bool:
        log.append(("drawn", clock.sent, clock.shown))
        caught_up()
        log.append(("sent", clock.sent, clock.shown))
        clock.tick()
        return len(log) < 8

    play(tick, clock, lambda: True, threading.Event(), period=0)
    assert [entry[0] for entry in log] == ["drawn", "sent"] * 4
    assert all(shown == sent for kind, sent, shown in log if kind == "sent")


def test_play_stops_when_playing_ends_or_a_tick_says_so():
    clock, ticks = FrameClock(), []
    playing = threading.Event()
    playing.set()

    def tick(caught_up) -> bool:
        ticks.append(1)
        if len(ticks) == 3:
            playing.clear()  # Pause
        return True

    play(tick, clock, playing.is_set, threading.Event(), period=0)
    assert len(ticks) == 3
    play(lambda caught_up: ticks.append(1) or False, clock, lambda: True, threading.Event(),
         period=0)
    assert len(ticks) == 4
