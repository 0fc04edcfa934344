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


def evidence(stem: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{stem}-{start}-{end}"]


def amount_slug(amount) -> str:
    """62700000 -> '62700000'; 0.26 -> '0-26' (slugs have no dots)."""
    text = format(amount, "f").rstrip("0").rstrip(".") if "." in format(amount, "f") else str(amount)
    return slugify(text)
