"""`handboek` commands for editors and webmasters: mark translations, status, release check, online links."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from handboek.model import helpcard, pages, settings, translations, yamlfile
from handboek.problems import Problem, ProblemsFound, Report

SOURCE_LANGUAGE = "nl"


def _source_of(translation: Path) -> Path:
    """`docs/en/x.md` → `docs/nl/x.md`; `data/en/x.yml` → `data/nl/x.yml`; `data/help-card/pl.yml` →
    `data/help-card/nl.yml`."""
    if translation.parent.name == helpcard.FOLDER:
        return translation.with_name(f"{SOURCE_LANGUAGE}.yml")
    parts = list(translation.parts)
    for index, part in enumerate(parts[:-1]):
        if part in {"docs", "data"}:
            parts[index + 1] = SOURCE_LANGUAGE
            return Path(*parts)
    raise ValueError(f"{translation} is not under docs/<language>/ or data/<language>/")


def _help_card_version(path: Path) -> str:
    """For a help card: the version its review covers (nl.yml's texts and its own); for other files: empty."""
    if path.parent.name != helpcard.FOLDER:
        return ""
    cards, problems = helpcard.read_cards(path.parent, Path.cwd())
    card = cards.get(path.stem)        # a card file is named after its language
    if card is None:
        raise ValueError("; ".join(problem.message for problem in problems) or "it is not a help card file")
    return card.version


def cmd_translated(args: argparse.Namespace) -> int:
    """Record in each translation that it follows the current Dutch source."""
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            source = _source_of(path)
            if source == path:
                raise ValueError(f"{name} is a Dutch source file")
            if not path.is_file() or not source.is_file():
                raise ValueError(f"{name} or its source {source} does not exist")
            version = translations.mark(path, source, _help_card_version(path))
            print(f"{name}: marked as a translation of {source} (version {version})")
        except ValueError as error:
            print(f"{name}:1: cannot mark this translation: {error} — name a file under docs/en/, data/en/ "
                  "or data/help-card/", file=sys.stderr)
            status = 1
    return status


def _translations(root: Path) -> tuple[list[translations.Entry], list[Problem]]:
    """The status of every translated page and data file, and the problems of those not current."""
    docs = root / "docs"
    languages = sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name != SOURCE_LANGUAGE)
    found = {lang: pages.scan(docs, lang, root)[0] for lang in [SOURCE_LANGUAGE, *languages]}
    return translations.status(root, docs, root / "data", found, SOURCE_LANGUAGE)


