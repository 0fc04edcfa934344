"""Minting IRIs for things: one slug function, so curated data and rules meet on the same IRI."""

import re
import unicodedata

from rdflib import URIRef

from .namespaces import ID

KINDS = {
    "article", "person", "organisation", "meeting", "agreement", "pledge", "funding",
    "statistic", "evidence", "statement", "external", "activity", "disagreement",
}


def slugify(text: str) -> str:
    """'Gérald Darmanin' -> 'gerald-darmanin'; accents folded, case ignored; underscores kept (seed stems have them)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-")


def thing(kind: str, slug: str) -> URIRef:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if kind != "article":
        slug = slugify(slug)
    return ID[f"{kind}/{slug}"]


def article(stem: str) -> URIRef:
    return thing("article", stem)


def person(name: str) -> URIRef:
    return thing("person", name)


def organisation(name: str) -> URIRef:
    return thing("organisation", name)


_EVENT_SLUG = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?-uk-france-(.+)$")


def event(kind: str, event_type: str, year: int | None, month: int | None = None, day: int | None = None,
          stem: str | None = None) -> URIRef:
    """A meeting or agreement named by its date, `{YYYY-MM[-DD]}-uk-france-{type}`, or, when
    the text dates it no further than a year, by the article: `{stem}-[YYYY-]uk-france-{type}`."""
    if stem is None:
        date_slug = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        return thing(kind, f"{date_slug}-uk-france-{event_type}")
    return thing(kind, f"{stem}-" + (f"{year:04d}-" if year else "") + f"uk-france-{event_type}")


def event_parts(iri) -> tuple[tuple | None, str | None]:
    """((year, month, day or None), type) of an event IRI named by its date; (None, None) else."""
    match = _EVENT_SLUG.match(str(iri).rsplit("/", 1)[-1])
    if not match:
        return None, None
    return (int(match.group(1)), int(match.group(2)), int(match.group(3)) if match.group(3) else None), match.group(4)


def evidence(stem: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{stem}-{start}-{end}"]


def amount_slug(amount) -> str:
    """62700000 -> '62700000'; 0.26 -> '0-26' (slugs have no dots)."""
    text = format(amount, "f").rstrip("0").rstrip(".") if "." in format(amount, "f") else str(amount)
    return slugify(text)
