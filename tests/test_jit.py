"""The numba kernels give the very numbers of the numpy expressions they replaced (issue 17).

Each reference below is the numpy code a kernel replaced (commit 967e6ca), kept here only as
the test's oracle. Equality is exact (`assert_array_equal`), not approximate: the kernels do
the same arithmetic in the same order, and the golden runs depend on that. Inputs include
exact 0s and 1s, where clipping and the thresholds bite.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import scipy.sparse as sp

from zelflerendestad import beliefs as bits
from zelflerendestad import crowding, engagement, learning, measures, trust
from zelflerendestad import volunteering as vol
from zelflerendestad.beliefs import Beliefs
from zelflerendestad.config.crowding_schema import CrowdingSettings
from zelflerendestad.config.schema import ResidentSettings, TrustSettings
from zelflerendestad.jit import floats
from zelflerendestad.network import Network
from zelflerendestad.sampling import bernoulli_indices, chosen

N = 2000
RNG = np.random.default_rng(17)


# The vectorised bit helpers the kernels replaced (beliefs.py before the fifth round).
# SELECT8[b, j]: position (0-7) of the j-th set bit of byte b (0 where there is none).
SELECT8 = np.zeros((256, 8), dtype=np.int16)
for _b in range(256):
    _on = [i for i in range(8) if _b >> i & 1]
    SELECT8[_b, : len(_on)] = _on


def _popcount(w: np.ndarray) -> np.ndarray:
    """Set bits per row of (k, w) words (int16: at most 1,000 dimensions)."""
    counts = np.bitwise_count(w)
    return counts[:, 0].astype(np.int16) if w.shape[1] == 1 else counts.sum(axis=1,
                                                                              dtype=np.int16)


def _select(w: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Position of the j-th (from 0) set bit in each row of (k, w) words; j must exist."""
    j = j.astype(np.int64)
    word = np.zeros(w.shape[0], dtype=np.int64)
    if w.shape[1] > 1:  # more than 64 dimensions: first find the word
        cum = np.cumsum(np.bitwise_count(w), axis=1, dtype=np.int64)
        word = np.count_nonzero(cum <= j[:, None], axis=1)
        j -= np.take_along_axis(cum, word[:, None], 1)[:, 0] - np.bitwise_count(
            w[np.arange(w.shape[0]), word])
    x = w[np.arange(w.shape[0]), word]
    pos = np.zeros(x.size, dtype=np.uint64)
    for half in (32, 16, 8):  # binary search: is the bit past the low half of what is left?
        low = np.bitwise_count((x >> pos) & np.uint64((1 << half) - 1)).astype(np.int64)
        past = j >= low
        j -= low * past
        pos += np.uint64(half) * past
    byte = ((x >> pos) & np.uint64(0xFF)).astype(np.intp)
    return word * bits.BITS + pos.astype(np.int64) + SELECT8[byte, j]


def scores():
    x = RNG.random(N)
    x[RNG.random(N) < 0.05] = 0.0
    x[RNG.random(N) < 0.05] = 1.0
    return x


def coins(p=0.4):
    return RNG.random(N) < p


def test_floats_copies_nothing_that_is_float64_already():
    x = np.ones(3)
    assert floats(x) is x and floats([1, 2]).dtype == np.float64


def test_wake_probability_and_spread_match_numpy():
    k, degree = RNG.integers(0, 9, N).astype(float), RNG.integers(0, 12, N)
    threshold = RNG.choice([0.0, 1.0, 2.0, 3.0], N).astype(np.float32)
    receptive = scores()
    for reinforcement, p, q in ((1.0, 0.01, 0.3), (0.6, 0.0, 0.9)):
        share = np.minimum(k / np.maximum(degree, 1), 1.0)
        reinforced = k >= threshold - 1e-9
        share = np.maximum(share, threshold <= 0)
        social = share * (1.0 - reinforcement * ~reinforced)
        want = np.clip(receptive * (p + q * social), 0.0, 1.0)
        got = engagement.wake_probability(p, q, k, degree, threshold, receptive, reinforcement)
        np.testing.assert_array_equal(got, want)
    engaged, wake_p, lapse_p, u1, u2 = coins(), scores(), scores(), scores(), scores()
    woke = ~engaged & (u1 < wake_p)
    new, got_woke = engagement.spread_engagement(engaged, wake_p, lapse_p, u1, u2)
    np.testing.assert_array_equal(got_woke, woke)
    np.testing.assert_array_equal(new, (engaged | woke) & ~(engaged & (u2 < lapse_p)))


