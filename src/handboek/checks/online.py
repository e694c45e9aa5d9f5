"""`make check-online`: are the external links still alive? Opt-in, because it needs the internet.

Every URL is checked once, concurrently, with a timeout; results are kept in an on-disk cache that
expires (KEEP_OK, KEEP_FAILED), so a second run soon after asks only what failed or is new.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx
from lxml import html as lxml_html

from handboek.problems import Problem, Report, line_of

TIMEOUT = 10.0
CONCURRENCY = 8
KEEP_OK = 7 * 86400         # a live link is checked again after a week
KEEP_FAILED = 3600          # a failure is checked again after an hour
USER_AGENT = "handboek-linkcheck/1 (+make check-online)"


@dataclass(frozen=True)
class Result:
    """What one URL answered."""

    url: str
    status: int              # 0 when the host could not be reached
    location: str = ""       # where a redirect points
    error: str = ""
    checked_at: float = 0.0


def external_urls(site_dir: Path) -> set[str]:
    """Every http(s) link on the built pages."""
    urls: set[str] = set()
    for path in site_dir.rglob("*.html"):
        tree = lxml_html.document_fromstring(path.read_bytes())
        for element in tree.xpath("//a[@href]"):
            href = element.get("href", "").strip()
            if href.startswith(("http://", "https://")):
                urls.add(href.split("#")[0])
    return urls


URL_IN_TEXT = re.compile(r"""https?://[^\s"'<>)\]]+""")
# The intranet address and the Git host are often unreachable from where the check runs.
INTERNAL_KEYS = ("handbook_url:", "repo_edit_url:")


def data_urls(files: list[Path]) -> set[str]:
    """Web addresses in the data files and the settings, which also end up on the card and in the PDFs."""
    urls = set()
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.lstrip().startswith(("#", *INTERNAL_KEYS)):
                urls.update(url.rstrip(".,;") for url in URL_IN_TEXT.findall(line.split(" #")[0]))
    return urls


def where(url: str, files: list[Path], root: Path) -> tuple[str, int]:
    """The first file and line that mention `url`, for the message."""
    for path in files:
        if line := line_of(path.read_text(encoding="utf-8", errors="replace"), url):
            return str(path.relative_to(root)), line
    return "overrides/ (the page template)", 1


def load_cache(path: Path) -> dict[str, Result]:
    """Cached results that have not expired (a 2xx answer lasts KEEP_OK, any other KEEP_FAILED)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    results = {url: Result(**item) for url, item in raw.items()}
    now = time.time()
    return {url: result for url, result in results.items()
            if now - result.checked_at < (KEEP_OK if 200 <= result.status < 300 else KEEP_FAILED)}


def save_cache(path: Path, results: dict[str, Result]) -> None:
    """Keep results for the next run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({url: asdict(result) for url, result in results.items()}, indent=1), encoding="utf-8")


async def _check_one(client: httpx.AsyncClient, limit: asyncio.Semaphore, url: str) -> Result:
    """HEAD the URL (GET when HEAD is refused), without following redirects."""
    async with limit:
        try:
            response = await client.head(url)
            if response.status_code in {403, 405, 501}:
                response = await client.get(url)
        except httpx.HTTPError as error:
            return Result(url, 0, error=type(error).__name__, checked_at=time.time())
        location = urljoin(url, response.headers.get("location", "")) if response.is_redirect else ""
        return Result(url, response.status_code, location=location, checked_at=time.time())


async def check_urls(urls: set[str], cached: dict[str, Result]) -> dict[str, Result]:
    """Results for every URL: from the cache, or asked now, concurrently."""
    todo = sorted(url for url in urls if url not in cached)
    limit = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False,
                                 headers={"User-Agent": USER_AGENT}) as client:
        fresh = await asyncio.gather(*(_check_one(client, limit, url) for url in todo))
    return {**{url: cached[url] for url in urls if url in cached}, **{r.url: r for r in fresh}}


def problems(results: dict[str, Result], files: list[Path], root: Path) -> list[Problem]:
    """Dead links are errors; redirects are warnings."""
    found = []
    for url, result in sorted(results.items()):
        path, line = where(url, files, root)
        if result.status == 0:
            found.append(Problem(path, line, f"link '{url}' cannot be reached ({result.error})",
                                 "check the address; if the site moved, use its new address"))
        elif result.status >= 400:
            found.append(Problem(path, line, f"link '{url}' is dead (HTTP {result.status})",
                                 "find the page's new address, or remove the link"))
        elif result.location:
            found.append(Problem(path, line, f"link '{url}' redirects to '{result.location}'",
                                 "use the new address", "warning"))
    return found


def main(root: Path, site_dir: Path) -> int:
    """Check the external links of a built site; print one line per problem."""
    if not site_dir.is_dir():
        print(f"{site_dir}: the built site is missing — run 'make check' first", file=sys.stderr)
        return 2
    data = [*root.glob("data/**/*.yml"), root / "municipality.yml"]
    files = sorted([*root.glob("docs/**/*.md"), *data])
    cache_file = root / ".cache" / "handboek" / "links.json"
    cached = load_cache(cache_file)
    urls = external_urls(site_dir) | data_urls(data)
    results = asyncio.run(check_urls(urls, cached))
    save_cache(cache_file, {**cached, **results})
    report = Report(problems(results, files, root))
    for line in report.lines():
        print(line, file=sys.stderr)
    print(f"Links: {len(urls)} checked, {len(urls - cached.keys())} asked now. "
          + report.summary(), file=sys.stderr)
    return 1 if report.errors else 0
