"""Docking to Bass (1969): vertical broadcast is Bass's p, horizontal word of mouth his q.

In the fully mixed limit (no ties, V = 1, H = 0, receptivity 1, no lapse, no connectors) a
passive resident wakes with probability p + q F per week, F the engaged share: the discrete Bass
recurrence F(t+1) = F(t) + (p + q F(t)) (1 - F(t)). With steps of 1/10 period (p and q scaled)
the recurrence approaches the closed form F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}).
On a sparse, clustered network word of mouth reaches fewer new people than nominal q says: an
effective q is fitted and set against the network's clustering.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import optimize, stats

from ..config.schema import CityConfig
from ..run.runner import build_model
from .common import Check, Size, bonferroni_z, limit_config, merged, run_many

P, Q = 0.03, 0.38  # per period (the values; Bass's own fits are of this order)
FULL = Size(runs=100, residents=10_000)
FAST = Size(runs=8, residents=10_000, fast=True)
CLOSED_FAST = Size(runs=4, residents=10_000, fast=True)
SPARSE_FULL = Size(runs=20, residents=10_000)
SPARSE_FAST = Size(runs=4, residents=2_000, fast=True)


def overrides(p: float, q: float, residents: int, initial: float = 0.0,
              network: dict[str, Any] | None = None) -> dict[str, Any]:
    """CityConfig overrides (on top of `QUIET`) for the Bass limit."""
    return {"city": {"residents": residents},
            "network": network or {"type": "fully_mixed"},
            "municipality": {"vertical_share": 1.0, "effort": 1.0},  # V = 1, H = 0
            "engagement": {"broadcast_rate": p, "word_of_mouth_rate": q,
                           "initial_engaged": initial},
            "learning": {"dimensions": 1}}


def recurrence(p: float, q: float, steps: int, start: float = 0.0) -> np.ndarray:
    """Discrete Bass recurrence F(0..steps)."""
    f = np.empty(steps + 1)
    f[0] = start
    for t in range(steps):
        f[t + 1] = f[t] + (p + q * f[t]) * (1 - f[t])
    return f


def closed_form(t: np.ndarray, p: float, q: float) -> np.ndarray:
    """Bass's continuous-time adoption curve F(t)."""
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + q / p * e)


def run_curve(config: CityConfig, seed: int, steps: int) -> dict[str, np.ndarray]:
    """One run: engaged share and new adoptions (as shares) per step, plus V and H."""
    model = build_model(config, seed)
    model.run(steps)
    ts = model.recorder.arrays()
    return {"F": ts["engaged_share"], "new": ts["newly_engaged"] / config.city.residents,
            "V": ts["vertical_intensity"], "H": ts["horizontal_intensity"]}


def _curves(config: CityConfig, size: Size, steps: int, jobs: int) -> dict[str, np.ndarray]:
    runs = run_many(run_curve, [(config, s, steps) for s in range(size.runs)], jobs)
    return {k: np.array([r[k] for r in runs]) for k in runs[0]}


def _limit_ok(c: dict[str, np.ndarray]) -> bool:
    return bool((c["V"] == 1.0).all() and (c["H"] == 0.0).all())


def _z(mean: np.ndarray, se: np.ndarray, target: np.ndarray, floor: float) -> np.ndarray:
    """|mean - target| in standard errors, with the SE floored at `floor`.

    The floor is one resident's resolution, needed once every run has reached everyone while
    the recurrence is still 1 - tiny.
    """
    return np.abs(mean - target) / np.maximum(se, floor)


