"""How long after saving a page does `mkdocs serve` show the change?

Starts `mkdocs serve` (as `make serve` does) on a free port, waits for the first build, then edits a Markdown
page several times. After each save it polls the served page until the new text is in it. MkDocs' dev server
holds a request while a rebuild is running and answers when it is done, so the first answer that contains the
new text is what an editor's browser would show after its live reload. The latency counts from the moment the
file was written; it includes MkDocs' file polling (every 0.5 s) and its 0.1 s debounce.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from measure import PY, build_env, free_port


def _get(url: str, timeout: float = 120) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def measure(project: Path, page_source: str, page_url: str, edits: int = 3, only_language: str | None = None,
            startup_timeout: float = 300, args: tuple[str, ...] = ()) -> dict:
    """Latencies in seconds of `edits` saves of docs/<page_source>, seen at <page_url> (site-relative).

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
        for _ in range(edits):
            time.sleep(1.5)   # let the server settle: no rebuild in progress
            marker = f"benchmark-{uuid.uuid4().hex[:10]}"
            page.write_text(original.rstrip("\n") + f"\n\nBewerkt: {marker}\n", encoding="utf-8")
            saved = time.perf_counter()
            while True:
                status, body = _get(url)
                if marker in body:
                    result["latencies"].append(time.perf_counter() - saved)
                    break
                if time.perf_counter() - saved > 300:
                    result["latencies"].append(float("nan"))
                    break
                time.sleep(0.02)
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
