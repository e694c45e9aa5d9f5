"""The safe counter procedure: step conditions on every output, the privacy rule, sources, and the new settings."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import html

from conftest import FIXTURE_SETTINGS, LANGUAGES, ROOT, Build, pdf_text
import datetime as dt

from handboek.model import content
from handboek.pdf.products import KINDS
from handboek.problems import ProblemsFound
from test_pdfs import pdf_path
from test_settings import VALID, problems_for


def steps_data(lang: str) -> dict:
    """The steps file of one language."""
    return yaml.safe_load((ROOT / "data" / lang / "steps.yml").read_text(encoding="utf-8"))


def conditioned(lang: str) -> list[tuple[dict, dict]]:
    """Each step that has a condition, with that condition."""
    data = steps_data(lang)
    conditions = {c["id"]: c for c in data["conditions"]}
    return [(step, conditions[step["when"]]) for step in data["steps"] if step.get("when")]


def flat_pdf_text(path: Path) -> str:
    """A PDF's text in the order it was written (columns one after the other), every run of white space one space."""
    return pdf_text(path)


def squeeze(text: str) -> str:
    """Text without white space or soft line-break hyphens, to compare across the lines of a PDF."""
    return "".join(text.replace("- ", "-").split())


def test_the_shipped_steps_offer_help_and_information_only_alone_and_safe() -> None:
    for lang in LANGUAGES:
        ids = [step["id"] for step, _ in conditioned(lang)]
        assert ids == ["offer-help", "give-information"], (lang, ids)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_that_shows_the_steps_shows_their_condition(demo_build: Build, lang: str) -> None:
    prefix = "" if lang == "nl" else "en/"
    steps = html.document_fromstring(demo_build.page(f"{prefix}wat-te-doen"))
    home = html.document_fromstring(demo_build.page(prefix or "."))
    for step, condition in conditioned(lang):
        # The full steps: the step's own section (up to the next step) holds the condition and, after the last
        # step of the run, what to do otherwise.
        heading = steps.get_element_by_id(step["id"])
        section, sibling = [], heading.getnext()
        while sibling is not None and sibling.tag != "h3":
            section.append(" ".join(sibling.text_content().split()))
            sibling = sibling.getnext()
        assert any(condition["label"] in part for part in section), (lang, step["id"], section)
        # The summary on the home page: the list item that links to the step says when it applies.
        item = next(a.getparent() for a in home.iter("a") if (a.get("href") or "").endswith(f"#{step['id']}"))
        assert condition["label"] in " ".join(item.text_content().split()), (lang, step["id"])
    assert conditioned(lang)[-1][1]["otherwise_title"] in steps.text_content()


def misplaced_steps(text: str, lang: str, kind: str) -> list[str]:
    """The conditional steps a printed step list shows without their condition.

    The card, the sheet and the checklist print the condition's label, the steps, then what to do otherwise;
    the handbook prints each step's heading with the label under it, and what to do otherwise after the last.
    """
    pairs = conditioned(lang)
    condition = pairs[0][1]
    if kind == "handbook":
        label = yaml.safe_load((ROOT / "data" / lang / "texts.yml").read_text(encoding="utf-8"))["steps"]["step"]
        numbers = {step["id"]: n for n, step in enumerate(steps_data(lang)["steps"], start=1)}
        found = []
        for step, _ in pairs:
            start = text.find(label.replace("{n}", str(numbers[step["id"]])) + ": " + step["title"])
            end = text.find(label.replace("{n}", str(numbers[step["id"]] + 1)) + ":", start)
            if start < 0 or not start < text.find(condition["label"], start) < end:
                found.append(f"handbook: step '{step['title']}' without '{condition['label']}'")
            last = (start, end)
        if not last[0] < text.find(condition["otherwise_title"], last[0]) < last[1]:
            found.append(f"handbook: no '{condition['otherwise_title']}' after the last conditional step")
        return found
    otherwise = condition["otherwise_short"] if kind.startswith("card") else condition["otherwise"].split(".")[0]
    start = text.find(condition["short"])
    end = text.find(otherwise, start + 1) if start >= 0 else -1
    if start < 0 or end < 0:
        return [f"{kind}: no '{condition['short']}' followed by '{otherwise}'"]
    return [f"{kind}: '{step['short']}' is not between them" for step, _ in pairs
            if not start < text.find(step["short"], start) < end]


