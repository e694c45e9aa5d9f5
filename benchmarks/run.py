"""`make bench`: how fast the handbook is for editors, CI and readers, as ratios against plain Material.

Everything runs in copies under benchmarks/work/ (git-ignored), so the checkout, its site/ and its PDF cache
are not touched. Results are printed and written to benchmarks/results.md; the raw numbers go to
benchmarks/results.json, which also keeps measurements of earlier runs on the same machine for the parts a
run skipped (each is marked with the date it was measured).

    .venv/bin/python benchmarks/run.py            # the default plan, about 25 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --quick    # small sizes, for trying the benchmark itself
    .venv/bin/python benchmarks/run.py --full --sizes 2000 --only scale --timeout 3600
                                                  # every variant at 2,000 pages (about 2 hours)
    .venv/bin/python benchmarks/run.py --only real,peer,check,pdf,serve,reader,scale,profile

Tests never assert timings; this script only reports them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure  # noqa: E402
import navcompare  # noqa: E402
import synthetic  # noqa: E402
from measure import PY, Run  # noqa: E402

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
RESULTS_MD = BENCH / "results.md"
RESULTS_JSON = BENCH / "results.json"
README = BENCH / "README.md"
SECTIONS = ("real", "peer", "check", "pdf", "serve", "reader", "scale", "profile")
EDITED_PAGE = "nl/signalen.md"     # the page edited for "one page changed" and for the serve latency
EDITED_URL = "signalen/"

ALL_VARIANTS = ("plain", "project", "project+materialnav", "htmlproofer", "plain+nonav", "plain+prune")
LINEAR_VARIANTS = ("project", "plain+nonav")   # Material's own nav-item.html grows with the square of the pages
PLANS = {
    # size (pages per language) -> variants built at that size
    "quick": {30: ALL_VARIANTS, 60: ALL_VARIANTS, 120: ALL_VARIANTS},
    "default": {100: ALL_VARIANTS, 500: ALL_VARIANTS, 2000: LINEAR_VARIANTS},
    "full": {100: ALL_VARIANTS, 500: ALL_VARIANTS, 2000: ALL_VARIANTS},
}
PROFILE_SIZE = {"quick": 60, "default": 300, "full": 500}
REPEATS = 3
REAL_REPEATS = {"quick": 3, "default": 5, "full": 5}   # builds of the real handbook per scenario and variant (also
                                                        # the peer's): this 2-core VM varies by ±20 %
SERVE_EDITS = 9      # saves per variant: plain MkDocs looks for changes every 0.5 s, so single saves vary by that much
TARGETS = {"warm": 1.2, "cold": 3.0, "peer": 1.0, "serve": 1.0, "check": 3.0, "reader_kb": 150}
LABELS = {
    "plain": "plain Material + i18n",
    "project": "handbook (hooks)",
    "peer": "plain + mkdocs-to-pdf",
    "htmlproofer": "plain + htmlproofer 1.6.0",
    "plain+nonav": "plain, navigation left out (ablation)",
    "plain+prune": "plain + Material's navigation.prune",
    "project+materialnav": "handbook with Material's own nav-item.html (before the override)",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else float("nan")


def checked(run: Run, what: str) -> Run:
    """Report a failed build loudly; the measurement is kept but marked."""
    if run.rc != 0:
        log(f"FAILED ({run.rc}): {what}\n{run.output[-3000:]}")
    return run


# --- the real handbook -------------------------------------------------------------------------------------

def real_projects() -> tuple[Path, Path]:
    """Copies of the handbook as it is now: with its hooks, and as plain Material."""
    project = synthetic.make_project(WORK / "real-project", "project")
    plain = synthetic.make_project(WORK / "real-plain", "plain")
    return project, plain


def _edit(project: Path, number: int) -> None:
    page = project / "docs" / EDITED_PAGE
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + f"\n\nBenchmarkwijziging {number}.\n",
                    encoding="utf-8")


def warm_up(peer: bool) -> None:
    """One unmeasured build of each kind, so that Python's bytecode cache is filled before anything is timed."""
    project, plain = real_projects()
    site = WORK / "warm-up-site"
    log("warming up: one unmeasured build of each kind (fills the bytecode cache)")
    builds = [(project, True), (project, False), (plain, False)]
    if peer:
        builds.append((synthetic.make_project(WORK / "real-peer", "peer"), False))
    for folder, pdf in builds:
        shutil.rmtree(site, ignore_errors=True)
        measure.mkdocs_build(folder, site, pdf=pdf)
    measure.run([PY, "-c", "import playwright.sync_api, handboek.pdf.render, weasyprint"], WORK, measure.build_env())
    shutil.rmtree(site, ignore_errors=True)


