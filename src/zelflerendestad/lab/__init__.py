"""The virtual laboratory: experiment designs with arms, phases and groups, run as paired branches.

spec YAML -> `spec.load_experiment()` -> `runner.run_seed()` per seed (one shared burn-in,
branched with `copy.deepcopy`, one branch per arm) -> rows per arm, group and week ->
`analysis.paired_differences()`. The CLI is `zelflerendestad experiment SPEC`.
"""
