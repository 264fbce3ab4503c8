"""The vectorised CityModel and the one-agent-per-resident reference agree in distribution.

At 300 residents over 30 seeds, the weekly engagement, trust and knowledge curves of `CityModel`
and of `benchmarks/reference_agents.py` (Mesa agents, loops, shuffle_do), both with crowding and
commons off (the reference has neither), are compared at every 13th week: means with Welch's
t-test, spreads with the Brown-Forsythe test. The tolerance is not a number picked to pass: each
test's critical value comes from the across-seed spread of both samples, at a family-wise error
rate of 1% (Bonferroni over all comparisons). A second test shows the check has teeth: it flags
a model whose word of mouth is 30% stronger.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from benchmarks.reference_agents import ReferenceCity, curves, reference_config
from zelflerendestad.model import CityModel

from .conftest import small_config

SEEDS = range(30)
WEEKS = 104
CHECKPOINTS = list(range(13, WEEKS + 1, 13))
CURVES = ("engaged_share", "trust_government", "knowledge_residents")
FAMILY_ALPHA = 0.01


def config(**engagement: float):
    """300 residents, without the mechanisms the reference lacks (crowding, commons)."""
    return reference_config(small_config(city={"residents": 300}, run={"weeks": WEEKS},
                                         engagement=engagement))


def vectorised_runs(cfg) -> dict[str, np.ndarray]:
    runs = []
    for seed in SEEDS:
        m = CityModel(cfg, seed=seed)
        m.run(WEEKS)
        runs.append(m.recorder.arrays())
    return {k: np.array([r[k] for r in runs]) for k in CURVES}


def reference_runs(cfg) -> dict[str, np.ndarray]:
    runs = []
    for seed in SEEDS:
        m = ReferenceCity(cfg, seed=seed)
        m.run(WEEKS)
        runs.append(curves(m))
    return {k: np.array([r[k] for r in runs]) for k in CURVES}


def disagreements(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> list[str]:
    """Curves and weeks where the two samples of runs differ beyond Monte Carlo error."""
    tests = 2 * len(CURVES) * len(CHECKPOINTS)
    alpha = FAMILY_ALPHA / tests
    found = []
    for name in CURVES:
        for week in CHECKPOINTS:
            x, y = a[name][:, week], b[name][:, week]
            p_mean = stats.ttest_ind(x, y, equal_var=False).pvalue
            p_spread = stats.levene(x, y, center="median").pvalue
            if p_mean < alpha or p_spread < alpha:
                found.append(f"{name} week {week}: means {x.mean():.3f} vs {y.mean():.3f} "
                             f"(p={p_mean:.1e}), sd {x.std():.3f} vs {y.std():.3f} "
                             f"(p={p_spread:.1e})")
    return found


@pytest.fixture(scope="module")
def vectorised():
    return vectorised_runs(config())


def test_vectorised_model_and_mesa_reference_agree_in_distribution(vectorised):
    reference = reference_runs(config())
    assert disagreements(vectorised, reference) == []


def test_the_comparison_detects_a_30_percent_stronger_word_of_mouth(vectorised):
    stronger = config(word_of_mouth_rate=1.3 * config().engagement.word_of_mouth_rate)
    assert disagreements(vectorised, vectorised_runs(stronger)) != []


def test_reference_follows_the_same_config_and_refuses_what_it_lacks():
    with pytest.raises(ValueError, match="interventions"):
        ReferenceCity(small_config(interventions=[{"week": 5, "event": "subsidy_start"}]))
    with pytest.raises(ValueError, match="commons"):
        ReferenceCity(small_config())
    m = ReferenceCity(reference_config(small_config(city={"residents": 120,
                                                          "neighbourhoods": 2})), seed=1)
    m.run(3)
    assert len(m.residents) == 120 and len(m.curves["engaged_share"]) == 4
    assert len(m.agents_by_type) == 2  # residents and officials, as Mesa agents
