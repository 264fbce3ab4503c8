import string

import pytest

from zelflerendestad.app.controls import control_specs
from zelflerendestad.app.i18n import LANGUAGES, PARAM, TABLES, has, t
from zelflerendestad.app.param_texts import PARAM_HELP
from zelflerendestad.config.events import EVENT_NAMES


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
    missing = [s.path for s in control_specs() if not has(f"param.{s.path}")]
    assert not missing, f"add labels to app/param_texts.py PARAM for {missing}"
    for spec in control_specs():
        nl, en = (spec.label(lang) for lang in LANGUAGES)
        assert nl.strip() and en.strip(), spec.path


def test_every_parameter_has_a_dutch_help_text():
    missing = [s.path for s in control_specs() if not PARAM_HELP.get(s.path, "").strip()]
    assert not missing, f"add Dutch help to app/param_texts.py PARAM_HELP for {missing}"


def test_no_label_or_help_for_a_parameter_the_schema_does_not_have():
    paths = {s.path for s in control_specs()}
    assert set(PARAM) <= paths
    assert set(PARAM_HELP) <= paths
