"""The city as the room sees it: neighbourhoods as labelled blocks of a map, residents in them.

model -> `CityPlan` (placed once per city: a block per neighbourhood, a seat per resident, the
town hall for the officials) -> `CityCanvas.render` (per frame: residents' colours, the commons
as named circles with their health) -> a JPEG frame. Drawn in pixels at 72 dpi, so a 18 pt label
is 18 px on screen when the page shows the picture at its own size (it does: `page.py` asks for
the size it has room for).

Within a neighbourhood the ties are not drawn (at 2,000 residents they would grey out the
picture); the bridges between neighbourhoods are, in their own colour, since that is where
learning crosses over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from ..commons import COMMONS, eight
from ..population import THEMES
from .figures import OKABE_ITO, BlitCanvas, to_frame
from .i18n import t, theme

STATE_COLOURS = ("#D4D4D4", "#56B4E9", "#0072B2", "#D55E00")  # passive, engaged, active, burnt
PASSIVE_EDGE = "#8C8C8C"
BRIDGE_COLOUR = "#CC79A7"
BLOCK_COLOURS = ("#F3EFE4", "#E9F1E7")  # two light map tints, alternating
LEGEND_PX = 64  # the band above the map for the legend
HALL_PX = 50  # the town hall band under the map: a line of text, a row of officials
FONT = 18
HALO = [patheffects.withStroke(linewidth=4, foreground="white")]
MODES = ("engagement", "learning", "commons")


@dataclass
class CityPlan:
    """Where everything sits, in pixels of a `width` x `height` picture (y up)."""

    width: int
    height: int
    blocks: np.ndarray  # (k, 4): x0, y0, w, h of each neighbourhood's block
    seats: np.ndarray  # (n, 2): each resident's position
    cell: float  # the distance between neighbouring seats
    hall: np.ndarray  # (officials, 2): each official's position
    bridges: np.ndarray  # (b, 2, 2): the bridging ties as segments


def grid_shape(k: int, aspect: float) -> tuple[int, int]:
    """Columns and rows of a grid of `k` blocks that fills a `aspect` (w/h) area best."""
    best = (k, 1)
    for cols in range(1, k + 1):
        rows = math.ceil(k / cols)
        score = abs(math.log((cols / rows) / aspect)) + 0.25 * (cols * rows - k)
        if score < abs(math.log((best[0] / best[1]) / aspect)) + 0.25 * (best[0] * best[1] - k):
            best = (cols, rows)
    return best


def plan_city(neighbourhood: np.ndarray, officials: int, adjacency: object, width: int,
              height: int) -> CityPlan:
    """Blocks, seats and bridges for residents labelled by neighbourhood."""
    n = neighbourhood.size
    k = int(neighbourhood.max()) + 1 if n else 1
    top, bottom, margin, gap, label = LEGEND_PX, HALL_PX, 6, 26, FONT + 12  # gap: the street
    area_w, area_h = width - 2 * margin, height - top - bottom
    cols, rows = grid_shape(k, area_w / max(area_h, 1))
    bh = (area_h - (rows - 1) * gap) / rows
    blocks = []
    for i in range(k):
        row, col = divmod(i, cols)
        in_row = min(cols, k - row * cols)  # the last row's blocks share its whole width
        w = (area_w - (in_row - 1) * gap) / in_row
        blocks.append((margin + col * (w + gap), bottom + (rows - 1 - row) * (bh + gap), w, bh))
    blocks = np.array(blocks, dtype=float)
    counts = np.bincount(neighbourhood, minlength=k) if n else np.zeros(k, int)
    seats = np.zeros((n, 2))
    cell = float(max(width, height))
    order = np.argsort(neighbourhood, kind="stable")
    start = 0
    for b in range(k):
        m = int(counts[b])
        x0, y0, w, h = blocks[b]
        x0, w = x0 + 4, w - 8
        h_free = h - label - 6
        c = max(1, math.ceil(math.sqrt(m * w / max(h_free, 1)))) if m else 1
        r = max(1, math.ceil(m / c))
        step = min(w / c, h_free / r)
        cell = min(cell, step)
        rank = np.arange(m)
        xs = x0 + (w - step * c) / 2 + step * (rank % c + 0.5 + 0.25 * ((rank // c) % 2) - 0.125)
        ys = y0 + h - label - step * (rank // c + 0.5)
        seats[order[start:start + m]] = np.column_stack([xs, ys])
        start += m
    spacing = min(24.0, (width - 2 * margin - 20) / max(officials, 1))
    hall = np.column_stack([margin + 10 + np.arange(officials) * spacing,
                            np.full(officials, 11.0)])
    return CityPlan(width, height, blocks, seats, cell, hall,
                    bridge_segments(adjacency, seats, neighbourhood))


def bridge_segments(adjacency: object, seats: np.ndarray, neighbourhood: np.ndarray) -> np.ndarray:
    """The ties between residents of different neighbourhoods, as line segments."""
    if adjacency is None:
        return np.zeros((0, 2, 2))
    coo = adjacency.tocoo()
    keep = (coo.row < coo.col) & (neighbourhood[coo.row] != neighbourhood[coo.col])
    return np.stack([seats[coo.row[keep]], seats[coo.col[keep]]], axis=1)


def engagement_state(residents: object) -> np.ndarray:
    """0 passive, 1 engaged, 2 active, 3 burnt out, per resident."""
    state = np.where(residents.engaged, 1, 0)
    state = np.where(residents.active, 2, state)
    return np.where(residents.burnt_out, 3, state)


def commons_membership(model: object) -> np.ndarray | None:
    """Per resident the index of their initiative or commons (-1: none); None without commons."""
    arr = getattr(model.residents, "member_of", None)
    if isinstance(arr, np.ndarray) and arr.shape == (model.residents.n,):
        return arr.astype(np.int64)
    return None


def living_commons(model: object) -> list[dict]:
    """The organised, living commons: id, theme, neighbourhood, members and health."""
    state = getattr(model, "commons", None)
    c = getattr(state, "commons", None)
    if c is None:
        return []
    n = c.n
    alive = np.flatnonzero((c.stage[:n] == COMMONS) & (c.ended[:n] < 0))
    scores = eight(c.score[:n]) if n else np.zeros((0, 8))
    return [{"id": int(i), "theme": THEMES[int(c.theme[i])], "nbhd": int(c.nbhd[i]),
             "members": int(c.members[i]), "health": float(np.nanmean(scores[i])),
             "imposed": bool(c.imposed[i])} for i in alive]


def disc(radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Row and column offsets of the pixels of a disc."""
    r = math.ceil(radius)
    dy, dx = np.mgrid[-r:r + 1, -r:r + 1]
    keep = dx ** 2 + dy ** 2 <= radius ** 2 + 0.5
    return dy[keep], dx[keep]


