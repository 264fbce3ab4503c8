"""Input that cannot hurt: generated and hand-picked bad input through the real CLI.

Every case goes through the `zelflerendestad` command (Typer's in-process runner, so hundreds
of cases fit the test budget) and must end with exit 2, a message naming the key path, no
traceback, and bounded time (an alarm stops a hang) and memory (tracemalloc for the corpus, the
process's peak RSS for the generated cases).
`FUZZ` collects the figures; `pytest -s tests/test_input_safety.py` prints them.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from zelflerendestad.cli import app
from zelflerendestad.config import safe_yaml
from zelflerendestad.config.params import bounds
from zelflerendestad.config.schema import CityConfig

SECONDS = 30  # a case still running after this is a hang
MEGABYTES = 400  # growth of the test process's peak memory over this module's cases
MEGABYTES_TRACED = 64  # Python allocations of one corpus case
FUZZ: dict[str, float] = {"tried": 0, "exit 2": 0, "tracebacks": 0, "max seconds": 0.0}


@contextmanager
def alarm(seconds: int):
    def hang(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def peak_mb() -> float:
    """This process's peak resident memory so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BASELINE: list[float] = []  # the peak when this module's first case ran


def invoke(*args: str, cwd: Path | None = None, trace: bool = False) -> tuple[int, str]:
    """Run the CLI in this process: (exit code, stdout + stderr); count it in FUZZ.

    Memory: with `trace`, tracemalloc's peak of this one case (exact, but slow: for the
    corpus); otherwise the growth of the process's peak resident size since this module began
    (cheap: for the generated cases), which stays up for good once any case blows up.
    """
    BASELINE[:] = BASELINE or [peak_mb()]
    here = os.getcwd()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with alarm(SECONDS):
            result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(here)
        seconds = time.perf_counter() - start
        if trace:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
    if not trace:
        peak = peak_mb() - BASELINE[0]
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    FUZZ["tried"] += 1
    FUZZ["exit 2"] += result.exit_code == 2
    FUZZ["tracebacks"] += crashed
    FUZZ["max seconds"] = max(FUZZ["max seconds"], round(seconds, 2))
    key = "max MB one case (traced)" if trace else "peak MB growth"
    FUZZ[key] = max(FUZZ.get(key, 0.0), round(peak, 1))
    assert not crashed, f"{args}: {result.exception!r}"
    assert peak < (MEGABYTES_TRACED if trace else MEGABYTES), f"{args}: {peak:.0f} MB"
    return result.exit_code, result.output


def refused(*args: str, cwd: Path | None = None, says: tuple[str, ...] = (),
            trace: bool = False) -> str:
    code, out = invoke(*args, cwd=cwd, trace=trace)
    assert code == 2, (args, out)
    assert "Traceback" not in out and len(out) < 20_000, out[:2000]
    for text in says:
        assert text in out, (text, out)
    return out


# -- generated: one leaf of the schema gets a value of the wrong kind ------------------------
def leaves(model: type[BaseModel] = CityConfig, prefix: str = "") -> list[tuple[str, Any]]:
    """(key path, field info) of every plain field of the schema."""
    out = []
    for name, info in model.model_fields.items():
        ann = info.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out += leaves(ann, f"{prefix}{name}.")
        elif name != "interventions":
            out.append((f"{prefix}{name}", info))
    return out


LEAVES = leaves()
NOT_A_NUMBER = [True, False, "abc", "", None, {"a": 1}, [1, 2], math.nan, math.inf, -math.inf,
                10**30, -(10**30)]


