# The handbook's commands. README.md explains each one; `make build` and `make test` are all a newcomer needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   := site
# `make lock` and `make audit` run from their own environment, so their packages never mix with the site's.
TOOLS  := .venv-tools
LOCKS  := requirements/runtime.txt requirements/test.txt requirements/dev.txt requirements/bench.txt requirements/tools.txt

# Material for MkDocs prints an end-of-life banner on every build. We know: see README, "Stack".
export NO_MKDOCS_2_WARNING := 1
# pip: no version nag, no progress bars in logs.
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_PROGRESS_BAR := off
# Only `make serve` builds one language; a value left in the shell must not reach a real build.
unexport HANDBOEK_ONLY_LANGUAGE

.PHONY: build serve test check check-online release bench translated status language clean prereqs help pre-commit lock audit

help:
	@echo "make build         set up .venv, build the site and PDFs into $(SITE)/"
	@echo "make test          set up .venv with test tools and run every test"
	@echo "make serve         preview the Dutch pages at http://127.0.0.1:8000/ while you edit"
	@echo "                   (PREVIEW=en: the English pages, PREVIEW=all: both languages)"
	@echo "make check         content checks only (no PDFs), in seconds"
	@echo "make check-online  also check external links (needs internet)"
	@echo "make translated FILE=docs/en/page.md   mark a translation as up to date"
	@echo "make status        translation status of every page"
	@echo "make language LANG=pl   start a new language from the English pages, to translate"
	@echo "make release       build for publication; refuses example settings"
	@echo "make bench         measurements, written to benchmarks/results.md"
	@echo "make pre-commit    check your changes before every commit (editors working locally)"
	@echo "make lock          after changing pyproject.toml: resolve requirements/*.txt again"
	@echo "                   (UPGRADE=name: also update that package, UPGRADE=all: every package)"
	@echo "make audit         look up known vulnerabilities of every locked package (needs internet)"

prereqs:
	@scripts/check-prereqs $(PYTHON)

# The virtual environment, installed from the lock files: every package, also the ones our packages need,
# at the version that was tested and checked against its hash. The handbook itself comes from src/ without
# any further download (setuptools, its build backend, is in the lock too).
$(VENV)/.installed: pyproject.toml requirements/runtime.txt | prereqs
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the handbook's tools into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet --require-hashes -r requirements/runtime.txt
	@$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	@echo "Installing the test tools into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test requirements/bench.txt
	@$(BIN)/python -m pip install --quiet --require-hashes -r requirements/bench.txt
	@touch $@

$(TOOLS)/.installed: requirements/tools.txt | prereqs
	@test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/python -m pip install --quiet --require-hashes -r requirements/tools.txt
	@touch $@

build: $(VENV)/.installed
	@$(BIN)/mkdocs build --strict --site-dir $(SITE)
	@echo "Done: open $(SITE)/index.html through a web server, e.g. 'make serve' or 'python3 -m http.server -d $(SITE)'."

# A preview builds one language, so that a saved page shows within a second (benchmarks/results.md).
PREVIEW ?= nl
serve: $(VENV)/.installed
	@test "$(PREVIEW)" = all -o -d "docs/$(PREVIEW)" || { echo "PREVIEW=$(PREVIEW): not a choice — use PREVIEW=all or a language folder in docs/, e.g. PREVIEW=en"; exit 2; }
	@echo "Preview of '$(PREVIEW)'. Other choices: make serve PREVIEW=en, make serve PREVIEW=all (both languages)."
	@$(if $(filter all,$(PREVIEW)),,HANDBOEK_ONLY_LANGUAGE=$(PREVIEW)) $(BIN)/mkdocs serve

check: $(VENV)/.installed
	@HANDBOEK_PDF=false $(BIN)/mkdocs build --strict --site-dir .cache/check-site

check-online: check
	@$(BIN)/handboek check-online --site .cache/check-site

release: $(VENV)/.installed
	@$(BIN)/handboek release-check
	@$(MAKE) --no-print-directory build

# Tests run in as many processes as there are cores (pytest-xdist); the builds they share are made once.
test: $(VENV)/.installed-test
	@$(BIN)/python -m pytest -n auto --dist loadscope

bench: $(VENV)/.installed-bench
	@$(BIN)/python benchmarks/run.py

translated: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Say which translation: make translated FILE=docs/en/signalen.md"; exit 2; }
	@$(BIN)/handboek translated $(FILE)

status: $(VENV)/.installed
	@$(BIN)/handboek status

language: $(VENV)/.installed
	@test -n "$(LANG)" || { echo "Say which language: make language LANG=pl"; exit 2; }
	@$(BIN)/handboek language $(LANG)

pre-commit: $(VENV)/.installed requirements/dev.txt
	@$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	@$(BIN)/pre-commit install
	@echo "Done: every commit now runs the checks in .pre-commit-config.yaml."

# pyproject.toml says what the handbook needs; the lock files say exactly what gets installed.
lock: $(TOOLS)/.installed
	@scripts/lock $(UPGRADE)

# Needs the advisory database on the internet, so it runs on a schedule (.gitlab-ci.yml, .github/workflows/),
# never in `make test`. --strict: a package that could not be looked up fails the audit instead of passing it.
audit: $(TOOLS)/.installed
	@$(TOOLS)/bin/pip-audit --disable-pip --require-hashes --strict --progress-spinner off $(addprefix -r ,$(LOCKS))

clean:
	rm -rf $(SITE) .cache .pytest_cache
