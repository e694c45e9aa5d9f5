"""The printable PDFs: boxes a print shop expects, fonts, 7 pt, QR code, one source, overflow, cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import yaml
import zxingcpp
from PIL import Image

from conftest import (LANGUAGES, ROOT, TODAY, Build, carry_pdf_cache, pdf_pages, pdf_text, run_build,
                      smallest_text)
from handboek.pdf.products import KINDS, SITE_KINDS, outputs

MM = 72 / 25.4


def pdf_path(build: Build, lang: str, kind: str) -> Path:
    """Where a PDF is published: its file name is in the language's texts."""
    texts = yaml.safe_load((ROOT / "data" / lang / "texts.yml").read_text(encoding="utf-8"))
    return build.site / ("" if lang == "nl" else "en") / "downloads" / texts["downloads"][kind]["file"]


def signals(lang: str) -> dict:
    """The signals data of one language."""
    return yaml.safe_load((ROOT / "data" / lang / "signals.yml").read_text(encoding="utf-8"))


def box(page: pikepdf.Page, name: str) -> list[float]:
    """A page box in points."""
    return [float(v) for v in page.obj[name]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_all_ten_pdfs_exist_and_open(demo_build: Build, lang: str) -> None:
    for kind in SITE_KINDS:
        with pikepdf.open(pdf_path(demo_build, lang, kind)) as pdf:
            assert len(pdf.pages) >= 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_has_trim_bleed_and_two_pages(demo_build: Build, lang: str) -> None:
    with pikepdf.open(pdf_path(demo_build, lang, "card")) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            x0, y0, x1, y1 = box(page, "/TrimBox")
            assert (x1 - x0, y1 - y0) == pytest.approx((170 * MM, 55 * MM), abs=0.1)
            bx0, by0, bx1, by1 = box(page, "/BleedBox")
            assert (x0 - bx0, y0 - by0, bx1 - x1, by1 - y1) == pytest.approx((3 * MM,) * 4, abs=0.1)
            mx0, my0, mx1, my1 = box(page, "/MediaBox")
            assert mx0 <= bx0 and my0 <= by0 and mx1 >= bx1 and my1 >= by1


def test_card_colour_runs_into_the_bleed_and_crop_marks_sit_outside_the_trim(demo_build: Build) -> None:
    primary = (0x1D, 0x5C, 0x8B)
    document = pypdfium2.PdfDocument(pdf_path(demo_build, "nl", "card"))
    image = document[0].render(scale=600 / 72).to_pil().convert("RGB")
    px_per_mm = 600 / 25.4
    width, height = image.size
    # The cover (right half) is in the house colour right up to the outer edge of the 3 mm bleed.
    for y_mm in (1.0, 30.0, 60.0):
        colour = image.getpixel((width - int(1.0 * px_per_mm), int(y_mm * px_per_mm)))
        assert all(abs(a - b) < 12 for a, b in zip(colour, primary, strict=True)), (y_mm, colour)
    # Crop marks: dark pixels in the top-left bleed corner, none inside the white trim area next to it.
    corner = image.crop((0, 0, int(3 * px_per_mm), int(3 * px_per_mm)))
    assert min(sum(pixel) for pixel in corner.get_flattened_data()) < 150
    inside = image.crop((int(4 * px_per_mm), int(4 * px_per_mm), int(6 * px_per_mm), int(6 * px_per_mm)))
    assert min(sum(pixel) for pixel in inside.get_flattened_data()) > 700


@pytest.mark.parametrize(("kind", "size", "pages"), [("card_a4", (210, 297), (2, 2)), ("checklist", (210, 297), (1, 1)),
                                                     ("report_form", (210, 297), (1, 2)),
                                                     ("handbook", (210, 297), (15, 80))])
def test_a4_documents_have_the_right_size_and_length(demo_build: Build, kind: str, size: tuple, pages: tuple) -> None:
    for lang in LANGUAGES:
        with pikepdf.open(pdf_path(demo_build, lang, kind)) as pdf:
            assert pages[0] <= len(pdf.pages) <= pages[1], (lang, kind, len(pdf.pages))
            x0, y0, x1, y1 = box(pdf.pages[0], "/MediaBox")
            assert (x1 - x0, y1 - y0) == pytest.approx((size[0] * MM, size[1] * MM), abs=0.5)


def test_a4_card_sheet_holds_five_cards_with_cut_marks(demo_build: Build) -> None:
    path = pdf_path(demo_build, "nl", "card_a4")
    for text in pdf_pages(path):
        assert text.count("Seksuele uitbuiting") == 5 or text.count("Signalen aan de balie".upper()) == 5
    document = pypdfium2.PdfDocument(path)
    for page in document:
        height = page.get_height()
        shapes = [shape.get_bounds() for shape in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_PATH], max_depth=5)]
        # Small marks in the margins around the five cards (bounds: left, bottom, right, top from the page's foot).
        marks = [(left, bottom, right, top) for left, bottom, right, top in shapes
                 if right - left < 9 * MM and top - bottom < 9 * MM and
                 (right < 20 * MM or left > 190 * MM or height - top < 11 * MM or height - bottom > 286 * MM)]
        assert len(marks) >= 16, len(marks)
    document.close()


