# WRAC Desktop — `make run` opens the app on a demo register, `make test` runs the whole suite.
# Both set everything up first (system libraries, .venv, the package) and are quick when done.

# The newest Python >= 3.12 found (on PATH or under pyenv), else python3. PySide6 6.12.0
# over-releases None/True/False on Python 3.11: the window aborted after ~50 refreshes. From
# 3.12 on those objects are immortal; on 3.11 pyproject.toml takes PySide6 6.11 instead.
ifndef PYTHON
PYTHON := $(or $(shell for p in python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.1[23].*/bin/python3) python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done),python3)
endif
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint unit bench setup system-deps clean dist dist-test catalogues soak

run: setup
	$(VENV)/bin/wrac open --demo

test: setup lint unit dist-test

unit: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check wrac_desktop tests benchmarks installer
	$(VENV)/bin/ruff format --check wrac_desktop tests benchmarks installer
	$(VENV)/bin/mypy

bench: setup dist
	@scripts/system-deps.sh bench
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Long randomised runs (issue 23), one command a line; each prints what it tried and how many
# cases failed, and fails the target if any did. The crash run kills each of import, merge,
# approve, revise and export (PDF, XLSX) 60 times at random points; the disk-full run gives
# import, merge, approve and revise 40 runs each on a disk with a random amount of room left
# (seeds printed).
soak: setup
	$(PY) -m tests.crash_kills --kills 60
	$(PY) -m tests.disk_full_soak --runs 40

setup: system-deps $(STAMP)

# The frozen one-folder app (issue 9): dist/wrac/, rebuilt when a source it bundles changed.
BUNDLE := dist/wrac/wrac
BUNDLED := pyproject.toml $(shell find wrac_desktop resources installer -type f -not -path '*/__pycache__/*')

dist: setup $(BUNDLE)

$(BUNDLE): $(STAMP) $(BUNDLED)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build installer/wrac.spec
	@touch $(BUNDLE)

dist-test: dist
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests/dist

# Extract `_()` messages and the hazard library's English texts, update resources/locale/*/
# wrac.po and wrac_library.po, compile the .mo files (committed), then list what still needs a
# translator. Run after merging code that adds strings or editing the library's TOML files.
catalogues: setup
	$(PY) scripts/catalogues.py

system-deps:
	@scripts/system-deps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "WRAC Desktop needs Python 3.11 or newer")'
	$(PYTHON) -m venv --clear $(VENV)  # --clear: no packages left from another Python
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache artifacts