def _mc_check(name: str, title: str, c: dict[str, np.ndarray], target: np.ndarray,
              size: Size, what: str, extra: dict[str, Any] | None = None) -> Check:
    """Mean curve against an exact expectation, within Monte Carlo error at every step."""
    F = c["F"]
    mean, se = F.mean(0), F.std(0, ddof=1) / np.sqrt(F.shape[0])
    z = _z(mean, se, target, 1 / (size.residents * np.sqrt(F.shape[0])))
    bound = bonferroni_z(F.shape[1] - 1)
    figures = {"max_abs_diff": float(np.abs(mean - target).max()), "max_z": float(z.max()),
               "z_bound": bound, "residents": size.residents, "runs": F.shape[0],
               "steps": F.shape[1] - 1, "V_is_1_and_H_is_0": _limit_ok(c), **(extra or {})}
    rows = [{"t": t, "mean F": mean[t], what: target[t], "SE": se[t], "z": z[t]}
            for t in range(0, F.shape[1], 2)]
    return Check(name, title, figures,
                 target=f"mean engaged share = {what} at every step",
                 tolerance=f"|z| <= {bound:.2f} at every step (Bonferroni, alpha 0.01 over "
                           f"{F.shape[1] - 1} steps)",
                 passed=bool(z.max() <= bound and figures["V_is_1_and_H_is_0"]),
                 tables=[("Mean engaged share against the target", rows)],
                 data={"t": np.arange(F.shape[1]), "mean": mean, "se": se, "target": target,
                       "new": c["new"].mean(0)})


def check_discrete(size: Size = FULL, jobs: int = 1) -> Check:
    """Fully mixed runs against the discrete Bass recurrence, p = 0.03, q = 0.38."""
    steps = 30
    cfg = limit_config(overrides(P, Q, size.residents))
    c = _curves(cfg, size, steps, jobs)
    check = _mc_check("bass_discrete", "Bass: discrete recurrence (p = 0.03, q = 0.38)", c,
                      recurrence(P, Q, steps), size, "recurrence")
    check.config = merged(overrides(P, Q, size.residents), {"run": {"weeks": steps}})
    return check


def check_q0(size: Size = FULL, jobs: int = 1) -> Check:
    """Pure broadcast (q = 0): gives 1 - (1 - p)^t, and new adoption only falls (no S)."""
    steps = 30
    c = _curves(limit_config(overrides(P, 0.0, size.residents)), size, steps, jobs)
    new = c["new"].mean(0)[1:]
    check = _mc_check("bass_q0", "Bass: q = 0 gives 1 - (1 - p)^t", c,
                      1 - (1 - P) ** np.arange(steps + 1), size, "1 - (1 - p)^t",
                      {"peak_of_new_adoption_at_step": int(np.argmax(new)) + 1})
    check.passed = check.passed and check.figures["peak_of_new_adoption_at_step"] == 1
    check.target += "; new adoption highest in the first step (no S-shape)"
    check.config = merged(overrides(P, 0.0, size.residents), {"run": {"weeks": steps}})
    return check


def check_p0(size: Size = FULL, jobs: int = 1) -> Check:
    """Word of mouth alone (p = 0, 1% seeds) gives the logistic curve.

    Each run is set against the logistic recurrence F(t+1) = F + q F (1 - F) started from its
    own (random) number of seeds; the mean difference must be within Monte Carlo error.
    """
    steps = 40
    c = _curves(limit_config(overrides(0.0, Q, size.residents, initial=0.01)), size, steps,
                jobs)
    logistic = np.array([recurrence(0.0, Q, steps, f0) for f0 in c["F"][:, 0]])
    diff = c["F"] - logistic
    mean, se = diff.mean(0), diff.std(0, ddof=1) / np.sqrt(diff.shape[0])
    z = _z(mean, se, np.zeros_like(mean), 1 / (size.residents * np.sqrt(diff.shape[0])))
    bound = bonferroni_z(steps)
    t = np.arange(steps + 1)
    rate, mid = optimize.curve_fit(lambda t, r, m: 1 / (1 + np.exp(-r * (t - m))), t,
                                   c["F"].mean(0), p0=(Q, 12.0))[0]
    figures = {"max_abs_mean_diff": float(np.abs(mean).max()), "max_z": float(z.max()),
               "z_bound": bound, "fitted_logistic_rate": float(rate),
               "fitted_midpoint": float(mid),
               "residents": size.residents, "runs": diff.shape[0],
               "V_is_1_and_H_is_0": _limit_ok(c)}
    rows = [{"t": i, "mean F": c["F"].mean(0)[i], "logistic from own seeds": logistic.mean(0)[i],
             "mean diff": mean[i], "z": z[i]} for i in range(0, steps + 1, 4)]
    return Check("bass_p0", "Bass: p = 0 with seeds gives the logistic curve", figures,
                 target="mean of (run - logistic recurrence from the run's own seeds) = 0",
                 tolerance=f"|z| <= {bound:.2f} at every step (Bonferroni, alpha 0.01)",
                 passed=bool(z.max() <= bound and figures["V_is_1_and_H_is_0"]),
                 tables=[("Word of mouth alone against the logistic recurrence", rows)],
                 data={"t": t, "mean": c["F"].mean(0), "target": logistic.mean(0)},
                 headline=["max_abs_mean_diff", "max_z", "z_bound", "fitted_logistic_rate"],
                 config=merged(overrides(0.0, Q, size.residents, initial=0.01),
                               {"run": {"weeks": steps}}))


