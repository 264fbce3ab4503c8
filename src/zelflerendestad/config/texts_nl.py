"""Dutch (and English) texts of every parameter, beside the schema: one catalogue by key path.

The schema (`schema.py`, `commons_schema.py`) holds each parameter's default, bounds, unit and
English description; this catalogue adds what a Dutch workshop sees: the label in both
languages (`PARAM`), the Dutch help (`HELP_NL`), the Dutch unit (`UNITS_NL`, keyed by the
schema's unit string) and the words for choice values (`CHOICES`). `problems()` checks it
against the schema: a parameter without a text, a key the schema does not have, a unit or a
choice without Dutch, or a number of the English description missing from the Dutch one.
"""

from __future__ import annotations

import re

PARAM: dict[str, tuple[str, str]] = {
    "run.weeks": ("Aantal weken", "Number of weeks"),
    "run.seed": ("Seed (toeval)", "Seed (chance)"),

    "city.residents": ("Inwoners", "Residents"),
    "city.neighbourhoods": ("Buurten", "Neighbourhoods"),
    "city.connector_share": ("Aandeel kantelaars", "Share of connectors (kantelaars)"),
    "city.turnover_rate": ("Verhuizingen per week", "Moves per week"),

    "network.type": ("Soort netwerk", "Network type"),
    "network.mean_degree": ("Banden per inwoner", "Ties per resident"),
    "network.rewire": ("Kans op omleggen van een band", "Rewiring probability"),
    "network.bridge_degree": ("Bruggen per inwoner", "Bridging ties per resident"),
    "network.connector_bridge_degree": ("Bruggen per kantelaar", "Bridging ties per connector"),

    "municipality.vertical_share": ("Verticaal aandeel", "Vertical share"),
    "municipality.effort": ("Inzet van de gemeente", "Municipal effort"),
    "municipality.learning_culture": ("Leercultuur (beschermde leertijd)",
                                      "Learning culture (protected learning time)"),
    "municipality.adaptive.enabled": ("Gemeente leert haar eigen mix",
                                      "Municipality learns its own mix"),
    "municipality.adaptive.interval": ("Weken tussen evaluaties", "Weeks between evaluations"),
    "municipality.adaptive.step": ("Stapgrootte van de mix", "Step of the mix"),
    "municipality.adaptive.observation_noise": ("Ruis op de waarneming", "Observation noise"),
    "municipality.adaptive.weight_engagement": ("Gewicht betrokkenheid", "Weight engagement"),
    "municipality.adaptive.weight_trust": ("Gewicht vertrouwen", "Weight trust"),
    "municipality.adaptive.weight_knowledge": ("Gewicht kennis", "Weight knowledge"),
    "municipality.adaptive.weight_incidents": ("Gewicht incidenten", "Weight incidents"),
    "municipality.adaptive.weight_commons": ("Gewicht commons", "Weight commons"),

    "officials.count": ("Aantal ambtenaren", "Number of officials"),
    "officials.urgency_mean": ("Waan van de dag", "Daily urgency (waan van de dag)"),
    "officials.urgency_sd": ("Spreiding urgentie", "Spread of urgency"),
    "officials.learning_share": ("Aandeel leertijd", "Share of learning time"),
    "officials.style_mean": ("Gemiddelde stijl (0 verticaal, 1 horizontaal)",
                             "Mean style (0 vertical, 1 horizontal)"),
    "officials.style_sd": ("Spreiding stijl", "Spread of style"),
    "officials.style_weight": ("Gewicht eigen stijl", "Weight of own style"),
    "officials.order_shares": ("Aandelen leiderschapsorde 1-4", "Shares of leadership order 1-4"),
    "officials.order_effect": ("Effect per orde 1-4", "Effect per order 1-4"),
    "officials.order_growth_rate": ("Groei naar een hogere orde", "Growth to a higher order"),
    "officials.strain_mismatch_weight": ("Gewicht stijlverschil in spagaat",
                                         "Weight of style mismatch in strain"),
    "officials.strain_rate": ("Snelheid van spanning (spagaat)", "Rate of strain (spagaat)"),
    "officials.street_strain": ("Spanning door straatwerk", "Strain from street work"),
    "officials.sick_leave_rate": ("Ziekteverzuim door spanning", "Sick leave from strain"),
    "officials.leave_rate": ("Vertrek door spanning", "Quitting from strain"),

    "engagement.initial_engaged": ("Wakker bij de start", "Engaged at the start"),
    "engagement.seeding": ("Waar de eerste wakkeren wonen", "Where the first engaged live"),
    "engagement.broadcast_rate": ("Wakker door programma's (p)", "Woken by programmes (p)"),
    "engagement.word_of_mouth_rate": ("Wakker door mond-tot-mond (q)",
                                      "Woken by word of mouth (q)"),
    "engagement.facilitation_gain": ("Versterking door faciliteren", "Boost by facilitation"),
    "engagement.contagion": ("Soort besmetting", "Kind of contagion"),
    "engagement.threshold_mean": ("Drempel (contacten)", "Threshold (contacts)"),
    "engagement.threshold_sd": ("Spreiding drempel", "Spread of threshold"),
    "engagement.reinforcement": ("Strengheid van de drempel", "Strictness of the threshold"),
    "engagement.connector_weight": ("Gewicht van een kantelaar", "Weight of a connector"),
    "engagement.receptivity_weight": ("Gewicht motivatie", "Weight of motivation"),
    "engagement.lapse_rate": ("Terugval naar passief", "Lapse to passive"),
    "engagement.activation_ownership": ("Eigenaarschap nodig voor actief",
                                        "Ownership needed to be active"),
    "engagement.certainty_relief": ("Rechtszekerheid verlaagt de drempel",
                                    "Legal certainty lowers the threshold"),

    "residents.motivation_mean": ("Intrinsieke motivatie", "Intrinsic motivation"),
    "residents.motivation_sd": ("Spreiding motivatie", "Spread of motivation"),
    "residents.ownership_initial": ("Eigenaarschap bij de start", "Ownership at the start"),
    "residents.ownership_gain": ("Groei eigenaarschap door erkenning",
                                 "Ownership gain by recognition"),
    "residents.ownership_procedure_loss": ("Verlies eigenaarschap door procedure",
                                           "Ownership loss by procedure"),
    "residents.ownership_decay": ("Terugzakken eigenaarschap", "Ownership decay"),
    "residents.programme_role_gain": ("Eigenaarschap door een rol in een programma",
                                      "Ownership from a programme role"),
    "residents.handover_load": ("Extra last als de gemeente terugtreedt",
                                "Extra load when the municipality steps back"),
    "residents.energy_drain": ("Energieverbruik vrijwilliger", "Volunteer energy drain"),
    "residents.lone_load": ("Extra last als je er alleen voor staat", "Extra load when alone"),
    "residents.trait_sd": ("Spreiding eigenaarschap en vertrouwen",
                           "Spread of ownership and trust"),
    "residents.energy_recovery": ("Herstel van energie", "Energy recovery"),
    "residents.burnout_level": ("Grens voor opbranden", "Burnout level"),

    "trust.initial_government": ("Vertrouwen in de overheid bij de start",
                                 "Trust in government at the start"),
    "trust.initial_neighbours": ("Vertrouwen in buren bij de start",
                                 "Trust in neighbours at the start"),
    "trust.presence_gain": ("Vertrouwen door aanwezigheid", "Trust from presence"),
    "trust.reliability_gain": ("Vertrouwen door betrouwbaarheid", "Trust from reliability"),
    "trust.procedure_loss": ("Verlies door procedure", "Loss from procedure"),
    "trust.incident_loss": ("Verlies per incident", "Loss per incident"),
    "trust.neighbour_rate": ("Vertrouwen in buren volgt betrokkenheid",
                             "Trust in neighbours follows engagement"),
    "trust.social_influence": ("Invloed van contacten op vertrouwen",
                               "Contacts' influence on trust"),
    "trust.presence_bias": ("Hulp gaat naar wie al actief is", "Help flows to the already active"),

    "incidents.rate": ("Kans op incident", "Incident probability"),
    "incidents.control_reduction": ("Incidenten voorkomen door controle",
                                    "Incidents prevented by control"),
    "incidents.base_rate": ("Kans op incident per inwoner", "Incident probability per resident"),
    "incidents.collective_efficacy": ("Incidenten voorkomen door actieve buren",
                                      "Incidents prevented by active neighbours"),

    "learning.dimensions": ("Dimensies van ‘wat werkt’", "Dimensions of ‘what works’"),
    "learning.socialisation_rate": ("Leren van de code (socialisatie)",
                                    "Learning from the code (socialisation)"),
    "learning.code_learning_rate": ("Code leert van inwoners", "Code learns from residents"),
    "learning.peer_learning_rate": ("Leren van elkaar", "Learning from each other"),
    "learning.experiment_rate": ("Uitproberen", "Experimenting"),
    "learning.turbulence": ("Verandering van ‘wat werkt’ (turbulentie)",
                            "Change of ‘what works’ (turbulence)"),
    "learning.capacity_initial": ("Zelflerend vermogen bij de start",
                                  "Learning capacity at the start"),
    "learning.capacity_sd": ("Spreiding zelflerend vermogen", "Spread of learning capacity"),
    "learning.reflection_gain": ("Groei door reflectietraining", "Gain from reflection training"),
    "learning.reflection_spread": ("Doorgeven van reflectie", "Spread of reflection"),
    "learning.circle_rate": ("Opbrengst van de leerkring", "Yield of the learning circle"),

    "programmes.connector_programme_size": ("Omvang kantelaarsprogramma",
                                            "Size of the connector programme"),
    "programmes.investment_ownership": ("Eigenaarschap door investering",
                                        "Ownership from investment"),
    "programmes.subsidy_relief": ("Ontlasting door subsidie", "Relief by subsidy"),
    "programmes.subsidy_procedure": ("Procedure van subsidie", "Procedure of subsidy"),
    "programmes.enforcement_control": ("Controle door handhaving", "Control by enforcement"),

    "commons.enabled": ("Initiatieven en commons aan", "Initiatives and commons on"),
    "commons.formation.initiative_rate": ("Kans dat een actieve inwoner een initiatief start",
                                          "Chance an active resident starts an initiative"),
    "commons.formation.connector_gain": ("Startvoordeel door kantelaar",
                                         "Start boost from a connector"),
    "commons.formation.min_founders": ("Minimum aantal initiatiefnemers", "Minimum founders"),
    "commons.formation.max_founders": ("Maximum aantal initiatiefnemers", "Maximum founders"),
    "commons.formation.connector_recruits": ("Mensen die een kantelaar erbij haalt",
                                             "People a connector brings in"),
    "commons.formation.join_rate": ("Kans om aan te sluiten", "Chance to join"),
    "commons.formation.cross_theme_join": ("Aansluiten buiten je eigen verlangen",
                                           "Joining outside one's own desire"),
    "commons.formation.recruit_half": ("Bijdragers voor halve aantrekkingskracht",
                                       "Contributors for half the pull"),
    "commons.formation.organise_rate": ("Kans om een commons te worden",
                                        "Chance to become a commons"),
    "commons.formation.min_members": ("Minimum aantal leden", "Minimum members"),
    "commons.formation.organise_deadline": ("Weken om zich te organiseren", "Weeks to organise"),
    "commons.formation.start_money": ("Startgeld", "Start money"),
    "commons.cooperation.base": ("Basiskans op bijdragen", "Base chance to contribute"),
    "commons.cooperation.motivation_weight": ("Bijdragen door motivatie",
                                              "Contribution from motivation"),
    "commons.cooperation.legitimacy_weight": ("Bijdragen door samen beslissen",
                                              "Contribution from collective choice"),
    "commons.cooperation.deterrence_weight": ("Bijdragen door afschrikking",
                                              "Contribution from deterrence"),
    "commons.cooperation.conditional_weight": ("Minder bijdragen door meeliften",
                                               "Less contribution from free-riding"),
    "commons.contribution.mode": ("Bijdragen: wel/niet of een bedrag",
                                  "Contributing: yes/no or an amount"),
    "commons.contribution.conditional_share": ("Aandeel voorwaardelijke samenwerkers",
                                               "Share of conditional cooperators"),
    "commons.contribution.free_rider_share": ("Aandeel meelifters", "Share of free riders"),
    "commons.contribution.hump_share": ("Aandeel bultvormig", "Share hump-shaped"),
    "commons.contribution.matching": ("Hoeveel voorwaardelijke samenwerkers volgen",
                                      "How far conditional cooperators match"),
    "commons.contribution.belief_weight": ("Gewicht van het oude beeld",
                                           "Weight of the old belief"),
    "commons.contribution.initial_belief": ("Beeld bij aanvang", "Initial belief"),
    "commons.contribution.motivation_reference": ("Motivatie zonder effect op de bijdrage",
                                                  "Motivation with no effect on the amount"),
    "commons.cooperation.core_team": ("Omvang kernteam", "Size of the core team"),
    "commons.cooperation.task_drain": ("Extra last bij een te klein kernteam",
                                       "Extra load when the core team is short"),
    "commons.cooperation.value_per_contribution": ("Publieke waarde per bijdrage",
                                                   "Public value per contribution"),
    "commons.cooperation.participation_base": ("Kans om mee te beslissen over regels",
                                               "Chance to join rule-making"),
    "commons.cooperation.participation_motivation": ("Meebeslissen door motivatie",
                                                     "Rule-making from motivation"),
    "commons.cooperation.ownership_gain": ("Eigenaarschap door bijdragen",
                                           "Ownership from contributing"),
    "commons.monitoring.enabled": ("Onderling toezicht mogelijk", "Peer monitoring possible"),
    "commons.monitoring.peer_detection": ("Kans dat leden meeliften zien",
                                          "Chance members spot free-riding"),
    "commons.monitoring.visible_group": ("Groep die elkaar nog ziet",
                                         "Group that still sees each other"),
    "commons.monitoring.external_detection": ("Pakkans bij handhaving", "Detection by enforcement"),
    "commons.monitoring.monitoring_adoption": ("Kans op regels met toezicht",
                                               "Chance rules include monitoring"),
    "commons.monitoring.graduated_adoption": ("Kans op getrapte sancties",
                                              "Chance of graduated sanctions"),
    "commons.monitoring.graduated_steps": ("Overtredingen tot volle sanctie",
                                           "Offences to full sanction"),
    "commons.monitoring.deterrence_decay": ("Vergeten van sancties", "Fading memory of sanctions"),
    "commons.monitoring.contest_rate": ("Conflict door harde sanctie",
                                        "Conflict from a harsh sanction"),
    "commons.monitoring.harsh_exit": ("Vertrek na harde sanctie", "Leaving after a harsh sanction"),
    "commons.punishment.propensity": ("Kans dat een lid een meelifter straft",
                                      "Chance a member punishes a free-rider"),
    "commons.punishment.cost": ("Kosten van straffen voor wie straft", "Cost to the punisher"),
    "commons.punishment.impact": ("Afschrikking per straf", "Deterrence per punishment"),
    "commons.conflict.rate": ("Kans op conflict", "Conflict rate"),
    "commons.conflict.incongruence_weight": ("Extra conflict door regels die niet passen",
                                             "Extra conflict from misfit rules"),
    "commons.conflict.resolve_base": ("Conflict lost zichzelf op", "Conflict resolves unaided"),
    "commons.conflict.mediation": ("Bemiddeling door kantelaars", "Mediation by connectors"),
    "commons.conflict.facilitation": ("Conflicthulp door faciliteren",
                                      "Conflict help by facilitation"),
    "commons.conflict.nested_support": ("Conflicthulp door inbedding", "Conflict help by nesting"),
    "commons.conflict.exit_per_conflict": ("Vertrek per open conflict",
                                           "Leaving per open conflict"),
    "commons.conflict.limit": ("Conflicten tot het einde", "Conflicts until collapse"),
    "commons.conflict.clarity": ("Minder conflict door duidelijke regels",
                                 "Fewer conflicts from clear rules"),
    "commons.conflict.arbitration": ("Conflicthulp door handhaving (scheidsrechter)",
                                     "Conflict help by enforcement (arbiter)"),
    "commons.money.reporting_load": ("Verantwoordingslast van subsidie", "Subsidy reporting load"),
    "commons.municipality.coordination_rate": ("Gemeente verbindt commons in haar netwerk",
                                               "Municipality links commons into its network"),
    "commons.municipality.coordination_load": ("Overleglast van het gemeentelijk netwerk",
                                               "Coordination load of the network"),
    "commons.capture.rate": ("Snelheid van kaping door enkelen", "Speed of capture by a few"),
    "commons.capture.vertical_check": ("Tegenwicht door verantwoording aan de gemeente",
                                       "Check by accountability to the municipality"),
    "commons.capture.self_check": ("Tegenwicht door zelfbestuur (P3, P4)",
                                   "Check by self-governance (P3, P4)"),
    "commons.capture.exit": ("Vertrek uit een gekaapte commons", "Leaving a captured commons"),
    "commons.money.dues": ("Geld per bijdrage", "Money per contribution"),
    "commons.money.fixed_cost": ("Vaste kosten per week", "Fixed costs per week"),
    "commons.money.member_cost": ("Kosten per lid", "Cost per member"),
    "commons.money.subsidy_amount": ("Subsidie per week", "Subsidy per week"),
    "commons.money.debt_limit": ("Schuld tot opheffing", "Debt limit"),
    "commons.money.cost_cut": ("Bezuiniging bij schuld", "Cost cut in debt"),
    "commons.money.network_cost_relief": ("Besparing door leernetwerk",
                                          "Savings from a learning network"),
    "commons.rules.review_rate": ("Regels herzien", "Reviewing rules"),
    "commons.rules.network_learning": ("Regels leren in het leernetwerk",
                                       "Rules learned in a learning network"),
    "commons.rules.nested_learning": ("Regels leren van andere commons",
                                      "Rules learned from other commons"),
    "commons.rules.alarm_free_riding": ("Meeliften dat toezicht uitlokt",
                                        "Free-riding that triggers monitoring"),
    "commons.municipality.impose_share": ("Gemeente legt regels op", "Municipality imposes rules"),
    "commons.municipality.overrule_rate": ("Gemeente overrulet eigen regels van commons",
                                           "Municipality overrules commons' own rules"),
    "commons.municipality.recognise_rate": ("Erkenning door de gemeente",
                                            "Recognition by the municipality"),
    "commons.municipality.recognition_shield": ("Bescherming door erkenning",
                                                "Shield of recognition"),
    "commons.municipality.imposed_exit": ("Vertrek door opgelegde regels",
                                          "Leaving under imposed rules"),
    "commons.exits.base": ("Vertrek om andere redenen", "Leaving for other reasons"),
    "commons.exits.burnout": ("Vertrek na opbranden", "Leaving after burnout"),
    "commons.exits.lapsed": ("Vertrek na afhaken", "Leaving after lapsing"),
    "commons.exits.frustration": ("Vertrek door meeliften van anderen", "Leaving over free-riding"),
    "commons.exits.starve_weeks": ("Weken zonder bijdragers tot het einde",
                                   "Weeks without contributors until the end"),
    "commons.scores.memory": ("Geheugen van de scores", "Memory of the scores"),
    "commons.scores.early_weeks": ("Weken voor de vroege scores", "Weeks of the early scores"),
    "commons.scores.in_place": ("Grens voor ‘principe aanwezig’",
                                "Threshold for ‘principle in place’"),

    "crowding.enabled": ("Verdringing van motivatie aan", "Motivation crowding on"),
    "crowding.subsidy_weight": ("Gevoelde controle door subsidie", "Control felt from subsidy"),
    "crowding.enforcement_weight": ("Gevoelde controle door handhaving",
                                    "Control felt from enforcement"),
    "crowding.imposed_weight": ("Gevoelde controle door opgelegde regels",
                                "Control felt from imposed rules"),
    "crowding.rise": ("Opbouw van gevoelde controle", "Rise of felt control"),
    "crowding.fade": ("Wegebben van gevoelde controle", "Fading of felt control"),
    "crowding.crowd_out": ("Verdringing van hoge motivatie", "Crowding out of high motivation"),
    "crowding.low_interest_gain": ("Opstuwing van lage motivatie", "Lift of low motivation"),
    "crowding.pivot": ("Kantelpunt van motivatie", "Pivot of motivation"),
    "crowding.crowd_in": ("Versterking door erkenning", "Crowding in by recognition"),
    "crowding.adjust": ("Aanpassingssnelheid motivatie", "Adjustment rate of motivation"),
    "crowding.reframing": ("Boete wordt prijs (herkadering)", "Fine becomes a price (reframing)"),
    "crowding.commons_recognition": ("Gevoelde erkenning in erkende commons",
                                     "Recognition felt in a recognised commons"),
    "engagement.threshold_unit": ("Drempel als aantal of aandeel", "Threshold as count or share"),
    "engagement.threshold_share_mean": ("Gemiddelde drempel (aandeel)", "Mean threshold (share)"),
    "engagement.threshold_share_sd": ("Spreiding drempel (aandeel)", "Spread of threshold (share)"),
    "engagement.instigators": ("Aandeel aanstichters", "Share of instigators"),
    "instruments.payment_response": ("Trek van een betaling", "Pull of a payment"),
    "instruments.fine_weight": ("Gewicht van een verwachte boete", "Weight of an expected fine"),
    "instruments.price_control": ("Gevoelde controle van een prijs", "Control felt from a price"),
}

