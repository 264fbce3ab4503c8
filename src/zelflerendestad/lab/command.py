"""`zelflerendestad experiment SPEC`: every seed on the sweep machinery, then the differences.

spec -> one `SeedTask` per seed not yet recorded -> a local process pool or a Dask cluster
(`sweeps/backends.py`, the sweep's own) -> each seed's rows written by this process to
`OUT/rows/seed-N.parquet` through a temporary file renamed into place -> paired differences.
As with a sweep, the folder is locked while it is written (`sweeps/store.py`), its
`manifest.json` ties it to one spec (a different spec or config is refused), an interrupted run
keeps the seeds that finished and `--resume` runs only the rest; a seed lost with its worker is
run again on resume. Everything a seed needs travels in its task, so Dask workers need no files.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # the schema takes half a second to import: not for `--help`
    from ..config.schema import CityConfig
    from .spec import ExperimentSpec

EXIT_BAD_INPUT, EXIT_LOST, EXIT_INTERRUPTED = 2, 1, 130


class ExperimentError(Exception):
    """An experiment that could not start or finish; `code` is the CLI's exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SeedTask:
    """One paired replicate, with everything a worker anywhere needs to run it."""

    spec: ExperimentSpec
    configs: dict[str, CityConfig]
    seed: int

    @property
    def run_id(self) -> int:
        """The backends' name for a task."""
        return self.seed


def run_task(task: SeedTask) -> tuple[int, list[dict]]:
    """Run one seed (in a worker): its rows."""
    from .runner import run_seed

    return task.seed, run_seed(task.spec, task.configs, task.seed)


