import dataclasses
import string

import pytest

from zelflerendestad.app.controls import control_specs
from zelflerendestad.app.i18n import LANGUAGES, PARAM, TABLES, has, t
from zelflerendestad.config import texts_nl
from zelflerendestad.config.schema import EVENT_NAMES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_entry_has_both_languages(table):
    for key, texts in TABLES[table].items():
        assert len(texts) == len(LANGUAGES), f"{table}.{key}"
        assert all(isinstance(x, str) and x.strip() for x in texts), f"{table}.{key} is empty"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_both_languages_take_the_same_placeholders(table):
    for key, (nl, en) in TABLES[table].items():
        assert _fields(nl) == _fields(en), f"{table}.{key}"


def test_lookup_formats_and_defaults_to_dutch():
    assert t("ui.week", week=3) == "Week 3"
    assert t("ui.step") == "Stap"
    assert t("ui.step", "en") == "Step"


def test_unknown_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        t("ui.no_such_text")


def test_every_intervention_has_a_label():
    assert all(has(f"event.{name}") for name in EVENT_NAMES)


def test_every_parameter_has_a_label_in_both_languages():
    for spec in control_specs():
        nl, en = (spec.label(lang) for lang in LANGUAGES)
        assert nl.strip() and en.strip(), spec.path


def test_the_dutch_catalogue_matches_the_schema():
    assert texts_nl.problems(control_specs()) == []


def test_the_catalogue_check_can_fail(monkeypatch):
    spec = next(s for s in control_specs() if s.path == "run.weeks")
    monkeypatch.setitem(texts_nl.HELP_NL, "run.weeks", "Aantal weken")
    monkeypatch.setitem(texts_nl.PARAM, "run.no_such_key", ("x", "x"))
    monkeypatch.delitem(texts_nl.HELP_NL, "run.seed")
    bad = texts_nl.problems(control_specs())
    assert "run.no_such_key: not a parameter of the schema" in bad
    assert "run.seed: no Dutch help in HELP_NL" in bad
    lost = dataclasses.replace(spec, description="Weeks to run, at most 520")
    assert "run.weeks: the Dutch help lacks ['520'] of the English" in texts_nl.problems([lost])


def test_numbers_are_read_with_comma_or_point():
    assert texts_nl.numbers("0,5 en 12 of 0.25") == {"0.5", "12", "0.25"}


def test_every_event_log_line_reads_in_dutch_with_its_numbers():
    from zelflerendestad.app.event_text import detail, dutch_detail
    from zelflerendestad.config import validate_mapping
    from zelflerendestad.model import CityModel

    model = CityModel(validate_mapping({"city": {"residents": 300}}))
    for _ in range(3):
        model.step()
    for name in EVENT_NAMES:
        extra = {"value": 0.3} if name == "set_vertical_share" else {}
        english = model.intervene({"event": name, **extra})
        assert dutch_detail(english) is not None, f"add {english!r} to event_text.DETAILS"
    line = "connector programme invests in 40 residents, 11 real connectors"
    assert detail(line, "nl") == ("kantelaarsprogramma investeert in 40 inwoners, van wie 11 "
                                  "echte kantelaars")
    assert detail("vertical share set to 0.30", "nl") == "verticaal aandeel wordt 0,30"
    assert detail(line, "en") == line
    assert dutch_detail("something the model says for the first time") is None
