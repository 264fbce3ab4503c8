"""The app's pictures: time series, network and difference plots, drawn fast enough to play.

Simulation data -> canvases here (the city map is `city.py`) -> JPEG frames -> the page (the
exports: PNG from the same canvases). Drawn in pixels at 72 dpi and shown at their own size, so
`FONT` is the size the room reads. Matplotlib only (no chart library that loads itself from a
CDN). Each canvas draws its static part (axes, titles, ties, legends)
once and keeps it as a background; a frame restores that background and draws only the moving
artists (lines, node colours, markers) on top, which keeps a step with redraw to a few tens of
milliseconds. The background is redrawn only when its key changes: language, axis range, colour
mode or the network itself.

Projector-friendly: large type, thick lines and the Okabe-Ito colour-blind-safe palette.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

from .i18n import t

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000")
MARKER_STYLES = (("#000000", ":"), ("#882255", "--"))  # run A (or the only run), run B
FONT = 18  # px: the pictures are drawn at 72 dpi and shown at their own size, so pt = px
STYLE = {"font.size": FONT, "axes.titlesize": FONT, "axes.titleweight": "bold",
         "axes.labelsize": FONT, "xtick.labelsize": FONT, "ytick.labelsize": FONT,
         "legend.fontsize": FONT, "lines.linewidth": 3.0, "axes.edgecolor": "#222222",
         "axes.linewidth": 1.2, "grid.color": "#DDDDDD"}
ALIASES = {"living_commons": ("living_commons", "commons_living", "living_commons_count")}


@dataclass(frozen=True)
class Panel:
    """One small plot: a title key (i18n `measure.`), its columns and how its y-axis scales."""

    title: str
    columns: tuple[str, ...]
    scale: str = "share"  # "share": 0..≥1; "count": 0..; "signed": symmetric around 0


PANELS = (
    Panel("panel_engagement", ("engaged_share", "active_share")),
    Panel("panel_learning", ("knowledge_residents", "knowledge_code", "learning_capacity")),
    Panel("panel_commons", ("living_commons", "initiatives_living"), "count"),
    Panel("panel_trust", ("trust_government", "trust_neighbours")),
    Panel("panel_inclusion", ("inclusion_neighbourhoods", "inclusion_periphery")),
    Panel("panel_strain", ("officials_strain", "urgency")),
)


def resolve(column: str, data: dict[str, np.ndarray]) -> str | None:
    """The data column for a panel column (commons measures may come under another name)."""
    for name in ALIASES.get(column, (column,)):
        if name in data:
            return name
    return None


def nice_ceiling(x: float, floor: float) -> float:
    """The smallest of 1, 2, 5 x 10^k at or above `x` (and at least `floor`)."""
    x = max(float(x), floor)
    exp = math.floor(math.log10(x))
    for m in (1, 2, 5, 10):
        if m * 10 ** exp >= x - 1e-12:
            return m * 10 ** exp
    return 10 ** (exp + 1)


def week_horizon(week: int) -> int:
    """x-axis end: whole years, at least one, so the axis changes only once a year."""
    return 52 * max(1, math.ceil(week / 52))


def to_png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's current pixels as PNG (what the exports hand out)."""
    buf = io.BytesIO()
    _pixels(canvas).save(buf, format="png", compress_level=1)
    return buf.getvalue()


# A live frame's JPEG quality: at 80 the text and the residents' dots look as at 92 on a beamer
# (no chroma subsampling: the colours of small dots and thin lines stay put), and a frame is a
# third smaller (225 -> 150 kB at 1280x720), which the browser decodes and the server sends
# each tick. The exports are lossless PNG from the canvas (`SessionState.pngs`).
FRAME_QUALITY = 80


