"""Config sections for initiatives, commons (step 5) and motivation crowding (step 3c).

Kept apart from `schema.py` so the commons' many parameters do not crowd the shared schema;
`CityConfig` includes `commons` and `crowding` from here. Rates are per week; "per member" and
"per contributor" quantities are per week too. Where a parameter feeds a design-principle score,
its description names the principle (P1..P8, see `ostrom.py`).
"""

from __future__ import annotations

from pydantic import Field

from .params import Section, param

OSTROM = "Ostrom (1990)"
OWG = "Ostrom, Walker & Gardner (1992)"
FG = "Fehr & Gachter (2000)"
DECARO = "DeCaro, Janssen & Lee (2015)"
COX = "Cox, Arnold & Villamayor-Tomas (2010)"


class FormationSettings(Section):
    """How initiatives start, recruit and organise into commons."""

    initiative_rate: float = param(
        0.0008, "Weekly chance that an active resident outside any initiative starts one, at "
        "motivation 1 (needs enough engaged contacts with the same desire)", unit="per week",
        source="seed 004 ch. 1 (vanuit verlangen je buurt ontwikkelen); value assumption",
        ge=0.0, le=1.0, key=True)
    connector_gain: float = param(
        2.0, "Relative boost of starting an initiative for a connector or someone with an "
        "engaged connector among their contacts", unit="multiplier",
        source="seed 000 (kantelaars); Ghorbani et al. (2020); value assumption", ge=0.0, le=50.0)
    min_founders: int = param(3, "People with the same desire needed to start an initiative "
                              "(the starter included)", unit="residents",
                              source="assumption", ge=1, le=50)
    max_founders: int = param(6, "Most founders an initiative starts with", unit="residents",
                              source="assumption", ge=1, le=200)
    connector_recruits: int = param(
        3, "Extra like-minded engaged residents, from anywhere in the city, a connector brings "
        "in when starting (bringing the right people together)", unit="residents",
        source="seed 000 (kantelaars brengen mensen samen); assumption", ge=0, le=100)
    join_rate: float = param(
        0.02, "Weekly chance an active non-member joins a living initiative in their "
        "neighbourhood, at motivation 1 and full pull", unit="per week", source="assumption",
        ge=0.0, le=1.0)
    cross_theme_join: float = param(
        0.2, "Relative chance of joining an initiative whose theme is not one's own desire",
        unit="multiplier", source="assumption (P1 resource boundary, " + COX + ")",
        ge=0.0, le=1.0)
    recruit_half: float = param(
        5.0, "Contributors at which an initiative's pull on joiners is half its maximum",
        unit="contributors", source="assumption", gt=0.0, le=1000.0)
    organise_rate: float = param(
        0.05, "Weekly chance an initiative with enough members organises into a commons "
        "(members, rules, money)", unit="per week", source="seed 004 ch. 1; assumption",
        ge=0.0, le=1.0)
    min_members: int = param(3, "Members below which an initiative or commons cannot go on",
                             unit="residents", source="assumption", ge=1, le=100)
    organise_deadline: int = param(
        52, "Weeks an initiative may take to organise before it fades", unit="weeks",
        source="assumption", ge=1, le=5200)
    start_money: float = param(2.0, "Money founders bring in when organising", unit="money "
                               "units (1 = one week of a commons' fixed costs)",
                               source="assumption", ge=0.0, le=1000.0)


