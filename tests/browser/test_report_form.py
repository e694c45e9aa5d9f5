"""The on-screen report form: the printable form's fields, printed filled in, and nothing sent or kept."""

from __future__ import annotations

import re

import pytest
import yaml
from lxml import html

from conftest import LANGUAGES, ROOT, Build, pdf_pages, pdf_sizes
from browser.conftest import DEFAULT_LANGUAGE, TabFactory
from browser.tab import Tab

A4 = (595.3, 841.9)          # points
# Everything a page can keep in the browser, read from inside the page.
STORAGE = """async () => ({
  local: Object.entries(localStorage), session: Object.entries(sessionStorage), cookie: document.cookie,
  indexedDB: (await indexedDB.databases()).map(db => db.name), caches: await caches.keys(),
})"""
# Chromium shows dates and times in its own locale's format: 28-11-2026, 11/28/2026, 14:35, 02:35 PM.
DATE_SHOWN = r"(28\D11|11\D28)\D2026"
TIME_SHOWN = r"(14|0?2)\D35"
# What the page tells the reader before the form, in the words a reader would look for.
PROMISE = {"nl": ["bewaart niets", "niets verstuurd", "opgeslagen", "tabblad", "alles weg"],
           "en": ["stores nothing", "nothing is sent", "saved", "tab", "everything is gone"]}


def prefix(lang: str) -> str:
    """The site folder of a language."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def form_page(lang: str) -> str:
    """The page with the on-screen form."""
    return f"{prefix(lang)}meldingsformulier/"


def data(lang: str, name: str) -> dict:
    """One of the language's data files."""
    return yaml.safe_load((ROOT / "data" / lang / name).read_text(encoding="utf-8"))


def pdf_text(pdf: bytes) -> tuple[str, list[tuple[float, float]]]:
    """The text of a PDF and the size of each of its pages."""
    return "\n".join(pdf_pages(pdf)), pdf_sizes(pdf)


def squeeze(text: str) -> str:
    """Text without any white space, to compare across line breaks."""
    return re.sub(r"\s+", "", text)


def fields(lang: str) -> list[dict]:
    """Every field of the report form, section after section."""
    return [field for section in data(lang, "report-form.yml")["sections"] for field in section["fields"]]


def signal_boxes(lang: str) -> list[str]:
    """The tick-boxes of the signals, in the order of the form: the person, body language, the address, more."""
    signals = data(lang, "signals.yml")
    numbered = [(n, s) for n, s in enumerate(signals["signals"], 1)]
    return ([f"{n}. {s['check']}" for n, s in numbered if s.get("about", "person") == "person"]
            + [signals["nonverbal"]["check"]]
            + [f"{n}. {s['check']}" for n, s in numbered if s.get("about") == "address"]
            + [s["check"] for s in signals["more"]])


def fill_in(tab: Tab, lang: str) -> dict[str, str]:  # field id → regular expression
    """Type a distinct value into every field, choose the first option, tick two signals; return, per field, how it
    reads on paper."""
    page, typed = tab.page, {}
    for number, field in enumerate(fields(lang)):
        control = page.locator(f"#rf-{field['id']}")
        if field["kind"] == "choice":
            page.locator(f"input[name={field['id']}]").first.check()
            typed[field["id"]] = re.escape(squeeze(field["options"][0]))
        elif field["kind"] == "date":
            control.fill("2026-11-28")
            typed[field["id"]] = DATE_SHOWN
        elif field["kind"] == "time":
            control.fill("14:35")
            typed[field["id"]] = TIME_SHOWN
        elif field["kind"] == "textarea":
            # More lines than the field shows: the print must still show all of them.
            lines = [f"Regel{line}veld{number}zq" for line in range(1, field.get("lines", 3) + 4)]
            control.click()
            page.keyboard.insert_text("\n".join(lines))   # as a paste: one input event, not 100 key presses
            typed[field["id"]] = re.escape("".join(lines))
        elif field["kind"] == "text":
            control.click()
            page.keyboard.type(f"Waarde{number}zq Straat 1")
            typed[field["id"]] = re.escape(f"Waarde{number}zqStraat1")
    for checkbox in page.locator("input[name=signals]").all()[:2]:
        checkbox.focus()
        page.keyboard.press("Space")
    return typed


