# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# PYTHON=/path/to/python3.12 overrides the interpreter search (scripts/find-python).
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
CLI   := $(VENV)/bin/zelflerendestad
STAMP := $(VENV)/.installed-stamp
EXTRAS := test,docs,sweeps

.PHONY: run test venv clean help docs docs-serve docs-plots

help:
	@echo "make run    - set up .venv if needed, run configs/default.yaml, print a summary"
	@echo "make test   - set up .venv if needed, run the whole test suite"
	@echo "make clean  - remove .venv and results/"
	@echo "make docs   - regenerate the generated parts of docs/ and build the site (strict) into site/"
	@echo "make docs-serve - regenerate and preview the site at http://127.0.0.1:8000"
	@echo "make docs-plots - rerun the scenario plots and the README picture (a few minutes)"

venv: $(STAMP)

$(STAMP): pyproject.toml
	@set -e; PYBIN="$$(PYTHON='$(PYTHON)' scripts/find-python)"; \
	if [ ! -x "$(PY)" ]; then echo "creating $(VENV) with $$PYBIN"; "$$PYBIN" -m venv "$(VENV)"; fi; \
	"$(PY)" -m pip install --quiet --disable-pip-version-check "uv>=0.4,<1"; \
	"$(VENV)/bin/uv" pip install --quiet --python "$(PY)" -e ".[$(EXTRAS)]"; \
	touch "$(STAMP)"

run: $(STAMP)
	$(CLI) run configs/default.yaml

test: $(STAMP)
	$(PY) -m pytest -q

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
