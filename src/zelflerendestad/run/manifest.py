"""What every output folder carries so that a run can be trusted and repeated."""

from __future__ import annotations

import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__

PACKAGES = ("mesa", "numpy", "scipy", "networkx", "pydantic", "pyarrow", "PyYAML")


def now() -> str:
    """Current time as an ISO 8601 string in UTC."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def git_commit() -> str:
    """The source tree's git commit (with `+dirty` if changed), or where the code came from.

    Only a checkout is asked (src/zelflerendestad under a folder with pyproject.toml): an
    installed wheel inside some other repository must not record that repository's commit.
    Without a commit the package version stands in: `none (zelflerendestad 0.1.0)`.
    """
    package = Path(__file__).resolve().parents[1]  # src/zelflerendestad
    root = package.parents[1]
    fallback = f"none (zelflerendestad {__version__})"
    if not (root / "pyproject.toml").is_file() or package.parent.name != "src":
        return fallback
    try:
        sha = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return fallback


def versions(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Versions of this package and the libraries that shape its results (plus `extra`)."""
    out = {"zelflerendestad": __version__}
    for name in (*PACKAGES, *extra):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def build_manifest(config: dict[str, Any], seed: int, started: str, ended: str,
                   argv: list[str] | None = None) -> dict[str, Any]:
    """The manifest of one run: resolved config, seed, versions, platform, commit, times."""
    return {
        "config": config,
        "seed": seed,
        "weeks": config["run"]["weeks"],
        "versions": versions(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "git_commit": git_commit(),
        "started": started,
        "ended": ended,
        "command": argv if argv is not None else sys.argv,
    }
