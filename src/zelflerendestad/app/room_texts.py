"""The room's words (issue 16): the projector, the phones and the debrief, Dutch first.

Registered in `i18n.TABLES` under the prefix `room.`, so `t("room.join", lang)` finds them and
the i18n tests check that each has both languages with the same placeholders. The roles' own
names and tasks come from the core (`room.roles.ROLES`), so they are said once.
"""

from __future__ import annotations

ROOM: dict[str, tuple[str, str]] = {
    # the trainer's start and the projector
    "start": ("Start een ruimte", "Start a room"),
    "start_note": ("Deelnemers spelen mee op hun telefoon; deze laptop is de beamer.",
                   "Participants play along on their phones; this laptop is the projector."),
    "scenario": ("Scenario van de ruimte", "The room's scenario"),
    "open": ("Open de ruimte", "Open the room"),
    "join_here": ("Doe mee: open {address} en typ de code",
                  "Join: open {address} and type the code"),
    "code": ("Code", "Code"),
    "participants": ("Deelnemers ({count})", "Participants ({count})"),
    "nobody_yet": ("Nog niemand: scan de QR-code.", "Nobody yet: scan the QR code."),
    "connected": ("verbonden", "connected"),
    "dropped": ("weg (het model speelt)", "gone (the model plays)"),
    "round": ("Ronde {round}", "Round {round}"),
    "next_round": ("Volgende ronde", "Next round"),
    "reveal": ("Laat zien wat elke rol ziet", "Show what each role sees"),
    "hide": ("Verberg wat elke rol ziet", "Hide what each role sees"),
    "close": ("Sluit de ruimte", "Close the room"),
    "closed": ("De ruimte is gesloten. Dank voor het meespelen!",
               "The room is closed. Thank you for playing!"),
    "debrief": ("Nabespreking", "Debrief"),
    "back_to_room": ("Terug naar de ruimte", "Back to the room"),
    "debrief_note": ("Lijn A: dezelfde stad en hetzelfde toeval, alleen door het model gespeeld. "
                     "Lijn B: de stad van de zaal.",
                     "Line A: the same city and the same chance, played by the model alone. "
                     "Line B: the room's city."),
    "export": ("Bewaar de ronde", "Save the round"),
    "export_yaml": ("Ronde (YAML + keuzes)", "Round (YAML + choices)"),
    "export_parquet": ("Keuzes en resultaten (Parquet)", "Choices and results (Parquet)"),
    "choices_so_far": ("Keuzes tot nu toe: {count}", "Choices so far: {count}"),
    "council_mix": ("Koers van de raad: {share} verticaal",
                    "The council's course: {share} vertical"),
    "no_votes": ("De raad heeft nog niet gestemd.", "The council has not voted yet."),
    "refused": ("Geweigerd: {message}", "Refused: {message}"),
    # the phone
    "phone_title": ("Speel mee", "Play along"),
    "enter_code": ("Code van de ruimte", "The room's code"),
    "your_name": ("Je naam (mag leeg)", "Your name (optional)"),
    "pick_role": ("Kies een rol (of laat de ruimte kiezen)",
                  "Pick a role (or let the room choose)"),
    "any_role": ("Maakt niet uit", "Any"),
    "join": ("Doe mee", "Join"),
    "you_are": ("Je bent {role}", "You are {role}"),
    "waiting": ("Wacht op de trainer…", "Waiting for the trainer…"),
    "paused": ("Pauze: even praten", "Paused: time to talk"),
    "sent": ("Doorgegeven in week {week}", "Sent in week {week}"),
    "leave": ("Stoppen", "Leave"),
    "hidden": ("De trainer laat dit later zien.", "The trainer will show this later."),
    "rejoin_note": ("Verbinding kwijt? Open dezelfde link opnieuw: je speelt verder.",
                    "Lost the connection? Open the same link again: you play on."),
    # council
    "vertical_share": ("Verticale inzet", "Vertical share"),
    "vertical_hint": ("Regels, loket en controle tegenover in de wijk meebewegen.",
                      "Rules, desk and control versus moving along in the streets."),
    "programmes": ("Programma's", "Programmes"),
    "prog_subsidy": ("Subsidie met voorwaarden", "Conditional subsidy"),
    "prog_enforcement": ("Handhaving", "Enforcement"),
    "prog_connector_programme": ("Investeer in kantelaars", "Invest in connectors"),
    "prog_learning_circle": ("Leerkring", "Learning circle"),
    "vote": ("Stem", "Vote"),
    "votes": ("{count} stemmen", "{count} votes"),
    # official
    "desk": ("Loket (de waan van de dag)", "Urgent desk"),
    "street": ("Straat", "Street"),
    "learning": ("Leren", "Learning"),
    "rest": ("de rest", "the rest"),
    "send_week": ("Zo verdeel ik mijn week", "This is how I split my week"),
    "strain": ("Jouw spagaat: {value}", "Your strain: {value}"),
    "urgency": ("Urgentie deze week: {value}", "Urgency this week: {value}"),
    # connector
    "connect_whom": ("Wie breng je met elkaar in contact?", "Whom do you connect?"),
    "connect": ("Verbind", "Connect"),
    "initiative": ("Initiatief", "Initiative"),
    "support": ("Steun", "Support"),
    "mediate": ("Bemiddel", "Mediate"),
    "no_initiatives": ("Nog geen initiatieven in je buurt.", "No initiatives near you yet."),
    # resident
    "my_initiative": ("Mijn initiatief: {name}", "My initiative: {name}"),
    "none": ("geen", "none"),
    "act_join": ("Doe mee", "Join"),
    "act_start": ("Begin een initiatief", "Start an initiative"),
    "act_leave": ("Stop ermee", "Leave it"),
    "act_contribute": ("Ik draag bij", "I contribute"),
    "act_free_ride": ("Ik lift mee", "I free-ride"),
    "act_follow_model": ("Laat het model kiezen", "Let the model decide"),
    "act_rule_making": ("Praat mee over de regels", "Help make the rules"),
    "engaged": ("Jij: {state}", "You: {state}"),
}
