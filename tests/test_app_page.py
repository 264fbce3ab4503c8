"""The page, driven without a browser through Solara's own render and widget tree."""

import time
from html.parser import HTMLParser

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from zelflerendestad.app.page import Page

from .conftest import write_app_scenarios


@pytest.fixture()
def configs(tmp_path, monkeypatch):
    write_app_scenarios(tmp_path, residents=300)
    monkeypatch.setenv("ZELFLERENDESTAD_CONFIGS", str(tmp_path))
    return tmp_path


@pytest.fixture()
def page(configs):
    box, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


JPEG = b"data:image/jpeg;base64,"  # a live frame, as the page gets it (`live.data_url`)


def click(rc, label):
    rc.find(v.Btn, children=[label]).widget.click()


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        if data.strip():
            self.parts.append(data)


def html_texts(markup):
    """The text of each element of an HTML string, in order."""
    parser = _Text()
    parser.feed(markup)
    return parser.parts


def texts(rc):
    """Every string shown in a `v.Html` (a solara.Text) or an HTML widget, however nested."""
    out = []

    def walk(widget):
        children = getattr(widget, "children", None) or []
        if isinstance(widget, v.Html) and children and isinstance(children[0], str):
            out.append(children[0])
        if isinstance(widget, solara.widgets.HTML) and widget.unsafe_innerHTML:
            out.extend(html_texts(widget.unsafe_innerHTML))
        for child in children:
            if isinstance(child, ipywidgets.Widget):
                walk(child)

    for widget in rc.find(v.Html).widgets + rc.find(solara.widgets.HTML).widgets:
        walk(widget)
    return out


def toggle(rc, css_class, value):
    rc.find(v.BtnToggle, class_=css_class).widget.v_model = value


def week(rc):
    return rc.find(v.Html, class_="zs-week").widget.children[0]


def images(rc):
    return {cls: w for w in rc.find(ipywidgets.Image).widgets for cls in w._dom_classes}


def text_field(rc, label):
    return rc.find(v.TextField, label=label).widget


def enter(field, text):
    field.v_model = text
    field.fire_event("keyup.enter", None)


def test_opens_in_dutch_at_week_zero_with_every_view_drawn(page):
    assert week(page) == "Week 0"
    page.find(v.Btn, children=["Stap"]).assert_single()
    shown = texts(page)
    for title in ("Scenario", "Ingrepen", "Instellingen", "Wat er gebeurde",
                  "Gemengde gemeente."):
        assert title in shown or page.find(children=[title]).widgets, title
    imgs = images(page)
    assert all(bytes(imgs[name].value).startswith(JPEG) for name in ("zs-series", "zs-network"))


def test_step_advances_the_week_and_redraws(page):
    before = images(page)["zs-series"].value
    click(page, "Stap")
    assert week(page) == "Week 1"
    click(page, "+10 weken")
    assert week(page) == "Week 11"
    assert images(page)["zs-series"].value != before


def test_english_switch_changes_the_labels(page):
    toggle(page, "zs-lang", 1)
    page.find(v.Btn, children=["Step"]).assert_single()
    assert not page.find(v.Btn, children=["Stap"]).widgets
    assert "What happened" in [w.children[0] for w in page.find(v.CardTitle).widgets]
    assert week(page) == "Week 0"
    toggle(page, "zs-lang", 0)
    page.find(v.Btn, children=["Stap"]).assert_single()


def test_choosing_a_scenario_shows_its_description_and_restarts(page):
    click(page, "Stap")
    page.find(v.Select, label="Scenario").widget.v_model = "scenarios/horizontal"
    assert "Zit op de handen." in texts(page)
    assert week(page) == "Week 0"
    field = text_field(page, "Verticaal aandeel")
    assert field.v_model == "0,1"


