# WRAC Desktop — `make run` opens the app on a demo register, `make test` runs the whole suite.
# Both set everything up first (system libraries, .venv, the package) and are quick when done.
# On Windows, where make is rare, `python scripts/dev.py run|test|lock` does the same steps.

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
PYTHON_VERSION := $(shell $(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null)
# Every dependency pinned with hashes, one lock per Python line (installer/locks.py, `make lock`)
LOCK := requirements/$(if $(filter 3.11.%,$(PYTHON_VERSION)),py311,py312).txt
# `make test` also runs lint and the unit suite under Python 3.11, the other supported line,
# in .venv311, when one is found and $(PYTHON) is not already a 3.11 (then .venv is that line).
ifndef PYTHON311
PYTHON311 := $(if $(filter 3.11.%,$(PYTHON_VERSION)),,$(shell for p in python3.11 $(wildcard $(HOME)/.pyenv/versions/3.11.*/bin/python3); do \
	$$p -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null && { echo $$p; break; }; done))
endif

.PHONY: run test test-main test-311 lint unit bench setup system-deps clean dist dist-test catalogues \
	soak lock lock-upgrade

run: setup
	$(VENV)/bin/wrac open --demo

# The newest Python whole (lint, mypy, unit suite, frozen bundle), then Python 3.11's lint, mypy
# and unit suite: its own lock and PySide6 6.11. The bundle is built once, from the first line.
test: test-main test-311

test-main: setup lint unit dist-test
	@echo "==> Python $(PYTHON_VERSION) ($(VENV), $(LOCK)): lint, mypy, unit suite, frozen bundle: passed"

test-311:
ifneq ($(PYTHON311),)
	@$(MAKE) --no-print-directory VENV=.venv311 PYTHON=$(PYTHON311) PYTHON311= lint unit
	@echo "==> Python $$($(PYTHON311) -c 'import platform; print(platform.python_version())') (.venv311, requirements/py311.txt): lint, mypy, unit suite: passed"
else ifeq ($(filter 3.11.%,$(PYTHON_VERSION)),)
	@echo "==> no Python 3.11 found: the 3.11 line was not tested"
endif

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so its
# module-scoped fixtures (a demo register, a rendered PDF) are built once. `make unit WORKERS=0`
# runs in one process.
WORKERS ?= auto
unit: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(WORKERS) --dist loadfile

lint: setup
	$(VENV)/bin/ruff check wrac_desktop tests benchmarks installer
	$(VENV)/bin/ruff format --check wrac_desktop tests benchmarks installer
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache --no-logo  # the layer contracts in pyproject.toml

bench: setup dist
	@scripts/system-deps.sh bench
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Long randomised runs (issue 23), one command a line; each prints what it tried and how many
# cases failed, and fails the target if any did. The crash run kills each of import, merge,
# approve, revise and export (PDF, XLSX) 60 times at random points; the disk-full run gives
# import, merge, approve and revise 40 runs each on a disk with a random amount of room left
# (seeds printed); the fuzz run sends 10,000 generated and hostile worksheets and register
# files through wrac (tests/fuzz/).
soak: setup
	$(PY) -m tests.crash_kills --kills 60
	$(PY) -m tests.disk_full_soak --runs 40
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.fuzz.soak --cases 10000
	$(PY) -m tests.tamper_campaign --edits 200
	$(PY) -m tests.tamper_campaign --edits 200 --engine postgres

setup: system-deps $(STAMP)

# The frozen one-folder app (issue 9): dist/wrac/, rebuilt when a source it bundles changed.
BUNDLE := dist/wrac/wrac
BUNDLED := pyproject.toml $(LOCK) $(shell find wrac_desktop resources installer -type f -not -path '*/__pycache__/*')

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

# Exactly the locked versions (hash-checked, nothing resolved here), then the package itself,
# built with the locked setuptools. A lock older than pyproject.toml fails tests/unit/test_locks.py.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "WRAC Desktop needs Python 3.11 or newer")'
	$(PYTHON) -m venv --clear $(VENV)  # --clear: no packages left from another Python
	$(PY) -m pip install -q --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Rewrite requirements/*.txt after changing pyproject.toml's dependencies: pins already there
# stay unless pyproject.toml rules them out. `make lock-upgrade` moves every pin to the newest.
lock:
	@test -x $(VENV)/bin/uv || $(MAKE) --no-print-directory setup
	$(PY) installer/locks.py

lock-upgrade:
	@test -x $(VENV)/bin/uv || $(MAKE) --no-print-directory setup
	$(PY) installer/locks.py --upgrade

clean:
	rm -rf $(VENV) .venv311 build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache artifacts
