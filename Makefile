# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# PYTHON=/path/to/python3.12 overrides the interpreter search (scripts/find-python).
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
CLI   := $(VENV)/bin/zelflerendestad
STAMP := $(VENV)/.installed-stamp
EXTRAS := test,sweeps

.PHONY: run test venv clean help

help:
	@echo "make run    - set up .venv if needed, run configs/default.yaml, print a summary"
	@echo "make test   - set up .venv if needed, run the whole test suite"
	@echo "make clean  - remove .venv and results/"

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
