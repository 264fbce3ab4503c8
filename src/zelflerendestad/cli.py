"""The command line: run, rerun, validate, show-config, sweep, analyze, experiment.

Heavy modules (the model, numpy, pyarrow) are imported inside the commands so that `--help`
answers at once. Bad input exits with status 2 and a message, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="zelflerendestad",
    help="Agent-based simulation of a self-learning city (zelflerende stad).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: skips importing rich for `--help` (0.3 s)
)

EXIT_BAD_INPUT = 2
EXIT_NOT_SAVED = 1
SUMMARY_ROWS = (
    ("engaged_share_final", "engaged share (wakker)"),
    ("active_share_final", "active share"),
    ("trust_government_final", "trust in government"),
    ("knowledge_residents_final", "residents' knowledge"),
    ("knowledge_code_final", "the code's knowledge"),
    ("learning_capacity_final", "learning capacity"),
    ("officials_strain_final", "officials' strain"),
    ("inclusion_periphery_final", "inclusion of the periphery"),
    ("incidents_total", "incidents (total)"),
)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    """Print a message to stderr and exit with `code` (no traceback)."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _load(path: Path, overrides: list[str] | None = None):
    from .config import ConfigError, load_config

    try:
        return load_config(path, overrides or [])
    except ConfigError as exc:
        fail(exc.render())


ConfigArg = Annotated[Path, typer.Argument(help="Scenario YAML file, e.g. configs/default.yaml")]


@app.command()
def validate(config: ConfigArg) -> None:
    """Check a scenario file; exit 0 if it is valid, 2 with every problem listed if not."""
    cfg = _load(config)
    typer.echo(f"{config}: valid ({cfg.meta.name}, {cfg.city.residents} residents, "
               f"{cfg.run.weeks} weeks)")


@app.command("show-config")
def show_config(
    config: ConfigArg,
    set_: Annotated[list[str] | None, typer.Option("--set", help="KEY.PATH=VALUE")] = None,
) -> None:
    """Print the fully resolved config (extends followed, defaults filled in) as YAML."""
    import yaml

    cfg = _load(config, set_)
    typer.echo(yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False, allow_unicode=True))


