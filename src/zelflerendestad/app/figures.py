"""The app's pictures: time series, network and difference plots, drawn fast enough to play.

Simulation data -> canvases here -> PNG bytes -> the page. Matplotlib only (no chart library
that loads itself from a CDN). Each canvas draws its static part (axes, titles, ties, legends)
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
from .layout import city_layout, edge_segments

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000")
STATE_COLOURS = ("#C8C8C8", "#56B4E9", "#0072B2", "#D55E00")  # passive, engaged, active, burnt
MARKER_COLOUR = "#000000"
STYLE = {"font.size": 15, "axes.titlesize": 16, "axes.titleweight": "bold",
         "axes.labelsize": 14, "legend.fontsize": 12, "lines.linewidth": 2.6,
         "axes.edgecolor": "#222222", "axes.linewidth": 1.2, "grid.color": "#DDDDDD"}
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
    """The canvas's current pixels as PNG (fast compression: frames are shown, not stored)."""
    rgba = canvas.buffer_rgba()
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


class BlitCanvas:
    """A figure whose static part is cached and whose moving artists are drawn per frame."""

    def __init__(self, size: tuple[float, float], dpi: int):
        with matplotlib.rc_context(STYLE):
            self.figure = Figure(figsize=size, dpi=dpi, facecolor="white")
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
    """Panels of time series for one or two runs (solid and dashed), with event markers."""

    def __init__(self, panels: Sequence[Panel] = PANELS, runs: int = 1,
                 size: tuple[float, float] = (13.0, 8.0), dpi: int = 80):
        super().__init__(size, dpi)
        self.panels, self.runs = tuple(panels), runs
        cols = 3 if len(self.panels) > 2 else len(self.panels)
        rows = math.ceil(len(self.panels) / cols)
        with matplotlib.rc_context(STYLE):
            self.axes = list(np.atleast_1d(self.figure.subplots(rows, cols)).flat)
            for ax in self.axes[len(self.panels):]:
                ax.set_visible(False)
            self._margins(size, rows)
            self.lines = [[[ax.plot([], [], color=OKABE_ITO[c], animated=True,
                                    linestyle="-" if r == 0 else "--")[0]
                            for c in range(len(p.columns))] for r in range(runs)]
                          for ax, p in zip(self.axes, self.panels, strict=False)]
            self.marks = [ax.add_collection(LineCollection([], colors=MARKER_COLOUR,
                                                           linestyles=":", linewidths=1.8,
                                                           animated=True))
                          for ax in self.axes]
            self.numbers = self.axes[0].text(0, 0.97, "", animated=True, fontsize=12,
                                             ha="center", va="top",
                                             bbox={"facecolor": "white", "edgecolor": "none",
                                                   "pad": 1},
                                             transform=self.axes[0].get_xaxis_transform())
        self.notes = [ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center",
                              va="center", fontsize=13, color="#555555") for ax in self.axes]

    def _margins(self, size: tuple[float, float], rows: int) -> None:
        """Margins in inches (title above, ticks and legend below), whatever the size."""
        width, height = size
        top, bottom, gap = 0.42, 0.95, 1.25
        axes_height = (height - top - bottom - gap * (rows - 1)) / rows
        self.figure.subplots_adjust(left=0.78 / width, right=1 - 0.12 / width,
                                    top=1 - top / height, bottom=bottom / height,
                                    wspace=0.24, hspace=gap / axes_height)

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
               limits: tuple) -> None:
        for ax, panel, (lo, hi), note in zip(self.axes, self.panels, limits, self.notes,
                                             strict=False):
            ax.set_xlim(0, horizon)
            ax.set_ylim(lo, hi * 1.04 if lo == 0 else hi)
            ax.set_title(t(f"measure.{panel.title}", lang), loc="left")
            ax.grid(True)
            present = [resolve(c, runs[0]) is not None for c in panel.columns]
            note.set_text("" if any(present) else t("ui.not_in_model", lang))
            handles = [Line2D([], [], color=OKABE_ITO[i], lw=4,
                              label=t(f"measure.{c}", lang))
                       for i, c in enumerate(panel.columns) if present[i]]
            if ax.get_legend():
                ax.get_legend().remove()
            if handles:
                wide = len(handles) == 2 and sum(len(h.get_label()) for h in handles) > 34
                ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(-0.02, 0.0),
                          ncol=1 if wide else 2, frameon=False, handlelength=1.4, columnspacing=1.0,
                          borderaxespad=1.9)
            if panel.scale == "signed":
                ax.axhline(0, color="#222222", lw=1)
        for text in list(self.figure.texts):
            text.remove()
        self.figure.text(0.995, 0.005, t("measure.week_axis", lang) + " →", ha="right",
                         va="bottom", fontsize=13)

    def render(self, runs: list[dict[str, np.ndarray]], markers: Sequence[int],
               lang: str) -> bytes:
        """One frame: every run's series so far and a dotted line per marker week."""
        weeks = runs[0]["week"]
        horizon = week_horizon(int(weeks[-1]) if len(weeks) else 0)
        limits = self._limits(runs)
        present = tuple(resolve(c, runs[0]) for p in self.panels for c in p.columns)
        key = (lang, horizon, limits, present)
        if key != self._key:
            with matplotlib.rc_context(STYLE):
                self._setup(runs, lang, horizon, limits)
        self._draw_background(key)
        for ax, panel, lines, mark, (lo, hi) in zip(self.axes, self.panels, self.lines,
                                                    self.marks, limits, strict=False):
            for r, data in enumerate(runs):
                for line, col in zip(lines[r], panel.columns, strict=True):
                    c = resolve(col, data)
                    line.set_data(data["week"], data[c]) if c else line.set_data([], [])
                    ax.draw_artist(line)
            mark.set_segments([[(w, lo), (w, hi * 1.04 if lo == 0 else hi)] for w in markers])
            ax.draw_artist(mark)
        self._draw_numbers(markers)
        return to_png(self.canvas)

    def _draw_numbers(self, markers: Sequence[int]) -> None:
        ax = self.axes[0]
        for i, week in enumerate(markers, start=1):
            self.numbers.set_text(str(i))
            self.numbers.set_x(week)
            ax.draw_artist(self.numbers)


