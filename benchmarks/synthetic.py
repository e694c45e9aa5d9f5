"""Synthetic and copied projects for the benchmarks, each in its own folder under benchmarks/work/.

A project is a folder with a mkdocs.yml, docs/nl and docs/en, and (for the variants that use them) copies
of data/, overrides/, hooks/ and municipality.yml. The variants:

- ``project``:          the handbook's own mkdocs.yml and hooks/lifecycle.py; PDFs follow HANDBOEK_PDF at build time.
- ``plain``:            the same docs with Material + mkdocs-static-i18n only: no hooks, no custom_dir,
                        no extra_css/extra_javascript, no favicon from the house style.
- ``peer``:             ``plain`` + mkdocs-to-pdf (WeasyPrint), which renders one PDF of each language's pages
                        (issue 16: the peer our cold build with every print product is compared with).
- ``htmlproofer``:      ``plain`` + mkdocs-htmlproofer-plugin 1.6.0 with ``validate_external_urls: false``.
- ``project+materialnav``: the handbook with Material's own nav-item.html instead of the override
                        (how the handbook was built before the override).
- ``plain+nonav``:      ``plain`` without any navigation (ablation: what the navigation costs).
- ``plain+prune``:      ``plain`` with Material's ``navigation.prune``.

Run as a script to make one project by hand:
    .venv/bin/python benchmarks/synthetic.py --pages 100 --variant plain benchmarks/work/try-plain
"""

from __future__ import annotations

import argparse
import copy
import posixpath
import random
import shutil
import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
PROJECT_PARTS = ("municipality.yml", "data", "overrides", "hooks")
PAGES_PER_SECTION = 20
TODAY = "2026-11-28"

sys.path.insert(0, str(ROOT / "src"))
from handboek.model.translations import page_version  # noqa: E402  (the project's own package)


# --- mkdocs.yml: read and write it with its !ENV tags intact ------------------------------------------------

