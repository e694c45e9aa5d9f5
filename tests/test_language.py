"""`make language`: a third language is built, offered in the language selector, and refused for release until
every page and data file was translated and marked."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from conftest import FIXTURE_SETTINGS, ROOT, TODAY, run_build

VENV = ROOT / ".venv"
# The copy has no .venv of its own: use the project's, and never set it up again from the copy.
MAKE = ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), f"VENV={VENV}", "-o", f"{VENV}/.installed"]


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a make target in the copy, as an editor would in their checkout."""
    env = {**os.environ, "HANDBOEK_SETTINGS": str(FIXTURE_SETTINGS)}
    return subprocess.run([*MAKE, *args], cwd=project, capture_output=True, text=True, env=env)


def test_a_new_language_is_built_offered_and_held_back_until_translated(project: Path, tmp_path: Path) -> None:
    added = _run(project, "language", "LANG=pl")
    assert added.returncode == 0, added.stderr
    assert "Polski" in added.stdout

    build = run_build(project, tmp_path / "site", pdf=False, today=TODAY)
    assert build.returncode == 0, build.output
    assert '<html lang="pl"' in build.page("pl/")
    selector = re.search(r'<a href="([^"]*)" hreflang="pl"[^>]*>\s*Polski\s*</a>', build.page("signalen/"))
    assert selector is not None and selector.group(1) == "../pl/signalen/"     # the same page, in Polish
    assert "data/pl/steps.yml:1: warning: not translated yet" in build.output

    refused = _run(project, "release")
    assert refused.returncode != 0
    assert re.search(r"^docs/pl/signalen\.md:\d+: not translated yet: .* — .*make translated FILE=docs/pl/signalen\.md$",
                     refused.stderr, re.MULTILINE), refused.stderr
    assert not (project / "site").exists()      # refused before anything was built

    copies = sorted(str(path.relative_to(project)) for folder in ("docs/pl", "data/pl")
                    for path in (project / folder).rglob("*") if path.suffix in {".md", ".yml"})
    assert _run(project, "translated", f"FILE={' '.join(copies)}").returncode == 0   # after translating them
    assert "pl/" not in subprocess.run([VENV / "bin" / "handboek", "release-check"], cwd=project, text=True,
                                       capture_output=True, env={**os.environ,
                                                                 "HANDBOEK_SETTINGS": str(FIXTURE_SETTINGS)}).stderr


def test_a_language_is_named_by_its_code_and_added_once(project: Path) -> None:
    wrong = _run(project, "language", "LANG=polish")
    assert wrong.returncode == 2
    assert "'polish' is not a language code — use two lowercase letters" in wrong.stderr
    again = _run(project, "language", "LANG=en")
    assert again.returncode == 2
    assert "docs/en:1: the language 'en' exists already" in again.stderr
    assert not (project / "docs" / "polish").exists()
