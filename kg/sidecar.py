"""The sidecar `{stem}.json` that `kg add` writes beside a seed (README "The sidecar"): the
page's URL, headline, dates, outlet, authors and language. Read into the Article's metadata;
the facts always come from the text.

Checked when the seeds are read, so a hand-edited sidecar with a wrong value stops the build
with the file and field named, like any other unusable input.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .errors import InputError

TEXT_FIELDS = ("url", "canonical_url", "title", "publisher", "language", "retrieved", "sha256")
DATE_FIELDS = ("published", "modified")


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    published: date | datetime | None = None  # a datetime only when the page gives the time
    modified: date | datetime | None = None
    url: str | None = None                    # the canonical URL, else the one it was fetched from
    publisher: str | None = None
    authors: tuple[str, ...] = ()


def check(document: dict, path: Path) -> None:
    """InputError naming the field when a sidecar value has the wrong form."""
    for name in TEXT_FIELDS:
        if document.get(name) is not None and not isinstance(document[name], str):
            raise InputError(path, f"sidecar field {name!r} must be a string or null")
    for name in DATE_FIELDS:
        value = document.get(name)
        if value is not None and (not isinstance(value, str) or _moment(value) is None):
            raise InputError(path, f"sidecar field {name!r} must be an ISO 8601 date or date-time, not {value!r}")
    authors = document.get("authors")
    if authors is not None and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        raise InputError(path, "sidecar field 'authors' must be a list of names")


def metadata(document: dict) -> PageMetadata:
    def text(name):
        value = document.get(name)
        return " ".join(value.split()) or None if isinstance(value, str) else None

    return PageMetadata(
        title=text("title"),
        published=_moment(document.get("published") or ""),
        modified=_moment(document.get("modified") or ""),
        url=text("canonical_url") or text("url"),
        publisher=text("publisher"),
        authors=tuple(" ".join(a.split()) for a in document.get("authors") or () if a.strip()),
    )


def _moment(value: str) -> date | datetime | None:
    """"2020-02-19" → a date; "2020-02-24T12:57:13+00:00" → a datetime; else None."""
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return None
