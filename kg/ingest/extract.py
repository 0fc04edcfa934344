"""The article out of a web page: trafilatura for the text and metadata, htmldate for the dates.

The seed text is line 1 the headline, line 2 the publication date (ISO, which every pack's
dateline rule reads), then the body paragraphs one per line: the text that evidence offsets
refer to. Nothing here parses HTML itself.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

import htmldate
import trafilatura

from .. import language
from .errors import IngestError

MIN_TEXT_CHARS = 250  # trafilatura's own floor for an extraction (MIN_EXTRACTED_SIZE)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF")
_NO_AUTHOR = {"no author", "staff", "admin"}  # what pages put in an author field when there is none
_DATE_TIME = "%Y-%m-%dT%H:%M:%S%z"


@dataclass(frozen=True)
class Page:
    title: str
    text: str                      # the seed text: headline, date line, paragraphs
    language: str
    published: str | None = None   # ISO 8601: a date, or a date-time with offset when the time is known
    modified: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    canonical_url: str | None = None


def check_not_binary(content: bytes) -> None:
    head = content[:8192]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise IngestError("binary file, not a web page or text")


def page_from_html(content: bytes, url: str | None = None, fallback_date: str | None = None) -> Page:
    """The article of a saved or fetched page; IngestError when there is none."""
    check_not_binary(content)
    document = trafilatura.bare_extraction(content, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False)
    meta = document.as_dict() if document is not None else {}
    body = meta.get("text") or ""
    if len(body) < MIN_TEXT_CHARS:
        # Pages that put the article in a script (JSON-LD articleBody) defeat the main extractor;
        # trafilatura's baseline reads those.
        _, baseline_text, _ = trafilatura.baseline(content)
        if len(baseline_text) > len(body):
            body = baseline_text
    paragraphs = [" ".join(line.split()) for line in body.split("\n") if line.strip()]
    if sum(map(len, paragraphs)) < MIN_TEXT_CHARS:
        raise IngestError("no article text in the page (an index page, a paywall stub, or text loaded by scripts)")
    title = _headline(meta.get("title") or "", meta.get("sitename"))
    if not title:
        title = paragraphs[0]
    if paragraphs and paragraphs[0] == title:  # pages that print the headline again as the first line
        paragraphs = paragraphs[1:]
    published = _date(content, original=True) or fallback_date
    modified = _date(content, original=False)
    if modified == published:
        modified = None
    day = published[:10] if published else ""
    text = "\n".join([title, day, *paragraphs]) + "\n"
    return Page(title=title, text=text, language=language.detect("\n".join(paragraphs)), published=published,
                modified=modified, publisher=(meta.get("sitename") or None), authors=_authors(meta.get("author")),
                canonical_url=meta.get("url") or url)


def page_from_text(text: str) -> Page:
    """A plain-text article (already a seed: headline on line 1)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        raise IngestError("empty file: an article needs text")
    return Page(title=lines[0], text=text if text.endswith("\n") else text + "\n", language=language.detect(text))


def _headline(title: str, sitename: str | None) -> str:
    """The page title without the outlet's name appended ("… | The Japan Times")."""
    title = " ".join(title.split())
    if sitename:
        title = re.sub(rf"\s*[|–—-]\s*{re.escape(sitename)}\s*$", "", title, flags=re.IGNORECASE) or title
    return title


def _date(content: bytes, original: bool) -> str | None:
    """htmldate's date; with its time and offset when the page gives them (htmldate reports an
    unknown time as midnight without offset: that is read as a date only)."""
    found = htmldate.find_date(content, original_date=original, outputformat=_DATE_TIME)
    if not found:
        return None
    if found.endswith("T00:00:00"):
        return found[:10]
    moment = datetime.strptime(found, _DATE_TIME) if found[-5] in "+-" else datetime.fromisoformat(found)
    return moment.isoformat()


def _authors(value: str | None) -> list[str]:
    names = [" ".join(name.split()) for name in (value or "").split(";")]
    return [name for name in names if name and name.lower() not in _NO_AUTHOR]
