"""The model's event-log lines in the user's language, with every number they carry.

The model logs each intervention as one English line (`interventions.py`, e.g. "connector
programme invests in 40 residents, 11 real connectors"). `DETAILS` pairs each such line, as a
template, with its Dutch; `detail()` reads the numbers out of the English and puts them into the
Dutch. A test runs every event type through a model and fails when a line matches no template,
so a changed log line cannot silently fall back to English in a Dutch room.
"""

from __future__ import annotations

import re
from functools import cache

DETAILS: tuple[tuple[str, str], ...] = (
    ("vertical share set to {value}", "verticaal aandeel wordt {value}"),
    ("conditional subsidy programme starts", "subsidieprogramma met voorwaarden start"),
    ("subsidy programme stops", "subsidieprogramma stopt"),
    ("enforcement of rules starts", "handhaving van regels start"),
    ("enforcement of rules stops", "handhaving van regels stopt"),
    ("connector programme invests in {picked} residents, {real} real connectors",
     "kantelaarsprogramma investeert in {picked} inwoners, van wie {real} echte kantelaars"),
    ("reflection training starts for invested residents",
     "training in reflectie start voor de gekozen inwoners"),
    ("learning circle starts", "leerkring start"),
    ("learning circle stops", "leerkring stopt"),
    ("{count} connector(s) moved away, taking their bridging ties",
     "{count} kantelaar(s) verhuisd, met hun bruggen naar andere buurten"),
    ("urgency shock: +{size} of officials' time for {weeks} weeks",
     "urgentieschok: +{size} van de tijd van ambtenaren, {weeks} weken lang"),
    ("municipality imposes its rules on {count} commons",
     "gemeente legt {count} commons haar regels op"),
    ("municipality returns rule-making to {count} commons",
     "gemeente geeft {count} commons het maken van regels terug"),
    ("commons join a learning network of cities", "commons doen mee in een leernetwerk van steden"),
    ("the learning network stops", "het leernetwerk stopt"),
    ("payment {amount} starts for {count} residents until stopped",
     "betaling {amount} start voor {count} inwoners, tot een stop"),
    ("payment {amount} starts for {count} residents for {weeks} weeks",
     "betaling {amount} start voor {count} inwoners, {weeks} weken lang"),
    ("every payment stops", "alle betalingen stoppen"),
    ("fine {amount} starts for {count} residents until stopped",
     "boete {amount} start voor {count} inwoners, tot een stop"),
    ("fine {amount} starts for {count} residents for {weeks} weeks",
     "boete {amount} start voor {count} inwoners, {weeks} weken lang"),
    ("every fine stops", "alle boetes stoppen"),
    ("recognition {amount} starts for {count} residents until stopped",
     "erkenning {amount} start voor {count} inwoners, tot een stop"),
    ("recognition {amount} starts for {count} residents for {weeks} weeks",
     "erkenning {amount} start voor {count} inwoners, {weeks} weken lang"),
    ("every recognition stops", "alle erkenningen stoppen"),
    ("peer monitoring starts in {count} commons", "onderling toezicht start in {count} commons"),
    ("peer monitoring stops in {count} commons", "onderling toezicht stopt in {count} commons"),
    # played agents (participatory mode): one person's choice for one official or dwelling
    ("no official {k}", "geen ambtenaar {k}"),
    ("official {k} follows the model's rule again", "ambtenaar {k} volgt weer de regel"),
    ("official {k} plans desk {desk}, street {street}, learning {learning}",
     "ambtenaar {k} plant loket {desk}, straat {street}, leren {learning}"),
    ("no resident {i}", "geen bewoner {i}"),
    ("resident {i} contributes", "bewoner {i} draagt bij"),
    ("resident {i} free-rides", "bewoner {i} lift mee"),
    ("resident {i} follows the model again", "bewoner {i} volgt weer het model"),
    ("resident {i} cannot join initiative {k}", "bewoner {i} kan niet meedoen met initiatief {k}"),
    ("resident {i} joins initiative {k}", "bewoner {i} doet mee met initiatief {k}"),
    ("resident {i} leaves their initiative", "bewoner {i} stopt met het initiatief"),
    ("resident {i} is in no initiative to make rules for",
     "bewoner {i} zit in geen initiatief om regels voor te maken"),
    ("resident {i} helps make the rules of initiative {k}",
     "bewoner {i} praat mee over de regels van initiatief {k}"),
    ("resident {i} finds too few like-minded contacts to start with",
     "bewoner {i} vindt te weinig gelijkgestemden om mee te beginnen"),
    ("resident {i} starts initiative {k} with {n} founders",
     "bewoner {i} begint initiatief {k} met {n} oprichters"),
    ("connector {i} cannot connect with resident {j}",
     "kantelaar {i} kan geen contact leggen met bewoner {j}"),
    ("connector {i} makes a bridge to resident {j}",
     "kantelaar {i} slaat een brug naar bewoner {j}"),
    ("connector {i} makes a tie to resident {j}", "kantelaar {i} legt contact met bewoner {j}"),
    ("connector {i} finds no initiative {k}", "kantelaar {i} vindt geen initiatief {k}"),
    ("connector {i} supports initiative {k}", "kantelaar {i} steunt initiatief {k}"),
    ("connector {i} mediates in initiative {k}", "kantelaar {i} bemiddelt in initiatief {k}"),
    ("peer punishment starts", "onderling straffen start"),
    ("every peer punishment stops", "al het onderling straffen stopt"),
)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for english, dutch in DETAILS:
        parts = re.split(r"\{(\w+)\}", english)
        regex = "".join(re.escape(p) if i % 2 == 0 else rf"(?P<{p}>[-+]?\d+(?:\.\d+)?)"
                        for i, p in enumerate(parts))
        out.append((re.compile(f"^{regex}$"), dutch))
    return tuple(out)


# A targeted event's line ends in its scope: " (12 residents, 4 weeks)" (`interventions._scope`).
SCOPE = re.compile(r" \((?:(?P<count>\d+) residents)?(?:, )?(?:(?P<weeks>\d+) weeks)?\)$")


def _dutch_scope(found: re.Match[str]) -> str:
    parts = ([f"{found['count']} inwoners"] if found["count"] else []) + (
        [f"{found['weeks']} weken"] if found["weeks"] else [])
    return f" ({', '.join(parts)})"


def dutch_detail(english: str) -> str | None:
    """The Dutch of one English log line (numbers with a decimal comma), or None if unknown."""
    scope = SCOPE.search(english)
    suffix = ""
    if scope and (scope["count"] or scope["weeks"]):
        english, suffix = english[: scope.start()], _dutch_scope(scope)
    for pattern, dutch in _patterns():
        found = pattern.match(english)
        if found:
            values = {k: v.replace(".", ",") for k, v in found.groupdict().items()}
            return dutch.format(**values) + suffix
    return None


def detail(english: str, lang: str) -> str:
    """The log line in `lang`: English as the model wrote it, Dutch translated."""
    if lang != "nl":
        return english
    return dutch_detail(english) or english
