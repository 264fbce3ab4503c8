"""Every string the workshop app shows, in Dutch (default) and English, in one table.

Trainers work in Dutch with the sources' own words (wakker worden, kantelaar,
gemeenschapskracht, commons); students may switch to English. Keys are grouped by prefix:
`ui.` for the page, `section.` and `param.` for the controls (parameter labels and their Dutch
help live in the catalogue beside the schema, `config/texts_nl.py`), `event.` for interventions and
log lines, `measure.` for plotted series, `commons.` for the commons table. A test checks that
every entry has both languages. A control's help text is the schema's English description
(with unit, bounds and source, see `controls.py`) or its Dutch translation in `HELP_NL`.
"""

from __future__ import annotations

from ..config.texts_nl import PARAM

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

UI: dict[str, tuple[str, str]] = {
    "title": ("Zelflerende stad", "Self-learning city"),
    "language": ("Taal", "Language"),
    "lang_nl": ("NL", "NL"),
    "lang_en": ("EN", "EN"),
    "week": ("Week {week}", "Week {week}"),
    "scenario": ("Scenario", "Scenario"),
    "no_description": ("(geen beschrijving)", "(no description)"),
    "reset": ("Opnieuw", "Reset"),
    "step": ("Stap", "Step"),
    "step10": ("+10 weken", "+10 weeks"),
    "play": ("Afspelen", "Play"),
    "pause": ("Pauze", "Pause"),
    "speed": ("Weken/tik", "Weeks/tick"),
    "settings": ("Instellingen", "Settings"),
    "advanced": ("Geavanceerd", "Advanced"),
    "settings_note": ("Een gewijzigde instelling start de stad opnieuw in week 0.",
                      "Changing a setting restarts the city at week 0."),
    "refused": ("Niet overgenomen: {message}", "Not applied: {message}"),
    "not_a_number": ("‘{text}’ is geen getal", "‘{text}’ is not a number"),
    "not_an_integer": ("‘{text}’ is geen geheel getal", "‘{text}’ is not a whole number"),
    "out_of_range": ("{value} ligt buiten [{lo}, {hi}]", "{value} is outside [{lo}, {hi}]"),
    "too_many_residents": ("meer dan {max} inwoners is te zwaar voor de live app",
                           "more than {max} residents is too heavy for the live app"),
    "too_many_ties": ("meer dan {max} banden is te zwaar voor de live app: kies minder inwoners "
                      "of minder banden per inwoner",
                      "more than {max} ties is too heavy for the live app: choose fewer "
                      "residents or fewer ties per resident"),
    "interventions": ("Ingrepen", "Interventions"),
    "interventions_note": ("Een ingreep werkt meteen en krijgt een markering in de grafieken.",
                           "An intervention acts at once and gets a marker in the plots."),
    "interventions_compare": ("In vergelijkmodus werkt een ingreep op scenario B.",
                              "In compare mode an intervention acts on scenario B."),
    "new_share": ("Nieuw verticaal aandeel", "New vertical share"),
    "views": ("Weergaven", "Views"),
    "colour_by": ("Kleur naar", "Colour by"),
    "colour_engagement": ("betrokkenheid", "engagement"),
    "colour_learning": ("kennis", "knowledge"),
    "colour_commons": ("commons", "commons"),
    "passive": ("passief", "passive"),
    "engaged": ("wakker", "engaged"),
    "active": ("actief", "active"),
    "burnt_out": ("opgebrand", "burnt out"),
    "no_commons": ("geen commons", "no commons"),
    "commons_member": ("lid van een initiatief", "member of an initiative"),
    "commons": ("Commons en ontwerpprincipes", "Commons and design principles"),
    "commons_missing": ("Dit model heeft geen commons.", "This model has no commons."),
    "commons_none_yet": ("Nog geen commons gevormd.", "No commons formed yet."),
    "event_log": ("Wat er gebeurde", "What happened"),
    "event_log_empty": ("Nog niets gebeurd.", "Nothing has happened yet."),
    "log_line": ("week {week}: {text}", "week {week}: {text}"),
    "markers": ("Markeringen", "Markers"),
    "not_in_model": ("nog niet in het model", "not in the model yet"),
    "compare": ("Vergelijken", "Compare"),
    "compare_on": ("Vergelijk A en B", "Compare A and B"),
    "compare_note": ("Zelfde stad, zelfde toeval (seed {seed}): het verschil komt van het "
                     "beleid, niet van geluk.",
                     "Same city, same chance (seed {seed}): the difference is the policy, "
                     "not luck."),
    "scenario_a": ("Scenario A", "Scenario A"),
    "scenario_b": ("Scenario B", "Scenario B"),
    "line_a": ("A (doorgetrokken)", "A (solid)"),
    "line_b": ("B (gestreept)", "B (dashed)"),
    "export": ("Bewaren", "Export"),
    "export_png": ("Grafieken (PNG)", "Plots (PNG)"),
    "export_network_png": ("Netwerk (PNG)", "Network (PNG)"),
    "export_compare_png": ("Vergelijking (PNG)", "Comparison (PNG)"),
    "export_csv": ("Gegevens (CSV)", "Data (CSV)"),
    "export_parquet": ("Gegevens (Parquet)", "Data (Parquet)"),
    "export_yaml": ("Instellingen (YAML)", "Settings (YAML)"),
    "export_yaml_run": ("Instellingen {run} (YAML)", "Settings {run} (YAML)"),
    "export_note": ("Met ‘zelflerendestad run {file}’ reken je precies deze run na.",
                    "‘zelflerendestad run {file}’ reproduces exactly this run."),
    "export_note_compare": ("De gegevens bevatten A én B (kolom ‘run’). Met ‘zelflerendestad "
                            "run {file_a}’ of ‘{file_b}’ reken je A of B precies na.",
                            "The data hold both A and B (column ‘run’). ‘zelflerendestad run "
                            "{file_a}’ or ‘{file_b}’ reproduces A or B exactly."),
    "scenario_error": ("Dit scenario laadt niet: {message}",
                       "This scenario does not load: {message}"),
    "intervention_error": ("Ingreep geweigerd: {message}", "Intervention refused: {message}"),
    "on": ("aan", "on"),
    "off": ("uit", "off"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "members": ("leden", "members"),
    "status": ("status", "status"),
    "reason": ("waarom opgeheven", "why dissolved"),
    "assumption": ("aanname", "assumption"),
    "neighbourhood_name": ("Buurt {n}", "Neighbourhood {n}"),
    "town_hall": ("Ambtenaren: rood verticaal, blauw horizontaal",
                  "Officials: red vertical, blue horizontal"),
    "knowledge_guess": ("kennis: gokken", "knowledge: guessing"),
    "knowledge_half": ("half", "half"),
    "knowledge_all": ("alles", "all"),
    "connector": ("kantelaar", "connector"),
    "resident": ("inwoner", "resident"),
    "bridge": ("bruggen", "bridges"),
    "commons_badge": ("{id} {theme} · {members} leden · {health}",
                      "{id} {theme} · {members} members · {health}"),
    "inspect_commons": ("Commons {id}: {theme}, buurt {nbhd}\n{members} leden, regels {rules}\n"
                        "gezondheid (gemiddelde P1–P8) {health}",
                        "Commons {id}: {theme}, neighbourhood {nbhd}\n{members} members, rules "
                        "{rules}\nhealth (mean of P1–P8) {health}"),
    "inspect_resident": ("{role} {id}, buurt {nbhd}: {state}\nmotivatie {motivation} · "
                         "eigenaarschap {ownership}\nvertrouwen in de overheid {trust} · "
                         "kennis {knowledge} · {commons}",
                         "{role} {id}, neighbourhood {nbhd}: {state}\nmotivation {motivation} · "
                         "ownership {ownership}\ntrust in government {trust} · knowledge "
                         "{knowledge} · {commons}"),
    "inspect_member": ("lid van initiatief {id}", "member of initiative {id}"),
    "inspect_no_member": ("geen lid van een initiatief", "not in an initiative"),
    "trust_monitor": ("vertrouwen", "trust"),
    "settings_b": ("Instellingen van B", "Settings of B"),
    "settings_note_b": ("In vergelijkmodus gelden instellingen voor B; A en B starten opnieuw "
                        "in week 0.",
                        "In compare mode settings apply to B; A and B restart at week 0."),
    "compare_runs": ("A en B", "A and B"),
    "compare_difference": ("Verschil B − A", "Difference B − A"),
    "marker_legend": ("gestippeld = ingreep in A, gestreept = ingreep in B",
                      "dotted = intervention in A, dashed = intervention in B"),
    "changed": ("aangepast: {what}", "changed: {what}"),
    "seed_source": ("brontekst {n}", "source text {n}"),
    "export_title": ("{scenario} · week {week} · toeval (seed) {seed}",
                     "{scenario} · week {week} · seed {seed}"),
    "export_compare_title": ("A: {a} · B: {b} · week {week} · toeval (seed) {seed}",
                             "A: {a} · B: {b} · week {week} · seed {seed}"),
    "export_compare_sub": ("boven: A doorgetrokken, B gestreept · onder: verschil B − A",
                           "top: A solid, B dashed · bottom: difference B − A"),
    "source": ("bron", "source"),
}

SECTION: dict[str, tuple[str, str]] = {
    "run": ("Run", "Run"),
    "city": ("Stad", "City"),
    "network": ("Netwerk", "Network"),
    "municipality": ("Gemeente", "Municipality"),
    "municipality.adaptive": ("Lerende gemeente", "Learning municipality"),
    "officials": ("Ambtenaren", "Officials"),
    "engagement": ("Wakker worden", "Waking up"),
    "residents": ("Inwoners", "Residents"),
    "trust": ("Vertrouwen", "Trust"),
    "incidents": ("Incidenten", "Incidents"),
    "learning": ("Leren", "Learning"),
    "programmes": ("Programma's", "Programmes"),
    "commons": ("Commons", "Commons"),
    "commons.formation": ("Commons: ontstaan", "Commons: formation"),
    "commons.cooperation": ("Commons: samenwerken", "Commons: cooperation"),
    "commons.monitoring": ("Commons: toezicht en sancties", "Commons: monitoring and sanctions"),
    "commons.conflict": ("Commons: conflicten", "Commons: conflict"),
    "commons.money": ("Commons: geld", "Commons: money"),
    "commons.rules": ("Commons: regels", "Commons: rules"),
    "commons.municipality": ("Commons en de gemeente", "Commons and the municipality"),
    "commons.capture": ("Commons: kaping door enkelen", "Commons: capture by a few"),
    "commons.exits": ("Commons: vertrek van leden", "Commons: members leaving"),
    "commons.scores": ("Commons: scores ontwerpprincipes", "Commons: design-principle scores"),
    "crowding": ("Verdringing van motivatie", "Motivation crowding"),
}

EVENT: dict[str, tuple[str, str]] = {
    "set_vertical_share": ("Verticaal aandeel wijzigen", "Change the vertical share"),
    "subsidy_start": ("Subsidie start", "Subsidy starts"),
    "subsidy_stop": ("Subsidie stopt", "Subsidy stops"),
    "enforcement_start": ("Handhaving start", "Enforcement starts"),
    "enforcement_stop": ("Handhaving stopt", "Enforcement stops"),
    "connector_programme": ("Investeer in kantelaars", "Invest in connectors"),
    "reflection_training": ("Train kantelaars in reflectie", "Train connectors in reflection"),
    "learning_circle_start": ("Leerkring start", "Learning circle starts"),
    "learning_circle_stop": ("Leerkring stopt", "Learning circle stops"),
    "connector_moves_away": ("Een kantelaar verhuist", "A connector moves away"),
    "urgency_shock": ("Urgentieschok (waan van de dag)", "Urgency shock"),
    "rules_imposed": ("Gemeente legt commons regels op", "Municipality imposes rules on commons"),
    "rules_returned": ("Regels terug aan de commons", "Rule-making back to the commons"),
    "learning_network_start": ("Leernetwerk start", "Learning network starts"),
    "learning_network_stop": ("Leernetwerk stopt", "Learning network stops"),
    "payment_offer": ("Betaling aanbieden", "Offer a payment"),
    "payment_stop": ("Betaling stopt", "Payment stops"),
    "fine_start": ("Boete start", "Fine starts"),
    "fine_stop": ("Boete stopt", "Fine stops"),
    "recognition_start": ("Erkenning start", "Recognition starts"),
    "recognition_stop": ("Erkenning stopt", "Recognition stops"),
    "peer_monitoring_start": ("Onderling toezicht start", "Peer monitoring starts"),
    "peer_monitoring_stop": ("Onderling toezicht stopt", "Peer monitoring stops"),
    "official_plan": ("Ambtenaar verdeelt de week", "Official splits the week"),
    "resident_choice": ("Keuze van een bewoner", "A resident's choice"),
    "connector_choice": ("Keuze van een kantelaar", "A connector's choice"),
    "peer_punishment_start": ("Onderling straffen start", "Peer punishment starts"),
    "peer_punishment_stop": ("Onderling straffen stopt", "Peer punishment stops"),
    "commons_organised": ("initiatief {id} ({theme}, buurt {nbhd}) wordt een commons",
                          "initiative {id} ({theme}, neighbourhood {nbhd}) becomes a commons"),
    "commons_ended": ("commons {id} ({theme}) houdt op: {reason}",
                      "commons {id} ({theme}) ends: {reason}"),
}

COMMONS: dict[str, tuple[str, str]] = {
    "id": ("nr", "no."),
    "theme": ("thema", "theme"),
    "neighbourhood": ("buurt", "neighbourhood"),
    "since": ("commons sinds week", "commons since week"),
    "members": ("leden", "members"),
    "rules": ("regels", "rules"),
    "status": ("status", "status"),
    "living": ("levend", "living"),
    "ended": ("opgeheven week {week}", "ended week {week}"),
    "co-decided": ("zelf bepaald", "co-decided"),
    "imposed": ("opgelegd", "imposed"),
    "none": ("geen", "none"),
    "why": ("waarom opgeheven (zwakste principe)", "why it ended (weakest principle)"),
    "principles": ("P1–P8: {names}", "P1–P8: {names}"),
    "boundaries": ("grenzen", "boundaries"),
    "congruence": ("passende regels", "congruent rules"),
    "collective_choice": ("samen beslissen", "collective choice"),
    "monitoring": ("toezicht", "monitoring"),
    "graduated_sanctions": ("getrapte sancties", "graduated sanctions"),
    "conflict_resolution": ("conflicten oplossen", "conflict resolution"),
    "recognition": ("erkenning", "recognition"),
    "nested": ("ingebed", "nested"),
    "members_moved_away": ("leden verhuisd", "members moved away"),
    "volunteer_burnout": ("vrijwilligers opgebrand", "volunteer burnout"),
    "lost_interest": ("interesse verloren", "lost interest"),
    "free_riding": ("meeliften", "free-riding"),
    "unresolved_conflict": ("onopgelost conflict", "unresolved conflict"),
    "overruled_by_imposed_rules": ("overruled door opgelegde regels",
                                   "overruled by imposed rules"),
    "harsh_sanctions": ("harde sancties", "harsh sanctions"),
    "captured_by_few": ("gekaapt door enkelen", "captured by a few"),
    "other": ("anders", "other"),
    "money_ran_out": ("geld op", "money ran out"),
    "never_organised": ("nooit georganiseerd", "never organised"),
}

THEME: dict[str, tuple[str, str]] = {  # the model names the commons' themes in Dutch
    "zorg": ("zorg", "care"),
    "energie": ("energie", "energy"),
    "groen": ("groen", "green space"),
    "veiligheid": ("veiligheid", "safety"),
    "ontmoeting": ("ontmoeting", "meeting place"),
    "voedsel": ("voedsel", "food"),
    "onderwijs": ("onderwijs", "education"),
}

MEASURE: dict[str, tuple[str, str]] = {
    "panel_engagement": ("Gemeenschapskracht", "Community strength"),
    "panel_learning": ("Leren", "Learning"),
    "panel_commons": ("Initiatieven en commons", "Initiatives and commons"),
    "panel_trust": ("Vertrouwen", "Trust"),
    "panel_inclusion": ("Inclusie", "Inclusion"),
    "panel_strain": ("Ambtenaren", "Officials"),
    "engaged_share": ("wakker", "engaged"),
    "active_share": ("actief", "active"),
    "knowledge_residents": ("kennis inwoners", "residents' knowledge"),
    "knowledge_code": ("kennis code", "the code's knowledge"),
    "learning_capacity": ("zelflerend vermogen", "learning capacity"),
    "living_commons": ("commons", "commons"),
    "initiatives_living": ("initiatieven", "initiatives"),
    "trust_government": ("in de overheid", "in government"),
    "trust_neighbours": ("in buren", "in neighbours"),
    "inclusion_neighbourhoods": ("tussen buurten", "between areas"),
    "inclusion_periphery": ("rand van het netwerk", "network's edge"),
    "officials_strain": ("spagaat", "strain"),
    "urgency": ("urgentie", "urgency"),
    "week_axis": ("week", "week"),
}

TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "ui": UI, "section": SECTION, "param": PARAM, "event": EVENT, "measure": MEASURE,
    "commons": COMMONS, "theme": THEME,
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for `key` ("table.name", e.g. "ui.step") in `lang`, formatted with `values`.

    An unknown key raises KeyError: a missing translation is a bug, never a blank on screen.
    """
    table, _, name = key.partition(".")
    text = TABLES[table][name][LANGUAGES.index(lang)]
    return text.format(**values) if values else text


def theme(name: str, lang: str) -> str:
    """A commons' theme in `lang` (as the model names it, if the table lacks it)."""
    return t(f"theme.{name}", lang) if has(f"theme.{name}") else name


def has(key: str) -> bool:
    """Whether the table has an entry for `key`."""
    table, _, name = key.partition(".")
    return name in TABLES.get(table, {})
