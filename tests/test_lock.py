"""The lock files in requirements/ agree with pyproject.toml: offline, so that CI stops a change that forgot `make lock`."""

from __future__ import annotations

import importlib.metadata
import re
import shlex
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCKS = ROOT / "requirements"
FIX = "run `make lock` and commit pyproject.toml and requirements/ together"
# The sets that share one virtual environment (.venv) and so must agree on every version; tools.txt has its own.
SHARED = ("runtime.txt", "test.txt", "dev.txt", "bench.txt")
# Python versions README promises (Debian 12 has 3.11, Ubuntu 24.04 3.12), and the next ones.
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;[^\\]*)?\\?$")
HEADER = re.compile(r"^#\s+pip-compile (?P<args>.+)$", re.MULTILINE)
ROOT_PROJECT = "handboek (pyproject.toml)"


@dataclass
class Locked:
    """One pinned package in a lock file."""

    name: str
    version: str
    line: int
    hashes: int = 0
    via: list[str] = field(default_factory=list)


@dataclass
class LockFile:
    """A pip-compile output: the command in its header and its pinned packages."""

    path: Path
    extras: list[str]
    sources: list[str]
    packages: dict[str, Locked]
    problems: list[str]

    @property
    def shown(self) -> str:
        """The path as a reader finds it, relative to the project."""
        return self.path.relative_to(self.path.parent.parent).as_posix()


def read_lock(path: Path) -> LockFile:
    """Parse a lock file; anything that is not a pin with hashes is a problem."""
    text = path.read_text(encoding="utf-8")
    shown = path.relative_to(path.parent.parent).as_posix()
    header = HEADER.search(text)
    args = shlex.split(header["args"]) if header else []
    lock = LockFile(path, extras=[a.split("=", 1)[1] for a in args if a.startswith("--extra=")],
                    sources=[a for a in args if not a.startswith("-")], packages={}, problems=[])
    if header is None:
        lock.problems.append(f"{shown}:1: no pip-compile command in the header — {FIX}")
    current: Locked | None = None
    in_via = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or line.startswith("#"):  # the header, or pip-compile's note before pip and setuptools
            current, in_via = None, False
            continue
        if not line.startswith(" "):
            in_via = False
            match = PINNED.match(line)
            if match is None:
                current = None
                lock.problems.append(f"{shown}:{number}: '{stripped}' is not an exact pin (name==version) — {FIX}")
                continue
            current = Locked(canonicalize_name(match["name"]), match["version"], number)
            lock.packages[current.name] = current
        elif current is None:
            continue
        elif stripped.startswith("--hash=sha256:"):
            current.hashes += 1
        elif stripped == "# via":
            in_via = True
        elif stripped.startswith("# via "):
            current.via.append(stripped.removeprefix("# via ").strip())
        elif in_via and stripped.startswith("#   "):
            current.via.append(stripped.removeprefix("#").strip())
    for package in lock.packages.values():
        if package.hashes == 0:
            lock.problems.append(f"{shown}:{package.line}: {package.name}=={package.version} has no --hash — {FIX}")
    return lock


def lock_files(folder: Path = LOCKS) -> list[LockFile]:
    """Every lock file in the folder."""
    return [read_lock(path) for path in sorted(folder.glob("*.txt"))]


def line_of(text: str, needle: str) -> int:
    """The first line of `text` that contains `needle` (1 when none does)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def wanted(lock: LockFile, project: Path) -> tuple[list[tuple[Requirement, str, int]], list[str]]:
    """What the lock's sources ask for: (requirement, file, line) for each, and the problems reading them."""
    requests, problems = [], []
    for source in lock.sources:
        path = project / source
        if not path.is_file():
            problems.append(f"{lock.shown}:5: its source '{source}' does not exist — {FIX}")
            continue
        text = path.read_text(encoding="utf-8")
        if path.name == "pyproject.toml":
            table = tomllib.loads(text)["project"]
            strings = list(table.get("dependencies", []))
            for extra in lock.extras:
                strings += table.get("optional-dependencies", {}).get(extra, [])
        else:
            strings = [line.split("#", 1)[0].strip() for line in text.splitlines()]
        for string in filter(None, strings):
            try:
                requests.append((Requirement(string), source, line_of(text, string)))
            except InvalidRequirement as error:
                problems.append(f"{source}:{line_of(text, string)}: '{string}' is not a requirement ({error}) — "
                                "write it like name>=1.0")
    return requests, problems