def test_the_picker_shows_the_description_in_the_chosen_language(page):
    page.find(v.Select, label="Scenario").widget.v_model = "scenarios/horizontal"
    assert "Zit op de handen." in texts(page) and "Sits on its hands." not in texts(page)
    toggle(page, "zs-lang", 1)
    assert "Sits on its hands." in texts(page) and "Zit op de handen." not in texts(page)
    toggle(page, "zs-lang", 0)
    assert "Zit op de handen." in texts(page)
    assert any("scenarios-horizontal-seed1.yaml" in s for s in texts(page))  # export names it


def help_text(rc, path):
    """The tooltip of the control for parameter `path`."""
    css = "zs-param-" + path.replace(".", "-")
    return next(w.children[0] for w in rc.find(v.Tooltip).widgets
                if css in w.v_slots[0]["children"][0].class_.split())


def test_advanced_labels_and_help_are_dutch_then_english(page):
    click(page, "▸ Geavanceerd")
    page.find(v.TextField, label="Omvang kernteam").assert_single()
    assert help_text(page, "commons.cooperation.core_team").startswith("Aantal bijdragers")
    toggle(page, "zs-lang", 1)
    page.find(v.TextField, label="Size of the core team").assert_single()
    assert help_text(page, "commons.cooperation.core_team").startswith("Contributors among")


def test_an_intervention_logs_and_marks_its_week(page):
    click(page, "+10 weken")
    before = images(page)["zs-series"].value
    click(page, "Subsidie start")
    shown = texts(page)
    assert "week 10: subsidieprogramma met voorwaarden start" in shown
    assert "Markeringen — 1: week 10: Subsidie start" in shown
    assert images(page)["zs-series"].value != before


def test_vertical_share_button_sends_the_slider_value(page):
    page.find(v.Slider).widget.v_model = 0.2
    click(page, "Verticaal aandeel wijzigen")
    assert "week 0: verticaal aandeel wordt 0,20" in texts(page)


def test_text_in_a_number_box_is_refused_and_the_city_keeps_running(page):
    click(page, "Stap")
    field = text_field(page, "Verticaal aandeel")
    enter(field, "veel")
    field = text_field(page, "Verticaal aandeel")
    assert field.error and "‘veel’ is geen getal" in field.messages[0]
    click(page, "Stap")
    assert week(page) == "Week 2"


def test_out_of_range_is_refused_with_the_bounds(page):
    field = text_field(page, "Verticaal aandeel")
    enter(field, "1.7")
    field = text_field(page, "Verticaal aandeel")
    assert field.error and "[0, 1]" in field.messages[0]


def test_a_valid_setting_restarts_the_city_with_it(page):
    click(page, "+10 weken")
    field = text_field(page, "Verticaal aandeel")
    enter(field, "0,25")
    assert week(page) == "Week 0"
    assert text_field(page, "Verticaal aandeel").v_model == "0,25"


def test_two_sessions_are_isolated(configs):
    _, one = solara.render(Page(), handle_error=False)
    _, two = solara.render(Page(), handle_error=False)
    click(one, "+10 weken")
    assert week(one) == "Week 10" and week(two) == "Week 0"
    one.close()
    two.close()


def test_play_steps_until_paused(page):
    toggle(page, "zs-speed", 3)
    click(page, "Afspelen")
    deadline = time.monotonic() + 60
    while week(page) == "Week 0" and time.monotonic() < deadline:
        time.sleep(0.05)
    click(page, "Pauze")
    reached = week(page)
    assert reached != "Week 0"
    time.sleep(1.0)
    assert week(page) == reached


def test_compare_mode_shows_both_runs_and_their_difference(page):
    page.find(v.Switch, label="Vergelijk A en B").widget.v_model = True
    page.find(v.Select, label="Scenario B").widget.v_model = "scenarios/horizontal"
    shown = texts(page)
    assert "A (doorgetrokken): Standaardstad   ·   B (gestreept): horizontal" in shown
    assert any(s.startswith("Zelfde stad, zelfde toeval") for s in shown)
    toggle(page, "zs-compare-view", 1)
    before = images(page)["zs-difference"].value
    click(page, "+10 weken")
    imgs = images(page)
    assert imgs["zs-difference"].value != before
    toggle(page, "zs-compare-view", 0)
    assert bytes(images(page)["zs-compare"].value).startswith(JPEG)


