"""Running the model: the runner, what a run records, and the files it writes.

- `runner`: build and run one scenario, write its results folder atomically;
- `recorder`: the weekly rows of measures, as one Arrow table;
- `snapshots`: opt-in per-resident records (residents.parquet);
- `manifest`: what every output folder carries to be trusted and repeated;
- `profiling`: where a week's time goes, per phase of the step.
"""