# Dutch help per parameter; the English help is the schema's own description, so it is
# never typed twice (see `controls.ControlSpec.help`).
HELP_NL: dict[str, str] = {
    "run.weeks": "Aantal weken dat de simulatie loopt (één stap is één week)",
    "run.seed": "Startgetal voor het toeval; elke toevalsreeks in het model is ervan afgeleid",

    "city.residents": "Aantal inwoners",
    "city.neighbourhoods": "Aantal buurten (even groot)",
    "city.connector_share": "Aandeel inwoners dat kantelaar is",
    "city.turnover_rate": "Kans per week dat een inwoner verhuist en er een nieuwkomer komt wonen",

    "network.type": (
        "Soort netwerk: per buurt een geclusterde kleine wereld met zwakkere banden ertussen "
        "(standaard), één ringrooster, willekeurig met dezelfde graad, of iedereen met iedereen "
        "(mean field)"),
    "network.mean_degree": ("Banden per inwoner binnen de eigen buurt (even getal); volledig "
                            "gemengd: hoeveel anderen iemand per week treft waar het aantal "
                            "contacten telt"),
    "network.rewire": "Kans (Watts-Strogatz) dat een band binnen de buurt wordt omgelegd",
    "network.bridge_degree": "Gemiddeld aantal banden van een gewone inwoner met andere buurten",
    "network.connector_bridge_degree": (
        "Gemiddeld aantal bruggen van een kantelaar naar andere buurten"),

    "municipality.vertical_share": (
        "Deel van de inzet van de gemeente dat verticaal gaat (programma's, regels, controle, "
        "subsidies met voorwaarden); de rest is horizontaal organiseren"),
    "municipality.effort": (
        "Totale inzet van de gemeente ten opzichte van normaal; V = min(1, inzet x verticaal "
        "aandeel)"),
    "municipality.learning_culture": (
        "Deel van de leertijd van ambtenaren dat beschermd is tegen de waan van de dag"),
    "municipality.adaptive.enabled": (
        "Laat de gemeente haar verticaal aandeel bijstellen op grond van wat ze waarneemt"),
    "municipality.adaptive.interval": "Aantal weken tussen twee evaluaties",
    "municipality.adaptive.step": "Verandering van het verticaal aandeel per evaluatie",
    "municipality.adaptive.observation_noise": (
        "Standaardafwijking van de ruis op de waargenomen uitkomst"),
    "municipality.adaptive.weight_engagement": (
        "Gewicht van het aandeel wakkere inwoners in de waargenomen uitkomst"),
    "municipality.adaptive.weight_trust": (
        "Gewicht van het vertrouwen in de overheid in de waargenomen uitkomst"),
    "municipality.adaptive.weight_knowledge": (
        "Gewicht van de kennis van de code in de waargenomen uitkomst"),
    "municipality.adaptive.weight_incidents": (
        "Gewicht van incidenten per 100 inwoners (telt negatief)"),
    "municipality.adaptive.weight_commons": (
        "Gewicht van het aandeel inwoners in een levend initiatief of commons in de waargenomen "
        "uitkomst"),

    "officials.count": "Aantal ambtenaren in de frontlijn",
    "officials.urgency_mean": (
        "Gemiddeld deel van de week van een ambtenaar dat opgaat aan de waan van de dag"),
    "officials.urgency_sd": "Spreiding van de urgentie per ambtenaar van week tot week",
    "officials.learning_share": (
        "Deel van de tijd die na de urgentie overblijft dat bedoeld is om te leren"),
    "officials.style_mean": "Gemiddelde persoonlijke stijl (0 verticaal, 1 horizontaal)",
    "officials.style_sd": "Spreiding van de persoonlijke stijl tussen ambtenaren",
    "officials.style_weight": (
        "Hoeveel de eigen stijl van een ambtenaar, en niet de mix van de organisatie, bepaalt "
        "hoeveel tijd hij op straat is"),
    "officials.order_shares": "Aandeel ambtenaren in leiderschapsorde 1-4 bij de start",
    "officials.order_effect": "Effect van een uur op straat per leiderschapsorde 1-4",
    "officials.order_growth_rate": (
        "Kans per week om een leiderschapsorde te stijgen, bij volledige leertijd"),
    "officials.strain_mismatch_weight": (
        "Gewicht van het verschil tussen eigen stijl en organisatie (tegenover urgentie) in de "
        "spagaat waar ambtenaren naartoe bewegen"),
    "officials.strain_rate": (
        "Hoe snel de spagaat volgt uit het verschil tussen stijl en organisatie en uit "
        "overbelasting"),
    "officials.street_strain": (
        "Spanning die een ambtenaar oploopt per deel van de week op straat (emotioneel werk)"),
    "officials.sick_leave_rate": (
        "Kans per week op ziekteverzuim bij spanning 1 (maal de spanning); wie ziek is, is niet "
        "op straat en leert niet, en herstelt"),
    "officials.leave_rate": (
        "Kans per week dat een ambtenaar vertrekt bij spanning 1 (maal de spanning); een "
        "nieuwkomer begint in de eerste orde"),

    "engagement.initial_engaged": "Aandeel inwoners dat bij de start wakker is",
    "engagement.seeding": (
        "Waar de eerste wakkere inwoners wonen: willekeurig verspreid, of in één cluster (een "
        "inwoner, zijn contacten, hun contacten, ...)"),
    "engagement.broadcast_rate": (
        "Kans per week dat een inwoner wakker wordt door verticale programma's bij V = 1 (p)"),
    "engagement.word_of_mouth_rate": (
        "Kans per week om wakker te worden als al je contacten wakker zijn (q)"),
    "engagement.facilitation_gain": (
        "Hoeveel horizontaal faciliteren mond-tot-mond versterkt: q x (1 + versterking x H)"),
    "engagement.contagion": (
        "Eenvoudige besmetting (één wakker contact is genoeg) of complexe (er is een drempel)"),
    "engagement.threshold_mean": "Gemiddeld aantal wakkere contacten dat nodig is (complex)",
    "engagement.threshold_sd": "Spreiding van de drempels van inwoners (complex)",
    "engagement.reinforcement": (
        "Hoe streng mond-tot-mond de drempel nodig heeft (complex): eronder wordt de kans om "
        "wakker te worden vermenigvuldigd met (1 - strengheid); 1 is een harde drempel, 0 geen"),
    "engagement.connector_weight": (
        "Voor hoeveel gewone contacten een wakkere kantelaar telt bij mond-tot-mond"),
    "engagement.receptivity_weight": (
        "Hoeveel intrinsieke motivatie de kans om wakker te worden bepaalt (0: helemaal niet)"),
    "engagement.lapse_rate": (
        "Kans per week dat een wakkere inwoner zonder eigenaarschap terugvalt naar passief; maal "
        "(1 - eigenaarschap)"),
    "engagement.activation_ownership": (
        "Eigenaarschap waarboven een wakkere inwoner met energie over actief is"),
    "engagement.certainty_relief": (
        "Deel van het benodigde eigenaarschap dat rechtszekerheid (wie is aansprakelijk?) "
        "wegneemt bij volledige controle: drempel x (1 - certainty_relief x controle)"),

    "residents.motivation_mean": "Gemiddelde intrinsieke motivatie bij de start",
    "residents.motivation_sd": "Spreiding van de intrinsieke motivatie",
    "residents.ownership_initial": "Gemiddeld eigenaarschap bij de start",
    "residents.ownership_gain": (
        "Groei per week van het eigenaarschap van een wakkere inwoner die horizontale erkenning "
        "krijgt"),
    "residents.ownership_procedure_loss": (
        "Verlies per week van het eigenaarschap van een wakkere inwoner onder verticale procedures "
        "bij V = 1"),
    "residents.ownership_decay": "Hoe snel eigenaarschap per week terugzakt naar het beginniveau",
    "residents.programme_role_gain": (
        "Groei per week van het eigenaarschap van een wakkere inwoner die een verticaal "
        "programma een rol geeft, bij V = 1 (bereikt iedereen gelijk)"),
    "residents.handover_load": (
        "Extra werk voor actieve inwoners als de gemeente minder zelf doet: maal "
        "(1 + last x (1 - V))"),
    "residents.energy_drain": "Energie die een actieve inwoner per week verbruikt",
    "residents.lone_load": (
        "Extra werk voor een actieve inwoner van wie geen enkel contact actief is: verbruik x (1 + "
        "extra last x (1 - actief deel van de contacten))"),
    "residents.trait_sd": (
        "Spreiding tussen inwoners van het eigenaarschap en van beide soorten vertrouwen bij de "
        "start"),
    "residents.energy_recovery": "Herstel per week naar volle energie",
    "residents.burnout_level": "Energie waaronder een vrijwilliger opgebrand is en stopt",

    "trust.initial_government": "Gemiddeld vertrouwen in de overheid bij de start",
    "trust.initial_neighbours": "Gemiddeld vertrouwen in buren bij de start",
    "trust.presence_gain": (
        "Groei per week van het vertrouwen in de overheid bij een inwoner die een ambtenaar op "
        "straat tegenkomt"),
    "trust.reliability_gain": (
        "Groei per week van het vertrouwen van alle inwoners door verticale betrouwbaarheid "
        "(aanspreekbare, voorspelbare regels en diensten) bij V = 1"),
    "trust.procedure_loss": (
        "Verlies per week van het vertrouwen van wakkere inwoners door procedures bij V = 1"),
    "trust.incident_loss": (
        "Verlies van vertrouwen in de overheid in een buurt per incident per 100 inwoners"),
    "trust.neighbour_rate": (
        "Hoe snel het vertrouwen in buren per week meebeweegt met het aandeel wakkere contacten"),
    "trust.social_influence": (
        "Hoe snel het vertrouwen in de overheid per week meebeweegt met het gemiddelde vertrouwen "
        "van je contacten"),
    "trust.presence_bias": (
        "Hoe sterk contact op straat naar wakkere, goed verbonden inwoners gaat (0: iedereen "
        "gelijk)"),

    "incidents.rate": "Kans per week op een incident per actieve inwoner zonder verticale controle",
    "incidents.control_reduction": (
        "Deel van de incidenten (beide soorten) dat verticale controle voorkomt bij volledige "
        "controle"),
    "incidents.base_rate": (
        "Kans per week op een incident per inwoner, actief of niet (overlast, verwaarlozing), "
        "zonder controle of actieve buren"),
    "incidents.collective_efficacy": (
        "Deel van de incidenten van alle inwoners dat actieve buren voorkomen als iedereen in "
        "de buurt actief is (collectieve zelfredzaamheid)"),

    "learning.dimensions": "Aantal dimensies m van de werkelijkheid van ‘wat werkt hier’",
    "learning.socialisation_rate": (
        "March p1 bij V = 1: kans per afwijkende dimensie dat een overtuiging een stap naar de "
        "code zet"),
    "learning.code_learning_rate": (
        "March p2 bij H = 1: kans dat de code de meerderheid overneemt van de inwoners die het "
        "beter doen dan de code"),
    "learning.peer_learning_rate": (
        "Kans per week dat een inwoner (bij zelflerend vermogen 1) één dimensie leert van een "
        "contact dat het beter weet"),
    "learning.experiment_rate": (
        "Kans per week dat een inwoner (bij zelflerend vermogen 1) iets nieuws uitprobeert en het "
        "houdt als het beter werkt"),
    "learning.turbulence": "Kans per week dat een dimensie van de werkelijkheid omslaat",
    "learning.capacity_initial": "Gemiddeld zelflerend vermogen bij de start",
    "learning.capacity_sd": "Spreiding van het zelflerend vermogen bij de start",
    "learning.reflection_gain": (
        "Groei per week van het zelflerend vermogen van een kantelaar in reflectietraining"),
    "learning.reflection_spread": (
        "Groei per week van het zelflerend vermogen per getrainde kantelaar onder je contacten"),
    "learning.circle_rate": (
        "Kans per week, bij volledige leertijd, dat een leerkring de code één ware dimensie leert"),

    "programmes.connector_programme_size": (
        "Aantal inwoners dat de gemeente kiest om in te investeren als een kantelaarsprogramma "
        "start"),
    "programmes.investment_ownership": (
        "Extra eigenaarschap van een inwoner in wie het kantelaarsprogramma investeert"),
    "programmes.subsidy_relief": (
        "Deel van het energieverbruik van actieve inwoners dat een subsidie wegneemt"),
    "programmes.subsidy_procedure": (
        "Extra verticale procedure door een subsidie met voorwaarden (opgeteld bij V voor verlies "
        "door procedure)"),
    "programmes.enforcement_control": (
        "Extra controle door handhaving (opgeteld bij V voor het voorkomen van incidenten en voor "
        "procedure)"),

    "commons.enabled": "Laat initiatieven ontstaan en uitgroeien tot commons",
    "commons.formation.initiative_rate": (
        "Kans per week dat een actieve inwoner buiten een initiatief er een start, bij motivatie 1 "
        "(er zijn genoeg wakkere contacten met hetzelfde verlangen nodig)"),
    "commons.formation.connector_gain": (
        "Hoeveel groter de kans is een initiatief te starten voor een kantelaar of iemand met een "
        "wakkere kantelaar onder zijn contacten"),
    "commons.formation.min_founders": (
        "Aantal mensen met hetzelfde verlangen dat nodig is om een initiatief te starten (de "
        "starter meegeteld)"),
    "commons.formation.max_founders": (
        "Hoogste aantal initiatiefnemers waarmee een initiatief begint"),
    "commons.formation.connector_recruits": (
        "Extra wakkere inwoners met hetzelfde verlangen, uit de hele stad, die een kantelaar bij "
        "de start meebrengt (de juiste mensen bij elkaar brengen)"),
    "commons.formation.join_rate": (
        "Kans per week dat een actieve niet-deelnemer aansluit bij een levend initiatief in zijn "
        "buurt, bij motivatie 1 en volle aantrekkingskracht"),
    "commons.formation.cross_theme_join": (
        "Relatieve kans om aan te sluiten bij een initiatief met een ander thema dan je eigen "
        "verlangen"),
    "commons.formation.recruit_half": (
        "Aantal bijdragers waarbij de aantrekkingskracht van een initiatief op nieuwe deelnemers "
        "de helft van het maximum is"),
    "commons.formation.organise_rate": (
        "Kans per week dat een initiatief met genoeg leden zich organiseert tot commons (leden, "
        "regels, geld)"),
    "commons.formation.min_members": (
        "Aantal leden waaronder een initiatief of commons niet verder kan"),
    "commons.formation.organise_deadline": (
        "Weken die een initiatief heeft om zich te organiseren voordat het doodbloedt"),
    "commons.formation.start_money": (
        "Geld dat de initiatiefnemers inbrengen als ze zich organiseren"),
    "commons.cooperation.base": (
        "Kans dat een actief lid bijdraagt, voor de termen hieronder (keuzemodus)"),
    "commons.cooperation.motivation_weight": (
        "Extra kans op bijdragen per eenheid intrinsieke motivatie (bedragmodus: extra deel van "
        "het budget per eenheid boven contribution.motivation_reference)"),
    "commons.cooperation.legitimacy_weight": (
        "Extra kans op bijdragen als alle leden de geldende regels samen hebben gemaakt (P3; "
        "bedragmodus: extra deel van het budget)"),
    "commons.cooperation.deterrence_weight": (
        "Extra kans op bijdragen per eenheid afschrikking (kans om gezien te worden plus eigen "
        "recente sancties; P4, P5; bedragmodus: extra deel van het budget)"),
    "commons.cooperation.conditional_weight": (
        "Minder kans op bijdragen per eenheid meeliften van vorige week (voorwaardelijke "
        "samenwerking; keuzemodus)"),
    "commons.contribution.mode": (
        "Hoe een actief lid bijdraagt: 'choice' (wel of niet, een kans die daalt met het "
        "meeliften van vorige week) of 'amount' (een deel van een wekelijks budget, uit iemands "
        "type en wat hij denkt dat de anderen geven)"),
    "commons.contribution.conditional_share": (
        "Aandeel leden dat voorwaardelijk samenwerkt (bedragmodus): zij geven ongeveer wat zij "
        "denken dat de anderen geven, iets minder"),
    "commons.contribution.free_rider_share": (
        "Aandeel leden dat meelift (bedragmodus): zij geven niets, wat de anderen ook geven"),
    "commons.contribution.hump_share": (
        "Aandeel leden met een bultvormig patroon (bedragmodus): zij volgen de anderen tot de "
        "helft van het budget en geven minder naarmate de anderen meer geven; de overige leden "
        "geven een vast deel, getrokken bij het lid worden"),
    "commons.contribution.matching": (
        "Deel van wat zij denken dat de anderen geven dat een voorwaardelijke samenwerker geeft "
        "(onder 1: het zelfzuchtige ondermatchen waardoor samenwerking afbrokkelt)"),
    "commons.contribution.belief_weight": (
        "Gewicht van het oude beeld als een lid het bijstelt met wat de anderen deze week "
        "gemiddeld gaven (0: geloof wat je net zag)"),
    "commons.contribution.initial_belief": (
        "Beeld van wat de anderen gemiddeld geven waarmee een lid begint"),
    "commons.contribution.motivation_reference": (
        "Intrinsieke motivatie waarbij motivatie iemands bijdrage niet verhoogt of verlaagt (de "
        "typen beschrijven een lid met deze motivatie)"),
    "commons.cooperation.core_team": (
        "Aantal bijdragers over wie het wekelijkse werk van een commons verdeeld kan worden zonder "
        "overbelasting"),
    "commons.cooperation.task_drain": (
        "Extra energie per week die een bijdrager kwijt is per ontbrekend kernteam aan werk: "
        "verbruik x (kernteam / bijdragers - 1), last binnen [0.5, 3]"),
    "commons.cooperation.value_per_contribution": (
        "Publieke waarde van één bijdrage bij regels die helemaal passen (de helft bij regels die "
        "niet passen; P2)"),
    "commons.cooperation.participation_base": (
        "Kans dat een lid meedoet aan een bijeenkomst over de regels, los van motivatie"),
    "commons.cooperation.participation_motivation": (
        "Extra kans om mee te beslissen over de regels per eenheid intrinsieke motivatie"),
    "commons.cooperation.ownership_gain": (
        "Groei per week van het eigenaarschap van een lid dat bijdraagt (dubbel als het de regels "
        "mee maakte)"),
    "commons.monitoring.enabled": (
        "Commons mogen onderling toezicht instellen (uit: geen commons houdt ooit toezicht op zijn "
        "leden of zijn geld; handhaving door de gemeente kan nog wel)"),
    "commons.monitoring.peer_detection": (
        "Kans per week dat leden een meelifter zien in een kleine, stabiele commons met toezicht "
        "(0 zet onderling toezicht uit)"),
    "commons.monitoring.visible_group": (
        "Aantal leden dat elkaar allemaal kan zien; daarboven daalt de pakkans met groep / leden"),
    "commons.monitoring.external_detection": (
        "Kans per week dat handhaving door de gemeente een meelifter betrapt zolang handhaving "
        "loopt"),
    "commons.monitoring.monitoring_adoption": (
        "Kans dat zelf bepaalde regels onderling toezicht bevatten als ze voor het eerst gemaakt "
        "worden"),
    "commons.monitoring.graduated_adoption": (
        "Kans dat zelf bepaalde regels getrapte sancties gebruiken als ze voor het eerst gemaakt "
        "worden (opgelegde regels en handhaving straffen meteen zwaar)"),
    "commons.monitoring.graduated_steps": (
        "Aantal overtredingen tot een getrapte sanctie zijn volle zwaarte bereikt"),
    "commons.monitoring.deterrence_decay": "Hoe snel een lid sancties per week vergeet",
    "commons.monitoring.contest_rate": (
        "Kans dat een zware sanctie voor iemand die de regels niet mee maakte een conflict begint "
        "(maal zwaarte x (1 - meegedaan))"),
    "commons.monitoring.harsh_exit": (
        "Kans dat een lid vertrekt na een zware sanctie (maal de zwaarte)"),
    "commons.punishment.propensity": (
        "Kans per week dat een bijdragend lid dat mag straffen een meelifter straft die het ziet "
        "(zien: min(1, groep / leden))"),
    "commons.punishment.cost": (
        "Energie die wie straft kwijt is per straf: de eigen kosten van straffen"),
    "commons.punishment.impact": (
        "Afschrikking die een meelifter krijgt per ontvangen straf (vergeten als sancties)"),
    "commons.conflict.rate": "Conflicten per week per 10 leden bij regels die passen",
    "commons.conflict.clarity": (
        "Deel van de conflicten uit het werk (voor betwiste sancties) dat geschreven "
        "standaardregels voorkomen in een commons met opgelegde regels (rechtszekerheid: leden "
        "weten waar ze aan toe zijn)"),
    "commons.conflict.arbitration": (
        "Extra kans per week op een oplossing zolang gemeentelijke handhaving de commons "
        "bereikt (een neutrale scheidsrechter van buiten)"),
    "commons.money.reporting_load": (
        "Energie per week die de voorwaarden van de subsidie (aanvragen, rapporten, "
        "verantwoording) een gesubsidieerde commons kosten, verdeeld over de bijdragers"),
    "commons.municipality.coordination_rate": (
        "Kans per week, bij volle V, dat de gemeente een commons buiten haar netwerk van commons "
        "erin opneemt (en, bij V = 0, dat een opgenomen commons eruit valt): in evenwicht is "
        "een deel V van de commons verbonden (P8)"),
    "commons.municipality.coordination_load": (
        "Energie per week die het netwerk van de gemeente (overleg, rapporteren, afstemmen met "
        "andere commons) een verbonden commons kost, verdeeld over de bijdragers"),
    "commons.capture.rate": (
        "Snelheid per week waarmee de kaping van een commons naar het niveau gaat dat het "
        "tegenwicht toelaat (0 zet kaping uit)"),
    "commons.capture.vertical_check": (
        "Deel van de kaping dat wordt voorkomen zolang de commons verantwoording aflegt aan de "
        "gemeente (opgelegde regels, handhaving, controle bij subsidie)"),
    "commons.capture.self_check": (
        "Deel van de kaping dat volledig zelfbestuur voorkomt: alle leden maakten de regels "
        "mee (P3) en de leden houden toezicht (P4)"),
    "commons.capture.exit": (
        "Kans per week, bij volledige kaping, dat een lid dat niet meebeslist over de regels "
        "vertrekt (buitengesloten door de enkelen die beslissen)"),
    "commons.conflict.incongruence_weight": (
        "Extra conflicten (relatief) als geen enkele regel past bij de werkelijkheid ter plekke "
        "(P2)"),
    "commons.conflict.resolve_base": (
        "Kans per week dat een open conflict zonder hulp wordt opgelost"),
    "commons.conflict.mediation": (
        "Extra kans per week op een oplossing in een commons van alleen kantelaars (maal hun "
        "aandeel in de leden)"),
    "commons.conflict.facilitation": (
        "Extra kans per week op een oplossing bij volle horizontale intensiteit H"),
    "commons.conflict.nested_support": (
        "Extra kans per week op een oplossing bij volledige inbedding (P8)"),
    "commons.conflict.exit_per_conflict": "Kans per week dat een lid vertrekt, per open conflict",
    "commons.conflict.limit": "Aantal open conflicten waarbij een commons uit elkaar valt",
    "commons.money.dues": "Geld dat één bijdrage oplevert (tijd, contributie, verkoop)",
    "commons.money.fixed_cost": (
        "Vaste kosten per week van een georganiseerde commons (huur, verzekering)"),
    "commons.money.member_cost": "Kosten per lid per week",
    "commons.money.subsidy_amount": (
        "Subsidie per week voor een georganiseerde commons zolang een subsidieprogramma loopt"),
    "commons.money.debt_limit": "Schuld waarbij een commons wordt opgeheven",
    "commons.money.cost_cut": (
        "Deel van de kosten dat een commons die toezicht houdt op haar middelen (P4, 4B) bespaart "
        "zolang ze schulden heeft"),
    "commons.money.network_cost_relief": (
        "Deel van de kosten dat een commons in een leernetwerk bespaart (leergebied financiering)"),
    "commons.rules.review_rate": (
        "Kans per week dat een commons met eigen regels er één herziet, bij zelflerend vermogen 1 "
        "van de leden"),
    "commons.rules.network_learning": (
        "Kans per week dat een commons in een leernetwerk van elders één regel leert die bij de "
        "werkelijkheid past"),
    "commons.rules.nested_learning": (
        "Kans per week, als al je banden naar andere commons lopen, dat een commons daar één "
        "passende regel leert"),
    "commons.rules.alarm_free_riding": (
        "Aandeel meeliften waarbij een commons die haar regels herziet onderling toezicht invoert"),
    "commons.municipality.impose_share": (
        "Kans, bij volle verticale procedure, dat de gemeente haar standaardregels oplegt als een "
        "initiatief zich organiseert"),
    "commons.municipality.overrule_rate": (
        "Kans per week, bij volle procedure, dat de gemeente de eigen regels van een commons "
        "vervangt door de hare"),
    "commons.municipality.recognise_rate": (
        "Kans per week, bij volle H, dat de gemeente het recht van een commons erkent om zich te "
        "organiseren"),
    "commons.municipality.recognition_shield": (
        "Deel van de kans op overrulen dat een erkende commons bespaard blijft"),
    "commons.municipality.imposed_exit": (
        "Kans per week dat een lid vertrekt uit een commons die op opgelegde regels draait"),
    "commons.exits.base": "Kans per week dat een lid om andere redenen vertrekt",
    "commons.exits.burnout": "Kans per week dat een opgebrand lid vertrekt",
    "commons.exits.lapsed": "Kans per week dat een lid dat niet meer wakker is vertrekt",
    "commons.exits.frustration": "Kans per week dat een bijdrager vertrekt, per eenheid meeliften",
    "commons.exits.starve_weeks": (
        "Aantal weken zonder één bijdrager waarna een commons wordt opgeheven"),
    "commons.scores.memory": (
        "Geheugen in weken van de voortschrijdende gemiddelden achter P1, P5 en P6 en van de "
        "zwakste principes vóór een einde"),
    "commons.scores.early_weeks": (
        "Weken na het organiseren waarover de vroege scores worden gemiddeld (voor het "
        "overlevingsexperiment, zodat de scores vóór de afloop gemeten zijn)"),
    "commons.scores.in_place": (
        "Score vanaf waar een principe als aanwezig telt (voor het tellen van principes)"),

    "crowding.enabled": (
        "Laat controlerende instrumenten en erkenning de intrinsieke motivatie veranderen"),
    "crowding.subsidy_weight": (
        "Controle die een wakkere inwoner voelt door een subsidieprogramma met voorwaarden"),
    "crowding.enforcement_weight": (
        "Controle die een wakkere inwoner voelt door handhaving (boetes)"),
    "crowding.imposed_weight": "Controle die een lid voelt door opgelegde regels in zijn commons",
    "crowding.rise": "Hoe snel gevoelde controle per week oploopt naar de druk",
    "crowding.fade": "Hoe snel gevoelde controle per week wegebt als de druk lager is",
    "crowding.crowd_out": (
        "Trek van de motivatie naar het kantelpunt bij volle gevoelde controle, voor wie erboven "
        "zit"),
    "crowding.low_interest_gain": (
        "Trek van de motivatie omhoog naar het kantelpunt bij volle gevoelde controle, voor wie "
        "eronder zit"),
    "crowding.pivot": (
        "Motivatieniveau waar controlerende druk naartoe trekt (hier draait de verdringing om)"),
    "crowding.crowd_in": "Trek van de motivatie naar 1 bij volle erkenning",
    "crowding.adjust": "Hoe snel de motivatie per week naar haar doel beweegt",
    "crowding.reframing": (
        "Verschuiving per week, bij volle gevoelde controle, van het niveau waar de motivatie naar "
        "terugkeert richting de huidige motivatie (een boete wordt een prijs)"),
    "crowding.commons_recognition": "Erkenning die een lid van een erkende commons voelt",
    "engagement.threshold_unit": (
        "Drempels als aantal betrokken contacten of als aandeel van iemands contacten (complex)"),
    "engagement.threshold_share_mean": (
        "Gemiddeld aandeel betrokken contacten dat nodig is (complex, drempel als aandeel)"),
    "engagement.threshold_share_sd": "Spreiding van de drempels als aandeel (complex)",
    "engagement.instigators": (
        "Aandeel bewoners met drempel 0 (complex): zij beginnen zonder op anderen te wachten"),
    "instruments.payment_response": (
        "Extra wekelijkse kans dat een passieve bewoner met een betaling tegen volle prijs "
        "wakker wordt (het externe motief; schaalt met het bedrag)"),
    "instruments.fine_weight": (
        "Afschrikking die een lid weegt per eenheid verwachte boete (inspectiekans x bedrag)"),
    "instruments.price_control": (
        "Controle die een bewoner voelt van een betaling of boete tegen volle prijs, betrokken "
        "of niet (voedt de gevoelde controle bij verdringing)"),
}

