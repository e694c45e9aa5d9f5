"""How long after saving a page does `mkdocs serve` show the change in the browser?

Starts `mkdocs serve` (as `make serve` does) on a free port, waits for the first build and opens the page in
Debian's Chromium (Playwright), as an editor keeps it open. Then it saves the Markdown page several times, each
time with a new sentence, and waits until the open page shows that sentence: MkDocs' live reload script learns
that the rebuild is done, reloads the page, and Chromium draws it. Two times per save, from the moment the file
was written:
- `latencies`: the sentence is in the page in Chromium, what the editor sees;
- `rebuilt`: the live reload script got the answer that the rebuilt site is ready.
Both include the server's file polling (MkDocs: every 0.5 s; the handbook's hooks/lifecycle.py on_serve: every 0.1 s) and
its wait for further changes (MkDocs: 0.1 s; the handbook: 0.05 s). Saves come 1.0-1.6 s apart (a fixed
random sequence), so that they fall at every point of the polling interval.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from reader import CHROMIUM_ARGS
from measure import PY, build_env, free_port


def _get(url: str, timeout: float = 120) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _in_chromium(url: str, page: Path, original: str, edits: int, result: dict) -> None:
    """Open `url` in Chromium, save `page` `edits` times, and note when the page showed each change."""
    from playwright.sync_api import sync_playwright

    pauses = random.Random(8).uniform  # noqa: S311 - spreads the saves over the polling interval, not security
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            answered: list[float] = []
            tab.on("requestfinished",
                   lambda request: answered.append(time.perf_counter()) if "/livereload/" in request.url else None)
            tab.goto(url, wait_until="load")
            for _ in range(edits):
                time.sleep(pauses(1.0, 1.6))   # the page is loaded and its live reload script is waiting
                answered.clear()
                marker = f"benchmark-{uuid.uuid4().hex[:10]}"
                saved = time.perf_counter()
                page.write_text(original.rstrip("\n") + f"\n\nBewerkt: {marker}\n", encoding="utf-8")
                tab.wait_for_function(f"document.body && document.body.innerText.includes('{marker}')",
                                      timeout=300_000, polling=10)
                result["latencies"].append(time.perf_counter() - saved)
                result["rebuilt"].append(answered[0] - saved if answered else float("nan"))
                tab.wait_for_load_state("load")
        finally:
            browser.close()


def measure(project: Path, page_source: str, page_url: str, edits: int = 3, only_language: str | None = None,
            startup_timeout: float = 300, args: tuple[str, ...] = ()) -> dict:
    """Seconds from each of `edits` saves of docs/<page_source> until Chromium shows it at <page_url> (`latencies`)
    and until the live reload script heard the rebuild was done (`rebuilt`).

    `only_language` previews one language, as `make serve` does (HANDBOEK_ONLY_LANGUAGE).
    """
    port = free_port()
    env = build_env(**({"HANDBOEK_ONLY_LANGUAGE": only_language} if only_language else {}))
    log = tempfile.TemporaryFile()  # noqa: SIM115 - open for as long as the server runs, closed in finally
    process = subprocess.Popen([PY, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                                "-a", f"127.0.0.1:{port}", *args], cwd=project, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    page = project / "docs" / page_source
    original = page.read_text(encoding="utf-8")
    result: dict = {"latencies": [], "only_language": only_language}
    try:
        base = f"http://127.0.0.1:{port}/"
        start = time.perf_counter()
        while True:
            if process.poll() is not None:
                raise RuntimeError("mkdocs serve stopped")
            try:
                with urllib.request.urlopen(base, timeout=5) as response:  # noqa: S310
                    base = response.geturl()    # the mount path, from site_url
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.perf_counter() - start > startup_timeout:
                    raise RuntimeError("mkdocs serve did not start") from None
                time.sleep(0.2)
        result["startup_seconds"] = time.perf_counter() - start
        url = base.rstrip("/") + "/" + page_url
        status, _ = _get(url)
        result["status"] = status
        result["rebuilt"] = []
        _in_chromium(url, page, original, edits, result)
    finally:
        page.write_text(original, encoding="utf-8")
        os.killpg(process.pid, signal.SIGTERM)   # our own mkdocs serve, started in its own session
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.seek(0)
        result["log_tail"] = log.read().decode("utf-8", errors="replace")[-2000:]
        log.close()
    return result
