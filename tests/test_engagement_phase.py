"""The fused passes of steps 3b-3c give the very numbers of chaining each mechanism's function."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from zelflerendestad import crowding, engagement, prices, trust
from zelflerendestad import engagement_phase as phase
from zelflerendestad import volunteering as vol
from zelflerendestad.config.crowding_schema import CrowdingSettings
from zelflerendestad.config.instruments_schema import InstrumentSettings
from zelflerendestad.config.schema import ResidentSettings, TrustSettings
from zelflerendestad.jit import per_resident
from zelflerendestad.network import Network

N = 3000
RNG = np.random.default_rng(31)


def scores():
    x = RNG.random(N)
    x[RNG.random(N) < 0.05] = 0.0
    x[RNG.random(N) < 0.05] = 1.0
    return x


def coins(p=0.4):
    return RNG.random(N) < p


def network():
    upper = sp.random(N, N, density=3 / N, random_state=5, format="csr")
    adj = ((upper + upper.T) > 0).astype(np.float64).tocsr()
    adj.setdiag(0)
    adj.eliminate_zeros()
    adj.sort_indices()
    degree = np.diff(adj.indptr).astype(np.int64)
    assert (degree == 0).any()  # isolated residents take their own value as the mean
    return Network(adj, RNG.integers(0, 5, N).astype(np.int32), degree)


def test_engagement_sums_equal_the_four_neighbour_sums_on_ties_and_fully_mixed():
    engaged, connector, active, t = coins(0.5), coins(0.1), coins(0.3), scores()
    mixed = Network(None, np.zeros(N, np.int32), np.full(N, N - 1))
    for net in (network(), mixed):
        want = net.neighbour_sums(engaged * np.where(connector, 2.5, 1.0), engaged, active, t)
        got = net.engagement_sums(engaged, connector, active, t, 2.5)
        for g, w in zip(got, want, strict=True):
            np.testing.assert_array_equal(g, w)


def test_wake_up_is_wake_chance_paid_spread_and_visibility():
    net = network()
    engaged, weighted, motivation, own = coins(), 4 * scores(), scores(), scores()
    threshold = RNG.choice([0.0, 1.0, 2.0], N).astype(np.float32)
    u_wake, u_lapse, payment = scores(), scores(), 0.5 * coins(0.3)
    s = InstrumentSettings(payment_response=0.3)
    for bias, paid in ((1.0, payment), (0.5, per_resident(0.0, N)), (0.0, payment)):
        wake = (0.02, 0.4, 0.6, 0.8, False, s.payment_response)
        h = engagement.wake_probability(0.02, 0.4, weighted, net.degree, threshold,
                                        engagement.receptivity(motivation, 0.6), 0.8)
        h = prices.paid_wake_probability(h, paid, s)
        want, woke = engagement.spread_engagement(engaged, h, 0.1 * (1 - own), u_wake, u_lapse)
        np.testing.assert_array_equal(
            phase.wake_chances(weighted, net.degree, threshold, motivation, paid, wake), h)
        visible = np.full(N, np.nan)
        now, woken = phase.wake_up(engaged, weighted, net.degree, threshold, motivation, own,
                                   paid, u_wake, u_lapse, wake, 0.1, trust.mean_degree(net.degree),
                                   bias, visible)
        np.testing.assert_array_equal(now, want)
        assert woken == woke.sum() > 0
        visible /= trust.contact_scale(visible, bias)
        np.testing.assert_array_equal(visible, trust.street_contact(want, net.degree, bias))


def test_own_and_act_is_ownership_energy_burnout_and_activity_in_place():
    net, s = network(), ResidentSettings(ownership_gain=0.3, lone_load=0.7, handover_load=0.4)
    engaged, own, base, active, energy = coins(), scores(), scores(), coins(0.3), scores()
    burnt, visible, active_sum = coins(0.1), 1 + scores(), net.neighbour_sum(active * 1.0)
    H, V, Vp, relief, threshold = 0.6, 0.3, 0.2 + 0.5 * scores(), 0.2, 0.3
    contact = visible / 1.7
    want_own = vol.update_ownership(own, base, engaged, contact, H, V, Vp, s)
    want_energy = vol.update_energy(energy, active, net.neighbour_mean(active * 1.0, active_sum),
                                    relief, V, s)
    want_burnt = vol.update_burnout(burnt, want_energy, s.burnout_level)
    want_active = vol.is_active(engaged, want_own, want_burnt, threshold)
    active_by = phase.own_and_act(
        engaged, visible, 1.7, own, base, active, active_sum, net.degree, energy, burnt,
        per_resident(threshold, N), net.neighbourhood, 5, vol.ownership_terms(H, V, Vp, s, N),
        vol.energy_terms(relief, V, s, N), vol.burnout_terms(s.burnout_level))
    for got, want in ((visible, contact), (own, want_own), (energy, want_energy),
                      (burnt, want_burnt), (active, want_active)):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(active_by, np.bincount(net.neighbourhood[want_active],
                                                         minlength=5))


def test_trust_after_is_trust_in_government_and_in_neighbours_in_place():
    net, s = network(), TrustSettings(presence_gain=0.04, social_influence=0.1)
    gov, nbr, engaged, contact = scores(), scores(), coins(), 2 * scores()
    trust_sum, engaged_sum = net.neighbour_sum(gov), net.neighbour_sum(engaged * 1.0)
    incidents, size = np.array([0, 3, 1, 0, 7]), np.array([600, 600, 600, 600, 600])
    hit = trust.incident_losses(incidents, size, net.neighbourhood, 0.2)
    want_gov = trust.update_trust_gov(gov, engaged, contact, net.neighbour_mean(gov, trust_sum),
                                      0.4, 0.3, 0.5, hit, s)
    want_nbr = trust.update_trust_nbr(nbr, net.neighbour_mean(engaged * 1.0, engaged_sum), 0.07)
    phase.trust_after(gov, nbr, engaged, contact, trust_sum, engaged_sum, net.degree,
                      trust.neighbourhood_losses(incidents, size, 0.2), net.neighbourhood,
                      trust.trust_gov_terms(0.4, 0.3, 0.5, s, N), 0.07)
    np.testing.assert_array_equal(gov, want_gov)
    np.testing.assert_array_equal(nbr, want_nbr)


def test_crowd_is_pressure_prices_recognition_felt_control_and_motivation_in_place():
    s = CrowdingSettings(reframing=0.3, low_interest_gain=0.2, crowd_in=0.1)
    ins = InstrumentSettings(price_control=0.4)
    engaged, contact, H = coins(), 2 * scores(), 0.7
    member_of = RNG.integers(-1, 4, N).astype(np.int32)  # -1: no commons
    imposed, recognised = np.array([True, False, True, False]), np.array([False, True, True,
                                                                         False])
    subsidy = coins(0.5)
    for payment, fine, level in ((0.5 * coins(0.3), 0.3 * coins(0.2), 0.6 * coins(0.2)),
                                 (per_resident(0.0, N),) * 3):
        felt, m, b = scores(), scores(), scores()
        imposed_member = np.where(member_of >= 0, imposed[member_of], False)
        recognised_member = np.where(member_of >= 0, recognised[member_of], False)
        pressure = prices.price_pressure(crowding.control_pressure(
            engaged, imposed_member, subsidy, True, s), payment, fine, ins)
        rec = np.maximum(crowding.recognition(engaged, contact, H, recognised_member, s), level)
        want_felt = crowding.update_felt_control(felt, pressure, s)
        want_m, want_b = crowding.crowd_motivation(m, b, want_felt, rec, s)
        phase.crowd(engaged, contact, member_of, np.r_[imposed, False], np.r_[recognised, False],
                    felt, m, b, payment, fine, level, H,
                    crowding.pressure_terms(subsidy, True, s, N), s.rise, s.fade,
                    s.commons_recognition, ins.price_control, crowding.crowd_terms(s))
        for got, want in ((felt, want_felt), (m, want_m), (b, want_b)):
            np.testing.assert_array_equal(got, want)
