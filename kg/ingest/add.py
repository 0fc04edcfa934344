"""kg add: each source (a saved page, a URL, a text file, a folder of them, a feed's items)
becomes one seed, or one line saying why not. Sources are independent: one that fails never
stops the others, and leaves no file behind."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..seeds import MAX_ARTICLE_BYTES
from . import extract, feeds, fetch
from .errors import IngestError
from .seedfiles import SeedsFolder

PAGE_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
HTML_TYPES = ("", "text/html", "application/xhtml+xml", "application/xml", "text/xml")


@dataclass(frozen=True)
class Outcome:
    source: str
    line: str
    ok: bool  # added, or already present


@dataclass(frozen=True)
class Limits:
    timeout: float = fetch.TIMEOUT_SECONDS
    max_bytes: int = fetch.MAX_BYTES


def add_sources(sources: list[str], seeds_dir: Path, feed_sources: list[str] = (),
                limits: Limits = Limits()) -> list[Outcome]:
    """Add every source and every item of every feed to `seeds_dir`; one outcome per article."""
    folder = SeedsFolder.read(seeds_dir)
    outcomes = []
    for source in sources:
        for item, fallback_date in _expand(source, outcomes):
            outcomes.append(_add_one(item, folder, limits, fallback_date))
    for feed in feed_sources:
        try:
            read = _read(feed, limits)
            listed = feeds.items(read.content, read.url)
        except IngestError as error:
            outcomes.append(Outcome(feed, f"error: {feed}: {error}", False))
            continue
        for item in listed:
            if not item.link:
                outcomes.append(Outcome(feed, f"error: {feed}: an item has no link", False))
                continue
            if not feeds.is_web_link(item.link):
                outcomes.append(Outcome(feed, f"error: {feed}: an item's link {item.link[:200]!r} is not an http(s) URL "
                                              "(a feed's items are fetched, never read from files)", False))
                continue
            outcomes.append(_add_one(item.link, folder, limits, item.published))
    return outcomes


def _expand(source: str, outcomes: list) -> Iterator[tuple[str, str | None]]:
    """The articles a source names: itself, or the pages and texts of a folder."""
    path = Path(source)
    if "://" not in source and path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES + TEXT_SUFFIXES
                       and p.is_file() and "raw" not in p.relative_to(path).parts[:-1])
        if not found:
            outcomes.append(Outcome(source, f"error: {source}: no .html, .htm or .txt file in the folder", False))
        yield from ((str(p), None) for p in found)
        return
    yield source, None


def _add_one(source: str, folder: SeedsFolder, limits: Limits, fallback_date: str | None) -> Outcome:
    try:
        read = _read(source, limits)
        page, original = _page(read, fallback_date)
        if len(page.text.encode()) > MAX_ARTICLE_BYTES:  # kg build would refuse the seed
            raise IngestError(f"the article text is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
        sidecar = {
            "url": read.url or page.canonical_url,
            "canonical_url": page.canonical_url or read.url,
            "title": page.title,
            "published": page.published,
            "modified": page.modified,
            "publisher": page.publisher,
            "authors": page.authors,
            "language": page.language,
            "retrieved": read.retrieved,
            "sha256": hashlib.sha256(read.content).hexdigest(),
        }
        held = folder.holding(page.text, sidecar)
        if held is not None:
            stem, why = held
            return Outcome(source, f"already in {folder.path / stem}.txt: {source} ({why})", True)
        stem = folder.new_stem(page.published, page.publisher, page.title)
        written = folder.write(stem, page.text, sidecar, original)
    except IngestError as error:
        return Outcome(source, f"error: {source}: {error}", False)
    except OSError as error:  # unwritable seeds folder, disk full
        return Outcome(source, f"error: {source}: cannot write to {folder.path}: {error.strerror or error}", False)
    when = page.published[:10] if page.published else "undated"
    return Outcome(source, f"added {written}: {page.title} ({page.publisher or 'publisher unknown'}, {when}, "
                           f"{page.language})", True)


@dataclass(frozen=True)
class _Read:
    content: bytes
    url: str | None        # None for a file
    kind: str              # "page" or "text"
    retrieved: str


def _read(source: str, limits: Limits) -> _Read:
    if "://" in source or source.lower().startswith(("http:", "https:")):
        got = fetch.fetch(source, limits.timeout, limits.max_bytes)
        if got.content_type == "text/plain":
            kind = "text"
        elif got.content_type in HTML_TYPES or got.content_type.endswith(("+xml", "/rss", "/atom")):
            kind = "page"
        else:
            raise IngestError(f"{got.content_type} content, not a web page")
        return _Read(got.content, got.url, kind, _now())
    path = Path(source)
    if ":" in source.split("/")[0] and not path.exists():  # mailto:, file: and the like
        fetch.check_scheme(source)
    if not path.is_file():
        raise IngestError("no such file")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise IngestError(f"{size:,} bytes is over the {limits.max_bytes // (1024 * 1024)} MB limit for a page")
    suffix = path.suffix.lower()
    kind = "text" if suffix in TEXT_SUFFIXES else "page"
    retrieved = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
    return _Read(path.read_bytes(), None, kind, retrieved)


def _page(read: _Read, fallback_date: str | None) -> tuple[extract.Page, bytes | None]:
    extract.check_not_binary(read.content)
    if read.kind == "text":
        try:
            text = read.content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise IngestError(f"not UTF-8 text (byte {error.start})") from None
        return extract.page_from_text(text.replace("\r\n", "\n").replace("\r", "\n")), None
    return extract.page_from_html(read.content, read.url, fallback_date), read.content


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