class CooperationSettings(Section):
    """Who contributes and who free-rides; what contributing costs and produces."""

    base: float = param(0.4, "Contribution probability of an active member before the "
                        "terms below", unit="probability", source=FG + "; assumption",
                        ge=-1.0, le=1.0)
    motivation_weight: float = param(
        0.5, "Added contribution probability per unit of intrinsic motivation",
        unit="probability per unit", source="Frey & Jegen (2001); assumption", ge=0.0, le=2.0)
    legitimacy_weight: float = param(
        0.25, "Added contribution probability at full collective choice (all members made the "
        "rules in force; P3)", unit="probability", source=OWG + "; " + DECARO, ge=0.0, le=2.0)
    deterrence_weight: float = param(
        0.3, "Added contribution probability per unit of deterrence (chance of being seen "
        "plus one's own recent sanctions; P4, P5)", unit="probability per unit",
        source=FG + "; " + OWG, ge=0.0, le=2.0)
    conditional_weight: float = param(
        0.4, "Lost contribution probability per unit of last week's free-riding share "
        "(conditional cooperation)", unit="probability per unit", source=FG, ge=0.0, le=2.0)
    core_team: float = param(
        4.0, "Contributors among whom a commons' weekly work is spread without overload",
        unit="contributors", source="seed 003 (volhoudbaarheid); assumption", gt=0.0, le=1000.0)
    task_drain: float = param(
        0.01, "Extra weekly energy a contributor spends per core team's worth of work missing: "
        "drain x (core_team / contributors - 1), load within [0.5, 3]", unit="energy per week",
        source="seed 003 (niet te doen op vrijwilligersbasis); assumption", ge=0.0, le=1.0)
    value_per_contribution: float = param(
        1.0, "Public value one contribution produces at fully congruent rules (half at "
        "incongruent rules; P2)", unit="value units", source="assumption", ge=0.0, le=100.0)
    participation_base: float = param(
        0.3, "Chance a member takes part in a rule-making session, before motivation",
        unit="probability", source=OSTROM + " (P3); assumption", ge=0.0, le=1.0)
    participation_motivation: float = param(
        0.6, "Added chance of taking part in rule-making per unit of intrinsic motivation",
        unit="probability per unit", source=OSTROM + " (P3); assumption", ge=0.0, le=1.0)
    ownership_gain: float = param(
        0.02, "Weekly ownership gain of a contributing member (doubled if they made the rules)",
        unit="per week", source="seed 004 (eigenaarschap); assumption", ge=0.0, le=1.0)


class MonitoringSettings(Section):
    """Seeing free-riding (P4) and sanctioning it (P5)."""

    enabled: bool = param(
        True, "Commons may set up peer monitoring at all (off: no commons ever monitors its "
        "members or its money; municipal enforcement still can)", unit="on/off",
        source=OSTROM + " (P4)")
    peer_detection: float = param(
        0.5, "Weekly chance members see a free-rider in a small, stable commons that monitors "
        "(0 switches peer monitoring off)", unit="probability",
        source=OSTROM + " (P4); " + OWG, ge=0.0, le=1.0)
    visible_group: float = param(
        12.0, "Members who can all see each other; detection falls as visible_group / members "
        "above it", unit="members", source=OSTROM + " (small groups); assumption",
        gt=0.0, le=10_000.0)
    external_detection: float = param(
        0.3, "Weekly chance municipal enforcement catches a free-rider while enforcement is on",
        unit="probability", source="Gneezy & Rustichini (2000); assumption", ge=0.0, le=1.0)
    monitoring_adoption: float = param(
        0.6, "Chance co-decided rules include peer monitoring when first made", unit="probability",
        source=OSTROM + "; assumption", ge=0.0, le=1.0)
    graduated_adoption: float = param(
        0.5, "Chance co-decided rules use graduated sanctions when first made (imposed rules "
        "and municipal enforcement fine at full severity)", unit="probability",
        source=OSTROM + " (P5); assumption", ge=0.0, le=1.0)
    graduated_steps: int = param(
        3, "Offences until a graduated sanction reaches full severity", unit="offences",
        source=OSTROM + " (P5); assumption", ge=1, le=20)
    deterrence_decay: float = param(0.05, "Weekly decay of a member's memory of sanctions",
                                    unit="per week", source="assumption", ge=0.0, le=1.0)
    contest_rate: float = param(
        0.3, "Chance a sanction of full severity, on someone who did not make the rules, "
        "starts a conflict (scaled by severity x (1 - took part))", unit="probability",
        source=DECARO + " (legitimacy)", ge=0.0, le=1.0)
    harsh_exit: float = param(
        0.3, "Chance a member leaves after a sanction of full severity (scaled by severity)",
        unit="probability", source=OSTROM + " (P5); assumption", ge=0.0, le=1.0)


