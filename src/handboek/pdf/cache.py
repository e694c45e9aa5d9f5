"""Render a PDF only when its inputs changed, and never leave a half-written file."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from handboek.pdf.render import Job

KEEP_DAYS = 30


def key(job: Job, inputs: Iterable[Path]) -> str:
    """A hash of everything that shapes the PDF: its HTML, the files it uses, and the renderer's version."""
    digest = hashlib.sha256()
    for part in (job.html, job.base_url, job.variant or "", version("weasyprint")):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for path in sorted(set(inputs)):
        digest.update(str(path).encode("utf-8"))
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()[:24]


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file next to `target`, then move it into place in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a web server must read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cached_path(job: Job, inputs: Iterable[Path], cache_dir: Path) -> Path:
    """Where the PDF for `job` is kept in the cache; it exists when these inputs were rendered before."""
    return cache_dir / f"{key(job, inputs)}.pdf"


def copy_out(cached: Path, target: Path) -> None:
    """Put a cached PDF into the site, and mark it as used so that prune() keeps it."""
    os.utime(cached)
    write_atomically(target, cached.read_bytes())


def prune(cache_dir: Path, days: int = KEEP_DAYS) -> None:
    """Remove cached PDFs nobody used for `days` days."""
    if not cache_dir.is_dir():
        return
    limit = time.time() - days * 86400
    for path in cache_dir.glob("*.pdf"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _umask() -> int:
    """The process's file-creation mask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
