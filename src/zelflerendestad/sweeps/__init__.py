"""Sweeps: many runs of one model from a YAML spec, on a laptop or a Dask cluster.

spec YAML -> `spec.load_spec` -> `plan.build_plan` (design points x replications, each point a
validated config) -> `runner.run_sweep` (process pool or Dask) -> `store.SweepStore` (Parquet
parts, resumable) -> `analysis.analyze` (tables and figures).

This package imports nothing heavy at module level so that `zelflerendestad --help` stays fast.
"""
