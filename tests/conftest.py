"""Shared fixtures: real builds of the handbook, as a user runs them."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
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


def carry_pdf_cache(project: Path) -> None:
    """Give a copy the PDFs the checkout has in its cache, as a CI runner carries its cache over: the copy renders
    only the PDFs whose inputs it changed. Hard links: nothing is copied."""
    cached, target = ROOT / ".cache" / "handboek" / "pdf", project / ".cache" / "handboek" / "pdf"
    shutil.copytree(cached, target, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link, or a copy where the temporary folder is on another file system."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def pdf_pages(source: Path | bytes) -> list[str]:
    """The text of each page of a PDF, in the order it was written (pdfium: fast, also for the whole handbook)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(source)
    try:
        # pdfium marks a hyphen where a word breaks across lines with U+FFFE.
        return [page.get_textpage().get_text_range().replace("\ufffe", "-") for page in document]
    finally:
        document.close()


def pdf_sizes(source: Path | bytes) -> list[tuple[float, float]]:
    """The width and height in points of each page of a PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(source)
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()


def pdf_text(source: Path | bytes) -> str:
    """The text of a PDF on one line, every run of white space one space."""
    return " ".join(" ".join(pdf_pages(source)).split())


def smallest_text(source: Path | bytes) -> float:
    """The size in points of the smallest visible character of a PDF, as printed (font size times its scale)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium

    document, matrix, sizes = pypdfium2.PdfDocument(source), pdfium.FS_MATRIX(), []
    try:
        for page in document:
            text = page.get_textpage()
            for index in range(text.count_chars()):
                if chr(pdfium.FPDFText_GetUnicode(text.raw, index)).strip():
                    pdfium.FPDFText_GetMatrix(text.raw, index, ctypes.byref(matrix))
                    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                    sizes.append(pdfium.FPDFText_GetFontSize(text.raw, index) * scale)
    finally:
        document.close()
    return min(sizes)


# Review dates are checked against this day, so that the suite does not turn red by itself a year from
# now; the overdue warning is tested on purpose in test_checks.py.
TODAY = "2026-11-28"


def shared_build(name: str, tmp_path_factory: pytest.TempPathFactory, make: Callable[[Path], Build]) -> Build:
    """A build made once per test run, also when the tests run in several processes (pytest-xdist)."""
    base = tmp_path_factory.getbasetemp()
    folder = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base    # the folder all workers share
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)        # the first process builds; the others wait, then read its result
        result = folder / f"{name}.json"
        if result.is_file():
            made = json.loads(result.read_text(encoding="utf-8"))
            return Build(site=Path(made["site"]), returncode=made["returncode"], output=made["output"])
        build = make(folder / name / "site")
        result.write_text(json.dumps({**asdict(build), "site": str(build.site)}), encoding="utf-8")
        return build


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped handbook with the demo municipality, PDFs included."""
    return shared_build("demo", tmp_path_factory, lambda site: run_build(ROOT, site, today=TODAY))


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The handbook with the second municipality (tests/fixtures/testwijk), PDFs included."""
    return shared_build("testwijk", tmp_path_factory,
                        lambda site: run_build(ROOT, site, settings=FIXTURE_SETTINGS, today=TODAY))


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project that a test may change."""
    return copy_project(tmp_path / "project")
