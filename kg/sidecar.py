"""The sidecar `{stem}.json` that `kg add` writes beside a seed (README "The sidecar"): the
page's URL, headline, dates, outlet, authors and language. Read into the Article's metadata;
the facts always come from the text.

Checked when the seeds are read, so a hand-edited sidecar with a wrong value stops the build
with the file and field named, like any other unusable input.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rdflib import Literal

from .errors import InputError

TEXT_FIELDS = ("url", "canonical_url", "title", "publisher", "language", "retrieved", "sha256")
DATE_FIELDS = ("published", "modified")
# ISO 8601's extended forms only: Python's fromisoformat also takes "20200219" and "2020-W08"
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")


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
    language = document.get("language")
    if language is not None and not _is_language_tag(language):
        raise InputError(path, f"sidecar field 'language' must be a BCP 47 language tag such as \"en\" or \"fr\", "
                               f"not {language!r}")
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


def _is_language_tag(value: str) -> bool:
    try:  # the check the article's language literal will meet
        Literal("", lang=value)
    except ValueError:
        return False
    return True


def _moment(value: str) -> date | datetime | None:
    """"2020-02-19" → a date; "2020-02-24T12:57:13+00:00" → a datetime; else None."""
    if not _ISO_MOMENT.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return None