UNITS_NL: dict[str, str] = {
    "per week at amount 1": "per week bij bedrag 1",
    "deterrence per price unit": "afschrikking per prijseenheid",
    "energy [0, 1] per punishment": "energie [0, 1] per straf",
    "deterrence per punishment": "afschrikking per straf",
    "control [0, 1] at amount 1": "controle [0, 1] bij bedrag 1",
    "per week": "per week",
    "share [0, 1]": "aandeel [0, 1]",
    "share": "aandeel",
    "shares summing to 1": "aandelen die samen 1 zijn",
    "score [0, 1]": "score [0, 1]",
    "score": "score",
    "probability": "kans",
    "probability per unit": "kans per eenheid",
    "weight": "gewicht",
    "weeks": "weken",
    "ties": "banden",
    "multiplier": "vermenigvuldiger",
    "multiplier per order": "vermenigvuldiger per orde",
    "multiple of nominal": "veelvoud van de norm",
    "choice": "keuze",
    "share of belief": "deel van het beeld",
    "share of the endowment": "deel van het budget",
    "residents": "inwoners",
    "officials": "ambtenaren",
    "members": "leden",
    "contributors": "bijdragers",
    "share of the gap": "deel van het verschil",
    "on/off": "aan/uit",
    "control [0, 1]": "controle [0, 1]",
    "recognition [0, 1]": "erkenning [0, 1]",
    "per dimension-week": "per dimensie-week",
    "per incident": "per incident",
    "per active resident-week": "per actieve inwoner-week",
    "per resident-week": "per inwoner-week",
    "strain per share of week": "spanning per aandeel van de week",
    "per week at strain 1": "per week bij spanning 1",
    "per conflict-week": "per conflict-week",
    "conflicts per 10 member-weeks": "conflicten per 10 lid-weken",
    "money units (1 = one week of a commons' fixed costs)":
        "geldeenheden (1 = een week vaste kosten van een commons)",
    "intensity": "intensiteit",
    "contacts": "contacten",
    "outcome units": "uitkomsteenheden",
    "integer": "geheel getal",
    "field names": "veldnamen",
    "exponent": "exponent",
    "dimensions": "dimensies",
    "count": "aantal",
    "money units": "geldeenheden",
    "money units per week": "geldeenheden per week",
    "money units per member-week": "geldeenheden per lid-week",
    "value units": "waarde-eenheden",
    "offences": "overtredingen",
    "energy per week": "energie per week",
    "energy per commons-week": "energie per commons per week",
    "conflicts": "conflicten",
}

