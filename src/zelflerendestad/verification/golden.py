"""Golden runs: seeded short runs whose outputs are stored, so every change in results is seen.

Each `tests/golden/<name>.yaml` is run with its own seed and weeks; its summary and full weekly
time series are stored in `tests/golden/<name>.json`. `compare` runs it again and lists what
differs; `python -m zelflerendestad.verification.golden --refresh` (make golden) rewrites the
stored outputs and prints what changed, so a change in results is always made on purpose. To add
a scenario, drop a YAML that `extends:` it into tests/golden/ and refresh.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from ..config.loading import load_config
from ..run.runner import run_one

ROOT = Path(__file__).resolve().parents[3]
GOLDEN_DIR = ROOT / "tests" / "golden"
RTOL, ATOL = 1e-9, 1e-12


def golden_configs(folder: Path = GOLDEN_DIR) -> list[Path]:
    """The golden run configs, by name."""
    return sorted(folder.glob("*.yaml"))


def _clean(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def produce(path: Path) -> dict[str, Any]:
    """Run one golden config and return what is stored for it."""
    config = load_config(path)
    result = run_one(config)
    ts = result.timeseries.to_pydict()
    return {"config": path.name, "seed": config.run.seed, "weeks": config.run.weeks,
            "summary": {k: _clean(v) for k, v in result.summary.items()},
            "timeseries": {k: [_clean(v) for v in vals] for k, vals in ts.items()}}


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=RTOL, abs_tol=ATOL)
    return a == b


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Plain-language lines for every stored number that changed."""
    lines = []
    for key in ("seed", "weeks"):
        if old.get(key) != new.get(key):
            lines.append(f"{key}: {old.get(key)} -> {new.get(key)}")
    o, n = old.get("summary", {}), new.get("summary", {})
    for k in sorted(set(o) | set(n)):
        if k not in o or k not in n:
            lines.append(f"summary.{k}: {'added' if k in n else 'removed'}")
        elif not _close(o[k], n[k]):
            lines.append(f"summary.{k}: {o[k]} -> {n[k]}")
    o, n = old.get("timeseries", {}), new.get("timeseries", {})
    for k in sorted(set(o) | set(n)):
        if k not in o or k not in n:
            lines.append(f"timeseries.{k}: {'added' if k in n else 'removed'}")
            continue
        bad = [i for i, (a, b) in enumerate(zip(o[k], n[k], strict=False)) if not _close(a, b)]
        if len(o[k]) != len(n[k]):
            lines.append(f"timeseries.{k}: {len(o[k])} -> {len(n[k])} weeks")
        elif bad:
            i = bad[0]
            lines.append(f"timeseries.{k}: differs in {len(bad)} weeks from week {i} "
                         f"({o[k][i]} -> {n[k][i]}; last week {o[k][-1]} -> {n[k][-1]})")
    return lines


def stored_path(config: Path) -> Path:
    """Where the outputs of a golden config are stored."""
    return config.with_suffix(".json")


def compare(config: Path) -> list[str]:
    """Run a golden config again; the differences from its stored outputs (empty: none)."""
    stored = stored_path(config)
    if not stored.exists():
        return [f"{stored.name} is missing; run `make golden` to create it"]
    return differences(json.loads(stored.read_text()), produce(config))


def refresh(config: Path) -> list[str]:
    """Rewrite the stored outputs of a golden config; return what changed."""
    stored = stored_path(config)
    new = produce(config)
    changed = (differences(json.loads(stored.read_text()), new) if stored.exists()
               else ["(new)"])
    stored.write_text(dumps(new))
    return changed


def dumps(data: dict[str, Any]) -> str:
    """JSON with one line per summary number and per time-series column (readable diffs)."""
    head = {k: v for k, v in data.items() if k not in ("summary", "timeseries")}
    lines = ["{"] + [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    for section in ("summary", "timeseries"):
        items = list(data[section].items())
        lines.append(f' "{section}": {{')
        lines += [f"  {json.dumps(k)}: {json.dumps(v)}" + ("," if i < len(items) - 1 else "")
                  for i, (k, v) in enumerate(items)]
        lines.append(" }," if section == "summary" else " }")
    return "\n".join(lines + ["}"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Check (default) or refresh the golden runs; print what differs."""
    ap = argparse.ArgumentParser(prog="python -m zelflerendestad.verification.golden",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--refresh", action="store_true", help="rewrite the stored outputs")
    ap.add_argument("--dir", type=Path, default=GOLDEN_DIR, help="folder of golden configs")
    args = ap.parse_args(argv)
    configs = golden_configs(args.dir)
    if not configs:
        print(f"no golden configs (*.yaml) in {args.dir}")
        return 1
    failed = False
    for config in configs:
        lines = refresh(config) if args.refresh else compare(config)
        status = ("refreshed" if lines else "unchanged") if args.refresh else (
            "DIFFERS" if lines else "same")
        failed |= bool(lines) and not args.refresh
        print(f"{config.name}: {status}")
        for line in lines:
            print(f"  {line}")
    if failed:
        print("results changed; if that is intended, run `make golden` and commit the JSON")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
