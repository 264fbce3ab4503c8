#!/usr/bin/env bash
# The gains-and-costs experiment in one command: run the sweep (or continue it), then make the figures.
#   bash experiments/vertical_gains_costs/run.sh                    # all local cores
#   bash experiments/vertical_gains_costs/run.sh --workers 2
#   bash experiments/vertical_gains_costs/run.sh --scheduler tcp://HOST:8786   # a Dask cluster
# Results go to results/sweeps/vertical_gains_costs/ (OUT=... to change); the figures and
# tables the README shows go to experiments/vertical_gains_costs/figures/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cli="${ZSD_CLI:-$root/.venv/bin/zelflerendestad}"
out="${OUT:-$root/results/sweeps/vertical_gains_costs}"
[ -x "$cli" ] || make -C "$root" venv
"$cli" sweep "$here/sweep.yaml" --out "$out" --resume "$@"
"$cli" analyze "$out" --out "$here/figures"
