"""`zelflerendestad experiment SPEC`: run every seed (resuming), then the paired differences.

Each seed's rows are written to `OUT/rows/seed-N.parquet` through a temporary file renamed into
place, so an interrupted run leaves no half-written file and a rerun skips the seeds done.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import typer


def _write_rows(rows: list[dict], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(pa.Table.from_pylist(rows), tmp)
    os.replace(tmp, path)


def _seed_task(spec_path: str, seed: int, out: str) -> int:
    from .runner import run_seed
    from .spec import load_experiment

    spec, configs = load_experiment(Path(spec_path))
    _write_rows(run_seed(spec, configs, seed), Path(out) / f"seed-{seed}.parquet")
    return seed


def run_experiment(spec_path: Path, out: Path, workers: int = 1) -> list[dict]:
    """Run the seeds not done yet, then return the paired differences (and write them)."""
    import pyarrow.parquet as pq

    from .analysis import paired_differences, table
    from .spec import load_experiment

    spec, _ = load_experiment(spec_path)
    rows_dir = out / "rows"
    rows_dir.mkdir(parents=True, exist_ok=True)
    todo = [s for s in spec.seeds if not (rows_dir / f"seed-{s}.parquet").exists()]
    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_seed_task, [str(spec_path)] * len(todo), todo,
                          [str(rows_dir)] * len(todo)))
    else:
        for s in todo:
            _seed_task(str(spec_path), s, str(rows_dir))
    rows = [r for s in spec.seeds for r in pq.read_table(rows_dir / f"seed-{s}.parquet")
            .to_pylist()]
    diffs = paired_differences(rows, list(spec.arms), spec.outcomes)
    tmp = out / "differences.md.tmp"
    tmp.write_text(f"# {spec.name}: paired differences\n\n{table(diffs)}")
    os.replace(tmp, out / "differences.md")
    return diffs


def experiment(
    spec: Annotated[Path, typer.Argument(help="Experiment spec (YAML)", exists=True,
                                         dir_okay=False)],
    out: Annotated[Path | None, typer.Option(help="Output folder (default results/NAME)")] = None,
    workers: Annotated[int, typer.Option(help="Seeds run in parallel", min=1)] = 1,
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
    diffs = run_experiment(spec, folder, workers)
    typer.echo(table(diffs))
    typer.echo(f"written: {folder / 'differences.md'} and {folder / 'rows'}/")