def bench_real(results: dict, repeats: int) -> None:
    project, plain = real_projects()
    originals = {p: (p / "docs" / EDITED_PAGE).read_text(encoding="utf-8") for p in (project, plain)}
    site = WORK / "real-site"
    runs: dict[str, dict[str, list[dict]]] = {}

    def record(scenario: str, variant: str, run: Run) -> None:
        runs.setdefault(scenario, {}).setdefault(variant, []).append(run.brief())

    def in_turn(i: int, *builds: Callable[[], None]) -> None:
        """Run the builds of one round, in reverse order every other round, so a busy moment hits all alike."""
        for build in (builds if i % 2 == 0 else builds[::-1]):
            build()

    def cold_project() -> None:
        shutil.rmtree(project / ".cache", ignore_errors=True)   # no cached PDFs
        shutil.rmtree(site, ignore_errors=True)
        record("cold", "project", checked(measure.mkdocs_build(project, site), "cold project build"))

    def cold_plain() -> None:
        shutil.rmtree(site, ignore_errors=True)
        record("cold", "plain", checked(measure.mkdocs_build(plain, site, pdf=False), "cold plain build"))

    for i in range(repeats):
        log(f"real handbook: cold build {i + 1}/{repeats}")
        in_turn(i, cold_project, cold_plain)
    for i in range(repeats):
        log(f"real handbook: warm rebuild, nothing changed {i + 1}/{repeats}")
        in_turn(i, lambda: record("warm", "project", checked(measure.mkdocs_build(project, site), "warm project build")),
                lambda: record("warm", "plain", checked(measure.mkdocs_build(plain, site, pdf=False), "warm plain build")))
    try:
        for i in range(repeats):
            log(f"real handbook: warm rebuild, one page changed {i + 1}/{repeats}")

            def changed_project(i: int = i) -> None:
                _edit(project, i)
                record("changed", "project", checked(measure.mkdocs_build(project, site), "changed project build"))

            def changed_plain(i: int = i) -> None:
                _edit(plain, i)
                record("changed", "plain", checked(measure.mkdocs_build(plain, site, pdf=False), "changed plain build"))

            def changed_nopdf(i: int = i) -> None:
                _edit(project, 100 + i)
                record("changed", "project-nopdf",
                       checked(measure.mkdocs_build(project, site, pdf=False), "changed project build, no PDFs"))

            in_turn(i, changed_project, changed_plain, changed_nopdf)
    finally:
        for p, text in originals.items():
            (p / "docs" / EDITED_PAGE).write_text(text, encoding="utf-8")
    results["real"] = {"runs": runs}


def _pdfs(site: Path) -> list[str]:
    """The PDFs in a built site, with their sizes."""
    return [f"{path.relative_to(site).as_posix()} ({path.stat().st_size // 1000} KB)"
            for path in sorted(site.rglob("*.pdf"))]


def bench_peer(results: dict, repeats: int) -> None:
    """Issue 16: our cold build with every print product against plain Material + mkdocs-to-pdf, taking turns."""
    project = WORK / "real-project"
    if not (project / "mkdocs.yml").is_file():
        project, _ = real_projects()
    peer = synthetic.make_project(WORK / "real-peer", "peer")
    runs: dict[str, list[dict]] = {"project": [], "peer": []}
    pdfs: dict[str, list[str]] = {}
    for i in range(repeats):
        log(f"peer: cold builds {i + 1}/{repeats}")
        order = [("project", project, True), ("peer", peer, False)]
        for label, folder, pdf in (order if i % 2 == 0 else order[::-1]):
            site = WORK / f"peer-site-{label}"
            shutil.rmtree(folder / ".cache", ignore_errors=True)    # no cached PDFs, templates or answers
            shutil.rmtree(site, ignore_errors=True)
            # Not strict for the peer: the plugin reports a link to an anchor that only our shortcodes write as an
            # error of its own, which --strict would turn into a failed build.
            build = measure.mkdocs_build(folder, site, pdf=pdf, strict=label != "peer")
            runs[label].append(checked(build, f"cold {label} build").brief())
            pdfs[label] = _pdfs(site)
    results["peer"] = {"runs": runs, "pdfs": pdfs}


