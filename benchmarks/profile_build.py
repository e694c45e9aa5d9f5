"""Where a build spends its time: cProfile of one `mkdocs build --strict`, summarised.

    python benchmarks/profile_build.py PROJECT SITE OUT.json

Prints nothing but the build's own output; writes OUT.prof (raw, for pstats) and OUT.json with
- the total profiled time (cProfile makes a build 2-3x slower, so shares matter, not seconds);
- own time (tottime) grouped by where the code lives: each Material template, Jinja2's runtime, Markdown,
  MkDocs, each plugin, the project's package (src/handboek) and hooks, lxml, and built-ins;
- the 20 functions with the most own time;
- cumulative time of the main templates (approximate) and of the event handlers of the project's hooks.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import re
import sys
from collections import Counter
from pathlib import Path


def group(filename: str) -> str:
    """A readable name for where a function lives."""
    if filename.endswith(".html") or filename.endswith(".xml"):
        match = re.search(r"(material/templates|mkdocs/templates|overrides|bench_overrides)/(.+)$", filename)
        where = match.group(1).split("/")[0] if match else "?"
        return f"template {where}/{match.group(2) if match else filename}"
    if filename == "~" or filename.startswith("<"):
        return "built-ins (str.join, re, I/O, ...)"
    if "/site-packages/" in filename:
        package = filename.split("/site-packages/", 1)[1].split("/", 1)[0]
        return {"jinja2": "Jinja2 runtime", "markdown": "Python-Markdown", "pymdownx": "pymdown-extensions",
                "mkdocs": "MkDocs", "material": "Material (Python: plugins, extensions)",
                "mkdocs_static_i18n": "mkdocs-static-i18n", "htmlproofer": "htmlproofer", "bs4": "BeautifulSoup",
                "lxml": "lxml", "yaml": "PyYAML", "weasyprint": "WeasyPrint"}.get(package, package)
    if "/src/handboek/" in filename:
        return "handboek." + filename.split("/src/handboek/", 1)[1].removesuffix(".py").replace("/", ".")
    if "/hooks/" in filename or "/bench_hooks/" in filename:
        return "hooks/" + filename.rsplit("/", 1)[1]
    if "/lib/python3" in filename:
        return "Python stdlib"
    return filename


def main() -> None:
    project, site, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    from mkdocs.__main__ import cli

    os.chdir(project)
    profiler = cProfile.Profile()
    code = 0
    profiler.enable()
    try:
        cli.main(["build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)], standalone_mode=False)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    finally:
        profiler.disable()
    profiler.dump_stats(str(out.with_suffix(".prof")))   # for pstats / snakeviz
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    groups: Counter[str] = Counter()
    functions = []
    handlers = {}
    templates = {}
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
        groups[group(filename)] += tottime
        functions.append((tottime, cumtime, calls, f"{group(filename)}:{line} {name}"))
        if name == "root" and (filename.endswith(".html") or filename.endswith(".xml")):
            where = group(filename).removeprefix("template ")
            templates[where] = max(templates.get(where, 0.0), cumtime)
        if name.startswith("on_") and ("/hooks/" in filename or "/site-packages/" in filename):
            key = f"{group(filename)} {name}"
            handlers[key] = handlers.get(key, 0.0) + cumtime
    functions.sort(reverse=True)
    summary = {
        "rc": code,
        "total_seconds": total,
        "groups": [{"where": where, "seconds": seconds, "share": seconds / total}
                   for where, seconds in groups.most_common(18)],
        "functions": [{"function": f, "tottime": t, "cumtime": c, "calls": n} for t, c, n, f in functions[:20]],
        # A template's `root` function and everything it calls (partials included); approximate, because Jinja
        # renders templates as generators, which cProfile sees as many short calls.
        "templates": [{"template": t, "cumtime": c, "share": c / total}
                      for t, c in sorted(templates.items(), key=lambda item: -item[1])[:8]],
        "handlers": [{"handler": h, "cumtime": c, "share": c / total}
                     for h, c in sorted(handlers.items(), key=lambda item: -item[1])[:15]],
    }
    out.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    sys.exit(code)


if __name__ == "__main__":
    main()
