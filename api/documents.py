"""RDF documents for /id/, /ontology and VoID: conversions between serialisations. (The HTML
page of a thing is api/resource_page.py.)"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.namespaces import PREFIXES, prefixed

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
              "rdfxml": ox.RdfFormat.RDF_XML}
PREFIX_MAP = {name: str(ns) for name, ns in PREFIXES.items()}


def convert(data: bytes, source: str, target: str, context: dict | None = None, lead: str | None = None) -> bytes:
    """Re-serialise `data` (format name `source`) as `target`; JSON-LD is compacted with `context`.
    The triples about `lead` (the thing a page is about) come first."""
    if source == target:
        return data
    if target == "jsonld":
        return compact_jsonld(data, source, context or {})
    triples = [q.triple for q in ox.parse(data, format=OX_FORMATS[source])]
    if lead:
        triples.sort(key=lambda t: (t.subject.value != lead, str(t.subject)))
    prefixes = _used_prefixes(data) if target in ("turtle", "rdfxml") else None
    return ox.serialize(triples, format=OX_FORMATS[target], prefixes=prefixes)


def _used_prefixes(data: bytes) -> dict[str, str]:
    """The prefixes the document uses, leaving out those whose local names would need escaping
    (id:person\\/priti-patel is valid Turtle, but the full IRI reads better)."""
    text = data.decode("utf-8", "replace")
    used = {}
    for name, ns in PREFIX_MAP.items():
        rests = re.findall(re.escape(ns) + r'([^>"\s]*)', text)
        if rests and not any("/" in rest for rest in rests):
            used[name] = ns
    return used


def compact_jsonld(data: bytes, source: str, context: dict) -> bytes:
    """Compacted JSON-LD with the context inline, as in the dumps: a saved copy means the same
    wherever it is read, offline or without this server (the context is also published at
    /context.jsonld). The context is handed to rdflib as a dict, never a URL: rdflib would
    fetch a URL, and the server contacts no other address."""
    graph = rdflib.Graph()
    graph.parse(data=data, format={"ntriples": "nt", "turtle": "turtle", "rdfxml": "xml"}[source])
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(doc, dict):
        doc["@context"] = context  # rdflib writes the dict it was given; said here, not assumed
    return json.dumps(doc, ensure_ascii=False, indent=2).encode()


def inline_only(ctx) -> dict:
    """The inline parts of a JSON-LD context: rdflib fetches every URL a context names (a
    string in a context list, `@import`, a term's scoped `@context`), and the server contacts
    no other address. Lists of contexts are merged in order."""
    if isinstance(ctx, list):
        merged = {}
        for part in ctx:
            merged.update(inline_only(part))
        return merged
    if not isinstance(ctx, dict):
        return {}
    kept = {}
    for key, value in ctx.items():
        if key == "@import":
            continue
        if isinstance(value, dict) and "@context" in value:
            value = {**value, "@context": inline_only(value["@context"])}
        kept[key] = value
    return kept


@lru_cache(maxsize=4)
def _context_file(path: Path, mtime: float) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return inline_only(doc.get("@context", {}) if isinstance(doc, dict) else {})


def load_context(path: Path) -> dict:
    """The published JSON-LD context (ontology/context.jsonld), or our prefixes if it is absent."""
    try:
        return _context_file(path, path.stat().st_mtime)
    except (OSError, ValueError):
        return dict(PREFIX_MAP)


def short(iri: str) -> str:
    """A prefixed name when one of our prefixes fits, for display."""
    return prefixed(iri) or iri
