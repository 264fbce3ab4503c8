"""Test-only fault injection for sweep workers (put on PYTHONPATH by test_sweeps_cli.py).

Python imports `sitecustomize` at start-up in every process, spawned pool workers included, so
the sweep's real code runs unchanged while `run_one` fails for one value of vertical_share:
ZSD_FAULT=raise raises; ZSD_FAULT=die kills the worker process outright, once (a marker file).
"""

import os

MODE = os.environ.get("ZSD_FAULT")

if MODE:
    import signal
    from pathlib import Path

    import zelflerendestad.run.runner as runner

    _real = runner.run_one
    _share = float(os.environ["ZSD_FAULT_SHARE"])

    def run_one(config, seed=None, on_week=None):
        if config.municipality.vertical_share == _share:
            if MODE == "raise":
                raise ValueError(f"injected failure at vertical_share={_share}")
            marker = Path(os.environ["ZSD_FAULT_MARKER"])
            if not marker.exists():
                marker.write_text("died once")
                os.kill(os.getpid(), signal.SIGKILL)
        return _real(config, seed, on_week)

    runner.run_one = run_one
