"""The pictures, monitors and week counter as long-lived widgets, updated in place each step.

A step changes a few images and numbers. Re-rendering the page's component tree for that
would make Solara reconcile every control on the page each week; instead each session keeps
these widgets and only their values change (`show`), which the browser receives as one small
message per image. Everything that changes rarely (event log, markers, commons table) still
goes through Solara's components.

Three small Vue widgets talk back: `Viewport` reports the window's size (so the pictures are
drawn at the size they are shown, and their text stays the size it was drawn at), `ClickImage`
reports where the city was clicked (Mesa's and NetLogo's "inspect"), and `FrameClock` reports
which frame the browser has decoded, so Play sends no faster than the room's browser shows.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable

import ipyvuetify as v
import ipywidgets
import traitlets

from .state import Frames

MONITORS = ("engaged_share", "active_share", "living_commons", "trust_government")


def _image(css_class: str) -> ipywidgets.Image:
    image = ipywidgets.Image(format="url")  # its value: a `data_url` (see `data_url`)
    image.add_class(css_class)
    return image


def data_url(frame: bytes) -> bytes:
    """A JPEG or PNG frame as a `data:` URL, the value a live image is given.

    With the bytes themselves, the browser's image widget copies each frame into a Blob and
    an object URL (5 ms of JavaScript a frame, and the blob's trip through the browser
    process); a data URL is decoded where it is used.
    """
    kind = b"jpeg" if frame[:2] == b"\xff\xd8" else b"png"
    return b"data:image/" + kind + b";base64," + base64.b64encode(frame)


class Viewport(v.VuetifyTemplate):
    """The browser window's inner size in CSS pixels, reported on load and after a resize."""

    size = traitlets.List([1280, 720]).tag(sync=True)
    template = traitlets.Unicode("""
<template><span class="zs-viewport" style="display: none"></span></template>
<script>
module.exports = {
  mounted() {
    const report = () => { this.size = [window.innerWidth, window.innerHeight]; };
    let timer = null;
    this.onResize = () => { clearTimeout(timer); timer = setTimeout(report, 200); };
    window.addEventListener('resize', this.onResize);
    report();
  },
  destroyed() { window.removeEventListener('resize', this.onResize); },
}
</script>""").tag(sync=True)


class ClickImage(v.VuetifyTemplate):
    """An image that reports clicks (x, y in its own pixels) and shows a caption over it."""

    image = traitlets.Any().tag(sync=True, **ipywidgets.widget_serialization)
    caption = traitlets.Unicode("").tag(sync=True)
    template = traitlets.Unicode("""
<template>
  <div class="zs-click" style="position: relative; line-height: 0; cursor: crosshair"
       @click="clicked({x: $event.offsetX, y: $event.offsetY})">
    <jupyter-widget :widget="image" />
    <div v-if="caption" class="zs-inspect" style="position: absolute; left: 6px; bottom: 52px;
         background: rgba(255,255,255,0.95); border: 2px solid #000; padding: 6px 10px;
         line-height: 1.3; font-size: 18px; max-width: 92%; white-space: pre-line"
    >{{ caption }}</div>
  </div>
</template>""").tag(sync=True)

    def __init__(self, image: ipywidgets.Image, **kwargs: object):
        super().__init__(image=image, **kwargs)
        self.on_click: Callable[[float, float], None] = lambda x, y: None

    def vue_clicked(self, data: dict) -> None:
        """Called by the browser with the click's position in the image."""
        self.on_click(float(data.get("x", 0)), float(data.get("y", 0)))


