"""Dutch language level B1: the measures, the limits, and the check in the build and on the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, Build, run_build
from handboek import cli
from handboek.checks import readability
from handboek.checks.readability import Measurement

# Written at B1, in the handbook's own style.
B1_TEXT = """Zie je een signaal? Meld het dan bij de aandachtsfunctionaris. Dat is de collega die alle signalen
verzamelt. Je hoeft niets te bewijzen. Een signaal is een aanwijzing, geen bewijs. Twijfel je? Meld het dan
toch. Schrijf alleen op wat je zag en hoorde. Geef het formulier aan de aandachtsfunctionaris."""
# Official prose: long sentences and long words (C1).
OFFICIAL_TEXT = """Gemeenten hebben een belangrijke rol in de signalering van mensenhandel. Door de uitvoering van hun
wettelijke taken, zoals de inschrijving in de basisregistratie personen, de verstrekking van vergunningen en de
toekenning van uitkeringen, komen gemeentelijke medewerkers regelmatig in contact met potentiële slachtoffers.
Het is daarom van belang dat deze medewerkers de signalen herkennen en weten welke vervolgstappen noodzakelijk
zijn. De aandachtsfunctionaris mensenhandel coördineert de gemeentelijke aanpak en onderhoudt de contacten met
de relevante ketenpartners."""
# Everyday words, but every thought in one long sentence (B2 and up).
LONG_SENTENCES = """Als je aan de balie een signaal van seksuele uitbuiting ziet, is het belangrijk dat je dit zo snel
als je kunt doorgeeft aan de collega die daarvoor is aangewezen in je gemeente. Deze collega kijkt dan samen met
andere organisaties, zoals de politie en de zorg, welke stappen er nodig zijn om de persoon te helpen en te
beschermen. Je hoeft zelf niet te bewijzen dat er iets mis is, want een signaal is altijd een aanwijzing en
nooit een bewijs, en dat geldt ook als je twijfelt."""


@pytest.mark.parametrize(("word", "count"), [("balie", 2), ("signaal", 2), ("mensenhandel", 4),
                                             ("aandachtsfunctionaris", 7), ("e-mail", 2), ("organisatie", 5)])
def test_syllables_are_counted_with_the_dutch_dictionary(word: str, count: int) -> None:
    assert readability.syllables(word) == count


def test_long_words_have_four_syllables_or_more_and_are_never_numbers_or_abbreviations() -> None:
    assert readability.is_long("inschrijvingen") and readability.is_long("persoonsgegevens")
    assert not readability.is_long("uitbuiting")                  # 3 syllables
    assert not readability.is_long("2026") and not readability.is_long("CVDR722654")
    assert not readability.is_long("AVG") and not readability.is_long("UNODC")


def test_sentences_end_at_punctuation_before_a_capital_or_a_number() -> None:
    assert readability.sentences("Zie je een signaal? Meld het dan. Bel 112. Dat kan altijd!") == \
        ["Zie je een signaal?", "Meld het dan.", "Bel 112.", "Dat kan altijd!"]
    assert len(readability.sentences("Neem bijv. de folder mee. Dat helpt.")) == 2
    assert readability.words("Mail naar info@example.nl of kijk op https://example.nl/a-b.") == \
        ["Mail", "naar", "of", "kijk", "op"]


def test_only_running_text_is_read() -> None:
    page = """<h1>Een heel lange titel met woorden als aandachtsfunctionaris</h1>
    <p>Dit is een zin. <a href="x">Dit</a> is er <strong>nog</strong> een.</p>
    <ul><li>Een punt in een lijst.<ul><li>Een punt daaronder.</li></ul></li>
        <li><a href="https://example.nl">Bron met een lange naam: ketenpartners</a></li></ul>
    <pre><code>code telt niet</code></pre>
    <form><label for="a">Datum</label><input id="a"></form>"""
    assert readability.text_blocks(page) == [
        "Dit is een zin. Dit is er nog een.", "Een punt in een lijst.", "Een punt daaronder.", "Datum"]
    measured = readability.measure(page)
    assert (measured.sentences, measured.sentence_words, measured.words) == (4, 17, 18), \
        "the label is a word, not a sentence"


def test_only_complete_sentences_count_for_the_average() -> None:
    measured = readability.measure("<dl><dt>Telefoon</dt><dd>010 123 4567</dd></dl>"
                                   "<p>Bel ons op werkdagen tussen negen en vijf uur.</p>")
    assert measured.sentences == 1 and measured.sentence_length == 9.0
    assert measured.words == 13


def test_b1_text_passes() -> None:
    measured = readability.measure(paragraphs(B1_TEXT))
    assert measured.words >= readability.MIN_WORDS and measured.sentences >= readability.MIN_SENTENCES, "enough to judge"
    assert measured.sentence_length < 8 and measured.long_word_share < 0.1
    assert readability.verdict(measured) == []


def test_official_prose_fails_on_both_measures() -> None:
    measured = readability.measure(paragraphs(OFFICIAL_TEXT))
    assert measured.sentence_length > 18 and measured.long_word_share > 0.2
    found = readability.verdict(measured)
    assert len(found) == 2 and "sentences average" in found[0] and "syllables" in found[1]


def test_long_sentences_of_everyday_words_fail_on_sentence_length() -> None:
    measured = readability.measure(paragraphs(LONG_SENTENCES))
    assert measured.long_word_share < readability.MAX_LONG_WORD_SHARE
    assert [text.split()[0] for text in readability.verdict(measured)] == ["sentences"]


def test_too_little_text_is_not_judged() -> None:
    assert readability.verdict(Measurement(sentences=1, sentence_words=30, words=30, long_words=20)) == []
    few = Measurement(sentences=2, sentence_words=60, words=80, long_words=4)
    assert readability.verdict(few) == [], "two sentences give no average"


def paragraphs(text: str) -> str:
    """Plain text as the HTML of one paragraph per sentence pair, as a page would have it."""
    return "".join(f"<p>{' '.join(pair)}</p>" for pair in zip(*[iter(readability.sentences(text) + [""])] * 2, strict=False))


def test_problem_points_at_the_longest_sentence_in_the_source() -> None:
    source = "---\ntitle: x\n---\n\n# Titel\n\nIntro.\n\n" + OFFICIAL_TEXT + "\n"
    found = readability.problems("docs/nl/x.md", "<h1>Titel</h1>" + paragraphs(OFFICIAL_TEXT), source)
    assert len(found) == 1
    line = str(found[0])
    # The longest sentence starts on line 9 of the source, after a line break in the middle of line 9's text.
    assert re.match(r"docs/nl/x\.md:9: the text is above language level B1: sentences average [\d.]+ words"
                    r" \(B1: at most 15\); \d+% of the words have 4 or more syllables", line), line
    assert re.search(r" — write shorter sentences .* the longest sentence has \d+ words: \"Door de uitvoering", line)
    assert found[0].severity == "error"


def test_a_section_of_long_sentences_fails_even_when_the_page_passes() -> None:
    page = ("<h1>Titel</h1>" + paragraphs(B1_TEXT * 3) + "<h2>Beleid</h2>" + paragraphs(LONG_SENTENCES)
            + "<h2>Daarna</h2>" + paragraphs(B1_TEXT))
    assert readability.verdict(readability.measure(page)) == [], "the page as a whole is B1"
    found = readability.problems("docs/nl/x.md", page)
    assert [problem.message.split(" is above")[0] for problem in found] == ['the section "Beleid"']


def test_long_words_are_judged_for_the_page_not_per_section() -> None:
    jargon = ("<h2>In je regio</h2><p>De zorgcoördinator mensenhandel werkt per regio. Hij of zij helpt "
              "slachtoffers van mensenhandel. De zorgcoördinator kent de procedures. Bel de zorgcoördinator "
              "mensenhandel. Mail de aandachtsfunctionaris mensenhandel. De aandachtsfunctionaris helpt.</p>")
    assert readability.measure(jargon).long_word_share > readability.MAX_LONG_WORD_SHARE
    assert readability.problems("docs/nl/x.md", paragraphs(B1_TEXT * 4) + jargon) == []


def test_every_dutch_page_of_the_handbook_is_b1(demo_build: Build) -> None:
    assert demo_build.returncode == 0, demo_build.output
    assert "language level B1" not in demo_build.output
    judged = 0
    for source in sorted((ROOT / "docs" / "nl").rglob("*.md")):
        built = demo_build.site / readability_dir(source) / "index.html"
        measured = readability.measure(readability.built_content(built.read_text(encoding="utf-8")))
        assert readability.verdict(measured) == [], source
        judged += measured.words >= readability.MIN_WORDS
    assert judged >= 12


def readability_dir(source: Path) -> str:
    """Where a Dutch page is built."""
    from handboek.model.pages import url_dir

    return url_dir(source.relative_to(ROOT / "docs" / "nl").as_posix())


def test_build_stops_on_a_page_above_b1(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "nl" / "jouw-rol.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Beleid {#beleid}\n\n" + OFFICIAL_TEXT.replace("\n", " ")
                    + "\n\n" + LONG_SENTENCES.replace("\n", " ") + "\n", encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False)
    assert build.returncode != 0
    added = [number for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
             if line.startswith(("Gemeenten hebben", "Als je aan de balie"))]
    found = re.search(r"^docs/nl/jouw-rol\.md:(\d+): the section \"Beleid\" is above language level B1: "
                      r"sentences average [\d.]+ words \(B1: at most 15\) — write shorter",
                      build.output, re.MULTILINE)
    assert found and int(found.group(1)) in added, build.output


def test_command_prints_a_table_of_every_dutch_page(demo_build: Build, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert cli.main(["readability", "--site", str(demo_build.site)]) == 0
    output = capsys.readouterr().out
    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs" / "nl").rglob("*.md"))
    rows = [line.split()[0] for line in output.splitlines()[1:-1]]
    assert rows == pages
    assert output.splitlines()[0].split()[:3] == ["page", "sentences", "words"]
    assert "B1 limits: at most 15 words per sentence on average" in output


def test_command_says_how_to_get_a_site_when_there_is_none(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["readability", "--site", str(tmp_path)]) == 2
    assert "make check" in capsys.readouterr().err
