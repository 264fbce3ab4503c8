import pytest

from zelflerendestad.app.controls import (
    APP_MAX_RESIDENTS,
    InputRefused,
    control_specs,
    get_value,
    parse,
    to_text,
    with_setting,
)
from zelflerendestad.config.params import bounds
from zelflerendestad.config.schema import CityConfig

SPECS = {s.path: s for s in control_specs()}


def test_controls_cover_every_parameter_with_schema_bounds_and_key_flags():
    cfg = CityConfig()
    share = SPECS["municipality.vertical_share"]
    assert share.key and (share.lo, share.hi) == bounds(
        CityConfig.model_fields["municipality"].annotation.model_fields["vertical_share"])
    assert share.default == get_value(cfg, "municipality.vertical_share")
    assert not SPECS["officials.urgency_sd"].key
    assert "meta.name" not in SPECS and "interventions" not in SPECS
    assert SPECS["network.type"].kind == "choice" and "ring" in SPECS["network.type"].choices
    assert SPECS["municipality.adaptive.enabled"].kind == "bool"
    assert all(s.description for s in SPECS.values())


def test_help_text_comes_from_the_schema():
    text = SPECS["municipality.vertical_share"].help("en")
    assert "Share of steering effort" in text and "[0, 1]" in text


def test_dutch_help_text_has_the_same_unit_bounds_and_source():
    spec = SPECS["municipality.vertical_share"]
    dutch = spec.help("nl")
    assert dutch.startswith("Deel van de inzet van de gemeente") and "Share of" not in dutch
    assert dutch.endswith(f"(aandeel [0, 1]; [0, 1]; bron: {spec.source})")
    assert SPECS["commons.exits.base"].help("nl").endswith("; bron: aanname)")
    assert SPECS["commons.exits.base"].help("en").endswith("; source: assumption)")


def test_text_that_is_not_a_number_is_refused():
    with pytest.raises(InputRefused, match="geen getal"):
        parse(SPECS["municipality.vertical_share"], "veel", "nl")
    with pytest.raises(InputRefused, match="not a number"):
        parse(SPECS["municipality.vertical_share"], "nan", "en")


def test_a_fraction_for_a_whole_number_is_refused():
    with pytest.raises(InputRefused, match="whole number"):
        parse(SPECS["city.residents"], "500.5", "en")


def test_a_dutch_decimal_comma_is_accepted():
    assert parse(SPECS["municipality.vertical_share"], "0,3", "nl") == pytest.approx(0.3)


def test_out_of_range_is_refused_with_the_bounds():
    with pytest.raises(InputRefused, match=r"1\.5 .*\[0, 1\]"):
        with_setting(CityConfig(), SPECS["municipality.vertical_share"], "1.5", "en")


def test_cross_field_rules_of_the_schema_apply():
    with pytest.raises(InputRefused, match="even"):
        with_setting(CityConfig(), SPECS["network.mean_degree"], "7", "en")


def test_too_many_residents_for_a_live_app_is_refused():
    with pytest.raises(InputRefused, match="too heavy"):
        with_setting(CityConfig(), SPECS["city.residents"], str(APP_MAX_RESIDENTS + 1), "en")


def test_a_valid_value_gives_a_new_config_and_leaves_the_old_one():
    old = CityConfig()
    new = with_setting(old, SPECS["municipality.vertical_share"], "0.2", "nl")
    assert new.municipality.vertical_share == pytest.approx(0.2)
    assert old.municipality.vertical_share == pytest.approx(0.5)


def test_lists_round_trip_through_text():
    spec = SPECS["officials.order_shares"]
    text = to_text(get_value(CityConfig(), spec.path))
    new = with_setting(CityConfig(), spec, text, "en")
    assert new.officials.order_shares == CityConfig().officials.order_shares
    with pytest.raises(InputRefused, match="summing to 1"):
        with_setting(CityConfig(), spec, "0.5, 0.5, 0.5, 0.5", "en")


def test_a_network_too_heavy_to_draw_live_is_refused():
    """Each setting within its own cap, together too many ties (103 s for the first redraw)."""
    busy = with_setting(CityConfig(), SPECS["city.residents"], str(APP_MAX_RESIDENTS), "en")
    with pytest.raises(InputRefused, match="ties is too heavy"):
        with_setting(busy, SPECS["network.mean_degree"], "200", "en")
    assert with_setting(CityConfig(), SPECS["network.mean_degree"], "80", "en")
