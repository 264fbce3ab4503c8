"""Commons state, measures and records on a hand-made five-member commons."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.commons_helpers import DIMS, five_residents, one_commons
from zelflerendestad.commons import COMMONS, ENDED, INITIATIVE, Commons, records
from zelflerendestad.commons.measures import kaplan_meier, km_median, summary, weekly
from zelflerendestad.commons.state import COX11, EIGHT_FROM_ELEVEN, OSTROM8, eight


def test_rows_grow_by_doubling_and_keep_what_they_hold():
    c = Commons(DIMS)
    first = c.add(3, np.int8(1), np.int32(2), week=5)
    c.money[first] = [1.0, 2.0, 3.0]
    more = c.add(20, np.int8(0), np.int32(0), week=6)
    np.testing.assert_array_equal(first, [0, 1, 2])
    np.testing.assert_array_equal(more, np.arange(3, 23))
    assert c.theme.size >= 23 and c.rules.shape[1] == DIMS and len(c.weakest) == c.theme.size
    np.testing.assert_array_equal(c.money[:3], [1.0, 2.0, 3.0])
    assert (c.stage[:23] == INITIATIVE).all() and (c.organised[:23] == -1).all()
    c.stage[1] = ENDED
    assert 1 not in c.living and c.living.size == 22


def test_reset_forgets_a_members_memory_of_the_commons():
    st = one_commons()
    st.offences[:], st.deterrence[:], st.harsh[:], st.contributed[:] = 2, 0.5, 0.1, True
    st.reset(np.array([1, 3]))
    np.testing.assert_array_equal(st.offences, [2, 0, 2, 0, 2])
    np.testing.assert_array_equal(st.made, [True, False, True, False, False])
    assert st.deterrence[[1, 3]].sum() == 0 and not st.contributed[[1, 3]].any()


def test_eight_principles_are_means_of_cox_columns():
    cox = np.arange(len(COX11), dtype=float)
    # P1 = mean(1A, 1B), P2 = mean(2A, 2B), P3 = 3, P4 = mean(4A, 4B), then one to one
    np.testing.assert_allclose(eight(cox), [0.5, 2.5, 4, 5.5, 7, 8, 9, 10])
    assert eight(np.zeros((3, len(COX11)))).shape == (3, len(OSTROM8))
    cox = np.random.default_rng(8).random((50, len(COX11)))
    means = np.stack([cox[:, list(cols)].mean(axis=-1) for cols in EIGHT_FROM_ELEVEN], axis=-1)
    np.testing.assert_array_equal(eight(cox), means)  # the very bits of np.mean
    np.testing.assert_array_equal(eight(cox[7]), means[7])


def test_weekly_measures_by_hand():
    st = one_commons()
    r = five_residents(member_of=[0, 0, 0, -1, -1], active=[True, True, False, False, False])
    st.contributed[:] = [True, True, False, True, False]  # member 3 left since contributing
    st.value_week = 1.5
    st.commons.score[0] = 1.0
    row = weekly(st, r, value_per_contribution=1.0)
    assert row["commons_living"] == 1 and row["initiatives_living"] == 0
    assert row["members_share"] == pytest.approx(3 / 5)
    assert row["contributors_share"] == pytest.approx(2 / 5)  # only current members count
    # community strength: mean of active share 2/5, members 3/5 and producing 1.5 / 5
    assert row["community_strength"] == pytest.approx((0.4 + 0.6 + 0.3) / 3)
    assert row["principle_nested"] == 1.0 and row["free_riding"] == pytest.approx(0.2)


def test_kaplan_meier_by_hand():
    # lifespans 2, 4 (ended) and 3, 5 (still alive: censored)
    times, survival = kaplan_meier(np.array([2, 3, 4, 5]), np.array([True, False, True, False]))
    np.testing.assert_array_equal(times, [2, 4])
    np.testing.assert_allclose(survival, [3 / 4, 3 / 4 * 1 / 2])
    assert km_median(np.array([2, 3, 4, 5]), np.array([True, False, True, False])) == 4
    assert math.isnan(km_median(np.array([2, 3]), np.array([False, False])))


def test_records_and_summary_of_one_commons():
    st = one_commons()
    c = st.commons
    c.score_sum[0], c.score_weeks[0], c.value[0] = 2.0, 4, 7.5
    table = records(c)
    row = table.to_pylist()[0]
    assert table.num_rows == 1 and row["rules_origin"] == "co-decided"
    assert row["enforcement"] == "peer" and row["week_ended"] is None
    assert row["boundaries_mean"] == pytest.approx(0.5)  # 2 / 4 weeks
    out = summary(c, week=10)
    assert out["commons_formed_total"] == 1 and out["commons_alive_end"] == 1
    assert out["public_value_total"] == 7.5 and out["commons_median_lifespan_weeks"] is None
    assert c.stage[0] == COMMONS
