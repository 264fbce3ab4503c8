"""The config schema: every parameter of the model, with default, bounds, unit and provenance.

config YAML -> `CityConfig` (this file) -> `CityModel`. Rates are per week (one step = one
week). "V" and "H" below are the municipality's realised vertical and horizontal intensities in
[0, 1] (see `municipality.py`); rates "at full intensity" are multiplied by them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .commons_schema import CommonsSettings
from .crowding_schema import CrowdingSettings
from .events import Event
from .instruments_schema import InstrumentSettings
from .params import ASSUMPTION, SETTING, Section, param

BASS = "Bass (1969)"
MARCH = "March (1991)"
CENTOLA = "Granovetter (1978); Centola & Macy (2007)"


class Meta(Section):
    """A scenario's name and the short description shown in the app's scenario picker."""

    name: str = Field("default", description="Scenario name")
    description: str = Field("", description="One paragraph: the situation and what to look at")
    description_nl: str = Field("", description="The same paragraph in Dutch, for the app's "
                                "Dutch mode (empty: the English one is shown)")


class RunSettings(Section):
    """How long and with which seed a single run goes."""

    weeks: int = param(520, "Number of weekly steps to simulate", unit="weeks",
                       basis="MODEL.md (one step is a week)",
                       value_source="setting (ten years)", ge=1, le=100_000)
    seed: int = param(1, "Root seed; every random stream is derived from it", unit="integer",
                      basis="reproducibility (same config and seed, same results)",
                      value_source=SETTING, ge=0, le=2**63 - 1)


RECORD_FIELDS = (
    "neighbourhood", "is_connector", "engaged", "active", "burnt_out", "motivation", "ownership",
    "trust_gov", "trust_nbr", "energy", "capacity", "knowledge", "theme", "invested", "trained",
)


class RecordSettings(Section):
    """Per-resident records, opt-in: snapshots into residents.parquet (weekly means always)."""

    every: int = param(0, "Weeks between per-resident snapshots in residents.parquet, from week "
                       "0 (0: no per-resident records)", unit="weeks",
                       basis="what is recorded, not what happens", value_source=SETTING,
                       ge=0, le=100_000)
    fields: list[Literal[RECORD_FIELDS]] = param(  # type: ignore[valid-type]
        ["engaged", "active", "trust_gov", "ownership", "knowledge"],
        "Per-resident fields in each snapshot (besides week and resident)", unit="field names",
        basis="what is recorded, not what happens", value_source=SETTING)


class CitySettings(Section):
    """Who lives in the city and how it is divided."""

    residents: int = param(2000, "Number of residents", unit="residents",
                           basis="MODEL.md (residents in neighbourhoods)",
                           value_source="setting (a city district; the app runs it live)",
                           ge=10, le=10_000_000, key=True)
    neighbourhoods: int = param(3, "Number of neighbourhoods (equal sizes)", unit="count",
                                basis="MODEL.md (neighbourhoods in a city)", value_source=SETTING,
                                ge=1, le=10_000)
    connector_share: float = param(
        0.03, "Share of residents who are connectors (kantelaars)", unit="share [0, 1]",
        basis="seed 000 (kantelaars); Ghorbani et al. (2020) initiators as bottleneck",
        value_source=ASSUMPTION, ge=0.0, le=0.5, key=True)
    turnover_rate: float = param(
        0.002, "Weekly probability that a resident moves away and a newcomer moves in",
        unit="per week", basis="MODEL.md (residents move in and out)",
        value_source="assumption (about 10% of residents per year; the order of Dutch "
        "residential mobility, no table checked)", ge=0.0, le=0.2)


class NetworkSettings(Section):
    """The social network residents sit on."""

    type: Literal["small_world", "ring", "random", "fully_mixed"] = param(
        "small_world", "Network type: clustered small world per neighbourhood with weaker ties "
        "across (default), one ring lattice, degree-matched random, or fully mixed (mean field)",
        unit="choice", basis="Watts & Strogatz (1998); MODEL.md",
        value_source="setting (MODEL.md's default)")
    mean_degree: int = param(8, "Ties per resident inside the neighbourhood (even); fully mixed: "
                             "others met per week where a count of contacts matters",
                             unit="ties", basis="Watts & Strogatz (1998) ring lattice of degree k",
                             value_source="assumption (Watts & Strogatz used k = 10, Centola "
                             "(2010) 6)", ge=2, le=200)

    @field_validator("mean_degree")
    @classmethod
    def _even(cls, v: int) -> int:
        if v % 2:
            raise ValueError(f"must be even (ring lattices pair ties); try {v + 1}")
        return v
    rewire: float = param(0.1, "Watts-Strogatz rewiring probability of within-neighbourhood "
                          "ties", unit="probability", basis="Watts & Strogatz (1998)",
                          value_source="Watts & Strogatz (1998), Fig. 2 (n = 1,000, k = 10): "
                          "p = 0.1 is the top of the small-world range (path length already "
                          "short, clustering still high); confirmed from descriptions of the "
                          "figure, not for our k = 8", ge=0.0, le=1.0)
    bridge_degree: float = param(
        0.3, "Mean number of ties an ordinary resident has to other neighbourhoods",
        unit="ties", basis="Granovetter (1973) weak ties", value_source=ASSUMPTION,
        ge=0.0, le=50.0)
    connector_bridge_degree: float = param(
        4.0, "Mean number of bridging ties a connector has to other neighbourhoods",
        unit="ties", basis="Burt (2004) structural holes; seed 000", value_source=ASSUMPTION,
        ge=0.0, le=200.0)


ADAPTIVE = "MODEL.md (the city that learns: trial and error on its own mix)"
OBJECTIVE = "setting (what the self-learning municipality values is the scenario's choice)"


class AdaptiveSettings(Section):
    """The self-learning municipality: it learns its own mix by trial and error (step 6)."""

    enabled: bool = param(False, "Let the municipality adjust vertical_share from what it "
                          "observes", unit="on/off", basis="MODEL.md (the city that learns)",
                          value_source=SETTING, key=True)
    interval: int = param(13, "Weeks between evaluations", unit="weeks", basis=ADAPTIVE,
                          value_source="assumption (a quarter)", ge=1, le=520)
    step: float = param(0.05, "Change of vertical_share per evaluation", unit="share",
                        basis=ADAPTIVE, value_source=ASSUMPTION, ge=0.0, le=0.5)
    observation_noise: float = param(0.01, "SD of the noise on the observed outcome",
                                     unit="outcome units", basis=ADAPTIVE,
                                     value_source=ASSUMPTION, ge=0.0, le=1.0)
    weight_engagement: float = param(1.0, "Weight of the engaged share in the observed outcome",
                                     unit="weight", basis=ADAPTIVE, value_source=OBJECTIVE,
                                     ge=0.0, le=10.0)
    weight_trust: float = param(1.0, "Weight of trust in government in the observed outcome",
                                unit="weight", basis=ADAPTIVE, value_source=OBJECTIVE,
                                ge=0.0, le=10.0)
    weight_knowledge: float = param(1.0, "Weight of the code's knowledge in the observed outcome",
                                    unit="weight", basis=ADAPTIVE, value_source=OBJECTIVE,
                                    ge=0.0, le=10.0)
    weight_incidents: float = param(1.0, "Weight of incidents per 100 residents (subtracted)",
                                    unit="weight", basis=ADAPTIVE, value_source=OBJECTIVE,
                                    ge=0.0, le=10.0)
    weight_commons: float = param(
        0.0, "Weight of the share of residents in a living initiative or commons in the "
        "observed outcome", unit="weight", basis="MODEL.md (community strength)",
        value_source=OBJECTIVE, ge=0.0, le=10.0)


class MunicipalitySettings(Section):
    """The municipality's lever and budget (step 2)."""

    vertical_share: float = param(
        0.5, "Share of steering effort spent vertically (programmes, rules, control, "
        "conditional subsidies); the rest is horizontal organizing", unit="share [0, 1]",
        basis="MODEL.md; seeds 001, 004 (systeemwereld / leefwereld)",
        value_source="setting (the lever; its default is the midpoint)", ge=0.0, le=1.0,
        key=True)
    effort: float = param(
        1.0, "Total steering effort relative to nominal; V = min(1, effort x vertical_share)",
        unit="multiple of nominal", basis="MODEL.md step 2 (total effort/budget)",
        value_source="setting (1 defines nominal effort)", ge=0.0, le=2.0, key=True)
    learning_culture: float = param(
        0.0, "Share of officials' learning time protected from urgency", unit="share [0, 1]",
        basis="seed 002 (cultuur van leren en experimenteren)",
        value_source="setting (none protected unless a scenario says so)", ge=0.0, le=1.0,
        key=True)
    adaptive: AdaptiveSettings = Field(default_factory=AdaptiveSettings)