def triangle(size: float) -> tuple[np.ndarray, np.ndarray]:
    """Offsets of an upward triangle `size` pixels wide, centred on its seat."""
    h = math.ceil(size * 0.9)
    dy, dx = np.mgrid[-h // 2:h - h // 2, -math.ceil(size / 2):math.ceil(size / 2) + 1]
    keep = np.abs(dx) <= (dy + h // 2 + 0.5) * size / (2 * h)
    return dy[keep], dx[keep]


def square(half: int) -> tuple[np.ndarray, np.ndarray]:
    """Offsets of a square of side 2 `half` + 1."""
    dy, dx = np.mgrid[-half:half + 1, -half:half + 1]
    return dy.ravel(), dx.ravel()


def to_pixels(points: np.ndarray, height: int) -> np.ndarray:
    """(row, column) of picture points (x right, y up) in the canvas buffer."""
    return np.column_stack([np.rint(height - points[:, 1]), np.rint(points[:, 0])]).astype(int)


def stamp(pixels: np.ndarray, at: np.ndarray, shape: tuple[np.ndarray, np.ndarray],
          colours: np.ndarray) -> None:
    """Paint `shape` at each (row, column) of `at` in `colours` (one, or one per point).

    Tens of times faster than a matplotlib scatter with a colour per point, and what keeps a
    frame of 2,000 residents within the Play tick's budget.
    """
    if not len(at):
        return
    dy, dx = shape
    rows = np.clip(at[:, :1] + dy, 0, pixels.shape[0] - 1)
    cols = np.clip(at[:, 1:] + dx, 0, pixels.shape[1] - 1)
    colours = np.broadcast_to(colours, (len(at), 3))
    pixels[rows, cols, :3] = colours[:, None, :]


KNOWLEDGE_FLOOR = 0.5  # beliefs are binary: 0.5 is what guessing knows


def node_colours(model: object, mode: str) -> np.ndarray:
    """RGBA colour per resident for the colour mode."""
    r = model.residents
    if mode == "learning":
        scaled = (np.asarray(model.known) - KNOWLEDGE_FLOOR) / (1 - KNOWLEDGE_FLOOR)
        return matplotlib.colormaps["cividis"](np.clip(scaled, 0, 1))
    if mode == "commons":
        base = np.tile(matplotlib.colors.to_rgba(STATE_COLOURS[0]), (r.n, 1))
        membership = commons_membership(model)
        if membership is not None:
            member = membership >= 0
            base[member] = commons_palette(membership[member])
        return base
    palette = np.array([matplotlib.colors.to_rgba(c) for c in STATE_COLOURS])
    return palette[engagement_state(r)]


def commons_palette(index: np.ndarray) -> np.ndarray:
    """A colour per commons index, cycling through the colour-blind-safe palette."""
    palette = np.array([matplotlib.colors.to_rgba(c) for c in OKABE_ITO[:7]])
    return palette[np.asarray(index) % len(palette)]


class CityCanvas(BlitCanvas):
    """The map of the city: blocks and bridges drawn once, residents and commons per frame."""

    def __init__(self, size_px: tuple[int, int] = (640, 640)):
        super().__init__((size_px[0] / 72, size_px[1] / 72), 72)
        self.size_px = size_px
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.plan: CityPlan | None = None
        self._plan_key: object = None
        self.stamps: dict = {}

    def resize(self, size_px: tuple[int, int]) -> None:
        """Draw at a new pixel size from the next frame on."""
        if tuple(size_px) != tuple(self.size_px):
            self.size_px = tuple(size_px)
            self.figure.set_size_inches(size_px[0] / 72, size_px[1] / 72)
            self._plan_key = None

    def _ensure_plan(self, model: object) -> None:
        r = model.residents
        key = (id(model.network), r.n, int(r.neighbourhood.max()) + 1, self.size_px)
        if key == self._plan_key:
            return
        w, h = self.size_px
        self.plan = plan_city(r.neighbourhood, model.officials.n, model.network.adjacency, w, h)
        self._plan_key = key
        self._key = None

    def _draw_map(self, model: object, mode: str, lang: str) -> None:
        """Blocks with names, bridges, the town hall and the legend (static per key)."""
        p, ax = self.plan, self.ax
        ax.clear()
        ax.set_axis_off()
        ax.set_xlim(0, p.width)
        ax.set_ylim(0, p.height)
        for b, (x0, y0, w, h) in enumerate(p.blocks):
            ax.add_patch(FancyBboxPatch((x0, y0), w, h, boxstyle="round,pad=0,rounding_size=8",
                                        facecolor=BLOCK_COLOURS[b % 2], edgecolor="#9C9279",
                                        linewidth=1.5))
            ax.text(x0 + 8, y0 + h - 6, t("ui.neighbourhood_name", lang, n=b + 1),
                    fontsize=FONT, fontweight="bold", va="top", ha="left", color="#3B3424")
        ax.add_collection(LineCollection(p.bridges, colors=BRIDGE_COLOUR, linewidths=0.7,
                                         alpha=0.25))
        self._bridge_bundles(model)
        ax.text(6, HALL_PX - 2, t("ui.town_hall", lang), fontsize=FONT - 2, va="top",
                ha="left")
        self._legend(mode, lang)
        radius = max(2.5, 0.42 * p.cell)
        self.stamps = {"dot": disc(radius), "ring": disc(radius - 1.2),
                       "hub": triangle(2.0 * radius + 3), "hub_in": triangle(2.0 * radius),
                       "hall": square(9), "hall_in": square(7)}

    def _bridge_bundles(self, model: object) -> None:
        """One band per pair of neighbourhoods, as thick as their bridges are many, numbered."""
        p, r = self.plan, model.residents
        adjacency = model.network.adjacency
        if adjacency is None:
            return
        coo = adjacency.tocoo()
        nb = r.neighbourhood
        keep = (coo.row < coo.col) & (nb[coo.row] != nb[coo.col])
        pairs = np.sort(np.column_stack([nb[coo.row[keep]], nb[coo.col[keep]]]), axis=1)
        if not len(pairs):
            return
        found, counts = np.unique(pairs, axis=0, return_counts=True)
        half = p.blocks[:, 2:] / 2
        centres = p.blocks[:, :2] + half
        widest = counts.max()
        for (a, b), count in zip(found, counts, strict=True):
            d = centres[b] - centres[a]
            # only the stretch between the two blocks, over the street: a bridge
            leave = min(half[a] / np.maximum(np.abs(d), 1e-9))
            enter = min(half[b] / np.maximum(np.abs(d), 1e-9))
            reach = 14 / max(np.hypot(*d), 1)
            (x1, y1) = centres[a] + d * max(0.0, leave - reach)
            (x2, y2) = centres[b] - d * max(0.0, enter - reach)
            self.ax.plot([x1, x2], [y1, y2], color=BRIDGE_COLOUR, alpha=0.9,
                         lw=3 + 9 * count / widest, solid_capstyle="round", zorder=3)
            self.ax.text((x1 + x2) / 2, (y1 + y2) / 2, str(count), fontsize=FONT - 2,
                         fontweight="bold", ha="center", va="center", zorder=4,
                         bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                               "edgecolor": BRIDGE_COLOUR, "linewidth": 2})

    def _legend(self, mode: str, lang: str) -> None:
        def dot(colour: str, label: str, marker: str = "o", edge: str = "none") -> Line2D:
            return Line2D([], [], marker=marker, ls="", ms=14, markerfacecolor=colour,
                          markeredgecolor=edge, label=label)

        if mode == "engagement":
            handles = [dot(c, t(f"ui.{n}", lang), edge=PASSIVE_EDGE if i == 0 else "none")
                       for i, (c, n) in enumerate(zip(STATE_COLOURS, (
                           "passive", "engaged", "active", "burnt_out"), strict=True))]
        elif mode == "commons":
            handles = [dot(STATE_COLOURS[0], t("ui.no_commons", lang), edge=PASSIVE_EDGE),
                       dot(OKABE_ITO[2], t("ui.commons_member", lang))]
        else:
            cmap = matplotlib.colormaps["cividis"]
            handles = [dot(matplotlib.colors.to_hex(cmap(v)), t(f"ui.knowledge_{k}", lang))
                       for v, k in ((0.0, "guess"), (0.5, "half"), (1.0, "all"))]
        handles += [dot("#FFFFFF", t("ui.connector", lang), marker="^", edge="#000000"),
                    Line2D([], [], color=BRIDGE_COLOUR, lw=3, label=t("ui.bridge", lang))]
        self.ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 1),
                       ncol=2 if mode == "commons" else 3,
                       frameon=False, fontsize=FONT - 2, handletextpad=0.3, columnspacing=0.9,
                       borderaxespad=0.2, labelspacing=0.2)

    def render(self, model: object, mode: str, lang: str) -> bytes:
        """One frame of `model`'s city coloured by `mode`."""
        self._ensure_plan(model)
        key = (self._plan_key, mode, lang)
        if key != self._key:
            self._draw_map(model, mode, lang)
        self._draw_background(key)
        p, r = self.plan, model.residents
        colours = (node_colours(model, mode)[:, :3] * 255).astype(np.uint8)
        pixels = np.asarray(self.canvas.buffer_rgba())
        seats = to_pixels(p.seats, p.height)
        ring = engagement_state(r) == 0 if mode == "engagement" else np.zeros(r.n, bool)
        edge = np.array(matplotlib.colors.to_rgb(PASSIVE_EDGE)) * 255
        stamp(pixels, seats[ring], self.stamps["dot"], edge.astype(np.uint8))
        stamp(pixels, seats[~ring], self.stamps["dot"], colours[~ring])
        stamp(pixels, seats[ring], self.stamps["ring"], colours[ring])
        hub = np.flatnonzero(r.is_connector)
        stamp(pixels, seats[hub], self.stamps["hub"], np.zeros(3, np.uint8))
        stamp(pixels, seats[hub], self.stamps["hub_in"], colours[hub])
        hall = to_pixels(p.hall, p.height)
        style = np.clip(np.asarray(model.officials.style), 0, 1)
        stamp(pixels, hall, self.stamps["hall"], np.zeros(3, np.uint8))
        stamp(pixels, hall, self.stamps["hall_in"], (matplotlib.colormaps["coolwarm_r"](
            style)[:, :3] * 255).astype(np.uint8))
        self._draw_commons(model, lang, mode)
        return to_frame(self.canvas)

    def _draw_commons(self, model: object, lang: str, mode: str) -> None:
        """Each living commons: a circle at its members' centre, its name, members, health."""
        membership = commons_membership(model)
        if membership is None:
            return
        p = self.plan
        for c in living_commons(model):
            where = p.seats[membership == c["id"]]
            if not len(where):
                continue
            centre = where.mean(axis=0)
            if mode == "commons":
                star = LineCollection([[centre, s] for s in where], colors="#333333",
                                      linewidths=0.6, alpha=0.6, animated=True)
                self.ax.add_collection(star)
                self.ax.draw_artist(star)
                star.remove()
            radius = p.cell * (1.5 + math.sqrt(c["members"]))
            health = c["health"] if math.isfinite(c["health"]) else 0.5
            ring = matplotlib.patches.Circle(
                centre, radius, facecolor=(*matplotlib.colormaps["RdYlGn"](health)[:3], 0.45),
                edgecolor="#000000", linewidth=2.0, animated=True)
            self.ax.add_patch(ring)
            self.ax.draw_artist(ring)
            ring.remove()
            side = "left" if centre[0] < p.width / 3 else (
                "right" if centre[0] > 2 * p.width / 3 else "center")
            x = centre[0] + {"left": -radius, "right": radius, "center": 0}[side]
            label = self.ax.text(x, centre[1] + radius + 2, t(
                "ui.commons_badge", lang, id=c["id"], theme=theme(c["theme"], lang),
                members=c["members"],
                health=f"{health:.2f}".replace(".", "," if lang == "nl" else ".")),
                fontsize=FONT - 2, fontweight="bold", ha=side, va="bottom",
                path_effects=HALO, animated=True)
            self.ax.draw_artist(label)
            label.remove()

    def inspect(self, model: object, x: float, y: float) -> dict | None:
        """What sits at picture pixel (x, y), y down as the browser counts.

        A commons (inside its circle) or a resident (the nearest within a seat's reach), or None.
        """
        if self.plan is None:
            return None
        p = self.plan
        point = np.array([x, p.height - y])
        membership = commons_membership(model)
        if membership is not None:
            for c in living_commons(model):
                where = p.seats[membership == c["id"]]
                if len(where) and np.hypot(*(where.mean(axis=0) - point)) < p.cell * (
                        1.5 + math.sqrt(c["members"])):
                    return {"kind": "commons", **c}
        distance = np.hypot(*(p.seats - point).T)
        nearest = int(np.argmin(distance)) if distance.size else -1
        if nearest < 0 or distance[nearest] > 1.5 * p.cell:
            return None
        r = model.residents
        return {"kind": "resident", "id": nearest, "nbhd": int(r.neighbourhood[nearest]),
                "state": ("passive", "engaged", "active", "burnt_out")[
                    int(engagement_state(r)[nearest])],
                "connector": bool(r.is_connector[nearest]),
                "motivation": float(r.motivation[nearest]),
                "ownership": float(r.ownership[nearest]),
                "trust": float(r.trust_gov[nearest]), "knowledge": float(model.known[nearest]),
                "commons": int(membership[nearest]) if membership is not None else -1}