def spec_hash(spec: ExperimentSpec, configs: dict[str, CityConfig]) -> str:
    """What makes two experiment folders comparable: the spec and every arm's full config."""
    data = {"spec": spec.model_dump(mode="json"),
            "configs": {k: c.model_dump(mode="json") for k, c in configs.items()}}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _write_rows(rows: list[dict], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = path.parent / f".{path.name}.tmp"
    pq.write_table(pa.Table.from_pylist(rows), tmp)
    os.replace(tmp, path)


def _open_folder(out: Path, spec: ExperimentSpec, digest: str, resume: bool, label: str
                 ) -> list[int]:
    """Check the (locked) folder holds this experiment or nothing; the seeds still to run."""
    from ..sweeps.store import write_json_atomic

    manifest, rows = out / "manifest.json", out / "rows"
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except ValueError:
            data = {}
        if data.get("kind") != "experiment":
            raise ExperimentError(f"error: {out} is not an experiment folder; choose another "
                                  "--out")
        if data.get("spec_hash") != digest:
            raise ExperimentError(
                f"error: {out} holds an experiment made from a different spec or config "
                f"({data.get('spec_file')}); a folder takes one spec only: choose another --out")
    elif out.exists() and any(p for p in out.iterdir() if not p.name.startswith(".")):
        raise ExperimentError(f"error: {out} is not empty and is not an experiment folder; "
                              "choose another --out")
    rows.mkdir(parents=True, exist_ok=True)
    for stray in rows.glob(".*.tmp"):  # a write cut off by an interruption
        stray.unlink()
    done = [s for s in spec.seeds if (rows / f"seed-{s}.parquet").exists()]
    if done and not resume:
        raise ExperimentError(f"error: {out} already holds this experiment ({len(done)} of "
                              f"{len(spec.seeds)} seeds recorded); add --resume to continue "
                              "it, or choose another --out")
    write_json_atomic({"kind": "experiment", "name": spec.name, "spec_hash": digest,
                       "spec_file": label, "seeds": spec.seeds}, manifest)
    return [s for s in spec.seeds if s not in done]


def _results(tasks: list[SeedTask], workers: int, scheduler: str | None
             ) -> tuple[Iterator[Any], Callable[[], None]]:
    """Seed results from where they run: here (one worker), a local pool or a Dask cluster."""
    if scheduler is None and workers == 1:
        return (run_task(t) for t in tasks), lambda: None
    from ..sweeps.api import SweepError, make_backend

    try:
        backend = make_backend(None if scheduler else workers, scheduler)
    except SweepError as exc:
        raise ExperimentError(str(exc), exc.code) from None
    return backend.results(iter(tasks), fn=run_task), backend.close


def run_experiment(spec_path: Path, out: Path, workers: int = 1, scheduler: str | None = None,
                   resume: bool = False, say: Callable[[str], None] = lambda m: None
                   ) -> list[dict]:
    """Run the seeds not recorded yet, then return the paired differences (and write them)."""
    from ..sweeps.runner import Lost, interrupted, raise_interrupt
    from ..sweeps.store import StoreError, SweepStore
    from .spec import load_experiment

    if scheduler is not None and workers != 1:
        raise ExperimentError("error: --workers is for the local pool; with --scheduler the "
                              "cluster's workers run the seeds")
    spec, configs = load_experiment(spec_path)
    store = SweepStore(out)  # only for its folder lock
    try:
        store.lock()
    except StoreError as exc:
        raise ExperimentError(f"error: {exc}") from None
    try:
        todo = _open_folder(out, spec, spec_hash(spec, configs), resume, str(spec_path))
        tasks = [SeedTask(spec, configs, s) for s in todo]
        again = f"zelflerendestad experiment {spec_path} --out {out} --resume"
        lost: list[Lost] = []
        if tasks:
            results, close = _results(tasks, workers, scheduler)
            say(f"experiment {spec.name}: {len(tasks)} of {len(spec.seeds)} seeds to run")
            previous = signal.signal(signal.SIGTERM, raise_interrupt)
            try:
                for item in results:
                    if isinstance(item, Lost):
                        lost.append(item)
                        continue
                    seed, rows = item
                    _write_rows(rows, out / "rows" / f"seed-{seed}.parquet")
                    say(f"  seed {seed} done")
            except (KeyboardInterrupt, SystemError) as exc:
                if not interrupted(exc):
                    raise
                raise ExperimentError("interrupted; the seeds that finished are saved. "
                                      f"Continue with: {again}", EXIT_INTERRUPTED) from None
            finally:
                signal.signal(signal.SIGTERM, previous)
                close()
        if lost:
            raise ExperimentError(f"{len(lost)} seeds were lost when workers died; run them "
                                  f"with: {again}", EXIT_LOST)
        from .report import read_folder, write_differences

        return write_differences(read_folder(out), out)
    finally:
        store.release()


def experiment(
    spec: Annotated[Path, typer.Argument(help="Experiment spec (YAML)", exists=True,
                                         dir_okay=False)],
    out: Annotated[Path | None, typer.Option(help="Output folder (default results/NAME)")] = None,
    workers: Annotated[int, typer.Option(help="Seeds run in parallel on this machine",
                                         min=1)] = 1,
    scheduler: Annotated[str | None, typer.Option(
        help="Run the seeds on a Dask cluster, e.g. tcp://10.0.0.5:8786")] = None,
    resume: Annotated[bool, typer.Option(
        help="Continue an experiment in --out: run only the seeds not recorded")] = False,
) -> None:
    """Run an experiment design: shared burn-in, paired arms, phases, groups; report differences."""
    from ..cli import fail
    from ..config import ConfigError
    from .analysis import table
    from .spec import load_experiment

    try:
        loaded, _ = load_experiment(spec)
    except ConfigError as exc:
        fail(exc.render())
    folder = out or Path("results") / loaded.name
    try:
        diffs = run_experiment(spec, folder, workers, scheduler, resume,
                               say=lambda m: typer.echo(m, err=True))
    except ExperimentError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exc.code) from None
    except OSError as exc:
        typer.echo(f"error: cannot write to {folder}: {exc.strerror or exc}; the seeds "
                   "recorded are safe: make room and continue with --resume", err=True)
        raise typer.Exit(EXIT_LOST) from None
    typer.echo(table(diffs))
    typer.echo(f"written: {folder / 'differences.md'} (and .csv) and {folder / 'rows'}/")


def analyze_folder(folder: Path, out: Path | None, outcomes: list[str] | None) -> None:
    """`zelflerendestad analyze` on an experiment folder: differences and summary.md."""
    from .report import analyze_experiment, unfinished_note

    try:
        found, written = analyze_experiment(folder, out, outcomes)
    except ExperimentError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exc.code) from None
    except OSError as exc:
        typer.echo(f"error: the analysis of {folder} stopped: {exc} (a full disk or a folder "
                   "that cannot be written?)", err=True)
        raise typer.Exit(EXIT_LOST) from None
    if note := unfinished_note(found):
        typer.echo(f"warning: {note}", err=True)
    typer.echo(f"wrote {len(written)} files to {written[0].parent}")
    for path in written:
        typer.echo(f"  {path}")
