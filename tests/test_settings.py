"""municipality.yml: validation messages, the demo default, the second municipality and `make release`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import FIXTURE_SETTINGS, ROOT, Build, pdf_pages, pdf_text, run_build
from handboek.model import settings
from handboek.problems import ProblemsFound

VALID = textwrap.dedent("""\
    demo: false
    municipality:
      name: Gemeente Proef
      logo: logo.svg
      website: https://www.proef.nl
    house_style:
      primary_color: "#1d5c8b"
      accent_color: "#e17000"
    contacts:
      attention_officer:
        name: "B. Proef"
        phone: "010 123 4567"
        email: "mensenhandel@proef.nl"
    handbook_url: https://intranet.proef.nl/handboek/
    """)


def problems_for(tmp_path: Path, text: str) -> list[str]:
    """The messages for a settings file with `text`, or [] when it is valid."""
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    path = tmp_path / "municipality.yml"
    path.write_text(text, encoding="utf-8")
    try:
        settings.load(path, "municipality.yml")
    except ProblemsFound as found:
        return [str(problem) for problem in found.problems]
    return []


def test_valid_settings_load(tmp_path: Path) -> None:
    assert problems_for(tmp_path, VALID) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("    phone:", "    phon:"), "municipality.yml:12: contacts.attention_officer.phon: unknown key 'phon' — remove it"),
    (('  name: Gemeente Proef', '  name: [Gemeente, Proef]'), "municipality.yml:3: municipality.name: must be text"),
    (('"010 123 4567"', '0101234567'), "municipality.yml:12: contacts.attention_officer.phone: must be text, between "
                                       "quotes — for example phone: \"010 123 4567\""),
    (('"#1d5c8b"', '"blauwachtig"'), "municipality.yml:7: house_style.primary_color: 'blauwachtig' is not a colour — "
                                     "for example primary_color: \"#1d5c8b\""),
    (('"010 123 4567"', '"12345"'), "municipality.yml:12: contacts.attention_officer.phone: '12345' is not a Dutch or "
                                    "international phone number"),
    (('"mensenhandel@proef.nl"', '"mensenhandel-at-proef.nl"'), "municipality.yml:13: contacts.attention_officer.email: "
                                                                "'mensenhandel-at-proef.nl' is not an e-mail address"),
    (("https://www.proef.nl", "www.proef.nl"), "municipality.yml:5: municipality.website: 'www.proef.nl' is not an "
                                               "https web address — for example website: https://"),
    (("logo: logo.svg", "logo: missing.svg"), "municipality.yml:4: municipality.logo: the file 'missing.svg' does not "
                                              "exist"),
    (("  accent_color:", "  - accent_color:"), "municipality.yml:8: this is not valid YAML"),
    (('"#1d5c8b"', '"#f0c000"'), "municipality.yml:7: house_style.primary_color: white text on #f0c000 has a contrast "
                                 "of 1.7"),
])
def test_each_invalid_value_gets_one_clear_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in VALID
    messages = problems_for(tmp_path, VALID.replace(old, new, 1))
    assert len(messages) == 1, messages
    assert messages[0].startswith(expected), messages[0]


def test_contrast_error_names_the_colour_that_would_pass(tmp_path: Path) -> None:
    [message] = problems_for(tmp_path, VALID.replace('"#1d5c8b"', '"#f0c000"'))
    suggested = message.rsplit('primary_color: "', 1)[1].rstrip('"')
    assert problems_for(tmp_path, VALID.replace('"#1d5c8b"', f'"{suggested}"')) == []


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_any_text_gives_settings_or_messages_never_a_crash(tmp_path: Path, text: str) -> None:
    for message in problems_for(tmp_path, text):
        assert message.startswith("municipality.yml:") and " — " in message


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["demo", "municipality", "house_style", "contacts", "handbook_url", "x"]), value=yaml_values)
def test_any_value_gives_settings_or_messages_never_a_crash(tmp_path: Path, key: str, value: object) -> None:
    import yaml

    data = yaml.safe_load(VALID)
    data[key] = value
    for message in problems_for(tmp_path, yaml.safe_dump(data, allow_unicode=True)):
        assert message.startswith("municipality.yml:") and " — " in message


def test_bad_settings_stop_the_build_with_lines_and_no_traceback(project: Path) -> None:
    path = project / "municipality.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('primary_color: "#1d5c8b"', 'primary_color: "#ffff00"'),
                    encoding="utf-8")
    build = run_build(project, project / "site", pdf=False)
    assert build.returncode == 1
    assert "municipality.yml:14: house_style.primary_color: white text on #ffff00" in build.output
    assert "Traceback" not in build.output
    assert not (project / "site").exists(), "nothing is written when the settings are wrong"


def test_demo_banner_on_every_page_and_mark_on_every_pdf(demo_build: Build) -> None:
    for page in demo_build.html_files():
        if page.name == "404.html":
            continue
        text = page.read_text(encoding="utf-8")
        assert "handboek-demo-banner" in text, page
        assert "Voorbeeldinstellingen" in text or "Example settings" in text
    for pdf in demo_build.site.rglob("*.pdf"):
        first = pdf_pages(pdf)[0]
        assert "VOORBEELD" in first or "EXAMPLE" in first, pdf


def test_second_municipality_shows_its_own_values_and_no_demo_ones(fixture_build: Build) -> None:
    assert fixture_build.returncode == 0, fixture_build.output
    home, contacts = fixture_build.page("."), fixture_build.page("organisaties")
    for value in ("Gemeente Testwijk", "Fatima el Testouti", "tel:0101234567", "mensenhandel@testwijk.nl"):
        assert value in home, value
    assert "Zorgcoördinatie Testregio" in contacts and "tel:0612345678" in contacts
    css = (fixture_build.site / "assets/stylesheets/huisstijl.css").read_text(encoding="utf-8")
    assert "#6b2c91" in css and "#00857c" in css and "Testwijk Sans" in css
    assert (fixture_build.site / "assets/huisstijl/logo.png").is_file()
    assert 'href="https://git.testwijk.nl/web/handboek/-/edit/main/docs/nl/signalen.md"' in fixture_build.page("signalen")
    demo_words = ("Voorbeeld", "example.nl", "Example settings", "#1d5c8b", "handboek-demo-banner")
    for page in fixture_build.html_files():
        text = page.read_text(encoding="utf-8")
        assert not [word for word in demo_words if word in text], page
    text = pdf_text(fixture_build.site / "downloads/zakkaart.pdf")
    assert "Gemeente Testwijk" in text and "Fatima el Testouti" in text and "VOORBEELD" not in text


def test_report_form_url_is_offered_first(fixture_build: Build, demo_build: Build) -> None:
    from lxml import html

    article = html.document_fromstring(fixture_build.page("feiten-vastleggen")).find_class("md-content__inner")[0]
    links = [a.get("href") for a in article.iter("a")]
    assert links.index("https://intranet.testwijk.nl/melden/") < links.index("../meldingsformulier/")
    assert "intranet.testwijk.nl/melden" not in demo_build.page("feiten-vastleggen")


def release(settings_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the release check as `make release` does."""
    return subprocess.run([sys.executable, "-m", "handboek.cli", "release-check"], capture_output=True, text=True,
                          env={"HANDBOEK_SETTINGS": str(settings_path), "PATH": ""}, cwd=ROOT)