class FrameClock(v.VuetifyTemplate):
    """Which frame the browser has decoded: the Play loop's flow control.

    The server numbers each frame that changed a picture (`sent`); the browser answers with
    the number once every live picture on the page is decoded (`shown`). Without it a model
    faster than its browser sends frames that queue (Pause then seems to lag) or are replaced
    before they are drawn, work lost on both sides. A page that never answered (no browser:
    tests, `solara.render`) is not waited for.
    """

    sent = traitlets.Int(0).tag(sync=True)
    shown = traitlets.Int(0).tag(sync=True)
    template = traitlets.Unicode("""
<template><span class="zs-frame-clock" style="display: none"></span></template>
<script>
module.exports = {
  watch: {
    sent(frame) {
      const pictures = document.querySelectorAll(
        'img.zs-series, img.zs-network, img.zs-compare, img.zs-difference');
      Promise.all([...pictures].map(p => p.decode().catch(() => null)))
        .then(() => { if (frame > this.shown) this.shown = frame; });
    },
  },
}
</script>""").tag(sync=True)

    def __init__(self, **kwargs: object):
        super().__init__(**kwargs)
        self._answered = threading.Condition()
        self.observe(self._on_shown, "shown")

    def _on_shown(self, _change: dict) -> None:
        with self._answered:
            self._answered.notify_all()

    def tick(self) -> None:
        """A new frame went out."""
        self.sent += 1

    def wait_shown(self, timeout: float, go_on: Callable[[], bool] = lambda: True) -> None:
        """Until the browser has shown every frame sent, `timeout` s pass or `go_on()` is False.

        Returns at once while the browser has never answered.
        """
        deadline = time.monotonic() + timeout
        with self._answered:
            while 0 < self.shown < self.sent and go_on() and time.monotonic() < deadline:
                self._answered.wait(0.02)  # how soon `go_on` and the deadline are asked again


FRAME_SECONDS = 0.02  # Play's shortest tick: 50 frames a second, more than a beamer shows
SHOWN_TIMEOUT_S = 1.0  # Play waits this long at most for the browser to show the last frame


def play(tick: Callable[[Callable[[], None]], bool | None], clock: FrameClock,
         playing: Callable[[], bool], cancel: threading.Event, period: float) -> None:
    """Play: `tick(caught_up)` every `period` s (a deadline) while `playing()`, until `cancel`.

    `tick` steps the city and draws it, and calls `caught_up()` between drawing and sending:
    it returns once the browser has shown the frame sent before (`clock`), so the next week is
    drawn while the browser shows this one, and no frame is sent that the browser would
    replace before showing it. A `tick` that returns False ends Play. The app's Play
    (`page.py`) and the room's clock (`projector.py`) both play through this.
    """
    def caught_up() -> None:  # or Pause pressed, or the loop cancelled
        clock.wait_shown(SHOWN_TIMEOUT_S, lambda: playing() and not cancel.is_set())

    while not cancel.is_set() and playing():
        started = time.monotonic()
        if tick(caught_up) is False:
            return
        cancel.wait(max(0.0, max(period, FRAME_SECONDS) - (time.monotonic() - started)))


def _monitor(key: str) -> tuple[v.Html, v.Html]:
    value = v.Html(tag="div", children=["–"], class_="zs-monitor-value")
    label = v.Html(tag="div", children=[""], class_="zs-monitor-label")
    return v.Html(tag="div", children=[label, value], class_=f"zs-monitor zs-monitor-{key}"), \
        (label, value)


class LiveWidgets:
    """One session's images, monitors and week counter."""

    def __init__(self) -> None:
        self.series = _image("zs-series")
        self.network = _image("zs-network")
        self.compare = _image("zs-compare")
        self.difference = _image("zs-difference")
        self.city = ClickImage(self.network)
        self.viewport = Viewport()
        self.clock = FrameClock()
        self.week = v.Html(tag="span", children=[""], class_="zs-week")
        boxes, self._monitors = [], {}
        for key in MONITORS:
            box, parts = _monitor(key)
            boxes.append(box)
            self._monitors[key] = parts
        self.monitors = v.Html(tag="div", children=boxes, class_="zs-monitors")
        self._shown: dict[str, bytes] = {}  # the frame each image shows, by widget

    def show(self, frames: Frames, week_text: str,
             monitors: dict[str, tuple[str, str]] | None = None) -> None:
        """Put the latest frames, week and monitor values on screen (unchanged sends nothing)."""
        pictures = 0
        for widget, data in ((self.series, frames.series), (self.network, frames.network),
                             (self.compare, frames.compare),
                             (self.difference, frames.difference)):
            if data and self._shown.get(widget.model_id) != data:
                self._shown[widget.model_id] = data
                widget.value = data_url(data)
                pictures += 1
        if pictures:
            self.clock.tick()
        if self.week.children != [week_text]:
            self.week.children = [week_text]
        pair = any(" | " in value for _, value in (monitors or {}).values())
        classes = "zs-monitors zs-pair" if pair else "zs-monitors"
        if self.monitors.class_ != classes:
            self.monitors.class_ = classes
        for key, (label, value) in (monitors or {}).items():
            label_widget, value_widget = self._monitors[key]
            if label_widget.children != [label]:
                label_widget.children = [label]
            if value_widget.children != [value]:
                value_widget.children = [value]
