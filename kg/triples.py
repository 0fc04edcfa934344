"""Triples as N-Triples term strings: the build's working form between mapping and export.

An rdflib graph costs about a kilobyte per triple and Python time on every add; a build of
thousands of articles holds millions of triples. The stages after mapping therefore pass
triples as tuples of N-Triples terms, exactly as rdflib writes them (`<iri>`, `_:b`,
`"text"@en`, `"1"^^<…#integer>`), so converting back and forth loses nothing, equal terms
are equal strings, and sorting the tuples sorts the N-Quads lines they become.
"""

import hashlib
import re
import sys
from collections.abc import Iterable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

Triple = tuple[str, str, str]


def from_graph(graph: Graph, name: str = "") -> list[Triple]:
    """The triples of an rdflib graph as term strings.

    Blank nodes are renamed by content and by graph (`_:g{hash of name}{canonical id}`), so
    two builds name them alike and no two graphs share one (the ontology's OWL lists).
    """
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        tag = hashlib.sha256(name.strip("<>").encode()).hexdigest()[:8]
        renamed = Graph()
        for triple in to_canonical_graph(graph):
            renamed.add(tuple(BNode(f"g{tag}{term}") if isinstance(term, BNode) else term for term in triple))
        graph = renamed
    intern, terms = sys.intern, {}
    return [tuple(terms[t] if t in terms else terms.setdefault(t, intern(term_string(t))) for t in triple)
            for triple in graph]


def term_string(term) -> str:
    """An rdflib term as rdflib's N-Triples writer spells it."""
    if isinstance(term, Literal):
        quoted = '"%s"' % term.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        if term.language:
            return f"{quoted}@{term.language}"
        return f"{quoted}^^<{term.datatype}>" if term.datatype else quoted
    return term.n3() if isinstance(term, BNode) else f"<{term}>"


def parse_lines(ntriples: str) -> list[Triple]:
    """Split rdflib's N-Triples output into term tuples (interned: terms repeat a lot)."""
    intern, triples = sys.intern, []
    for line in ntriples.splitlines():
        if not line.endswith(" ."):
            continue
        subject, predicate, rest = line.split(" ", 2)
        triples.append((intern(subject), intern(predicate), intern(rest[:-2])))
    return triples


def to_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib graph of term-string triples; blank nodes keep their labels."""
    graph, terms = Graph(), {}  # each term made once: most repeat
    add = graph.add
    for triple in triples:
        add(tuple(terms[t] if t in terms else terms.setdefault(t, to_term(t)) for t in triple))
    return graph


def to_term(term: str):
    """One N-Triples term string as an rdflib term."""
    if term[0] == "<":
        return URIRef(term[1:-1])
    if term.startswith("_:"):
        return BNode(term[2:])
    lexical, language, datatype = literal_parts(term)
    if language:
        return Literal(lexical, lang=language)
    return Literal(lexical, datatype=URIRef(datatype) if datatype else None)


def literal_parts(term: str) -> tuple[str, str | None, str | None]:
    """(lexical form, language, datatype IRI) of a literal term string."""
    close = term.rindex('"')
    lexical, suffix = term[1:close], term[close + 1:]
    if "\\" in lexical:
        lexical = _ESCAPE.sub(_unescape, lexical)
    if suffix.startswith("@"):
        return lexical, suffix[1:], None
    return lexical, None, (suffix[3:-1] if suffix else None)


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if code[0] in "uU" and len(code) > 1 else _ESCAPES.get(code, code)


def is_literal(term: str) -> bool:
    return term.startswith('"')


class NamedGraphs:
    """A dataset: graph name (an `<iri>` term) -> its triples, without repeats. A graph is
    sorted when first asked for in order (by the export, which the build runs while the shapes
    are checked in other processes). The union is computed once, on first use, and kept."""

    def __init__(self):
        self.graphs: dict[str, list[Triple]] = {}
        self._sorted: set[str] = set()
        self._union: set[Triple] | None = None

    def put(self, name: str, triples: Iterable[Triple]) -> None:
        if name in self.graphs:
            triples = set(self.graphs[name]).union(triples)
        self.graphs[name] = list(set(triples)) if not isinstance(triples, set) else list(triples)
        self._sorted.discard(name)
        if self._union is not None:
            self._union.update(self.graphs[name])

    def sorted(self, name: str) -> list[Triple]:
        """The triples of graph `name` in term order (which is N-Quads line order)."""
        if name not in self._sorted:
            self.graphs[name].sort()
            self._sorted.add(name)
        return self.graphs[name]

    def union(self) -> set[Triple]:
        if self._union is None:
            union: set[Triple] = set()
            for triples in self.graphs.values():
                union.update(triples)
            self._union = union
        return self._union

    def quad_count(self) -> int:
        return sum(len(triples) for triples in self.graphs.values())

    def names(self) -> list[str]:
        """Graph names in IRI order, empty graphs left out (as the dumps do)."""
        return sorted(name for name, triples in self.graphs.items() if triples)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "NamedGraphs":
        named = cls()
        for graph in dataset.graphs():
            if len(graph):
                name = graph.identifier.n3()
                named.put(name, from_graph(graph, name))
        return named
