"""The city's core weekly rules written the way a Mesa user would: one Python agent per resident.

Two uses: `make bench` times it as "what a Mesa user would write" next to the vectorised
`CityModel`, and `tests/test_reference.py` checks that both give the same weekly engagement,
trust and knowledge curves in distribution. It reads the same `CityConfig` (same parameters,
same defaults) and follows `CityModel.step` rule by rule, but with agents, loops,
`AgentSet.shuffle_do` and Mesa's `Network` space (built from the same network generator, with
`layout=None`). Randomness comes from the model's seeded `self.random`, as in Mesa's examples;
this file is benchmark and test code, not part of the package, which uses named numpy streams.

Covered: officials' urgency, time, strain, sick leave, quitting and orders; V and H; turnover;
waking up (broadcast, word of mouth, thresholds, connector weight, receptivity) and lapse;
ownership (recognition, programme roles, procedure); energy (handover) and burnout; legal
certainty's lower threshold to act; incidents (active and all residents, collective efficacy);
trust in government and neighbours; March's code learning and socialisation; learning from
contacts; experiments; turbulence. Not covered (the reference
refuses configs that switch them on): motivation crowding (step 3c), initiatives and commons
(step 5), interventions and programmes, the adaptive municipality, and fully mixed networks.
`reference_config()` turns crowding and commons off; the agreement test runs both models with
it, and the bench times the reference with it against the full model (which does more work).

Synchronous or sequential. The vectorised model updates everyone from the state at the start
of each phase. Where a rule reads other residents' state (waking up, ownership, energy,
trust), the reference does the same with Mesa's two-phase idiom: every agent `decide_*`s from
the current state (in random order, which then cannot matter) and only afterwards all
`commit_*` their new values. Learning from a contact is left sequential, as a Mesa user would
write it: a teacher may already have copied a dimension from someone else earlier in the same
week. That needs two peer lessons in one week along a path (chance about
peer_learning_rate x capacity, about 1.5% at the defaults, squared per pair), moves knowledge
by at most one dimension, and cannot change any rate; the agreement test bounds what is left.
Code learning, socialisation and experiments read only the resident's own beliefs, the code
and reality, so their order is immaterial.
"""

from __future__ import annotations

import mesa
import networkx as nx
import numpy as np
from mesa.discrete_space import FixedAgent
from mesa.discrete_space import Network as NetworkSpace

from zelflerendestad.config.schema import CityConfig
from zelflerendestad.network import build_network
from zelflerendestad.rng import Streams


def clip01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


class OfficialAgent(mesa.Agent):
    """A frontline official with a style, a leadership order and a strain score."""

    def __init__(self, model: ReferenceCity):
        super().__init__(model)
        s = model.config.officials
        self.style = clip01(self.random.gauss(s.style_mean, s.style_sd))
        self.order = self.random.choices([1, 2, 3, 4], weights=s.order_shares)[0]
        self.strain = 0.0
        self.off_sick = False
        self.plan(s.urgency_mean)

    def plan(self, urgency: float) -> None:
        s, mun = self.model.config.officials, self.model
        self.urgency = urgency
        left = 1.0 - urgency
        present = not self.off_sick
        self.learning_time = s.learning_share * (left + mun.learning_culture * urgency) * present
        pref = (1 - s.style_weight) * (1 - mun.vertical_share) + s.style_weight * self.style
        self.street_time = (1.0 - s.learning_share) * left * pref * present

    def step(self) -> None:
        s, mun = self.model.config.officials, self.model
        noise = self.random.gauss(0.0, s.urgency_sd) if s.urgency_sd > 0 else 0.0
        self.off_sick = self.random.random() < s.sick_leave_rate * self.strain
        self.plan(clip01(s.urgency_mean + noise))
        w = s.strain_mismatch_weight
        target = min(1.0, w * abs(self.style - (1 - mun.vertical_share))
                     + (1 - w) * self.urgency + s.street_strain * self.street_time)
        self.strain += s.strain_rate * ((0.0 if self.off_sick else target) - self.strain)
        relative = self.learning_time / s.learning_share if s.learning_share > 0 else 0.0
        if self.random.random() < s.order_growth_rate * relative and self.order < 4:
            self.order += 1
        if self.random.random() < s.leave_rate * self.strain:  # a newcomer takes the post
            self.order, self.strain = 1, 0.0


