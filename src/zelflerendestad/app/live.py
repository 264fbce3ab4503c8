"""The pictures and the week counter as long-lived widgets, updated in place each step.

A step changes a few images and one number. Re-rendering the page's component tree for that
would make Solara reconcile every control on the page each week; instead each session keeps
these widgets and only their values change (`show`), which the browser receives as one small
message per image. Everything that changes rarely (event log, markers, commons table) still
goes through Solara's components.
"""

from __future__ import annotations

import ipyvuetify as v
import ipywidgets

from .state import Frames


def _image(css_class: str) -> ipywidgets.Image:
    image = ipywidgets.Image(format="png", layout=ipywidgets.Layout(width="100%",
                                                                     height="auto"))
    image.add_class(css_class)
    return image


class LiveWidgets:
    """One session's images and week counter."""

    def __init__(self) -> None:
        self.series = _image("zs-series")
        self.network = _image("zs-network")
        self.compare = _image("zs-compare")
        self.difference = _image("zs-difference")
        self.week = v.Html(tag="span", children=[""], class_="zs-week")

    def show(self, frames: Frames, week_text: str) -> None:
        """Put the latest frames and week on screen (unchanged values send nothing)."""
        for widget, data in ((self.series, frames.series), (self.network, frames.network),
                             (self.compare, frames.compare),
                             (self.difference, frames.difference)):
            if data and widget.value != data:
                widget.value = data
        if self.week.children != [week_text]:
            self.week.children = [week_text]