def test_volunteering_matches_numpy():
    s = ResidentSettings(ownership_gain=0.3, programme_role_gain=0.05, lone_load=0.7,
                         handover_load=0.4)
    own, base, engaged, contact = scores(), scores(), coins(), 2 * scores()
    H, V, Vp = 0.6, 0.3, 0.45
    gain = (s.ownership_gain * H * contact + s.programme_role_gain * V) * engaged * (1 - own)
    loss = s.ownership_procedure_loss * Vp * engaged * own
    want = np.clip(own + gain - loss + s.ownership_decay * (base - own), 0.0, 1.0)
    np.testing.assert_array_equal(vol.update_ownership(own, base, engaged, contact, H, V, Vp, s),
                                  want)
    energy, active, share, relief = scores(), coins(), scores(), 0.2
    load = (1.0 + s.lone_load * (1.0 - share)) * (1.0 + s.handover_load * (1.0 - V))
    drain = s.energy_drain * (1.0 - relief) * load * active
    want = np.clip(energy + s.energy_recovery * (1 - energy) - drain, 0.0, 1.0)
    np.testing.assert_array_equal(vol.update_energy(energy, active, share, relief, V, s), want)
    burnt = coins()
    np.testing.assert_array_equal(vol.update_burnout(burnt, energy, 0.2),
                                  (burnt | (energy < 0.2)) & ~(energy >= 0.6))
    np.testing.assert_array_equal(vol.is_active(engaged, own, burnt, 0.3),
                                  engaged & (own >= 0.3) & ~burnt)


def test_trust_matches_numpy():
    s = TrustSettings(presence_gain=0.04, social_influence=0.1)
    t, engaged, contacts_mean, hit = scores(), coins(), scores(), 0.1 * scores()
    degree = RNG.integers(0, 15, N)
    for bias in (0.0, 1.0, 0.5, 2.0):
        if bias == 0:
            want = np.ones(N)
        else:
            visible = ((1.0 + engaged) * (1.0 + degree / max(degree.mean(), 1e-9))) ** bias
            want = visible / visible.mean()
        contact = trust.street_contact(engaged, degree, bias)
        np.testing.assert_array_equal(contact, want)
    H, V, Vp = 0.5, 0.4, 0.3
    up = (s.presence_gain * H * contact + s.reliability_gain * V) * (1 - t)
    down = s.procedure_loss * Vp * engaged * t + hit * t
    want = np.clip(t + up - down + s.social_influence * (contacts_mean - t), 0.0, 1.0)
    np.testing.assert_array_equal(
        trust.update_trust_gov(t, engaged, contact, contacts_mean, V, Vp, H, hit, s), want)
    np.testing.assert_array_equal(trust.update_trust_nbr(t, contacts_mean, 0.07),
                                  t + 0.07 * (contacts_mean - t))


def test_crowding_matches_numpy():
    s = CrowdingSettings(reframing=0.3, low_interest_gain=0.2, crowd_in=0.1)
    engaged, imposed, recognised = coins(), coins(0.2), coins(0.3)
    public = s.subsidy_weight * True + s.enforcement_weight * False
    pressure = crowding.control_pressure(engaged, imposed, True, False, s)
    np.testing.assert_array_equal(
        pressure, np.clip(engaged * public + s.imposed_weight * imposed, 0.0, 1.0))
    felt = scores()
    np.testing.assert_array_equal(
        crowding.update_felt_control(felt, pressure, s),
        felt + np.where(pressure > felt, s.rise, s.fade) * (pressure - felt))
    contact, H = 2 * scores(), 0.7
    felt_rec = np.maximum(np.minimum(1.0, H * contact) * engaged,
                          s.commons_recognition * recognised)
    np.testing.assert_array_equal(crowding.recognition(engaged, contact, H, recognised, s),
                                  felt_rec)
    m, b = scores(), scores()
    target = np.clip(b - s.crowd_out * felt * np.maximum(b - s.pivot, 0.0)
                     + s.low_interest_gain * felt * np.maximum(s.pivot - b, 0.0)
                     + s.crowd_in * felt_rec * (1.0 - b), 0.0, 1.0)
    new = m + s.adjust * (target - m)
    want_b = np.clip(b + s.reframing * felt * (new - b), 0.0, 1.0)
    got, got_b = crowding.crowd_motivation(m, b, felt, felt_rec, s)
    np.testing.assert_array_equal(got, np.clip(new, 0.0, 1.0))
    np.testing.assert_array_equal(got_b, want_b)


