"""Shared fixtures: real builds of the handbook, as a user runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SETTINGS = ROOT / "tests" / "fixtures" / "testwijk" / "municipality.yml"
PROJECT_PARTS = ("mkdocs.yml", "municipality.yml", "docs", "data", "overrides", "hooks")
LANGUAGES = ("nl", "en")


@dataclass
class Build:
    """The result of one `mkdocs build --strict`."""

    site: Path
    returncode: int
    output: str

    def page(self, path: str) -> str:
        """The HTML of a built page, e.g. `signalen/` or `en/signalen/`."""
        return (self.site / path / "index.html").read_text(encoding="utf-8")

    def html_files(self) -> list[Path]:
        """Every built page."""
        return sorted(self.site.rglob("*.html"))


def run_build(project: Path, site: Path, *, settings: Path | None = None, pdf: bool = True,
              today: str | None = None, only_language: str | None = None) -> Build:
    """Build the project in `project` into `site`, as `make build` does (or one language, as `make serve`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOEK_PDF": "true" if pdf else "false"}
    env.pop("HANDBOEK_SETTINGS", None)
    env.pop("HANDBOEK_ONLY_LANGUAGE", None)
    if only_language is not None:
        env["HANDBOEK_ONLY_LANGUAGE"] = only_language
    if settings is not None:
        env["HANDBOEK_SETTINGS"] = str(settings)
    if today is not None:
        env["HANDBOEK_TODAY"] = today
    process = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                              "-d", str(site)], capture_output=True, text=True, env=env, cwd=project)
    return Build(site=site, returncode=process.returncode, output=process.stdout + process.stderr)


def copy_project(target: Path) -> Path:
    """A copy of the editable parts of the project, to change in a test."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


# Review dates are checked against this day, so that the suite does not turn red by itself a year from
# now; the overdue warning is tested on purpose in test_checks.py.
TODAY = "2026-11-28"


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped handbook with the demo municipality, PDFs included."""
    return run_build(ROOT, tmp_path_factory.mktemp("demo") / "site", today=TODAY)


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The handbook with the second municipality (tests/fixtures/testwijk), PDFs included."""
    return run_build(ROOT, tmp_path_factory.mktemp("testwijk") / "site", settings=FIXTURE_SETTINGS, today=TODAY)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project that a test may change."""
    return copy_project(tmp_path / "project")
