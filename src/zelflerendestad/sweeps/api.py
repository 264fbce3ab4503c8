"""Sweeps from Python and notebooks: `sweep()` and `load_results()`, raising exceptions.

    import zelflerendestad as zs
    results = zs.sweep("experiments/vertical_horizontal/sweep.yaml", out="results/vh",
                       workers=2)
    results.runs  # pandas, one row per run; zs.load_results("results/vh") reads it again

This is what `zelflerendestad sweep` does (the CLI calls it): the folder's lock, the spec-hash
and resume checks, the measure probe, the run and the session record. Problems raise
`SweepError` with the exit code the CLI uses (2 bad input, 1 failed or lost runs or an
unwritable folder, 130 interrupted); the runs committed before an error are kept.
A spec can be a file or a mapping; a mapping's `base:` is relative to the working folder.
"""

from __future__ import annotations

import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .analysis.data import SweepData, load_sweep

EXIT_BAD_INPUT = 2
EXIT_RUNS_FAILED = 1
EXIT_INTERRUPTED = 130


class SweepError(Exception):
    """A sweep that could not start or finish; `code` is the CLI's exit code for it."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT, results: Any = None):
        super().__init__(message)
        self.code, self.results = code, results


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_results(path: str | Path) -> SweepData:
    """A sweep folder's manifest, points and runs (pandas); `SweepError` if it is none."""
    from .analysis.data import AnalysisError

    try:
        return load_sweep(path)
    except AnalysisError as exc:
        raise SweepError(str(exc)) from None


def sweep(spec: str | Path | dict[str, Any], out: str | Path | None = None,
          workers: int | None = None, scheduler: str | None = None, resume: bool = False,
          retry_failed: bool = False, progress: bool = True,
          say: Callable[[str], None] = _say) -> SweepData:
    """Run every point of a sweep spec, with replications, into a resumable Parquet folder.

    Returns the folder's results (`load_results`). Runs that fail are recorded and raise
    `SweepError` (code 1) at the end, with the results attached as `.results`.
    """
    if isinstance(spec, dict):
        with tempfile.TemporaryDirectory() as tmp:
            data = dict(spec)
            if "base" in data:
                data["base"] = str(Path(str(data["base"])).resolve())
            file = Path(tmp) / "sweep.yaml"
            file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
            return _sweep(file, "<mapping>", out, workers, scheduler, resume, retry_failed,
                          progress, say)
    return _sweep(Path(spec), str(spec), out, workers, scheduler, resume, retry_failed,
                  progress, say)


def plan_sweep(spec: Path, label: str | None = None) -> Any:
    """The checked plan of a spec file; `SweepError` (code 2) listing every problem."""
    from ..config import ConfigError
    from .plan import build_plan
    from .spec import load_spec

    try:
        return build_plan(load_spec(spec))
    except ConfigError as exc:
        raise SweepError(exc.render().replace(str(spec), label or str(spec))) from None


def _sweep(spec: Path, label: str, out: str | Path | None, workers: int | None,
           scheduler: str | None, resume: bool, retry_failed: bool, progress: bool,
           say: Callable[[str], None]) -> SweepData:
    from .store import SweepStore

    check_options(workers, scheduler, resume, retry_failed)
    plan = plan_sweep(spec, label)
    out = default_out(plan, out)
    store = SweepStore(out)
    try:
        todo, recorded = open_folder(store, plan, out, resume, retry_failed)
        if not todo:
            table = unwritable(store.consolidate, out)
            failed = count_failed(table)
            say(f"nothing to do: all {plan.n_runs} runs of {plan.loaded.spec.name} are "
                f"recorded in {out / 'runs.parquet'}"
                + (f" ({failed} failed; resume with retry_failed reruns them)" if failed else ""))
            return load_results(out)
        backend = make_backend(workers, scheduler)  # before the folder is touched
        unwritable(lambda: _start(store, plan, label, recorded), out)
        return _run(store, plan, label, out, todo, backend, progress, say)
    finally:
        store.release()


def check_options(workers: int | None, scheduler: str | None, resume: bool,
                  retry_failed: bool) -> None:
    """Refuse option combinations that cannot mean anything."""
    if workers is not None and scheduler is not None:
        raise SweepError("error: --workers is for the local pool; with --scheduler the "
                         "cluster's workers run the sweep (start more `dask worker`s to go "
                         "faster)")
    if retry_failed and not resume:
        raise SweepError("error: --retry-failed goes with --resume")


def default_out(plan: Any, out: str | Path | None) -> Path:
    """`out`, or results/sweeps/<spec name>."""
    return Path(out) if out is not None else Path("results") / "sweeps" / plan.loaded.spec.name


