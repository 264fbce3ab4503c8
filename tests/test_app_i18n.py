import dataclasses
import functools
import re
import string

import pytest

from zelflerendestad.app.controls import control_specs
from zelflerendestad.app.i18n import LANGUAGES, TABLES, has, t
from zelflerendestad.config import texts_nl
from zelflerendestad.config.events import EVENT_NAMES, EVENTS_BY_NAME


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

    model = CityModel(validate_mapping({"city": {"residents": 300}}), seed=1)
    for _ in range(3):
        model.step()
    played = [{"event": "official_plan", "official": k, **split} for k, split in (
        (0, {"desk": 0.2, "street": 0.7, "learning": 0.1}), (0, {}), (99, {}))]
    played += [{"event": "resident_choice", "resident": i, "action": a, "commons": 0}
               for i in range(40) for a in ("start", "join", "contribute", "free_ride",
                                           "follow_model", "rule_making", "leave")]
    played += [{"event": "resident_choice", "resident": 999, "action": "leave"}]
    played += [{"event": "connector_choice", "resident": 1, "action": a, "other": o,
                "commons": c} for a, o, c in (("connect", 299, None), ("connect", 2, None),
                                              ("connect", 1, None), ("support", None, 0),
                                              ("mediate", None, 0), ("mediate", None, 99))]
    events = [{"event": name} for name in EVENT_NAMES if not EVENTS_BY_NAME[name].played]
    for event in [{"event": "set_vertical_share", "value": 0.3}, *events[1:], *played]:
        english = model.intervene(event)
        assert dutch_detail(english) is not None, f"add {english!r} to event_text.DETAILS"
    line = "connector programme invests in 40 residents, 11 real connectors"
    assert detail(line, "nl") == ("kantelaarsprogramma investeert in 40 inwoners, van wie 11 "
                                  "echte kantelaars")
    assert detail("vertical share set to 0.30", "nl") == "verticaal aandeel wordt 0,30"
    assert detail(line, "en") == line
    assert dutch_detail("something the model says for the first time") is None


# Words that may stand in a Dutch page although English also has them: names and loanwords.
ALLOWED_IN_DUTCH = {"commons", "seed", "yaml", "csv", "png", "parquet", "nederlands", "english",
                    "ostrom", "march", "bass", "centola", "macy", "solara", "playwright"}


def _words(texts) -> set[str]:
    out = set()
    for text in texts:
        plain = re.sub(r"\{\w+\}", " ", text)
        out |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", plain)}
    return out


# Words that may stand in an English page although only the Dutch texts have them: names.
ALLOWED_IN_ENGLISH = {"zelflerende", "stad", "nederlands", "english"}


@functools.cache
def _texts() -> tuple[list[str], list[str]]:
    """Every English and every Dutch string the app can show.

    The tables, the schema's descriptions and their Dutch help, the event lines, units,
    choices, scenario titles and descriptions.
    """
    from zelflerendestad.app.event_text import DETAILS
    from zelflerendestad.app.library import load_library

    specs = control_specs()
    english = [en for table in TABLES.values() for _, en in table.values()]
    english += [s.description for s in specs] + [en for en, _ in DETAILS]
    english += list(texts_nl.UNITS_NL) + [en for _, en in texts_nl.CHOICES.values()]
    english += [en for _, en in texts_nl.SCENARIO_TITLES.values()]
    english += [s.description("en") for s in load_library()]
    dutch = [nl for table in TABLES.values() for nl, _ in table.values()]
    dutch += list(texts_nl.HELP_NL.values()) + [nl for _, nl in DETAILS]
    dutch += list(texts_nl.UNITS_NL.values()) + [nl for nl, _ in texts_nl.CHOICES.values()]
    dutch += [nl for nl, _ in texts_nl.SCENARIO_TITLES.values()]
    dutch += [s.description("nl") for s in load_library()]
    return english, dutch


@functools.cache
def english_only_words() -> frozenset[str]:
    """Words of the app's English texts that none of its Dutch texts use (nor the allow-list):
    what may not appear on a Dutch page."""
    english, dutch = _texts()
    return frozenset(_words(english) - _words(dutch) - ALLOWED_IN_DUTCH)


@functools.cache
def dutch_only_words() -> frozenset[str]:
    """Words of the app's Dutch texts that none of its English texts use (nor the allow-list):
    what may not appear on an English page."""
    english, dutch = _texts()
    return frozenset(_words(dutch) - _words(english) - ALLOWED_IN_ENGLISH)


def english_in(text: str) -> list[str]:
    """The English-only words in a text meant to be Dutch (placeholders left out)."""
    return sorted({w for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", " ", text))
                   if w.lower() in english_only_words()})


def test_the_english_word_list_is_not_empty_and_catches_english():
    assert {"the", "share", "residents", "week"} - {"week"} <= english_only_words()
    assert english_in("Aandeel kantelaars (share [0, 1])") == ["share"]
    assert english_in("Verticaal aandeel wordt 0,30") == []


def test_the_dutch_word_list_is_not_empty_and_catches_dutch():
    assert {"bewoners", "aandeel", "gemeente", "het"} <= dutch_only_words()
    assert not {"week", "commons", "the"} & dutch_only_words()


def test_dutch_controls_have_no_english_but_their_citations():
    for spec in control_specs():
        text = spec.help("nl").rpartition("; bron: ")[0]  # a source is a citation: as written
        shown = " ".join([spec.label("nl"), text, spec.unit_text("nl"),
                          *(spec.choice_text(c, "nl") for c in spec.choices)])
        assert english_in(shown) == [], f"{spec.path}: {shown}"


def test_dutch_event_lines_and_scenarios_have_no_english():
    from zelflerendestad.app.event_text import DETAILS
    from zelflerendestad.app.library import load_library

    assert all(english_in(nl) == [] for _, nl in DETAILS)
    for scenario in load_library():
        assert english_in(scenario.title("nl") + " " + scenario.description("nl")) == [], \
            scenario.label


def test_every_commons_theme_reads_in_both_languages():
    from zelflerendestad.app.i18n import theme
    from zelflerendestad.population import THEMES

    assert all(has(f"theme.{name}") for name in THEMES)
    assert theme("groen", "en") == "green space" and theme("groen", "nl") == "groen"
