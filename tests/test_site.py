"""The handbook site as a reader gets it: strict build, both languages, the signals, nothing external."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html

from conftest import LANGUAGES, ROOT, TODAY, Build, run_build

sys.path.insert(0, str(ROOT / "benchmarks"))
import navcompare  # noqa: E402 - benchmarks/navcompare.py, shared with `make bench`

# The leaflet's nine signals and the non-verbal signals, as words that must appear on the signals page.
LEAFLET_SIGNALS = {
    "nl": [("companion-holds-id", "paspoort"), ("companion-answers", "alle vragen"), ("young-foreign-woman", "23"),
           ("possibly-minor", "minderjarig"), ("language-barrier", "taal"), ("tension-fear", "angst"),
           ("many-registrations", "inschrijvingen"), ("submissive", "onderdanig"),
           ("unknown-home-work", "wonen")],
    "en": [("companion-holds-id", "passport"), ("companion-answers", "all questions"), ("young-foreign-woman", "23"),
           ("possibly-minor", "minor"), ("language-barrier", "language"), ("tension-fear", "fear"),
           ("many-registrations", "registered"), ("submissive", "submissive"), ("unknown-home-work", "live")],
}
NONVERBAL = {"nl": ["timide", "ontwijkende blik", "angstig"], "en": ["timid", "avoid", "frightened"]}


def test_strict_build_passes_without_warnings(demo_build: Build) -> None:
    assert demo_build.returncode == 0, demo_build.output
    assert not re.search(r"^(WARNING|ERROR)\b", demo_build.output, re.MULTILINE), demo_build.output
    assert "warning:" not in demo_build.output and "Checks:" not in demo_build.output, demo_build.output


def test_every_page_exists_in_both_languages() -> None:
    trees = {lang: {p.relative_to(ROOT / "docs" / lang) for p in (ROOT / "docs" / lang).rglob("*.md")}
             for lang in LANGUAGES}
    assert trees["nl"] == trees["en"]
    assert len(trees["nl"]) >= 15


def test_every_built_page_has_its_twin(demo_build: Build) -> None:
    nl = {p.relative_to(demo_build.site) for p in demo_build.site.rglob("index.html") if p.parts[
        len(demo_build.site.parts)] not in {"en", "assets", "search"}}
    en = {p.relative_to(demo_build.site / "en") for p in (demo_build.site / "en").rglob("index.html")}
    assert nl == en and len(nl) >= 15


def test_signals_page_has_the_nine_signals_and_the_nonverbal_ones(demo_build: Build) -> None:
    for lang in LANGUAGES:
        page = html.document_fromstring(demo_build.page("signalen" if lang == "nl" else "en/signalen"))
        article = page.find_class("md-content__inner")[0]
        text = article.text_content().lower()
        for signal_id, word in LEAFLET_SIGNALS[lang]:
            heading = article.get_element_by_id(signal_id)
            assert heading.tag == "h3", signal_id
            section = heading.text_content() + (heading.getnext().text_content() if heading.getnext() is not None else "")
            assert word in section.lower(), (lang, signal_id, word)
        assert len(article.xpath(".//h3[starts-with(normalize-space(), '9.')]")) == 1
        for word in NONVERBAL[lang]:
            assert word in text, (lang, word)
        assert ("aanwijzing, geen bewijs" if lang == "nl" else "indication, not proof") in text


def test_home_reaches_signals_steps_and_contacts_within_two_clicks(demo_build: Build) -> None:
    for lang, home in (("nl", ""), ("en", "en/")):
        page = html.document_fromstring(demo_build.page(home or "."))
        links = {urljoin(f"/{home}", a.get("href")) for a in page.iter("a") if a.get("href")}
        for target in ("signalen/", "wat-te-doen/", "organisaties/"):
            assert any(urlsplit(link).path == f"/{home}{target}" for link in links), (lang, target)
        assert page.find_class("contact-card"), "the start page shows whom to report to"
        assert "tel:112" in {a.get("href") for a in page.iter("a")}


def test_no_page_or_stylesheet_loads_anything_from_outside(demo_build: Build) -> None:
    offenders = []
    for path in demo_build.html_files():
        tree = html.document_fromstring(path.read_bytes())
        for element, attribute in [*((e, "src") for e in tree.xpath("//*[@src]")),
                                   *((e, "href") for e in tree.xpath("//link[@href]"))]:
            value = element.get(attribute)
            rel = element.get("rel") or ""
            if element.tag == "link" and rel in {"canonical", "alternate"}:
                continue
            if urlsplit(value).scheme in {"http", "https"} or value.startswith("//"):
                offenders.append(f"{path.relative_to(demo_build.site)}: {value}")
        if tree.xpath("//style[contains(., '@import')]"):
            offenders.append(f"{path}: @import in a style element")
    for path in [*demo_build.site.rglob("*.css"), *demo_build.site.rglob("*.js")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"""(?:url\(|@import\s+)["']?(https?:)?//[^"')\s]+""", text):
            offenders.append(f"{path.relative_to(demo_build.site)}: {url}")
    assert not offenders, offenders


def test_every_external_link_in_the_content_uses_https(demo_build: Build) -> None:
    insecure = []
    for path in demo_build.html_files():
        tree = html.document_fromstring(path.read_bytes())
        insecure += [f"{path}: {a.get('href')}" for a in tree.iter("a") if (a.get("href") or "").startswith("http:")]
    assert not insecure
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")]
    sources += [p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yml")]
    # An archived page keeps its old address inside an https one; only an address that starts with http:// counts.
    assert not [line for text in sources for line in text.splitlines() if re.search(r"(?<![/\w])http://", line)]


def test_language_selector_keeps_the_reader_on_the_same_page(demo_build: Build) -> None:
    page = html.document_fromstring(demo_build.page("signalen"))
    switch = {a.get("hreflang"): a.get("href") for a in page.xpath("//a[@hreflang]")}
    assert urljoin("/signalen/", switch["en"]) == "/en/signalen/"
    home = html.document_fromstring(demo_build.page("en"))
    switch = {a.get("hreflang"): a.get("href") for a in home.xpath("//a[@hreflang]")}
    assert urljoin("/en/", switch["nl"]) == "/", "relative, so it works under any sub-path"


def test_no_page_gives_materials_script_a_language_root_to_fetch_a_sitemap_from(demo_build: Build) -> None:
    """Material fetches sitemap.xml next to every <link rel="alternate">: per-page links gave two 404s a view."""
    offenders = [f"{path.relative_to(demo_build.site)}: {link.get('href')}" for path in demo_build.html_files()
                 for link in html.document_fromstring(path.read_bytes()).xpath("//link[@rel='alternate']")]
    assert not offenders, offenders
    not_found = html.document_fromstring((demo_build.site / "404.html").read_bytes())
    switch = {a.get("hreflang"): a.get("href") for a in not_found.xpath("//a[@hreflang]")}
    assert {urljoin("/x/y/z/", href) for href in switch.values()} == \
        {"/handboek-mensenhandel/", "/handboek-mensenhandel/en/"}, "404.html is served at any depth"


def test_sitemap_gives_every_page_its_language_versions_as_absolute_urls(demo_build: Build) -> None:
    """The hreflang alternates live in sitemap.xml: absolute, each page listing itself and its translation."""
    from lxml import etree

    base = "https://intranet.example.nl/handboek-mensenhandel/"
    tree = etree.parse(str(demo_build.site / "sitemap.xml"))
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    groups = {}
    for url in tree.xpath("//s:url", namespaces=names):
        location = url.findtext("s:loc", namespaces=names)
        alternates = {link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=names)}
        assert set(alternates) == set(LANGUAGES) and location in alternates.values(), location
        for href in alternates.values():
            assert href.startswith(base), href
            assert (demo_build.site / href.removeprefix(base) / "index.html").is_file(), href
        groups[location] = alternates
    assert len(groups) == 2 * len(list((ROOT / "docs" / "nl").rglob("*.md")))
    assert all(groups[href] == alternates for alternates in groups.values() for href in alternates.values())


def test_search_indexes_both_languages_with_stemming(demo_build: Build) -> None:
    import json

    index = json.loads((demo_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(index["config"]["lang"]) >= {"nl", "en"}
    locations = {doc["location"].split("/")[0] for doc in index["docs"]}
    assert "en" in locations and "signalen" in locations
    assert (demo_build.site / "assets/javascripts/lunr/min/lunr.nl.min.js").is_file()


def test_no_google_fonts_no_analytics_no_cdn(demo_build: Build) -> None:
    page = demo_build.page("signalen")
    for host in ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "unpkg.com", "cdn.jsdelivr", "api.github"):
        assert host not in page


def test_what_changed_page_lists_change_notes_with_links(demo_build: Build) -> None:
    for lang, path, note in (("nl", "over/wijzigingen", "Eerste versie van het handboek."),
                             ("en", "en/over/wijzigingen", "First version of the handbook.")):
        article = html.document_fromstring(demo_build.page(path)).find_class("md-content__inner")[0]
        rows = article.xpath(".//table//tr[td]")
        assert any(note in row.text_content() for row in rows), lang
        assert any(a.get("href") == "../.." or a.get("href", "").startswith("../../") for a in article.iter("a")), lang


def test_translation_status_page_lists_every_page(demo_build: Build) -> None:
    article = html.document_fromstring(demo_build.page("over/vertalingen")).find_class("md-content__inner")[0]
    rows = [row.text_content() for row in article.xpath(".//table//tr[td]")]
    assert len(rows) >= 19 and all("bijgewerkt" in row for row in rows)
    assert any("docs/nl/signalen.md" in row for row in rows) and any("data/nl/signals.yml" in row for row in rows)


def test_a_one_language_preview_builds_cleanly_and_says_what_it_leaves_out(tmp_path: Path) -> None:
    # `make serve` previews one language (HANDBOEK_ONLY_LANGUAGE), so that a saved page shows within a second.
    for lang, status_text in (("nl", "alleen het Nederlands"), ("en", "one language only")):
        build = run_build(ROOT, tmp_path / lang, pdf=False, today=TODAY, only_language=lang)
        assert build.returncode == 0, build.output
        assert "Checks:" not in build.output, build.output
        assert not (build.site / "en").exists(), "the preview language is at the site root"
        assert f'<html lang="{lang}"' in build.page("signalen")
        status = html.document_fromstring(build.page("over/vertalingen")).find_class("md-content__inner")[0]
        assert status_text in status.text_content() and not status.xpath(".//table"), lang
        about = html.document_fromstring(build.page("signalen")).xpath("//*[contains(@class, 'handboek-colophon')]//a")
        assert urljoin("/signalen/", about[0].get("href")) == "/over/", lang


def test_the_one_404_page_is_in_the_default_language(demo_build: Build) -> None:
    page = (demo_build.site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in page
    assert 'href="/handboek-mensenhandel/assets/stylesheets/' in page, "absolute under the site's sub-path"


def test_navigation_override_gives_materials_navigation_on_every_page(demo_build: Build, project: Path,
                                                                     tmp_path: Path) -> None:
    # overrides/partials/nav-item.html renders inactive nav items once per build (for speed); a reader must see
    # the same sidebar as with Material's own template: same items, same order, same targets, same state.
    (project / "overrides" / "partials" / "nav-item.html").unlink()
    material = run_build(project, tmp_path / "material-site", pdf=False, today=TODAY)
    assert material.returncode == 0, material.output
    count, different = navcompare.compare(material.site, demo_build.site)
    assert count == 2 * len(list((ROOT / "docs" / "nl").rglob("*.md"))) and different == []
    assert 'class="md-nav__link md-nav__link--active"' in demo_build.page("en/signalen/")
