# kg task runner: `make demo`, `make test`, `make lint`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  := kg-store
DEMO_OUT := kg-seeds.trig

.PHONY: help install demo test lint clean

help:
	@echo "make demo   build the graph from seeds/ into ./$(STORE) and print every stored query"
	@echo "make test   run the test suite"
	@echo "make lint   ruff check, ruff format --check, mypy kg"
	@echo "make clean  remove the demo store and output (keeps .venv)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when pyproject.toml changes (the install is editable).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build seeds --store $(STORE) --out $(DEMO_OUT)
	@names=$$($(BIN)/kg query --list | awk '{print $$1}'); \
	test -n "$$names" || { echo "make demo: no stored queries" >&2; exit 1; }; \
	for name in $$names; do \
	  case "$$name" in \
	    attacks_at_place) params=(--param place=Aleppo) ;; \
	    timeline) params=(--param from=2020-01-01 --param to=2020-01-31) ;; \
	    *) params=() ;; \
	  esac; \
	  echo; echo "== kg query $$name$${params:+ $${params[*]}}"; \
	  $(BIN)/kg query "$$name" --store $(STORE) "$${params[@]}"; \
	done

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy kg

clean:
	rm -rf $(STORE) $(DEMO_OUT)