@pytest.mark.parametrize("kind", ["card", "card_a4", "checklist", "handbook"])
def test_every_printed_step_list_shows_the_condition_around_its_steps(demo_build: Build, kind: str) -> None:
    for lang in LANGUAGES:
        text = flat_pdf_text(pdf_path(demo_build, lang, kind))
        assert misplaced_steps(text, lang, kind) == [], lang
        # The check is not vacuous: the same text without the condition, or with a step moved out, fails it.
        condition = conditioned(lang)[0][1]
        label = condition["label"] if kind == "handbook" else condition["short"]
        assert misplaced_steps(text.replace(label, ""), lang, kind)
        if kind != "handbook":
            step = conditioned(lang)[0][0]["short"]
            assert misplaced_steps(text.replace(step, "", 1) + " " + step, lang, kind)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_privacy_rule_on_the_pages_the_form_and_the_pdfs(demo_build: Build, lang: str) -> None:
    texts = yaml.safe_load((ROOT / "data" / lang / "texts.yml").read_text(encoding="utf-8"))["privacy"]
    rule = [texts["rule"], texts["envelope"], texts["keep_nothing"], texts["never"]]   # the demo sends by envelope
    prefix = "" if lang == "nl" else "en/"
    for page in ("meldingsformulier", "feiten-vastleggen"):
        shown = " ".join(html.document_fromstring(demo_build.page(f"{prefix}{page}")).text_content().split())
        for sentence in rule:
            assert sentence in shown, (lang, page, sentence)
    for kind in ("checklist", "report_form"):
        text = squeeze(flat_pdf_text(pdf_path(demo_build, lang, kind)))     # a word may break across lines
        for sentence in rule:
            assert squeeze(sentence) in text, (lang, kind, sentence)


def test_the_gemeente_chooses_how_the_form_travels(fixture_build: Build) -> None:
    texts = yaml.safe_load((ROOT / "data" / "nl" / "texts.yml").read_text(encoding="utf-8"))["privacy"]
    channel = texts["secure_email"].replace("{detail}", "meldingen@testwijk.nl")
    page = " ".join(html.document_fromstring(fixture_build.page("meldingsformulier")).text_content().split())
    for sentence in (channel, texts["delete_pdf"]):
        assert sentence in page
        assert squeeze(sentence) in squeeze(flat_pdf_text(pdf_path(fixture_build, "nl", "checklist")))


def test_deputy_interpreter_and_fallback_are_shown_where_staff_look(fixture_build: Build) -> None:
    page = " ".join(html.document_fromstring(fixture_build.page("wat-te-doen")).text_content().split())
    for value in ("Jan de Testvervanger", "010 123 4568", "Tolkdienst Testregio", "010 123 4569", "0900 8844"):
        assert value in page, value
    for kind in ("card", "checklist"):
        text = flat_pdf_text(pdf_path(fixture_build, "nl", kind))
        for value in ("Jan de Testvervanger", "010 123 4568", "0900 8844"):
            assert value in text, (kind, value)


def test_the_card_keeps_the_leaflets_nine_and_the_tick_boxes_say_what_staff_can_see(demo_build: Build) -> None:
    for lang in LANGUAGES:
        data = yaml.safe_load((ROOT / "data" / lang / "signals.yml").read_text(encoding="utf-8"))
        card = flat_pdf_text(pdf_path(demo_build, lang, "card"))
        checklist = flat_pdf_text(pdf_path(demo_build, lang, "checklist"))
        assert len(data["signals"]) == 9
        for signal in data["signals"]:
            assert signal["short"] in card
            assert signal["check"] in checklist
        for signal in data["more"]:
            assert signal["check"] in checklist and signal["check"] not in card
    assert "Persoon lijkt jonger dan 18" in flat_pdf_text(pdf_path(demo_build, "nl", "checklist"))


def test_every_signal_step_and_dont_names_a_source_and_added_ones_show_it(demo_build: Build) -> None:
    for lang in LANGUAGES:
        loaded = content.load(ROOT / "data", list(LANGUAGES), ROOT, dt.date.today(), KINDS)[0][lang]
        items = [*loaded.signals.signals, *loaded.signals.more, *loaded.steps.steps, *loaded.steps.donts.items]
        assert all(item.sources for item in items)
        prefix = "" if lang == "nl" else "en/"
        page = html.document_fromstring(demo_build.page(f"{prefix}signalen"))
        for signal in loaded.signals.more:
            section = page.get_element_by_id(signal.id).getnext()
            while "source-line" not in (section.get("class") or ""):
                section = section.getnext()
            assert loaded.sources[signal.sources[0]].title in section.text_content()


@pytest.mark.parametrize(("text", "expected"), [
    ("    sources: [leaflet]\n", "the source 'unknown-source' is not defined — use one of:"),
    ("    when: alone-and-safe\n", "the condition 'unknown-source' is not defined — use one of: alone-and-safe"),
])
def test_an_unknown_source_or_condition_is_one_line_with_its_place(tmp_path: Path, text: str, expected: str) -> None:
    data = tmp_path / "data"
    import shutil

    shutil.copytree(ROOT / "data", data)
    path = data / "nl" / "steps.yml"
    original = path.read_text(encoding="utf-8")
    assert text in original
    changed = original.replace(text, text.replace(text.split(":", 1)[1].strip().strip("[]"), "unknown-source"), 1)
    path.write_text(changed, encoding="utf-8")
    line = changed[:changed.index("unknown-source")].count("\n") + 1
    with pytest.raises(ProblemsFound) as found:
        content.load(data, list(LANGUAGES), tmp_path, dt.date.today(), KINDS)
    messages = [str(problem) for problem in found.value.problems]
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"data/nl/steps.yml:{line}: {expected}"), messages[0]