class ConflictSettings(Section):
    """Conflicts arise and get resolved, or not (P6)."""

    rate: float = param(
        0.03, "Weekly conflicts per 10 members under congruent rules", unit="conflicts per "
        "10 member-weeks", source="assumption", ge=0.0, le=10.0)
    incongruence_weight: float = param(
        2.0, "Extra conflicts (relative) when no rule fits local reality (P2)",
        unit="multiplier", source=OSTROM + " (P2); assumption", ge=0.0, le=50.0)
    resolve_base: float = param(0.05, "Weekly chance an open conflict is resolved without help",
                                unit="per week", source="assumption", ge=0.0, le=1.0)
    mediation: float = param(
        0.3, "Added weekly resolution chance at a commons made only of connectors (scaled by "
        "their share of members)", unit="per week", source="seed 000 (kantelaars bemiddelen)",
        ge=0.0, le=1.0)
    facilitation: float = param(
        0.15, "Added weekly resolution chance at full horizontal intensity H", unit="per week",
        source="MODEL.md step 2 (facilitation); assumption", ge=0.0, le=1.0)
    nested_support: float = param(
        0.15, "Added weekly resolution chance at full nesting (P8)", unit="per week",
        source=OSTROM + " (P8); seed 003 (samenwerking)", ge=0.0, le=1.0)
    exit_per_conflict: float = param(
        0.01, "Weekly chance a member leaves, per open conflict", unit="per conflict-week",
        source="assumption", ge=0.0, le=1.0)
    limit: int = param(5, "Open conflicts at which a commons falls apart", unit="conflicts",
                       source="assumption", ge=1, le=1000)


class MoneySettings(Section):
    """A commons' money: dues, revenue, subsidy, costs (seed 003: financiering)."""

    dues: float = param(0.12, "Money one contribution brings in (time, dues, sales)",
                        unit="money units", source="seed 004 (buurtwinkel); assumption",
                        ge=0.0, le=100.0)
    fixed_cost: float = param(0.3, "Weekly fixed costs of an organised commons (rent, "
                              "insurance)", unit="money units per week",
                              source="seed 003 (financiering); assumption", ge=0.0, le=100.0)
    member_cost: float = param(0.01, "Weekly cost per member", unit="money units per member-week",
                               source="assumption", ge=0.0, le=100.0)
    subsidy_amount: float = param(
        0.4, "Weekly subsidy an organised commons receives while a subsidy programme runs",
        unit="money units per week", source="seed 003 (financiering); assumption",
        ge=0.0, le=100.0)
    debt_limit: float = param(4.0, "Debt at which a commons dissolves", unit="money units",
                              source="assumption", ge=0.0, le=1000.0)
    cost_cut: float = param(
        0.5, "Share of costs a commons that monitors its resource (P4, 4B) cuts while in debt",
        unit="share [0, 1]", source=COX + " (4B); assumption", ge=0.0, le=1.0)
    network_cost_relief: float = param(
        0.3, "Share of costs saved by a commons in a learning network (learning area "
        "financing)", unit="share [0, 1]", source="seed 003 (leergebied financiering); "
        "assumption", ge=0.0, le=1.0)