def test_every_font_is_embedded(demo_build: Build) -> None:
    for pdf_file in demo_build.site.rglob("*.pdf"):
        with pikepdf.open(pdf_file) as pdf:
            for page in pdf.pages:
                for font in page.obj.Resources.get("/Font", {}).values():
                    descendants = font.get("/DescendantFonts", [font])
                    for part in descendants:
                        descriptor = part.get("/FontDescriptor")
                        assert descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                                                       "/FontFile3")), pdf_file


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_and_checklist_carry_every_signal_and_the_key_facts(demo_build: Build, lang: str) -> None:
    data = signals(lang)
    for kind in ("card", "checklist", "report_form"):
        flat = pdf_text(pdf_path(demo_build, lang, kind))
        key = "short" if kind == "card" else "check"     # the card keeps the leaflet's words; tick-boxes observe
        for signal in data["signals"]:
            assert signal[key] in flat, (kind, signal[key])
        assert data["nonverbal"][key] in flat
    card = pdf_text(pdf_path(demo_build, lang, "card"))
    for needle in ("112", "intranet.example.nl/handboek-mensenhandel/"):
        assert needle in card
    assert ("geen bewijs" if lang == "nl" else "not proof") in card
    steps = yaml.safe_load((ROOT / "data" / lang / "steps.yml").read_text(encoding="utf-8"))
    for step in steps["steps"]:
        assert step["short"] in card


def test_no_text_is_smaller_than_7_points(demo_build: Build) -> None:
    for lang in LANGUAGES:
        for kind in SITE_KINDS:
            assert smallest_text(pdf_path(demo_build, lang, kind)) >= 6.99, (lang, kind)


@pytest.mark.parametrize("build_name", ["demo_build", "fixture_build"])
def test_qr_code_decodes_to_the_handbook_url(request: pytest.FixtureRequest, build_name: str) -> None:
    build: Build = request.getfixturevalue(build_name)
    settings_file = ROOT / "municipality.yml" if build_name == "demo_build" else (
        ROOT / "tests/fixtures/testwijk/municipality.yml")
    url = yaml.safe_load(settings_file.read_text(encoding="utf-8"))["handbook_url"]
    for lang in LANGUAGES:
        page = pypdfium2.PdfDocument(pdf_path(build, lang, "card"))[0]
        image = page.render(scale=400 / 72).to_pil()
        decoded = [result.text for result in zxingcpp.read_barcodes(image)]
        assert decoded == [url], decoded


def test_pdfs_are_tagged_with_language_and_title(demo_build: Build) -> None:
    for lang in LANGUAGES:
        for kind in SITE_KINDS:
            with pikepdf.open(pdf_path(demo_build, lang, kind)) as pdf:
                assert str(pdf.Root.Lang) == lang
                assert pdf.Root.MarkInfo.Marked
                assert "/StructTreeRoot" in pdf.Root
                assert str(pdf.open_metadata().get("dc:title", "")) or str(pdf.docinfo.get("/Title", ""))


def test_handbook_has_contents_with_page_numbers_and_running_header(demo_build: Build) -> None:
    pages = pdf_pages(pdf_path(demo_build, "nl", "handbook"))
    contents = pages[1]
    assert "Inhoud" in contents and "Signalen aan de balie" in contents
    numbers = [int(line.rsplit(" ", 1)[1]) for line in contents.splitlines() if line.rstrip()[-1:].isdigit()
               and "...." in line]
    assert len(numbers) >= 12 and numbers == sorted(numbers) and numbers[0] >= 3
    # Pages about the website itself carry `in_pdf: false`: not in the printed handbook.
    assert "Toegankelijkheidsverklaring" not in contents and "Vertalingen" not in contents
    text = " ".join(pages)
    assert "Stand van de vertalingen" not in text and "Wat is er veranderd" in text
    signals_page = pages[numbers[3] - 1]
    assert "Signalen aan de balie" in signals_page.splitlines()[0] or "Signalen" in signals_page[:80]
    assert f"Pagina {numbers[3]} van {len(pages)}" in signals_page
    with pikepdf.open(pdf_path(demo_build, "nl", "handbook")) as pdf:
        links = [str(annotation.A.URI) for page in pdf.pages for annotation in page.obj.get("/Annots", [])
                 if "/A" in annotation and "/URI" in annotation.A]
    assert any(uri.startswith("https://hetccv.nl/") for uri in links)


