"""Config sections for initiatives and commons (step 5).

Kept apart from `schema.py` so the commons' many parameters do not crowd the shared schema;
`CityConfig` includes `commons` from here. Rates are per week; "per member" and "per
contributor" quantities are per week too. Where a parameter feeds a design-principle score,
its description names the principle (P1..P8, see `ostrom.py`). Twelve defaults were tuned to
one target, written down in configs/probes/commons_tuning.yaml and the ODD.
"""

from __future__ import annotations

from pydantic import Field

from .contribution_schema import ContributionSettings
from .params import ASSUMPTION, SETTING, Section, param

OSTROM = "Ostrom (1990)"
OWG = "Ostrom, Walker & Gardner (1992)"
FG = "Fehr & Gachter (2000)"
DECARO = "DeCaro, Janssen & Lee (2015)"
COX = "Cox, Arnold & Villamayor-Tomas (2010)"
CERTAINTY = "seed 004 (rechtszekerheid: weten waar je aan toe bent); MODEL.md step 2"


def tuned(before: float, commit: str = "5fb1c9b") -> str:
    """The value source of a default set by the commons tuning (its earlier value kept)."""
    return f"target: commons_tuning (was {before:g} before commit {commit})"


class FormationSettings(Section):
    """How initiatives start, recruit and organise into commons."""

    initiative_rate: float = param(
        0.0008, "Weekly chance that an active resident outside any initiative starts one, at "
        "motivation 1 (needs enough engaged contacts with the same desire)", unit="per week",
        basis="seed 004 ch. 1 (vanuit verlangen je buurt ontwikkelen)",
        value_source=tuned(0.0004, "19280d9"), ge=0.0, le=1.0, key=True)
    connector_gain: float = param(
        2.0, "Relative boost of starting an initiative for a connector or someone with an "
        "engaged connector among their contacts", unit="multiplier",
        basis="seed 000 (kantelaars); Ghorbani et al. (2020) initiators as bottleneck",
        value_source=ASSUMPTION, ge=0.0, le=50.0)
    min_founders: int = param(3, "People with the same desire needed to start an initiative "
                              "(the starter included)", unit="residents",
                              basis="seed 004 ch. 1 (a few neighbours with one desire)",
                              value_source=ASSUMPTION, ge=1, le=50)
    max_founders: int = param(6, "Most founders an initiative starts with", unit="residents",
                              basis=ASSUMPTION, value_source=ASSUMPTION, ge=1, le=200)
    connector_recruits: int = param(
        3, "Extra like-minded engaged residents, from anywhere in the city, a connector brings "
        "in when starting (bringing the right people together)", unit="residents",
        basis="seed 000 (kantelaars brengen mensen samen)", value_source=ASSUMPTION,
        ge=0, le=100)
    join_rate: float = param(
        0.02, "Weekly chance an active non-member joins a living initiative in their "
        "neighbourhood, at motivation 1 and full pull", unit="per week",
        basis="MODEL.md step 5 (initiatives grow)", value_source=tuned(0.01), ge=0.0, le=1.0)
    cross_theme_join: float = param(
        0.2, "Relative chance of joining an initiative whose theme is not one's own desire",
        unit="multiplier", basis=COX + " P1 (resource boundary)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    recruit_half: float = param(
        5.0, "Contributors at which an initiative's pull on joiners is half its maximum",
        unit="contributors", basis="assumption (a visible group attracts joiners)",
        value_source=ASSUMPTION, gt=0.0, le=1000.0)
    organise_rate: float = param(
        0.05, "Weekly chance an initiative with enough members organises into a commons "
        "(members, rules, money)", unit="per week", basis="seed 004 ch. 1",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    min_members: int = param(3, "Members below which an initiative or commons cannot go on",
                             unit="residents", basis=ASSUMPTION, value_source=ASSUMPTION,
                             ge=1, le=100)
    organise_deadline: int = param(
        52, "Weeks an initiative may take to organise before it fades", unit="weeks",
        basis=ASSUMPTION, value_source="assumption (a year)", ge=1, le=5200)
    start_money: float = param(2.0, "Money founders bring in when organising", unit="money "
                               "units (1 = one week of a commons' fixed costs)",
                               basis="seed 003 (financiering)", value_source=ASSUMPTION,
                               ge=0.0, le=1000.0)


class CooperationSettings(Section):
    """Who contributes and who free-rides; what contributing costs and produces."""

    base: float = param(0.4, "Contribution probability of an active member before the "
                        "terms below (choice mode)", unit="probability",
                        basis=FG + " (public goods games)", value_source=tuned(0.25),
                        ge=-1.0, le=1.0)
    motivation_weight: float = param(
        0.5, "Added contribution probability per unit of intrinsic motivation (amount mode: "
        "added share of the endowment per unit above contribution.motivation_reference)",
        unit="probability per unit", basis="Frey & Jegen (2001)", value_source=ASSUMPTION,
        ge=0.0, le=2.0)
    legitimacy_weight: float = param(
        0.25, "Added contribution probability at full collective choice (all members made the "
        "rules in force; P3; amount mode: added share of the endowment)", unit="probability",
        basis=OWG + "; " + DECARO,
        value_source=ASSUMPTION, ge=0.0, le=2.0)
    deterrence_weight: float = param(
        0.3, "Added contribution probability per unit of deterrence (chance of being seen "
        "plus one's own recent sanctions; P4, P5; amount mode: added share of the endowment)",
        unit="probability per unit", basis=FG + "; " + OWG, value_source=ASSUMPTION, ge=0.0, le=2.0)
    conditional_weight: float = param(
        0.4, "Lost contribution probability per unit of last week's free-riding share "
        "(conditional cooperation; choice mode)", unit="probability per unit", basis=FG,
        value_source=tuned(0.6), ge=0.0, le=2.0)
    core_team: float = param(
        4.0, "Contributors among whom a commons' weekly work is spread without overload",
        unit="contributors", basis="seed 003 (volhoudbaarheid)", value_source=ASSUMPTION,
        gt=0.0, le=1000.0)
    task_drain: float = param(
        0.01, "Extra weekly energy a contributor spends per core team's worth of work missing: "
        "drain x (core_team / contributors - 1), load within [0.5, 3]", unit="energy per week",
        basis="seed 003 (niet te doen op vrijwilligersbasis)",
        value_source=tuned(0.02) + "; the formula changed in the same commit", ge=0.0, le=1.0)
    value_per_contribution: float = param(
        1.0, "Public value one contribution produces at fully congruent rules (half at "
        "incongruent rules; P2)", unit="value units", basis=OSTROM + " (P2)",
        value_source="setting (defines the unit of public value)", ge=0.0, le=100.0)
    participation_base: float = param(
        0.3, "Chance a member takes part in a rule-making session, before motivation",
        unit="probability", basis=OSTROM + " (P3)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    participation_motivation: float = param(
        0.6, "Added chance of taking part in rule-making per unit of intrinsic motivation",
        unit="probability per unit", basis=OSTROM + " (P3)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    ownership_gain: float = param(
        0.02, "Weekly ownership gain of a contributing member (doubled if they made the rules)",
        unit="per week", basis="seed 004 (eigenaarschap)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)


class MonitoringSettings(Section):
    """Seeing free-riding (P4) and sanctioning it (P5)."""

    enabled: bool = param(
        True, "Commons may set up peer monitoring at all (off: no commons ever monitors its "
        "members or its money; municipal enforcement still can)", unit="on/off",
        basis=OSTROM + " (P4)", value_source=SETTING)
    peer_detection: float = param(
        0.5, "Weekly chance members see a free-rider in a small, stable commons that monitors "
        "(0 switches peer monitoring off)", unit="probability",
        basis=OSTROM + " (P4); " + OWG, value_source=ASSUMPTION, ge=0.0, le=1.0)
    visible_group: float = param(
        12.0, "Members who can all see each other; detection falls as visible_group / members "
        "above it", unit="members", basis=OSTROM + " (small groups)", value_source=ASSUMPTION,
        gt=0.0, le=10_000.0)
    external_detection: float = param(
        0.3, "Weekly chance municipal enforcement catches a free-rider while enforcement is on",
        unit="probability", basis="Gneezy & Rustichini (2000)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    monitoring_adoption: float = param(
        0.6, "Chance co-decided rules include peer monitoring when first made", unit="probability",
        basis=OSTROM + " (P4)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    graduated_adoption: float = param(
        0.5, "Chance co-decided rules use graduated sanctions when first made (imposed rules "
        "and municipal enforcement fine at full severity)", unit="probability",
        basis=OSTROM + " (P5)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    graduated_steps: int = param(
        3, "Offences until a graduated sanction reaches full severity", unit="offences",
        basis=OSTROM + " (P5)", value_source=ASSUMPTION, ge=1, le=20)
    deterrence_decay: float = param(0.05, "Weekly decay of a member's memory of sanctions",
                                    unit="per week", basis=FG + " (sanctions deter)",
                                    value_source=ASSUMPTION, ge=0.0, le=1.0)
    contest_rate: float = param(
        0.3, "Chance a sanction of full severity, on someone who did not make the rules, "
        "starts a conflict (scaled by severity x (1 - took part))", unit="probability",
        basis=DECARO + " (legitimacy)", value_source=tuned(0.5), ge=0.0, le=1.0)
    harsh_exit: float = param(
        0.3, "Chance a member leaves after a sanction of full severity (scaled by severity)",
        unit="probability", basis=OSTROM + " (P5)", value_source=ASSUMPTION, ge=0.0, le=1.0)


class ConflictSettings(Section):
    """Conflicts arise and get resolved, or not (P6)."""

    rate: float = param(
        0.03, "Weekly conflicts per 10 members under congruent rules", unit="conflicts per "
        "10 member-weeks", basis=OSTROM + " (P6)", value_source=tuned(0.01), ge=0.0, le=10.0)
    incongruence_weight: float = param(
        2.0, "Extra conflicts (relative) when no rule fits local reality (P2)",
        unit="multiplier", basis=OSTROM + " (P2)", value_source=ASSUMPTION, ge=0.0, le=50.0)
    resolve_base: float = param(0.05, "Weekly chance an open conflict is resolved without help",
                                unit="per week", basis=OSTROM + " (P6)",
                                value_source=ASSUMPTION, ge=0.0, le=1.0)
    mediation: float = param(
        0.3, "Added weekly resolution chance at a commons made only of connectors (scaled by "
        "their share of members)", unit="per week", basis="seed 000 (kantelaars bemiddelen)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    facilitation: float = param(
        0.15, "Added weekly resolution chance at full horizontal intensity H", unit="per week",
        basis="MODEL.md step 2 (facilitation)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    nested_support: float = param(
        0.15, "Added weekly resolution chance at full nesting (P8)", unit="per week",
        basis=OSTROM + " (P8); seed 003 (samenwerking)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    clarity: float = param(
        0.3, "Share of the conflicts that arise from the work (before contested sanctions) "
        "that written standard rules avoid in a commons run on imposed rules (legal "
        "certainty: members know where they stand)", unit="share [0, 1]",
        basis=CERTAINTY + " (legal certainty)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    arbitration: float = param(
        0.15, "Added weekly resolution chance while municipal enforcement reaches the commons "
        "(a neutral arbiter from outside)", unit="per week",
        basis="MODEL.md step 2 (accountability); " + OSTROM + " (P6, arenas for conflicts)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    exit_per_conflict: float = param(
        0.01, "Weekly chance a member leaves, per open conflict", unit="per conflict-week",
        basis=OSTROM + " (P6)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    limit: int = param(5, "Open conflicts at which a commons falls apart", unit="conflicts",
                       basis=OSTROM + " (P6)", value_source=tuned(4), ge=1, le=1000)


class MoneySettings(Section):
    """A commons' money: dues, revenue, subsidy, costs (seed 003: financiering)."""

    dues: float = param(0.12, "Money one contribution brings in (time, dues, sales)",
                        unit="money units", basis="seed 004 (buurtwinkel)",
                        value_source=tuned(0.15), ge=0.0, le=100.0)
    fixed_cost: float = param(0.3, "Weekly fixed costs of an organised commons (rent, "
                              "insurance)", unit="money units per week",
                              basis="seed 003 (financiering)", value_source=tuned(0.5),
                              ge=0.0, le=100.0)
    member_cost: float = param(0.01, "Weekly cost per member", unit="money units per member-week",
                               basis="seed 003 (financiering)", value_source=tuned(0.02),
                               ge=0.0, le=100.0)
    subsidy_amount: float = param(
        0.4, "Weekly subsidy an organised commons receives while a subsidy programme runs",
        unit="money units per week", basis="seed 003 (financiering)", value_source=ASSUMPTION,
        ge=0.0, le=100.0)
    debt_limit: float = param(4.0, "Debt at which a commons dissolves", unit="money units",
                              basis="seed 003 (financiering)", value_source=ASSUMPTION,
                              ge=0.0, le=1000.0)
    cost_cut: float = param(
        0.5, "Share of costs a commons that monitors its resource (P4, 4B) cuts while in debt",
        unit="share [0, 1]", basis=COX + " (4B)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    reporting_load: float = param(
        0.02, "Weekly energy the subsidy's conditions (applications, reports, accounts) cost "
        "a subsidised commons, shared among its contributors", unit="energy per commons-week",
        basis="seed 004 (systeemwereld: verantwoording); seed 003 (financiering)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    network_cost_relief: float = param(
        0.3, "Share of costs saved by a commons in a learning network (learning area "
        "financing)", unit="share [0, 1]", basis="seed 003 (leergebied financiering)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)


class RuleSettings(Section):
    """Rules: made by members (co-decided) or imposed; adapted by double-loop learning (P2)."""

    review_rate: float = param(
        0.1, "Weekly chance a commons with its own rules reviews one of them, at members' "
        "learning capacity 1", unit="per week",
        basis="Argyris & Schon (double loop); seed 000 (actieleren)",
        value_source=tuned(0.05), ge=0.0, le=1.0)
    network_learning: float = param(
        0.05, "Weekly chance a commons in a learning network learns one rule that fits reality "
        "from other places", unit="per week", basis="seed 003 (leernetwerk)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    nested_learning: float = param(
        0.02, "Weekly chance, at full tie share to other commons, that a commons learns one "
        "fitting rule from them", unit="per week", basis=OSTROM + " (P8)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    alarm_free_riding: float = param(
        0.2, "Free-riding share at which a reviewing commons adopts peer monitoring",
        unit="share [0, 1]", basis=OSTROM + " (P4)", value_source=ASSUMPTION, ge=0.0, le=1.0)


class RelationSettings(Section):
    """The municipality and the commons: recognised, or overruled by procedure (P7)."""

    impose_share: float = param(
        0.3, "Chance, at full vertical procedure, that the municipality imposes its standard "
        "rules when an initiative organises", unit="probability",
        basis="MODEL.md step 2 (procedure); seed 004 (systeemwereld)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    overrule_rate: float = param(
        0.004, "Weekly chance, at full procedure, that the municipality overrules a commons' "
        "own rules with its own", unit="per week", basis="seeds 003, 004 (systeemwereld)",
        value_source=ASSUMPTION, ge=0.0, le=1.0, key=True)
    recognise_rate: float = param(
        0.05, "Weekly chance, at full H, that the municipality recognises a commons' right to "
        "organise", unit="per week", basis=OSTROM + " (P7); seed 004", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    recognition_shield: float = param(
        0.8, "Share of the overrule chance a recognised commons is spared", unit="share [0, 1]",
        basis=OSTROM + " (P7)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    imposed_exit: float = param(
        0.01, "Weekly chance a member leaves a commons run on imposed rules", unit="per week",
        basis=DECARO + " (imposed rules lack legitimacy)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    coordination_rate: float = param(
        0.02, "Weekly chance, at full V, that the municipality links a commons outside its "
        "network of commons into it (and, at V = 0, that a linked one drops out): in "
        "equilibrium a share V of commons is linked (P8)", unit="per week",
        basis=OSTROM + " (P8, nested enterprises); MODEL.md step 2 (coordination)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    coordination_load: float = param(
        0.02, "Weekly energy the municipality's network (meetings, reporting, agreeing with "
        "other commons) costs a linked commons, shared among its contributors",
        unit="energy per commons-week",
        basis="seed 003 (samenwerking); seed 004 (systeemwereld)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)


class CaptureSettings(Section):
    """Capture by a few: influence in a commons concentrates unless someone holds it to account."""

    rate: float = param(
        0.02, "Weekly speed at which a commons' capture moves towards the level its checks "
        "allow (0 switches capture off)", unit="per week",
        basis=OSTROM + " (P3, P4: who decides and who watches)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    vertical_check: float = param(
        0.5, "Share of capture prevented while the commons answers to the municipality "
        "(imposed rules, enforcement, a subsidy's audit)", unit="share [0, 1]",
        basis="MODEL.md step 2 (accountability); seed 003 (wie zorgt dat niemand "
        "buitengesloten wordt)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    self_check: float = param(
        0.8, "Share of capture prevented at full self-governance: every member made the rules "
        "in force (P3) and the members monitor (P4)", unit="share [0, 1]",
        basis=OSTROM + " (P3, P4)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    exit: float = param(
        0.02, "Weekly chance, at full capture, that a member who had no say in the rules in "
        "force leaves (excluded by the few who decide)", unit="per week",
        basis="seed 003 (inclusiviteit); " + OSTROM + " (P3)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)


class ExitSettings(Section):
    """Why members leave; each exit is recorded with its cause."""

    base: float = param(0.003, "Weekly chance a member leaves for other reasons",
                        unit="per week", basis=ASSUMPTION, value_source=ASSUMPTION,
                        ge=0.0, le=1.0)
    burnout: float = param(0.2, "Weekly chance a burnt-out member leaves", unit="per week",
                           basis="seed 003 (volhoudbaarheid)", value_source=ASSUMPTION,
                           ge=0.0, le=1.0)
    lapsed: float = param(0.3, "Weekly chance a member who is no longer engaged leaves",
                          unit="per week", basis=ASSUMPTION, value_source=ASSUMPTION,
                          ge=0.0, le=1.0)
    frustration: float = param(
        0.05, "Weekly chance a contributor leaves, per unit of free-riding share", unit="per week",
        basis=FG + " (conditional cooperators)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    starve_weeks: int = param(
        8, "Weeks without any contributor after which a commons dissolves", unit="weeks",
        basis=ASSUMPTION, value_source=ASSUMPTION, ge=1, le=520)


class ScoreSettings(Section):
    """How design-principle scores are smoothed and summarised (see `commons/ostrom.py`)."""

    memory: float = param(
        13.0, "Weeks of memory of the moving averages behind P1, P5, P6 and the record of "
        "the weakest principles before an end", unit="weeks", basis=OSTROM + " (P1, P5, P6)",
        value_source="assumption (a quarter)", ge=1.0, le=520.0)
    early_weeks: int = param(
        26, "Weeks after organising over which the early scores are averaged (used by the "
        "survival experiment, so that scores are measured before the outcome)", unit="weeks",
        basis="landmark analysis (experiments/ostrom_principles)",
        value_source="setting (half a year; a measurement convention)", ge=1, le=520)
    in_place: float = param(
        0.6, "Score at or above which a principle counts as in place (for counts of principles)",
        unit="score [0, 1]", basis=COX + " (counts of principles present)",
        value_source="setting (a measurement convention)", ge=0.0, le=1.0)


class PunishmentSettings(Section):
    """Costly peer punishment: members punish free-riders at a cost of their own (Fehr & Gachter).

    It acts only where a `peer_punishment_start` event lets members punish, so these defaults
    leave every run without one unchanged.
    """

    propensity: float = param(
        0.3, "Weekly chance a contributing member allowed to punish punishes a free-rider of "
        "their commons they see (seen: min(1, visible_group / members))", unit="probability",
        basis=FG + " (most subjects punish free-riders although it costs them)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    cost: float = param(
        0.02, "Energy a punisher spends per punishment: the punisher's own cost", unit="energy "
        "[0, 1] per punishment", basis=FG + " (punishment is costly to the punisher)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    impact: float = param(
        0.3, "Deterrence a free-rider gains per punishment received (decays as sanctions' "
        "memory does)", unit="deterrence per punishment", basis=FG + " (punished free-riders "
        "raise their contributions)", value_source=ASSUMPTION, ge=0.0, le=1.0)


class CommonsSettings(Section):
    """Initiatives and commons, scored against Ostrom's design principles (step 5)."""

    enabled: bool = param(True, "Let initiatives form and grow into commons", unit="on/off",
                          basis="MODEL.md step 5", value_source=SETTING, key=True)
    formation: FormationSettings = Field(default_factory=FormationSettings)
    cooperation: CooperationSettings = Field(default_factory=CooperationSettings)
    contribution: ContributionSettings = Field(default_factory=ContributionSettings)
    monitoring: MonitoringSettings = Field(default_factory=MonitoringSettings)
    conflict: ConflictSettings = Field(default_factory=ConflictSettings)
    money: MoneySettings = Field(default_factory=MoneySettings)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    municipality: RelationSettings = Field(default_factory=RelationSettings)
    capture: CaptureSettings = Field(default_factory=CaptureSettings)
    exits: ExitSettings = Field(default_factory=ExitSettings)
    scores: ScoreSettings = Field(default_factory=ScoreSettings)
    punishment: PunishmentSettings = Field(default_factory=PunishmentSettings)