def disagreements(project: Path = ROOT, folder: Path = LOCKS) -> list[str]:
    """Every way the lock files disagree with their sources or with each other, one line each."""
    problems: list[str] = []
    locks = lock_files(folder)
    if not locks:
        return [f"{folder.relative_to(project).as_posix()}: no lock files — {FIX}"]
    for lock in locks:
        problems += lock.problems
        requests, unreadable = wanted(lock, project)
        problems += unreadable
        direct = set()
        for requirement, source, line in requests:
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = canonicalize_name(requirement.name)
            direct.add(name)
            locked = lock.packages.get(name)
            if locked is None:
                problems.append(f"{source}:{line}: '{requirement}' is not in {lock.shown} — {FIX}")
            elif not requirement.specifier.contains(locked.version, prereleases=True):
                problems.append(f"{source}:{line}: '{requirement}' is locked as {locked.version} in {lock.shown} — {FIX}")
        for package in lock.packages.values():
            asked = [v for v in package.via if v == ROOT_PROJECT or v.startswith("-r ")]
            if asked and package.name not in direct:
                problems.append(f"{lock.shown}:{package.line}: {package.name} is locked because {asked[0]} asked for "
                                f"it, which it no longer does — {FIX}")
        problems += unreachable(lock)
    problems += version_conflicts([lock for lock in locks if lock.path.name in SHARED])
    return problems


def unreachable(lock: LockFile) -> list[str]:
    """Packages that nothing in the lock needs any more: not asked for, and not needed by a package that is."""
    reached = {name for name, package in lock.packages.items()
               if any(v == ROOT_PROJECT or v.startswith("-r ") for v in package.via)}
    grew = True
    while grew:
        grew = False
        for name, package in lock.packages.items():
            if name not in reached and any(canonicalize_name(v) in reached for v in package.via
                                           if not v.startswith("-")):
                reached.add(name)
                grew = True
    return [f"{lock.shown}:{package.line}: nothing needs {package.name} any more — {FIX}"
            for name, package in lock.packages.items() if name not in reached]


def version_conflicts(locks: list[LockFile]) -> list[str]:
    """A package locked at two versions in files that are installed into the same environment."""
    seen: dict[str, tuple[LockFile, Locked]] = {}
    problems = []
    for lock in locks:
        for name, package in lock.packages.items():
            first = seen.setdefault(name, (lock, package))
            if first[1].version != package.version:
                problems.append(f"{lock.shown}:{package.line}: {name} is {package.version} here but "
                                f"{first[1].version} in {first[0].shown} — {FIX}")
    return problems


def test_lock_files_agree_with_pyproject_and_each_other() -> None:
    assert {path.name for path in LOCKS.glob("*.txt")} == {*SHARED, "tools.txt"}
    problems = disagreements()
    assert not problems, "\n".join(problems)


def test_build_in_is_the_build_system_of_pyproject() -> None:
    """The editable install uses setuptools from the lock, so the lock must have what [build-system] asks for."""
    build_system = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    listed = [line.split("#", 1)[0].strip() for line in (LOCKS / "build.in").read_text(encoding="utf-8").splitlines()]
    assert sorted(filter(None, listed)) == sorted(build_system["requires"]), \
        "requirements/build.in:1: make it list exactly [build-system] requires of pyproject.toml"