def bench_check(results: dict) -> None:
    """`make check` on the real handbook, and what its start-up time is made of."""
    project = WORK / "real-project"
    if not (project / "mkdocs.yml").is_file():
        real_projects()
    site = project / ".cache" / "check-site"
    runs, output = [], ""
    for i in range(REPEATS):
        log(f"make check {i + 1}/{REPEATS}")
        run = checked(measure.mkdocs_build(project, site, pdf=False), "make check")
        runs.append(run.brief())
        output = run.output
    log("make check: import times (python -X importtime)")
    traced = measure.mkdocs_build(project, site, pdf=False, extra_args=("-X", "importtime"))
    imports = {}
    for line in traced.output.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            name, depth, cumulative = match.group(4), len(match.group(3)), int(match.group(2)) / 1e6
            if depth == 1:
                imports.setdefault("_top", 0.0)
                imports["_top"] += cumulative
            if name in {"weasyprint", "mkdocs.commands.build", "material", "handboek.model.project",
                        "handboek.pdf.publish", "handboek.pdf.cache", "handboek.memo", "lxml.html", "pydantic",
                        "phonenumbers", "babel.dates", "coloraide", "mkdocs_static_i18n", "markdown", "jinja2",
                        "pymdownx", "fontTools", "PIL"}:
                imports[name] = max(imports.get(name, 0.0), cumulative)
    imports["total"] = imports.pop("_top", 0.0)
    done = re.search(r"Documentation built in ([0-9.]+) seconds", output)
    events = {}
    plain = WORK / "real-plain"
    for label, folder, pdf in (("make check", project, False), ("warm make build", project, True),
                               ("plain", plain, False)):
        log(f"where the CPU time goes: {label}")
        samples = []
        for _ in range(REPEATS):
            run = measure.run([PY, str(BENCH / "event_timing.py"), str(folder), str(WORK / "events-site")], folder,
                              measure.build_env(HANDBOEK_PDF="true" if pdf else "false"))
            sample = _parse_marker(run.output, "BENCH-EVENTS")
            if sample:
                samples.append(sample)
        if samples:    # the sample with the median total
            events[label] = sorted(samples, key=lambda sample: sample["total"])[len(samples) // 2]
    results["check"] = {"runs": runs, "imports": imports, "events": events,
                        "mkdocs_reported_build_seconds": float(done.group(1)) if done else None}


# --- PDFs --------------------------------------------------------------------------------------------------

def _parse_marker(output: str, marker: str) -> dict | None:
    for line in output.splitlines():
        if line.startswith(marker + " "):
            return json.loads(line[len(marker) + 1:])
    return None


def bench_pdf(results: dict) -> None:
    project = WORK / "real-project"
    if not (project / "mkdocs.yml").is_file():
        real_projects()
    site = WORK / "pdf-site"
    shutil.rmtree(project / ".cache", ignore_errors=True)
    out = {}
    page = project / "docs" / EDITED_PAGE
    original = page.read_text(encoding="utf-8")
    try:
        for label in ("cold", "warm", "changed"):
            if label == "changed":
                _edit(project, 999)
            log(f"PDFs: {label} build with a stopwatch around each PDF")
            run = checked(measure.run([PY, str(BENCH / "pdf_timing.py"), "build", str(project), str(site)], project,
                                      measure.build_env(HANDBOEK_PDF="true")), f"PDF timing build ({label})")
            out[label] = {"run": run.brief(), "pdf": _parse_marker(run.output, "BENCH-PDF")}
    finally:
        page.write_text(original, encoding="utf-8")
    log("PDFs: the package API, twice with one cache")
    cache = WORK / "pdf-api" / "cache"
    shutil.rmtree(cache.parent, ignore_errors=True)
    cache.parent.mkdir(parents=True)
    run = checked(measure.run([PY, str(BENCH / "pdf_timing.py"), "api", str(project), str(site), str(cache)],
                              project, measure.build_env()), "PDF API")
    out["api"] = {"run": run.brief(), "result": _parse_marker(run.output, "BENCH-PDF-API")}
    results["pdf"] = out


# --- serve -------------------------------------------------------------------------------------------------

def bench_serve(results: dict) -> None:
    import serve_latency

    project, plain = real_projects()    # fresh copies: `--only serve` must measure the hooks as they are now
    # The floor: plain Material building only the Dutch pages (mkdocs-static-i18n's build_only_locale).
    plain_nl = WORK / "real-plain-nl-only"
    shutil.rmtree(plain_nl, ignore_errors=True)
    shutil.copytree(plain, plain_nl)
    config = synthetic.load_config(plain_nl / "mkdocs.yml")
    synthetic.plugin_options(config, "i18n")["build_only_locale"] = "nl"
    synthetic.dump_config(config, plain_nl / "mkdocs.yml")
    out = {}
    # `make serve` previews Dutch only (HANDBOEK_ONLY_LANGUAGE=nl); `make serve PREVIEW=all` builds both.
    for label, folder, only in (("project", project, "nl"), ("project-all", project, None),
                                ("plain", plain, None), ("plain-nl-only", plain_nl, None)):
        log(f"serve latency: {label}")
        try:
            out[label] = serve_latency.measure(folder, EDITED_PAGE, EDITED_URL, edits=SERVE_EDITS, only_language=only)
        except RuntimeError as error:
            out[label] = {"error": str(error), "latencies": []}
            log(f"serve latency {label} failed: {error}")
    results["serve"] = out


# --- reader ------------------------------------------------------------------------------------------------

def bench_reader(results: dict) -> None:
    import reader

    project, plain = WORK / "real-project", WORK / "real-plain"
    if not (project / "mkdocs.yml").is_file():
        project, plain = real_projects()
    out = {}
    for label, folder, pdf in (("project", project, True), ("plain", plain, False)):
        site = WORK / f"reader-site-{label}"
        log(f"reader: building {label}")
        checked(measure.mkdocs_build(folder, site, pdf=pdf), f"reader build {label}")
        log(f"reader: Chromium on {label}")
        try:
            out[label] = reader.measure(site, EDITED_URL)
        except Exception as error:  # noqa: BLE001 - reported in the results
            out[label] = {"error": repr(error)}
            log(f"reader {label} failed: {error!r}")
    results["reader"] = out


# --- scale -------------------------------------------------------------------------------------------------

def bench_scale(results: dict, plan: dict[int, tuple[str, ...]], timeout: float | None = None,
                save=lambda: None, repeats: int | None = None) -> None:  # noqa: ANN001 - save() after every build
    scale = results.setdefault("scale", {})
    for size, variants in plan.items():
        runs = repeats or (REPEATS if size <= 150 else 1)    # small sites: 3 runs, median; large ones: once
        projects = {}
        for variant in variants:
            log(f"scale: generating {size} pages a language, {variant}")
            projects[variant] = synthetic.make_project(WORK / f"scale-{size}-{variant}", variant, size)
        sites = {}
        for i in range(runs):
            for variant in variants:   # variants interleaved, so that a busy minute does not hit one variant
                log(f"scale: {size} pages a language, {variant} ({i + 1}/{runs})")
                site = WORK / f"scale-site-{size}-{variant}"
                shutil.rmtree(site, ignore_errors=True)
                run = measure.mkdocs_build(projects[variant], site, pdf=False, timeout=timeout)
                timed_out = timeout is not None and run.wall >= timeout
                if not timed_out:
                    checked(run, f"scale build {size} {variant}")
                entry = scale.setdefault(str(size), {}).setdefault(variant, {"runs": []})
                if i == 0:
                    entry["runs"] = []
                    entry["measured"] = results["machine"]["date"]
                data = run.brief()
                data["timed_out"] = timed_out
                entry["runs"].append(data)
                sites[variant] = site
                save()
        candidate, reference = "project", "project+materialnav"
        if candidate in sites and reference in sites:
            count, different = navcompare.compare(sites[reference], sites[candidate])
            scale[str(size)][candidate]["same_nav"] = {"pages": count, "different": different[:20], "against": reference}
        for site in sites.values():      # a 2,000-page site is 3 GB: keep only what is needed
            shutil.rmtree(site, ignore_errors=True)


def bench_profile(results: dict, size: int) -> None:
    out = {}
    for variant in ("plain", "project"):
        project = synthetic.make_project(WORK / f"profile-{size}-{variant}", variant, size)
        log(f"profile: cProfile of a {size}-page {variant} build")
        target = WORK / f"profile-{size}-{variant}.json"
        site = WORK / f"profile-site-{variant}"
        run = checked(measure.run([PY, str(BENCH / "profile_build.py"), str(project), str(site), str(target)],
                                  project, measure.build_env(HANDBOEK_PDF="false")), f"profile {variant}")
        out[variant] = json.loads(target.read_text()) if target.is_file() else {"error": run.output[-2000:]}
        out[variant]["size"] = size
        shutil.rmtree(site, ignore_errors=True)
    results["profile"] = out


# --- results -----------------------------------------------------------------------------------------------

SERVE_LABELS = {"project": "handbook, as `make serve` (Dutch preview)",
                "project-all": "handbook, `make serve PREVIEW=all` (both languages)",
                "plain": "plain Material + i18n", "plain-nl-only": "plain, Dutch only (`build_only_locale: nl`)"}


def load_previous(machine: dict) -> dict:
    """Earlier results from the same machine, to keep the parts this run does not measure."""
    if not RESULTS_JSON.is_file():
        return {}
    try:
        previous = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}
    if previous.get("plan") == "quick":
        return {}
    old = previous.get("machine", {})
    if (old.get("cpu"), old.get("cores"), old.get("ram_gib")) != (machine["cpu"], machine["cores"], machine["ram_gib"]):
        return {}
    return previous


