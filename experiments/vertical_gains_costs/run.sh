#!/usr/bin/env bash
# Both sweeps of this experiment in one command: run them (or continue them), then the figures.
#   bash experiments/vertical_gains_costs/run.sh --workers 1     # sweep.yaml, then flip.yaml
#   bash experiments/vertical_gains_costs/run.sh --scheduler tcp://HOST:8786   # a Dask cluster
# Results go to results/sweeps/vertical_gains_costs[_flip]/ (OUT=... sets the parent folder);
# figures and tables go to figures/ and figures_flip/ here; optima.py prints the best mixes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cli="${ZSD_CLI:-$root/.venv/bin/zelflerendestad}"
out="${OUT:-$root/results/sweeps}"
[ -x "$cli" ] || make -C "$root" venv
"$cli" sweep "$here/sweep.yaml" --out "$out/vertical_gains_costs" --resume "$@"
"$cli" analyze "$out/vertical_gains_costs" --out "$here/figures"
"$cli" sweep "$here/flip.yaml" --out "$out/vertical_gains_costs_flip" --resume "$@"
"$cli" analyze "$out/vertical_gains_costs_flip" --out "$here/figures_flip"
"$root/.venv/bin/python" "$here/optima.py" "$here/figures/aggregates.csv" \
    "$here/figures_flip/aggregates.csv" > "$here/optima.md"