def bad_values(info: Any) -> list[Any]:
    """Values the field must refuse, whatever its kind."""
    ann = info.annotation
    if ann in (int, float):
        lo, hi = bounds(info)
        out = [v for v in NOT_A_NUMBER if not (ann is float and isinstance(v, int)
                                                and not isinstance(v, bool))]
        out += [lo - 1] if lo is not None else []
        out += [hi + 1] if hi is not None else []
        return out + ([1.5] if ann is int else [])
    if ann is bool:
        return ["yes", 1, 0, "true", None, 0.5, [True]]
    if ann is str:
        return [1, True, None, ["a"], {"a": "b"}]
    if get_origin(ann) is Literal:
        return ["not-a-choice", 1, True, None]
    if get_origin(ann) is list:
        inner = get_args(ann)[0]
        return [1.0, "abc", None, {"a": 1}, [math.nan] * 4 if inner is float else [None]]
    return [None]


CASES = [(path, value) for path, info in LEAVES for value in bad_values(info)]


def nest(path: str, value: Any) -> dict[str, Any]:
    out: Any = value
    for part in reversed(path.split(".")):
        out = {part: out}
    return out


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(CASES))
def test_fuzz_a_wrong_value_anywhere_is_refused_with_its_key_path(tmp_path, case):
    path, value = case
    file = tmp_path / "bad.yaml"
    file.write_text(yaml.safe_dump({"extends": "default.yaml", **nest(path, value)}))
    refused("validate", str(file), says=(path,))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_fuzz_arbitrary_text_never_crashes(tmp_path, text):
    file = tmp_path / "text.yaml"
    file.write_text(text, encoding="utf-8")
    code, out = invoke("validate", str(file))
    assert code in (0, 2) and "Traceback" not in out


# -- the corpus: every case the issues name ------------------------------------------------
NESTED = "a:\n" + "".join("  " * i + f"  k{i}:\n" for i in range(500)) + "  " * 501 + "x: 1\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
    for i in range(9))
CORPUS = {
    "tag !!int": ("run:\n  weeks: !!int 'abc'\n", ("line 2", "YAML tag not allowed")),
    "python tag": ("city: !!python/object/apply:os.system ['echo hacked']\n", ("tag",)),
    "nesting 500 deep": (NESTED, ("nested more than",)),
    "alias bomb": (BOMB, ("aliases",)),
    "weeks: yes": ("run:\n  weeks: yes\n", ("run.weeks",)),
    "week: True": ("interventions:\n  - {week: True, event: subsidy_start}\n",
                   ("interventions.0.subsidy_start.week",)),
    "NaN in order_shares": ("officials:\n  order_shares: [.nan, 0.3, 0.2, 0.1]\n",
                            ("officials.order_shares.0",)),
    "inf in order_effect": ("officials:\n  order_effect: [0.25, .inf, 0.75, 1.0]\n",
                            ("officials.order_effect.1",)),
    "NaN in order_effect": ("officials:\n  order_effect: [.nan, 0.5, 0.75, 1.0]\n",
                            ("officials.order_effect.0",)),
    "shares off by 1e-7": ("officials:\n  order_shares: [0.4000001, 0.3, 0.2, 0.1]\n",
                           ("officials", "summing to 1")),
    "duplicate municipality": ("municipality:\n  vertical_share: 0.2\ncity:\n  residents: 500\n"
                               "municipality:\n  effort: 1.0\n",
                               ("duplicate key `municipality`", "line 5", "first on line 1")),
    "duplicate on one line": ("run: {weeks: 5, weeks: 6}\n", ("duplicate key `weeks`",)),
    "1e400 residents": ("city:\n  residents: 1.0e400\n", ("city.residents",)),
    "huge value": ("run:\n  weeks: '" + "x" * 500_000 + "'\n", ("run.weeks", "more)")),
    "2,000 unknown keys": ("".join(f"key{i}: 1\n" for i in range(2_000)),
                            ("key0", "more problems")),
    "NUL in extends": ('extends: "a\\0b"\n', ("cannot open",)),
    "extends 5,000 characters": (f"extends: {'x' * 5000}\n", ("cannot open", "more)")),
    "extends a number": ("extends: 3\n", ("extends", "must be a file name")),
    "neighbourhoods > residents": ("city: {residents: 10, neighbourhoods: 30}\n"
                                   "network: {type: ring}\n", ("city.neighbourhoods=30",)),
    "seed 2**70": ("run:\n  seed: 1180591620717411303424\n", ("run.seed",)),
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_corpus_case_is_refused_with_where_and_why(tmp_path, name):
    text, says = CORPUS[name]
    file = tmp_path / "bad.yaml"
    file.write_text(text)
    slow = name in ("2,000 unknown keys", "huge value")  # tracing them takes seconds
    refused("validate", str(file), says=says, trace=not slow)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    file = tmp_path / "big.yaml"
    file.write_text("# padding\n" * 200_000)
    refused("validate", str(file), says=("larger than 1,000,000 bytes",), trace=True)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "loop", "folder", "chain"])
