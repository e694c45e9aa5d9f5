"""The checks of a built site, over the pages as they were written to disk: each page is read and parsed once.

Links and ids on every page, links between pages, the language level of the default language's pages, and
inline scripts that the theme did not put there.
"""

from __future__ import annotations

import os
from pathlib import Path

from handboek.checks import links, readability
from handboek.model.project import Project
from handboek.problems import Problem
from handboek.site import csp

# Material's navigation sidebars are generated from mkdocs.yml's nav, which MkDocs validates itself; on a large
# site they are most of every page, so they are cut out before the page is parsed.
SIDEBARS = ('<div class="md-sidebar md-sidebar--primary"', '<div class="md-content"')


def site_files(site_dir: Path) -> set[str]:
    """Every file of the built site, as a site-relative path."""
    return {Path(folder, name).relative_to(site_dir).as_posix() for folder, _, names in os.walk(site_dir)
            for name in names}


def problems(project: Project, site_dir: Path, expanded: dict[tuple[str, str], str], allowed_scripts: set[str] | None,
             promised: set[str], language_selector: bool = True) -> list[Problem]:
    """Every problem of the built pages of `project` in `site_dir`.

    `expanded`: each page's Markdown after shortcodes, by (language, path). `allowed_scripts`: the hashes of the
    theme's inline scripts; None checks no scripts (the live preview adds its own). `language_selector=False` leaves
    out the language selector (a preview of one language). `promised`: files that links may point to although the
    build did not write them (PDFs the live preview leaves out).
    """
    files = site_files(site_dir) | promised
    found: list[Problem] = []
    ids: dict[str, set[str]] = {}
    internal = []
    for lang, pages in project.pages.items():
        for page in pages.values():
            path = page.url(project.default_language) + "index.html"
            if path not in files:
                continue        # not built: a page of a language left out of a preview
            output = (site_dir / path).read_text(encoding="utf-8")
            try:
                tree = links.parse(_without_sidebars(output))
                article = links.content_of(tree, readability.CONTENT_CLASS)
                page_links, page_ids = links.collect(tree, article)
                local, into_site = links.page_problems(page, path, page_links, expanded.get((lang, page.rel), ""),
                                                       language_selector)
                if lang == readability.LANGUAGE and article is not None:
                    local += readability.problems(page.display, article, page.text)
            except Exception as error:  # noqa: BLE001 - one unreadable page must not hide the others' problems
                found.append(Problem(page.display, 1, f"the checks could not read this page ({error})",
                                     "look at the built page; if it looks right, report this as a bug"))
                continue
            if allowed_scripts is not None:
                local += [Problem(page.display, 1, f"the built page runs a script that the theme did not put there "
                                  f"('{script}…')", "remove <script> from the page and from the data it shows; "
                                  "a script belongs in overrides/assets/javascripts/") for script in
                          csp.foreign_scripts(output, allowed_scripts)]
            found += local
            ids[path] = page_ids
            internal.append((page, into_site))
    for page, into_site in internal:
        found += links.internal_problems(page, into_site, ids, files, project.languages, project.default_language)
    if allowed_scripts is not None and "404.html" in files:
        found += [Problem("404.html", 1, f"the page runs a script that the theme did not put there ('{script}…')",
                          "check the templates in overrides/") for script in
                  csp.foreign_scripts((site_dir / "404.html").read_text(encoding="utf-8"), allowed_scripts)]
    return found


def _without_sidebars(output: str) -> str:
    """The page without the navigation sidebars, when it has them."""
    start, end = output.find(SIDEBARS[0]), output.find(SIDEBARS[1])
    return output[:start] + output[end:] if 0 <= start < end else output
