# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/kazakhstan_commentary_de.txt

.PHONY: run test test-fast test-browser index build bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.req: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.req
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

index: $(VENV)/.req
	$(BIN)/python -m mapapp index

build: index
	$(BIN)/python -m mapapp build $(SEED)

run: build
	$(BIN)/streamlit run mapapp/app.py --server.headless true --browser.gatherUsageStats false \
		--client.toolbarMode minimal -- $(SEED)

test: $(VENV)/.dev index
	$(BIN)/python -m pytest -q

test-fast: $(VENV)/.dev index
	$(BIN)/python -m pytest -q -m "not browser"

test-browser: $(VENV)/.dev index
	$(BIN)/python -m pytest -q -m browser

bench: $(VENV)/.dev index
	$(BIN)/python bench/geoparse_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/app_bench.py

clean:
	rm -rf $(VENV) data/index
