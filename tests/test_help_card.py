"""The help card for the person: every language as PDFs, what its sides show, its checks and its release gate."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pikepdf
import pypdfium2
from PIL import Image
import pytest
import yaml
import zxingcpp

from conftest import ROOT, Build, pdf_pages, run_build, smallest_text

MM = 72 / 25.4
CARDS = sorted(path.stem for path in (ROOT / "data" / "help-card").glob("*.yml"))
QR_URL = next(source["url"] for source in yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
              ["sources"] if source["id"] == "government-forced-prostitution")
CONCEPT = "CONCEPT — vertaling niet gecontroleerd"


def card_pdf(build: Build, code: str, sheet: bool = False) -> Path:
    """A help card PDF of a build, under the Dutch file name."""
    return build.site / "downloads" / f"hulpkaartje-{code}{'-a4' if sheet else ''}.pdf"


def box(page: pikepdf.Page, name: str) -> list[float]:
    """A page box in points."""
    return [float(v) for v in page.obj[name]]


def test_the_shipped_translations_are_all_there() -> None:
    assert {"nl", "en", "pl", "ro", "bg", "hu", "uk", "es", "ar"} <= set(CARDS)


@pytest.mark.parametrize("code", CARDS)
def test_every_language_is_a_two_page_card_with_trim_bleed_and_an_a4_sheet(demo_build: Build, code: str) -> None:
    """The demo settings leave help_card out, so the demo prints every language."""
    build = demo_build
    assert build.returncode == 0, build.output
    with pikepdf.open(card_pdf(build, code)) as pdf:
        assert len(pdf.pages) == 2, "front and back, nothing overflows onto a third page"
        assert str(pdf.Root.Lang) == code
        for page in pdf.pages:
            x0, y0, x1, y1 = box(page, "/TrimBox")
            assert (x1 - x0, y1 - y0) == pytest.approx((85 * MM, 55 * MM), abs=0.1)
            bx0, by0, bx1, by1 = box(page, "/BleedBox")
            assert (x0 - bx0, y0 - by0, bx1 - x1, by1 - y1) == pytest.approx((3 * MM,) * 4, abs=0.1)
    with pikepdf.open(card_pdf(build, code, sheet=True)) as pdf:
        assert len(pdf.pages) == 2
        x0, y0, x1, y1 = box(pdf.pages[0], "/MediaBox")
        assert (x1 - x0, y1 - y0) == pytest.approx((210 * MM, 297 * MM), abs=0.5)
    fronts, backs = pdf_pages(card_pdf(build, code, sheet=True))
    assert fronts.count("Gemeente Voorbeeld") == 10 and backs.count("CoMensha") == 10, "ten cards on each side"
    assert smallest_text(card_pdf(build, code)) >= 6.99
    assert (build.site / "downloads" / f"hulpkaartje-{code}.png").is_file()


def test_the_card_shows_the_sourced_facts_and_the_gemeentes_care_coordinator(fixture_build: Build) -> None:
    front, back = (" ".join(page.split()) for page in pdf_pages(card_pdf(fixture_build, "nl")))
    assert "Handige nummers" in front and "112" in front and "Gemeente Testwijk" in front
    for needle in ("033 448 11 86", "ma–vr 09:00–17:00", "chatmetfier.nl", "fairwork.nu", "0800-7000",
                   "Zorgcoördinatie Testregio 06 12345678"):
        assert needle in back, needle
    assert "0900" not in front + back, "the police number costs money and is not anonymous: not on the card"
    assert not re.search(r"geheim|vertrouwelijk", front + back, re.IGNORECASE), "no promise of secrecy"


def test_the_front_of_the_dutch_card_is_neutral(fixture_build: Build) -> None:
    front = pdf_pages(card_pdf(fixture_build, "nl"))[0].lower()
    for word in ("prostitutie", "uitbuiting", "mensenhandel"):
        assert word not in front


def test_the_qr_code_opens_the_sourced_page_not_the_intranet(fixture_build: Build, demo_build: Build) -> None:
    for build, code in ((fixture_build, "nl"), (demo_build, "ar")):
        page = pypdfium2.PdfDocument(card_pdf(build, code))[0]
        decoded = [result.text for result in zxingcpp.read_barcodes(page.render(scale=600 / 72).to_pil())]
        assert decoded == [QR_URL], (code, decoded)


def test_concept_mark_on_unreviewed_translations_only(fixture_build: Build, demo_build: Build) -> None:
    assert CONCEPT not in " ".join(pdf_pages(card_pdf(fixture_build, "nl")))
    for page in pdf_pages(card_pdf(demo_build, "pl")):
        assert CONCEPT in " ".join(page.split())
    assert "VOORBEELD" in pdf_pages(card_pdf(demo_build, "nl"))[0]
    assert "VOORBEELD" not in " ".join(pdf_pages(card_pdf(fixture_build, "nl")))


def test_arabic_is_right_to_left_with_its_font_embedded(demo_build: Build) -> None:
    with pikepdf.open(card_pdf(demo_build, "ar")) as pdf:
        fonts = {str(part.FontDescriptor.FontName) for page in pdf.pages
                 for font in page.obj.Resources.Font.values() for part in font.get("/DescendantFonts", [font])}
        assert any("Noto-Sans-Arabic" in name for name in fonts), fonts
        for page in pdf.pages:
            for font in page.obj.Resources.Font.values():
                for part in font.get("/DescendantFonts", [font]):
                    assert "/FontFile2" in part.FontDescriptor or "/FontFile3" in part.FontDescriptor
    html = (demo_build.site / "hulpkaartje" / "index.html").read_text(encoding="utf-8")
    assert '<h3 lang="ar" dir="rtl">العربية</h3>' in html


def test_the_page_lists_every_language_with_preview_pdfs_and_review_state(demo_build: Build, fixture_build: Build) -> None:
    only_dutch = fixture_build.page("hulpkaartje")
    assert 'id="help-card-nl"' in only_dutch and 'id="help-card-pl"' not in only_dutch, "help_card.languages: [nl]"
    assert not (fixture_build.site / "downloads" / "hulpkaartje-pl.pdf").exists()
    for path, not_reviewed in (("hulpkaartje/", "Nog niet gecontroleerd"), ("en/hulpkaartje/", "Not reviewed yet")):
        html = (demo_build.site / path / "index.html").read_text(encoding="utf-8")
        for code in CARDS:
            section = html.split(f'id="help-card-{code}"', 1)[1].split("</section>", 1)[0]
            for target in (f"hulpkaartje-{code}.png", f"hulpkaartje-{code}.pdf", f"hulpkaartje-{code}-a4.pdf"):
                assert f"downloads/{target}" in section, (path, code, target)
            assert (not_reviewed in section) == (code != "nl"), (path, code)
    downloads = (demo_build.site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="../hulpkaartje/"' in downloads


def test_the_preview_shows_the_card_as_cut_without_bleed_or_crop_marks(demo_build: Build) -> None:
    """The preview is the front page cut at its trim box: the same pixels as the whole page, cut in image space."""
    from handboek.pdf.render import PREVIEW_DPI

    scale = PREVIEW_DPI / 72
    for code in ("nl", "ar"):
        preview = Image.open(demo_build.site / "downloads" / f"hulpkaartje-{code}.png").convert("L")
        assert abs(preview.width / preview.height - 85 / 55) < 0.02, (code, preview.size)
        page = pypdfium2.PdfDocument(card_pdf(demo_build, code))[0]
        whole = page.render(scale=scale).to_pil().convert("L")
        (media_left, _, _, media_top), (left, _, _, top) = page.get_mediabox(), page.get_trimbox()
        x, y = round((left - media_left) * scale), round((media_top - top) * scale)
        cut = whole.crop((x, y, x + preview.width, y + preview.height))
        differing = sum(abs(a - b) > 64 for a, b in zip(cut.tobytes(), preview.tobytes(), strict=True))
        assert differing < preview.width * preview.height / 200, (code, "the preview is not the card as cut")


def _release(project: Path) -> subprocess.CompletedProcess:
    """`handboek release-check` on a copy of the project with the second municipality's settings."""
    env = {**os.environ, "HANDBOEK_SETTINGS": str(project / "tests-settings.yml")}
    return subprocess.run([sys.executable, "-m", "handboek.cli", "release-check"], capture_output=True, text=True,
                          env=env, cwd=project)


