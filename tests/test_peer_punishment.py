"""Costly peer punishment (Fehr & Gachter 2000): free-riders are punished, punishers pay."""

from __future__ import annotations

import numpy as np

from tests.commons_helpers import Draws, five_residents, one_commons
from zelflerendestad import instruments as ins
from zelflerendestad.commons.cooperation import peer_punishment
from zelflerendestad.commons.work import work
from zelflerendestad.config.commons_schema import CommonsSettings
from zelflerendestad.interventions import apply_event

from .test_commons_week import context as week_context
from .test_commons_week import members
from .test_interventions import context, event


def test_each_punisher_who_sees_a_free_rider_punishes_and_shares_the_cost():
    free = np.array([False, False, True, False, True])
    punisher = np.array([True, True, False, False, False])  # nobody may punish in commons 1
    cm = np.array([0, 0, 0, 1, 1])
    received, given = peer_punishment(free, punisher, cm, np.array([3, 2]), 12.0, 1.0,
                                      np.random.default_rng(0))
    np.testing.assert_array_equal(received, [0, 0, 2, 0, 0])  # both punishers punish
    np.testing.assert_array_equal(given, [1, 1, 0, 0, 0])
    none, cost = peer_punishment(free, punisher, cm, np.array([3, 2]), 12.0, 0.0,
                                 np.random.default_rng(0))
    assert not none.any() and not cost.any()


def test_in_a_large_commons_punishers_see_and_punish_less():
    free = np.r_[np.ones(50, bool), np.zeros(50, bool)]
    rng = np.random.default_rng(1)
    received, _ = peer_punishment(free, ~free, np.zeros(100, np.int64), np.array([100]), 10.0,
                                  1.0, rng)
    assert 3.0 < received[free].mean() < 7.0  # 50 punishers x seen 10/100 = 5 on average


class EveryonePunishes(Draws):
    """The prescribed uniforms; the first binomial (punishment) gives its n: all punish."""

    def binomial(self, n, p):
        first = not self.binomial_chances
        super().binomial(n, p)
        return np.asarray(n) if first else np.zeros(np.shape(n), dtype=np.int64)


def test_punished_free_riders_gain_deterrence_and_punishers_lose_energy():
    r = five_residents(motivation=[0.8, 0.8, 0.8, 0.0, 0.0])
    rng = EveryonePunishes([0.5, 0.5, 0.5, 0.9, 0.9],  # members 3 and 4 free-ride
                           np.full((3, 5), 0.9))  # nobody seen by monitoring, none contested
    st = one_commons()
    s = CommonsSettings()
    ctx = week_context(r, rng, punishers=np.array([True, True, False, True, True]))
    before = r.energy.copy()
    work(st, ctx, *members(st, r))
    np.testing.assert_allclose(st.deterrence[3:], s.punishment.impact * 2)  # 2 punishers each
    paid = before - r.energy  # work drain and each punisher's share of 4 punishments
    np.testing.assert_allclose(paid[0] - paid[2], s.punishment.cost * 2)
    assert paid[1] == paid[0]


def test_punishment_in_a_running_city_reaches_only_its_target():
    from tests.commons_helpers import small_config
    from zelflerendestad.model import CityModel

    m = CityModel(small_config(), seed=3)
    m.run(39)  # two commons by now, one in each neighbourhood
    m.intervene({"event": "peer_punishment_start", "target": {"neighbourhoods": [0]}})
    np.testing.assert_array_equal(m._punishers(), m.residents.neighbourhood == 0)
    m.run(4)  # runs with punishment on (what it changes depends on who free-rides)


def test_punishment_is_a_targeted_programme_that_stops():
    ctx = context(residents=five_residents(neighbourhood=[0, 0, 1, 1, 1]))
    out = apply_event(ctx, event("peer_punishment_start", target={"neighbourhoods": [1]},
                                 weeks=8))
    np.testing.assert_array_equal(ins.coverage(ctx.municipality.instruments, "punishment"),
                                  [0, 0, 1, 1, 1])
    assert out.text == "peer punishment starts (3 residents, 8 weeks)"
    apply_event(ctx, event("peer_punishment_stop"))
    assert not ctx.municipality.runs("punishment")
