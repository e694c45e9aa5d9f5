"""`make serve`: the live preview an editor keeps open while writing."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType, SimpleNamespace

import material
from mkdocs.livereload import LiveReloadServer

from conftest import ROOT

WAIT = 120      # seconds: a generous limit for a slow CI machine, not a speed claim


def _free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    """The page at `url`, or '' while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen) -> str:
    """The page once it contains `text`; fail when the server stops or the text never comes."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        page = _get(url)
        if text in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}")


def test_the_preview_shows_a_saved_page(project: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOEK_ONLY_LANGUAGE": "nl"}
    env.pop("HANDBOEK_SETTINGS", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/signalen/"     # as README says: the preview is at the server's root
        _wait_for(url, "<h1", server)
        page = project / "docs" / "nl" / "signalen.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nEen zin die de redacteur net schreef.\n",
                        encoding="utf-8")
        _wait_for(url, "Een zin die de redacteur net schreef.", server)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            _, errors = server.communicate(timeout=WAIT)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, errors = server.communicate()
    assert "Traceback" not in errors, errors


def _hook() -> ModuleType:
    """hooks/lifecycle.py, loaded the way MkDocs loads a hook."""
    spec = importlib.util.spec_from_file_location("lifecycle", ROOT / "hooks" / "lifecycle.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_preview_looks_for_saved_files_more_often_than_mkdocs_does(tmp_path: Path) -> None:
    # MkDocs looks every 0.5 s and then waits 0.1 s: on average a third of a second lost on every save.
    (tmp_path / "docs").mkdir()
    (tmp_path / "municipality.yml").write_text("{}\n", encoding="utf-8")
    def build() -> None: ...
    original = LiveReloadServer(builder=build, host="127.0.0.1", port=_free_port(), root=str(tmp_path / "site"),
                                mount_path="/handboek/")
    original.watch(str(tmp_path / "docs"))
    original.watch(str(tmp_path / "municipality.yml"), recursive=False)
    default = original.observer.timeout

    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    quicker = _hook().on_serve(original, config=config, builder=build)

    assert quicker.observer.timeout < default and quicker.build_delay < original.build_delay
    assert quicker.builder is build and quicker.root == original.root and quicker.url == original.url
    assert quicker.error_handler is original.error_handler
    watched = {(e.watch.raw_path, e.watch.is_recursive) for e in quicker.observer.emitters}
    quicker.server_close()
    assert watched == {(str(tmp_path / "docs"), True), (str(tmp_path / "municipality.yml"), False)}


def test_the_preview_keeps_mkdocs_server_when_it_watches_the_theme(tmp_path: Path) -> None:
    # `mkdocs serve --watch-theme` also watches Material's own files, outside the project: too many to look at often.
    (tmp_path / "docs").mkdir()
    theme = Path(material.__file__).parent / "templates"
    def build() -> None: ...
    original = LiveReloadServer(builder=build, host="127.0.0.1", port=_free_port(), root=str(tmp_path / "site"))
    original.watch(str(tmp_path / "docs"))
    original.watch(str(theme))
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    kept = _hook().on_serve(original, config=config, builder=build)
    original.server_close()
    assert kept is original