def test_changing_a_signal_in_one_place_changes_page_checklist_and_card(project: Path, tmp_path: Path) -> None:
    from handboek.model import project as loaded
    from handboek.pdf import documents, publish, render

    path = project / "data" / "nl" / "signals.yml"
    text = path.read_text(encoding="utf-8")
    new = "Begeleider houdt paspoort in eigen tas"
    assert text.count('"Begeleider heeft het paspoort of ID"') == 2, "the card's words and the tick-box"
    path.write_text(text.replace('"Begeleider heeft het paspoort of ID"', f'"{new}"'), encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False)
    assert build.returncode == 0, build.output
    assert new in build.page("meldingsformulier")
    current, _ = loaded.load(project, "municipality.yml", "data", "docs", ["nl", "en"], "nl", KINDS)
    source = publish.print_source(current, "nl")
    for make in (documents.checklist, documents.card):
        assert new in pdf_text(render.render(make(source, "x.pdf"))), make
    title = "De begeleider houdt het paspoort vast"
    path.write_text(path.read_text(encoding="utf-8").replace('title: "De begeleider heeft het paspoort of ID"',
                                                              f'title: "{title}"'), encoding="utf-8")
    build = run_build(project, tmp_path / "site2", pdf=False)
    assert title in build.page("signalen")


def test_overflowing_card_panel_fails_with_its_name_and_size(demo_build: Build, project: Path, tmp_path: Path) -> None:
    """After the demo build: the copy takes the PDFs its change leaves alone from that build's cache."""
    carry_pdf_cache(project)
    path = project / "data" / "nl" / "signals.yml"
    data = path.read_text(encoding="utf-8")
    extra = "".join(f'  - id: extra-{n}\n    short: "Nog een signaal nummer {n}"\n    check: "Extra {n}"\n'
                    f'    title: "Extra {n}"\n    text: "Extra."\n    sources: [leaflet]\n' for n in range(4))
    path.write_text(data.replace("nonverbal:", extra + "nonverbal:", 1), encoding="utf-8")
    # The date of the demo build: the PDFs print it, so another date would make every key new.
    build = run_build(project, tmp_path / "site", today=TODAY, only_language="nl")
    assert build.returncode == 1
    lines = [line for line in build.output.splitlines() if "overflows" in line]
    assert lines and lines[-1].startswith("data/nl/signals.yml:1: downloads/zakkaart.pdf: the inside-left panel "
                                         "(signals) on page 2 overflows by "), lines
    assert " mm — shorten its texts" in lines[-1] and len(lines) == 2, lines
    assert not (tmp_path / "site" / "downloads" / "zakkaart.pdf").exists()
    assert not list((tmp_path / "site").rglob("*.part")), "no half-written file is left"
    # In its own folder, the copy found the rest in the carried cache: only what shows the signals was rendered
    # again (the A4 card sheet, the checklist and the handbook; the card itself failed).
    assert "PDFs: 3 rendered, " in build.output, build.output


def test_pdfs_are_not_rendered_again_when_nothing_changed(demo_build: Build, project: Path, tmp_path: Path) -> None:
    """A copy with the cache of the demo build carried over, as another CI runner: every PDF comes from the cache,
    byte for byte the same."""
    carry_pdf_cache(project)
    build = run_build(project, tmp_path / "site", today=TODAY)
    assert build.returncode == 0, build.output
    made = sorted(path.relative_to(demo_build.site) for path in demo_build.site.rglob("*.pdf"))
    assert f"PDFs: 0 rendered, {len(made)} unchanged from the cache" in build.output, build.output
    assert [(tmp_path / "site" / path).read_bytes() for path in made] == [(demo_build.site / path).read_bytes()
                                                                          for path in made]


