"""Contributions as amounts (Fischbacher & Gachter 2010): types, beliefs, shortfalls, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from tests.commons_helpers import small_config
from zelflerendestad.commons import amounts as amt
from zelflerendestad.commons.cooperation import peer_punishment
from zelflerendestad.config import validate_mapping
from zelflerendestad.config.commons_schema import CooperationSettings
from zelflerendestad.config.contribution_schema import ContributionSettings
from zelflerendestad.config.loading import ConfigError

S = ContributionSettings()  # 0.5 conditional, 0.3 free riders, 0.14 hump, 0.06 unclassified


def test_tastes_split_into_the_type_shares():
    taste = np.array([0.0, 0.49, 0.5, 0.79, 0.8, 0.93, 0.95, 0.97])
    np.testing.assert_array_equal(amt.preference_types(taste, S), [0, 0, 1, 1, 2, 2, 3, 3])


def test_each_type_gives_its_schedule_of_the_belief():
    taste = np.array([0.1, 0.6, 0.9, 0.9, 0.97])  # conditional, free rider, hump, hump, other
    belief = np.array([0.5, 0.9, 0.3, 0.8, 0.2])
    # 0.8 x 0.5; nothing; min(0.3, 0.7); min(0.8, 0.2); (0.97 - 0.94) / 0.06 = 0.5, any belief
    np.testing.assert_allclose(amt.schedule(taste, belief, S), [0.4, 0.0, 0.3, 0.2, 0.5])


def test_motives_add_shares_of_the_endowment_and_the_amount_stays_in_range():
    s = CooperationSettings()  # motivation 0.5, legitimacy 0.25, deterrence 0.3
    social = np.array([0.4, 0.4, 0.0, 0.9, 0.0])
    motivation = np.array([0.5, 0.7, 0.5, 1.0, 0.0])
    legit = np.array([0.0, 0.0, 1.0, 1.0, 0.0])
    deter = np.array([0.0, 0.0, 1.0, 1.0, 0.0])
    a = amt.contribution_amount(social, motivation, legit, deter, s, 0.5)
    # 0.4; 0.4 + 0.5 x 0.2; 0.25 + 0.3 (deterrence moves a free rider); clipped at 1; at 0
    np.testing.assert_allclose(a, [0.4, 0.5, 0.55, 1.0, 0.0])


def test_members_see_the_mean_of_the_other_active_members():
    amount = np.array([0.2, 0.4, 0.9, 0.0, 0.6])
    active = np.array([True, True, True, False, True])
    cm = np.array([0, 0, 0, 0, 1])
    mean, seen = amt.others_mean(amount, active, cm, 2)
    np.testing.assert_allclose(mean, [0.65, 0.55, 0.3, 0.5, 0.0])  # (1.5 - own) / others
    np.testing.assert_array_equal(seen, [True, True, True, True, False])  # 4 is alone


def test_beliefs_keep_their_weight_and_move_towards_what_was_seen():
    belief = np.array([0.5, 0.5, 0.8])
    new = amt.update_beliefs(belief, np.array([0.1, 0.9, 0.0]), np.array([True, True, False]),
                             0.5)
    np.testing.assert_allclose(new, [0.3, 0.7, 0.8])  # nobody seen: the belief stays


def test_under_matching_alone_makes_beliefs_and_amounts_unravel():
    """Three conditional cooperators in one commons, no motives: each week 0.8 of last."""
    s = ContributionSettings(belief_weight=0.0)
    belief, active, cm = np.full(3, 0.5), np.ones(3, bool), np.zeros(3, np.int64)
    means = []
    for _ in range(4):
        a = amt.schedule(np.zeros(3), belief, s)
        belief = amt.update_beliefs(belief, *amt.others_mean(a, active, cm, 1), 0.0)
        means.append(a.mean())
    np.testing.assert_allclose(means, [0.4, 0.32, 0.256, 0.2048])


def test_shortfall_below_the_commons_mean_is_a_share_of_the_mean():
    amount = np.array([0.0, 0.3, 0.6, 0.9, 0.5, 0.0])
    active = np.array([True, True, True, True, True, False])
    cm = np.array([0, 0, 0, 0, 1, 1])
    short, mean = amt.relative_shortfall(amount, active, cm, 2)
    np.testing.assert_allclose(mean, [0.45, 0.5])
    np.testing.assert_allclose(short, [1.0, 1 / 3, 0.0, 0.0, 0.0, 0.0])  # inactive: none


def test_punishment_follows_the_shortfall():
    """With propensity 1 and everyone seen, a chance of 1/3 gives fewer punishments than 1."""
    short = np.r_[np.ones(200), np.full(200, 1 / 3), np.zeros(4)]
    punisher = np.r_[np.zeros(400, bool), np.ones(4, bool)]
    received, given = peer_punishment(short, punisher, np.zeros(404, np.int64),
                                      np.array([404]), 1000.0, 1.0, np.random.default_rng(0))
    assert (received[:200] == 4).all()  # four punishers, each punishes a full free rider
    assert 1.0 < received[200:400].mean() < 1.7  # 4 x 1/3 on average
    assert not received[400:].any()
    np.testing.assert_allclose(given.sum(), received.sum())  # the punishers pay for all


def test_shares_above_one_are_refused_with_the_key_path():
    with pytest.raises(ConfigError, match="commons.contribution"):
        validate_mapping({"commons": {"contribution": {"conditional_share": 0.6,
                                                       "free_rider_share": 0.5}}})


def test_choice_mode_is_the_default():
    assert small_config().commons.contribution.mode == "choice"


def young_commons_means(punish: bool, seeds=(1, 2, 3), weeks: int = 70, ages: int = 11
                        ) -> np.ndarray:
    """Mean amount among active members, by week since forming, of commons that lived 10."""
    from zelflerendestad.model import CityModel

    rows = []
    for seed in seeds:
        m = CityModel(small_config(weeks, seed, commons={"contribution": {"mode": "amount"}}),
                      seed=seed)
        if punish:
            m.intervene({"event": "peer_punishment_start"})
        seen: dict[int, dict[int, float]] = {}
        for _ in range(weeks):
            m.step()
            r, st = m.residents, m.commons
            mem = np.flatnonzero((r.member_of >= 0) & r.active)
            for k in np.unique(r.member_of[mem]):
                age = m.week - st.commons.formed[k]
                if age < ages:
                    seen.setdefault(k, {})[age] = st.amount[mem[r.member_of[mem] == k]].mean()
        rows += [[v[a] for a in range(ages)] for v in seen.values() if len(v) == ages]
    return np.array(rows)


def test_contributions_decline_in_young_commons_and_punishment_holds_them_up():
    """Nothing says contributions fall: under-matching and free riders make them fall."""
    alone, punished = young_commons_means(False), young_commons_means(True)
    assert len(alone) >= 5 and len(punished) >= 5
    drift = {k: v[:, 8:].mean() - v[:, :3].mean() for k, v in
             (("alone", alone), ("punished", punished))}
    assert drift["alone"] < -0.03  # weeks 8-10 below weeks 0-2
    assert drift["punished"] > drift["alone"] + 0.03  # punishment slows or reverses it


def test_a_week_of_work_in_amount_mode_uses_the_amounts():
    """Five members: two conditional, a free rider, a hump, an unclassified (level 0.5).

    Motives: motivation at the reference adds 0; legitimacy 0.25 x made share 0.8 = 0.2;
    deterrence 0.3 x chance of being seen 0.5 = 0.15 (see test_commons_week's `worked`).
    """
    from tests.commons_helpers import Draws, five_residents, one_commons
    from zelflerendestad.commons.work import work
    from zelflerendestad.config.commons_schema import CommonsSettings

    from .test_commons_week import context, members

    r, st = five_residents(motivation=[0.5] * 5), one_commons()
    settings = CommonsSettings(contribution=ContributionSettings(mode="amount"))
    rng = Draws([0.1, 0.6, 0.9, 0.97, 0.2], np.full((3, 5), 0.99))  # tastes; nobody seen
    work(st, context(r, rng, settings=settings), *members(st, r))
    np.testing.assert_allclose(st.amount, [0.75, 0.35, 0.85, 0.85, 0.75])  # type + 0.35
    c = st.commons
    np.testing.assert_allclose([c.effort[0], c.free_riding[0]], [3.55, 1 - 0.71])
    assert c.contributors[0] == 5  # everyone gave something
    np.testing.assert_allclose(st.belief[0], 0.5 * 0.5 + 0.5 * (3.55 - 0.75) / 4)