def open_folder(store: Any, plan: Any, out: Path, resume: bool, retry_failed: bool,
                dry_run: bool = False) -> tuple[list[int], dict[int, str]]:
    """Lock the folder (unless a dry run), check it holds this sweep, list what is to do."""
    from .store import StoreError

    try:
        if not dry_run:  # the lock first: what is recorded cannot change while we read it
            unwritable(store.lock, out)
        statuses = _existing(store, plan, resume or dry_run)
    except StoreError as exc:
        store.release()
        raise SweepError(f"error: {exc}") from None
    todo = [r for r in range(plan.n_runs)
            if r not in statuses or (retry_failed and statuses[r] != "ok")]
    if todo or dry_run:
        from ..config import ConfigError
        from .probe import check_measures  # imports the model: only when there is work

        try:
            check_measures(plan)
        except ConfigError as exc:
            store.release()
            raise SweepError(exc.render()) from None
    if not dry_run:
        unwritable(store.clean, out)
    return todo, statuses


def unwritable(write: Any, out: Path) -> Any:
    """Do a write to the sweep folder; a full disk or read-only folder becomes a SweepError."""
    try:
        return write()
    except OSError as exc:
        raise SweepError(
            f"error: cannot write to the sweep folder {out}: {exc.strerror or exc}\n"
            "    the runs committed before this are safe; make room (or make the folder "
            "writable) and continue with --resume", EXIT_RUNS_FAILED) from None


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


def _start(store: Any, plan: Any, label: str, statuses: dict[int, str]) -> None:
    from .manifest import new_manifest

    if not statuses and not (store.root / "manifest.json").exists():
        store.create(new_manifest(plan, label), plan.points_table())


def make_backend(workers: int | None, scheduler: str | None) -> Any:
    """A local process pool, or a Dask cluster's client."""
    from .backends import DaskBackend, LocalBackend, default_workers

    if scheduler is None:
        return LocalBackend(workers or default_workers())
    try:
        return DaskBackend(scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SweepError(f"error: cannot reach the Dask scheduler at {scheduler}: {exc}\n"
                         "    start one with `dask scheduler` and workers with `dask worker "
                         f"{scheduler}`") from None


def _run(store: Any, plan: Any, label: str, out: Path, todo: list[int], backend: Any,
         progress: bool, say: Callable[[str], None]) -> SweepData:
    from .manifest import record_session
    from .progress import SweepProgress
    from .runner import raise_interrupt, run_sweep

    where = backend.describe()
    done_before = plan.n_runs - len(todo)
    say(f"sweep {plan.loaded.spec.name}: {len(todo)} runs to do"
        + (f" ({done_before} already recorded)" if done_before else "")
        + f" on {where} -> {out}")
    previous = signal.signal(signal.SIGTERM, raise_interrupt)
    try:
        quiet = {} if progress else {"live": False, "every_seconds": float("inf")}
        with SweepProgress(plan.n_runs, already=done_before, **quiet) as bar:
            outcome = unwritable(lambda: run_sweep(plan.tasks(todo), backend, store, bar), out)
    finally:
        signal.signal(signal.SIGTERM, previous)
        backend.close()
    table = unwritable(store.consolidate, out)
    unwritable(lambda: record_session(store, where, outcome, sys.argv), out)
    _report(plan, out, label, outcome, table, say)
    return load_results(out)


def count_failed(table: Any) -> int:
    """Runs in a runs table that did not finish."""
    if table is None:
        return 0
    return sum(1 for s in table.column("status").to_pylist() if s != "ok")


def _report(plan: Any, out: Path, label: str, outcome: Any, table: Any,
            say: Callable[[str], None]) -> None:
    recorded = 0 if table is None else table.num_rows
    failed = count_failed(table)
    resume = f"zelflerendestad sweep {label} --out {out} --resume"
    say(f"this session: {outcome.ok} ok, {outcome.failed} failed, {len(outcome.lost)} "
        f"lost; {out / 'runs.parquet'} holds {recorded} of {plan.n_runs} runs "
        f"({failed} failed)")
    if table is not None and failed:
        errors: dict[str, int] = {}
        for status, error in zip(table.column("status").to_pylist(),
                                 table.column("error").to_pylist(), strict=True):
            if status != "ok":
                errors[str(error)] = errors.get(str(error), 0) + 1
        for error, n in sorted(errors.items(), key=lambda kv: -kv[1])[:5]:
            say(f"  {n} x {error}")
    for lost in outcome.lost[:5]:
        say(f"  lost run {lost.task.run_id}: {lost.reason}")
    results = load_results(out) if recorded else None
    if outcome.interrupted:
        raise SweepError(f"interrupted; what finished is saved. Continue with: {resume}",
                         EXIT_INTERRUPTED, results)
    if outcome.lost:
        raise SweepError(f"{len(outcome.lost)} runs were lost when workers died; run them "
                         f"with: {resume}", EXIT_RUNS_FAILED, results)
    if failed:
        raise SweepError(f"{failed} runs failed (recorded in {out / 'runs.parquet'})",
                         EXIT_RUNS_FAILED, results)
