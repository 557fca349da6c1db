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

# The gazetteer places are linked to: a repo-local index of the Syrian file in
# ../shared (built on first use), so that the demo links the seeds on a fresh clone.
SHARED_GAZ := ../shared/data/gazetteer/syria_wof_geonames.tsv
GAZETTEER  := $(VENV)/gazetteer.sqlite
export KG_GAZETTEER := $(abspath $(GAZETTEER))
GAZ_DEP    := $(if $(wildcard $(SHARED_GAZ)),$(GAZETTEER))

.PHONY: help install gazetteer demo test lint clean measure-linking bench

help:
	@echo "make demo   build the graph from seeds/ into ./$(STORE) and print every stored query"
	@echo "make test   run the test suite"
	@echo "make bench  measure kg build, the store and the queries (synthetic corpus; writes bench/report.json)"
	@echo "make lint   ruff check, ruff format --check, mypy kg"
	@echo "make measure-linking  place linking on UCDP's Syrian village and town labels"
	@echo "make clean  remove the demo store and output (keeps .venv)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when pyproject.toml changes (the install is editable).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

# rebuilt when the file or the name normalization changes (the index holds name keys)
$(GAZETTEER): $(SHARED_GAZ) kg/link/normalize.py kg/link/gazetteer.py | $(STAMP)
	rm -f $@
	$(BIN)/kg gazetteer import $(SHARED_GAZ) --gazetteer $@

gazetteer: $(GAZ_DEP)

demo: $(STAMP) $(GAZ_DEP)
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

# not part of `make test`: ~10 minutes on 2 cores; BENCH_ARGS="--only throughput --repeat 1"
bench: $(STAMP) $(GAZ_DEP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

measure-linking: $(STAMP) $(GAZETTEER)
	$(BIN)/python scripts/measure_linking.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy kg

clean:
	rm -rf $(STORE) $(DEMO_OUT)