class RuleSettings(Section):
    """Rules: made by members (co-decided) or imposed; adapted by double-loop learning (P2)."""

    review_rate: float = param(
        0.1, "Weekly chance a commons with its own rules reviews one of them, at members' "
        "learning capacity 1", unit="per week",
        source="Argyris & Schon (double loop); seed 000 (actieleren); assumption",
        ge=0.0, le=1.0)
    network_learning: float = param(
        0.05, "Weekly chance a commons in a learning network learns one rule that fits reality "
        "from other places", unit="per week", source="seed 003 (leernetwerk)", ge=0.0, le=1.0)
    nested_learning: float = param(
        0.02, "Weekly chance, at full tie share to other commons, that a commons learns one "
        "fitting rule from them", unit="per week", source=OSTROM + " (P8); assumption",
        ge=0.0, le=1.0)
    alarm_free_riding: float = param(
        0.2, "Free-riding share at which a reviewing commons adopts peer monitoring",
        unit="share [0, 1]", source=OSTROM + "; assumption", ge=0.0, le=1.0)


class RelationSettings(Section):
    """The municipality and the commons: recognised, or overruled by procedure (P7)."""

    impose_share: float = param(
        0.3, "Chance, at full vertical procedure, that the municipality imposes its standard "
        "rules when an initiative organises", unit="probability",
        source="MODEL.md step 2 (procedure); seed 004 (systeemwereld); assumption",
        ge=0.0, le=1.0)
    overrule_rate: float = param(
        0.004, "Weekly chance, at full procedure, that the municipality overrules a commons' "
        "own rules with its own", unit="per week", source="seeds 003, 004; assumption",
        ge=0.0, le=1.0, key=True)
    recognise_rate: float = param(
        0.05, "Weekly chance, at full H, that the municipality recognises a commons' right to "
        "organise", unit="per week", source=OSTROM + " (P7); seed 004", ge=0.0, le=1.0)
    recognition_shield: float = param(
        0.8, "Share of the overrule chance a recognised commons is spared", unit="share [0, 1]",
        source=OSTROM + " (P7); assumption", ge=0.0, le=1.0)
    imposed_exit: float = param(
        0.01, "Weekly chance a member leaves a commons run on imposed rules", unit="per week",
        source=DECARO + "; assumption", ge=0.0, le=1.0)


class ExitSettings(Section):
    """Why members leave; each exit is recorded with its cause."""

    base: float = param(0.003, "Weekly chance a member leaves for other reasons",
                        unit="per week", source="assumption", ge=0.0, le=1.0)
    burnout: float = param(0.2, "Weekly chance a burnt-out member leaves", unit="per week",
                           source="seed 003 (volhoudbaarheid); assumption", ge=0.0, le=1.0)
    lapsed: float = param(0.3, "Weekly chance a member who is no longer engaged leaves",
                          unit="per week", source="assumption", ge=0.0, le=1.0)
    frustration: float = param(
        0.05, "Weekly chance a contributor leaves, per unit of free-riding share", unit="per week",
        source=FG + "; assumption", ge=0.0, le=1.0)
    starve_weeks: int = param(
        8, "Weeks without any contributor after which a commons dissolves", unit="weeks",
        source="assumption", ge=1, le=520)


class ScoreSettings(Section):
    """How design-principle scores are smoothed and summarised (see `commons/ostrom.py`)."""

    memory: float = param(
        13.0, "Weeks of memory of the moving averages behind P1, P5, P6 and the record of "
        "the weakest principles before an end", unit="weeks", source="assumption",
        ge=1.0, le=520.0)
    early_weeks: int = param(
        26, "Weeks after organising over which the early scores are averaged (used by the "
        "survival experiment, so that scores are measured before the outcome)", unit="weeks",
        source="assumption", ge=1, le=520)
    in_place: float = param(
        0.6, "Score at or above which a principle counts as in place (for counts of principles)",
        unit="score [0, 1]", source="assumption", ge=0.0, le=1.0)