CHOICES: dict[str, tuple[str, str]] = {
    "contacts": ("contacten", "contacts"),
    "share": ("aandeel", "share"),
    "small_world": ("kleine wereld", "small world"),
    "ring": ("ring", "ring"),
    "random": ("willekeurig", "random"),
    "fully_mixed": ("volledig gemengd", "fully mixed"),
    "scattered": ("verspreid", "scattered"),
    "clustered": ("geclusterd", "clustered"),
    "simple": ("eenvoudig", "simple"),
    "complex": ("complex (drempel)", "complex (threshold)"),
    "choice": ("wel of niet", "yes or no"),
    "amount": ("bedrag", "amount"),
}

SCENARIO_TITLES: dict[str, tuple[str, str]] = {
    "default": ("Standaardstad", "Default city"),
    "classic_vertical": ("De klassiek verticale gemeente", "The classic vertical municipality"),
    "connectors_000": ("De gemeente vindt haar kantelaars",
                       "The municipality finds its connectors"),
    "facilitating": ("De faciliterende gemeente", "The facilitating municipality"),
    "learning_between_municipalities_002": ("De waan van de dag verdringt het leren",
                                            "Daily urgency crowds out learning"),
    "learning_network_003": ("Commons in een leernetwerk van steden",
                             "Commons in a learning network of cities"),
    "self_learning_municipality": ("De zelflerende gemeente", "The self-learning municipality"),
    "buurtvrouw_004": ("De buurtvrouw", "The neighbourhood woman"),
}

NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?")


def numbers(text: str) -> set[str]:
    """The numbers in a text, written with a decimal point ("0,5" and "0.5" are the same)."""
    return {n.replace(",", ".") for n in NUMBER.findall(text)}


def problems(specs: list) -> list[str]:  # noqa: ANN001 - app.controls.ControlSpec
    """What the catalogue lacks or has too much of, for the schema's parameters `specs`."""
    paths = {s.path for s in specs}
    out = [f"{p}: no label in PARAM" for p in sorted(paths - set(PARAM))]
    out += [f"{p}: no Dutch help in HELP_NL" for p in sorted(paths - set(HELP_NL))]
    out += [f"{p}: not a parameter of the schema" for p in sorted((set(PARAM) | set(HELP_NL))
                                                                     - paths)]
    for s in specs:
        if s.unit and s.unit not in UNITS_NL:
            out.append(f"{s.path}: unit {s.unit!r} has no Dutch in UNITS_NL")
        out += [f"{s.path}: choice {c!r} has no words in CHOICES" for c in s.choices
                if c not in CHOICES]
        if s.path in HELP_NL:
            lost = numbers(s.description) - numbers(HELP_NL[s.path])
            if lost:
                out.append(f"{s.path}: the Dutch help lacks {sorted(lost)} of the English")
    return out