NEW_KEYS = VALID.replace('''    email: "mensenhandel@proef.nl"
''', '''    email: "mensenhandel@proef.nl"
    deputy:
      name: "C. Proef"
      phone: "010 123 4568"
  interpreter:
    name: "Tolkdienst Proef"
    phone: "010 123 4569"
report_channel:
  via: secure_email
  detail: "meldingen@proef.nl"
''')
assert NEW_KEYS != VALID


def test_the_new_settings_keys_load(tmp_path: Path) -> None:
    assert problems_for(tmp_path, NEW_KEYS) == []


@pytest.mark.parametrize(("change", "expected"), [
    (('"010 123 4568"', '"123"'), "municipality.yml:16: contacts.attention_officer.deputy.phone: '123' is not a Dutch or "
                                  "international phone number"),
    (('"010 123 4569"', '"abc"'), "municipality.yml:19: contacts.interpreter.phone: 'abc' is not a Dutch or international "
                                  "phone number"),
    (("via: secure_email", "via: pigeon"), "municipality.yml:21: report_channel.via: is not one of the allowed values"),
    (('detail: "meldingen@proef.nl"', 'detail: ""'), "municipality.yml:20: report_channel: via secure_email needs the "
                                                      "address in detail"),
    (("via: secure_email", "via: case_system"), ""),
])
def test_each_new_key_gets_one_clear_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    messages = problems_for(tmp_path, NEW_KEYS.replace(old, new, 1))
    if not expected:
        assert messages == []
        return
    assert len(messages) == 1, messages
    assert messages[0].startswith(expected), messages[0]


def test_release_warns_but_does_not_refuse_without_a_deputy(tmp_path: Path) -> None:
    text = FIXTURE_SETTINGS.read_text(encoding="utf-8")
    start = text.index("    deputy:")
    end = text.index("  care_coordinator:")
    settings_file = FIXTURE_SETTINGS.parent / "no-deputy.yml"
    settings_file.write_text(text[:start] + text[end:], encoding="utf-8")
    try:
        process = subprocess.run([sys.executable, "-m", "handboek.cli", "release-check"], capture_output=True,
                                 text=True, env={**os.environ, "HANDBOEK_SETTINGS": str(settings_file)}, cwd=ROOT)
    finally:
        settings_file.unlink()
    assert process.returncode == 0, process.stderr
    assert "warning: the aandachtsfunctionaris has no deputy" in process.stderr
    assert "ready for release, with 1 warning(s) above." in process.stdout
    assert "Traceback" not in process.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_minor_has_its_own_route_on_the_card_the_checklist_and_the_home_page(demo_build: Build, lang: str) -> None:
    organisations = yaml.safe_load((ROOT / "data" / "organisations.yml").read_text(encoding="utf-8"))["organisations"]
    phone = next(o["phone"] for o in organisations if o["id"] == "veilig-thuis")
    texts = yaml.safe_load((ROOT / "data" / lang / "texts.yml").read_text(encoding="utf-8"))["card"]
    line = texts["minor"].replace("{phone}", phone)
    assert phone in line
    for kind in ("card", "card_a4", "checklist"):
        assert squeeze(line) in squeeze(flat_pdf_text(pdf_path(demo_build, lang, kind))), kind
    home = html.document_fromstring(demo_build.page("" if lang == "nl" else "en/"))
    assert f"tel:{phone.replace('-', '')}" in [a.get("href") for a in home.iter("a")]
    assert any(a.get("href", "").endswith("minderjarigen/#wat-doe-je") for a in home.iter("a"))


def test_a_cover_too_full_for_the_card_is_refused(project: Path) -> None:
    """The emergency box closes the cover in the flow: more text than fits is an overflow, not text under text."""
    from handboek.model import project as loaded
    from handboek.pdf import documents, publish, render

    current, _ = loaded.load(project, "municipality.yml", "data", "docs", ["nl", "en"], "nl", KINDS)
    source = publish.print_source(current, "nl")
    render.render(documents.card(source, "x.pdf"))      # the shipped cover fits
    card = source.content.texts.card
    longer = card.model_copy(update={"minor": card.minor + " Bel daarna ook de politie en schrijf alles op." * 3})
    content = dataclasses.replace(source.content, texts=source.content.texts.model_copy(update={"card": longer}))
    with pytest.raises(ProblemsFound) as found:
        render.render(documents.card(dataclasses.replace(source, content=content), "x.pdf"))
    assert "the cover panel on page 1 overflows by" in str(found.value.problems[0].message)
