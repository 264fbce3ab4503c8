"""The config schema: every parameter of the model, with default, bounds, unit and source.

config YAML -> `CityConfig` (this file) -> `CityModel`. Rates are per week (one step = one
week). "V" and "H" below are the municipality's realised vertical and horizontal intensities in
[0, 1] (see `municipality.py`); rates "at full intensity" are multiplied by them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .commons_schema import CommonsSettings, CrowdingSettings
from .events import Event
from .instruments_schema import InstrumentSettings
from .params import Section, param

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

    weeks: int = param(520, "Number of weekly steps to simulate", unit="weeks", ge=1, le=100_000)
    seed: int = param(1, "Root seed; every random stream is derived from it", unit="integer", ge=0)


RECORD_FIELDS = (
    "neighbourhood", "is_connector", "engaged", "active", "burnt_out", "motivation", "ownership",
    "trust_gov", "trust_nbr", "energy", "capacity", "knowledge", "theme", "invested", "trained",
)


class RecordSettings(Section):
    """Per-resident records, opt-in: snapshots into residents.parquet (weekly means always)."""

    every: int = param(0, "Weeks between per-resident snapshots in residents.parquet, from week "
                       "0 (0: no per-resident records)", unit="weeks", ge=0, le=100_000)
    fields: list[Literal[RECORD_FIELDS]] = param(  # type: ignore[valid-type]
        ["engaged", "active", "trust_gov", "ownership", "knowledge"],
        "Per-resident fields in each snapshot (besides week and resident)", unit="field names")


class CitySettings(Section):
    """Who lives in the city and how it is divided."""

    residents: int = param(2000, "Number of residents", unit="residents", ge=10, le=10_000_000,
                           key=True)
    neighbourhoods: int = param(3, "Number of neighbourhoods (equal sizes)", unit="count",
                                ge=1, le=10_000)
    connector_share: float = param(
        0.03, "Share of residents who are connectors (kantelaars)", unit="share [0, 1]",
        source="seed 000 (kantelaars); Ghorbani et al. (2020) initiators as bottleneck; value "
        "assumption", ge=0.0, le=0.5, key=True)
    turnover_rate: float = param(
        0.002, "Weekly probability that a resident moves away and a newcomer moves in",
        unit="per week", source="assumption (about 10% of residents per year)", ge=0.0, le=0.2)


class NetworkSettings(Section):
    """The social network residents sit on."""

    type: Literal["small_world", "ring", "random", "fully_mixed"] = param(
        "small_world", "Network type: clustered small world per neighbourhood with weaker ties "
        "across (default), one ring lattice, degree-matched random, or fully mixed (mean field)",
        unit="choice", source="Watts & Strogatz (1998); MODEL.md")
    mean_degree: int = param(8, "Ties per resident inside the neighbourhood (even); fully mixed: "
                             "others met per week where a count of contacts matters",
                             unit="ties", source="assumption", ge=2, le=200)

    @field_validator("mean_degree")
    @classmethod
    def _even(cls, v: int) -> int:
        if v % 2:
            raise ValueError(f"must be even (ring lattices pair ties); try {v + 1}")
        return v
    rewire: float = param(0.1, "Watts-Strogatz rewiring probability of within-neighbourhood "
                          "ties", unit="probability", source="Watts & Strogatz (1998)",
                          ge=0.0, le=1.0)
    bridge_degree: float = param(
        0.3, "Mean number of ties an ordinary resident has to other neighbourhoods",
        unit="ties", source="Granovetter (1973) weak ties; value assumption", ge=0.0, le=50.0)
    connector_bridge_degree: float = param(
        4.0, "Mean number of bridging ties a connector has to other neighbourhoods",
        unit="ties", source="Burt (2004) structural holes; seed 000; value assumption",
        ge=0.0, le=200.0)


class AdaptiveSettings(Section):
    """The self-learning municipality: it learns its own mix by trial and error (step 6)."""

    enabled: bool = param(False, "Let the municipality adjust vertical_share from what it "
                          "observes", unit="on/off", source="MODEL.md (the city that learns)",
                          key=True)
    interval: int = param(13, "Weeks between evaluations", unit="weeks", ge=1, le=520)
    step: float = param(0.05, "Change of vertical_share per evaluation", unit="share",
                        ge=0.0, le=0.5)
    observation_noise: float = param(0.01, "SD of the noise on the observed outcome",
                                     unit="outcome units", ge=0.0, le=1.0)
    weight_engagement: float = param(1.0, "Weight of the engaged share in the observed outcome",
                                     unit="weight", ge=0.0, le=10.0)
    weight_trust: float = param(1.0, "Weight of trust in government in the observed outcome",
                                unit="weight", ge=0.0, le=10.0)
    weight_knowledge: float = param(1.0, "Weight of the code's knowledge in the observed outcome",
                                    unit="weight", ge=0.0, le=10.0)
    weight_incidents: float = param(1.0, "Weight of incidents per 100 residents (subtracted)",
                                    unit="weight", ge=0.0, le=10.0)
    weight_commons: float = param(
        0.0, "Weight of the share of residents in a living initiative or commons in the "
        "observed outcome", unit="weight", source="MODEL.md (community strength)", ge=0.0,
        le=10.0)


class MunicipalitySettings(Section):
    """The municipality's lever and budget (step 2)."""

    vertical_share: float = param(
        0.5, "Share of steering effort spent vertically (programmes, rules, control, "
        "conditional subsidies); the rest is horizontal organizing", unit="share [0, 1]",
        source="MODEL.md; seeds 001, 004 (systeemwereld / leefwereld)", ge=0.0, le=1.0, key=True)
    effort: float = param(
        1.0, "Total steering effort relative to nominal; V = min(1, effort x vertical_share)",
        unit="multiple of nominal", ge=0.0, le=2.0, key=True)
    learning_culture: float = param(
        0.0, "Share of officials' learning time protected from urgency", unit="share [0, 1]",
        source="seed 002 (cultuur van leren en experimenteren)", ge=0.0, le=1.0, key=True)
    adaptive: AdaptiveSettings = Field(default_factory=AdaptiveSettings)


