# The handbook's commands. README.md explains each one; `make build` and `make test` are all a newcomer needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   := site

# Material for MkDocs prints an end-of-life banner on every build. We know: see README, "Stack".
export NO_MKDOCS_2_WARNING := 1
# pip: no version nag, no progress bars in logs.
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_PROGRESS_BAR := off
# Only `make serve` builds one language; a value left in the shell must not reach a real build.
unexport HANDBOEK_ONLY_LANGUAGE

.PHONY: build serve test check check-online release bench translated status clean prereqs help pre-commit

help:
	@echo "make build         set up .venv, build the site and PDFs into $(SITE)/"
	@echo "make test          set up .venv with test tools and run every test"
	@echo "make serve         preview the Dutch pages at http://127.0.0.1:8000/ while you edit"
	@echo "                   (PREVIEW=en: the English pages, PREVIEW=all: both languages)"
	@echo "make check         content checks only (no PDFs), in seconds"
	@echo "make check-online  also check external links (needs internet)"
	@echo "make translated FILE=docs/en/page.md   mark a translation as up to date"
	@echo "make status        translation status of every page"
	@echo "make release       build for publication; refuses example settings"
	@echo "make bench         measurements, written to benchmarks/results.md"
	@echo "make pre-commit    check your changes before every commit (editors working locally)"

prereqs:
	@scripts/check-prereqs $(PYTHON)

# The virtual environment, installed once and again when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | prereqs
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the handbook's tools into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "Installing the test tools into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet --editable ".[test]"
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test
	@$(BIN)/python -m pip install --quiet --editable ".[bench]"
	@touch $@

build: $(VENV)/.installed
	@$(BIN)/mkdocs build --strict --site-dir $(SITE)
	@echo "Done: open $(SITE)/index.html through a web server, e.g. 'make serve' or 'python3 -m http.server -d $(SITE)'."

# A preview builds one language, so that a saved page shows within a second (benchmarks/results.md).
PREVIEW ?= nl
serve: $(VENV)/.installed
	@case "$(PREVIEW)" in nl|en|all) ;; *) echo "PREVIEW=$(PREVIEW): not a choice — use PREVIEW=nl, PREVIEW=en or PREVIEW=all"; exit 2;; esac
	@echo "Preview of '$(PREVIEW)'. Other choices: make serve PREVIEW=en, make serve PREVIEW=all (both languages)."
	@$(if $(filter all,$(PREVIEW)),,HANDBOEK_ONLY_LANGUAGE=$(PREVIEW)) $(BIN)/mkdocs serve

check: $(VENV)/.installed
	@HANDBOEK_PDF=false $(BIN)/mkdocs build --strict --site-dir .cache/check-site

check-online: check
	@$(BIN)/handboek check-online --site .cache/check-site

release: $(VENV)/.installed
	@$(BIN)/handboek release-check
	@$(MAKE) --no-print-directory build

test: $(VENV)/.installed-test
	@$(BIN)/python -m pytest

bench: $(VENV)/.installed-bench
	@$(BIN)/python benchmarks/run.py

translated: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Say which translation: make translated FILE=docs/en/signalen.md"; exit 2; }
	@$(BIN)/handboek translated $(FILE)

status: $(VENV)/.installed
	@$(BIN)/handboek status

pre-commit: $(VENV)/.installed
	@$(BIN)/python -m pip install --quiet --editable ".[dev]"
	@$(BIN)/pre-commit install
	@echo "Done: every commit now runs the checks in .pre-commit-config.yaml."

clean:
	rm -rf $(SITE) .cache .pytest_cache
