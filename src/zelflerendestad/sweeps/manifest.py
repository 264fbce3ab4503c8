"""The sweep folder's manifest.json: what was run, with which code, and each session's tally.

Plan -> `new_manifest()` (once, when the folder is created) -> `record_session()` (after every
session, also an interrupted one). Built on the single-run manifest (`zelflerendestad.run.manifest`)
so a sweep records the same versions, platform and git commit a single run does; the base config
in it is the resolved one (defaults filled in, `fixed:` and `weeks:` applied).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..run.manifest import build_manifest, git_commit, now, versions

SWEEP_PACKAGES = ("dask", "distributed", "SALib", "pandas")


def new_manifest(plan: Any, spec_file: Path) -> dict[str, Any]:
    """The manifest of a new sweep folder."""
    loaded, design = plan.loaded, plan.design
    manifest = build_manifest(plan.base.model_dump(mode="json"), loaded.spec.seed, now(), "")
    manifest["versions"] = versions(SWEEP_PACKAGES)
    manifest.pop("ended")
    manifest.update({
        "kind": "sweep",
        "name": loaded.spec.name,
        "spec_file": str(spec_file),
        "spec": loaded.spec.model_dump(mode="json"),
        "spec_hash": plan.spec_hash(),
        "base_file": str(loaded.base_file),
        "design": {"type": design.kind, "settings": design.settings,
                   "problem": design.problem,
                   "factors": [{"name": f.name, "kind": f.kind,
                                "values": list(f.values) if f.categorical else None,
                                "range": None if f.categorical else [f.low, f.high],
                                "integer": f.integer} for f in loaded.factors]},
        "n_points": plan.n_points,
        "replications": plan.replications,
        "n_runs": plan.n_runs,
        "replication_seeds": plan.seeds,
        "seed_rule": "numpy.random.SeedSequence(seed).spawn(replications)[r]"
                     ".generate_state(1, uint64)[0] >> 1, the same at every point",
        "sessions": [],
    })
    return manifest


def record_session(store: Any, backend: str, outcome: Any, argv: list[str]) -> None:
    """Append this session's tally to the manifest."""
    manifest = store.manifest()
    manifest["sessions"].append({
        "ended": now(), "backend": backend, "command": list(argv), "git_commit": git_commit(),
        "ok": outcome.ok, "failed": outcome.failed, "lost": len(outcome.lost),
        "interrupted": outcome.interrupted,
    })
    store.write_manifest(manifest)