def check_closed_form(size: Size = FULL, jobs: int = 1) -> Check:
    """Steps of 1/10 period against Bass's closed form for t in [0, 30], and the peak time."""
    dt, steps = 0.1, 300
    p, q = round(P * dt, 12), round(Q * dt, 12)
    c = _curves(limit_config(overrides(p, q, size.residents)), size, steps, jobs)
    t = np.arange(steps + 1) * dt
    mean, se = c["F"].mean(0), c["F"].std(0, ddof=1) / np.sqrt(c["F"].shape[0])
    exact = closed_form(t, P, Q)
    diff = np.abs(mean - exact)
    tol = 0.01 + (4 * float(se.max()) if size.fast else 0.0)
    peak_tol = 0.5 if size.fast else 0.3
    rate = c["new"].mean(0)[1:] / dt  # adoption per period in step s, centred at (s - 1/2) dt
    mid = (np.arange(1, steps + 1) - 0.5) * dt
    peak = _peak_time(mid, rate)
    peak_exact = float(np.log(Q / P) / (P + Q))
    figures = {"max_abs_diff": float(diff.max()), "at_t": float(t[np.argmax(diff)]),
               "euler_recurrence_max_abs_diff": float(
                   np.abs(recurrence(P * dt, Q * dt, steps) - exact).max()),
               "peak_time": peak, "peak_time_closed_form": peak_exact,
               "residents": size.residents, "runs": c["F"].shape[0],
               "V_is_1_and_H_is_0": _limit_ok(c)}
    rows = [{"t": t[i], "mean F": mean[i], "closed form": exact[i], "abs diff": diff[i]}
            for i in range(0, steps + 1, 20)]
    return Check("bass_closed_form", "Bass: closed form with steps of 1/10 period", figures,
                 target=f"F(t) = closed form for t in [0, 30]; peak of new adoption at "
                        f"t = {peak_exact:.2f}",
                 tolerance=f"|diff| <= {tol:.3g}; peak within {peak_tol}",
                 passed=bool(diff.max() <= tol and abs(peak - peak_exact) <= peak_tol
                             and figures["V_is_1_and_H_is_0"]),
                 tables=[("Mean engaged share against the closed form", rows)],
                 data={"t": t, "mean": mean, "target": exact, "mid": mid, "rate": rate,
                       "rate_exact": _closed_rate(mid, P, Q), "peak": peak},
                 headline=["max_abs_diff", "euler_recurrence_max_abs_diff", "peak_time",
                           "peak_time_closed_form"],
                 config=merged(overrides(p, q, size.residents),
                               {"run": {"weeks": steps}}))


def _closed_rate(t: np.ndarray, p: float, q: float) -> np.ndarray:
    F = closed_form(t, p, q)
    return (p + q * F) * (1 - F)


def _peak_time(t: np.ndarray, rate: np.ndarray, half_width: float = 2.0) -> float:
    """Time of the maximum: a parabola through the points within `half_width` of the argmax."""
    smooth = np.convolve(rate, np.ones(9) / 9, mode="same")
    centre = t[np.argmax(smooth)]
    near = np.abs(t - centre) <= half_width
    a, b, _ = np.polyfit(t[near], rate[near], 2)
    return float(-b / (2 * a)) if a < 0 else float(centre)


