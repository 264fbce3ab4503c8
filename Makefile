# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# PYTHON=/path/to/python3.12 overrides the interpreter search (scripts/find-python).
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
CLI   := $(VENV)/bin/zelflerendestad
STAMP := $(VENV)/.installed-stamp
EXTRAS := test,docs,app,app-test,sweeps
CHROMIUM := /usr/bin/chromium
STRACE := /usr/bin/strace

.PHONY: run test venv clean help docs docs-serve docs-plots bench app chromium strace verify golden lint calibrate experiments

help:
	@echo "make run    - set up .venv if needed, run configs/default.yaml, print a summary"
	@echo "make test   - set up .venv if needed, run the whole test suite"
	@echo "make app    - set up .venv if needed, start the workshop app on http://127.0.0.1:8765"
	@echo "make clean  - remove .venv and results/"
	@echo "make verify - dock the model to Bass, March, Centola & Macy at full size; write docs/verification.md"
	@echo "make calibrate - pattern-oriented calibration (JOBS=1 default); writes docs/calibration.md"
	@echo "make golden - rerun the golden runs in tests/golden/, show what changed, store the new results"
	@echo "make docs   - regenerate the generated parts of docs/ and build the site (strict) into site/"
	@echo "make docs-serve - regenerate and preview the site at http://127.0.0.1:8000"
	@echo "make docs-plots - rerun the scenario plots and the README picture (a few minutes)"
	@echo "make bench  - speed and memory figures side by side (BENCH_ARGS=--large for 1M)"
	@echo "make lint   - ruff over src, tests, benchmarks and experiments"
	@echo "make experiments - run the virtual laboratory's worked examples (experiments/*/lab.yaml)"

venv: $(STAMP)

# uv keeps every build of an sdist (solara-assets: about 250 MB each, a new one per venv), so
# the cache is pruned after installing: unpruned it filled this machine's disk.
$(STAMP): pyproject.toml
	@set -e; PYBIN="$$(PYTHON='$(PYTHON)' scripts/find-python)"; \
	if [ ! -x "$(PY)" ]; then echo "creating $(VENV) with $$PYBIN"; "$$PYBIN" -m venv "$(VENV)"; fi; \
	"$(PY)" -m pip install --quiet --disable-pip-version-check "uv>=0.4,<1"; \
	"$(VENV)/bin/uv" pip install --quiet --python "$(PY)" -e ".[$(EXTRAS)]"; \
	"$(VENV)/bin/uv" cache prune --quiet; \
	touch "$(STAMP)"

run: $(STAMP)
	$(CLI) run configs/default.yaml

test: $(STAMP) chromium strace
	$(PY) -m pytest -q

# The virtual laboratory's worked examples (issue 19); each writes results/lab/NAME/ and its
# README quotes the figures. `make test` runs every lab.yaml reduced (tests/test_lab_examples.py).
LAB_SPECS := $(wildcard experiments/*/lab.yaml)
experiments: $(STAMP)
	@set -e; for s in $(LAB_SPECS); do \
	  n=$$(basename $$(dirname $$s)); echo "== $$n"; \
	  $(CLI) experiment $$s --out results/lab/$$n --workers 2 --resume; done

bench: $(STAMP)
	$(PY) benchmarks/bench_scale.py $(BENCH_ARGS)

# The app's browser tests drive Debian's chromium; install it once if it is missing (root).
chromium:
	@[ -x "$(CHROMIUM)" ] || { echo "installing chromium for the app's browser tests"; \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# The app's server test records its connections with strace; install it once if missing (root).
strace:
	@[ -x "$(STRACE)" ] || { echo "installing strace for the app's server test"; \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq strace; }

app: $(STAMP)
	$(CLI) app

clean:
	rm -rf $(VENV) results

# --- docs (issue 9): generated blocks from the code, then the MkDocs site -----------------------
docs: $(STAMP)
	$(CLI) docs
	$(VENV)/bin/mkdocs build --strict --site-dir site

docs-serve: $(STAMP)
	$(CLI) docs
	$(VENV)/bin/mkdocs serve

docs-plots: $(STAMP)
	$(PY) docs/scripts/scenario_plots.py
	$(CLI) docs

# Verification by docking (issue 10): full-size checks, report in docs/verification.md and
# docs/verification/results.json; exits non-zero when a check misses. JOBS=1 for one process.
verify: $(STAMP)
	$(PY) -m zelflerendestad.verification $(if $(JOBS),--jobs $(JOBS),)

# Pattern-oriented calibration (issue 14): the full run of experiments/calibration/spec.yaml,
# niced, on JOBS workers (default 1); writes docs/calibration.md,
# experiments/calibration/accepted.yaml and results.json. Rerunning continues an interrupted run.
calibrate: $(STAMP)
	nice $(PY) -m zelflerendestad.calibration experiments/calibration/spec.yaml --jobs $(or $(JOBS),1)

golden: $(STAMP)
	$(PY) -m zelflerendestad.verification.golden --refresh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks experiments examples docs/scripts