class OfficialsSettings(Section):
    """Frontline officials (ambtenaren): time, style, leadership order, strain (step 1)."""

    count: int = param(10, "Number of frontline officials", unit="officials", ge=1, le=100_000)
    urgency_mean: float = param(
        0.4, "Mean share of an official's week eaten by daily urgency", unit="share [0, 1]",
        source="seed 002 (de waan van de dag); value assumption", ge=0.0, le=1.0, key=True)
    urgency_sd: float = param(0.1, "Week-to-week SD of urgency per official", unit="share",
                              ge=0.0, le=0.5)
    learning_share: float = param(0.2, "Share of time left after urgency meant for learning",
                                  unit="share [0, 1]", ge=0.0, le=1.0)
    style_mean: float = param(0.5, "Mean personal style (0 vertical, 1 horizontal)",
                              unit="score [0, 1]", ge=0.0, le=1.0)
    style_sd: float = param(0.15, "SD of personal style across officials", unit="score",
                            ge=0.0, le=0.5)
    style_weight: float = param(
        0.5, "How far an official's own style, rather than the organisation's mix, decides "
        "street time", unit="share [0, 1]", ge=0.0, le=1.0)
    order_shares: list[float] = param(
        [0.4, 0.3, 0.2, 0.1], "Initial shares of officials in leadership order 1-4",
        unit="shares summing to 1", source="seed 000 (vierde orde); values assumption")
    order_effect: list[float] = param(
        [0.25, 0.5, 0.75, 1.0], "Effectiveness of an hour in the street, by leadership order 1-4",
        unit="multiplier per order", source="seed 000 (4th order: wakes ownership in others); "
        "values assumption")
    order_growth_rate: float = param(
        0.01, "Weekly probability of rising one leadership order at full learning time",
        unit="per week", source="seed 000 (leren leren); value assumption", ge=0.0, le=1.0)
    strain_mismatch_weight: float = param(
        0.5, "Weight of style-organisation mismatch (vs urgency) in the strain officials move "
        "toward", unit="share [0, 1]", source="MODEL.md (spagaat); assumption", ge=0.0, le=1.0)
    strain_rate: float = param(0.1, "How fast strain follows style-organisation mismatch and "
                               "overload (spagaat)", unit="per week", ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _four_orders(self) -> OfficialsSettings:
        if len(self.order_shares) != 4 or abs(sum(self.order_shares) - 1) > 1e-6 or min(
                self.order_shares) < 0:
            raise ValueError("order_shares must be 4 non-negative numbers summing to 1")
        if len(self.order_effect) != 4 or min(self.order_effect) < 0:
            raise ValueError("order_effect must be 4 non-negative numbers")
        return self


class EngagementSettings(Section):
    """Waking up (wakker worden): broadcast (Bass p) and word of mouth (Bass q) (step 3)."""

    initial_engaged: float = param(0.05, "Share of residents engaged at the start",
                                   unit="share [0, 1]", ge=0.0, le=1.0)
    seeding: Literal["scattered", "clustered"] = param(
        "scattered", "Where the initially engaged live: scattered at random, or in one cluster "
        "(a resident, its contacts, their contacts, ...)", unit="choice",
        source="Centola & Macy (2007) seed a node and its neighbours")
    broadcast_rate: float = param(
        0.004, "Weekly probability a resident is woken by vertical programmes at V = 1 (p)",
        unit="per week", source=BASS + " external influence; value assumption", ge=0.0, le=1.0,
        key=True)
    word_of_mouth_rate: float = param(
        0.04, "Weekly wake-up probability when all of one's contacts are engaged (q)",
        unit="per week", source=BASS + " internal influence; value assumption", ge=0.0, le=1.0,
        key=True)
    facilitation_gain: float = param(
        1.0, "Relative boost of word of mouth by horizontal facilitation: q x (1 + gain x H)",
        unit="multiplier", source="MODEL.md step 2 (facilitation removes blocks); assumption",
        ge=0.0, le=10.0)
    contagion: Literal["simple", "complex"] = param(
        "simple", "Simple contagion (one engaged contact suffices) or complex (a threshold)",
        unit="choice", source=CENTOLA)
    threshold_mean: float = param(2.0, "Mean number of engaged contacts needed (complex)",
                                  unit="contacts", source=CENTOLA, ge=1.0, le=50.0)
    threshold_sd: float = param(0.0, "SD of residents' thresholds (complex)", unit="contacts",
                                source="Granovetter (1978)", ge=0.0, le=20.0)
    threshold_unit: Literal["contacts", "share"] = param(
        "contacts", "Thresholds as a count of engaged contacts or as a share of one's contacts "
        "(complex)", unit="choice", source="Granovetter (1978) shares; " + CENTOLA + " counts")
    threshold_share_mean: float = param(
        0.25, "Mean share of engaged contacts needed (complex, threshold_unit share)",
        unit="share [0, 1]", source="Granovetter (1978); value assumption", ge=0.0, le=1.0)
    threshold_share_sd: float = param(
        0.0, "SD of residents' share thresholds (complex, threshold_unit share)",
        unit="share [0, 1]", source="Granovetter (1978)", ge=0.0, le=0.5)
    instigators: float = param(
        0.0, "Share of residents with threshold 0 (complex): they act without waiting for "
        "others", unit="share [0, 1]", source="Granovetter (1978) instigators", ge=0.0, le=1.0)
    reinforcement: float = param(
        1.0, "How strictly word of mouth needs the threshold (complex): below it, the wake-up "
        "chance is scaled by (1 - reinforcement); 1 a hard threshold, 0 none",
        unit="share [0, 1]", source="Centola & Macy (2007); Eckles et al. (2024) noisy "
        "thresholds", ge=0.0, le=1.0)
    connector_weight: float = param(
        3.0, "How many ordinary contacts an engaged connector counts for in word of mouth",
        unit="multiplier", source="seed 000 (kantelaars brengen mensen samen); assumption",
        ge=1.0, le=50.0)
    receptivity_weight: float = param(
        0.5, "How much intrinsic motivation scales the wake-up probability (0: not at all)",
        unit="share [0, 1]", source="Deci, Koestner & Ryan (1999); assumption", ge=0.0, le=1.0)
    lapse_rate: float = param(
        0.02, "Weekly probability an engaged resident without ownership falls back to passive; "
        "scaled by (1 - ownership)", unit="per week", ge=0.0, le=1.0)
    activation_ownership: float = param(
        0.3, "Ownership above which an engaged resident with energy left is active",
        unit="score [0, 1]", source="seed 004 (eigenaarschap); assumption", ge=0.0, le=1.0)


class ResidentSettings(Section):
    """Residents' initial traits and how ownership, motivation and energy move (step 3)."""

    motivation_mean: float = param(0.5, "Mean intrinsic motivation at the start",
                                   unit="score [0, 1]", source="Frey & Jegen (2001)",
                                   ge=0.0, le=1.0)
    motivation_sd: float = param(0.15, "SD of intrinsic motivation", unit="score", ge=0.0, le=0.5)
    ownership_initial: float = param(0.2, "Mean ownership (eigenaarschap) at the start",
                                     unit="score [0, 1]", ge=0.0, le=1.0)
    ownership_gain: float = param(
        0.05, "Weekly ownership gain of an engaged resident reached by horizontal recognition",
        unit="per week", source="seed 004 (eigenaarschap wekken); assumption", ge=0.0, le=1.0)
    ownership_procedure_loss: float = param(
        0.02, "Weekly ownership loss of an engaged resident under vertical procedure at V = 1",
        unit="per week", source="MODEL.md step 2 (rules impose procedure); assumption",
        ge=0.0, le=1.0)
    ownership_decay: float = param(0.01, "Weekly relaxation of ownership towards its initial "
                                   "level", unit="per week", ge=0.0, le=1.0)
    energy_drain: float = param(0.03, "Weekly energy used by an active resident",
                                unit="per week", source="seed 003 (volhoudbaarheid); assumption",
                                ge=0.0, le=1.0)
    lone_load: float = param(
        1.0, "Extra work an active resident carries when none of their contacts is active: "
        "drain x (1 + lone_load x (1 - active share of contacts))", unit="multiplier",
        source="seed 003 (volhoudbaarheid); assumption", ge=0.0, le=10.0)
    trait_sd: float = param(0.1, "SD of initial ownership and of both trusts across residents",
                            unit="score", source="assumption", ge=0.0, le=0.5)
    energy_recovery: float = param(0.05, "Weekly recovery towards full energy",
                                   unit="per week", ge=0.0, le=1.0)
    burnout_level: float = param(0.2, "Energy below which a volunteer is burnt out and stops",
                                 unit="score [0, 1]", source="seed 003 (volhoudbaarheid)",
                                 ge=0.0, le=1.0)


class TrustSettings(Section):
    """Trust in government and in neighbours (step 3)."""

    initial_government: float = param(0.5, "Mean trust in government at the start",
                                      unit="score [0, 1]", ge=0.0, le=1.0)
    initial_neighbours: float = param(0.5, "Mean trust in neighbours at the start",
                                      unit="score [0, 1]", ge=0.0, le=1.0)
    presence_gain: float = param(
        0.05, "Weekly gain of trust in government of a resident an official meets in the street",
        unit="per week", source="MODEL.md step 2 (presence builds trust); assumption",
        ge=0.0, le=1.0)
    reliability_gain: float = param(
        0.005, "Weekly gain of passive residents' trust from vertical reliability at V = 1",
        unit="per week", source="MODEL.md step 2 (accountability, legal certainty); assumption",
        ge=0.0, le=1.0)
    procedure_loss: float = param(
        0.01, "Weekly loss of engaged residents' trust from procedure at V = 1", unit="per week",
        source="seeds 003, 004 (systeemwereld); assumption", ge=0.0, le=1.0)
    incident_loss: float = param(
        0.02, "Loss of trust in government in a neighbourhood per incident per 100 residents",
        unit="per incident", source="MODEL.md (incidents, cost of horizontal work); assumption",
        ge=0.0, le=1.0)
    neighbour_rate: float = param(
        0.02, "Weekly pull of trust in neighbours towards the engaged share of one's contacts",
        unit="per week", source="Putnam (bonding); assumption", ge=0.0, le=1.0)
    social_influence: float = param(
        0.01, "Weekly pull of trust in government towards contacts' mean trust", unit="per week",
        ge=0.0, le=1.0)
    presence_bias: float = param(
        1.0, "How strongly street contact favours engaged, well-connected residents "
        "(0: everyone alike)", unit="exponent", source="MODEL.md step 2 (help flows to the "
        "already active); assumption", ge=0.0, le=5.0)


class IncidentSettings(Section):
    """Incidents: the cost side of horizontal work (less accountability)."""

    rate: float = param(
        0.002, "Weekly incident probability per active resident without vertical control",
        unit="per active resident-week", source="MODEL.md (incidents); assumption", ge=0.0,
        le=1.0)
    control_reduction: float = param(
        0.8, "Share of incidents vertical control prevents at V = 1", unit="share [0, 1]",
        ge=0.0, le=1.0)


class LearningSettings(Section):
    """Action learning on March's (1991) model of exploration and exploitation (step 4)."""

    dimensions: int = param(30, "Dimensions m of the reality of 'what works here'",
                            unit="dimensions", source=MARCH, ge=1, le=1000)
    socialisation_rate: float = param(
        0.1, "March p1 at V = 1: per differing dimension, chance a belief steps toward the code",
        unit="per dimension-week", source=MARCH, ge=0.0, le=1.0, key=True)
    code_learning_rate: float = param(
        0.1, "March p2 at H = 1: chance the code adopts the majority action of residents who "
        "outperform it",
        unit="per dimension-week", source=MARCH, ge=0.0, le=1.0, key=True)
    peer_learning_rate: float = param(
        0.05, "Weekly chance a resident (at capacity 1) learns one dimension from a better-"
        "knowing contact", unit="per week", source="Lazer & Friedman (2007); assumption",
        ge=0.0, le=1.0)
    experiment_rate: float = param(
        0.02, "Weekly chance a resident (at capacity 1) tries a new belief and keeps it if it "
        "works better", unit="per week", source="seed 000 (actieleren: uitproberen); assumption",
        ge=0.0, le=1.0)
    turbulence: float = param(
        0.0005, "Weekly probability that each dimension of reality flips", unit="per dimension-"
        "week", source=MARCH + "; seed 001 (verandering van tijdperken)", ge=0.0, le=1.0)
    capacity_initial: float = param(0.3, "Mean learning capacity (zelflerend vermogen) at start",
                                    unit="score [0, 1]", ge=0.0, le=1.0)
    capacity_sd: float = param(0.1, "SD of initial learning capacity", unit="score",
                               ge=0.0, le=0.5)
    reflection_gain: float = param(
        0.02, "Weekly capacity gain of a connector in reflection training", unit="per week",
        source="seed 000 (training in reflectie); assumption", ge=0.0, le=1.0)
    reflection_spread: float = param(
        0.01, "Weekly capacity gain per trained connector among a resident's contacts",
        unit="per week", source="seed 000 (leren leren); assumption", ge=0.0, le=1.0)
    circle_rate: float = param(
        0.2, "Weekly chance, at full learning time, that a learning circle teaches the code one "
        "true dimension", unit="per week", source="seeds 002, 003 (leerkring, leernetwerk); "
        "assumption", ge=0.0, le=1.0)


class ProgrammeSettings(Section):
    """Municipal programmes and instruments switched on by interventions."""

    connector_programme_size: int = param(
        20, "Residents the municipality picks to invest in when a connector programme starts",
        unit="residents", source="seed 000", ge=1, le=100_000)
    investment_ownership: float = param(
        0.3, "Ownership boost of a resident invested in by the connector programme",
        unit="score", ge=0.0, le=1.0)
    subsidy_relief: float = param(
        0.5, "Share of active residents' energy drain a subsidy takes away", unit="share [0, 1]",
        source="seed 003 (financiering); assumption", ge=0.0, le=1.0)
    subsidy_procedure: float = param(
        0.5, "Extra vertical procedure a conditional subsidy adds (added to V for procedure "
        "losses)", unit="intensity", source="Frey & Jegen (2001); assumption", ge=0.0, le=1.0)
    enforcement_control: float = param(
        0.5, "Extra control enforcement adds (added to V for incident prevention and procedure)",
        unit="intensity", source="Gneezy & Rustichini (2000); assumption", ge=0.0, le=1.0)


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