class OfficialsSettings(Section):
    """Frontline officials (ambtenaren): time, style, leadership order, strain (step 1)."""

    count: int = param(10, "Number of frontline officials", unit="officials",
                       basis="MODEL.md (officials, frontliners)", value_source=ASSUMPTION,
                       ge=1, le=100_000)
    urgency_mean: float = param(
        0.4, "Mean share of an official's week eaten by daily urgency", unit="share [0, 1]",
        basis="seed 002 (de waan van de dag)", value_source=ASSUMPTION, ge=0.0, le=1.0,
        key=True)
    urgency_sd: float = param(0.1, "Week-to-week SD of urgency per official", unit="share",
                              basis="seed 002 (de waan van de dag)", value_source=ASSUMPTION,
                              ge=0.0, le=0.5)
    learning_share: float = param(0.2, "Share of time left after urgency meant for learning",
                                  unit="share [0, 1]", basis="seed 002 (tijd voor leren)",
                                  value_source=ASSUMPTION, ge=0.0, le=1.0)
    style_mean: float = param(0.5, "Mean personal style (0 vertical, 1 horizontal)",
                              unit="score [0, 1]", basis="MODEL.md (a steering style between "
                              "vertical and horizontal)", value_source=ASSUMPTION,
                              ge=0.0, le=1.0)
    style_sd: float = param(0.15, "SD of personal style across officials", unit="score",
                            basis="MODEL.md (officials' styles)", value_source=ASSUMPTION,
                            ge=0.0, le=0.5)
    style_weight: float = param(
        0.5, "How far an official's own style, rather than the organisation's mix, decides "
        "street time", unit="share [0, 1]", basis="MODEL.md (spagaat: style and organisation)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    order_shares: list[float] = param(
        [0.4, 0.3, 0.2, 0.1], "Initial shares of officials in leadership order 1-4",
        unit="shares summing to 1", basis="seed 000 (vierde orde)", value_source=ASSUMPTION)
    order_effect: list[float] = param(
        [0.25, 0.5, 0.75, 1.0], "Effectiveness of an hour in the street, by leadership order 1-4",
        unit="multiplier per order", basis="seed 000 (4th order: wakes ownership in others)",
        value_source=ASSUMPTION)
    order_growth_rate: float = param(
        0.01, "Weekly probability of rising one leadership order at full learning time",
        unit="per week", basis="seed 000 (leren leren)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    strain_mismatch_weight: float = param(
        0.5, "Weight of style-organisation mismatch (vs urgency) in the strain officials move "
        "toward", unit="share [0, 1]", basis="MODEL.md (spagaat)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    strain_rate: float = param(0.1, "How fast strain follows style-organisation mismatch and "
                               "overload (spagaat)", unit="per week", basis="MODEL.md (spagaat)",
                               value_source=ASSUMPTION, ge=0.0, le=1.0)
    street_strain: float = param(
        0.3, "Strain added per share of the week spent in the street: frontline contact is "
        "emotional labour (target = mismatch/urgency mix + street_strain x street time)",
        unit="strain per share of week", basis="Lipsky (1980) street-level bureaucracy; "
        "Brotheridge & Grandey (2002) emotional labour and burnout (not checked here)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    sick_leave_rate: float = param(
        0.1, "Weekly probability of being off sick at strain 1 (scaled by strain); off sick: "
        "no street or learning time that week, and strain recovers",
        unit="per week at strain 1", basis="burnout predicts sickness absence (Ahola et al. "
        "2008: odds ratio 2.1-6.9 for severe burnout)", value_source="assumption (about 4% "
        "absent at strain 0.4, the order of Dutch municipalities' sickness absence, not "
        "calibrated)", ge=0.0, le=1.0)
    leave_rate: float = param(
        0.005, "Weekly probability that an official quits at strain 1 (scaled by strain); a "
        "newcomer of the same style starts at leadership order 1 with no strain",
        unit="per week at strain 1", basis="burnout and turnover intention (Lee & Ashforth "
        "1996, not checked here)", value_source="assumption (about 10% a year at strain 0.4)",
        ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _four_orders(self) -> OfficialsSettings:
        # numpy's choice() accepts shares summing to 1 within 1.5e-8; stay inside that
        if len(self.order_shares) != 4 or abs(sum(self.order_shares) - 1) > 1e-9 or min(
                self.order_shares) < 0:
            raise ValueError("order_shares must be 4 non-negative numbers summing to 1 "
                             "(within 1e-9)")
        if len(self.order_effect) != 4 or min(self.order_effect) < 0:
            raise ValueError("order_effect must be 4 non-negative numbers")
        return self


class EngagementSettings(Section):
    """Waking up (wakker worden): broadcast (Bass p) and word of mouth (Bass q) (step 3)."""

    initial_engaged: float = param(0.05, "Share of residents engaged at the start",
                                   unit="share [0, 1]", basis="MODEL.md (residents wake up)",
                                   value_source=ASSUMPTION, ge=0.0, le=1.0)
    seeding: Literal["scattered", "clustered"] = param(
        "scattered", "Where the initially engaged live: scattered at random, or in one cluster "
        "(a resident, its contacts, their contacts, ...)", unit="choice",
        basis="Centola & Macy (2007) seed a node and its neighbours", value_source=SETTING)
    broadcast_rate: float = param(
        0.004, "Weekly probability a resident is woken by vertical programmes at V = 1 (p)",
        unit="per week", basis=BASS + " external influence",
        value_source="assumption (Bass's p is for products bought once, about 0.03 a year "
        "across products; not transferable to waking up)", ge=0.0, le=1.0, key=True)
    word_of_mouth_rate: float = param(
        0.04, "Weekly wake-up probability when all of one's contacts are engaged (q)",
        unit="per week", basis=BASS + " internal influence",
        value_source="target: engagement_saturation (was 0.06 before commit 9e2ca39)",
        ge=0.0, le=1.0, key=True)
    facilitation_gain: float = param(
        1.0, "Relative boost of word of mouth by horizontal facilitation: q x (1 + gain x H)",
        unit="multiplier", basis="MODEL.md step 2 (facilitation removes blocks)",
        value_source=ASSUMPTION, ge=0.0, le=10.0)
    contagion: Literal["simple", "complex"] = param(
        "simple", "Simple contagion (one engaged contact suffices) or complex (a threshold)",
        unit="choice", basis=CENTOLA, value_source=SETTING)
    threshold_mean: float = param(
        2.0, "Mean number of engaged contacts needed (complex)", unit="contacts", basis=CENTOLA,
        value_source="Centola & Macy (2007), p. 703: a complex contagion needs 'interaction "
        "with multiple carriers'; 2 is the smallest such threshold", ge=1.0, le=50.0)
    threshold_sd: float = param(0.0, "SD of residents' thresholds (complex)", unit="contacts",
                                basis="Granovetter (1978) a distribution of thresholds",
                                value_source="assumption (one threshold for all, the simplest "
                                "case)", ge=0.0, le=20.0)
    threshold_unit: Literal["contacts", "share"] = param(
        "contacts", "Thresholds as a count of engaged contacts or as a share of one's contacts "
        "(complex)", unit="choice", basis="Granovetter (1978) shares; " + CENTOLA + " counts",
        value_source=SETTING)
    threshold_share_mean: float = param(
        0.25, "Mean share of engaged contacts needed (complex, threshold_unit share)",
        unit="share [0, 1]", basis="Granovetter (1978) thresholds as shares",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    threshold_share_sd: float = param(
        0.0, "SD of residents' share thresholds (complex, threshold_unit share)",
        unit="share [0, 1]", basis="Granovetter (1978) a distribution of thresholds",
        value_source="assumption (one threshold for all, the simplest case)", ge=0.0, le=0.5)
    instigators: float = param(
        0.0, "Share of residents with threshold 0 (complex): they act without waiting for "
        "others", unit="share [0, 1]", basis="Granovetter (1978) instigators",
        value_source="setting (off by default: no instigators)", ge=0.0, le=1.0)
    reinforcement: float = param(
        1.0, "How strictly word of mouth needs the threshold (complex): below it, the wake-up "
        "chance is scaled by (1 - reinforcement); 1 a hard threshold, 0 none",
        unit="share [0, 1]", basis="Centola & Macy (2007); Eckles et al. (2024) noisy "
        "thresholds", value_source="assumption (a hard threshold; Eckles et al. show that "
        "noise below it reverses the advantage of clustering)", ge=0.0, le=1.0)
    connector_weight: float = param(
        3.0, "How many ordinary contacts an engaged connector counts for in word of mouth",
        unit="multiplier", basis="seed 000 (kantelaars brengen mensen samen)",
        value_source=ASSUMPTION, ge=1.0, le=50.0)
    receptivity_weight: float = param(
        0.5, "How much intrinsic motivation scales the wake-up probability (0: not at all)",
        unit="share [0, 1]", basis="Deci, Koestner & Ryan (1999)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    lapse_rate: float = param(
        0.02, "Weekly probability an engaged resident without ownership falls back to passive; "
        "scaled by (1 - ownership)", unit="per week", basis="MODEL.md (engagement from passive "
        "to active and back)",
        value_source="target: engagement_saturation (was 0.01 before commit 9e2ca39)",
        ge=0.0, le=1.0)
    activation_ownership: float = param(
        0.3, "Ownership above which an engaged resident with energy left is active",
        unit="score [0, 1]", basis="seed 004 (eigenaarschap)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    certainty_relief: float = param(
        0.2, "Share of the ownership needed to act that legal certainty takes away at full "
        "control: threshold x (1 - certainty_relief x control)", unit="share [0, 1]",
        basis="seed 003 (who is liable when something goes wrong?); MODEL.md step 2 (rules "
        "give legal certainty)", value_source=ASSUMPTION, ge=0.0, le=1.0)


class ResidentSettings(Section):
    """Residents' initial traits and how ownership, motivation and energy move (step 3)."""

    motivation_mean: float = param(0.5, "Mean intrinsic motivation at the start",
                                   unit="score [0, 1]", basis="Frey & Jegen (2001)",
                                   value_source="assumption (the midpoint of the scale)",
                                   ge=0.0, le=1.0)
    motivation_sd: float = param(0.15, "SD of intrinsic motivation", unit="score",
                                 basis="Frey & Jegen (2001)", value_source=ASSUMPTION,
                                 ge=0.0, le=0.5)
    ownership_initial: float = param(0.2, "Mean ownership (eigenaarschap) at the start",
                                     unit="score [0, 1]", basis="seed 004 (eigenaarschap)",
                                     value_source=ASSUMPTION, ge=0.0, le=1.0)
    ownership_gain: float = param(
        0.05, "Weekly ownership gain of an engaged resident reached by horizontal recognition",
        unit="per week", basis="seed 004 (eigenaarschap wekken)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    ownership_procedure_loss: float = param(
        0.02, "Weekly ownership loss of an engaged resident under vertical procedure at V = 1",
        unit="per week", basis="MODEL.md step 2 (rules impose procedure)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    ownership_decay: float = param(0.01, "Weekly relaxation of ownership towards its initial "
                                   "level", unit="per week", basis=ASSUMPTION,
                                   value_source=ASSUMPTION, ge=0.0, le=1.0)
    programme_role_gain: float = param(
        0.02, "Weekly ownership gain of an engaged resident given a role by vertical "
        "programmes at V = 1 (reaches everyone alike, unlike street contact)", unit="per week",
        basis="MODEL.md step 2 (programmes reach everyone alike); Dai, Han & de Vries (2024) "
        "a formal, government-led channel raised participation (as cited in issue 14, not "
        "confirmed here)", value_source="assumption (equal to ownership_procedure_loss: no "
        "prior that roles or procedure weigh more)", ge=0.0, le=1.0)
    energy_drain: float = param(0.03, "Weekly energy used by an active resident",
                                unit="per week", basis="seed 003 (volhoudbaarheid)",
                                value_source=ASSUMPTION, ge=0.0, le=1.0)
    lone_load: float = param(
        1.0, "Extra work an active resident carries when none of their contacts is active: "
        "drain x (1 + lone_load x (1 - active share of contacts))", unit="multiplier",
        basis="seed 003 (volhoudbaarheid)", value_source=ASSUMPTION, ge=0.0, le=10.0)
    trait_sd: float = param(0.1, "SD of initial ownership and of both trusts across residents",
                            unit="score", basis=ASSUMPTION, value_source=ASSUMPTION,
                            ge=0.0, le=0.5)
    energy_recovery: float = param(0.05, "Weekly recovery towards full energy",
                                   unit="per week", basis="seed 003 (volhoudbaarheid)",
                                   value_source=ASSUMPTION, ge=0.0, le=1.0)
    handover_load: float = param(
        0.5, "Extra work active residents carry when the municipality does less itself: "
        "drain x (1 + handover_load x (1 - V))", unit="multiplier",
        basis="seed 003 (volhoudbaarheid); MODEL.md (volunteers burn out)",
        value_source=ASSUMPTION, ge=0.0, le=10.0)
    burnout_level: float = param(0.2, "Energy below which a volunteer is burnt out and stops",
                                 unit="score [0, 1]", basis="seed 003 (volhoudbaarheid)",
                                 value_source=ASSUMPTION, ge=0.0, le=1.0)


class TrustSettings(Section):
    """Trust in government and in neighbours (step 3)."""

    initial_government: float = param(0.5, "Mean trust in government at the start",
                                      unit="score [0, 1]", basis="MODEL.md (trust in "
                                      "government)", value_source="assumption (the midpoint)",
                                      ge=0.0, le=1.0)
    initial_neighbours: float = param(0.5, "Mean trust in neighbours at the start",
                                      unit="score [0, 1]", basis="MODEL.md (trust in "
                                      "neighbours)", value_source="assumption (the midpoint)",
                                      ge=0.0, le=1.0)
    presence_gain: float = param(
        0.05, "Weekly gain of trust in government of a resident an official meets in the street",
        unit="per week", basis="MODEL.md step 2 (presence builds trust)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    reliability_gain: float = param(
        0.05, "Weekly gain of every resident's trust in government from vertical reliability "
        "(accountable, predictable rules and services) at V = 1",
        unit="per week", basis="MODEL.md step 2 (accountability, legal certainty); OECD "
        "(2022) Trust Survey: perceived reliability is among the drivers most strongly related "
        "to trust in government, with responsiveness and fairness",
        value_source="assumption (equal to presence_gain per unit of intensity: no prior that "
        "one weighs more; H is bounded by officials' street time)", ge=0.0, le=1.0)
    procedure_loss: float = param(
        0.01, "Weekly loss of engaged residents' trust from procedure at V = 1", unit="per week",
        basis="seeds 003, 004 (systeemwereld)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    incident_loss: float = param(
        0.02, "Loss of trust in government in a neighbourhood per incident per 100 residents",
        unit="per incident", basis="MODEL.md (incidents, cost of horizontal work)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    neighbour_rate: float = param(
        0.02, "Weekly pull of trust in neighbours towards the engaged share of one's contacts",
        unit="per week", basis="Putnam (bonding)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    social_influence: float = param(
        0.01, "Weekly pull of trust in government towards contacts' mean trust", unit="per week",
        basis="assumption (trust is social)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    presence_bias: float = param(
        1.0, "How strongly street contact favours engaged, well-connected residents "
        "(0: everyone alike)", unit="exponent", basis="MODEL.md step 2 (help flows to the "
        "already active)", value_source=ASSUMPTION, ge=0.0, le=5.0)


class IncidentSettings(Section):
    """Incidents: the cost side of horizontal work (less accountability)."""

    rate: float = param(
        0.002, "Weekly incident probability per active resident without vertical control "
        "(an initiative's mishap: unsafe event, money gone astray)",
        unit="per active resident-week", basis="MODEL.md (incidents)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    base_rate: float = param(
        0.0005, "Weekly incident probability per resident, active or not, without control or "
        "collective efficacy (nuisance, neglect of public space)", unit="per resident-week",
        basis="MODEL.md (incidents, the cost side)", value_source="assumption (a quarter of an "
        "active resident's risk)", ge=0.0, le=1.0)
    control_reduction: float = param(
        0.8, "Share of incidents (both kinds) vertical control prevents at full control",
        unit="share [0, 1]", basis="MODEL.md step 2 (rules and control give accountability)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    collective_efficacy: float = param(
        0.5, "Share of residents' base incidents prevented when everyone in the neighbourhood "
        "is active (scaled by its active share)", unit="share [0, 1]",
        basis="Sampson, Raudenbush & Earls (1997) collective efficacy",
        value_source=ASSUMPTION, ge=0.0, le=1.0)


# March's Fig. 1 (p. 75) varies p1 over 0.1..0.9 and p2 over 0.1, 0.5, 0.9; 0.1 is his lowest.
MARCH_GRID = ("March (1991), Fig. 1 (p. 75): {p} = 0.1 is the lowest level he ran; one of his "
              "periods read as one week at {lever} = 1 (assumption)")


class LearningSettings(Section):
    """Action learning on March's (1991) model of exploration and exploitation (step 4)."""

    dimensions: int = param(30, "Dimensions m of the reality of 'what works here'",
                            unit="dimensions", basis=MARCH,
                            value_source="March (1991), p. 75 (Fig. 1: m = 30, n = 50)",
                            ge=1, le=1000)
    socialisation_rate: float = param(
        0.1, "March p1 at V = 1: per differing dimension, chance a belief steps toward the code",
        unit="per dimension-week", basis=MARCH + " p1 (p. 74)",
        value_source=MARCH_GRID.format(p="p1", lever="V"), ge=0.0, le=1.0, key=True)
    code_learning_rate: float = param(
        0.1, "March p2 at H = 1: chance the code adopts the majority action of residents who "
        "outperform it",
        unit="per dimension-week", basis=MARCH + " p2 (p. 74)",
        value_source=MARCH_GRID.format(p="p2", lever="H"), ge=0.0, le=1.0, key=True)
    peer_learning_rate: float = param(
        0.05, "Weekly chance a resident (at capacity 1) learns one dimension from a better-"
        "knowing contact", unit="per week", basis="Lazer & Friedman (2007)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    experiment_rate: float = param(
        0.02, "Weekly chance a resident (at capacity 1) tries a new belief and keeps it if it "
        "works better", unit="per week", basis="seed 000 (actieleren: uitproberen)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    turbulence: float = param(
        0.0005, "Weekly probability that each dimension of reality flips", unit="per dimension-"
        "week", basis=MARCH + " p4 (p. 79); seed 001 (verandering van tijdperken)",
        value_source="assumption (about one dimension in 40 a year)", ge=0.0, le=1.0)
    capacity_initial: float = param(0.3, "Mean learning capacity (zelflerend vermogen) at start",
                                    unit="score [0, 1]", basis="seed 000 (zelflerend vermogen)",
                                    value_source=ASSUMPTION, ge=0.0, le=1.0)
    capacity_sd: float = param(0.1, "SD of initial learning capacity", unit="score",
                               basis="seed 000 (zelflerend vermogen)", value_source=ASSUMPTION,
                               ge=0.0, le=0.5)
    reflection_gain: float = param(
        0.02, "Weekly capacity gain of a connector in reflection training", unit="per week",
        basis="seed 000 (training in reflectie)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    reflection_spread: float = param(
        0.01, "Weekly capacity gain per trained connector among a resident's contacts",
        unit="per week", basis="seed 000 (leren leren)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    circle_rate: float = param(
        0.2, "Weekly chance, at full learning time, that a learning circle teaches the code one "
        "true dimension", unit="per week", basis="seeds 002, 003 (leerkring, leernetwerk)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)


class ProgrammeSettings(Section):
    """Municipal programmes and instruments switched on by interventions."""

    connector_programme_size: int = param(
        20, "Residents the municipality picks to invest in when a connector programme starts",
        unit="residents", basis="seed 000 (investeren in kantelaars)",
        value_source="setting (the programme's size is the municipality's choice)",
        ge=1, le=100_000)
    investment_ownership: float = param(
        0.3, "Ownership boost of a resident invested in by the connector programme",
        unit="score", basis="seed 000 (investeren in kantelaars)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    subsidy_relief: float = param(
        0.5, "Share of active residents' energy drain a subsidy takes away", unit="share [0, 1]",
        basis="seed 003 (financiering)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    subsidy_procedure: float = param(
        0.5, "Extra vertical procedure a conditional subsidy adds (added to V for procedure "
        "losses)", unit="intensity", basis="Frey & Jegen (2001) (conditions are controlling)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    enforcement_control: float = param(
        0.5, "Extra control enforcement adds (added to V for incident prevention and procedure)",
        unit="intensity", basis="Gneezy & Rustichini (2000)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)


class CityConfig(Section):
    """A complete scenario. Every key has a default; a YAML file only says what differs."""

    meta: Meta = Field(default_factory=Meta)
    run: RunSettings = Field(default_factory=RunSettings)
    city: CitySettings = Field(default_factory=CitySettings)
    network: NetworkSettings = Field(default_factory=NetworkSettings)
    municipality: MunicipalitySettings = Field(default_factory=MunicipalitySettings)
    officials: OfficialsSettings = Field(default_factory=OfficialsSettings)
    engagement: EngagementSettings = Field(default_factory=EngagementSettings)
    residents: ResidentSettings = Field(default_factory=ResidentSettings)
    trust: TrustSettings = Field(default_factory=TrustSettings)
    incidents: IncidentSettings = Field(default_factory=IncidentSettings)
    learning: LearningSettings = Field(default_factory=LearningSettings)
    programmes: ProgrammeSettings = Field(default_factory=ProgrammeSettings)
    commons: CommonsSettings = Field(default_factory=CommonsSettings)
    crowding: CrowdingSettings = Field(default_factory=CrowdingSettings)
    instruments: InstrumentSettings = Field(default_factory=InstrumentSettings)
    interventions: list[Event] = Field(
        default_factory=list, description="Timeline of scheduled interventions (the event types "
        "and their keys: config/events.py, ODD step 7)")
    record: RecordSettings = Field(default_factory=RecordSettings)

    @model_validator(mode="after")
    def _big_enough(self) -> CityConfig:
        per_nbhd = self.city.residents // self.city.neighbourhoods
        if per_nbhd < 1:  # an empty neighbourhood has no shares to measure (0 / 0)
            raise ValueError(f"city.neighbourhoods={self.city.neighbourhoods} is more than "
                             f"city.residents={self.city.residents}; every neighbourhood needs "
                             "residents")
        if self.network.type == "small_world" and per_nbhd <= self.network.mean_degree:
            raise ValueError(
                f"each neighbourhood needs more than network.mean_degree="
                f"{self.network.mean_degree} residents; city.residents / city.neighbourhoods "
                f"is {per_nbhd}")
        return self

    @model_validator(mode="after")
    def _targets_exist(self) -> CityConfig:
        for k, e in enumerate(self.interventions):
            wanted = getattr(getattr(e, "target", None), "neighbourhoods", None) or []
            if any(i >= self.city.neighbourhoods for i in wanted):
                raise ValueError(
                    f"interventions.{k}.target.neighbourhoods {wanted}: the city has "
                    f"neighbourhoods 0..{self.city.neighbourhoods - 1} (city.neighbourhoods)")
        return self
