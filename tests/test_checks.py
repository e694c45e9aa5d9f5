"""Content checks for editors: one clear line per problem, as an editor sees it in `make check`."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY, Build, copy_project, run_build
from handboek.checks import built, engine_messages, links, readability
from handboek.model import pages, project
from handboek.pdf.products import KINDS

# Each broken line goes into docs/nl/jouw-rol.md, one per line, so each message can name its line.
BROKEN_LINES = {
    "internal": "Zie [deze pagina](bestaat-niet.md).",
    "anchor": "Zie [dit anker](signalen.md#bestaat-niet).",
    "cross": 'Lees <a href="../en/signalen/">de Engelse tekst</a>.',
    "tel": "Bel [0900 8844](tel:09008845).",
    "mailto": "Mail [ons](mailto:iemand@).",
    "http": "Zie [de politie](http://www.politie.nl/).",
    "alt": "![](../assets/huisstijl/logo.svg)",
    "shortcode": "<!-- md:bestaatniet -->",
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, int]]:
    """One build of a project with every kind of problem in it, and the line of each broken line."""
    project = copy_project(tmp_path_factory.mktemp("broken") / "project")
    page = project / "docs/nl/jouw-rol.md"
    text = page.read_text(encoding="utf-8")
    start = text.count("\n") + 2
    page.write_text(text + "\n" + "\n\n".join(BROKEN_LINES.values()) + "\n", encoding="utf-8")
    lines = {kind: start + 2 * index for index, kind in enumerate(BROKEN_LINES)}
    # A Dutch page without translation, listed in the nav.
    (project / "docs/nl/nieuw.md").write_text("---\nowner: Webbeheer\nlast_reviewed: 2026-11-01\n"
                                              "review_interval: 12 months\n---\n\n# Nieuw\n\nTekst.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - meer-leren.md\n", "  - meer-leren.md\n  - nieuw.md\n"),
                      encoding="utf-8")
    # A changed Dutch source: its translation is now outdated.
    signals = project / "docs/nl/signalen.md"
    signals.write_text(signals.read_text(encoding="utf-8") + "\nEen nieuwe zin.\n", encoding="utf-8")
    # Review fields: one page without owner, one overdue.
    minors = project / "docs/nl/minderjarigen.md"
    minors.write_text(minors.read_text(encoding="utf-8").replace("owner: Aandachtsfunctionaris mensenhandel\n", ""),
                      encoding="utf-8")
    more = project / "docs/nl/meer-leren.md"
    more.write_text(re.sub(r"last_reviewed: \S+", "last_reviewed: 2025-01-15", more.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")
    # A source read too long ago (the first one read on 2026-11-01).
    sources = project / "data/sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("read_on: 2026-11-01", "read_on: 2025-06-01", 1), encoding="utf-8")
    return run_build(project, project / "site", pdf=False, today=TODAY), lines


def line_for(build: Build, start: str) -> str:
    """The one output line that starts with `start`."""
    found = [line for line in build.output.splitlines() if line.startswith(start)]
    assert len(found) == 1, (start, build.output)
    return found[0]


def test_the_broken_build_fails_with_a_summary_and_no_traceback(broken: tuple[Build, dict[str, int]]) -> None:
    build, _ = broken
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert re.search(r"^Checks: \d+ errors, \d+ warnings$", build.output, re.MULTILINE)
    problem_lines = [line for line in build.output.splitlines() if re.match(r"^(docs|data|mkdocs\.yml)\S*:\d+: ", line)]
    assert all(" — " in line for line in problem_lines)
    assert not [line for line in build.output.splitlines() if line.startswith(("WARNING", "ERROR"))], build.output


def test_broken_internal_link(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['internal']}: link 'bestaat-niet.md'")
    assert "does not exist — correct the file name" in line


def test_missing_anchor(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['anchor']}: link 'signalen.md#bestaat-niet'")
    assert "'#bestaat-niet', which is not a heading on nl/signalen.md — use the id of an existing heading" in line


def test_cross_language_link(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['cross']}: link '../en/signalen/'")
    assert "from this 'nl' page to the 'en' version" in line and "only the language selector switches" in line


def test_bad_tel_link(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['tel']}: the link 'tel:09008845'")
    assert "dials another number than the text '0900 8844' shows" in line


def test_bad_mailto_link(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['mailto']}: 'mailto:iemand@' is not a valid e-mail link")
    assert "— write it like mailto:" in line


def test_http_link(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['http']}: 'http://www.politie.nl/' is not a secure (https) link")
    assert "use the https:// address" in line


def test_image_without_alt_text(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['alt']}: image ")
    assert "has no alt text — describe the image" in line


def test_unknown_shortcode(broken: tuple[Build, dict[str, int]]) -> None:
    build, lines = broken
    line = line_for(build, f"docs/nl/jouw-rol.md:{lines['shortcode']}: unknown shortcode 'md:bestaatniet'")
    assert "use one of: " in line and "signals" in line


def test_missing_translation(broken: tuple[Build, dict[str, int]]) -> None:
    build, _ = broken
    line = line_for(build, "docs/nl/nieuw.md:1: this page has no 'en' translation (docs/en/nieuw.md)")
    assert "make translated FILE=docs/en/nieuw.md" in line
    assert "nieuw.md' is included in the 'nav'" not in build.output, "MkDocs' own nav warning is folded into it"


def test_outdated_translation_is_a_warning(broken: tuple[Build, dict[str, int]]) -> None:
    build, _ = broken
    line = line_for(build, "docs/en/signalen.md:")
    assert ": warning: the translation is outdated: docs/nl/signalen.md changed since it was translated" in line
    assert "make translated FILE=docs/en/signalen.md" in line


def test_missing_review_field(broken: tuple[Build, dict[str, int]]) -> None:
    build, _ = broken
    line = line_for(build, "docs/nl/minderjarigen.md:")
    assert "owner is missing — add it, for example owner:" in line


def test_overdue_page_is_a_warning(broken: tuple[Build, dict[str, int]]) -> None:
    build, _ = broken
    line = line_for(build, "docs/nl/meer-leren.md:")
    assert "warning: the page was due for review on 2026-01-15" in line


def test_a_source_read_too_long_ago_is_a_warning(broken: tuple[Build, dict[str, int]]) -> None:
    build, _ = broken
    line = line_for(build, "data/sources.yml:")
    assert re.search(r"^data/sources\.yml:\d+: warning: source '[a-z-]+' was last read on 2025-06-01, more than 12 "
                     r"months ago — read it again and check every fact that cites it", line)


def test_overdue_page_shows_it_to_the_reader(broken: tuple[Build, dict[str, int]]) -> None:
    build, _ = broken
    page = (build.site / "meer-leren/index.html").read_text(encoding="utf-8")
    assert "moest deze pagina uiterlijk 15 januari 2026 opnieuw controleren" in page
    assert "Laatst gecontroleerd op 15 januari 2025" in page


def test_clean_handbook_passes_the_checks(demo_build: Build) -> None:
    assert demo_build.returncode == 0
    assert "Checks:" not in demo_build.output


def test_make_check_runs_without_pdfs_and_reports_clean() -> None:
    result = subprocess.run(["make", "--no-print-directory", "check"], cwd=ROOT, capture_output=True, text=True,
                            env={**__import__("os").environ, "HANDBOEK_TODAY": TODAY})
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list((ROOT / ".cache/check-site").rglob("*.pdf"))


def test_every_page_shows_when_it_was_last_reviewed(demo_build: Build) -> None:
    import datetime as dt

    from handboek.model.review import long_date

    for lang, page, words in (("nl", "signalen", "Laatst gecontroleerd op"), ("en", "en/signalen", "Last reviewed on")):
        front = (ROOT / "docs" / lang / "signalen.md").read_text(encoding="utf-8")
        day = dt.date.fromisoformat(re.search(r"last_reviewed: (\S+)", front).group(1))
        assert f"{words} {long_date(day, lang)}" in demo_build.page(page)
    assert "Last reviewed on 30 November 2026" in demo_build.page("en/signalen"), "British dates in English"


def test_strict_is_never_combined_with_verbose() -> None:
    for path in [ROOT / "Makefile", ROOT / ".ci/run", *ROOT.glob(".github/workflows/*.yml"), *ROOT.glob(".gitlab-ci.yml")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"mkdocs (build|serve)[^\n]*(--strict[^\n]*(-v\b|--verbose)|(-v\b|--verbose)[^\n]*--strict)",
                             text), path


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_front_matter_gives_problems_never_a_crash(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    file = tmp_path_factory.mktemp("page") / "x.md"
    file.write_text(f"---\n{text}\n---\n# Titel\n", encoding="utf-8")
    page, problems = pages.read(file, "nl", "x.md", "docs/nl/x.md")
    assert all(p.path == "docs/nl/x.md" and p.line >= 1 and " — " in str(p) for p in problems)
    assert (page.meta is None) == bool(problems), "a page is either valid or has messages"


urls = st.one_of(st.text(max_size=60), st.sampled_from(["tel:", "mailto:", "http://", "https://", "../", "#", "?", "//"])
                 .flatmap(lambda prefix: st.text(max_size=40).map(lambda rest: prefix + rest)))


@settings(max_examples=300, deadline=None)
@given(hrefs=st.lists(urls, max_size=8), texts=st.lists(st.text(max_size=20), max_size=8))
def test_any_link_target_gives_problems_never_a_crash(hrefs: list[str], texts: list[str]) -> None:
    page = pages.Page("nl", "signalen.md", "docs/nl/signalen.md", "\n".join(hrefs), "", 1, None, None)
    found = [links.Link("a", href, texts[i] if i < len(texts) else "", in_content=True)
             for i, href in enumerate(hrefs)]
    found.append(links.Link("img", hrefs[0] if hrefs else "", "", in_content=True, alt=None))
    local, internal = links.page_problems(page, "signalen/index.html", found, "\n".join(hrefs))
    between = links.internal_problems(page, internal, {"signalen/index.html": set()},
                                      {"index.html", "signalen/index.html"}, ["nl", "en"], "nl")
    for problem in local + between:
        assert problem.path == "docs/nl/signalen.md" and problem.line >= 1 and problem.fix


@settings(max_examples=200, deadline=None)
@given(message=st.text(max_size=200), link=st.text(max_size=30))
def test_any_engine_message_is_converted_or_left_alone(message: str, link: str) -> None:
    nowhere = SimpleNamespace(root=Path("/nonexistent"), docs_dir=Path("/nonexistent/docs"), translations=[])
    for text in (message, f"Doc file 'nl/x.md' contains a link '{link}', but the target is not found among "
                          "documentation files."):
        found = engine_messages.problems(text, nowhere, Path("/nonexistent/mkdocs.yml"), "nl")
        assert found is None or all(p.path.startswith(("docs/", "mkdocs.yml")) and " — " in str(p) for p in found)


def _checked(site: Path, tmp_path: Path, change: str) -> list[str]:
    """The problems the checks find in a copy of a built site, after `change` is put into its signals page."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "signalen" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", change + "</article>", 1), encoding="utf-8")
    current, _ = project.load(ROOT, "municipality.yml", "data", "docs", ["nl", "en"], "nl", KINDS)
    # The change is raw HTML, as written in the page: not a Markdown link that MkDocs checked already.
    return [str(problem) for problem in built.problems(current, copy, {("nl", "signalen.md"): change}, None, set())]