def _default_out(name: str, seed: int) -> Path:
    """results/<name>/<time>-seed<seed>, with `name` made one plain folder name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).lstrip(".-")[:100] or "run"
    return Path("results") / folder / f"{stamp}-seed{seed}"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _elsewhere(out: Path) -> Iterator[Path]:
    """Other folders to try: asked for at a terminal, else the temporary and memory folders."""
    if sys.stdin.isatty() and sys.stderr.isatty():
        while answer := typer.prompt("Folder to write them to instead (the same one to try "
                                     "again; empty: give up)", default="", show_default=False,
                                     err=True).strip():
            yield Path(answer).expanduser()
        return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    seen = set()
    for base in (Path(tempfile.gettempdir()), Path("/dev/shm")):
        if base.is_dir() and base.resolve() not in seen:
            seen.add(base.resolve())
            yield base / "zelflerendestad-unsaved" / f"{out.name}-{stamp}-{os.getpid()}"


def _save(result, out: Path, force: bool) -> None:  # noqa: ANN001
    """Write the results folder; if it cannot be written, write it elsewhere and exit 1."""
    from .run.runner import OutputExists, write_results

    try:
        write_results(result, out, force=force, argv=sys.argv)
        return
    except OutputExists as exc:
        fail(f"error: {exc}")
    except OSError as exc:
        typer.echo(f"error: cannot write the results to {out}: {_reason(exc)}", err=True)
    for place in _elsewhere(out):
        try:
            write_results(result, place, force=place == out, argv=sys.argv)
        except (OSError, OutputExists) as exc:
            reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
            typer.echo(f"  cannot write them to {place} either: {reason}", err=True)
            with contextlib.suppress(OSError):
                place.parent.rmdir()  # the fallback folder made for this, if still empty
            continue
        if place != out:
            fail(f"the results are saved in {place} instead (not in {out}); move them where "
                 "they belong", EXIT_NOT_SAVED)
        return
    fail("the results could not be written and are lost; free some space (or choose a "
         "writable --out) and run again", EXIT_NOT_SAVED)


def _execute(cfg, seed: int, out: Path | None, force: bool,
             profile: bool = False) -> tuple[Path, dict]:
    from .run.outfolder import tidy
    from .run.runner import run_one

    out = out or _default_out(cfg.meta.name, seed)
    tidy(out)  # an interrupted --force may have left the old folder hidden: put it back
    if out.exists() and not out.is_dir():
        fail(f"error: --out {out} is a file, not a folder; choose another --out")
    if out.exists() and any(out.iterdir()) and not force:
        fail(f"error: {out} exists and is not empty; use --force to replace it")
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task(f"{cfg.meta.name}", total=cfg.run.weeks)
            result = run_one(cfg, seed, on_week=lambda w: bar.update(task, completed=w),
                             profile=profile)
    else:
        result = run_one(cfg, seed, profile=profile)
    _save(result, out, force)
    if result.profile is not None:
        typer.echo(f"CPU time per mechanism ({result.profile.steps} weeks, "
                   f"{cfg.city.residents} residents):\n{result.profile.report()}")
    return out, result.summary


def _print_summary(name: str, summary: dict, out: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{name}: after {summary['weeks']} weeks")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, label in SUMMARY_ROWS:
        value = summary.get(key)
        table.add_row(label, "n/a" if value is None else f"{value:.3g}")
    Console().print(table)
    typer.echo(f"results: {out}")


@app.command()
def run(
    config: ConfigArg,
    seed: Annotated[int | None, typer.Option(help="Seed (default: run.seed)", min=0)] = None,
    weeks: Annotated[int | None, typer.Option(help="Weeks (default: run.weeks)", min=1)] = None,
    out: Annotated[Path | None, typer.Option(help="Output folder (default under results/)")] = None,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help="Override a key: --set municipality.vertical_share=0.3")] = None,
    force: Annotated[bool, typer.Option(help="Replace a non-empty output folder")] = False,
    profile: Annotated[bool, typer.Option(
        help="Print the share of step time each mechanism takes")] = False,
) -> None:
    """Run one scenario and write timeseries.parquet, summary.json and manifest.json."""
    overrides = list(set_ or [])
    if seed is not None:
        overrides.append(f"run.seed={seed}")
    if weeks is not None:
        overrides.append(f"run.weeks={weeks}")
    cfg = _load(config, overrides)
    path, summary = _execute(cfg, cfg.run.seed, out, force, profile)
    _print_summary(cfg.meta.name, summary, path)


MAX_MANIFEST_BYTES = 50_000_000  # a manifest is a few kB; refuse to read a huge file


def _read_manifest(manifest: Path) -> tuple[Any, int]:
    """The config and seed a manifest records, or exit 2 saying what is wrong with it."""
    from .config import ConfigError, validate_mapping
    from .config.loading import clip

    where = f"error: cannot use manifest {manifest}"
    try:
        with manifest.open("rb") as fh:
            blob = fh.read(MAX_MANIFEST_BYTES + 1)
        if len(blob) > MAX_MANIFEST_BYTES:
            fail(f"{where}: larger than {MAX_MANIFEST_BYTES:,} bytes")
        data = json.loads(blob.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        fail(f"{where}: {clip(str(exc))}")
    if not isinstance(data, dict) or not isinstance(data.get("config"), dict):
        fail(f"{where}: expected a JSON object with a `config` mapping (a results folder's "
             "manifest.json)")
    seed = data.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        fail(f"{where}: `seed` must be a whole number >= 0\n    given:   {clip(repr(seed))}")
    try:
        return validate_mapping(data["config"], file=f"{manifest} (config)"), seed
    except ConfigError as exc:
        fail(exc.render())


def _same_table(original: Path, again: Path) -> str:
    """Yes / NO / why the two Parquet files could not be compared."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .config.loading import clip

    if not again.exists():
        return f"NO ({again.name} not written by the rerun)"
    try:
        return "yes" if pq.read_table(original).equals(pq.read_table(again)) else "NO"
    except (OSError, pa.ArrowException) as exc:
        return f"NO (cannot read {original.name}: {clip(str(exc))})"


@app.command()
def rerun(
    manifest: Annotated[Path, typer.Argument(help="A results folder's manifest.json")],
    out: Annotated[Path | None, typer.Option(help="Output folder")] = None,
    force: Annotated[bool, typer.Option(help="Replace a non-empty output folder")] = False,
    choices: Annotated[str | None, typer.Option(
        help="A workshop room's choices file to replay (default: choices.yaml beside the "
        "manifest, if there is one; `none`: the same seed played by the model alone)")] = None,
) -> None:
    """Run again from a manifest and report whether the results are identical."""
    from .room.record import CHOICES_FILE, REPLAY_INPUTS

    cfg, seed = _read_manifest(manifest)
    folder = manifest.resolve().parent  # `rerun manifest.json` inside the folder works too
    path = folder / CHOICES_FILE if choices is None else None if choices == "none" else Path(
        choices)
    if path is not None and (choices is not None or path.exists()):
        cfg = _with_choices(cfg, path)
    out = out or folder.with_name(folder.name + "-rerun")
    path, summary = _execute(cfg, seed, out, force)
    _print_summary(cfg.meta.name, summary, path)
    differ = False
    for original in sorted(folder.glob("*.parquet")):  # timeseries, commons, ...
        if original.name in REPLAY_INPUTS:
            continue
        same = _same_table(original, path / original.name)
        typer.echo(f"identical to {original}: {same}")
        differ |= same != "yes"
    if differ:
        raise typer.Exit(1)