def test_extends_only_reaches_regular_files(tmp_path, target):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "folder").mkdir()
    (tmp_path / "chain").write_text("extends: chain2\n")
    (tmp_path / "chain2").write_text("extends: chain\n")
    file = tmp_path / "mine.yaml"
    file.write_text(f"extends: {target}\n")
    out = refused("validate", str(file), trace=True)
    assert {"/dev/zero": "not a regular file", "/dev/urandom": "not a regular file",
            "loop": "cannot open", "folder": "is a folder", "chain": "cycle"}[target] in out


def test_set_errors_blame_the_set_not_the_file(tmp_path):
    out = refused("show-config", "configs/default.yaml", "--set", "network.mean_degree=1998",
                  cwd=Path(__file__).parents[1], says=("--set network.mean_degree=1998",))
    assert "configs/default.yaml: (top level)" not in out
    out = refused("show-config", "default", "--set", "run.weeks.x=3",
                  says=("--set run.weeks.x=3", "run.weeks"))
    out = refused("show-config", "default", "--set", "officials.order_shares=[1, 1, 0, 0]",
                  says=("--set officials.order_shares=[1, 1, 0, 0]",))
    refused("show-config", "default", "--set", "run..weeks=3", says=("KEY.PATH=VALUE",))
    refused("show-config", "default", "--set", "run.weeks=!!int x", says=("run.weeks",))


def test_negative_zero_sds_and_order_effect_run(tmp_path):
    file = tmp_path / "zeros.yaml"
    file.write_text(yaml.safe_dump({
        "extends": "default.yaml", "city": {"residents": 100}, "run": {"weeks": 3},
        "officials": {"urgency_sd": -0.0, "style_sd": -0.0, "order_effect": [-0.0, 0.5, 0.75, 1]},
        "engagement": {"threshold_sd": -0.0, "contagion": "complex"},
        "residents": {"motivation_sd": -0.0, "trait_sd": -0.0},
        "learning": {"capacity_sd": -0.0},
        "municipality": {"adaptive": {"enabled": True, "interval": 1,
                                      "observation_noise": -0.0}}}))
    code, out = invoke("run", str(file), "--out", str(tmp_path / "out"))
    assert code == 0, out


# -- sweep specs and manifests ----------------------------------------------------------------
@pytest.mark.parametrize("steps, says", [
    ("1e15", "parameters.municipality.vertical_share.steps"),
    ("1000000000000000", "at most 1,000,000 runs"),
    ("true", "parameters.municipality.vertical_share.steps"),
])
def test_a_sweep_design_has_a_size_limit(tmp_path, steps, says):
    spec = tmp_path / "s.yaml"
    spec.write_text("name: big\nbase: default.yaml\nparameters:\n  municipality.vertical_share:"
                    f"\n    range: [0, 1]\n    steps: {steps}\n")
    refused("sweep", str(spec), "--dry-run", says=(says,))


