"""PDF measurements, run in a subprocess by benchmarks/run.py.

    python benchmarks/pdf_timing.py build PROJECT SITE
        `mkdocs build --strict` of PROJECT (as `make build` runs it), with the time each PDF took to render
        in its worker process (PDFs are rendered in parallel, while the next language is built).
        Prints one line: BENCH-PDF {"rendered": [{"name": ..., "seconds": ...}], ...}.
        A PDF that comes from the cache (inputs unchanged) is not in the list.

    python benchmarks/pdf_timing.py api PROJECT SITE CACHE
        The package API, as in tests/test_pdfs.py::test_pdfs_are_not_rendered_again_when_nothing_changed:
        every product of the registry (handboek.pdf.products) for Dutch, through handboek.pdf.publish.Printing,
        twice into copies of the built SITE with one CACHE. Prints BENCH-PDF-API {...}.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import measure
import synthetic


def _timed_render() -> list[dict]:
    """Collect the rendering time of every PDF, as Printing.finish() reports it to hooks/lifecycle.py."""
    from handboek.pdf.publish import Printing

    timings: list[dict] = []
    real = Printing.finish

    def timed(self: Printing) -> tuple[list, list]:
        """Printing.finish, noting each rendered PDF."""
        made, problems = real(self)
        timings.extend({"name": m.path.name if "/en/" not in str(m.path) else f"en/{m.path.name}",
                        "seconds": m.seconds} for m in made if m.rendered)
        return made, problems

    Printing.finish = timed
    return timings


def build(project: Path, site: Path) -> int:
    """One build with a stopwatch around each PDF."""
    timings = _timed_render()
    start = time.perf_counter()
    code = measure.build_in_process(project, site)
    total = time.perf_counter() - start
    print("BENCH-PDF " + json.dumps({"rendered": timings, "build_seconds": total, "rc": code}), flush=True)
    return code


def _nav_pages(project: Path) -> list[str]:
    """The Markdown files of mkdocs.yml's nav, in order."""
    def walk(items: list) -> list[str]:
        """Flatten one level of the nav."""
        found: list[str] = []
        for item in items:
            values = item.values() if isinstance(item, dict) else [item]
            for value in values:
                found += walk(value) if isinstance(value, list) else [value] if str(value).endswith(".md") else []
        return found

    return walk(synthetic.load_config(project / "mkdocs.yml")["nav"])


def api(project: Path, site: Path, cache: Path) -> int:
    """Every product of Dutch through Printing, twice with one cache."""
    from handboek.model import project as loaded
    from handboek.pdf.products import KINDS
    from handboek.pdf.publish import Printing

    current, _ = loaded.load(project, "municipality.yml", "data", "docs", ["nl", "en"], "nl", KINDS)
    order = [current.pages["nl"][rel].url("nl") for rel in _nav_pages(project) if rel in current.pages["nl"]]
    result: dict = {}
    for label in ("first", "again"):
        copy = cache.parent / f"api-site-{label}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(site, copy)
        start = time.perf_counter()
        printing = Printing(cache)
        printing.add_language(current, "nl", copy, order)
        made, problems = printing.finish()
        result[label] = {"seconds": time.perf_counter() - start, "rendered": [m.rendered for m in made],
                         "files": [m.path.name for m in made], "problems": [str(p) for p in problems]}
        result[label + "_bytes"] = [m.path.read_bytes() for m in made]
    result["identical"] = result.pop("first_bytes") == result.pop("again_bytes")
    print("BENCH-PDF-API " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    mode, paths = sys.argv[1], [Path(arg).resolve() for arg in sys.argv[2:]]
    sys.exit(build(*paths) if mode == "build" else api(*paths))