class ResidentAgent(FixedAgent):
    """A resident on a cell of the network space, with its own state as attributes."""

    def __init__(self, model: ReferenceCity, neighbourhood: int):
        super().__init__(model)
        self.neighbourhood = neighbourhood
        self.is_connector = self.random.random() < model.config.city.connector_share
        self.engaged = self.random.random() < model.config.engagement.initial_engaged
        self.active = self.burnt_out = False
        self.draw_traits()

    def draw_traits(self) -> None:
        """Traits of a resident at the start or moving in (population.draw_traits)."""
        cfg, rnd = self.model.config, self.random
        e, r, t, lrn = cfg.engagement, cfg.residents, cfg.trust, cfg.learning
        if e.contagion == "simple":
            self.threshold = 1.0
        else:
            raw = rnd.gauss(e.threshold_mean, e.threshold_sd) if e.threshold_sd > 0 else \
                e.threshold_mean
            self.threshold = max(1.0, float(np.round(raw)))
        self.ownership = clip01(rnd.gauss(r.ownership_initial, r.trait_sd))
        self.ownership_base = self.ownership
        self.motivation = clip01(rnd.gauss(r.motivation_mean, r.motivation_sd))
        self.trust_gov = clip01(rnd.gauss(t.initial_government, r.trait_sd))
        self.trust_nbr = clip01(rnd.gauss(t.initial_neighbours, r.trait_sd))
        self.energy = 1.0
        self.capacity = clip01(rnd.gauss(lrn.capacity_initial, lrn.capacity_sd))
        self.beliefs = [rnd.randint(-1, 1) for _ in range(lrn.dimensions)]

    # 3a -----------------------------------------------------------------------------------
    def move(self) -> None:
        """Turnover: with a small chance a newcomer takes this dwelling."""
        if self.random.random() < self.model.config.city.turnover_rate:
            self.draw_traits()
            self.is_connector = self.engaged = self.active = self.burnt_out = False
            self.known = self.model.knowledge_of(self.beliefs)

    # 3b -----------------------------------------------------------------------------------
    def contacts(self) -> list[ResidentAgent]:
        return list(self.cell.neighborhood.agents)

    def decide_engagement(self) -> None:
        """Wake up (broadcast + word of mouth over a threshold) or lapse, from current state."""
        m, e = self.model, self.model.config.engagement
        if self.engaged:
            self.next_engaged = not self.random.random() < e.lapse_rate * (1 - self.ownership)
            return
        contacts = self.contacts()
        k = sum(e.connector_weight if c.is_connector else 1.0 for c in contacts if c.engaged)
        share = min(k / max(len(contacts), 1), 1.0)
        reinforced = k >= self.threshold - 1e-9
        receptive = 1.0 - e.receptivity_weight + e.receptivity_weight * self.motivation
        p = receptive * (e.broadcast_rate * m.V + e.word_of_mouth_rate
                         * (1 + e.facilitation_gain * m.H) * share * reinforced)
        self.next_engaged = self.random.random() < clip01(p)

    def commit_engagement(self) -> None:
        self.engaged = self.next_engaged

    def visibility(self) -> float:
        """How easily officials meet this resident (before normalising to mean 1)."""
        bias = self.model.config.trust.presence_bias
        degree = len(self.contacts())
        return ((1.0 + self.engaged) * (1.0 + degree / self.model.mean_degree)) ** bias

    def decide_wellbeing(self) -> None:
        """Ownership, energy, burnout and activity for next week, from current state."""
        m, r = self.model, self.model.config.residents
        self.contact = 1.0 if m.config.trust.presence_bias == 0 else \
            self.visibility() / m.mean_visibility
        own = self.ownership
        gain = (r.ownership_gain * m.H * self.contact + r.programme_role_gain * m.V) \
            * self.engaged * (1 - own)
        loss = r.ownership_procedure_loss * m.V * self.engaged * own
        self.next_ownership = clip01(own + gain - loss + r.ownership_decay
                                     * (self.ownership_base - own))
        contacts = self.contacts()
        active_share = (sum(c.active for c in contacts) / len(contacts) if contacts
                        else float(self.active))
        drain = r.energy_drain * (1.0 + r.lone_load * (1.0 - active_share)) * (
            1.0 + r.handover_load * (1.0 - m.V)) * self.active
        self.next_energy = clip01(self.energy + r.energy_recovery * (1 - self.energy) - drain)
        self.next_burnt_out = (self.burnt_out or self.next_energy < r.burnout_level) and not (
            self.next_energy >= 0.5 * (1.0 + r.burnout_level))

    def commit_wellbeing(self) -> None:
        self.ownership, self.energy = self.next_ownership, self.next_energy
        self.burnt_out = self.next_burnt_out
        e = self.model.config.engagement
        threshold = e.activation_ownership * (1.0 - e.certainty_relief * self.model.V)
        self.active = self.engaged and self.ownership >= threshold and not self.burnt_out

    def risk_incident(self) -> None:
        """An incident with a small chance (more if active), less under control and efficacy."""
        m, s = self.model, self.model.config.incidents
        base = s.base_rate * (1 - s.collective_efficacy * m.active_share[self.neighbourhood])
        p = (s.rate * self.active + base) * (1 - s.control_reduction * m.V)
        if self.random.random() < p:
            m.incidents[self.neighbourhood] += 1

    def decide_trust(self) -> None:
        """Trust in government and in neighbours for next week, from current state."""
        m, s = self.model, self.model.config.trust
        contacts, t = self.contacts(), self.trust_gov
        if contacts:
            mean_trust = sum(c.trust_gov for c in contacts) / len(contacts)
            engaged_share = sum(c.engaged for c in contacts) / len(contacts)
        else:
            mean_trust, engaged_share = t, float(self.engaged)
        per_hundred = m.incidents[self.neighbourhood] / m.size[self.neighbourhood] * 100.0
        hit = min(1.0, s.incident_loss * per_hundred)
        up = (s.presence_gain * m.H * self.contact + s.reliability_gain * m.V) * (1 - t)
        down = s.procedure_loss * m.V * self.engaged * t + hit * t
        self.next_trust_gov = clip01(t + up - down + s.social_influence * (mean_trust - t))
        self.next_trust_nbr = self.trust_nbr + s.neighbour_rate * (engaged_share
                                                                   - self.trust_nbr)

    def commit_trust(self) -> None:
        self.trust_gov, self.trust_nbr = self.next_trust_gov, self.next_trust_nbr

    # 4 ------------------------------------------------------------------------------------
    def socialise(self) -> None:
        """March's p1: each belief that differs from the code's view steps toward it."""
        p1 = self.model.config.learning.socialisation_rate * self.model.V
        for d, view in enumerate(self.model.code):
            if view != 0 and self.beliefs[d] != view and self.random.random() < p1:
                self.beliefs[d] += 1 if view > self.beliefs[d] else -1

    def update_knowledge(self) -> None:
        self.known = self.model.knowledge_of(self.beliefs)

    def learn_from_contact(self) -> None:
        """With a chance set by capacity, copy one differing belief from a better contact."""
        s = self.model.config.learning
        if not self.random.random() < s.peer_learning_rate * self.capacity:
            return
        contacts = self.contacts()
        if not contacts:
            return
        teacher = self.random.choice(contacts)
        if teacher.known > self.known:
            differ = [d for d, b in enumerate(teacher.beliefs) if b != self.beliefs[d]]
            d = self.random.choice(differ)
            self.beliefs[d] = teacher.beliefs[d]

    def experiment(self) -> None:
        """Active residents try another belief on one dimension and keep it if it works."""
        s, reality = self.model.config.learning, self.model.reality
        if self.active and self.random.random() < s.experiment_rate * self.capacity:
            d = self.random.randrange(len(reality))
            old = self.beliefs[d]
            new = (old + 1 + self.random.randint(1, 2)) % 3 - 1
            if new == reality[d] and old != reality[d]:
                self.beliefs[d] = new