def clustering(config: CityConfig, seed: int) -> float:
    """Mean local clustering coefficient of the network a run with this config and seed gets."""
    adj = build_model(config, seed).network.adjacency
    if adj is None:
        return float("nan")
    closed = np.asarray((adj @ adj).multiply(adj).sum(axis=1)).ravel()
    k = np.diff(adj.indptr)
    ok = k > 1
    return float(np.mean(closed[ok] / (k[ok] * (k[ok] - 1))))


def fit_q(mean: np.ndarray, p: float) -> float:
    """Effective q: least-squares fit of the discrete Bass recurrence (p known) to a curve."""
    steps = mean.size - 1
    res = optimize.minimize_scalar(
        lambda q: float(np.sum((recurrence(p, q, steps, mean[0]) - mean) ** 2)),
        bounds=(0.0, 1.0), method="bounded", options={"xatol": 1e-5})
    return float(res.x)


NETWORKS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("default small world", {"type": "small_world"},
     {"city": {"neighbourhoods": 3, "connector_share": 0.03},
      "engagement": {"connector_weight": 1.0}}),
    *[(f"ring, rewire {r:g}", {"type": "ring", "rewire": r}, {})
      for r in (0.0, 0.01, 0.03, 0.1, 0.3, 1.0)],
    ("random", {"type": "random"}, {}),
]


def check_sparse(size: Size = SPARSE_FULL, jobs: int = 1) -> Check:
    """Effective q on sparse networks (mean degree 8) against their clustering."""
    steps = 40
    rows = []
    for label, network, extra in NETWORKS:
        cfg = limit_config(overrides(P, Q, size.residents, network=network), extra)
        c = _curves(cfg, size, steps, jobs)
        mean = c["F"].mean(0)
        rows.append({"network": label, "clustering": clustering(cfg, 0),
                     "effective q": fit_q(mean, P), "q / nominal": fit_q(mean, P) / Q,
                     "engaged at t = 10": mean[10], "_curve": mean})
    default = rows[0]["effective q"]
    rho = stats.spearmanr([r["clustering"] for r in rows], [r["effective q"] for r in rows])[0]
    figures = {"nominal_q": Q, "effective_q_default_network": default,
               "spearman_clustering_vs_effective_q": float(rho), "residents": size.residents,
               "runs_per_network": size.runs}
    curves = {r["network"]: r.pop("_curve") for r in rows}
    return Check("bass_sparse", "Bass on sparse networks: effective q and clustering", figures,
                 target="effective q below nominal q on the default network, and falling as "
                        "clustering rises",
                 tolerance="effective q < 0.38; Spearman rho(clustering, effective q) < 0",
                 passed=bool(default < Q and rho < 0),
                 tables=[("Effective word-of-mouth rate by network (mean degree 8)", rows)],
                 data={"rows": rows, "curves": curves, "fully_mixed": recurrence(P, Q, steps)},
                 headline=["effective_q_default_network", "nominal_q",
                           "spearman_clustering_vs_effective_q"],
                 config=merged(overrides(P, Q, size.residents, network=NETWORKS[0][1]),
                               NETWORKS[0][2], {"run": {"weeks": steps}}),
                 notes="Only the fully mixed case is Bass's model. On a network a resident's "
                       "word-of-mouth chance is q times the engaged share of *their own* "
                       "contacts; in a clustered network those contacts are largely engaged "
                       "already or not reached yet, so the curve rises as if q were smaller. "
                       "Connectors keep their bridging ties but count as one contact here "
                       "(connector_weight 1).")


CHECKS = {"bass_discrete": (check_discrete, FULL, FAST),
          "bass_closed_form": (check_closed_form, FULL, CLOSED_FAST),
          "bass_q0": (check_q0, FULL, FAST), "bass_p0": (check_p0, FULL, FAST),
          "bass_sparse": (check_sparse, SPARSE_FULL, SPARSE_FAST)}
