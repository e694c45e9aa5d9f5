"""Nothing gets in: settings and content are text, never a script that runs on the intranet."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, ROOT, run_build
from handboek.model import content, settings
from handboek.pdf.products import KINDS
from handboek.problems import ProblemsFound
from test_counter_procedure import NEW_KEYS
from test_settings import problems_for

MARKUP = '<img src=x onerror="alert(1)">'


def text_keys(data: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key of the settings whose value is free text (not a colour, phone number, e-mail address or URL)."""
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in text_keys(value, (*path, key))]
    special = {"primary_color", "accent_color", "phone", "email", "website", "handbook_url", "report_form_url",
               "repo_edit_url", "logo", "via", "regular", "bold", "italic"}
    return [path] if isinstance(data, str) and path[-1] not in special else []


def with_value(text: str, path: tuple[str, ...], value: str) -> str:
    """The settings with the value at `path` replaced."""
    data = yaml.safe_load(text)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("path", text_keys(yaml.safe_load(NEW_KEYS)) + [("contacts", "interpreter", "available"),
                                                                          ("house_style", "font_family")],
                         ids=".".join)
def test_markup_in_any_text_setting_is_one_clear_line(tmp_path: Path, path: tuple[str, ...]) -> None:
    messages = problems_for(tmp_path, with_value(NEW_KEYS, path, MARKUP))
    assert len(messages) == 1, messages
    assert re.match(rf"municipality\.yml:\d+: {re.escape('.'.join(path))}: '.*' contains < or >, which are not "
                    r"allowed here — write it as plain text, without < and >$", messages[0]), messages[0]


@pytest.mark.parametrize("key", ["website", "handbook_url", "report_form_url", "repo_edit_url"])
def test_a_script_address_in_a_url_setting_is_refused(tmp_path: Path, key: str) -> None:
    text = with_value(NEW_KEYS, ("municipality", "website") if key == "website" else (key,), "javascript:alert(1)")
    messages = problems_for(tmp_path, text)
    assert len(messages) == 1 and "'javascript:alert(1)' is not an https web address" in messages[0], messages


SCRIPTS_IN_A_PAGE = {
    "<script>alert(1)</script>": "a <script> element is not allowed — remove it; a script of the site belongs in "
                                 "overrides/assets/javascripts/",
    '<a href="#" onclick="alert(1)">klik</a>': "the event attribute onclick=, which runs code is not allowed — "
                                              "remove the attribute",
    "[klik](javascript:alert(1))": "a javascript: address, which runs code is not allowed — link to a page or a web "
                                   "address (https://) instead",
    '<iframe src="https://example.org/"></iframe>': "an <iframe> element, which shows another page or program is "
                                                    "not allowed",
}


def test_each_script_in_a_page_stops_the_build_with_its_own_line(project: Path, tmp_path: Path) -> None:
    """One build with each kind on a line of its own: each gets its own message with its line."""
    page = project / "docs" / "nl" / "signalen.md"
    text = page.read_text(encoding="utf-8")
    lines = {}
    for written in SCRIPTS_IN_A_PAGE:
        text += f"\n{written}\n"
        lines[written] = text.count("\n")
    page.write_text(text, encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False, only_language="nl")
    assert build.returncode != 0 and "Traceback" not in build.output
    for written, expected in SCRIPTS_IN_A_PAGE.items():
        assert f"docs/nl/signalen.md:{lines[written]}: {expected}" in build.output, (written, build.output)


@pytest.mark.parametrize("written", ['<b onmouseover="alert(1)">let op</b>', "<script>alert(1)</script>"])
def test_a_script_in_a_data_text_is_one_line_with_its_place(tmp_path: Path, written: str) -> None:
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    path = data / "nl" / "signals.yml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("De persoon zelf zegt weinig of niets.", f"De persoon zegt weinig. {written}", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        content.load(data, list(LANGUAGES), tmp_path, dt.date.today(), KINDS)
    messages = [str(problem) for problem in found.value.problems]
    line = changed[:changed.index(written)].count("\n") + 1
    assert len(messages) == 1 and messages[0].startswith(f"data/nl/signals.yml:{line}: "), messages


def test_names_with_ampersands_are_printed_as_text(project: Path, tmp_path: Path) -> None:
    """Plain text that looks like HTML entities stays text: the site name is escaped where Material prints it."""
    path = project / "municipality.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Gemeente Voorbeeld", 'name: "Gemeente A & B"', 1),
                    encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False, only_language="nl")
    assert build.returncode == 0, build.output
    page = build.page("signalen")
    assert "Gemeente A &amp; B" in page and "Gemeente A & B" not in page.replace("Gemeente A &amp; B", "")
    assert settings.load(path).municipality.name == "Gemeente A & B"