class ReferenceCity(mesa.Model):
    """The core of `CityModel`, one Python agent per resident."""

    def __init__(self, config: CityConfig, seed: int | None = None):
        seed = config.run.seed if seed is None else int(seed)
        if config.interventions or config.municipality.adaptive.enabled:
            raise ValueError("the reference has no interventions or adaptive municipality")
        if config.crowding.enabled or config.commons.enabled:
            raise ValueError("the reference has no crowding or commons; see reference_config()")
        if config.network.type == "fully_mixed":
            raise ValueError("the reference needs a network (not fully_mixed)")
        super().__init__(rng=seed)
        self.config, self.week = config, 0
        mun = config.municipality
        self.vertical_share, self.effort = mun.vertical_share, mun.effort
        self.learning_culture = mun.learning_culture
        n, k = config.city.residents, config.city.neighbourhoods
        bounds = np.linspace(0, n, k + 1).astype(int)
        self.size = np.diff(bounds).tolist()
        self.residents = [ResidentAgent(self, int(np.searchsorted(bounds, i, "right") - 1))
                          for i in range(n)]
        net = build_network(np.array([a.neighbourhood for a in self.residents]),
                            np.array([a.is_connector for a in self.residents]),
                            config.network, Streams(seed)["network"])
        self.grid = NetworkSpace(nx.from_scipy_sparse_array(net.adjacency), capacity=1,
                                 random=self.random, layout=None)
        for agent, cell in zip(self.residents, self.grid.all_cells, strict=True):
            agent.cell = cell
        self.mean_degree = max(float(net.degree.mean()), 1e-9)
        self.officials = [OfficialAgent(self) for _ in range(config.officials.count)]
        self.reality = [self.random.choice((-1, 1)) for _ in range(config.learning.dimensions)]
        self.code = [0] * config.learning.dimensions
        for a in self.residents:
            a.update_knowledge()
        self.steer()
        self.curves: dict[str, list[float]] = {"engaged_share": [], "trust_government": [],
                                               "knowledge_residents": []}
        self.record()

    @property
    def people(self) -> mesa.agent.AgentSet:
        return self.agents_by_type[ResidentAgent]

    def knowledge_of(self, beliefs: list[int]) -> float:
        return sum(b == r for b, r in zip(beliefs, self.reality, strict=True)) / len(beliefs)

    def steer(self) -> None:
        """V and H from the effort split and the officials' street presence."""
        s = self.config.officials
        effect = sum(o.street_time * s.order_effect[o.order - 1] for o in self.officials)
        presence = 0.0 if s.learning_share >= 1 else \
            effect / len(self.officials) / (1.0 - s.learning_share)
        self.V = min(1.0, self.effort * self.vertical_share)
        self.H = min(1.0, self.effort * presence)

    def learn_code(self) -> list[int]:
        """March's p2: residents act (a coin flip where they hold no view); the code adopts the
        majority action of those whose actions score (right minus wrong) above the code's."""
        p2 = self.config.learning.code_learning_rate * self.H
        if p2 <= 0:
            return list(self.code)

        def score(actions: list[int]) -> int:
            return sum(a * r for a, r in zip(actions, self.reality, strict=True))

        code_score = score(self.code)
        superior = []
        for a in self.residents:
            actions = [b if b else (1 if self.random.random() < 0.5 else -1) for b in a.beliefs]
            if score(actions) > code_score:
                superior.append(actions)
        code = list(self.code)
        for d in range(len(code)):
            margin = sum(act[d] for act in superior)
            if margin and self.random.random() < 1.0 - (1.0 - p2) ** abs(margin):
                code[d] = 1 if margin > 0 else -1
        return code

    def step(self) -> None:
        """One week in CityModel's order (interventions, adaptation and commons left out)."""
        self.week += 1
        self.agents_by_type[OfficialAgent].shuffle_do("step")  # 1
        self.steer()  # 2
        people = self.people
        people.shuffle_do("move")  # 3a
        people.shuffle_do("decide_engagement")  # 3b
        people.do("commit_engagement")
        if self.config.trust.presence_bias:
            self.mean_visibility = sum(a.visibility() for a in people) / len(people)
        people.shuffle_do("decide_wellbeing")
        people.do("commit_wellbeing")
        self.incidents = [0] * len(self.size)
        active = [0] * len(self.size)
        for a in people:
            active[a.neighbourhood] += a.active
        self.active_share = [k / n for k, n in zip(active, self.size, strict=True)]
        people.shuffle_do("risk_incident")
        people.shuffle_do("decide_trust")
        people.do("commit_trust")
        new_code = self.learn_code()  # 4: from start-of-week beliefs, as March
        people.shuffle_do("socialise")  # into the code as it was at the start of the week
        self.code = new_code
        people.do("update_knowledge")
        people.shuffle_do("learn_from_contact")
        people.shuffle_do("experiment")
        turbulence = self.config.learning.turbulence
        self.reality = [-r if self.random.random() < turbulence else r for r in self.reality]
        people.do("update_knowledge")
        self.record()  # 8

    def record(self) -> None:
        people = self.residents
        n = len(people)
        self.curves["engaged_share"].append(sum(a.engaged for a in people) / n)
        self.curves["trust_government"].append(sum(a.trust_gov for a in people) / n)
        self.curves["knowledge_residents"].append(sum(a.known for a in people) / n)

    def run(self, weeks: int) -> None:
        for _ in range(weeks):
            self.step()


def reference_config(config: CityConfig) -> CityConfig:
    """`config` with the mechanisms the reference does not have (crowding, commons) off."""
    return config.model_copy(update={
        "crowding": config.crowding.model_copy(update={"enabled": False}),
        "commons": config.commons.model_copy(update={"enabled": False})})


def curves(model: ReferenceCity) -> dict[str, np.ndarray]:
    """The recorded weekly curves as arrays (week 0 first)."""
    return {k: np.asarray(v, dtype=np.float64) for k, v in model.curves.items()}
