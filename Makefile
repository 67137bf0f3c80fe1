# perfcli — the two commands of the README: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SRC    := perfcli tests scripts

.PHONY: install test lint typecheck unit demo bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)

typecheck: install
	$(BIN)/mypy perfcli

unit: install
	$(BIN)/pytest -p no:cacheprovider

test: lint typecheck unit

demo: install
	@echo "== perfcli check samples/ (faulty samples are meant to show findings) =="
	$(BIN)/perfcli check samples/ --accounts samples/决算/决算_两部门.xlsx --feedback out/ --no-progress || [ $$? -eq 1 ]
	@echo "== feedback workbooks written to out/ =="

bench: install
	$(BIN)/python scripts/bench.py

docs: install
	$(BIN)/python -m perfcli.report.catalogue > docs/rules.md

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