def to_frame(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's pixels as a live frame: JPEG, no chroma subsampling.

    Five times faster to encode than PNG and smaller (`FRAME_QUALITY`), sharp on a beamer.
    """
    width, height = canvas.get_width_height()
    # the buffer as RGBX: the encoder skips the alpha byte itself, no RGB copy first (-0.5 ms)
    pixels = Image.frombuffer("RGBX", (width, height), canvas.buffer_rgba(), "raw", "RGBX", 0, 1)
    buf = io.BytesIO()
    pixels.save(buf, format="jpeg", quality=FRAME_QUALITY, subsampling=0)
    return buf.getvalue()


def _pixels(canvas: FigureCanvasAgg) -> Image.Image:
    width, height = canvas.get_width_height()
    return Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0,
                            1).convert("RGB")


class BlitCanvas:
    """A figure whose static part is cached and whose moving artists are drawn per frame."""

    def __init__(self, size: tuple[float, float], dpi: int, layout: str | None = None):
        with matplotlib.rc_context(STYLE):
            self.figure = Figure(figsize=size, dpi=dpi, facecolor="white", layout=layout)
        self.canvas = FigureCanvasAgg(self.figure)
        self._key: object = None
        self._background = None

    def _draw_background(self, key: object) -> None:
        if key != self._key:
            with matplotlib.rc_context(STYLE):
                self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._key = key
        else:
            self.canvas.restore_region(self._background)

    def invalidate(self) -> None:
        """Force the static part to be drawn again on the next frame."""
        self._key = None


class SeriesCanvas(BlitCanvas):
    """Panels of time series for one or two runs (solid and dashed), with event markers.

    Sized in pixels (`resize`); the panels go in 2 or 3 columns, whichever suits the shape.
    """

    def __init__(self, panels: Sequence[Panel] = PANELS, runs: int = 1,
                 size_px: tuple[int, int] = (900, 600)):
        super().__init__((size_px[0] / 72, size_px[1] / 72), 72, layout="constrained")
        self.panels, self.runs = tuple(panels), runs
        self.size_px = tuple(size_px)
        self._marked: tuple = ()
        self._lengths: tuple = ()
        self._source: object = None
        self._build()

    def resize(self, size_px: tuple[int, int]) -> None:
        """Draw at a new pixel size (and maybe another grid of panels) from the next frame."""
        if tuple(size_px) != self.size_px:
            self.size_px = tuple(size_px)
            self.figure.set_size_inches(size_px[0] / 72, size_px[1] / 72)
            self.figure.clear()
            self._build()
            self._key = None

    def _grid(self) -> tuple[int, int]:
        n = len(self.panels)
        width, height = self.size_px
        cols = 3 if n > 4 and width > 1.25 * height else min(2, n)
        return cols, math.ceil(n / cols)

    def _build(self) -> None:
        cols, rows = self._grid()
        self.figure.get_layout_engine().set(w_pad=4 / 72, h_pad=4 / 72, hspace=0.02,
                                            wspace=0.02)
        with matplotlib.rc_context(STYLE):
            self.axes = list(np.atleast_1d(self.figure.subplots(rows, cols)).flat)
            for ax in self.axes[len(self.panels):]:
                ax.set_visible(False)
            self.lines = [[[ax.plot([], [], color=OKABE_ITO[c], animated=True,
                                    linestyle="-" if r == 0 else "--")[0]
                            for c in range(len(p.columns))] for r in range(self.runs)]
                          for ax, p in zip(self.axes, self.panels, strict=False)]
            self.marks = [[ax.add_collection(LineCollection([], colors=colour, linestyles=style,
                                                            linewidths=2.2, animated=True))
                           for colour, style in MARKER_STYLES[:self.runs]] for ax in self.axes]
            self.numbers = self.axes[0].text(0, 0.97, "", animated=True, fontsize=FONT,
                                             ha="center", va="top", fontweight="bold",
                                             bbox={"facecolor": "white", "edgecolor": "none",
                                                   "pad": 1},
                                             transform=self.axes[0].get_xaxis_transform())
            self.notes = [ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center",
                                  va="center", fontsize=FONT, color="#555555")
                          for ax in self.axes]
        self._rows, self._cols = rows, cols

    def _limits(self, runs: list[dict[str, np.ndarray]]) -> tuple:
        limits = []
        for panel in self.panels:
            values = [np.asarray(d[c]) for d in runs for col in panel.columns
                      if (c := resolve(col, d)) is not None]
            finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else []
            top = float(np.max(np.abs(finite))) if len(finite) else 0.0
            if panel.scale == "signed":
                hi = nice_ceiling(top, 0.05)
                limits.append((-hi, hi))
            else:
                limits.append((0.0, nice_ceiling(top, 5.0 if panel.scale == "count" else 1.0)))
        return tuple(limits)

    def _setup(self, runs: list[dict[str, np.ndarray]], lang: str, horizon: int,
               limits: tuple, title: str) -> None:
        for i, (ax, panel, (lo, hi), note) in enumerate(zip(self.axes, self.panels, limits,
                                                            self.notes, strict=False)):
            ax.set_xlim(0, horizon)
            ax.set_ylim(lo, hi * 1.04 if lo == 0 else hi)
            ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3, integer=True))
            ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
            ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
                lambda v, _, lang=lang: number(v, lang)))
            ax.set_title(t(f"measure.{panel.title}", lang), loc="left", pad=4)
            ax.set_xlabel(t("measure.week_axis", lang) if i // self._cols == self._rows - 1
                          or i + self._cols >= len(self.panels) else "", labelpad=0)
            ax.grid(True)
            present = [resolve(c, runs[0]) is not None for c in panel.columns]
            note.set_text("" if any(present) else t("ui.not_in_model", lang))
            handles = [Line2D([], [], color=OKABE_ITO[i], lw=5, label=t(f"measure.{c}", lang))
                       for i, c in enumerate(panel.columns) if present[i]]
            if ax.get_legend():
                ax.get_legend().remove()
            if handles:  # inside the axes, left out of the layout: the axes keep their width
                ax.legend(handles=handles, loc="upper left", frameon=True, framealpha=0.85,
                          edgecolor="none", handlelength=1.0, handletextpad=0.4,
                          borderaxespad=0.2, borderpad=0.2, labelspacing=0.15
                          ).set_in_layout(False)
            if panel.scale == "signed":
                ax.axhline(0, color="#222222", lw=1)
        self.figure.suptitle(title, fontsize=FONT + 2, fontweight="bold") if title else \
            self.figure.suptitle("")

    def render(self, runs: list[dict[str, np.ndarray]], markers: Sequence[Sequence[int]],
               lang: str, title: str = "", source: object = None) -> bytes:
        """One frame: every run's series so far and a line per event (one list per run).

        `source` names the runs (`Simulation.run`): when it changes, the lines are drawn
        from the start, even if the new runs are longer than the ones drawn last.
        """
        weeks = runs[0]["week"]
        horizon = week_horizon(int(weeks[-1]) if len(weeks) else 0)
        limits = self._limits(runs)
        present = tuple(resolve(c, runs[0]) for p in self.panels for c in p.columns)
        key = (lang, horizon, limits, present, title, self.size_px)
        lengths = tuple(len(d["week"]) for d in runs)
        marked = tuple(tuple(m) for m in markers)
        grown = (key == self._key and marked == self._marked and source == self._source
                 and len(lengths) == len(self._lengths)
                 and all(0 < a <= b for a, b in zip(self._lengths, lengths, strict=True)))
        if grown:  # the lines only grew: draw their new stretch on the last frame
            self._draw_lines(runs, [max(0, a - 1) for a in self._lengths])
            self._lengths = lengths
            return to_frame(self.canvas)
        if key != self._key:
            with matplotlib.rc_context(STYLE):
                self._setup(runs, lang, horizon, limits, title)
        self._draw_background(key)
        self._marked, self._lengths, self._source = marked, lengths, source
        self._draw_lines(runs, [0] * len(runs))
        for ax, marks, (lo, hi) in zip(self.axes, self.marks, limits, strict=False):
            for mark, weeks_of_run in zip(marks, markers, strict=False):
                mark.set_segments([[(w, lo), (w, hi * 1.04 if lo == 0 else hi)]
                                   for w in weeks_of_run])
                ax.draw_artist(mark)
        self._draw_numbers(markers)
        return to_frame(self.canvas)

    def _draw_lines(self, runs: list[dict[str, np.ndarray]], start: list[int]) -> None:
        """Every run's lines from row `start[run]` on (0: the whole line)."""
        for ax, panel, lines in zip(self.axes, self.panels, self.lines, strict=False):
            for r, data in enumerate(runs):
                for line, col in zip(lines[r], panel.columns, strict=True):
                    c = resolve(col, data)
                    if c:
                        line.set_data(data["week"][start[r]:], data[c][start[r]:])
                    else:
                        line.set_data([], [])
                    ax.draw_artist(line)

    def _draw_numbers(self, markers: Sequence[Sequence[int]]) -> None:
        """The events' numbers in the first panel, halfway up.

        Events in one week share a label; a label too close to the one before steps down.
        """
        ax = self.axes[0]
        last_right, row = -1e9, 0
        for week, label in marker_labels(markers):
            x = ax.transData.transform((week, 0))[0]
            row = row + 1 if x - last_right < 4 else 0
            self.numbers.set_text(label)
            self.numbers.set_x(week)
            self.numbers.set_y(0.62 - 0.16 * (row % 3))
            ax.draw_artist(self.numbers)
            box = self.numbers.get_window_extent(ax.figure.canvas.get_renderer())
            last_right = box.x1 if row == 0 else max(last_right, box.x1)


def marker_labels(markers: Sequence[Sequence[int]]) -> list[tuple[int, str]]:
    """(week, "1,2") per marked week: events numbered per run (A1, B1 with two runs)."""
    by_week: dict[int, list[str]] = {}
    for r, weeks in enumerate(markers):
        prefix = "AB"[r] if len(markers) > 1 else ""
        for i, week in enumerate(weeks, start=1):
            by_week.setdefault(int(week), []).append(f"{prefix}{i}")
    return [(week, ",".join(labels)) for week, labels in sorted(by_week.items())]


def number(x: float, lang: str) -> str:
    """A tick label: 0,5 in Dutch, 0.5 in English."""
    text = f"{x:g}"
    return text.replace(".", ",") if lang == "nl" else text


def titled_png(pngs: Sequence[bytes], title: str, subtitle: str = "") -> bytes:
    """PNG pictures stacked, under a title band: what the exports hand out."""
    images = [Image.open(io.BytesIO(p)).convert("RGB") for p in pngs if p]
    width = max((im.width for im in images), default=800)
    band = 2 * FONT + 40 if subtitle else FONT + 36
    height = band + sum(im.height for im in images)
    fig = Figure(figsize=(width / 72, height / 72), dpi=72, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    top = height - band
    for im in images:
        top -= im.height
        fig.figimage(np.asarray(im), xo=0, yo=top)
    fig.text(12 / width, 1 - 10 / height, title, fontsize=FONT + 6, fontweight="bold",
             va="top")
    if subtitle:
        fig.text(12 / width, 1 - (FONT + 22) / height, subtitle, fontsize=FONT, va="top")
    canvas.draw()
    return to_png(canvas)

