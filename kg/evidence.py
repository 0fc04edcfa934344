"""Locating quotes in article texts: the one place that knows how offsets work."""

import re

from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from . import iris
from .namespaces import CK

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Runs of white space folded to one space (the contract's quote normal form)."""
    return _SPACE.sub(" ", text).strip()


def locate(text: str, quote: str, hint: int | None = None) -> tuple[int, int] | None:
    """(start, end) of `quote` in `text`, matching any run of white space to any other.

    With `hint`, the occurrence starting at that offset is required; without, the first.
    Returns None when the quote is not there.
    """
    words = fold(quote).split(" ")
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    if hint is not None:
        match = pattern.match(text, hint)
        return (match.start(), match.end()) if match else None
    match = pattern.search(text)
    return (match.start(), match.end()) if match else None


def quote_at(text: str, start: int, end: int) -> str:
    return fold(text[start:end])


def evidence_graph(article, start: int, end: int):
    """The triples of one Evidence node: the article's words between `start` and `end`."""
    node = iris.evidence(article.stem, start, end)
    graph = Graph()
    graph.add((node, RDF.type, CK.Evidence))
    graph.add((node, CK.source, article.iri))
    graph.add((node, CK.quote, Literal(quote_at(article.text, start, end))))
    graph.add((node, CK.start, Literal(start, datatype=XSD.integer)))
    graph.add((node, CK.end, Literal(end, datatype=XSD.integer)))
    return graph
