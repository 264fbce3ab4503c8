"""What one browser session holds: its city, its pictures and its comparison.

Page (one per browser session) -> `SessionState` (built in the page with `use_memo`, never at
module level) -> Simulation, canvases, Comparison. Solara-free, so tests and the benchmark can
drive exactly what the page drives.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from ..config.schema import CityConfig
from .city import CityCanvas
from .figures import PANELS, Panel, SeriesCanvas, to_png
from .library import Scenario, default_scenario, load_library
from .session import Comparison, Simulation

DIFF_PANELS = tuple(Panel(p.title, p.columns, "signed") for p in PANELS)


@dataclass
class Frames:
    """The latest live frame (JPEG) of each picture (the exports are PNGs: `SessionState.pngs`)."""

    series: bytes = b""
    network: bytes = b""
    compare: bytes = b""
    difference: bytes = b""


@dataclass
class SessionState:
    """One session's city and pictures."""

    library: list[Scenario]
    sim: Simulation
    series: SeriesCanvas = field(default_factory=SeriesCanvas)
    network: CityCanvas = field(default_factory=CityCanvas)
    compare_series: SeriesCanvas | None = None  # built when compare mode is first used
    difference: SeriesCanvas | None = None
    comparison: Comparison | None = None
    frames: Frames = field(default_factory=Frames)
    drawing: threading.RLock = field(default_factory=threading.RLock, repr=False)  # canvases

    @classmethod
    def create(cls, library: list[Scenario] | None = None) -> SessionState:
        """A fresh session on the default scenario of the library."""
        library = load_library() if library is None else library
        start = default_scenario(library)
        return cls(library, Simulation(start.config, start.label))

    def scenario(self, label: str) -> Scenario | None:
        """The library entry with this label."""
        return next((s for s in self.library if s.label == label), None)

    def load(self, label: str) -> str | None:
        """Restart on a scenario from the library; the load error if it has one."""
        found = self.scenario(label)
        if found is None or found.config is None:
            return found.error if found else label
        self.sim.reset(found.config, found.label)
        return None

    def start_comparison(self, a: str, b: str) -> str | None:
        """Set up A and B on the current seed; the load error of either if one fails."""
        sa, sb = self.scenario(a), self.scenario(b)
        for s in (sa, sb):
            if s is None or s.config is None:
                return s.error if s else "?"
        comparison = Comparison(sa.config, sb.config, self.sim.config.run.seed,
                                (sa.label, sb.label))
        comparison.scenarios = {"A": sa, "B": sb}
        self.show_comparison(comparison)
        return None

    def show_comparison(self, comparison: Comparison) -> None:
        """Draw `comparison` from now on (in compare mode), with its canvases built once."""
        self.comparison = comparison
        if self.compare_series is None:
            self.compare_series = SeriesCanvas(PANELS, runs=2, size_px=self.series.size_px)
            self.difference = SeriesCanvas(DIFF_PANELS, runs=2, size_px=self.series.size_px)

    def resize(self, series_px: tuple[int, int], city_px: tuple[int, int],
               compare_px: tuple[int, int]) -> None:
        """Draw every picture at the size the page has room for."""
        self.series.resize(series_px)
        self.network.resize(city_px)
        for canvas in (self.compare_series, self.difference):
            if canvas is not None:
                canvas.resize(compare_px)

    def step(self, weeks: int, comparing: bool) -> None:
        """Advance the city (or both compared cities)."""
        if comparing and self.comparison is not None:
            self.comparison.step(weeks)
        else:
            self.sim.step(weeks)

    def active(self, comparing: bool) -> Simulation:
        """The simulation that interventions and the event log refer to."""
        return self.comparison.b if comparing and self.comparison else self.sim

    def draw(self, lang: str, mode: str, comparing: bool, view: str = "runs") -> Frames:
        """Render the pictures for the current state.

        In compare mode only the plot on screen is drawn: `view` "runs" (A and B) or
        "difference" (B − A); the other one is drawn when it is shown or exported.
        """
        with self.drawing:
            if comparing and self.comparison is not None:
                c = self.comparison
                with c.a.lock, c.b.lock:
                    if view == "difference":
                        self.frames.difference = self._draw_difference(lang)
                    else:
                        self.frames.compare = self._draw_runs(lang)
                    self.frames.network = self.network.render(c.b.model, mode, lang)
                return self.frames
            with self.sim.lock:
                self.frames.series = self.series.render(
                    [self.sim.data()], [[w for w, _ in self.sim.markers()]], lang)
                self.frames.network = self.network.render(self.sim.model, mode, lang)
            return self.frames

    def pngs(self) -> tuple[bytes, bytes]:
        """The plots and the city as last drawn, lossless PNG: what the exports hand out.

        From the canvases, not the live frames, which are JPEG at a quality made for playing.
        """
        with self.drawing:
            return to_png(self.series.canvas), to_png(self.network.canvas)

    def compare_frames(self, lang: str) -> tuple[bytes, bytes]:
        """Both compare plots (A and B; B − A) as they are now, PNG: what the export hands out."""
        c = self.comparison
        with self.drawing, c.a.lock, c.b.lock:
            self._draw_runs(lang)
            self._draw_difference(lang)
            return to_png(self.compare_series.canvas), to_png(self.difference.canvas)

    def _markers(self) -> list[list[int]]:
        return [[w for w, _ in sim.markers()] for sim in (self.comparison.a, self.comparison.b)]

    def _draw_runs(self, lang: str) -> bytes:
        c = self.comparison
        return self.compare_series.render([c.a.data(), c.b.data()], self._markers(), lang,
                                          source=(c.a.run, c.b.run))

    def _draw_difference(self, lang: str) -> bytes:
        c = self.comparison
        return self.difference.render([c.difference()], self._markers(), lang,
                                      source=(c.a.run, c.b.run))

    def replace_config(self, config: CityConfig, comparing: bool = False) -> None:
        """Restart on a changed config (same scenario label).

        In compare mode the change is B's, and both runs restart together on its seed, so the
        comparison stays one of the same chance.
        """
        c = self.comparison
        if not (comparing and c is not None):
            self.sim.reset(config)
            return
        scenarios = c.scenarios
        self.comparison = Comparison(c.a.config, config, config.run.seed,
                                     (c.a.label, c.b.label))
        self.comparison.scenarios = scenarios
