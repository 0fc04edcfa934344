"""The articles an RSS or Atom feed lists, read with feedparser."""

from dataclasses import dataclass
from datetime import date

import feedparser

from .errors import IngestError


@dataclass(frozen=True)
class Item:
    link: str
    published: str | None  # ISO date from the feed, used when the page gives none


def items(content: bytes) -> list[Item]:
    """The items of a feed, in the feed's order; IngestError when it is no feed."""
    parsed = feedparser.parse(content)
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):  # broken, and nothing usable in it
        raise IngestError(f"the feed does not parse: {parsed.bozo_exception}")
    if not parsed.entries:
        raise IngestError("the feed lists no items")
    found = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        found.append(Item(entry.get("link", ""), date(*when[:3]).isoformat() if when else None))
    return found