def test_release_refuses_the_demo_settings() -> None:
    result = release(ROOT / "municipality.yml")
    assert result.returncode == 1
    assert "municipality.yml:6: demo is true" in result.stderr
    assert "contacts.attention_officer.phone is empty" in result.stderr
    assert "Release refused" in result.stderr and "Traceback" not in result.stderr


def test_release_accepts_the_second_municipality() -> None:
    result = release(FIXTURE_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert "ready for release" in result.stdout


def test_make_release_refuses_demo_and_builds_nothing(tmp_path: Path) -> None:
    result = subprocess.run(["make", "--no-print-directory", "release", f"SITE={tmp_path / 'site'}"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "Release refused" in result.stderr
    assert not (tmp_path / "site").exists()


def test_make_release_builds_the_second_municipality(fixture_build: Build, tmp_path: Path) -> None:
    """After the fixture's build of the same municipality, so that its PDFs come from the cache."""
    import os

    result = subprocess.run(["make", "--no-print-directory", "release", f"SITE={tmp_path / 'site'}"], cwd=ROOT,
                            capture_output=True, text=True,
                            env={**os.environ, "HANDBOEK_SETTINGS": str(FIXTURE_SETTINGS), "HANDBOEK_TODAY": "2026-11-28"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site/downloads/zakkaart.pdf").is_file()
    assert "Gemeente Testwijk" in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_the_house_style_becomes_the_sites_colours_with_readable_shades() -> None:
    from handboek.site import style

    css = style.css(settings.load(ROOT / "municipality.yml"))
    assert "--md-primary-fg-color: #1d5c8b;" in css
    assert "--md-accent-fg-color: #bb5c00;" in css, "the accent, darkened until text on white reaches 4.5:1"
