# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/kazakhstan_commentary_de.txt

.PHONY: run test test-fast test-browser index build bench chromium clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Pinned requirements first, then mapapp itself as an editable package (no sys.path tricks anywhere).
$(VENV)/.req: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.req
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

index: $(VENV)/.req
	$(BIN)/mapapp index

# The seed's layers go to the user data folder (MAPAPP_DATA_DIR, default ~/.local/share/mapapp),
# which is where the app reads them; nothing generated is written into the checkout.
build: index
	$(BIN)/mapapp build $(SEED)

run: build
	$(BIN)/mapapp app $(SEED)

# The browser tests drive Debian's Chromium; install it when missing (as root), else say how.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: run  sudo apt-get install -y chromium fonts-dejavu-core"; exit 1; \
	  fi; }

test: $(VENV)/.dev index chromium
	$(BIN)/python -m pytest -q

test-fast: $(VENV)/.dev index
	$(BIN)/python -m pytest -q -m "not browser"

test-browser: $(VENV)/.dev index chromium
	$(BIN)/python -m pytest -q -m browser

bench: $(VENV)/.dev index
	$(BIN)/python bench/geoparse_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/app_bench.py

clean:
	rm -rf $(VENV) data/index *.egg-info