def test_make_installs_each_environment_from_its_lock_and_again_when_the_lock_changes(tmp_path: Path) -> None:
    """What make would run (make -n) in a new checkout, once the environments exist, and after a lock changed (-W)."""
    venv, tools = tmp_path / "venv", tmp_path / "tools"

    def installs(target: str, *changed: str) -> list[str]:
        dry = subprocess.run(["make", "-n", "--no-print-directory", f"VENV={venv}", f"TOOLS={tools}",
                              *(f"--what-if={path}" for path in changed), target],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        return [line for line in dry.stdout.splitlines() if "pip install" in line]

    targets = {f"{venv}/.installed": "runtime.txt", f"{venv}/.installed-test": "test.txt",
               f"{venv}/.installed-bench": "bench.txt", f"{tools}/.installed": "tools.txt"}
    for target, lock in targets.items():
        new = installs(target)
        assert any(f"-r requirements/{lock}" in line for line in new), (target, new)
        assert all("--require-hashes" in line or "--no-deps" in line for line in new), new
    for stamp in targets:       # the environments exist, newer than every lock
        Path(stamp).parent.mkdir(exist_ok=True)
        Path(stamp).touch()
    for target, lock in targets.items():
        assert installs(target) == [], f"{target} is installed already"
        assert any(f"-r requirements/{lock}" in line for line in installs(target, f"requirements/{lock}")), \
            f"a changed requirements/{lock} installs {target} again"
    audit = subprocess.run(["make", "-n", "--no-print-directory", f"TOOLS={tools}", "audit"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout
    assert all(f"-r requirements/{name}" in audit for name in (*SHARED, "tools.txt")), "make audit must look at every lock"

def test_the_check_finds_a_pin_that_was_changed_without_make_lock(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "requirements").mkdir(parents=True)
    for path in LOCKS.iterdir():
        (project / "requirements" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    locked = read_lock(LOCKS / "runtime.txt").packages["mkdocs-material"].version
    pin = f'"mkdocs-material=={locked}"'
    assert pin in pyproject
    changed = pyproject.replace(pin, '"mkdocs-material==99.0"').replace('  "pyyaml>=6",\n', "")
    changed = changed.replace('  "pytest>=8",', '  "pytest>=8",\n  "not-locked-anywhere>=1",')
    (project / "pyproject.toml").write_text(changed, encoding="utf-8")
    (project / "requirements" / "dev.txt").write_text(
        (LOCKS / "dev.txt").read_text(encoding="utf-8").replace("\nmkdocs==1.6.1 \\", "\nmkdocs==1.6.0 \\"),
        encoding="utf-8")
    problems = disagreements(project, project / "requirements")
    line = line_of(changed, "mkdocs-material==99.0")
    assert f"pyproject.toml:{line}: 'mkdocs-material==99.0' is locked as {locked} in requirements/runtime.txt — {FIX}" \
        in problems
    assert any(p.startswith("pyproject.toml:") and "'not-locked-anywhere>=1' is not in requirements/test.txt" in p
               for p in problems), problems
    assert any(p.startswith("requirements/runtime.txt:") and "pyyaml is locked because handboek (pyproject.toml)" in p
               for p in problems), problems
    assert any(p.startswith("requirements/dev.txt:") and "mkdocs is 1.6.0 here but 1.6.1" in p for p in problems), problems
    assert all(re.match(r"^[\w/.-]+:\d+: .+ — .+$", p) for p in problems), problems


def test_the_check_refuses_a_line_without_pin_or_hash(tmp_path: Path) -> None:
    lock = tmp_path / "requirements" / "runtime.txt"
    lock.parent.mkdir()
    lock.write_text("#\n#    pip-compile --output-file=requirements/runtime.txt requirements/x.in\n#\n"
                    "pyyaml>=6\n    # via -r requirements/x.in\nsix==1.16.0\n    # via -r requirements/x.in\n"
                    "-e .\n", encoding="utf-8")
    problems = read_lock(lock).problems
    assert problems == [f"requirements/runtime.txt:4: 'pyyaml>=6' is not an exact pin (name==version) — {FIX}",
                        f"requirements/runtime.txt:8: '-e .' is not an exact pin (name==version) — {FIX}",
                        f"requirements/runtime.txt:6: six==1.16.0 has no --hash — {FIX}"]


@pytest.mark.parametrize("name", ["runtime.txt", "test.txt"])
def test_the_lock_made_on_python_311_installs_on_newer_pythons(name: str) -> None:
    """pip-compile resolves for the Python it runs on: no locked package may need another one on a newer Python."""
    lock = read_lock(LOCKS / name)
    problems = []
    for package in lock.packages.values():
        try:
            if importlib.metadata.version(package.name) != package.version:
                continue  # this environment has another version; `make test` installs the locked ones
            requires = importlib.metadata.requires(package.name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for string in requires:
            requirement = Requirement(string)
            if requirement.marker is None or canonicalize_name(requirement.name) in lock.packages:
                continue
            for python in PYTHONS:
                if requirement.marker.evaluate({"python_version": python, "python_full_version": f"{python}.0",
                                                "extra": ""}):
                    problems.append(f"{lock.shown}:{package.line}: {package.name} needs '{requirement}' on Python "
                                    f"{python}, which the lock does not have — add it to requirements/build.in "
                                    "and run `make lock`")
                    break
    assert not problems, "\n".join(problems)
