"""Compare the builds of two commits of the handbook on this machine, interleaved, in one run.

    .venv/bin/python benchmarks/compare_commits.py OLD NEW [--repeats 5]

Each commit is exported with `git archive` to benchmarks/work/commit-{old,new}-<sha>/ and built with that copy's
own package first on PYTHONPATH (ahead of the editable install). Scenarios, as in run.py: *cold* (no .cache, every
PDF rendered), *warm* (nothing changed) and *changed* (a sentence appended to docs/nl/signalen.md, so the Dutch
handbook PDF is rendered again). The commits take turns, OLD first in one round and NEW first in the next, so
that a busy moment of the machine hits both alike.
Prints a Markdown table with the medians and every run; NEW/OLD is the ratio of the medians.
CPU counts the build and the processes it waited for: a commit from before issue 17, whose PDF workers forked
from a server process that outlived the build, shows less CPU than it used (its wall time is right).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import tarfile
from pathlib import Path

import measure

WORK = Path(__file__).resolve().parent / "work"
ROOT = Path(__file__).resolve().parent.parent
PAGE = Path("docs/nl/signalen.md")


def export(commit: str, label: str) -> Path:
    """A fresh copy of `commit`'s files, in a folder of its own for `label`."""
    sha = subprocess.run(["git", "rev-parse", "--short", commit], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    target = WORK / f"commit-{label}-{sha}"
    shutil.rmtree(target, ignore_errors=True)
    archive = subprocess.run(["git", "archive", "--format=tar", sha], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def build(project: Path) -> measure.Run:
    """`mkdocs build --strict` with PDFs, using the copy's own package."""
    run = measure.mkdocs_build(project, project / "site", PYTHONPATH=str(project / "src"))
    if run.rc != 0:
        raise SystemExit(f"{project.name}: the build failed:\n{run.output[-2000:]}")
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    projects = {"old": export(args.old, "old"), "new": export(args.new, "new")}
    runs: dict[tuple[str, str], list[measure.Run]] = {}
    for project in projects.values():   # unmeasured: fills the bytecode cache and the PDF cache
        build(project)
    for i in range(args.repeats):
        order = list(projects.items()) if i % 2 == 0 else list(projects.items())[::-1]   # OLD first, then NEW first
        for label, project in order:
            shutil.rmtree(project / ".cache", ignore_errors=True)
            runs.setdefault(("cold", label), []).append(build(project))
        for label, project in order:
            runs.setdefault(("warm", label), []).append(build(project))
        for label, project in order:
            page = project / PAGE
            page.write_text(page.read_text(encoding="utf-8") + f"\nVergelijking {i}.\n", encoding="utf-8")
            runs.setdefault(("changed", label), []).append(build(project))
    print("| Scenario | Commit | Wall (median) | CPU (median) | All wall times |\n|---|---|---|---|---|")
    for scenario in ("cold", "warm", "changed"):
        medians = {}
        for label, commit in (("old", args.old), ("new", args.new)):
            done = runs[(scenario, label)]
            wall, cpu = statistics.median(r.wall for r in done), statistics.median(r.cpu for r in done)
            medians[label] = (wall, cpu)
            print(f"| {scenario} | {commit} | {wall:.2f} s | {cpu:.2f} s | "
                  + ", ".join(f"{r.wall:.2f}" for r in done) + " |")
        (ow, oc), (nw, nc) = medians["old"], medians["new"]
        print(f"| {scenario} | NEW/OLD | {nw / ow:.2f}× | {nc / oc:.2f}× | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
