"""An experiment folder read back: its recorded seeds, the paired differences and a summary.

FOLDER/manifest.json (kind `experiment`) + FOLDER/rows/seed-N.parquet -> `read_folder()` ->
`write_differences()` (differences.md and .csv). `zelflerendestad experiment` calls it when its
seeds have run and `zelflerendestad analyze FOLDER` calls it again, adding summary.md, on a
finished or an unfinished experiment (then on the seeds recorded, saying which are missing).
Arms (the reference first) and outcomes are read from the rows, which the runner writes in
the spec's order, so a folder needs no spec to be analysed.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .analysis import paired_differences, table
from .command import ExperimentError

ID_COLUMNS = ("seed", "arm", "week", "phase", "group")


@dataclass(frozen=True)
class Recorded:
    """What an experiment folder holds: its manifest and the rows of the seeds that finished."""

    folder: Path
    manifest: dict
    rows: list[dict]
    done: list[int]
    missing: list[int]

    @property
    def name(self) -> str:
        """The experiment's name (the spec's)."""
        return self.manifest.get("name", self.folder.name)

    @property
    def arms(self) -> list[str]:
        """Arms in the spec's order: the first is the reference."""
        return list(dict.fromkeys(r["arm"] for r in self.rows))

    @property
    def outcomes(self) -> list[str]:
        """Outcomes recorded, in the spec's order."""
        return [k for k in self.rows[0] if k not in ID_COLUMNS]

    def resume_command(self) -> str:
        """The command that runs the missing seeds."""
        return (f"zelflerendestad experiment {self.manifest.get('spec_file', 'SPEC')} "
                f"--out {self.folder} --resume")


def is_experiment(folder: Path) -> bool:
    """Whether the folder's manifest says it holds an experiment."""
    try:
        data = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("kind") == "experiment"


def read_folder(folder: Path) -> Recorded:
    """The seeds recorded in an experiment folder; an error if it is none or holds no seed."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    if not is_experiment(folder):
        raise ExperimentError(f"error: {folder} is not an experiment folder (no manifest.json "
                              "of kind experiment)")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    seeds = manifest.get("seeds", [])
    done = [s for s in seeds if (folder / "rows" / f"seed-{s}.parquet").exists()]
    rows = [r for s in done for r in pq.read_table(folder / "rows" / f"seed-{s}.parquet")
            .to_pylist()]
    found = Recorded(folder, manifest, rows, done, [s for s in seeds if s not in done])
    if not rows:
        raise ExperimentError(f"error: {folder} holds no finished seed of experiment "
                              f"{found.name} yet (0 of {len(seeds)}); run them with: "
                              f"{found.resume_command()}")
    return found


def write_differences(found: Recorded, dest: Path, outcomes: list[str] | None = None
                      ) -> list[dict]:
    """The paired differences of the recorded seeds, written to DEST/differences.md and .csv."""
    diffs = paired_differences(found.rows, found.arms, outcomes or found.outcomes)
    dest.mkdir(parents=True, exist_ok=True)
    _atomic(dest / "differences.md", f"# {found.name}: paired differences\n\n{table(diffs)}")
    tmp = dest / ".differences.csv.tmp"
    with tmp.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(diffs[0]))
        writer.writeheader()
        writer.writerows(diffs)
    os.replace(tmp, dest / "differences.csv")
    return diffs


def _atomic(path: Path, text: str) -> None:
    tmp = path.parent / f".{path.name}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def unfinished_note(found: Recorded) -> str:
    """What is missing and how to continue ('' when every seed is recorded)."""
    if not found.missing:
        return ""
    total = len(found.done) + len(found.missing)
    return (f"experiment {found.name} is unfinished (or still running): {len(found.done)} of "
            f"{total} seeds recorded, {len(found.missing)} missing "
            f"({', '.join(map(str, found.missing))}); the differences use the seeds recorded. "
            f"Continue it with: {found.resume_command()}")


def summary(found: Recorded, diffs: list[dict]) -> str:
    """summary.md: the design as recorded, how complete it is, and the differences."""
    weeks: dict[str, list[int]] = {}
    for r in found.rows:
        weeks.setdefault(r["phase"], []).append(r["week"])
    phases = ", ".join(f"{p} (weeks {min(w)}–{max(w)})" for p, w in weeks.items())
    groups = ", ".join(dict.fromkeys(r["group"] for r in found.rows))
    ref, *others = found.arms
    note = unfinished_note(found)
    lines = [f"# Experiment {found.name}", "",
             f"- folder: {found.folder} (spec {found.manifest.get('spec_file', 'unknown')})",
             f"- seeds recorded: {len(found.done)} of {len(found.done) + len(found.missing)}",
             f"- arms: {', '.join(others)} against the reference {ref}",
             f"- groups: {groups}", f"- phases: {phases}",
             f"- outcomes: {', '.join(dict.fromkeys(d['outcome'] for d in diffs))}", ""]
    if note:
        lines += [f"**Unfinished.** {note}", ""]
    lines += ["Each difference is an arm's mean over a phase's weeks minus the reference's, "
              "within each seed (paired: same seed, one shared burn-in for branched arms), "
              "averaged over the seeds with a two-sided 95% t interval (none with fewer than "
              "two seeds).", "", table(diffs)]
    return "\n".join(lines)


def analyze_experiment(folder: Path, out: Path | None = None,
                       outcomes: list[str] | None = None) -> tuple[Recorded, list[Path]]:
    """Write differences.md, differences.csv and summary.md for an experiment folder."""
    found = read_folder(folder)
    for name in outcomes or []:
        if name not in found.outcomes:
            raise ExperimentError(f"error: no outcome `{name}` in {found.folder}; recorded: "
                                  f"{', '.join(found.outcomes)}")
    dest = Path(out) if out else found.folder / "analysis"
    diffs = write_differences(found, dest, outcomes)
    _atomic(dest / "summary.md", summary(found, diffs) + "\n")
    return found, [dest / "differences.md", dest / "differences.csv", dest / "summary.md"]