def _with_settings(project: Path, languages: list[str]) -> None:
    """The second municipality's settings, printing these card languages."""
    text = (ROOT / "tests" / "fixtures" / "testwijk" / "municipality.yml").read_text(encoding="utf-8")
    text = re.sub(r"^help_card:.*?(?=^\S|\Z)", "", text, flags=re.MULTILINE | re.DOTALL)
    text = text.replace("logo: logo.png", f"logo: {ROOT}/tests/fixtures/testwijk/logo.png")
    text = text.replace("../../../src/", f"{ROOT}/src/")
    (project / "tests-settings.yml").write_text(text + f"help_card:\n  languages: [{', '.join(languages)}]\n",
                                                encoding="utf-8")


def test_release_refuses_an_unreviewed_card_language_and_accepts_it_once_reviewed(project: Path) -> None:
    _with_settings(project, ["nl", "pl"])
    run = _release(project)
    mark = "make translated FILE=data/help-card/pl.yml; or leave pl out of help_card.languages in municipality.yml"
    line = ("data/help-card/pl.yml:5: help card in Polski is not reviewed — have a native speaker check it against "
            f"nl.yml, fill in reviewed_by and reviewed_on, then run: {mark}")
    assert run.returncode == 1 and line in run.stderr.splitlines(), run.stderr
    path = project / "data" / "help-card" / "pl.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('reviewed_by: ""', 'reviewed_by: "A. Kowalska"').replace('reviewed_on: ""',
                                                                                           "reviewed_on: 2027-01-15"),
                    encoding="utf-8")
    run = _release(project)
    assert run.returncode == 1 and ("data/help-card/pl.yml:5: help card in Polski: the review is not tied to a "
                                    f"version of nl.yml — after the review, run: {mark}") in run.stderr, run.stderr
    venv = ROOT / ".venv"        # the copy has none of its own
    marking = ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), f"VENV={venv}", "-o", f"{venv}/.installed",
               "translated", "FILE=data/help-card/pl.yml"]
    marked = subprocess.run(marking, capture_output=True, text=True, cwd=project)
    assert marked.returncode == 0, marked.stdout + marked.stderr
    run = _release(project)
    assert run.returncode == 0 and "help card" not in run.stderr, run.stderr
    # The Dutch text changes: the Polish review no longer covers it, until someone checks the change.
    source = project / "data" / "help-card" / "nl.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Handige nummers", "Nummers voor hulp"),
                      encoding="utf-8")
    run = _release(project)
    assert run.returncode == 1, run.stderr
    assert ("help card in Polski: the texts of nl.yml or of this file changed after A. Kowalska reviewed them — have "
            f"a native speaker check the changes, update reviewed_by and reviewed_on, then run: {mark}") in run.stderr
    # A comment is not a text: changing one needs no new review.
    subprocess.run([*marking], capture_output=True, text=True, cwd=project, check=True)
    source.write_text(source.read_text(encoding="utf-8").replace("\n", "\n# een opmerking\n", 1), encoding="utf-8")
    assert _release(project).returncode == 0
    # A copy of a reviewed file is a new, unreviewed language, even with the same words.
    copy = project / "data" / "help-card" / "fy.yml"
    copy.write_text(path.read_text(encoding="utf-8").replace("language: pl", "language: fy").replace(
        "name: Polski", "name: Frysk"), encoding="utf-8")
    _with_settings(project, ["nl", "fy"])
    assert "data/help-card/fy.yml:2: help card in Frysk: the texts of nl.yml or of this file changed" in \
        _release(project).stderr