def fmt_s(seconds: float) -> str:
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return "–"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_ratio(value: float) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.2f}×"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def _med(runs: list[dict], key: str = "wall") -> float:
    return median([r[key] for r in runs]) if runs else float("nan")


def _walls(runs: list[dict]) -> str:
    return ", ".join(f"{r['wall']:.2f}" for r in runs)


def _failed(runs: list[dict]) -> bool:
    return any(r.get("rc") and not r.get("timed_out") for r in runs)


def mechanisms() -> list[str]:
    """The per-mechanism table of README.md (between its `mechanisms` markers), for results.md."""
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- mechanisms: start -->", "<!-- mechanisms: end -->"
    if start not in text or end not in text:
        return []
    return ["## What each speed mechanism saved, and what became of it (issue 17)", "",
            text.split(start, 1)[1].split(end, 1)[0].strip(), ""]


def report(results: dict) -> str:  # noqa: C901, PLR0912, PLR0915 - one long, linear report
    m = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (benchmarks/run.py). Do not edit by hand; the raw numbers are in "
        "benchmarks/results.json.",
        "",
        f"- **Machine:** {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}",
        f"- **Software:** Python {m['python']}, " + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + (f", {m['chromium']}" if m.get("chromium") else ""),
        f"- **Run:** {m['date']} (plan: {results.get('plan', '?')}; sections: {', '.join(results.get('ran', []))}). "
        "Sections not run this time show the date they were measured.",
        "- **How:** every build is a separate `python -m mkdocs build --strict` process in a copy of the project "
        "under benchmarks/work/; wall time is `time.perf_counter()` around it, CPU time is user + system time of "
        "the process and of the PDF workers it started and waited for (`os.wait4`), peak memory is the largest "
        "`ru_maxrss` of them. "
        f"Builds of the real handbook are run {REAL_REPEATS[results.get('plan', 'default')]} times, taking turns "
        "with plain Material or the peer (the order reversed every other round); other small measurements 3 times; "
        "the median is shown. *Stall* is the share of the "
        "wall time in which some task on the machine waited for a "
        "CPU (Linux PSI): when it is high, other work was competing for the 2 cores and wall times are inflated; "
        "CPU times are then the fairer comparison. Python bytecode is cached (PYTHONPYCACHEPREFIX="
        "benchmarks/work/pycache, filled by an unmeasured first build), as on an editor's machine after the "
        "first build.",
    ]
    if results.get("load"):
        lines.append("- **Load** (1-minute load average before → after each section, and the run it was measured in; "
                     f"the machine has {m['cores']} cores and other work ran on it): "
                     + ", ".join(f"{section} {a:.1f} → {b:.1f} ({' '.join(when).removeprefix(m['date'][:11])})"
                                 for section, (a, b, *when) in results["load"].items()))
    lines.append("")

    # ---------------- summary
    summary = []
    real = results.get("real", {}).get("runs", {})
    if real:
        for scenario, label, target in (("warm", "warm rebuild, nothing changed", TARGETS["warm"]),
                                        ("changed", "warm rebuild, one page changed (PDFs on, as `make build`)",
                                         TARGETS["warm"]),
                                        ("cold", "cold `make build`, all PDFs rendered", TARGETS["cold"])):
            p, q = _med(real[scenario]["project"]), _med(real[scenario]["plain"])
            pc, qc = _med(real[scenario]["project"], "cpu"), _med(real[scenario]["plain"], "cpu")
            summary.append((label, f"≤ {target}× plain", f"{fmt_s(p)} vs {fmt_s(q)}: {fmt_ratio(p / q)} "
                            f"(CPU {fmt_ratio(pc / qc)})", verdict(p / q <= target)))
        p, q = _med(real["changed"]["project-nopdf"]), _med(real["changed"]["plain"])
        summary.append(("warm rebuild, one page changed, PDFs off (`make check`)", f"≤ {TARGETS['warm']}× plain",
                        f"{fmt_s(p)} vs {fmt_s(q)}: {fmt_ratio(p / q)}", verdict(p / q <= TARGETS["warm"])))
    serve = results.get("serve", {})
    if serve.get("project", {}).get("latencies"):
        lat = median(serve["project"]["latencies"])
        plain_nl = median(serve.get("plain-nl-only", {}).get("latencies", []) or [float("nan")])
        both = median(serve.get("project-all", {}).get("latencies", []) or [float("nan")])
        plain_both = median(serve.get("plain", {}).get("latencies", []) or [float("nan")])
        summary.append(("`make serve`: edited page shown in the browser after save", f"≤ {TARGETS['serve']} s",
                        f"{fmt_s(lat)}, Dutch preview (plain Material, Dutch only: {fmt_s(plain_nl)}); "
                        f"`PREVIEW=all` {fmt_s(both)} (plain, both languages: {fmt_s(plain_both)})",
                        verdict(lat <= TARGETS["serve"])))
    check = results.get("check", {})
    if check.get("runs"):
        c = _med(check["runs"])
        summary.append(("`make check` on the handbook", f"≤ {TARGETS['check']} s", fmt_s(c) + " (this machine)",
                        verdict(c <= TARGETS["check"])))
    peer = results.get("peer", {}).get("runs", {})
    if peer:
        p, q = _med(peer["project"]), _med(peer["peer"])
        pc, qc = _med(peer["project"], "cpu"), _med(peer["peer"], "cpu")
        counts = {label: len(found) for label, found in results["peer"].get("pdfs", {}).items()}
        summary.append(("cold build with every print product vs plain Material + mkdocs-to-pdf (issue 16)",
                        f"≤ {TARGETS['peer']}× peer", f"{fmt_s(p)} vs {fmt_s(q)}: {fmt_ratio(p / q)} (CPU "
                        f"{fmt_ratio(pc / qc)}); {counts.get('project', '?')} PDFs vs {counts.get('peer', '?')}",
                        verdict(p / q <= TARGETS["peer"])))
    reader_ = results.get("reader", {})
    if reader_.get("project", {}).get("visits"):
        first = reader_["project"]["visits"][0]
        kb = first["bytes_without_search_index"] / 1000
        summary.append(("first visit, home page, gzip, without search index", f"≤ {TARGETS['reader_kb']} KB",
                        f"{kb:.1f} KB in {first['network_requests']} requests", verdict(kb <= TARGETS["reader_kb"])))
        third = sum(len(v["third_party"]) for v in reader_["project"]["visits"])
        summary.append(("third-party requests (home + second page)", "0", str(third), verdict(third == 0)))
    if summary:
        lines += ["## Summary", "", "| What | Target | Measured | Target |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in summary]
        lines.append("")

    lines += mechanisms()

    # ---------------- real handbook builds
    if real:
        lines += ["## Builds of the handbook (its real docs, both languages)", "",
                  "`project` is the handbook as `make build` builds it (hooks, PDFs on); `plain` is the same docs "
                  "with Material + mkdocs-static-i18n only (no hooks, no overrides, no extra CSS/JS). "
                  f"“One page changed” appends a sentence to docs/{EDITED_PAGE} before each build, which also "
                  "changes the Dutch handbook PDF, so that one PDF is rendered again.", "",
                  "| Scenario | Variant | Wall (median) | CPU (median) | Ratio wall / CPU vs plain | Peak memory | "
                  "Stall | All wall times |", "|---|---|---|---|---|---|---|---|"]
        for scenario in ("cold", "warm", "changed"):
            base_w, base_c = _med(real[scenario]["plain"]), _med(real[scenario]["plain"], "cpu")
            for variant, runs in real[scenario].items():
                w, c = _med(runs), _med(runs, "cpu")
                ratio = "1" if variant == "plain" else f"{fmt_ratio(w / base_w)} / {fmt_ratio(c / base_c)}"
                failed = " (a build FAILED)" if _failed(runs) else ""
                lines.append(f"| {scenario} | {variant}{failed} | {fmt_s(w)} | {fmt_s(c)} | {ratio} | "
                             f"{_med(runs, 'rss_mb'):.0f} MiB | {_med(runs, 'stall'):.0%} | "
                             f"{_walls(runs)} |")
        lines.append("")

    # ---------------- the peer
    if peer:
        lines += ["## Cold build against a peer: plain Material + mkdocs-to-pdf (issue 16)", "",
                  "`project` is our cold `make build` (no .cache: every PDF rendered, templates compiled); `peer` is "
                  "the same docs built cold by plain Material + mkdocs-static-i18n + mkdocs-to-pdf with its "
                  "defaults (WeasyPrint; cover, table of contents and numbered headings), in the build process. "
                  "Beside mkdocs-static-i18n it renders at the end of each language's build: a PDF of the Dutch "
                  "pages, then one of the pages of both languages over it, so one file remains. They take turns, "
                  "the order reversed every other round. Our build renders its PDFs in one process per core, so "
                  "its wall time gains most when the second core is free: compare the CPU times when the stall "
                  "is high.", "",
                  "| Variant | Wall (median) | CPU (median) | Ratio wall / CPU vs peer | Peak memory | Stall | "
                  "All wall times | PDFs made |", "|---|---|---|---|---|---|---|---|"]
        base_w, base_c = _med(peer["peer"]), _med(peer["peer"], "cpu")
        for variant, runs in peer.items():
            w, c = _med(runs), _med(runs, "cpu")
            ratio = "1" if variant == "peer" else f"{fmt_ratio(w / base_w)} / {fmt_ratio(c / base_c)}"
            failed = " (a build FAILED)" if _failed(runs) else ""
            made = results["peer"].get("pdfs", {}).get(variant, [])
            lines.append(f"| {LABELS.get(variant, variant)}{failed} | {fmt_s(w)} | {fmt_s(c)} | {ratio} | "
                         f"{_med(runs, 'rss_mb'):.0f} MiB | {_med(runs, 'stall'):.0%} | {_walls(runs)} | "
                         f"{len(made)}: {', '.join(made) or '–'} |")
        lines.append("")

    # ---------------- make check
    if check.get("runs"):
        imp = check.get("imports", {})
        lines += ["## `make check`", "",
                  f"`HANDBOEK_PDF=false mkdocs build --strict` of the handbook: {fmt_s(_med(check['runs']))} wall, "
                  f"{fmt_s(_med(check['runs'], 'cpu'))} CPU (median of {len(check['runs'])}: "
                  f"{_walls(check['runs'])} s). MkDocs itself reports "
                  f"{fmt_s(check.get('mkdocs_reported_build_seconds'))} for the build proper; the rest is Python "
                  "start-up and imports.", "",
                  "Imports (`python -X importtime`, cumulative, in one traced run; tracing adds overhead):", "",
                  "| Module | Seconds |", "|---|---|"]
        for name, seconds in sorted(imp.items(), key=lambda item: -item[1]):
            lines.append(f"| {name} | {seconds:.2f} |")
        lines.append("")
        events = check.get("events", {})
        if events:
            lines += ["Where the CPU time of one build goes (benchmarks/event_timing.py: `time.process_time()` around "
                      "every plugin and hook handler, exclusive of nested handlers; the run with the median total "
                      "of 3). *Start-up* is the interpreter and MkDocs' imports; *config and imports* reads "
                      "mkdocs.yml and imports the plugins and hooks with everything they import; *MkDocs and "
                      "Material* is the rest: Markdown, templates, writing files (mkdocs-static-i18n's nested build "
                      "of the second language is counted under its on_post_build).", ""]
            labels = list(events)
            rows: dict[str, dict[str, float]] = {}
            for label, data in events.items():
                handlers = data["handlers"]
                rows.setdefault("start-up", {})[label] = data["startup"]
                rows.setdefault("config and imports", {})[label] = data["load_config"]
                for name, seconds in handlers.items():
                    rows.setdefault(name, {})[label] = seconds
                rows.setdefault("MkDocs and Material (rest)", {})[label] = (
                    data["total"] - data["startup"] - data["load_config"] - sum(handlers.values()))
                rows.setdefault("**total CPU**", {})[label] = data["total"]
            lines += ["| Part | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
            for name, values in rows.items():
                if max(values.values()) < 0.01 and not name.startswith("**"):
                    continue
                lines.append(f"| {name} | " + " | ".join(f"{values.get(label, 0.0):.2f}" for label in labels) + " |")
            lines.append("")

    # ---------------- PDFs
    pdf = results.get("pdf", {})
    if pdf:
        lines += ["## PDFs", ""]
        cold = (pdf.get("cold") or {}).get("pdf") or {}
        warm = (pdf.get("warm") or {}).get("pdf") or {}
        if cold:
            lines += ["Render time of each PDF in a cold build (WeasyPrint, measured in the worker process that "
                      "rendered it; handboek.pdf.publish.Printing hands the PDFs of a language to a "
                      "ProcessPoolExecutor, one process per core, as soon as that language's pages are written, "
                      "and the next language is built meanwhile):", "",
                      "| PDF | Seconds |", "|---|---|"]
            lines += [f"| {t['name']} | {t['seconds']:.2f} |" for t in cold.get("rendered", [])]
            total = sum(t["seconds"] for t in cold.get("rendered", []))
            lines += [f"| **all {len(cold.get('rendered', []))}** | **{total:.2f}** |", "",
                      f"Together {total:.1f} s of rendering; the whole build took {cold['build_seconds']:.1f} s."
                      if cold.get("build_seconds") else "", ""]
        if warm:
            lines += [f"The next build with nothing changed rendered **{len(warm.get('rendered', []))}** PDFs "
                      f"(build {warm.get('build_seconds', float('nan')):.1f} s): every PDF came from the cache.", ""]
        changed = (pdf.get("changed") or {}).get("pdf") or {}
        if changed:
            names = ", ".join(f"{t['name']} ({t['seconds']:.2f} s)" for t in changed.get("rendered", [])) or "none"
            lines += [f"After one sentence was added to docs/{EDITED_PAGE}, the build rendered: {names}.", ""]
        api = (pdf.get("api") or {}).get("result") or {}
        if api:
            lines += ["The package API, as in tests/test_pdfs.py: `handboek.model.project.load(...)`, then every "
                      "product of the registry (handboek.pdf.products) for Dutch through "
                      "`handboek.pdf.publish.Printing(cache)`: `add_language(...)`, `finish()`, twice with one "
                      "cache into copies of the built site:", "",
                      "| Call | Seconds | `Made.rendered` |", "|---|---|---|",
                      f"| first | {api['first']['seconds']:.2f} | {api['first']['rendered']} |",
                      f"| again, inputs unchanged | {api['again']['seconds']:.2f} | {api['again']['rendered']} |", "",
                      f"Files identical byte for byte: **{api['identical']}**.", ""]

    # ---------------- serve
    if serve:
        lines += ["## `make serve`: from save to the changed page in the browser", "",
                  "`mkdocs serve` on a free port, the page `" + EDITED_URL + "` open in Chromium (Playwright). "
                  "docs/" + EDITED_PAGE + " is saved with a new sentence; *shown* is the time until the open page "
                  "shows it, after MkDocs' live reload; *rebuilt* is the time until the live reload script heard "
                  "that the rebuilt site is ready (the rest is Chromium loading the page again). MkDocs' preview "
                  "server looks for changed files every 0.5 s (plain Material here), the handbook's every 0.1 s "
                  "(hooks/lifecycle.py, on_serve); then they wait for further changes (0.1 s; the handbook 0.05 s) and rebuild. "
                  "`make serve` builds "
                  "the Dutch pages only (HANDBOEK_ONLY_LANGUAGE=nl, mkdocs-static-i18n's `build_only_locale`); "
                  "`make serve PREVIEW=all` builds both languages, as plain Material does here.", "",
                  "| Variant | Shown, each save | Median shown | Median rebuilt |", "|---|---|---|---|"]
        for label, data in serve.items():
            if data.get("error"):
                lines.append(f"| {SERVE_LABELS.get(label, label)} | failed: {data['error']} | – | – |")
                continue
            lat = data.get("latencies", [])
            rebuilt = data.get("rebuilt") or [float("nan")]
            lines.append(f"| {SERVE_LABELS.get(label, label)} | {', '.join(f'{x:.2f}' for x in lat)} s | "
                         f"{fmt_s(median(lat))} | {fmt_s(median(rebuilt))} |")
        lines.append("")

    # ---------------- reader
    if reader_:
        lines += ["## Reader: bytes and requests in Chromium", "",
                  "The built site is served with gzip (level 6), `Last-Modified` and `304`, no `Cache-Control` (a "
                  "plain intranet web server). Chromium opens the home page with an empty cache, then the page "
                  f"`{EDITED_URL}` in the same tab. Bytes are what the server sent (headers + compressed bodies).", "",
                  "| Site | View | Bytes without search index | Search index | Requests (of which 304) | Not found (404) | "
                  "Third-party |", "|---|---|---|---|---|---|---|"]
        for label, data in reader_.items():
            if data.get("error"):
                lines.append(f"| {label} | failed: {data['error']} | | | | | |")
                continue
            for visit in data["visits"]:
                lines.append(f"| {label} | {visit['url']} | {visit['bytes_without_search_index'] / 1000:.1f} KB | "
                             f"{visit['search_index_bytes'] / 1000:.1f} KB | {visit['network_requests']} "
                             f"({sum(1 for r in visit['served'] if r['status'] == 304)}) | "
                             f"{', '.join(visit['not_found']) or '–'} | {len(visit['third_party'])} |")
        if reader_.get("project", {}).get("visits"):
            lines += ["", "What the first visit to the handbook transfers:", "", "| Request | Status | Bytes |",
                      "|---|---|---|"]
            for r in reader_["project"]["visits"][0]["served"]:
                lines.append(f"| {r['path']} | {r['status']} | {r['bytes']} |")
        lines.append("")

    # ---------------- scale
    scale = results.get("scale", {})
    if scale:
        lines += _scale_report(scale)

    # ---------------- profile
    prof = results.get("profile", {})
    if prof:
        lines += _profile_report(prof)

    lines += ["## Raw data", "", "Every run, with its exit code, is in benchmarks/results.json.", ""]
    return "\n".join(lines)


def _scale_report(scale: dict) -> list[str]:
    sizes = sorted(scale, key=int)
    lines = ["## Scale: synthetic sites", "",
             "benchmarks/synthetic.py writes N pages per language (so 2N pages are built): a home page, an about "
             f"page and sections of {synthetic.PAGES_PER_SECTION} pages, each page ~2.5 KB of Markdown with 10 links "
             "(4 to other pages, 2 of them with an anchor; 2 to anchors on the page; 1 raw-HTML link with an anchor; "
             "tel:, mailto:, https:), valid front matter and current translations. PDFs are off "
             "(HANDBOEK_PDF=false), as in `make check`; the handbook's content checks run in the build process "
             "(hooks/lifecycle.py).", "",
             "| Pages a language | Variant | Wall | CPU | ms per page (wall / 2N) | Peak memory | Stall | Measured |",
             "|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        for variant in ALL_VARIANTS:
            entry = scale[size].get(variant)
            if not entry:
                continue
            runs = entry["runs"]
            w = _med(runs)
            stopped = any(r.get("timed_out") for r in runs)
            failed = " (stopped: took too long)" if stopped else " (FAILED)" if _failed(runs) else ""
            lines.append(f"| {size} | {LABELS.get(variant, variant)}{failed} | {'> ' if stopped else ''}{fmt_s(w)} | "
                         f"{fmt_s(_med(runs, 'cpu'))} | {1000 * w / (2 * int(size)):.1f} | "
                         f"{_med(runs, 'rss_mb'):.0f} MiB | {_med(runs, 'stall'):.0%} | {entry.get('measured', '')} |")
    lines += ["", "Ratios (wall; CPU in brackets):", "",
              "| Pages a language | navigation's share of the plain build | handbook / plain | htmlproofer / plain | "
              "handbook / handbook with Material's nav |", "|---|---|---|---|---|"]

    def ratio(size: str, a: str, b: str) -> str:
        if a not in scale[size] or b not in scale[size]:
            return "–"
        ra, rb = scale[size][a]["runs"], scale[size][b]["runs"]
        more = "> " if any(r.get("timed_out") for r in ra) else ""
        return f"{more}{fmt_ratio(_med(ra) / _med(rb))} ({more}{fmt_ratio(_med(ra, 'cpu') / _med(rb, 'cpu'))})"

    for size in sizes:
        nav_share = "–"
        if "plain" in scale[size] and "plain+nonav" in scale[size]:
            a, b = _med(scale[size]["plain"]["runs"], "cpu"), _med(scale[size]["plain+nonav"]["runs"], "cpu")
            nav_share = f"{(a - b) / a:.0%}"
        lines.append(f"| {size} | {nav_share} | {ratio(size, 'project', 'plain')} | {ratio(size, 'htmlproofer', 'plain')} | "
                     f"{ratio(size, 'project', 'project+materialnav')} |")
    lines += ["", "Growth: time per page relative to the smallest size (1.00 = linear):", "",
              "| Variant | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(sizes)]
    for variant in ALL_VARIANTS:
        per_page = {s: _med(scale[s][variant]["runs"]) / int(s) for s in sizes if variant in scale[s]}
        if len(per_page) < 2:
            continue
        first = per_page[min(per_page, key=int)]
        lines.append(f"| {LABELS.get(variant, variant)} | "
                     + " | ".join(f"{per_page[s] / first:.2f}" if s in per_page else "–" for s in sizes) + " |")
    lines.append("")
    same = [(size, variant, scale[size][variant]["same_nav"]) for size in sizes for variant in scale[size]
            if scale[size][variant].get("same_nav")]
    if same:
        lines += ["Same navigation? The override's sidebar compared with Material's on every page, links resolved "
                  "to the paths they point to (benchmarks/navcompare.py):", ""]
        lines += [f"- {size} pages, {LABELS.get(variant, variant)} vs {LABELS.get(s['against'], s['against'])}: "
                  f"{s['pages']} pages compared, {len(s['different'])} different" for size, variant, s in same]
        lines.append("")
    return lines


def _profile_report(prof: dict) -> list[str]:
    lines = ["## Where build time goes (cProfile)", ""]
    for variant, data in prof.items():
        if "groups" not in data:
            lines += [f"{variant}: profile failed.", ""]
            continue
        lines += [f"### {LABELS.get(variant, variant)}, {data['size']} pages a language", "",
                  f"Total profiled time {data['total_seconds']:.1f} s (cProfile slows the build down; read the "
                  "shares). Own time by where the code lives:", "", "| Where | Share |", "|---|---|"]
        lines += [f"| {g['where']} | {g['share']:.1%} |" for g in data["groups"][:14]]
        lines += ["", "Functions with the most own time:", "", "| Function | Own s | Cumulative s | Calls |",
                  "|---|---|---|---|"]
        lines += [f"| {f['function']} | {f['tottime']:.2f} | {f['cumtime']:.2f} | {f['calls']} |"
                  for f in data["functions"][:12]]
        if data.get("templates"):
            lines += ["", "Templates, cumulative (each includes the partials it renders; approximate):", "",
                      "| Template | Share |", "|---|---|"]
            lines += [f"| {t['template']} | {t['share']:.1%} |" for t in data["templates"]
                      if not t["template"].endswith(("main.html", "base.html"))][:6]
        handlers = [h for h in data.get("handlers", [])
                    if "hooks/" in h["handler"] and "bench_hooks" not in h["handler"]]
        if handlers:
            lines += ["", "The project's hooks (cumulative, all languages):", "", "| Handler | Share |", "|---|---|"]
            lines += [f"| {h['handler']} | {h['share']:.1%} |" for h in handlers]
        lines.append("")
    return lines


def save(results: dict) -> None:
    """Write results.json and results.md with what has been measured so far."""
    RESULTS_JSON.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    RESULTS_MD.write_text(report(results), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small synthetic sizes (30/60/120 pages)")
    parser.add_argument("--full", action="store_true", help="every variant at 2,000 pages (takes hours)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--sizes", default="", help="only these synthetic sizes of the plan, e.g. 2000")
    parser.add_argument("--variants", default="", help="only these synthetic variants, e.g. plain,htmlproofer")
    parser.add_argument("--repeats", type=int, default=None, help="runs per synthetic build (default: 3 up to 150 "
                        "pages a language, else 1)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="stop a synthetic build after this many seconds and report it as longer than that")
    parser.add_argument("--report-only", action="store_true", help="rewrite results.md from results.json")
    args = parser.parse_args()
    plan_name = "quick" if args.quick else "full" if args.full else "default"
    plan = PLANS[plan_name]
    if args.sizes:
        plan = {int(size): PLANS["full"].get(int(size), ALL_VARIANTS) if args.full else plan.get(int(size), ALL_VARIANTS)
                for size in args.sizes.split(",")}
    if args.variants:
        wanted = [v.strip() for v in args.variants.split(",") if v.strip()]
        plan = {size: tuple(v for v in wanted if v in variants) for size, variants in plan.items()}
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    machine = measure.machine()
    results = load_previous(machine)
    if args.report_only:
        results = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
        RESULTS_MD.write_text(report(results), encoding="utf-8")
        print(RESULTS_MD.read_text(encoding="utf-8"))
        return
    if args.quick:
        results = {}     # quick numbers are not comparable with the real plan's
    results["machine"] = machine
    results["plan"] = plan_name
    results["ran"] = sections
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    warm_up("peer" in sections)
    steps = {"real": lambda r: bench_real(r, REAL_REPEATS[plan_name]),
             "peer": lambda r: bench_peer(r, REAL_REPEATS[plan_name]),
             "check": bench_check, "pdf": bench_pdf, "serve": bench_serve,
             "reader": bench_reader, "scale": lambda r: bench_scale(r, plan, args.timeout, save=lambda: save(r),
                                                 repeats=args.repeats),
             "profile": lambda r: bench_profile(r, PROFILE_SIZE[plan_name])}
    for section in SECTIONS:
        if section in sections:
            before = os.getloadavg()[0]
            steps[section](results)
            results.setdefault("load", {})[section] = [before, os.getloadavg()[0], results["machine"]["date"]]
            save(results)
    results["duration_seconds"] = time.perf_counter() - started
    RESULTS_JSON.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    text = report(results)
    RESULTS_MD.write_text(text, encoding="utf-8")
    print(text)
    log(f"done in {results['duration_seconds'] / 60:.1f} min; written to {RESULTS_MD.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