def test_one_page_per_language_holds_the_form(demo_build: Build) -> None:
    holders = {lang: [] for lang in LANGUAGES}
    for path in demo_build.html_files():
        tree = html.document_fromstring(path.read_bytes())
        if tree.xpath("//form[contains(@class, 'report-form')]"):
            holders[tree.get("lang")].append(path.relative_to(demo_build.site).as_posix())
    assert holders == {lang: [form_page(lang) + "index.html"] for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_says_nothing_is_sent_or_kept_and_has_the_fields_of_the_printable_form(
        new_tab: TabFactory, demo_build: Build, lang: str) -> None:
    tab = new_tab()
    tab.open(form_page(lang))
    before_form = tab.page.evaluate("""() => {
      const form = document.querySelector('form.report-form');
      return [...document.querySelectorAll('.md-content p')]
        .filter(p => p.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING)
        .map(p => p.textContent).join(' ');
    }""").lower()
    assert all(words in before_form for words in PROMISE[lang]), f"in plain words, before the form: {before_form}"
    form = tab.page.locator("form.report-form")
    shown = [text.strip() for text in form.locator(".report-form__field > label:not(.report-form__check), "
                                                   ".report-form__field > legend").all_inner_texts()]
    assert shown == [field["label"] for field in fields(lang)]
    sections = [text.strip() for text in form.locator(".report-form__section > legend").all_inner_texts()]
    assert sections == [section["title"] for section in data(lang, "report-form.yml")["sections"]]
    for field in fields(lang):
        if field["kind"] == "choice":
            options = form.locator(f"input[name={field['id']}]")
            assert options.count() == len(field["options"])
            assert options.evaluate_all("es => es.map(e => e.type + ':' + e.labels[0].textContent.trim())") == [
                f"radio:{option}" for option in field["options"]]
        elif field["kind"] != "signals":
            control = form.locator(f"#rf-{field['id']}")
            assert control.evaluate("e => e.type") == field["kind"]
            assert control.evaluate("e => e.labels[0].textContent.trim()") == field["label"], "labelled"
    boxes = [text.strip() for text in form.locator("input[name=signals]").evaluate_all(
        "es => es.map(e => e.labels[0].textContent)")]
    assert boxes == signal_boxes(lang)
    # The printable form (PDF) has the same fields and signals, in the same order.
    in_order = [text.strip() for text in form.locator(".report-form__field > label:not(.report-form__check), "
                                                      ".report-form__field > legend, .report-form__check")
                .all_inner_texts()]
    printable = data(lang, "texts.yml")["downloads"]["report_form"]["file"]
    text, _ = pdf_text((demo_build.site / prefix(lang) / "downloads" / printable).read_bytes())
    positions = [squeeze(text).find(squeeze(label)) for label in in_order]
    assert -1 not in positions and positions == sorted(positions), list(zip(in_order, positions, strict=False))


def test_filled_in_form_prints_on_a4_and_nothing_leaves_or_stays(new_tab: TabFactory) -> None:
    """In Dutch: the English page runs the same script; its fields and labels are checked above."""
    lang = DEFAULT_LANGUAGE
    tab = new_tab(locale="nl-NL")
    tab.open(form_page(lang))
    tab.settle()
    tab.requests.clear()
    typed = fill_in(tab, lang)
    url = tab.page.url
    tab.page.locator("#rf-place").press("Enter")          # a form submits on Enter; this one must not
    assert tab.page.url == url
    tab.page.evaluate("() => { window.__printCalls = 0; window.print = () => { window.__printCalls += 1; }; }")
    tab.page.locator('[data-report-form="print"]').click()
    assert tab.page.evaluate("window.__printCalls") == 1, "the Print button opens the print dialog"
    tab.page.emulate_media(media="print")
    assert tab.page.locator(".report-form__actions").is_hidden(), "no buttons on paper"
    text, sizes = pdf_text(tab.page.pdf(format="A4"))
    tab.page.emulate_media(media="screen")
    assert all(abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2 for width, height in sizes), sizes
    missing = {field: pattern for field, pattern in typed.items() if not re.search(pattern, squeeze(text))}
    assert not missing, f"typed values missing from the printed page: {missing}"
    assert tab.page.locator("input[name=signals]:checked").count() == 2
    # Nothing left the browser, nothing was kept.
    assert tab.requests == [], [request.url for request in tab.requests]
    assert not tab.csp_messages()
    storage = tab.page.evaluate(STORAGE)
    assert storage == {"local": [], "session": [], "cookie": "", "indexedDB": [], "caches": []}
    assert tab.context.cookies() == []


def test_form_page_writes_nothing_even_when_the_reader_changes_the_colour_scheme(new_tab: TabFactory) -> None:
    tab = new_tab()
    tab.open("signalen/")
    tab.page.locator("label.md-header__button[for^='__palette']:visible").click()   # Material stores this
    remembered = tab.page.evaluate(STORAGE)
    assert remembered["local"], "Material keeps the scheme on ordinary pages"
    tab.open(form_page(DEFAULT_LANGUAGE))
    assert tab.scheme() == "slate", "the form page still follows the reader's choice"
    fill_in(tab, DEFAULT_LANGUAGE)
    tab.page.locator("label.md-header__button[for^='__palette']:visible").click()
    assert tab.scheme() == "default"
    assert tab.page.evaluate(STORAGE) == remembered


def test_typed_data_is_gone_when_the_reader_leaves_or_closes_the_tab(new_tab: TabFactory) -> None:
    tab = new_tab()
    tab.open(form_page(DEFAULT_LANGUAGE))
    typed = fill_in(tab, DEFAULT_LANGUAGE)
    values = "() => [...document.querySelectorAll('form.report-form input, form.report-form textarea')]" \
             ".filter(e => ['checkbox', 'radio'].includes(e.type) ? e.checked : e.value !== '').length"
    assert tab.page.evaluate(values) == len(typed) + 2
    tab.page.on("dialog", lambda dialog: dialog.accept())      # the browser asks before a filled-in form is left
    tab.open("signalen/")
    tab.page.go_back()
    assert tab.page.url.endswith(form_page(DEFAULT_LANGUAGE))
    assert tab.page.evaluate(values) == 0, "back in the history, the form is empty"
    fill_in(tab, DEFAULT_LANGUAGE)
    tab.page.close(run_before_unload=True)
    again = tab.context.new_page()
    again.goto(tab.site.url(form_page(DEFAULT_LANGUAGE)))
    assert again.evaluate(values) == 0, "a new tab starts empty"


def test_leaving_a_filled_in_form_asks_first_and_an_empty_one_does_not(new_tab: TabFactory) -> None:
    tab = new_tab()
    asked: list[str] = []
    answer = {"leave": False}

    def on_dialog(dialog) -> None:  # noqa: ANN001 - a Playwright Dialog
        asked.append(dialog.type)
        dialog.accept() if answer["leave"] else dialog.dismiss()

    tab.page.on("dialog", on_dialog)
    tab.open(form_page(DEFAULT_LANGUAGE))
    menu_link = tab.page.locator(".md-nav--primary a[href$='signalen/']").first
    menu_link.click()
    tab.page.wait_for_url("**/signalen/")
    assert asked == [], "an empty form is left without a question"
    tab.page.go_back()
    tab.page.locator("#rf-place").click()
    tab.page.keyboard.type("Balie 3")
    tab.page.locator(".md-nav--primary a[href$='signalen/']").first.click()
    tab.page.wait_for_timeout(300)
    assert asked == ["beforeunload"], asked
    assert tab.page.url.endswith(form_page(DEFAULT_LANGUAGE)), "the reader chose to stay"
    assert tab.page.locator("#rf-place").input_value() == "Balie 3", "and the notes are still there"
    answer["leave"] = True
    tab.page.locator(".md-nav--primary a[href$='signalen/']").first.click()
    tab.page.wait_for_url("**/signalen/")
    assert asked == ["beforeunload", "beforeunload"]
