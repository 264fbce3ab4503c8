"""CityModel: the self-learning city, one step per week, in MODEL.md's order.

config -> CityModel (state arrays + thin Mesa agents) -> measures -> Recorder.
Every mechanism is a pure function in its own module; this class owns the state, hands each
function its arrays and its own random stream, and stores what comes back.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from . import (
    crowding,
    engagement,
    engagement_phase,
    inclusion,
    instruments,
    learning,
    officials,
    prices,
    trust,
    volunteering,
)
from .agents import AgentViews
from .collector import MeasureCollector
from .commons import CommonsState
from .commons.week import WeekContext, run_week
from .config.events import Event, parse_event
from .config.keywords import apply_keywords
from .config.schema import CityConfig
from .interventions import InterventionContext, apply_event
from .jit import floats, per_resident
from .measures import weekly_measures
from .municipality import Municipality, hill_climb, intensities
from .network import build_network
from .played import Played, apply_plans
from .population import create_residents, replace
from .rng import Streams, root_seed
from .run.recorder import Recorder
from .sampling import chosen

# The week's phases in the order of MODEL.md's step list: `step()` calls them, the profiler
# (`run/profiling.py`) times them.
PHASES = (
    "spend_officials_time",  # 1. urgency hits; the rest goes to street and learning
    "steer",  # 2. the municipality spends its effort by vertical_share
    "move_residents",  # 3a. residents move in and out (turnover)
    "update_engagement",  # 3b. engagement, ownership, energy, trust move
    "crowd_motivation",  # 3c. controlling instruments and recognition move motivation
    "learn",  # 4. action learning (March), peers, experiments, reflection
    "grow_commons",  # 5. initiatives grow into commons, scored on Ostrom's principles
    "adapt",  # 6. the adaptive municipality adjusts its mix
    "fire_interventions",  # 7. scheduled interventions fire
    "record",  # 8. data is collected
)


class CityModel(AgentViews, mesa.Model):
    """Residents, connectors and officials in the neighbourhoods of one city."""

    phases = PHASES

    def __init__(self, config: CityConfig | None = None, seed: int | None = None, *,
                 rng: Any = None, agent_reporters: dict | None = None,
                 agenttype_reporters: dict | None = None, scenario: Any = None,
                 **params: Any):
        """Build the city from a config and/or keyword parameters by key path.

        `CityModel(vertical_share=0.3, residents=500)` sets those keys of `config` (default:
        the schema's defaults); how a keyword names a key path: `config/keywords.py`.
        Seeding follows Mesa: `seed` or `rng` (an int, or anything `numpy.random.default_rng`
        takes), not both; with neither, fresh entropy. The seed actually used is
        `model.seed`, and `model.config.run.seed`, so `model.config` reproduces the run
        (`run.build_model` and the CLI pass `config.run.seed`). `agent_reporters` and
        `agenttype_reporters` go to `model.datacollector` as in Mesa's DataCollector.
        A Mesa `scenario` (SolaraViz's Reset passes one) only contributes its `rng`.
        """
        config = apply_keywords(config or CityConfig(), params)
        if scenario is not None and seed is None and rng is None:
            rng = scenario.rng
        seed = root_seed(seed, rng)
        super().__init__(rng=seed)
        config = config.model_copy(update={"run": config.run.model_copy(update={"seed": seed})})
        self.config, self.seed, self.week = config, seed, 0
        self.streams = Streams(seed)
        self.residents = create_residents(config, self.streams["population"])
        self.network = build_network(self.residents.neighbourhood, self.residents.is_connector,
                                     config.network, self.streams["network"])
        if config.engagement.seeding == "clustered":
            adj, n = self.network.adjacency, self.residents.n
            self.residents.engaged = engagement.clustered_seeds(
                None if adj is None else adj.indptr, None if adj is None else adj.indices, n,
                round(config.engagement.initial_engaged * n), self.streams["population"])
        self.officials = officials.create_officials(config.officials, self.streams["officials"])
        self.played = Played()  # what people playing agents decided (participatory mode)
        self.municipality = Municipality.from_settings(config.municipality)
        rng = self.streams["learning"]
        self.reality = rng.choice(np.array([-1, 1], dtype=np.int8), config.learning.dimensions)
        self.code = np.zeros(config.learning.dimensions, dtype=np.int8)
        self.known = learning.knowledge(self.residents.beliefs, self.reality)
        self.n_nbhd = config.city.neighbourhoods
        self.nbhd_size = np.bincount(self.residents.neighbourhood, minlength=self.n_nbhd)
        self.periphery = self.network.degree <= np.quantile(self.network.degree, 0.25)
        self.groups = inclusion.Groups.create(
            self.network.degree, None if self.network.fully_mixed else np.bincount(
                np.concatenate(self.network.bridge_ends), minlength=self.residents.n),
            self.residents.neighbourhood, self.n_nbhd, self.residents.trust_gov,
            self.residents.motivation)
        self.last: dict[str, float] = {}
        # Street contact of the week (step 3b), which crowding (3c) reads; one buffer that
        # `update_engagement` rewrites, so that no 8 MB array is made a week at 1,000,000.
        self.last_contact = np.ones(self.residents.n)
        # The uniforms of `learn`'s peer learners and experimenters, drawn into one buffer kept
        # here (the same numbers): a fresh 8 MB array a draw at 1,000,000 costs its page faults.
        self._uniforms = np.empty(self.residents.n)
        self.commons = CommonsState.create(self.residents.n, config.learning.dimensions,
                                           config.commons.contribution.mode == "amount")
        self.event_log: list[tuple[int, str, str]] = []
        self.timeline = sorted(config.interventions, key=lambda e: e.week)
        self.recorder = Recorder()  # agents: made on first access (AgentViews)
        self.datacollector = MeasureCollector(self.recorder, seed, agent_reporters,
                                              agenttype_reporters)
        self._plan_officials_week(np.full(self.officials.n, config.officials.urgency_mean))
        self.steer()
        self.fire_interventions()
        self.record()

    def step(self) -> None:
        """One week, in the order of MODEL.md's step list (`PHASES`)."""
        self.week += 1
        for phase in self.phases:
            getattr(self, phase)()
        self.running = self.week < self.config.run.weeks  # so Mesa's run_model() returns

    # 1 ---------------------------------------------------------------------------------------
    def spend_officials_time(self) -> None:
        """Urgency eats officials' time; strain and leadership order follow."""
        s, o, mun = self.config.officials, self.officials, self.municipality
        rng = self.streams["officials"]
        urgency = officials.draw_urgency(s.urgency_mean, s.urgency_sd, mun.shock(self.week),
                                         o.n, rng)
        o.off_sick = officials.draw_sick_leave(o.strain, s.sick_leave_rate, rng.random(o.n))
        self._plan_officials_week(urgency)
        o.strain = officials.update_strain(o.strain, o.style, mun.vertical_share, o.urgency,
                                           o.street_time, o.off_sick, s)
        o.order = officials.grow_orders(o.order, o.learning_time, s.learning_share,
                                        s.order_growth_rate, rng)
        self.last["officials_left"] = int(
            officials.leave_and_replace(o, s.leave_rate, rng.random(o.n)).sum())

    def _plan_officials_week(self, urgency: np.ndarray) -> None:
        s, o, mun = self.config.officials, self.officials, self.municipality
        o.urgency = urgency
        street, learning_time = officials.allocate_time(
            urgency, o.style, mun.vertical_share, s.learning_share, mun.learning_culture,
            s.style_weight)
        if self.played.plans:
            street, learning_time = apply_plans(self.played.plans, urgency, street,
                                                learning_time, mun.learning_culture)
        o.street_time, o.learning_time = street * ~o.off_sick, learning_time * ~o.off_sick

    # 2 ---------------------------------------------------------------------------------------
    def steer(self) -> None:
        """Realised vertical and horizontal intensity of this week."""
        s, o, mun = self.config.officials, self.officials, self.municipality
        presence = officials.street_presence(o.street_time, o.order, s.order_effect,
                                             s.learning_share)
        mun.V, mun.H = intensities(mun.vertical_share, mun.effort, presence)

    def programme(self, kind: str) -> bool | np.ndarray:
        """Whom a programme reaches now: a bool for the whole city, else one per resident."""
        return instruments.coverage(self.municipality.instruments, kind)

    @property
    def procedure(self) -> float | np.ndarray:
        """Vertical procedure residents meet: V plus conditional subsidy and enforcement.

        One number for the city, or one per resident while a programme reaches only some.
        """
        p, mun = self.config.programmes, self.municipality
        return _capped(mun.V + p.subsidy_procedure * self.programme("subsidy")
                       + p.enforcement_control * self.programme("enforcement"))

    @property
    def control(self) -> float | np.ndarray:
        """Vertical control that prevents incidents: V plus enforcement (as `procedure`)."""
        p, mun = self.config.programmes, self.municipality
        return _capped(mun.V + p.enforcement_control * self.programme("enforcement"))

    def control_by_neighbourhood(self) -> float | np.ndarray:
        """Control over incidents per neighbourhood: enforcement by the share of it reached."""
        enforced = self.programme("enforcement")
        if np.ndim(enforced) == 0:
            return self.control
        share = np.bincount(self.residents.neighbourhood, weights=enforced,
                            minlength=self.n_nbhd) / np.maximum(self.nbhd_size, 1)
        return np.minimum(1.0, self.municipality.V
                          + self.config.programmes.enforcement_control * share)

    # 3 ---------------------------------------------------------------------------------------
    def move_residents(self) -> None:
        """Turnover: each week some residents leave and newcomers take their place."""
        rng = self.streams["turnover"]
        leaving = np.flatnonzero(rng.random(self.residents.n) < self.config.city.turnover_rate)
        if leaving.size:
            self.move_out(leaving, rng)

    def move_out(self, rows: np.ndarray, rng: np.random.Generator | None = None) -> None:
        """The residents in `rows` move away; newcomers (new agents) take their rows."""
        replace(self.residents, rows, self.config, rng or self.streams["turnover"])
        self.groups.arrive(rows, self.residents.trust_gov[rows], self.residents.motivation[rows])
        learning.recount(self.known, self.residents.beliefs, rows, self.reality)
        self.sync_views()

    def wake_chances(self, k: np.ndarray | None = None) -> np.ndarray:
        """Each resident's chance to wake up this week, given who is engaged now.

        `k`, the weighted engaged contacts (summed here when not given).
        """
        r, net, e = self.residents, self.network, self.config.engagement
        if k is None:
            k = net.neighbour_sum(r.engaged * engagement.influence_weights(
                r.is_connector, e.connector_weight))
        return engagement_phase.wake_chances(floats(k), self._degree(), r.threshold,
                                             r.motivation, self._price("payment"),
                                             self._wake_terms())

    def _wake_terms(self) -> tuple:
        """The settings of `engagement.wake_chance` and `prices.paid_wake` this week."""
        e, mun = self.config.engagement, self.municipality
        return (e.broadcast_rate * mun.V, e.word_of_mouth_rate * (1 + e.facilitation_gain * mun.H),
                e.receptivity_weight, e.reinforcement, e.threshold_unit == "share",
                self.config.instruments.payment_response)

    def _price(self, kind: str) -> np.ndarray:
        """Per-resident level of a price instrument this week (zeros, not stored, without one)."""
        ins = self.municipality.instruments
        if instruments.has(ins, kind):
            return instruments.level(ins, kind, self.residents.n)
        return per_resident(0.0, self.residents.n)

    def _degree(self) -> np.ndarray:
        """Each resident's number of contacts, as the kernels take it (int64, no copy)."""
        return np.asarray(self.network.degree, dtype=np.int64)

    def update_engagement(self) -> None:
        """Wake-up and lapse, ownership, energy and burnout, incidents and trust.

        Three passes over residents (`engagement_phase.py`), cut where the step needs every
        resident first: street contact's mean, and the incidents' draw per neighbourhood.
        Each n-sized temporary is dropped when its use ends, so that at a million residents
        a week's peak is the live state plus the neighbour sums and a few arrays (issue 17).
        """
        r, net, mun, cfg = self.residents, self.network, self.municipality, self.config
        rng, degree, procedure = self.streams["engagement"], self._degree(), self.procedure
        bias = cfg.trust.presence_bias
        # 1. who wakes or lapses, from the start-of-week sums over each resident's contacts
        weighted, engaged_sum, active_sum, trust_sum = net.engagement_sums(
            r.engaged, r.is_connector, r.active, r.trust_gov, cfg.engagement.connector_weight)
        was_engaged = r.engaged
        u_wake, u_lapse = rng.random(r.n), rng.random(r.n)
        contact = self.last_contact  # last week's, read by its crowding: rewritten here
        r.engaged, woke = engagement_phase.wake_up(
            was_engaged, weighted, degree, r.threshold, r.motivation, r.ownership,
            self._price("payment"), u_wake, u_lapse, self._wake_terms(),
            cfg.engagement.lapse_rate, trust.mean_degree(degree), bias, contact)
        self.last["newly_engaged"] = int(woke)
        del weighted, u_wake, u_lapse
        # 2. street contact, ownership, energy, burnout, activity
        e, s = cfg.engagement, cfg.residents
        relief = cfg.programmes.subsidy_relief * self.programme("subsidy")
        threshold = volunteering.action_threshold(e.activation_ownership, e.certainty_relief,
                                                  self.control)
        active_by = engagement_phase.own_and_act(
            r.engaged, contact, trust.contact_scale(contact, bias), r.ownership,
            r.ownership_base, r.active, active_sum, degree, r.energy, r.burnt_out,
            per_resident(threshold, r.n), r.neighbourhood, self.nbhd_size.size,
            volunteering.ownership_terms(mun.H, mun.V, procedure, s, r.n),
            volunteering.energy_terms(relief, mun.V, s, r.n),
            volunteering.burnout_terms(s.burnout_level))
        del active_sum
        # incidents, then 3. trust in government and in neighbours
        incidents = trust.incidents_given(active_by, self.nbhd_size,
                                          self.control_by_neighbourhood(), cfg.incidents,
                                          self.streams["incidents"])
        self.last["incidents"] = int(incidents.sum())
        engaged_contacts = net.updated_sum(engaged_sum, was_engaged, r.engaged)
        del engaged_sum, was_engaged
        engagement_phase.trust_after(
            r.trust_gov, r.trust_nbr, r.engaged, contact, trust_sum, engaged_contacts, degree,
            trust.neighbourhood_losses(incidents, self.nbhd_size, cfg.trust.incident_loss),
            r.neighbourhood, trust.trust_gov_terms(mun.V, procedure, mun.H, cfg.trust, r.n),
            cfg.trust.neighbour_rate)

    def crowd_motivation(self) -> None:
        """Motivation crowding: control (subsidy, enforcement, imposed rules, prices), recognition.

        One pass over residents (`engagement_phase.crowd`).
        """
        s, r, mun = self.config.crowding, self.residents, self.municipality
        if not s.enabled:
            return
        c = self.commons.commons
        engagement_phase.crowd(
            r.engaged, self.last_contact, r.member_of, np.r_[c.imposed[: c.n], False],
            np.r_[c.recognised[: c.n], False], r.felt_control, r.motivation, r.motivation_base,
            self._price("payment"), self._price("fine"), self._price("recognition"), mun.H,
            crowding.pressure_terms(self.programme("subsidy"), self.programme("enforcement"),
                                    s, r.n),
            s.rise, s.fade, s.commons_recognition, self.config.instruments.price_control,
            crowding.crowd_terms(s))

    # 4 ---------------------------------------------------------------------------------------
    def learn(self) -> None:
        """March's socialisation and code learning, then peers, experiments and reflection."""
        r, net, mun, s = self.residents, self.network, self.municipality, self.config.learning
        rng = self.streams["learning"]
        new_code = learning.learn_code(self.code, r.beliefs, self.reality,
                                       s.code_learning_rate * mun.H, rng)
        moved = learning.socialise(r.beliefs, self.code, s.socialisation_rate * mun.V, rng)
        self.code = new_code
        learning.recount(self.known, r.beliefs, moved, self.reality)

        learners = chosen(rng.random(r.n, out=self._uniforms), s.peer_learning_rate,
                          r.capacity)
        adj = net.adjacency
        contact = learning.random_contact(
            None if adj is None else adj.indptr, None if adj is None else adj.indices,
            net.degree, learners, rng, r.n)
        copied, teachers = learning.learn_from_contacts(r.beliefs, self.known, learners,
                                                        contact, rng)
        across = np.count_nonzero(r.neighbourhood[copied] != r.neighbourhood[teachers])
        self.last["lessons_across"] = across
        self.last["lessons_within"] = copied.size - across

        trying = chosen(rng.random(r.n, out=self._uniforms), s.experiment_rate, r.capacity,
                        among=r.active)
        learning.experiment(r.beliefs, self.reality, trying, rng)
        changed = np.concatenate([copied, trying])

        if mun.learning_circle:
            relative = self.officials.learning_time.mean() / max(
                self.config.officials.learning_share, 1e-9)
            if rng.random() < s.circle_rate * relative:
                learning.teach_code(self.code, self.reality, rng)
        trained = r.trained | (self.programme("training") & r.invested)
        r.trained = trained
        if trained.any():  # else capacity stays as it is (a boost of 0 leaves it unchanged)
            trained_contacts = net.contacts_among(trained & r.engaged)
            r.capacity = learning.grow_capacity(r.capacity, trained, trained_contacts,
                                                s.reflection_gain, s.reflection_spread)
        reality = learning.drift(self.reality, s.turbulence, self.streams["turbulence"])
        if np.array_equal(reality, self.reality):  # most weeks: recount only who learnt
            learning.recount(self.known, r.beliefs, changed, reality)
        else:
            self.known = learning.knowledge(r.beliefs, reality)
        self.reality = reality

    # 5 ---------------------------------------------------------------------------------------
    def grow_commons(self) -> None:
        """Initiatives form, grow into commons and survive or dissolve (`commons/week.py`)."""
        if not self.config.commons.enabled:
            return
        cfg, mun, r = self.config, self.municipality, self.residents
        run_week(self.commons, WeekContext(
            residents=r, network=self.network, settings=cfg.commons, code=self.code,
            reality=self.reality, procedure=self.procedure, H=mun.H,
            subsidy=self.programme("subsidy"), enforcement=self.programme("enforcement"),
            learning_network=self.programme("learning_network"),
            subsidy_relief=cfg.programmes.subsidy_relief, mean_degree=cfg.network.mean_degree,
            week=self.week, rng=self.streams["commons"], deterrence=self._fine_deterrence(),
            punishers=self._punishers(), V=mun.V, effort=self.played.effort(r.n),
            mediated=self.played.mediated_mask(self.commons.commons.n)))
        self.played.mediated.clear()

    def _punishers(self) -> np.ndarray | None:
        """Who may punish free-riders at a cost of their own (None: peer punishment is off)."""
        may = self.programme("punishment")
        if np.ndim(may) == 0:
            return np.ones(self.residents.n, dtype=bool) if may else None
        return may

    def _fine_deterrence(self) -> np.ndarray | None:
        """Deterrence each resident weighs from running fines (None: no fine runs)."""
        ins = self.municipality.instruments
        if not any(i.kind == "fine" for i in ins):
            return None
        expected = instruments.level(ins, "fine", self.residents.n, inspected=True)
        return prices.fined_deterrence(np.zeros(self.residents.n), expected,
                                       self.config.instruments)

    # 6 ---------------------------------------------------------------------------------------
    def adapt(self) -> None:
        """The adaptive municipality evaluates a noisy outcome and adjusts vertical_share."""
        a, mun = self.config.municipality.adaptive, self.municipality
        if not a.enabled or self.week % a.interval:
            return
        r = self.residents
        observed = (a.weight_engagement * r.engaged.mean() + a.weight_trust * r.trust_gov.mean()
                    + a.weight_knowledge * (self.code == self.reality).mean()
                    - a.weight_incidents * self.last.get("incidents", 0) / r.n * 100
                    + a.weight_commons * (r.member_of >= 0).mean()
                    + self.streams["adaptive"].normal(0, a.observation_noise))
        mun.vertical_share, mun.direction = hill_climb(
            mun.vertical_share, mun.direction, float(observed), mun.last_observed, a.step)
        mun.last_observed = float(observed)

    # 7 ---------------------------------------------------------------------------------------
    def fire_interventions(self) -> None:
        """Fire the timeline's events scheduled for this week; instruments past their weeks end."""
        mun = self.municipality
        mun.instruments = instruments.running(mun.instruments, self.week + 1)
        while self.timeline and self.timeline[0].week <= self.week:
            self.intervene(self.timeline.pop(0))

    def intervene(self, event: Event | dict) -> str:
        """Carry out an event now (the app calls this live) and log it."""
        if isinstance(event, dict):
            event = parse_event({"week": self.week, **event})
        outcome = apply_event(InterventionContext(
            municipality=self.municipality, residents=self.residents, network=self.network,
            commons=self.commons, config=self.config, code=self.code, week=self.week,
            rng=self.streams["interventions"], commons_rng=self.streams["commons"],
            played=self.played), event)
        self.known = learning.knowledge(self.residents.beliefs, self.reality)  # newcomers
        if outcome.network is not None:
            self.network = outcome.network
        self.event_log.append((self.week, event.event, outcome.text))
        self.sync_views()
        if outcome.steer:
            self.steer()
        return outcome.text

    # 8 ---------------------------------------------------------------------------------------
    def record(self) -> None:
        """Collect this week's measures."""
        self.recorder.record(weekly_measures(self))
        self.datacollector.collect(self)

    def record_again(self) -> None:
        """Measure this week again, replacing its row (after a live intervention)."""
        self.recorder.replace_last(weekly_measures(self))
        self.datacollector.collect(self)

    def run(self, weeks: int | None = None) -> None:
        """Step `weeks` weeks (default: the config's `run.weeks`)."""
        for _ in range(self.config.run.weeks if weeks is None else weeks):
            self.step()


def _capped(x: float | np.ndarray) -> float | np.ndarray:
    """min(1, x): a number stays a number, an array stays an array."""
    return np.minimum(1.0, x) if np.ndim(x) else min(1.0, x)