def test_a_setting_changed_while_comparing_restarts_both_with_it_in_b(page):
    page.find(v.Switch, label="Vergelijk A en B").widget.v_model = True
    click(page, "+10 weken")
    assert week(page) == "Week 10"
    page.find(v.CardTitle, children=["Instellingen van B"]).assert_single()
    enter(text_field(page, "Leercultuur (beschermde leertijd)"), "0,8")
    assert week(page) == "Week 0"
    assert ("A (doorgetrokken): Standaardstad   ·   B (gestreept): Standaardstad "
            "(aangepast: Leercultuur (beschermde leertijd) = 0,8)") in texts(page)
    assert text_field(page, "Leercultuur (beschermde leertijd)").v_model == "0,8"


def test_events_of_a_and_b_are_logged_and_marked_apart(page):
    page.find(v.Switch, label="Vergelijk A en B").widget.v_model = True
    click(page, "Subsidie start")
    shown = texts(page)
    assert "week 0: B: subsidieprogramma met voorwaarden start" in shown
    assert any(s.startswith("Markeringen (gestippeld = ingreep in A, gestreept = ingreep in B)"
                            " — B1: week 0: Subsidie start") for s in shown)


def test_the_commons_table_shows_every_commons_with_its_scores():
    from zelflerendestad.app.views import commons_html

    headers = ["nr", "thema", "P1", "P2"]
    rows = [["3", "groen", "0.61", "0.40"], ["5", "zorg <b>", "0.20", "–"]]
    markup = commons_html((headers, rows), "nl")
    assert html_texts(markup)[:12] == headers + ["3", "groen", "0.61", "0.40", "5",
                                                  "zorg <b>", "0.20", "–"]
    assert "<b>" not in markup  # escaped: a scenario's text cannot become markup
    assert markup.count("<td>") == 8 and markup.count("<th>") == 4
    assert "P1–P8" in html_texts(markup)[-1]
    assert html_texts(commons_html((headers, []), "nl")) == ["Nog geen commons gevormd."]


def test_export_offers_every_download(page):
    labels = {c for w in page.find(v.Btn).widgets for c in w.children if isinstance(c, str)}
    assert {"Grafieken (PNG)", "Netwerk (PNG)", "Gegevens (CSV)", "Gegevens (Parquet)",
            "Instellingen (YAML)"} <= labels


def test_compare_mode_exports_both_runs(page):
    page.find(v.Switch, label="Vergelijk A en B").widget.v_model = True
    page.find(v.Select, label="Scenario B").widget.v_model = "scenarios/horizontal"
    labels = {c for w in page.find(v.Btn).widgets for c in w.children if isinstance(c, str)}
    assert {"Vergelijking (PNG)", "Gegevens (CSV)", "Instellingen A (YAML)",
            "Instellingen B (YAML)"} <= labels
    assert "Instellingen (YAML)" not in labels
    assert any("kolom ‘run’" in s and "B-scenarios-horizontal-seed1.yaml" in s
               for s in texts(page))


def test_advanced_settings_open_on_request_and_work_like_the_key_ones(page):
    assert not page.find(v.TextField, label="Spreiding urgentie").widgets
    click(page, "▸ Geavanceerd")
    field = text_field(page, "Spreiding urgentie")
    enter(field, "0.9")
    assert "[0, 0,5]" in text_field(page, "Spreiding urgentie").messages[0]
    enter(text_field(page, "Spreiding urgentie"), "0.2")
    assert text_field(page, "Spreiding urgentie").v_model == "0,2"