def test_an_unknown_card_language_in_the_settings_names_the_available_ones(project: Path, tmp_path: Path) -> None:
    _with_settings(project, ["nl", "xx"])
    build = run_build(project, tmp_path / "site", settings=project / "tests-settings.yml", pdf=False,
                      only_language="nl")
    assert build.returncode == 1 and "Traceback" not in build.output
    assert re.search(r"tests-settings\.yml:\d+: help_card\.languages: there is no help card in 'xx' — use one of: "
                     r"ar, bg, en, .*nl", build.output), build.output


def test_a_character_no_font_has_stops_the_build_with_its_line(project: Path, tmp_path: Path) -> None:
    path = project / "data" / "help-card" / "en.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('title: "Useful numbers"', 'title: "Useful ሰላም"'),
                    encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False, only_language="nl")
    assert build.returncode == 1 and "Traceback" not in build.output
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "title:" in text)
    assert (f"data/help-card/en.yml:{line}: the character 'ሰ' (U+1230) is in no font of the help card — add a font "
            "that has it (see CONTRIBUTING.md)") in build.output, build.output


def test_a_wrong_key_in_a_language_file_is_one_line(project: Path, tmp_path: Path) -> None:
    path = project / "data" / "help-card" / "en.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  mon_fri:", "  monday_friday:"), encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False, only_language="nl")
    assert build.returncode == 1 and "Traceback" not in build.output
    assert re.search(r"data/help-card/en\.yml:\d+: texts\.monday_friday: unknown key 'monday_friday' — ", build.output)
    assert re.search(r"data/help-card/en\.yml:\d+: texts\.mon_fri is missing — ", build.output)