def cmd_status(args: argparse.Namespace) -> int:
    """Print the translation status of every page and data file."""
    entries, _ = _translations(Path.cwd())
    for entry in entries:
        print(f"{entry.status:<9} {entry.translation}  (from {entry.source})")
    counts = Counter(entry.status for entry in entries)
    print("Translations: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    return 0


def cmd_release_check(args: argparse.Namespace) -> int:
    """Refuse a release while example values or empty contacts remain, or a translation was not checked."""
    path = Path(os.environ.get("HANDBOEK_SETTINGS", "municipality.yml"))
    report = Report()
    try:
        loaded = settings.load(path)
        report.update(settings.release_problems(loaded, yamlfile.load(path), path.parent))
        # The help card languages this gemeente prints that no person has reviewed.
        cards, problems = helpcard.read_cards(Path.cwd() / "data" / helpcard.FOLDER, Path.cwd())
        codes, unknown = helpcard.chosen(loaded.help_card.languages if loaded.help_card else None, cards, path, str(path))
        report.update([*problems, *unknown, *helpcard.release_problems(helpcard.HelpCards(cards, codes))])
    except ProblemsFound as found:
        report.update(found.problems)
    # A translation a person has not checked against the current Dutch text may not reach the counter.
    _, unchecked = _translations(Path.cwd())
    report.update(replace(problem, severity="error") for problem in unchecked)
    for line in report.lines():
        print(line, file=sys.stderr)
    if report.errors:
        print(f"Release refused: {len(report.errors)} problem(s) above. A release may not carry example or empty "
              "contacts, or a translation (of a page or a help card) nobody checked against the Dutch text.", file=sys.stderr)
        return 1
    print(f"{path}: ready for release" + (f", with {len(report.warnings)} warning(s) above." if report.warnings else "."))
    return 0


def cmd_check_online(args: argparse.Namespace) -> int:
    """Check every external link once, concurrently, with a cache (needs internet)."""
    from handboek.checks import online

    return online.main(Path.cwd(), Path(args.site))


def cmd_readability(args: argparse.Namespace) -> int:
    """Print the language-level numbers of every Dutch page of a built site; 1 when a page is above B1."""
    from handboek.checks import readability

    docs, site = Path.cwd() / "docs" / readability.LANGUAGE, Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here — run `make check` first, or name one with --site", file=sys.stderr)
        return 2
    contents = []
    for source in sorted(docs.rglob("*.md")):
        built = site / pages.url_dir(source.relative_to(docs).as_posix()) / "index.html"
        if built.is_file():
            contents.append((source.relative_to(Path.cwd()).as_posix(),
                             readability.built_content(built.read_text(encoding="utf-8"))))
    print(readability.table(contents))
    found = [problem for path, content in contents
             for problem in readability.problems(path, content, (Path.cwd() / path).read_text(encoding="utf-8"))]
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


def cmd_language(args: argparse.Namespace) -> int:
    """Start a new language from the English pages and data, marked as not yet translated."""
    import re
    import shutil

    from babel import Locale, UnknownLocaleError

    root, lang, source = Path.cwd(), args.lang, "en"
    try:
        name = Locale.parse(lang).get_display_name(lang).capitalize() if re.fullmatch(r"[a-z]{2}", lang) else ""
    except (ValueError, UnknownLocaleError):
        name = ""
    if not name:
        print(f"mkdocs.yml:1: '{lang}' is not a language code — use two lowercase letters, e.g. make language LANG=pl",
              file=sys.stderr)
        return 2
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if (root / "docs" / lang).exists() or f"- locale: {lang}\n" in config:
        print(f"docs/{lang}:1: the language '{lang}' exists already — translate its files, then run make translated",
              file=sys.stderr)
        return 2
    shutil.copytree(root / "docs" / source, root / "docs" / lang)
    shutil.copytree(root / "data" / source, root / "data" / lang)
    for path in [*(root / "docs" / lang).rglob("*.md"), *(root / "data" / lang).glob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^translated_from:.*$", f'translated_from: "{translations.NOT_YET}"', text, count=1,
                               flags=re.MULTILINE), encoding="utf-8")
    # Every organisation gets a block for the new language: a copy of its English block, to translate.
    organisations = root / "data" / "organisations.yml"
    block = re.compile(rf"^    {source}:\n(?:      .*(?:\n|$))*", re.MULTILINE)     # `en:` and the lines under it
    text = block.sub(lambda found: found[0] + found[0].replace(f"    {source}:\n", f"    {lang}:\n", 1),
                     organisations.read_text(encoding="utf-8"))
    organisations.write_text(text, encoding="utf-8")
    # The site builds the new language: a copy of the English entry in mkdocs.yml, under its own name.
    start = config.index(f"        - locale: {source}\n")
    end = config.index("\n\n", start) + 1
    entry = config[start:end].replace(f"- locale: {source}\n", f"- locale: {lang}\n", 1)
    entry = re.sub(r"^          name: .*$", f"          name: {name}", entry, count=1, flags=re.MULTILINE)
    config = config[:end] + entry + config[end:]
    # ... and the language selector lists it, after the last language there.
    selector = config.index("\n", config.index(f"      lang: {source}\n", config.index("  alternate:"))) + 1
    config = config[:selector] + f"    - name: {name}\n      link: {lang}/\n      lang: {lang}\n" + config[selector:]
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    print(f"Added '{lang}' ({name}): docs/{lang}/ and data/{lang}/ are copies of the English files, marked as not "
          f"translated yet, and data/organisations.yml has '{lang}:' blocks. Translate them, then run "
          f"make translated FILE=<file> for each (CONTRIBUTING.md, 'A new language').")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run a `handboek` command."""
    parser = argparse.ArgumentParser(prog="handboek", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    translated = commands.add_parser("translated", help="mark translations as following the current Dutch source")
    translated.add_argument("files", nargs="+", metavar="FILE")
    translated.set_defaults(run=cmd_translated)
    commands.add_parser("status", help="translation status of every page").set_defaults(run=cmd_status)
    commands.add_parser("release-check", help="refuse example settings").set_defaults(run=cmd_release_check)
    online = commands.add_parser("check-online", help="check external links (needs internet)")
    online.add_argument("--site", default=".cache/check-site", help="the built site to read links from")
    online.set_defaults(run=cmd_check_online)
    language = commands.add_parser("language", help="start a new language from the English files")
    language.add_argument("lang", help="the two-letter code of the language, e.g. pl")
    language.set_defaults(run=cmd_language)
    level = commands.add_parser("readability", help="language level (B1) numbers of every Dutch page")
    level.add_argument("--site", default=".cache/check-site", help="the built site to read the pages from")
    level.set_defaults(run=cmd_readability)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ProblemsFound as found:
        print("\n".join(str(p) for p in found.problems), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