def test_a_sweep_spec_refuses_bools_and_duplicate_keys(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("name: s\nbase: default.yaml\nreplications: yes\nparameters:\n"
                    "  run.weeks: [1, 2]\n")
    refused("sweep", str(spec), "--dry-run", says=("replications",))
    spec.write_text("name: s\nname: t\nbase: default.yaml\nparameters: {run.weeks: [1, 2]}\n")
    refused("sweep", str(spec), "--dry-run", says=("duplicate key `name`",))
    spec.write_text('name: s\nbase: "a\\0b"\nparameters: {run.weeks: [1, 2]}\n')
    refused("sweep", str(spec), "--dry-run", says=("base", "cannot open"))


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4), max_leaves=12)
SPEC_KEYS = ["name", "base", "weeks", "seed", "replications", "design", "parameters", "fixed",
             "outputs", "analysis"]


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(SPEC_KEYS), JSONISH, min_size=1, max_size=3))
def test_fuzz_a_sweep_spec_with_wrong_values_is_refused(tmp_path, changes):
    spec = {"name": "s", "base": "default.yaml", "parameters": {"run.weeks": "wrong"}}
    file = tmp_path / "s.yaml"
    file.write_text(yaml.safe_dump(spec | changes))
    refused("sweep", str(file), "--dry-run", "--out", str(tmp_path / "out"))


TAMPERED = {
    "not json": "{config: ",
    "a list": "[1, 2]",
    "no config": '{"seed": 1}',
    "config not a mapping": '{"config": 3, "seed": 1}',
    "no seed": '{"config": {}}',
    "seed text": '{"config": {}, "seed": "abc"}',
    "seed negative": '{"config": {}, "seed": -1}',
    "seed bool": '{"config": {}, "seed": true}',
    "seed fraction": '{"config": {}, "seed": 1.5}',
    "config invalid": '{"config": {"run": {"weeks": "many"}}, "seed": 1}',
    "deep json": "[" * 100_000 + "]" * 100_000,
    "not utf-8": b"\xff\xfe\x00".decode("latin-1"),
}


@pytest.mark.parametrize("name", list(TAMPERED))
def test_a_tampered_manifest_is_refused(tmp_path, name):
    file = tmp_path / "manifest.json"
    file.write_text(TAMPERED[name], encoding="latin-1")
    refused("rerun", str(file), "--out", str(tmp_path / "again"))
    assert not (tmp_path / "again").exists()


def test_rerun_from_inside_the_results_folder(tmp_path):
    code, out = invoke("run", "default", "--weeks", "2", "--set", "city.residents=100", "--out",
                       str(tmp_path / "first"))
    assert code == 0, out
    code, out = invoke("rerun", "manifest.json", cwd=tmp_path / "first")
    assert code == 0 and "identical" in out and "NO" not in out, out
    assert (tmp_path / "first-rerun" / "manifest.json").exists()
    manifest = json.loads((tmp_path / "first-rerun" / "manifest.json").read_text())
    assert manifest["seed"] == 1


def test_a_dry_run_reports_a_point_whose_run_fails(tmp_path, monkeypatch):
    from zelflerendestad.sweeps import probe

    real = probe.build_model

    def fragile(config, seed):  # a model bug at one point of a valid design
        if config.municipality.vertical_share > 0.5:
            raise ValueError("scale < 0")
        return real(config, seed)

    monkeypatch.setattr(probe, "build_model", fragile)
    spec = tmp_path / "s.yaml"
    spec.write_text("name: s\nbase: default.yaml\nweeks: 2\nfixed: {city.residents: 100}\n"
                    "parameters:\n  municipality.vertical_share: [0.2, 0.9]\n")
    code, out = invoke("sweep", str(spec), "--dry-run", "--out", str(tmp_path / "out"))
    assert code == 0 and "point 1 fails: ValueError: scale < 0" in out and "estimate" in out, out


def test_zz_fuzz_figures():
    """Last in this module: the figures of every case above (shown with `pytest -s`)."""
    print("\nfuzz figures:", json.dumps(FUZZ))
    assert FUZZ["tried"] > 250 and FUZZ["tracebacks"] == 0


def test_safe_yaml_refuses_a_duplicate_key_naming_both_lines():
    with pytest.raises(safe_yaml.UnsafeYaml, match="duplicate key `a` \\(first on line 1\\)"):
        safe_yaml.load("a: 1\nb: 2\na: 3\n")