def _with_choices(cfg, path: Path):  # noqa: ANN001, ANN202
    """The config with a room's human choices on its timeline, or exit 2 saying why not."""
    from .config import ConfigError
    from .room.record import load_choices, with_choices

    try:
        events = load_choices(path)
        cfg = with_choices(cfg, events, file=str(path))
    except ConfigError as exc:
        fail(exc.render())
    typer.echo(f"replaying {len(events)} human choice event(s) from {path}")
    return cfg


@app.command()
def scenarios() -> None:
    """List the scenario library and experiment specs that ship with the package, by name."""
    import textwrap

    from .config import ConfigError, load_config
    from .library import entries, library_root

    typer.echo(f"library: {library_root()}  (run one with `zelflerendestad run NAME`; copy "
               "one and write `extends: default.yaml` to start your own)")
    for entry in entries():
        if entry.kind == "sweep":
            typer.echo(f"  {entry.name:46} sweep spec: zelflerendestad sweep {entry.name}")
            continue
        try:
            meta = load_config(entry.path).meta
            text = meta.description
        except ConfigError as exc:
            text = f"does not load: {exc.problems[0].message}"
        typer.echo(f"  {entry.name:46} {textwrap.shorten(text, 90, placeholder=' ...')}")


# --- workshop app (issue 7): Solara is imported only inside the command -----------------------
@app.command("app")
def workshop_app(
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8765,
    host: Annotated[str, typer.Option(
        help="Address to listen on; 127.0.0.1 is this computer only, 0.0.0.0 the whole "
        "network (workshop LAN)")] = "127.0.0.1",
    configs: Annotated[Path | None, typer.Option(
        help="Folder with the scenario YAML files (default: ./configs if there is one, else "
        "the library that ships with the package)")] = None,
    max_sessions: Annotated[int, typer.Option(
        help="Browser sessions (tabs) open at once; more are refused", min=1, max=500)] = 40,
    room: Annotated[bool, typer.Option(
        help="Participatory mode: open a room that phones join with a code")] = False,
    lan: Annotated[bool, typer.Option(
        help="Listen on the whole network (workshop LAN) instead of this computer only; "
        "same as --host 0.0.0.0, with a warning")] = False,
) -> None:
    """Start the workshop app (Solara, production mode, works offline) and print its address."""
    from importlib.util import find_spec

    missing = [name for name in ("solara", "ipyvuetify") if find_spec(name) is None]
    if missing:  # found without importing: Solara reads its settings when first imported
        fail(f"error: the app needs its extra dependencies ({missing[0]} is missing); "
             "install them with: pip install -e '.[app]'  (or: make app)")
    from .app.library import configs_dir

    configs = configs_dir() if configs is None else configs
    if not configs.is_dir():
        fail(f"error: --configs {configs} is not a folder")
    from .app.server import serve

    if lan and host == "127.0.0.1":
        host = "0.0.0.0"
    serve(host, port, configs, max_sessions, room=room)


# --- docs (issue 9): regenerate the documentation's generated blocks -------------------------
@app.command()
def docs(
    root: Annotated[Path, typer.Option(help="Repository root (holds docs/ and configs/)")] = Path(
        "."),
    check: Annotated[bool, typer.Option(
        "--check", help="Change nothing; exit 1 if a generated block is out of date")] = False,
) -> None:
    """Regenerate the parameter table, state variables and scenario catalogue in docs/."""
    from .config import ConfigError
    from .docgen import MissingBlock, missing_state_descriptions, stale, write

    try:
        pages = stale(root) if check else write(root)
    except (FileNotFoundError, MissingBlock, ConfigError) as exc:
        fail(f"error: {exc.render() if isinstance(exc, ConfigError) else exc}")
    for name in missing_state_descriptions():
        typer.echo(f"warning: state variable {name} has no meaning in "
                   "docgen/tables.py STATE_NOTES", err=True)
    if check and pages:
        fail("out of date: " + ", ".join(map(str, pages)) + "; run `make docs`", code=1)
    verb = "up to date" if check else ("updated: " + ", ".join(map(str, pages))
                                        if pages else "already up to date")
    typer.echo(f"docs {verb}")


# -- sweeps (issue 6) and experiments (issue 19): sweeps/command.py, lab/command.py --------
from .lab.command import experiment as _experiment  # noqa: E402
from .sweeps.command import analyze as _analyze  # noqa: E402
from .sweeps.command import sweep as _sweep  # noqa: E402

app.command("sweep")(_sweep)
app.command("analyze")(_analyze)
app.command("experiment")(_experiment)


def main() -> None:
    """Entry point of the `zelflerendestad` command."""
    app()
