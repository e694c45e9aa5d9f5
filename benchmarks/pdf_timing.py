"""PDF measurements, run in a subprocess by benchmarks/run.py.

    python benchmarks/pdf_timing.py build PROJECT SITE
        `mkdocs build --strict` of PROJECT (as `make build` runs it), with the time each PDF took to render
        in its worker process (PDFs are rendered in parallel, while the next language is built).
        Prints one line: BENCH-PDF {"rendered": [{"name": ..., "seconds": ...}], ...}.
        A PDF that comes from the cache (inputs unchanged) is not in the list.

    python benchmarks/pdf_timing.py api PROJECT CACHE
        The package API, as in tests/test_pdfs.py::test_pdfs_are_not_rendered_again_when_nothing_changed:
        make_all() twice into two site folders with one cache. Prints BENCH-PDF-API {...}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import measure


def _timed_render() -> list[dict]:
    """Collect the rendering time of every PDF, as the worker processes report it to publish.finish()."""
    from handboek.pdf import publish

    timings: list[dict] = []
    real = publish.finish

    def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        made = real(*args, **kwargs)
        timings.extend({"name": m.path.name if "/en/" not in str(m.path) else f"en/{m.path.name}",
                        "seconds": m.seconds} for m in made if m.rendered)
        return made

    publish.finish = timed   # hooks/pdfs.py calls publish.finish(...) through the module
    return timings


def build(project: Path, site: Path) -> int:
    timings = _timed_render()
    start = time.perf_counter()
    code = measure.build_in_process(project, site)
    total = time.perf_counter() - start
    print("BENCH-PDF " + json.dumps({"rendered": timings, "build_seconds": total, "rc": code}), flush=True)
    return code


def api(project: Path, cache: Path) -> int:
    from handboek import session
    from handboek.pdf import publish

    current = session.start(project, "municipality.yml", "data", "docs", ["nl", "en"], "nl")
    result = {}
    for label, site in (("first", cache.parent / "api-site-1"), ("again", cache.parent / "api-site-2")):
        start = time.perf_counter()
        made = publish.make_all(current, "nl", site, cache, [])
        result[label] = {"seconds": time.perf_counter() - start, "rendered": [m.rendered for m in made],
                         "files": [m.path.name for m in made]}
        result[label + "_bytes"] = [m.path.read_bytes() for m in made]
    result["identical"] = result.pop("first_bytes") == result.pop("again_bytes")
    print("BENCH-PDF-API " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    mode, project, target = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    sys.exit(build(project, target) if mode == "build" else api(project, target))
