"""The `sweep` and `analyze` commands (registered on the main CLI in `cli.py`).

Everything heavy is imported inside the commands so `zelflerendestad --help` stays fast. Bad
input exits 2 with a message and no traceback; a sweep with failed or lost runs exits 1; an
interrupted one exits 130 after saving what finished.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


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
    from . import api

    def say(message: str) -> None:
        typer.echo(message, err=not message.startswith("nothing to do"))

    try:
        if dry_run:
            api.check_options(workers, scheduler, resume, retry_failed)
            plan = api.plan_sweep(spec)
            out = api.default_out(plan, out)
            from .store import SweepStore

            store = SweepStore(out)
            todo, recorded = api.open_folder(store, plan, out, resume, retry_failed,
                                             dry_run=True)
            from .probe import describe_plan
            typer.echo(describe_plan(plan, out, len(recorded), len(todo), workers, scheduler))
            return
        api.sweep(spec, out, workers, scheduler, resume, retry_failed, say=say)
    except api.SweepError as exc:
        _fail(str(exc), exc.code)


def analyze(
    folder: Annotated[Path, typer.Argument(help="A sweep's or an experiment's output folder")],
    out: Annotated[Path | None, typer.Option(help="Where tables and figures go "
                                             "(default: FOLDER/analysis)")] = None,
    outcome: Annotated[list[str] | None, typer.Option(
        help="Outcome to analyse (repeatable; default: the spec's or the main ones)")] = None,
    discover: Annotated[list[str] | None, typer.Option(
        help="Scenario discovery (PRIM) for a condition on the outcomes, e.g. "
             "'commons_alive_end > 0 and trust_government_final > 0.6' (repeatable)")] = None,
) -> None:
    """Analyse a sweep (aggregates, Sobol/Morris, plots) or an experiment (paired differences)."""
    from ..lab.report import is_experiment

    if is_experiment(folder):
        if discover:
            _fail("error: --discover is for sweeps; an experiment reports paired differences")
        from ..lab.command import analyze_folder

        analyze_folder(folder, out, outcome)
        return
    from .analysis import AnalysisError
    from .analysis import analyze as run_analysis

    try:
        written = run_analysis(folder, out, outcome, discover)
    except AnalysisError as exc:
        _fail(f"error: {exc}")
    except OSError as exc:
        _fail(f"error: the analysis of {folder} stopped: {exc} (a full disk or a folder "
              "that cannot be written?)", 1)
    typer.echo(f"wrote {len(written)} files to {written[0].parent if written else out}")
    for path in written:
        typer.echo(f"  {path}")
