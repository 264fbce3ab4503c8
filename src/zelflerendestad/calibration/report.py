"""Writing what a calibration found: docs/calibration.md, the accepted-parameter YAML, JSON.

Outcome (engine.py) -> `results()` (one JSON-able dict, the source of the other two) ->
`markdown()` and `accepted_yaml()`. Each file is written whole or not at all.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import yaml

from ..run.manifest import git_commit, now
from .engine import Outcome, pass_share, posterior, representative
from .patterns import describe_test
from .priors import schema_bounds


def _num(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if hasattr(x, "item"):
        return _num(x.item())
    return x


def results(o: Outcome, command: str) -> dict[str, Any]:
    """Everything in plain data: patterns, shares, posterior, held-out, every point."""
    c, spec = o.calibration, o.calibration.spec
    everyone = list(range(len(o.points)))
    rejected = [i for i in everyone if i not in set(o.accepted)]
    patterns = []
    for p in spec.patterns:
        ran = [i for i in everyone if p.probe in o.ran[i]]
        measurable = sum(o.verdicts[i][p.id].measurable for i in ran)
        row = {"points_run": len(ran), "id": p.id, "title": p.title, "citation": p.citation,
               "use": p.use,
               "band": describe_test(p), "finding": p.finding, "confirmed": p.confirmed,
               "band_basis": p.band_basis, "probe": p.probe, "measure": p.measure,
               "pass_share_design": _num(pass_share(o, p.id, everyone)),
               "measurable_share_design": measurable / len(ran) if ran else None,
               "pass_share_accepted": _num(pass_share(o, p.id, o.accepted))}
        if p.use == "held_out":
            values = [o.verdicts[i][p.id].value for i in o.accepted]
            values = [v for v in values if math.isfinite(v)]
            row["pass_share_rejected"] = _num(pass_share(o, p.id, rejected))
            row["accepted_values"] = {"n": len(values), **({"min": min(values),
                                      "median": sorted(values)[len(values) // 2],
                                      "max": max(values)} if values else {})}
        if p.design_share is not None:
            share = pass_share(o, p.id, everyone)
            lo, hi = p.design_share.band
            row["design_band"] = [lo, hi]
            row["design_passed"] = bool(math.isfinite(share) and lo <= share <= hi)
        patterns.append(row)
    rep = representative(o)
    return {
        "name": spec.name, "generated": now(), "git_commit": git_commit(), "command": command,
        "fingerprint": o.fingerprint or c.fingerprint, "code_fingerprint": c.fingerprint,
        "design": {"type": spec.design.type, "points": len(o.points),
                   "samples": spec.design.samples},
        "runs": o.runs_done, "runs_planned": len(c.tasks), "failed_runs": o.failed_runs,
        "cpu_seconds": round(o.seconds, 1),
        "probes": {k: {"replications": v.replications, "arms": list(v.arms), "stage": v.stage,
                       "residents": v.config.get("city", {}).get("residents"),
                       "weeks": v.config.get("run", {}).get("weeks")}
                   for k, v in spec.probes.items()},
        "accepted": len(o.accepted), "accepted_share": len(o.accepted) / len(o.points),
        "accepted_points": o.accepted, "representative": rep,
        "patterns": patterns, "posterior": [
            {**{k: _num(v) for k, v in r.items()}, "schema": schema_bounds(r["name"]),
             "why_narrowed": spec.narrowed[r["name"]].why if r["name"] in spec.narrowed
             else None} for r in posterior(o)],
        "not_probed": [n.model_dump() for n in spec.not_probed],
        "accepted_sets": {str(i): {k: _num(v) for k, v in o.points[i].items()}
                          for i in o.accepted},
    }


def point_rows(o: Outcome) -> list[dict[str, Any]]:
    """One row per design point: parameters, accepted, each pattern's value and verdict."""
    rows = []
    for i, point in enumerate(o.points):
        row: dict[str, Any] = {"point_id": i, **point, "accepted": i in set(o.accepted)}
        for k, v in o.verdicts[i].items():
            row[f"{k}:value"] = _num(v.value)
            row[f"{k}:passed"] = v.passed if v.measurable else None
        rows.append(row)
    return rows