class Tagged:
    """A YAML value with a custom tag (e.g. !ENV), kept as written."""

    def __init__(self, tag: str, value: object) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.SequenceNode):
        return Tagged("!" + suffix, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return Tagged("!" + suffix, loader.construct_mapping(node, deep=True))
    return Tagged("!" + suffix, loader.construct_scalar(node))


def _represent_tagged(dumper: yaml.Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def load_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """The project's mkdocs.yml as data, tags kept."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - our own safe loader


def dump_config(config: dict, path: Path) -> None:
    """Write a mkdocs.yml."""
    path.write_text(yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120),
                    encoding="utf-8")


def plugin_options(config: dict, name: str) -> dict:
    """The options of one plugin in the `plugins:` list (a dict entry), created when missing."""
    for entry in config["plugins"]:
        if isinstance(entry, dict) and name in entry:
            entry[name] = entry[name] or {}
            return entry[name]
    options: dict = {}
    config["plugins"].append({name: options})
    return options


def variant_config(base: dict, variant: str, nav: list | None, nav_translations: dict[str, str]) -> dict:
    """The mkdocs.yml of one variant, derived from the project's own."""
    config = copy.deepcopy(base)
    name, _, extra = variant.partition("+")
    if nav is not None:
        config["nav"] = nav
    i18n = plugin_options(config, "i18n")
    for language in i18n.get("languages", []):
        if not language.get("default"):
            language.setdefault("nav_translations", {}).update(nav_translations)
    if name in {"plain", "peer", "htmlproofer"}:
        config.pop("hooks", None)
        config["theme"].pop("custom_dir", None)
        config["theme"].pop("favicon", None)
        config.pop("extra_css", None)
        config.pop("extra_javascript", None)
        config.get("extra", {}).pop("handboek", None)
        config.pop("watch", None)   # municipality.yml and data/ are the hooks' inputs
        # Without the hooks, the anchors that our shortcodes write (e.g. a step's #give-information) do not exist.
        config.setdefault("validation", {}).setdefault("links", {})["anchors"] = "info"
    elif name != "project":
        raise ValueError(f"unknown variant {variant!r}")
    if name == "peer":
        # The plugin's defaults (cover, table of contents, numbered headings), one PDF per language build.
        config["plugins"].append({"to-pdf": {"output_path": "pdf/handboek.pdf"}})
    if name == "htmlproofer":
        config["plugins"].append({"htmlproofer": {"validate_external_urls": False}})
        config["hooks"] = ["bench_hooks/htmlproofer_i18n.py"]
    if extra == "nonav" and name in {"plain", "htmlproofer"}:
        config["theme"]["custom_dir"] = "bench_overrides"    # an empty nav.html
    elif extra == "prune":
        config["theme"]["features"] = [*config["theme"].get("features", []), "navigation.prune"]
    elif extra and extra != "materialnav":
        raise ValueError(f"unknown variant extra {extra!r}")
    return config


# --- synthetic pages -------------------------------------------------------------------------------------

# Short, everyday words: the Dutch pages must pass the handbook's B1 readability check (at most 15 % of the
# words with 4 or more syllables, sentences of at most 15 words on average).
WORDS = {  # noqa: SIM905 - the words read better as text
    "nl": tuple((  # noqa: SIM905
        "signaal balie melding gemeente collega gesprek afspraak hulp zorg vraag adres woning dossier notitie "
        "contact telefoon politie paspoort werk geld huis kamer baas angst teken brief naam datum taal tolk "
        "vriend familie uitkering veiligheid slachtoffer document"
    ).split()),
    "en": tuple((  # noqa: SIM905
        "signal counter report municipality colleague conversation appointment help care question address "
        "housing file note contact phone police passport work money house room boss fear sign letter name "
        "date language interpreter friend family benefit safety victim document"
    ).split()),
}
TEXT = {
    "nl": {"home": "Startpagina", "about": "Over dit handboek", "section": "Deel", "page": "Pagina",
           "heading": ("Wat zie je", "Wat doe je", "Wie helpt"), "see": "Zie ook", "call": "Bel",
           "mail": "Mail", "more": "Meer informatie", "note": "Let op", "and": "en", "raw": "dezelfde kop op een andere pagina"},
    "en": {"home": "Home", "about": "About this handbook", "section": "Part", "page": "Page",
           "heading": ("What you see", "What you do", "Who helps"), "see": "See also", "call": "Call",
           "mail": "Mail", "more": "More information", "note": "Note", "and": "and", "raw": "the same heading on another page"},
}
ANCHORS = ("kop-1", "kop-2", "kop-3")


def page_paths(pages: int) -> list[str]:
    """The Markdown files of one language: home, sections of PAGES_PER_SECTION with an index, about."""
    paths = ["index.md", "over/index.md"]
    remaining = max(pages - len(paths), 0)
    section = 0
    while remaining > 0:
        section += 1
        count = min(PAGES_PER_SECTION, remaining)
        paths.append(f"deel-{section:03d}/index.md")
        paths.extend(f"deel-{section:03d}/pagina-{n:03d}.md" for n in range(1, count))
        remaining -= count
    return paths


def url_of(path: str) -> str:
    """The directory URL MkDocs builds a page to (use_directory_urls: true), without a leading slash."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def _sentence(rng: random.Random, lang: str, words: int = 9) -> str:
    chosen = [rng.choice(WORDS[lang]) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, lang: str, sentences: int = 4) -> str:
    return " ".join(_sentence(rng, lang) for _ in range(sentences))


def _title(path: str, lang: str) -> str:
    t = TEXT[lang]
    if path == "index.md":
        return t["home"]
    if path == "over/index.md":
        return t["about"]
    section = int(path.split("/")[0].removeprefix("deel-"))
    if path.endswith("/index.md"):
        return f"{t['section']} {section}"
    return f"{t['page']} {section}.{int(path.split('pagina-')[1][:3])}"


def page_body(path: str, paths: list[str], lang: str, seed: int) -> str:
    """The Markdown body of one synthetic page, with about ten links.

    Links: 4 Markdown links to other pages (2 with an anchor), 2 to anchors on the same page,
    1 raw-HTML link with an anchor (which MkDocs does not validate), 1 tel:, 1 mailto:, 1 https.
    """
    rng = random.Random(f"{seed}:{path}")   # the same targets in both languages
    text_rng = random.Random(f"{seed}:{path}:{lang}")
    t = TEXT[lang]
    here = posixpath.dirname(path)
    others = [p for p in paths if p != path]
    targets = [rng.choice(others) for _ in range(5)]
    anchors = [rng.choice(ANCHORS) for _ in range(5)]

    def md_link(target: str, anchor: str | None) -> str:
        rel = posixpath.relpath(target, here or ".")
        return f"[{_title(target, lang)}]({rel}{'#' + anchor if anchor else ''})"

    def raw_link(target: str, anchor: str) -> str:
        base = url_of(path).rstrip("/") or "."
        rel = posixpath.relpath(url_of(target).rstrip("/") or ".", base)
        rel = "./" if rel == "." else rel + "/"
        return f'<a href="{rel}#{anchor}">{t["raw"]}</a>'

    h1, h2, h3 = t["heading"]
    return "\n".join([
        f"# {_title(path, lang)}",
        "",
        f"{_paragraph(text_rng, lang)} {t['see']} {md_link(targets[0], None)} {t['and']} {md_link(targets[1], anchors[1])}.",
        "",
        f"## {h1} {{#kop-1}}",
        "",
        _paragraph(text_rng, lang, 5),
        "",
        f"- {t['see']} {md_link(targets[2], None)}.",
        f"- {t['see']} {md_link(targets[3], anchors[3])}.",
        f"- {t['see']} [{h3}](#kop-3).",
        "",
        f"## {h2} {{#kop-2}}",
        "",
        _paragraph(text_rng, lang, 3),
        "",
        f'!!! note "{t["note"]}"',
        "",
        f"    {_sentence(text_rng, lang)} {t['call']} [020 123 4567](tel:0201234567) "
        f"{'of' if lang == 'nl' else 'or'} {t['mail'].lower()} [info@example.nl](mailto:info@example.nl).",
        "",
        f"## {h3} {{#kop-3}}",
        "",
        f"{_paragraph(text_rng, lang, 4)} {t['more']}: [Rijksoverheid](https://www.rijksoverheid.nl/onderwerpen/mensenhandel).",
        "",
        f"{_sentence(text_rng, lang)} {raw_link(targets[4], anchors[4])}. {t['see']} [{h1}](#kop-1).",
        "",
    ])


def front_matter(lang: str, translated_from: str | None = None) -> str:
    """Valid front matter for the project's checks."""
    lines = ["---", f"owner: {'Redactie' if lang == 'nl' else 'Editors'}", f"last_reviewed: {TODAY}",
             "review_interval: 12 months"]
    if translated_from:
        lines.append(f'translated_from: "{translated_from}"')
    return "\n".join([*lines, "---", ""]) + "\n"


def write_docs(docs: Path, pages: int, seed: int = 1) -> tuple[list, dict[str, str]]:
    """docs/nl and docs/en with `pages` pages each; returns the nav and the section titles' translations."""
    paths = page_paths(pages)
    for path in paths:
        nl_text = front_matter("nl") + page_body(path, paths, "nl", seed)
        en_text = front_matter("en", page_version(nl_text)) + page_body(path, paths, "en", seed)
        for lang, text in (("nl", nl_text), ("en", en_text)):
            target = docs / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    nav: list = ["index.md"]
    translations = {}
    sections: dict[str, list[str]] = {}
    for path in paths:
        if path.startswith("deel-"):
            sections.setdefault(path.split("/")[0], []).append(path)
    for folder, members in sections.items():
        number = int(folder.removeprefix("deel-"))
        nav.append({f"{TEXT['nl']['section']} {number}": members})
        translations[f"{TEXT['nl']['section']} {number}"] = f"{TEXT['en']['section']} {number}"
    nav.append({"Over dit handboek": ["over/index.md"]})
    return nav, translations


# --- whole projects --------------------------------------------------------------------------------------

def _copy_parts(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> None:
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)


def _bench_extras(target: Path, name: str, extra: str) -> None:
    """The benchmark's own hooks, and the nav templates of the `+materialnav` and `+nonav` variants."""
    shutil.copytree(BENCH / "bench_hooks", target / "bench_hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if extra == "materialnav" and name == "project":
        (target / "overrides" / "partials" / "nav-item.html").unlink()
    elif extra == "nonav":   # to measure what the navigation costs: no navigation at all
        overrides = target / "bench_overrides" / "partials"
        overrides.mkdir(parents=True, exist_ok=True)
        (overrides / "nav.html").write_text("{#- benchmark: no navigation -#}\n", encoding="utf-8")


def make_project(target: Path, variant: str, pages: int | None = None, seed: int = 1) -> Path:
    """A project folder for one variant: synthetic docs with `pages` pages a language, or the real docs."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    base = load_config()
    if pages is None:
        shutil.copytree(ROOT / "docs", target / "docs")
        nav, translations = None, {}
    else:
        nav, translations = write_docs(target / "docs", pages, seed)
    name, _, extra = variant.partition("+")
    if name == "project":
        _copy_parts(target)
    _bench_extras(target, name, extra)
    dump_config(variant_config(base, variant, nav, translations), target / "mkdocs.yml")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--pages", type=int, default=None, help="pages per language (default: the real docs)")
    parser.add_argument("--variant", default="project")
    args = parser.parse_args()
    print(make_project(args.target.resolve(), args.variant, args.pages))


if __name__ == "__main__":
    main()
