"""The page's views: city and plots with the monitors, event log, commons table and export.

The images update in place each step (`live.py`), and so do the event log, the markers and
the commons table (their HTML, `BelowParts`); the components here re-render only when a new
run or comparison starts or the page does (language, colour mode, compare mode).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import solara

from .commons_view import commons_events, commons_table, principle_legend
from .controls import changed_settings
from .event_text import detail
from .figures import titled_png
from .i18n import has, t
from .layout import Screen
from .live import LiveWidgets
from .session import Comparison
from .state import SessionState

MODES = ("engagement", "learning", "commons")


@solara.component
def MainViews(live: LiveWidgets, slow: solara.Reactive[int], state: SessionState, lang: str,
              mode: str, on_mode: Callable[[str], None], comparing: bool, compare_view: str,
              on_compare_view: Callable[[str], None], screen: Screen):
    """The city and the plots side by side (stacked on a narrow window), the monitors above.

    The images are `live` widgets updated in place each step; this component re-renders only
    when `slow` moves (a new run or comparison) or with the page (language, mode, compare).
    """
    _ = slow.value
    direction = "row" if screen.wide else "column"
    with solara.Div(style={"display": "flex", "flex-direction": direction, "gap": "10px"}):
        with solara.Div(classes=["zs-view-network"], style={"width": f"{screen.city[0]}px"}):
            with solara.Div(classes=["zs-bar"]):
                solara.ToggleButtonsSingle(
                    value=mode, on_value=on_mode, classes=["zs-mode"],
                    children=[solara.Button(t(f"ui.colour_{m}", lang), value=m) for m in MODES])
            solara.Div(children=[live.city])
        with solara.Div(classes=["zs-view-timeseries"], style={"width": f"{screen.plots[0]}px"}):
            solara.Div(children=[live.monitors])
            if comparing and state.comparison is not None:
                with solara.Div(classes=["zs-bar"]):
                    solara.ToggleButtonsSingle(
                        value=compare_view, on_value=on_compare_view,
                        classes=["zs-compare-view"],
                        children=[solara.Button(t(f"ui.compare_{k}", lang), value=k)
                                  for k in ("runs", "difference")])
                    CompareLegend(state.comparison, lang)
                solara.Div(children=[live.difference if compare_view == "difference"
                                     else live.compare])
            else:
                solara.Div(children=[live.series])


@solara.component
def CompareLegend(c: Comparison, lang: str):
    """Which scenarios A and B are, what changed in B, and how their events are marked."""
    def name(sim: object) -> str:
        scenario = c.scenarios[sim.role]
        text = scenario.title(lang) if scenario is not None else sim.label
        changed = changed_settings(scenario.config if scenario else None, sim.config, lang)
        return f"{text} ({t('ui.changed', lang, what=changed)})" if changed else text

    solara.Text(f"{t('ui.line_a', lang)}: {name(c.a)}   ·   {t('ui.line_b', lang)}: {name(c.b)}",
                classes=["zs-compare-legend"])


@solara.component
def BelowTheFold(slow: solara.Reactive[int], state: SessionState, lang: str, comparing: bool):
    """Event log, markers and the commons table, under the city and the plots.

    Their content changes every few weeks while playing. Re-rendering this component for that
    made Solara reconcile the whole page (every control, some 1,000 widgets: 40-180 ms a time,
    the slowest Play ticks); instead their HTML goes into long-lived widgets each time `slow`
    moves, and the component itself re-renders only with the page (language, compare mode).
    """
    parts = solara.use_memo(BelowParts, [])
    run_b = t("ui.line_b", lang) if comparing else ""

    def follow():
        parts.show(below_html(state, lang, comparing))
        return slow.subscribe(lambda _: parts.show(below_html(state, lang, comparing)))

    solara.use_effect(follow, [state, lang, comparing])
    with solara.Div(style={"padding": "0 10px"}):
        solara.Div(children=[parts.markers])
        with solara.Columns([2, 3]):
            with solara.Card(t("ui.event_log", lang), classes=["zs-card", "zs-view-log"]):
                solara.Div(children=[parts.log])
            with solara.Card(t("ui.commons", lang) + (f" ({run_b})" if run_b else ""),
                             classes=["zs-card", "zs-view-commons"]):
                solara.Div(children=[parts.commons])


class BelowParts:
    """The widgets under the fold: markers, log, commons table, each one HTML string."""

    def __init__(self) -> None:
        self.markers = _html("zs-markers-box")
        self.log = _html("zs-log", "display: flex; flex-direction: column; gap: 2px")
        self.commons = _html("zs-commons-box")

    def show(self, html: dict[str, str]) -> None:
        """Put new HTML in (unchanged sends nothing)."""
        for name, text in html.items():
            widget = getattr(self, name)
            if widget.unsafe_innerHTML != text:
                widget.unsafe_innerHTML = text


def _html(css_class: str, style: str = "") -> solara.widgets.HTML:
    attributes = {"class": css_class, **({"style": style} if style else {})}
    return solara.widgets.HTML(tag="div", unsafe_innerHTML="", attributes=attributes)


def below_html(state: SessionState, lang: str, comparing: bool) -> dict[str, str]:
    """HTML of the markers, the log and the commons table for the run(s) on screen."""
    c = state.comparison if comparing else None
    runs = (c.a, c.b) if c is not None else (state.sim,)
    with runs[-1].lock:  # not halfway through a week another thread is stepping
        table = commons_table(runs[-1].model, lang)
    return {"markers": markers_html([sim.markers() for sim in runs], lang),
            "log": log_html(log_lines(runs, lang), lang), "commons": commons_html(table, lang)}


def markers_html(markers: list[list[tuple[int, str]]], lang: str) -> str:
    """The numbered legend of the marker lines (A1, B1, ... when two runs are compared)."""
    parts = []
    for r, run in enumerate(markers):
        prefix = "AB"[r] if len(markers) > 1 else ""
        parts += [f"{prefix}{i}: {t('ui.log_line', lang, week=w, text=_event_label(n, lang))}"
                  for i, (w, n) in enumerate(run, start=1)]
    if not parts:
        return ""
    note = f" ({t('ui.marker_legend', lang)})" if len(markers) > 1 else ""
    return _span("zs-markers", f"{t('ui.markers', lang)}{note} — " + " · ".join(parts))


def _span(css_class: str, text: str) -> str:
    return f'<span class="{css_class}">{escape(text)}</span>'


def _event_label(name: str, lang: str) -> str:
    key = f"event.{name}"
    return t(key, lang) if has(key) else name


def log_lines(runs: tuple, lang: str) -> list[str]:
    """Interventions (with their numbers) and commons events, oldest first, in plain words.

    With two runs (compare mode) each line says whether it happened in A or in B.
    """
    entries = []
    for sim in runs:
        prefix = f"{sim.role}: " if len(runs) > 1 else ""
        entries += [(week, prefix + detail(text, lang) if text else prefix
                     + _event_label(name, lang)) for week, name, text in sim.event_log()]
        with sim.lock:
            entries += [(week, prefix + text) for week, text in commons_events(sim.model, lang)]
    entries.sort(key=lambda e: e[0])
    return [t("ui.log_line", lang, week=week, text=text) for week, text in entries]


def log_html(lines: list[str], lang: str) -> str:
    """The log, newest first (the last 60 lines)."""
    if not lines:
        return _span("zs-note", t("ui.event_log_empty", lang))
    return "".join(_span("zs-log-line", line) for line in reversed(lines[-60:]))


def commons_html(table: tuple[list[str], list[list[str]]] | None, lang: str) -> str:
    """The commons with their design-principle scores and, for ended ones, why."""
    if table is None:
        return _span("zs-note", t("ui.commons_missing", lang))
    headers, rows = table
    if not rows:
        return _span("zs-note", t("ui.commons_none_yet", lang))
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return ('<div class="v-data-table v-data-table--dense theme--light zs-commons-table">'
            f'<div class="v-data-table__wrapper"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div></div>"
            + _span("zs-note", principle_legend(lang)))


@solara.component
def ExportPanel(slow: solara.Reactive[int], state: SessionState, lang: str, comparing: bool):
    """Downloads: plots as PNG, data as CSV or Parquet, settings as a reproducible YAML.

    Each download is produced when clicked, from the run on screen at that moment. In compare
    mode the data hold both runs (column `run`: A or B) and each run has its own YAML. Reading
    `slow` re-renders the file names when a new scenario, setting or comparison starts.
    """
    _ = slow.value
    if comparing and state.comparison is not None:
        CompareExports(state.comparison, state, lang)  # a new comparison re-renders
        return
    stem = state.sim.file_stem()
    with solara.Card(t("ui.export", lang), classes=["zs-card", "zs-export"]):
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.FileDownload(lambda: titled_png([state.pngs()[0]], export_title(
                                    state.sim, lang)), f"{stem}-plots.png",
                                label=t("ui.export_png", lang), mime_type="image/png")
            solara.FileDownload(lambda: titled_png([state.pngs()[1]], export_title(
                                    state.sim, lang)), f"{stem}-network.png",
                                label=t("ui.export_network_png", lang), mime_type="image/png")
            _data_downloads(lambda: state.sim, stem, lang)
            solara.FileDownload(lambda: state.sim.export_yaml(), f"{stem}.yaml",
                                label=t("ui.export_yaml", lang), mime_type="text/yaml")
        solara.Text(t("ui.export_note", lang, file=f"{stem}.yaml"), classes=["zs-note"])


@solara.component
def CompareExports(c: Comparison, state: SessionState, lang: str):
    """Compare mode: the comparison plot, both runs' data in one file, a YAML per run."""
    stem = c.file_stem()
    files = {sim.role: f"{sim.file_stem()}.yaml" for sim in (c.a, c.b)}
    with solara.Card(t("ui.export", lang), classes=["zs-card", "zs-export"]):
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.FileDownload(lambda: compare_png(state, lang), f"{stem}.png",
                                label=t("ui.export_compare_png", lang), mime_type="image/png")
            _data_downloads(lambda: c, stem, lang)
            for sim in (c.a, c.b):
                solara.FileDownload(sim.export_yaml, files[sim.role], mime_type="text/yaml",
                                    label=t("ui.export_yaml_run", lang, run=sim.role))
        solara.Text(t("ui.export_note_compare", lang, file_a=files["A"], file_b=files["B"]),
                    classes=["zs-note"])


def _data_downloads(source: Callable[[], object], stem: str, lang: str) -> None:
    """CSV and Parquet of whatever `source()` returns when clicked (a run or a comparison)."""
    solara.FileDownload(lambda: source().csv_bytes(), f"{stem}.csv",
                        label=t("ui.export_csv", lang), mime_type="text/csv")
    solara.FileDownload(lambda: source().parquet_bytes(), f"{stem}.parquet",
                        label=t("ui.export_parquet", lang))


def export_title(sim: object, lang: str) -> str:
    """The title over an exported picture: scenario, week and seed."""
    return t("ui.export_title", lang, scenario=sim.label, week=sim.week, seed=sim.config.run.seed)


def compare_png(state: SessionState, lang: str) -> bytes:
    """The comparison as one PNG: A and B, then B − A, under a title naming both."""
    c = state.comparison
    title = t("ui.export_compare_title", lang, a=c.a.label, b=c.b.label, week=c.b.week,
              seed=c.seed)
    runs, difference = state.compare_frames(lang)
    return titled_png([runs, difference], title, t("ui.export_compare_sub", lang))
