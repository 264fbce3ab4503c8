"""Test-only fault injection for sweeps (put on PYTHONPATH by test_sweeps_cli.py).

Python imports `sitecustomize` at start-up in every process, spawned pool workers included, so
the sweep's real code runs unchanged while one thing misbehaves:
- ZSD_FAULT=raise: `run_one` raises for one value of vertical_share (ZSD_FAULT_SHARE);
- ZSD_FAULT=die: `run_one` kills its worker process outright there, once (a marker file);
- ZSD_FAULT=hold: `run_one` waits there until the file ZSD_FAULT_RELEASE exists;
- ZSD_FAULT=pause: right after reading what a folder has recorded (`SweepStore.statuses`), the
  sweep writes the file ZSD_FAULT_READ and waits until the file ZSD_FAULT_GO exists.
"""

import os

MODE = os.environ.get("ZSD_FAULT")


def _wait_for(name: str) -> None:
    import time
    from pathlib import Path

    deadline = time.monotonic() + 120
    while not Path(os.environ[name]).exists() and time.monotonic() < deadline:
        time.sleep(0.02)


if MODE in ("raise", "die", "hold"):
    import signal
    from pathlib import Path

    import zelflerendestad.run.runner as runner

    _real = runner.run_one
    _share = float(os.environ["ZSD_FAULT_SHARE"])

    def run_one(config, seed=None, on_week=None):
        if config.municipality.vertical_share == _share:
            if MODE == "raise":
                raise ValueError(f"injected failure at vertical_share={_share}")
            if MODE == "hold":
                _wait_for("ZSD_FAULT_RELEASE")
                return _real(config, seed, on_week)
            marker = Path(os.environ["ZSD_FAULT_MARKER"])
            if not marker.exists():
                marker.write_text("died once")
                os.kill(os.getpid(), signal.SIGKILL)
        return _real(config, seed, on_week)

    runner.run_one = run_one

if MODE == "pause":
    from pathlib import Path

    from zelflerendestad.sweeps.store import SweepStore

    _statuses = SweepStore.statuses

    def statuses(self):  # noqa: ANN001, ANN201
        found = _statuses(self)
        Path(os.environ["ZSD_FAULT_READ"]).write_text(f"{len(found)} runs recorded")
        _wait_for("ZSD_FAULT_GO")
        return found

    SweepStore.statuses = statuses