def csv_text(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text (empty cells for missing values)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["point_id"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else f"{v:.6g}" if isinstance(v, float) else v)
                      for k, v in r.items()} for r in rows)
    return buf.getvalue()


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """`{"a.b": 1}` -> `{"a": {"b": 1}}`."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        node = out
        *head, last = key.split(".")
        for part in head:
            node = node.setdefault(part, {})
        node[last] = _num(value)
    return out


def accepted_yaml(res: dict[str, Any], extends: str) -> str:
    """A config fragment for `extends:`: the representative accepted set (or none)."""
    rep = res["representative"]
    lines = [f"# Generated by `{res['command']}` on {res['generated']} (fingerprint "
             f"{res['fingerprint']}); do not edit by hand.",
             f"# The accepted parameter set nearest the median of the {res['accepted']} sets "
             f"(of {res['design']['points']}) that",
             "# reproduce every calibration pattern in docs/calibration.md. Use it with",
             f"#   extends: <path to this file>     (it extends {extends} itself)"]
    data: dict[str, Any] = {"extends": extends, "meta": {
        "name": "calibrated", "description": (
            f"Point {rep} of calibration {res['name']}: accepted by all patterns."
            if rep is not None else f"Calibration {res['name']} accepted no parameter set; "
            "this file adds nothing to its base.")}}
    if rep is not None:
        data.update(nest(res["accepted_sets"][str(rep)]))
    return "\n".join(lines) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _f(x: Any, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}g}" if abs(x) < 1e-3 and x != 0 else f"{x:.{digits}f}"
    return str(x)


def _pct(x: Any) -> str:
    if x is None:
        return "-"
    return f"{100 * x:.1f}%" if 0 < x < 0.1 else f"{100 * x:.0f}%"


def markdown(res: dict[str, Any]) -> str:
    """docs/calibration.md."""
    pats = res["patterns"]
    held = [p for p in pats if p["use"] == "held_out"]
    lines = [
        "# Pattern-oriented calibration",
        "",
        f"*Generated by `{res['command']}` on {res['generated']} (commit "
        f"{res['git_commit'] or 'unknown'}, fingerprint {res['fingerprint']}); do not edit "
        "by hand. The numbers are in `experiments/calibration/results.json`, one row per "
        "design point in `points.csv`.*",
        "",
        "Pattern-oriented modelling (Grimm et al. 2005) asks a model to reproduce several "
        "patterns at once, each observed somewhere else, and keeps only the parameter sets "
        "that do; Janssen, Radtke & Lee (2009) did this for commons-dilemma experiments. Here "
        f"a {res['design']['type']} design of {res['design']['points']} points"
        + (f" (the first {res['design']['points']} of {res['design']['samples']}: a stopped "
           "run reported on what it finished, a uniform but coarser sample of the prior)"
           if res["design"]["points"] < res["design"].get("samples", 0) else "")
        + " spans the free "
        "behavioural parameters over the bounds the config schema gives them (a spec may "
        "narrow a prior inside them, with its reason; see the posterior table). Probes run in "
        "stages, cheap ones first: a later stage runs only where every calibration pattern of "
        "the earlier ones held, which is what rejection needs. Each point is run through the "
        "probes (a "
        "situation and its conditions, with common random numbers across conditions), each "
        "pattern's statistic is pooled over the replications, and a point is *accepted* when "
        "every calibration pattern lies in its band. One pattern is held out and used only to "
        "see whether the accepted sets predict it.",
        "",
        f"**Accepted: {res['accepted']} of {res['design']['points']} points "
        f"({_pct(res['accepted_share'])})**; {res['runs']} runs of the {res['runs_planned']} "
        f"a design without stages would need ({res['failed_runs']} failed), "
        f"{res['cpu_seconds']:.0f} s of run time.",
        "",
        *([f"*The runs were made by code with fingerprint {res['fingerprint']}; the code has "
           f"changed since (now {res['code_fingerprint']}). `make calibrate` redoes them.*", ""]
          if res["fingerprint"] != res["code_fingerprint"] else []),
        "## Patterns and bands",
        "",
        "Shares are of the points where the pattern's probe ran (a later stage runs only "
        "where the earlier stages' calibration patterns held).",
        "",
        "| pattern | use | band | probe ran at | passes | measurable | passes (accepted) |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in pats:
        lines.append(f"| {p['title']} ({p['citation'].split(';')[0]}) | {p['use']} | "
                     f"{p['band']} | {p['points_run']} | {_pct(p['pass_share_design'])} | "
                     f"{_pct(p['measurable_share_design'])} | {_pct(p['pass_share_accepted'])} |")
    lines += ["", "### What each pattern says and where the band comes from", ""]
    for p in pats:
        lines += [f"**{p['title']}** (`{p['id']}`, {p['use']}). {p['citation']}.", "",
                  f"- Finding: {p['finding']}", f"- Confirmed: {p['confirmed']}",
                  f"- Band: {p['band']}. {p['band_basis']}",
                  f"- Probe `{p['probe']}` (arms: "
                  + ", ".join(res["probes"][p["probe"]]["arms"]) + f"), measure `{p['measure']}`."]
        if "design_band" in p:
            lo, hi = p["design_band"]
            lines.append(f"- Over the whole design: {_pct(p['pass_share_design'])} of points, "
                         f"band [{_pct(lo)}, {_pct(hi)}]: "
                         + ("**holds**." if p["design_passed"] else "**does not hold**."))
        lines.append("")
    lines += ["## Posterior ranges", "",
              "Prior: uniform over the schema's bounds (or choices), unless the spec narrows it "
              "(reasons below the table). Accepted: the range and the 5-50-95% quantiles of the "
              "accepted sets; *share* is the accepted range as a share of the prior's.", "",
              "| parameter | schema | prior | accepted min | q05 | median | q95 | max | share |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in res["posterior"]:
        if r["kind"] == "choice":
            counts = ", ".join(f"{k}: {v}" for k, v in r["accepted_counts"].items())
            choices = ", ".join(map(str, r["prior"]))
            lines.append(f"| `{r['name']}` | {choices} | {choices} | {counts} | | | | | |")
        else:
            lo, hi = r["prior"]
            slo, shi = r["schema"]
            lines.append(f"| `{r['name']}` | [{_f(slo)}, {_f(shi)}] | [{_f(lo)}, {_f(hi)}] | "
                         + " | ".join(_f(r.get(k)) for k in ("min", "q05", "median", "q95",
                                                            "max"))
                         + f" | {_pct(r.get('share_of_prior'))} |")
    lines += [""] + [f"- `{r['name']}` narrowed: {r['why_narrowed']}"
                     for r in res["posterior"] if r["why_narrowed"]] + [""]
    for p in held:
        v = p["accepted_values"]
        lines += ["## Held-out prediction", "",
                  f"Held out: **{p['title']}** ({p['citation']}), band {p['band']}.", "",
                  f"- Among the accepted sets it holds in {_pct(p['pass_share_accepted'])} "
                  f"(tested value over {v['n']} measurable sets: median {_f(v.get('median'))}, "
                  f"range {_f(v.get('min'))} to {_f(v.get('max'))}).",
                  f"- Among all {p['points_run']} points where its probe ran: "
                  f"{_pct(p['pass_share_design'])}; among the rejected ones of them: "
                  f"{_pct(p['pass_share_rejected'])}.",
                  "- The calibration predicts the held-out pattern if the first share is high "
                  "and clearly above the second; if the two are alike the patterns used carry "
                  "no information about it.", ""]
    if res["not_probed"]:
        lines += ["## Patterns the model cannot probe yet", "",
                  "| pattern | source | missing knob |", "|---|---|---|"]
        for n in res["not_probed"]:
            lines.append(f"| {n['title']} | {n['citation']} | {n['reason']} |")
        lines.append("")
    lines += ["## Probes", "", "| probe | stage | arms | residents | weeks | replications |",
              "|---|---|---|---|---|---|"]
    for k, v in res["probes"].items():
        lines.append(f"| `{k}` | {v['stage']} | {', '.join(v['arms'])} | {v['residents']} | "
                     f"{v['weeks']} | {v['replications']} |")
    lines += ["", "The probes' configs are in `experiments/calibration/spec.yaml`; rerun with "
              "`make calibrate` (see the spec's header for the size and the time it takes).", ""]
    return "\n".join(lines)


def write_text(path: Path, text: str) -> None:
    """Write a file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
