"""Where the page puts its parts for a window size: beamer first (1280x720 and up).

Window (CSS pixels, from `live.Viewport`) -> `screen_layout` -> the pixel sizes the pictures
are drawn at and the page's column widths. On a wide window the controls, the city and the
plots stand side by side under the header and fill the height, so the room sees them together
without scrolling. Zooming in (Ctrl +) makes the window narrower in CSS pixels: below
`NARROW_PX` the parts stack and the page scrolls, and the text keeps its size in CSS pixels,
so it grows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER_PX = 64  # the dark bar with title, week, Play and the switches
MONITOR_PX = 84  # the big numbers above the plots
BAR_PX = 50  # a row of switches: the city's colours, compare's view
PAD_PX = 10
NARROW_PX = 1100


@dataclass(frozen=True)
class Screen:
    """Column widths and picture sizes for one window size."""

    wide: bool
    left: int  # the controls column
    city: tuple[int, int]
    plots: tuple[int, int]
    compare: tuple[int, int]  # the plots in compare mode, under the switch A and B / B − A


def screen_layout(width: int, height: int) -> Screen:
    """Sizes for a window of `width` x `height` CSS pixels."""
    width, height = max(int(width), 480), max(int(height), 400)
    if width < NARROW_PX:
        inner = width - 2 * PAD_PX
        plots = (inner, max(480, height - HEADER_PX - MONITOR_PX - 20))
        return Screen(False, inner, (inner, min(inner, max(420, height - HEADER_PX - 20))),
                      plots, plots)
    left = 300 if width < 1600 else 360
    body = height - HEADER_PX - 2 * PAD_PX
    rest = width - left - 4 * PAD_PX
    city_w = int(rest * 0.42)
    plots_w = rest - city_w
    return Screen(True, left, (city_w, body - BAR_PX), (plots_w, body - MONITOR_PX),
                  (plots_w, body - MONITOR_PX - BAR_PX))