def test_neighbour_sums_and_tie_counts_match_scipy():
    upper = sp.random(N, N, density=4 / N, random_state=1, format="csr")
    adj = ((upper + upper.T) > 0).astype(np.float64).tocsr()
    adj.setdiag(0)
    adj.eliminate_zeros()
    adj.sort_indices()
    net = Network(adj, RNG.integers(0, 4, N).astype(np.int32), np.diff(adj.indptr))
    x = np.column_stack([scores(), coins(), 3 * scores()])
    np.testing.assert_array_equal(net.neighbour_sum(x), adj @ x)
    np.testing.assert_array_equal(net.neighbour_sum(x[:, 0]), adj @ x[:, 0])
    flag = coins()
    np.testing.assert_array_equal(np.column_stack(net.neighbour_sums(x[:, 0], flag, x[:, 2])),
                                  adj @ np.column_stack([x[:, 0], flag, x[:, 2]]))
    nbhd = net.neighbourhood
    rows = np.repeat(np.arange(N), np.diff(adj.indptr))
    across = nbhd[rows] != nbhd[adj.indices]
    for share in (0.3, 0.32, 0.5, 0.0, 0.3):  # each call carries the count from the last
        members = coins(share)
        m = members.astype(np.float64)
        both = members[rows] & members[adj.indices]
        assert net.ties_among(members) == ((both & ~across).sum() / 2, (both & across).sum() / 2)
        assert sum(net.ties_among(members)) == float(((adj @ m) * m).sum()) / 2


def test_neighbour_mean_matches_numpy_with_isolated_residents():
    upper = sp.random(N, N, density=1 / N, random_state=2, format="csr")
    adj = ((upper + upper.T) > 0).astype(np.float64).tocsr()
    adj.setdiag(0)
    adj.eliminate_zeros()
    adj.sort_indices()
    degree = np.diff(adj.indptr)
    assert (degree == 0).any()
    net, x = Network(adj, np.zeros(N, dtype=np.int32), degree), scores()
    sums = adj @ x
    want = np.where(degree == 0, x, sums / np.maximum(degree, 1).astype(np.float64))
    np.testing.assert_array_equal(net.neighbour_mean(x), want)
    np.testing.assert_array_equal(net.neighbour_mean(x, sums), want)


def socialise_numpy(beliefs, code, p1, rng):
    """Socialisation before its kernels (commit 967e6ca)."""
    up, down = bits.vector(code)
    movable = (up & ~beliefs.plus) | (down & ~beliefs.minus)
    count = _popcount(movable)
    end = np.cumsum(count, dtype=np.int64)
    cell = bernoulli_indices(int(end[-1]) if end.size else 0, p1, rng)
    if cell.size == 0:
        return cell
    row = np.searchsorted(end, cell, side="right")
    dim = _select(movable[row], cell - (end[row] - count[row]))
    key = row * beliefs.plus.shape[1] + (dim >> 6)
    mask = np.left_shift(np.uint64(1), (dim & 63).astype(np.uint64))
    plus, minus = beliefs.plus.reshape(-1), beliefs.minus.reshape(-1)
    had_plus = (plus[key] & mask).astype(bool)
    had_minus = (minus[key] & mask).astype(bool)
    toward_plus = code[dim] > 0
    flip_minus = (toward_plus & had_minus) | (~toward_plus & ~had_plus)
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    minus[key[first]] ^= np.bitwise_or.reduceat(mask * flip_minus, first)
    plus[key[first]] ^= np.bitwise_or.reduceat(mask * ~flip_minus, first)
    return row[first] if beliefs.plus.shape[1] == 1 else np.unique(row)


