"""The benchmarks' own instruments keep working as the model changes.

`benchmarks/passes.py` patches the model's kernels and scipy for the whole process, so it runs
in a subprocess of its own. Speed itself is never asserted here (benchmarks/README.md).
"""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT


def test_the_pass_counter_counts_a_week_by_mechanism():
    done = subprocess.run([sys.executable, "benchmarks/passes.py", "2000"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    head = re.match(r"week 27 at N = 2,000: (\d+) passes .*?(\d+) numba kernels", done.stdout)
    assert head, done.stdout
    passes, kernels = map(int, head.groups())
    assert 0 < kernels < passes
    by_phase = dict(re.findall(r"^  (\w+)\s+(\d+)$", done.stdout, re.M))
    assert {"update_engagement", "learn", "record"} <= by_phase.keys()
    assert sum(map(int, by_phase.values())) == passes