def test_the_checks_read_every_built_page_once_and_report_what_is_wrong(demo_build: Build, tmp_path: Path) -> None:
    broken = ('<a href="../nergens/">kapot</a> <a href="http://example.org/">onveilig</a> '
              '<a href="../wat-te-doen/#bestaat-niet">anker</a> <img src="../assets/images/geen.png">')
    wordy = "".join(f"<p>{' '.join(['Deze zin is veel te lang voor een baliemedewerker'] * 8)} {i}.</p>"
                    for i in range(6))
    found = _checked(demo_build.site, tmp_path, broken + wordy)
    messages = " | ".join(found)
    for expected in ("'../nergens/' points to 'nergens/index.html', which is not in the built site",
                     "'http://example.org/' is not a secure (https) link", "'#bestaat-niet', which is not on that page",
                     "image '../assets/images/geen.png' has no alt text", "above language level B1"):
        assert expected in messages
    assert all(line.startswith("docs/nl/signalen.md:") for line in found), messages


def test_a_page_the_checks_cannot_read_is_one_problem_not_a_crash(demo_build: Build, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> list:
        raise ValueError("unexpected markup")

    monkeypatch.setattr(readability, "problems", broken)
    found = _checked(demo_build.site, tmp_path, "")
    assert "docs/nl/signalen.md:1: the checks could not read this page (unexpected markup) — look at the built page; " \
           "if it looks right, report this as a bug" in found