def test_a_language_added_as_one_file_is_on_the_page_and_printed(project: Path, tmp_path: Path) -> None:
    """No code: one file. The site lists it; the registry makes its two PDFs (rendered here through the registry,
    so that the test does not render every other PDF of a cold build as well)."""
    from handboek.model import project as loaded
    from handboek.pdf import publish, render
    from handboek.pdf.products import KINDS, outputs

    text = (ROOT / "data" / "help-card" / "en.yml").read_text(encoding="utf-8")
    (project / "data" / "help-card" / "fy.yml").write_text(
        text.replace("language: en", "language: fy").replace("name: English", "name: Frysk"), encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False, only_language="nl")
    assert build.returncode == 0, build.output
    assert '<h3 lang="fy" dir="ltr">Frysk</h3>' in build.page("hulpkaartje")
    current, _ = loaded.load(project, "municipality.yml", "data", "docs", ["nl", "en"], "nl", KINDS)
    made = {output.product.kind: output for output in outputs(current) if output.edition == "fy"}
    assert {kind: output.path for kind, output in made.items()} == {
        "help_card": "downloads/hulpkaartje-fy.pdf", "help_card_a4": "downloads/hulpkaartje-fy-a4.pdf"}
    source = publish.print_source(current, "nl")
    for output in made.values():
        edition = replace(source, card=current.help_cards.cards["fy"], facts=current.help_cards.facts)
        pages = pdf_pages(render.render(output.product.make(edition, output.path)))
        assert len(pages) == 2 and "Useful numbers" in pages[0], output.path


@pytest.mark.parametrize(("kind", "before", "after", "expected"), [
    ("help_card", 'file: "hulpkaartje-{language}.pdf"', 'file: "hulpkaartje.pdf"', "has no {language}"),
    ("card", "file: zakkaart.pdf", 'file: "zakkaart-{language}.pdf"', "has {language}, but there is one file"),
])
def test_a_file_name_that_would_mix_up_languages_is_one_line(tmp_path: Path, kind: str, before: str, after: str,
                                                             expected: str) -> None:
    import datetime as dt

    from handboek.model import content
    from handboek.pdf.products import KINDS
    from handboek.problems import ProblemsFound

    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    path = data / "nl" / "texts.yml"
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        content.load(data, ["nl", "en"], tmp_path, dt.date.today(), KINDS)
    messages = [str(problem) for problem in found.value.problems]
    line = text[:text.index(before)].count("\n") + 1
    assert messages == [m for m in messages if m.startswith(f"data/nl/texts.yml:{line}: downloads.{kind}.file {expected}")]
    assert len(messages) == 1, messages


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_downloads_page_lists_every_product_and_each_link_opens(demo_build: Build, prefix: str) -> None:
    """One item per PDF of this language, and one for the help card that opens its page; every link leads somewhere."""
    from lxml import html

    from handboek.pdf.products import KINDS

    folder = demo_build.site / prefix / "downloads"
    tree = html.document_fromstring((folder / "index.html").read_bytes())
    links = [a.get("href") for a in tree.xpath("//ul[contains(@class, 'downloads')]//a[@class='downloads__link']")]
    assert len(links) == sum(1 for per_edition in KINDS.values() if not per_edition) + 1, links
    assert "../hulpkaartje/" in links or "../../hulpkaartje/" in links, links
    for link in links:
        target = (folder / link).resolve()
        assert (target / "index.html" if link.endswith("/") else target).is_file(), link


def test_lines_for_dutch_readers_only_stay_off_the_other_cards(demo_build: Build) -> None:
    """Chat met Fier is for Dutch cards only (its languages are not sourced); the other lines are on every card."""
    back = " ".join(pdf_pages(card_pdf(demo_build, "pl"))[1].split())
    assert "chatmetfier.nl" not in back
    assert "033 448 11 86" in back and "0800-7000" in back and "fairwork.nu" in back