def test_a_pdf_keeps_its_cache_key_wherever_the_project_and_the_package_lie(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above carries the cache from the checkout to a copy, but only proves this where both lie on the same
    side of the package. Here one project lies before the package and one after it, as /check/... and /tmp/... did."""
    from handboek.pdf import cache
    from handboek.pdf.render import Job

    package = tmp_path / "m" / "handboek"
    monkeypatch.setattr(cache, "PACKAGE", package.as_uri() + "/")
    (package / "fonts").mkdir(parents=True)
    (package / "fonts" / "font.ttf").write_bytes(b"font")
    keys = []
    for folder in ("a", "z"):
        project = tmp_path / folder
        (project / "overrides").mkdir(parents=True)
        (project / "overrides" / "logo.svg").write_text("<svg/>", encoding="utf-8")
        job = Job(name="nl/zakkaart.pdf", html=f"<img src='{project.as_uri()}/overrides/logo.svg'>",
                  base_url=project.as_uri() + "/")
        keys.append(cache.key(job, [project / "overrides" / "logo.svg", package / "fonts" / "font.ttf"]))
    assert keys[0] == keys[1]


def test_a_renderer_that_cannot_load_gives_one_line_per_pdf(project: Path, tmp_path: Path) -> None:
    from handboek.model import project as loaded

    # As on a machine without Pango: importing WeasyPrint fails in the process that renders.
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise OSError(\"cannot load library 'pango-1.0-0'\")\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOEK_PDF": "true", "PYTHONPATH": str(fake.parent)}
    env.pop("HANDBOEK_SETTINGS", None)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                         capture_output=True, text=True, env=env, cwd=project, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode != 0 and "Traceback" not in output, output
    lines = [line for line in output.splitlines() if "could not be rendered" in line]
    current, _ = loaded.load(ROOT, "municipality.yml", "data", "docs", ["nl", "en"], "nl", KINDS)
    assert len(lines) == len(outputs(current)), output
    assert ("downloads/handboek.pdf:1: the PDF could not be rendered (cannot load library 'pango-1.0-0') "
            "— check the prerequisites in README.md (Pango) and the free disk space, then build again") in lines
    assert not list((tmp_path / "site").rglob("*.pdf")) and not list((tmp_path / "site").rglob("*.part"))


def test_an_image_the_renderer_cannot_load_stops_the_pdf_with_its_name(tmp_path: Path) -> None:
    """WeasyPrint leaves out what it cannot load and goes on; the handbook makes that one line and no PDF."""
    from handboek.pdf import render
    from handboek.problems import ProblemsFound

    html = '<html lang="nl"><head><title>T</title></head><body><p><img src="gone.png" alt="Kaartje"></p></body></html>'
    with pytest.raises(ProblemsFound) as found:
        render.render(render.Job(name="downloads/x.pdf", html=html, base_url=tmp_path.as_uri() + "/"))
    lines = [str(problem) for problem in found.value.problems]
    assert len(lines) == 1 and lines[0].startswith("downloads/x.pdf:1: Failed to load image at "), lines
    assert "gone.png" in lines[0]


def test_the_printed_handbook_shows_no_image_it_could_not_load(demo_build: Build) -> None:
    for lang in LANGUAGES:
        text = pdf_text(pdf_path(demo_build, lang, "handbook"))
        assert "Hulpkaartje" in text or "Help card" in text
        assert "Voorkant van het hulpkaartje" not in text and "Front of the help card" not in text, "an image's alt text"


def test_the_handbook_pdf_is_made_again_when_an_image_on_a_page_changes(demo_build: Build, project: Path,
                                                                       tmp_path: Path) -> None:
    """An image an editor replaces under the same name changes the handbook PDF: the cache must see its bytes."""
    carry_pdf_cache(project)
    page = project / "docs" / "nl" / "signalen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![Een kaart van de balie](kaart.png)\n", encoding="utf-8")
    outputs_seen = []
    for size in (4, 8):
        Image.new("RGB", (size, size), "red").save(project / "docs" / "nl" / "kaart.png")
        build = run_build(project, tmp_path / "site", today=TODAY, only_language="nl")
        assert build.returncode == 0, build.output
        outputs_seen.append(build.output)
    assert "PDFs: 1 rendered, " in outputs_seen[0], outputs_seen[0]
    assert "PDFs: 1 rendered, " in outputs_seen[1], "the same page with another image: the handbook is made again"


def test_a_sheet_of_cards_is_the_same_byte_for_byte_each_time_it_is_made(demo_build: Build) -> None:
    """pdfium, which places the cards, writes a random document ID: a rebuild must not change a published sheet."""
    from handboek.pdf import sheet

    card = (demo_build.site / "downloads" / "zakkaart.pdf").read_bytes()
    frame = (demo_build.site / "downloads" / "zakkaart-a4.pdf").read_bytes()
    made = [sheet.place(card, frame, ((10.0, 10.0),)) for _ in range(2)]
    assert made[0] == made[1]
    assert pypdfium2.PdfDocument(made[0]).get_page(0).get_width() == pytest.approx(595, abs=1)