def test_socialisation_kernels_move_the_cells_the_numpy_code_moved():
    for m in (30, 64, 100):  # one word, a full word, two words
        values = RNG.integers(-1, 2, (500, m)).astype(np.int8)
        code = RNG.integers(-1, 2, m).astype(np.int8)
        old, new = Beliefs.from_values(values), Beliefs.from_values(values)
        for week in range(4):
            p1 = 0.3 if week < 3 else 1.0
            want = socialise_numpy(old, code, p1, np.random.default_rng(week))
            got = learning.socialise(new, code, p1, np.random.default_rng(week))
            np.testing.assert_array_equal(got, want)
            np.testing.assert_array_equal(new.plus, old.plus)
            np.testing.assert_array_equal(new.minus, old.minus)


def test_a_second_process_loads_the_kernels_instead_of_compiling_them():
    # This process has compiled (or loaded) `_burnout`; numba cached it on disk, so a fresh
    # process finds it there: a fresh clone compiles each kernel once, not once per process.
    vol.update_burnout(np.zeros(2, bool), np.ones(2), 0.2)
    code = ("import numpy as np; from zelflerendestad import volunteering as v; "
            "v.update_burnout(np.zeros(2, bool), np.ones(2), 0.2); "
            "s = v._burnout.stats; print(sum(s.cache_hits.values()), sum(s.cache_misses.values()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "0"]


def test_parameters_given_per_resident_match_numpy():
    # A targeted programme makes procedure, control and subsidy one number per resident.
    s, ts, cs = ResidentSettings(), TrustSettings(), CrowdingSettings()
    own, engaged, t, Vp = scores(), coins(), scores(), scores()
    want = np.clip(own + (s.ownership_gain * 0.5 * 1.0 + s.programme_role_gain * 0.3) * engaged
                   * (1 - own) - s.ownership_procedure_loss * Vp * engaged * own
                   + s.ownership_decay * (own - own), 0.0, 1.0)
    np.testing.assert_array_equal(
        vol.update_ownership(own, own, engaged, np.ones(N), 0.5, 0.3, Vp, s), want)
    relief, share = 0.5 * coins(), scores()
    load = (1.0 + s.lone_load * (1.0 - share)) * (1.0 + s.handover_load * (1.0 - 0.3))
    want = np.clip(own + s.energy_recovery * (1 - own)
                   - s.energy_drain * (1.0 - relief) * load * engaged, 0.0, 1.0)
    np.testing.assert_array_equal(vol.update_energy(own, engaged, share, relief, 0.3, s), want)
    threshold = 0.3 * scores()
    np.testing.assert_array_equal(vol.is_active(engaged, own, ~engaged, threshold),
                                  engaged & (own >= threshold))
    want = np.clip(t + ts.reliability_gain * 0.3 * (1 - t) - (ts.procedure_loss * Vp * engaged
                   * t + 0.0 * t) + ts.social_influence * (own - t), 0.0, 1.0)
    np.testing.assert_array_equal(trust.update_trust_gov(t, engaged, np.ones(N), own, 0.3, Vp,
                                                         0.0, np.zeros(N), ts), want)
    subsidy = coins(0.5)
    public = cs.subsidy_weight * subsidy + cs.enforcement_weight * True
    np.testing.assert_array_equal(
        crowding.control_pressure(engaged, ~engaged, subsidy, True, cs),
        np.clip(engaged * public + cs.imposed_weight * ~engaged, 0.0, 1.0))


# --- the fifth round's kernels (per-week overhead): the numpy code of commit 4505863 ---------
def _old_pack(flags):
    m = flags.shape[-1]
    packed = np.packbits(flags, axis=-1, bitorder="little")
    pad = bits.words(m) * 8 - packed.shape[-1]
    if pad:
        packed = np.concatenate([packed, np.zeros((*packed.shape[:-1], pad), np.uint8)], -1)
    return np.ascontiguousarray(packed).view(bits.WORD)


def _old_copy(beliefs, known, contact, learners, u):
    better = learners[known[contact[learners]] > known[learners]]
    teacher = contact[better]
    p, q = beliefs.plus, beliefs.minus
    differ = (p[teacher] ^ p[better]) | (q[teacher] ^ q[better])
    count = _popcount(differ)
    j = np.minimum((u[: better.size] * count).astype(np.int16), count - 1)
    dim = _select(differ, j)
    word, mask = dim >> 6, np.left_shift(np.uint64(1), (dim & 63).astype(np.uint64))
    for plane in (p, q):
        plane[better, word] = (plane[better, word] & ~mask) | (plane[teacher, word] & mask)
    return better


def _old_experiment(beliefs, reality, trying, dim, shift):
    shift = shift.astype(np.int8)
    word, bit = dim >> 6, (dim & 63).astype(np.uint64)
    old = ((beliefs.plus[trying, word] >> bit) & np.uint64(1)).astype(np.int8) - (
        (beliefs.minus[trying, word] >> bit) & np.uint64(1)).astype(np.int8)
    new = ((old + 1 + shift) % 3 - 1).astype(np.int8)
    better = (new == reality[dim]) & (old != reality[dim])
    who, word, mask = trying[better], word[better], np.left_shift(np.uint64(1), bit[better])
    up = reality[dim[better]] > 0
    beliefs.plus[who, word] = np.where(up, beliefs.plus[who, word] | mask,
                                       beliefs.plus[who, word] & ~mask)
    beliefs.minus[who, word] = np.where(up, beliefs.minus[who, word] & ~mask,
                                        beliefs.minus[who, word] | mask)


def test_learning_kernels_match_the_numpy_code_they_replaced():
    for m in (1, 30, 64, 65, 100):
        values = RNG.integers(-1, 2, (N, m), dtype=np.int8)
        reality = RNG.choice(np.array([-1, 1], dtype=np.int8), m)
        np.testing.assert_array_equal(bits.pack(values > 0), _old_pack(values > 0))
        np.testing.assert_array_equal(bits.pack(reality > 0), _old_pack(reality > 0))
        up, down = bits.vector(reality)
        np.testing.assert_array_equal(up, _old_pack(reality > 0))
        np.testing.assert_array_equal(down, _old_pack(reality < 0))
        b = Beliefs.from_values(values)
        np.testing.assert_array_equal(learning.matches(b, reality),
                                      _popcount(b.plus & up) + _popcount(b.minus & down))
        actions = RNG.integers(0, 2**63, b.plus.shape, dtype=np.int64).view(np.uint64)
        wrong = _popcount((actions ^ up) & _old_pack(np.ones(m, dtype=bool)))
        np.testing.assert_array_equal(learning.action_score(actions, reality), m - 2 * wrong)
        coins = RNG.integers(0, 2**63, b.plus.shape, dtype=np.int64).view(np.uint64)
        acted = b.plus | (coins & ~b.minus)  # act(), given its coins
        scored = learning.action_score(acted, reality)
        for bar in (-m, 0, m // 3):
            margin, rows = learning._superior_margin(b.plus, b.minus, coins, up, bar, m)
            plus = bits.unpack(acted[scored > bar], m).sum(axis=0, dtype=np.int64)
            assert rows == (scored > bar).sum()
            np.testing.assert_array_equal(margin, 2 * plus - rows)

        # lessons: teachers who learn themselves this week teach what they knew before it
        known = learning.knowledge(b, reality)
        rows = RNG.integers(0, N, 300)
        recounted = np.full(N, -1.0)
        learning.recount(recounted, b, rows, reality)
        np.testing.assert_array_equal(recounted[rows], learning.knowledge(b.rows(rows), reality))
        assert (np.delete(recounted, rows) == -1).all()
        learners = np.flatnonzero(RNG.random(N) < 0.5)
        contact = RNG.integers(0, N, N)
        new, old = b.copy(), b.copy()
        better = learners[known[contact[learners]] > known[learners]]
        np.testing.assert_array_equal(
            learning.learn_from_contacts(new, known, learners, contact[learners],
                                         np.random.default_rng(5))[0],
            _old_copy(old, known, contact, learners, np.random.default_rng(5).random(N)))
        assert m == 1 or np.isin(contact[better], better).any()  # chains of lessons occur
        np.testing.assert_array_equal(new.plus, old.plus)
        np.testing.assert_array_equal(new.minus, old.minus)

        trying = np.flatnonzero(RNG.random(N) < 0.3)
        dim, shift = RNG.integers(0, m, trying.size), RNG.integers(1, 3, trying.size)
        learning._keep_better(new.plus, new.minus, reality, trying, dim, shift)
        _old_experiment(old, reality, trying, dim, shift)
        np.testing.assert_array_equal(new.plus, old.plus)
        np.testing.assert_array_equal(new.minus, old.minus)


def test_chosen_is_flatnonzero_of_the_comparison():
    u, chance, among = RNG.random(N), scores(), coins(0.4)
    for rate in (0.0, 0.05, 0.3, 1.0):
        np.testing.assert_array_equal(chosen(u, rate, chance), np.flatnonzero(u < rate * chance))
        np.testing.assert_array_equal(chosen(u, rate, chance, among=among),
                                      np.flatnonzero(among & (u < rate * chance)))


def test_the_weekly_tally_counts_as_bincount_does():
    engaged, active, periphery = coins(0.4), coins(0.2), coins(0.25)
    for nbhd in (RNG.integers(0, 7, N), np.sort(RNG.integers(0, 7, N))):  # scattered, in runs
        per, engaged_periphery, active_periphery = measures._tally(nbhd, 9, engaged, active,
                                                                   periphery)
        np.testing.assert_array_equal(
            per / np.arange(1, 10), np.bincount(nbhd, weights=engaged.astype(np.float64),
                                                minlength=9) / np.arange(1, 10))
        assert engaged_periphery == np.count_nonzero(engaged & periphery)
        assert active_periphery == np.count_nonzero(active & periphery)


def _old_parity(hits, counts):
    keep = counts > 0
    rates = hits[keep] / counts[keep].reshape(-1, 1)
    if rates.shape[0] < 2:
        return np.full(hits.shape[1:], np.nan)
    high = rates.max(axis=0)
    return np.where(high > 0, rates.min(axis=0) / np.where(high > 0, high, 1.0), np.nan)


def test_parities_and_commons_ties_match_the_numpy_code_they_replaced():
    from zelflerendestad import inclusion
    from zelflerendestad.commons import review

    counts = RNG.integers(0, 40, 30)
    counts[[3, 17]] = 0
    hits = np.minimum(RNG.integers(0, 40, (30, 3)), counts[:, None])
    hits[:8, 1] = 0
    first, sizes = np.array([0, 4, 6, 20, 25, 29]), np.array([4, 2, 14, 5, 4, 1])
    got = inclusion._parities(hits, counts, first, sizes)
    for k in range(first.size):
        rows = slice(first[k], first[k] + sizes[k])
        np.testing.assert_array_equal(got[k], _old_parity(hits[rows], counts[rows]))

    adj = sp.random(N, N, density=0.004, random_state=3, format="csr")
    adj = ((adj + adj.T) > 0).astype(np.float64).tocsr()
    member_of = np.where(RNG.random(N) < 0.4, RNG.integers(0, 12, N), -1).astype(np.int32)
    mem = np.flatnonzero(member_of >= 0)
    rows = np.repeat(mem, np.diff(adj.indptr)[mem])
    cols = np.concatenate([adj.indices[adj.indptr[i]:adj.indptr[i + 1]] for i in mem])
    cross = (member_of[cols] >= 0) & (member_of[cols] != member_of[rows])
    tied = np.zeros(N, dtype=bool)
    tied[rows[cross]] = True
    np.testing.assert_array_equal(review._tied(adj.indptr, adj.indices, member_of, mem),
                                  tied[mem])


def test_officials_kernels_match_the_numpy_code_they_replaced():
    from zelflerendestad import officials
    from zelflerendestad.config.schema import OfficialsSettings

    s = OfficialsSettings(street_strain=0.6)
    urgency, style, strain, street = scores(), scores(), scores(), scores()
    sick = coins(0.1)
    for vertical, culture, weight in ((0.3, 0.5, 0.4), (1.0, 0.0, 0.0), (0.0, 1.0, 1.0)):
        left = 1.0 - urgency
        learning_time = s.learning_share * (left + culture * urgency)
        pref = (1 - weight) * (1 - vertical) + weight * style
        got = officials.allocate_time(urgency, style, vertical, s.learning_share, culture, weight)
        np.testing.assert_array_equal(got[0], (1.0 - s.learning_share) * left * pref)
        np.testing.assert_array_equal(got[1], learning_time)
        w = s.strain_mismatch_weight
        target = np.minimum(1.0, w * np.abs(style - (1 - vertical)) + (1 - w) * urgency
                            + s.street_strain * street)
        target = np.where(sick, 0.0, target)
        np.testing.assert_array_equal(
            officials.update_strain(strain, style, vertical, urgency, street, sick, s),
            strain + s.strain_rate * (target - strain))


def _old_pick_living(cand_nbhd, living, living_nbhd, draws):
    order = np.argsort(living_nbhd, kind="stable")
    nb = living_nbhd[order]
    lo = np.searchsorted(nb, cand_nbhd, "left")
    cnt = np.searchsorted(nb, cand_nbhd, "right") - lo
    pos = np.minimum(lo + (draws * cnt).astype(np.int64), living.size - 1)
    return np.where(cnt > 0, living[order][pos], -1)


def test_commons_week_kernels_match_the_numpy_code_they_replaced():
    from zelflerendestad.commons import context, initiatives
    from zelflerendestad.config.commons_schema import FormationSettings

    s = FormationSettings(initiative_rate=0.3, cross_theme_join=0.4, recruit_half=3.0)
    member_of = np.where(RNG.random(N) < 0.3, RNG.integers(0, 12, N), -1).astype(np.int32)
    active, engaged = RNG.random(N) < 0.6, RNG.random(N) < 0.5
    connector, motivation, u = RNG.random(N) < 0.05, RNG.random(N), RNG.random(N)
    theme = RNG.integers(0, 4, N).astype(np.int8)

    mem, cm = context.members_of(member_of)
    np.testing.assert_array_equal(mem, np.flatnonzero(member_of >= 0))
    assert mem.dtype == np.int64 and cm.dtype == member_of.dtype
    np.testing.assert_array_equal(cm, member_of[member_of >= 0])
    free = active & (member_of < 0)
    np.testing.assert_array_equal(initiatives._free_active(active, member_of), np.flatnonzero(free))
    top = initiatives.initiation_probability(free, motivation, 1.0, s)
    starters = initiatives._starters(u, active, member_of, motivation, s.initiative_rate,
                                     1.0 + s.connector_gain * 1.0)
    np.testing.assert_array_equal(starters, np.flatnonzero(u < top))
    assert starters.size > 10

    adj = sp.random(N, N, density=0.004, random_state=4, format="csr")
    adj = ((adj + adj.T) > 0).astype(np.float64).tocsr()
    awake = connector & engaged
    near = [connector[i] or bool(awake[adj.indices[adj.indptr[i]:adj.indptr[i + 1]]].any())
            for i in starters]
    np.testing.assert_array_equal(
        initiatives._near_awake(adj.indptr, adj.indices, starters, connector, engaged),
        np.array(near, dtype=np.float64))
    for i in starters[:20]:
        pool = np.concatenate([adj.indices[adj.indptr[i]:adj.indptr[i + 1]],
                               RNG.integers(0, N, 16).astype(np.int32)])
        old = np.unique(pool[(theme[pool] == theme[i]) & engaged[pool]
                             & (member_of[pool] < 0) & (pool != i)])
        got = initiatives._like_minded(pool, i, theme, engaged, member_of)
        np.testing.assert_array_equal(got, old)
        assert got.dtype == old.dtype

    nbhd = RNG.integers(0, 9, N).astype(np.int32)
    living = np.sort(RNG.choice(40, 15, replace=False))
    living_nbhd = RNG.integers(0, 7, 15).astype(np.int32)  # neighbourhoods 7, 8: none living
    cand = np.flatnonzero(free)
    draws = RNG.random(cand.size)
    old_pick = _old_pick_living(nbhd[cand], living, living_nbhd, draws)
    np.testing.assert_array_equal(
        initiatives.pick_living(nbhd[cand], living, living_nbhd, draws), old_pick)
    order, lo, cnt = initiatives._by_neighbourhood(living, living_nbhd)
    np.testing.assert_array_equal(initiatives._pick(cand, nbhd, order, lo, cnt, draws), old_pick)
    assert (old_pick < 0).any() and (old_pick >= 0).any()

    ok = old_pick >= 0
    cand, pick = cand[ok], old_pick[ok]
    c_theme = RNG.integers(0, 4, 40).astype(np.int8)
    effort = RNG.integers(0, 6, 40).astype(np.float64)
    w = RNG.random(cand.size)
    p = initiatives.join_probability(motivation[cand], theme[cand] == c_theme[pick],
                                     effort[pick], s)
    np.testing.assert_array_equal(
        initiatives._joins(w, cand, pick, motivation, theme, c_theme, effort, s.join_rate,
                           s.cross_theme_join, s.recruit_half), w < p)
