# POSfix developer commands. `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint catalogue check-catalogue bench exe clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)  ## start the desktop app
	$(BIN)/posfix-gui

test: $(STAMP)  ## run the whole test suite (offscreen)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check posfix_gui tests bench build

catalogue: $(STAMP)  ## rebuild db/codes.sqlite from resources/catalogue
	$(BIN)/posfix catalogue build

check-catalogue: $(STAMP)
	$(BIN)/posfix catalogue check

bench: $(STAMP)  ## search latency (shipped and 100 000 entries), history at 1 000 000 incidents, a soak run
	$(BIN)/python bench/search_latency.py
	$(BIN)/python bench/history_scale.py --count 1000000
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/soak.py --runs 300

exe: $(STAMP)  ## build the standalone app: dist/posfix/posfix-gui (PyInstaller onedir)
	$(BIN)/python build/build.py

clean:
	rm -rf $(VENV) build/work dist .pytest_cache
