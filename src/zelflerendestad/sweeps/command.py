"""The `sweep` and `analyze` commands (registered on the main CLI in `cli.py`).

Everything heavy is imported inside the commands so `zelflerendestad --help` stays fast. Bad
input exits 2 with a message and no traceback; a sweep with failed or lost runs exits 1; an
interrupted one exits 130 after saving what finished.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_BAD_INPUT = 2
EXIT_RUNS_FAILED = 1
EXIT_INTERRUPTED = 130


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def sweep(
    spec: Annotated[Path, typer.Argument(help="Sweep spec YAML, e.g. experiments/x/sweep.yaml")],
    out: Annotated[Path | None, typer.Option(
        help="Output folder (default: results/sweeps/<spec name>)")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Local worker processes (default: all cores)", min=1)] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Run on a Dask cluster, e.g. tcp://10.0.0.5:8786")] = None,
    resume: Annotated[bool, typer.Option(
        help="Continue a sweep in --out: run only what is missing")] = False,
    retry_failed: Annotated[bool, typer.Option(
        help="With --resume: also rerun runs recorded as failed")] = False,
    dry_run: Annotated[bool, typer.Option(
        help="Print the design, the number of runs and an estimated time; run nothing")] = False,
) -> None:
    """Run every point of a sweep spec, with replications, into a resumable Parquet folder."""
    from ..config import ConfigError
    from .plan import build_plan
    from .spec import load_spec
    from .store import StoreError, SweepStore

    if workers is not None and scheduler is not None:
        _fail("error: --workers is for the local pool; with --scheduler the cluster's workers "
              "run the sweep (start more `dask worker`s to go faster)")
    if retry_failed and not resume:
        _fail("error: --retry-failed goes with --resume")
    try:
        loaded = load_spec(spec)
        plan = build_plan(loaded)
    except ConfigError as exc:
        _fail(exc.render())
    out = out or Path("results") / "sweeps" / loaded.spec.name
    store = SweepStore(out)
    try:
        if not dry_run:  # the lock first: what is recorded cannot change while we read it
            _unwritable(store.lock, out)
        statuses = _existing(store, plan, resume or dry_run)
    except StoreError as exc:
        store.release()
        _fail(f"error: {exc}")
    todo = [r for r in range(plan.n_runs)
            if r not in statuses or (retry_failed and statuses[r] != "ok")]
    if todo or dry_run:
        from .probe import check_measures  # imports the model: only when there is work

        try:
            check_measures(plan)
        except ConfigError as exc:
            _fail(exc.render())
    if dry_run:
        from .probe import describe_plan
        typer.echo(describe_plan(plan, out, len(statuses), len(todo), workers, scheduler))
        return
    _unwritable(store.clean, out)
    if not todo:
        table = _unwritable(store.consolidate, out)
        failed = _failed(table)
        typer.echo(f"nothing to do: all {plan.n_runs} runs of {loaded.spec.name} are recorded "
                   f"in {out / 'runs.parquet'}"
                   + (f" ({failed} failed; --resume --retry-failed reruns them)" if failed else ""))
        return
    backend = _backend(workers, scheduler)  # before the folder is touched: fail cleanly
    _unwritable(lambda: _start(store, plan, spec, statuses), out)
    _run(store, plan, spec, out, todo, backend)


def _unwritable(write: Any, out: Path) -> Any:
    """Do a write to the sweep folder; a full disk or read-only folder becomes a message."""
    try:
        return write()
    except OSError as exc:
        _fail(f"error: cannot write to the sweep folder {out}: {exc.strerror or exc}\n"
              "    the runs committed before this are safe; make room (or make the folder "
              "writable) and continue with --resume", EXIT_RUNS_FAILED)


def _existing(store: Any, plan: Any, may_continue: bool) -> dict[int, str]:
    from .store import StoreError

    inside = store.enclosing_sweep()
    if inside is not None:
        raise StoreError(f"{store.root} is inside the sweep folder {inside}; a sweep folder "
                         "holds one sweep only: choose an --out outside it")
    if not store.exists():
        return {}
    manifest = store.manifest()
    if manifest.get("kind") != "sweep":
        raise StoreError(f"{store.root} is not empty and is not a sweep folder; choose another "
                         "--out")
    if manifest.get("spec_hash") != plan.spec_hash():
        raise StoreError(
            f"{store.root} holds a sweep made from a different spec or base config "
            f"({manifest.get('spec_file')}); a sweep folder takes one spec only: choose "
            "another --out")
    statuses = store.statuses()
    if not may_continue:
        raise StoreError(f"{store.root} already holds this sweep ({len(statuses)} of "
                         f"{plan.n_runs} runs recorded); add --resume to continue it, or "
                         "choose another --out")
    return statuses


def _start(store: Any, plan: Any, spec: Path, statuses: dict[int, str]) -> None:
    from .manifest import new_manifest

    if not statuses and not (store.root / "manifest.json").exists():
        store.create(new_manifest(plan, spec), plan.points_table())


def _backend(workers: int | None, scheduler: str | None) -> Any:
    from .backends import DaskBackend, LocalBackend, default_workers

    if scheduler is None:
        return LocalBackend(workers or default_workers())
    try:
        return DaskBackend(scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        _fail(f"error: cannot reach the Dask scheduler at {scheduler}: {exc}\n"
              "    start one with `dask scheduler` and workers with `dask worker "
              f"{scheduler}`")


def _run(store: Any, plan: Any, spec: Path, out: Path, todo: list[int], backend: Any) -> None:
    from .manifest import record_session
    from .progress import SweepProgress
    from .runner import run_sweep

    where = backend.describe()
    done_before = plan.n_runs - len(todo)
    typer.echo(f"sweep {plan.loaded.spec.name}: {len(todo)} runs to do"
               + (f" ({done_before} already recorded)" if done_before else "")
               + f" on {where} -> {out}", err=True)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with SweepProgress(plan.n_runs, already=done_before) as progress:
            outcome = _unwritable(lambda: run_sweep(plan.tasks(todo), backend, store,
                                                    progress), out)
    finally:
        signal.signal(signal.SIGTERM, previous)
        backend.close()
    table = _unwritable(store.consolidate, out)
    _unwritable(lambda: record_session(store, where, outcome, sys.argv), out)
    _report(plan, out, spec, outcome, table)


def _failed(table: Any) -> int:
    if table is None:
        return 0
    return sum(1 for s in table.column("status").to_pylist() if s != "ok")


def _report(plan: Any, out: Path, spec: Path, outcome: Any, table: Any) -> None:
    recorded = 0 if table is None else table.num_rows
    failed = _failed(table)
    resume = f"zelflerendestad sweep {spec} --out {out} --resume"
    typer.echo(f"this session: {outcome.ok} ok, {outcome.failed} failed, {len(outcome.lost)} "
               f"lost; {out / 'runs.parquet'} holds {recorded} of {plan.n_runs} runs "
               f"({failed} failed)", err=True)
    if table is not None and failed:
        errors: dict[str, int] = {}
        for status, error in zip(table.column("status").to_pylist(),
                                 table.column("error").to_pylist(), strict=True):
            if status != "ok":
                errors[str(error)] = errors.get(str(error), 0) + 1
        for error, n in sorted(errors.items(), key=lambda kv: -kv[1])[:5]:
            typer.echo(f"  {n} x {error}", err=True)
    for lost in outcome.lost[:5]:
        typer.echo(f"  lost run {lost.task.run_id}: {lost.reason}", err=True)
    if outcome.interrupted:
        _fail(f"interrupted; what finished is saved. Continue with: {resume}", EXIT_INTERRUPTED)
    if outcome.lost:
        _fail(f"{len(outcome.lost)} runs were lost when workers died; run them with: {resume}",
              EXIT_RUNS_FAILED)
    if failed:
        raise typer.Exit(EXIT_RUNS_FAILED)


def analyze(
    folder: Annotated[Path, typer.Argument(help="A sweep's output folder")],
    out: Annotated[Path | None, typer.Option(help="Where tables and figures go "
                                             "(default: FOLDER/analysis)")] = None,
    outcome: Annotated[list[str] | None, typer.Option(
        help="Outcome to analyse (repeatable; default: the spec's or the main ones)")] = None,
) -> None:
    """Aggregate a sweep over replications, compute Sobol/Morris indices, write tables and plots."""
    from .analysis import AnalysisError
    from .analysis import analyze as run_analysis

    try:
        written = run_analysis(folder, out, outcome)
    except AnalysisError as exc:
        _fail(f"error: {exc}")
    except OSError as exc:
        _fail(f"error: the analysis of {folder} stopped: {exc} (a full disk or a folder "
              "that cannot be written?)", EXIT_RUNS_FAILED)
    typer.echo(f"wrote {len(written)} files to {written[0].parent if written else out}")
    for path in written:
        typer.echo(f"  {path}")