class NetworkCanvas(BlitCanvas):
    """The residents on their network, coloured by state; ties drawn once per network."""

    MODES = ("engagement", "learning", "commons")

    def __init__(self, size: tuple[float, float] = (7.0, 7.0), dpi: int = 80):
        super().__init__(size, dpi)
        with matplotlib.rc_context(STYLE):
            self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 0.86))
            self.ax.set_axis_off()
            self.ax.set_xlim(-1.05, 1.05)
            self.ax.set_ylim(-1.05, 1.05)
            self.ax.set_aspect("equal")
        self.within = self.ax.add_collection(LineCollection([], colors="#BBBBBB",
                                                            linewidths=0.4, alpha=0.5))
        self.across = self.ax.add_collection(LineCollection([], colors="#555555",
                                                            linewidths=0.5, alpha=0.6))
        self.nodes = None
        self._layout_for: int | None = None
        self.pos = np.zeros((0, 2))

    def _ensure_layout(self, neighbourhood: np.ndarray, is_connector: np.ndarray) -> None:
        if self._layout_for == neighbourhood.size and self.nodes is not None:
            return
        self.pos = city_layout(neighbourhood)
        if self.nodes is not None:
            self.nodes.remove()
        sizes = np.where(is_connector, 60.0, 9.0)
        self.nodes = self.ax.scatter(self.pos[:, 0], self.pos[:, 1], s=sizes, animated=True,
                                     linewidths=np.where(is_connector, 1.2, 0.0),
                                     edgecolors="#000000")
        self._layout_for = neighbourhood.size
        self._key = None

    def _legend(self, mode: str, lang: str, has_commons: bool) -> None:
        for text in list(self.figure.texts):
            text.remove()
        for legend in list(self.figure.legends):
            legend.remove()
        if mode == "engagement":
            names = ("passive", "engaged", "active", "burnt_out")
            handles = [Line2D([], [], marker="o", ls="", ms=11, color=c, label=t(f"ui.{n}", lang))
                       for c, n in zip(STATE_COLOURS, names, strict=True)]
        elif mode == "commons":
            handles = [Line2D([], [], marker="o", ls="", ms=11, color=c, label=t(f"ui.{n}", lang))
                       for c, n in ((STATE_COLOURS[0], "no_commons"),
                                    (OKABE_ITO[2], "commons_member"))]
            if not has_commons:
                self.figure.text(0.5, 0.5, t("ui.commons_missing", lang), ha="center",
                                 va="center", wrap=True, fontsize=13,
                                 bbox={"facecolor": "white", "alpha": 0.9})
        else:
            handles = [Line2D([], [], marker="o", ls="", ms=11, color=matplotlib.colormaps[
                "cividis"](v), label=f"{t('ui.knowledge_scale', lang)}: {v:.0%}")
                       for v in (0.0, 0.5, 1.0)]
        self.figure.text(0.01, 0.985, t("ui.connector_marker", lang), va="top", fontsize=12)
        self.figure.legend(handles=handles, loc="upper right", ncol=2, frameon=False,
                           bbox_to_anchor=(1.0, 1.0))

    def render(self, model: object, mode: str, lang: str) -> bytes:
        """One frame of `model`'s residents coloured by `mode`."""
        r = model.residents
        self._ensure_layout(r.neighbourhood, r.is_connector)
        membership = commons_membership(model)
        key = (id(model.network), mode, lang, membership is not None, r.neighbourhood.size)
        if key != self._key:
            within, across = edge_segments(model.network.adjacency, self.pos, r.neighbourhood)
            self.within.set_segments(within)
            self.across.set_segments(across)
            with matplotlib.rc_context(STYLE):
                self._legend(mode, lang, membership is not None)
        self._draw_background(key)
        self.nodes.set_facecolors(node_colours(model, mode, membership))
        self.ax.draw_artist(self.nodes)
        return to_png(self.canvas)