class CommonsSettings(Section):
    """Initiatives and commons, scored against Ostrom's design principles (step 5)."""

    enabled: bool = param(True, "Let initiatives form and grow into commons", unit="on/off",
                          source="MODEL.md step 5", key=True)
    formation: FormationSettings = Field(default_factory=FormationSettings)
    cooperation: CooperationSettings = Field(default_factory=CooperationSettings)
    monitoring: MonitoringSettings = Field(default_factory=MonitoringSettings)
    conflict: ConflictSettings = Field(default_factory=ConflictSettings)
    money: MoneySettings = Field(default_factory=MoneySettings)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    municipality: RelationSettings = Field(default_factory=RelationSettings)
    exits: ExitSettings = Field(default_factory=ExitSettings)
    scores: ScoreSettings = Field(default_factory=ScoreSettings)


FJ = "Frey & Jegen (2001)"
DKR = "Deci, Koestner & Ryan (1999)"
CAM = "Cameron et al. (2001)"
GR = "Gneezy & Rustichini (2000)"
BPR = "Bowles & Polania-Reyes (2012)"


class CrowdingSettings(Section):
    """Motivation crowding: controlling instruments and recognition move intrinsic motivation.

    Controlling pressure (conditional subsidy, enforcement, imposed rules) builds up a felt
    control that pulls motivation toward `pivot`: down for those who were more motivated, up
    for those who were less (low-interest tasks). Recognition pulls it up. Felt control fades
    slower than it rises and, while felt, shifts the level motivation returns to (hysteresis).
    """

    enabled: bool = param(True, "Let controlling instruments and recognition move intrinsic "
                          "motivation", unit="on/off", source=FJ, key=True)
    subsidy_weight: float = param(
        0.4, "Control an engaged resident feels from a conditional subsidy programme",
        unit="control [0, 1]", source=FJ + "; " + DKR + " (tangible contingent rewards)",
        ge=0.0, le=1.0)
    enforcement_weight: float = param(
        0.6, "Control an engaged resident feels from enforcement (fines)",
        unit="control [0, 1]", source=GR + "; " + BPR, ge=0.0, le=1.0)
    imposed_weight: float = param(
        0.6, "Control a member feels from imposed rules in their commons",
        unit="control [0, 1]", source=DECARO + "; " + FJ, ge=0.0, le=1.0)
    rise: float = param(0.2, "Weekly rate at which felt control rises toward the pressure",
                        unit="per week", source="assumption", ge=0.0, le=1.0)
    fade: float = param(
        0.02, "Weekly rate at which felt control fades once the pressure is lower",
        unit="per week", source=GR + " (effects outlast the fine); value assumption",
        ge=0.0, le=1.0)
    crowd_out: float = param(
        0.5, "Pull of motivation toward the pivot at full felt control, for those above it",
        unit="share of the gap", source=FJ + "; " + DKR, ge=0.0, le=1.0)
    low_interest_gain: float = param(
        0.2, "Pull of motivation up toward the pivot at full felt control, for those below it",
        unit="share of the gap", source=CAM + " (low-interest tasks)", ge=0.0, le=1.0)
    pivot: float = param(
        0.3, "Motivation level controlling pressure pulls toward (crowding's sign flips here)",
        unit="score [0, 1]", source=CAM + "; " + BPR + "; value assumption", ge=0.0, le=1.0)
    crowd_in: float = param(
        0.3, "Pull of motivation toward 1 at full recognition", unit="share of the gap",
        source=FJ + " (crowding in); " + DKR + " (verbal rewards)", ge=0.0, le=1.0)
    adjust: float = param(0.05, "Weekly rate at which motivation moves toward its target",
                          unit="per week", source="assumption", ge=0.0, le=1.0)
    reframing: float = param(
        0.01, "Weekly shift, at full felt control, of the level motivation returns to toward "
        "the current motivation (a fine becomes a price)", unit="per week",
        source=GR + "; " + BPR + "; value assumption", ge=0.0, le=1.0)
    commons_recognition: float = param(
        0.5, "Recognition a member of a recognised commons feels", unit="recognition [0, 1]",
        source=OSTROM + " (P7); assumption", ge=0.0, le=1.0)
