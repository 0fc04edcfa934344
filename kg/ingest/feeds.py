"""The articles an RSS or Atom feed lists, read with feedparser."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

import feedparser

from .errors import IngestError


@dataclass(frozen=True)
class Item:
    link: str
    published: str | None  # ISO date from the feed, used when the page gives none


def items(content: bytes, feed_url: str | None) -> list[Item]:
    """The items of a feed, in the feed's order, their links resolved against the feed's URL;
    IngestError when it is no feed."""
    parsed = feedparser.parse(content)
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):  # broken, and nothing usable in it
        raise IngestError(f"the feed does not parse: {parsed.bozo_exception}")
    if not parsed.entries:
        raise IngestError("the feed lists no items")
    found = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        link = entry.get("link", "")
        found.append(Item(urljoin(feed_url, link) if feed_url and link else link,
                          date(*when[:3]).isoformat() if when else None))
    return found


def is_web_link(link: str) -> bool:
    """Only http(s) links are followed: a feed must never make `kg add` read a local file."""
    parts = urlsplit(link)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