def engagement_state(residents: object) -> np.ndarray:
    """0 passive, 1 engaged, 2 active, 3 burnt out, per resident."""
    state = np.where(residents.engaged, 1, 0)
    state = np.where(residents.active, 2, state)
    return np.where(residents.burnt_out, 3, state)


def commons_membership(model: object) -> np.ndarray | None:
    """Per resident the index of their commons (-1: none), or None if the model has none.

    The commons mechanism is its own piece of work; this looks for a per-resident array under
    the names it is likely to use and stays silent until one exists.
    """
    for name in ("commons", "commons_id", "member_of"):
        arr = getattr(model.residents, name, None)
        if isinstance(arr, np.ndarray) and arr.shape == (model.residents.n,):
            return arr.astype(np.int64)
    return None


def node_colours(model: object, mode: str, membership: np.ndarray | None) -> np.ndarray:
    """RGBA colour per resident for the colour mode."""
    r = model.residents
    if mode == "learning":
        return matplotlib.colormaps["cividis"](np.clip(model.known, 0, 1))
    if mode == "commons":
        base = np.tile(matplotlib.colors.to_rgba(STATE_COLOURS[0]), (r.n, 1))
        if membership is not None:
            member = membership >= 0
            palette = np.array([matplotlib.colors.to_rgba(c) for c in OKABE_ITO[:7]])
            base[member] = palette[(2 + membership[member]) % len(palette)]
        return base
    palette = np.array([matplotlib.colors.to_rgba(c) for c in STATE_COLOURS])
    return palette[engagement_state(r)]
