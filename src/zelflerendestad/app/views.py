"""The right side of the page: plots, network, commons, event log, comparison and export.

The images update in place each step (`live.py`); the components here re-render only when
something that changes rarely has changed: an event, the commons, the language or the mode.
"""

from __future__ import annotations

from collections.abc import Callable

import ipyvuetify as v
import solara

from .commons_view import commons_events, commons_table, principle_legend
from .i18n import has, t
from .live import LiveWidgets
from .session import Comparison
from .state import Frames, SessionState

MODES = ("engagement", "learning", "commons")


@solara.component
def Views(live: LiveWidgets, slow: solara.Reactive[int], state: SessionState, lang: str,
          mode: str, on_mode: Callable[[str], None], comparing: bool):
    """Every view of the current city (or the comparison).

    The images are `live` widgets updated in place each step; this component re-renders only
    when `slow` moves (an event, a change in the commons, a new language or mode).
    """
    _ = slow.value
    sim = state.active(comparing)
    if comparing:
        CompareView(live, state.comparison, lang)  # a new pick is a new object: re-render
    else:
        with solara.Card(t("ui.timeseries", lang), classes=["zs-card", "zs-view-timeseries"]):
            solara.Div(children=[live.series])
            Markers(sim.markers(), lang)
    with solara.Columns([3, 2]):
        if not comparing:
            with solara.Card(t("ui.network", lang), classes=["zs-card", "zs-view-network"]):
                solara.ToggleButtonsSingle(
                    value=mode, on_value=on_mode, classes=["zs-colour-by"],
                    children=[solara.Button(t(f"ui.colour_{m}", lang), value=m) for m in MODES])
                solara.Div(children=[live.network])
        with solara.Column():
            EventLog(log_lines(sim, lang), lang)
            CommonsTable(commons_table(sim.model, lang), lang)


@solara.component
def Markers(markers: list[tuple[int, str]], lang: str):
    """The numbered legend of the dotted marker lines."""
    if not markers:
        return
    text = " · ".join(f"{i}: {t('ui.log_line', lang, week=w, text=_event_label(n, lang))}"
                      for i, (w, n) in enumerate(markers, start=1))
    solara.Text(f"{t('ui.markers', lang)} — {text}", classes=["zs-markers"])


def _event_label(name: str, lang: str, detail: str = "") -> str:
    key = f"event.{name}"
    if not has(key):
        return detail or name
    label = t(key, lang)
    return f"{label} ({detail})" if detail and lang == "en" else label


def log_lines(sim: object, lang: str) -> list[str]:
    """Interventions and commons events, oldest first, as plain-language lines."""
    entries = [(week, _event_label(name, lang, text)) for week, name, text in sim.event_log()]
    with sim.lock:
        entries += commons_events(sim.model, lang)
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
def CommonsTable(table: tuple[list[str], list[list[str]]] | None, lang: str):
    """The commons with their design-principle scores and, for ended ones, why."""
    with solara.Card(t("ui.commons", lang), classes=["zs-card", "zs-view-commons"]):
        if table is None:
            solara.Text(t("ui.commons_missing", lang), classes=["zs-note"])
            return
        headers, rows = table
        if not rows:
            solara.Text(t("ui.commons_none_yet", lang), classes=["zs-note"])
            return
        head = v.Html(tag="thead", children=[v.Html(tag="tr", children=[
            v.Html(tag="th", children=[h]) for h in headers])])
        body = v.Html(tag="tbody", children=[
            v.Html(tag="tr", children=[v.Html(tag="td", children=[c]) for c in row])
            for row in rows])
        v.SimpleTable(children=[head, body], class_="zs-commons-table")
        solara.Text(principle_legend(lang), classes=["zs-note"])


@solara.component
def CompareView(live: LiveWidgets, c: Comparison | None, lang: str):
    """A and B on one plot (solid and dashed) and the difference B − A."""
    if c is None:
        return
    with solara.Card(t("ui.compare", lang), classes=["zs-card", "zs-view-compare"]):
        solara.Text(t("ui.compare_note", lang, seed=c.seed), classes=["zs-note"])
        solara.Text(f"{t('ui.line_a', lang)}: {c.a.label}   ·   "
                    f"{t('ui.line_b', lang)}: {c.b.label}", classes=["zs-compare-legend"])
        solara.Div(children=[live.compare])
        solara.Text(t("ui.difference", lang), classes=["zs-section"])
        solara.Div(children=[live.difference])


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
            solara.FileDownload(lambda: state.frames.series, f"{stem}-plots.png",
                                label=t("ui.export_png", lang), mime_type="image/png")
            solara.FileDownload(lambda: state.frames.network, f"{stem}-network.png",
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
            solara.FileDownload(lambda: frames.compare, f"{stem}.png",
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
