"""Render a PDF only when its inputs changed, and never leave a half-written file."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from handboek.memo import library_version
from handboek.pdf import sheet
from handboek.pdf.render import PDF_VARIANT, Job

KEEP_DAYS = 30
PACKAGE = Path(__file__).resolve().parent.parent.as_uri() + "/"     # src/handboek/


def key(job: Job, inputs: Iterable[Path]) -> str:
    """A hash of everything that shapes the PDF: its HTML, the files it uses, and the renderer's version.

    Paths count relative to the handbook's package (its fonts) and to the project (job.base_url), so that a copied
    or moved project, such as another CI runner's checkout with the cache carried over, finds its PDFs again.
    """
    def relative(text: str) -> str:
        return text.replace(PACKAGE, "<handboek>/").replace(job.base_url, "./")

    digest = hashlib.sha256()
    placing = f"{job.slots} {library_version('pypdfium2')}" if job.slots else ""
    if job.slots:       # how a sheet places its cards is code: its module shapes it too
        inputs = [*inputs, Path(sheet.__file__)]
    for part in (relative(job.html), relative(job.frame), placing, PDF_VARIANT, library_version("weasyprint")):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    # Sorted by the relative name: sorted by the absolute path, the order would depend on where the project lies.
    for name, path in sorted({relative(path.resolve().as_uri()): path for path in inputs}.items()):
        digest.update(name.encode("utf-8"))
        digest.update(_file_digest(path, *_stamp(path)))
    return digest.hexdigest()[:24]


def _stamp(path: Path) -> tuple[int, int]:
    """A file's modification time and size, or (0, -1) when it is missing."""
    try:
        stat = path.stat()
    except OSError:
        return 0, -1
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=64)
def _file_digest(path: Path, mtime_ns: int, size: int) -> bytes:
    """The hash of a file's bytes; read again only when its time or size changed."""
    return hashlib.sha256(path.read_bytes()).digest() if size >= 0 else b"<missing>"


def cached_path(job: Job, inputs: Iterable[Path], cache_dir: Path) -> Path:
    """Where the PDF for `job` is kept in the cache; it exists when these inputs were rendered before."""
    return cache_dir / f"{key(job, inputs)}.pdf"


def preview_of(cached: Path) -> Path:
    """Where the preview image of a cached PDF is kept, beside it."""
    return cached.with_suffix(".png")


def copy_out(cached: Path, target: Path, preview: Path | None = None) -> None:
    """Put a cached PDF (and its preview image) into the site, and mark them as used so that prune() keeps them."""
    os.utime(cached)
    write_atomically(target, cached.read_bytes())
    if preview is not None:
        os.utime(preview_of(cached))
        write_atomically(preview, preview_of(cached).read_bytes())


def prune(cache_dir: Path) -> None:
    """Remove cached PDFs nobody used for KEEP_DAYS days."""
    limit = time.time() - KEEP_DAYS * 86400
    for path in [*cache_dir.glob("*.pdf"), *cache_dir.glob("*.png")]:
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file next to `target`, then move it into place in one step: nobody sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)     # mkstemp makes it private; the web server must read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
