# One command each: `make run` serves the app, `make test` runs everything. Both set up from nothing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
LAKE   ?= $(or $(OVERSIGHT_LAKE),data/lake)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export OVERSIGHT_LAKE := $(LAKE)

.PHONY: setup dev ocr-deps system-deps cluster-deps run cluster demo test lint format bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime
dev: $(VENV)/.dev

# Tesseract with its simplified-Chinese model, for scanned PDFs (the product needs it), when missing.
ocr-deps:
	@if ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
			tesseract-ocr tesseract-ocr-chi-sim; \
	fi

# Debian's Chromium (Playwright drives it; never a downloaded browser) and CJK fonts, for the tests;
# Debian's PostgreSQL server and nginx (cluster-deps), which the tests start themselves on loopback.
system-deps: ocr-deps cluster-deps
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

# PostgreSQL and nginx binaries for `make cluster` and the cluster tests, which start their own on
# loopback with their own configuration. (On a machine run by systemd the packages also start Debian's
# default services, nginx on port 80: `systemctl disable --now nginx postgresql` if unwanted.)
cluster-deps:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends postgresql; \
	fi
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nginx; \
	fi

$(LAKE)/manifest.json: | setup
	$(BIN)/python -m oversight demo --lake $(LAKE)

# PostgreSQL (temporary folder, loopback), `db upgrade`, two replicas over the lake and nginx in front;
# prints the address and a temporary admin's password; Ctrl-C stops everything.
cluster: setup cluster-deps $(LAKE)/manifest.json
	$(BIN)/python -m oversight cluster --lake $(LAKE)

demo: setup
	$(BIN)/python -m oversight demo --lake $(LAKE)

run: setup ocr-deps $(LAKE)/manifest.json
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: dev system-deps lint
	$(BIN)/python -m pytest

bench: dev system-deps
	taskset -c 0 $(BIN)/python -m oversight bench ingest
	$(BIN)/python -m oversight bench pages

clean:
	rm -rf $(VENV) data/lake data/demo_docs test-artifacts .pytest_cache .ruff_cache
