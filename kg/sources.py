"""Who states what: the triples each article states, and the words in it that state a value.

An article's facts are in its two named graphs (`…/article/{stem}/curated` and `/rules`), so
the graph a triple is in says which article states it; the external graph is knowledge no
article prints and is nobody's account here. `Statements` indexes the few properties the
disagreement rules compare, by article, and reads an article's evidence quotes only when a
rule asks for them (a large corpus has hundreds of thousands of quotes; a rule needs few).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib.namespace import RDF, RDFS, SKOS

from .namespaces import BASE, CK
from .triples import NamedGraphs, literal_parts, term_string

_ARTICLE_GRAPH = re.compile(r"^<" + re.escape(BASE) + r"graph/article/([^/>]+)/(?:curated|rules)>$")
TYPE, LABEL, PREF_LABEL = term_string(RDF.type), term_string(RDFS.label), term_string(SKOS.prefLabel)
EVIDENCE, QUOTE, START = term_string(CK.evidence), term_string(CK.quote), term_string(CK.start)


@dataclass(frozen=True)
class Quote:
    evidence: str  # the Evidence node, an <iri> term
    start: int
    text: str


def article_of(graph_name: str) -> str | None:
    """The stem of the article whose graph this is; None for every other graph."""
    match = _ARTICLE_GRAPH.match(graph_name)
    return match.group(1) if match else None


def article_iri(stem: str) -> str:
    return f"<{BASE}id/article/{stem}>"


class Statements:
    """The values of `predicates` (term strings), each with the articles that state it."""

    def __init__(self, dataset: NamedGraphs, predicates: Iterable[str]):
        self._dataset = dataset
        wanted = set(predicates) | {TYPE, LABEL, PREF_LABEL}
        self._stated: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
        self._subjects: dict[tuple[str, str], list[str]] = defaultdict(list)  # (predicate, object) -> subjects
        self._graphs_of: dict[str, list[str]] = defaultdict(list)  # stem -> its graph names
        for name, triples in dataset.graphs.items():
            stem = article_of(name)
            if stem is not None:
                self._graphs_of[stem].append(name)
            for s, p, o in triples:
                if p in wanted:
                    sources = self._stated[(s, p)][o]
                    if not sources:
                        self._subjects[(p, o)].append(s)
                    sources.add(stem)  # None: a graph that is no article's
        self._quotes: dict[str, dict[str, list[Quote]]] = {}

    def values(self, subject: str, predicate: str) -> dict[str, set]:
        """{object: stems of the articles stating it (None for another graph)}."""
        return self._stated.get((subject, predicate), {})

    def stated(self, subject: str, predicate: str) -> dict[str, set[str]]:
        """Like values, but only what articles state."""
        found = {o: {s for s in stems if s is not None} for o, stems in self.values(subject, predicate).items()}
        return {o: stems for o, stems in found.items() if stems}

    def value(self, subject: str, predicate: str) -> str | None:
        """One value, whoever states it (the least in term order, for determinism)."""
        found = self.values(subject, predicate)
        return min(found) if found else None

    def all_values(self, subject: str, predicate: str) -> tuple[str, ...]:
        return tuple(sorted(self.values(subject, predicate)))

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return sorted(set(self._subjects.get((predicate, obj), ())))

    def of_type(self, cls: str) -> list[str]:
        return self.subjects(TYPE, cls)

    def articles(self, subject: str) -> set[str]:
        """The articles that state the node at all (its rdf:type is in each of their graphs)."""
        return {stem for stems in self.stated(subject, TYPE).values() for stem in stems}

    def label(self, node: str, language: str = "en") -> str:
        """The node's label in `language`, else in English, else its IRI's last segment."""
        labels = {}
        for predicate in (LABEL, PREF_LABEL):
            for term in self.values(node, predicate):
                text, lang, _ = literal_parts(term)
                labels.setdefault(lang or "en", text)
        return labels.get(language) or labels.get("en") or node.strip("<>").rsplit("/", 1)[-1]

    def quotes(self, node: str, stem: str) -> list[Quote]:
        """The evidence quotes of `node` in one article, in text order."""
        if stem not in self._quotes:
            self._quotes[stem] = self._read_quotes(stem)
        return self._quotes[stem].get(node, [])

    def _read_quotes(self, stem: str) -> dict[str, list[Quote]]:
        evidence_of, fields = defaultdict(set), defaultdict(dict)
        for name in self._graphs_of.get(stem, ()):
            for s, p, o in self._dataset.graphs[name]:
                if p == EVIDENCE:
                    evidence_of[s].add(o)
                elif p in (QUOTE, START):
                    fields[s][p] = literal_parts(o)[0]
        return {node: sorted((Quote(e, int(fields[e][START]), fields[e][QUOTE]) for e in evidences
                              if QUOTE in fields[e] and START in fields[e]), key=lambda q: (q.start, q.evidence))
                for node, evidences in evidence_of.items()}

    def best_quote(self, node: str, stem: str, says: Callable[[str], bool] | None = None,
                   first: bool = False) -> Quote | None:
        """The quote of `node` in the article that says the value (`says`), else any: the longest
        (a sentence says more than the fragment a curator picked), or with `first` the first."""
        quotes = self.quotes(node, stem)
        if says is not None:
            quotes = [q for q in quotes if says(q.text)] or quotes
        if first:
            return quotes[0] if quotes else None
        return max(quotes, key=lambda q: (len(q.text), -q.start), default=None)


def folded(text: str) -> str:
    """Lower case, accents dropped: "Gérald" and "Gerald" compare equal."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def mentions_name(label: str) -> Callable[[str], bool]:
    """Whether a quote names a person: their full name or their last name."""
    names = {folded(label), folded(label.split()[-1])} if label.strip() else set()
    return lambda quote: any(name and name in folded(quote) for name in names)

