"""The page's views: city and plots with the monitors, event log, commons table and export.

The images update in place each step (`live.py`); the components here re-render only when
something that changes rarely has changed: an event, the commons, the language or the mode.
"""

from __future__ import annotations

from collections.abc import Callable

import solara

from .commons_view import commons_events, commons_table, principle_legend
from .controls import changed_settings
from .event_text import detail
from .figures import titled_png
from .i18n import has, t
from .layout import Screen
from .live import LiveWidgets
from .session import Comparison
from .state import Frames, SessionState

MODES = ("engagement", "learning", "commons")


@solara.component
def MainViews(live: LiveWidgets, slow: solara.Reactive[int], state: SessionState, lang: str,
              mode: str, on_mode: Callable[[str], None], comparing: bool, compare_view: str,
              on_compare_view: Callable[[str], None], screen: Screen):
    """The city and the plots side by side (stacked on a narrow window), the monitors above.

    The images are `live` widgets updated in place each step; this component re-renders only
    when `slow` moves (an event, a change in the commons, a new language or mode).
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
    """Event log, markers and the commons table, under the city and the plots."""
    _ = slow.value
    sim = state.active(comparing)
    with solara.Div(style={"padding": "0 10px"}):
        if comparing and state.comparison is not None:
            Markers([state.comparison.a.markers(), state.comparison.b.markers()], lang)
        else:
            Markers([sim.markers()], lang)
        with solara.Columns([2, 3]):
            runs = ((state.comparison.a, state.comparison.b) if comparing and state.comparison
                    else (sim,))
            EventLog(log_lines(runs, lang), lang)
            CommonsTable(commons_table(sim.model, lang), lang,
                         t("ui.line_b", lang) if comparing else "")


@solara.component
def Markers(markers: list[list[tuple[int, str]]], lang: str):
    """The numbered legend of the marker lines (A1, B1, ... when two runs are compared)."""
    parts = []
    for r, run in enumerate(markers):
        prefix = "AB"[r] if len(markers) > 1 else ""
        parts += [f"{prefix}{i}: {t('ui.log_line', lang, week=w, text=_event_label(n, lang))}"
                  for i, (w, n) in enumerate(run, start=1)]
    if not parts:
        return
    note = f" ({t('ui.marker_legend', lang)})" if len(markers) > 1 else ""
    solara.Text(f"{t('ui.markers', lang)}{note} — " + " · ".join(parts), classes=["zs-markers"])


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


@solara.component
def EventLog(lines: list[str], lang: str):
    """A plain-language log, newest first."""
    with solara.Card(t("ui.event_log", lang), classes=["zs-card", "zs-view-log"]):
        if not lines:
            solara.Text(t("ui.event_log_empty", lang), classes=["zs-note"])
            return
        with solara.Column(gap="2px", classes=["zs-log"]):
            for line in reversed(lines[-60:]):
                solara.Text(line, classes=["zs-log-line"])


@solara.component
def CommonsTable(table: tuple[list[str], list[list[str]]] | None, lang: str, run: str = ""):
    """The commons with their design-principle scores and, for ended ones, why."""
    title = t("ui.commons", lang) + (f" ({run})" if run else "")
    with solara.Card(title, classes=["zs-card", "zs-view-commons"]):
        if table is None:
            solara.Text(t("ui.commons_missing", lang), classes=["zs-note"])
            return
        headers, rows = table
        if not rows:
            solara.Text(t("ui.commons_none_yet", lang), classes=["zs-note"])
            return
        rv = solara.v
        head = rv.Html(tag="thead", children=[rv.Html(tag="tr", children=[
            rv.Html(tag="th", children=[h]) for h in headers])])
        body = rv.Html(tag="tbody", children=[
            rv.Html(tag="tr", children=[rv.Html(tag="td", children=[c]) for c in row])
            for row in rows])
        rv.SimpleTable(children=[head, body], class_="zs-commons-table", dense=True)
        solara.Text(principle_legend(lang), classes=["zs-note"])


@solara.component
def ExportPanel(slow: solara.Reactive[int], state: SessionState, lang: str, comparing: bool):
    """Downloads: plots as PNG, data as CSV or Parquet, settings as a reproducible YAML.

    Each download is produced when clicked, from the run on screen at that moment. In compare
    mode the data hold both runs (column `run`: A or B) and each run has its own YAML. Reading
    `slow` re-renders the file names when a new scenario, setting or comparison starts.
    """
    _ = slow.value
    if comparing and state.comparison is not None:
        CompareExports(state.comparison, state.frames, lang)  # new comparison: re-render
        return
    stem = state.sim.file_stem()
    with solara.Card(t("ui.export", lang), classes=["zs-card", "zs-export"]):
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.FileDownload(lambda: titled_png([state.frames.series], export_title(
                                    state.sim, lang)), f"{stem}-plots.png",
                                label=t("ui.export_png", lang), mime_type="image/png")
            solara.FileDownload(lambda: titled_png([state.frames.network], export_title(
                                    state.sim, lang)), f"{stem}-network.png",
                                label=t("ui.export_network_png", lang), mime_type="image/png")
            _data_downloads(lambda: state.sim, stem, lang)
            solara.FileDownload(lambda: state.sim.export_yaml(), f"{stem}.yaml",
                                label=t("ui.export_yaml", lang), mime_type="text/yaml")
        solara.Text(t("ui.export_note", lang, file=f"{stem}.yaml"), classes=["zs-note"])


@solara.component
def CompareExports(c: Comparison, frames: Frames, lang: str):
    """Compare mode: the comparison plot, both runs' data in one file, a YAML per run."""
    stem = c.file_stem()
    files = {sim.role: f"{sim.file_stem()}.yaml" for sim in (c.a, c.b)}
    with solara.Card(t("ui.export", lang), classes=["zs-card", "zs-export"]):
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.FileDownload(lambda: compare_png(c, frames, lang), f"{stem}.png",
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


def compare_png(c: Comparison, frames: Frames, lang: str) -> bytes:
    """The comparison as one PNG: A and B, then B − A, under a title naming both."""
    title = t("ui.export_compare_title", lang, a=c.a.label, b=c.b.label, week=c.b.week,
              seed=c.seed)
    return titled_png([frames.compare, frames.difference], title,
                      t("ui.export_compare_sub", lang))
