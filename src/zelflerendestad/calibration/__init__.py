"""Pattern-oriented calibration (Grimm et al. 2005; Janssen, Radtke & Lee 2009).

spec YAML (`spec.py`) -> design over the free behavioural parameters, bounds read from the
config schema (`priors.py`) -> probe runs, each a config and a measurement (`probes.py`,
`measures.py`) -> pattern tests with acceptance bands (`patterns.py`) -> accepted sets,
posterior ranges, held-out prediction (`engine.py`) -> docs/calibration.md, an accepted-parameter
YAML for `extends:` and results.json (`report.py`). Run it with `make calibrate`.
"""
