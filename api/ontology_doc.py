"""The ontology as a page: every ck: class and property with its label, comment, example and
relations, anchored by local name so that https://w3id.org/channel-kg/ontology#Agreement
lands on /ontology#Agreement."""

from __future__ import annotations

from functools import lru_cache

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import CK, SCHEMA

from .documents import short

RELATIONS = (
    ("subclass of", RDFS.subClassOf), ("equivalent to", OWL.equivalentClass),
    ("subproperty of", RDFS.subPropertyOf), ("equivalent to", OWL.equivalentProperty),
    ("inverse of", OWL.inverseOf), ("domain", RDFS.domain), ("range", RDFS.range),
    ("used on", SCHEMA.domainIncludes), ("values", SCHEMA.rangeIncludes),
    ("property chain", OWL.propertyChainAxiom),
)


def _english(graph, subject, predicate) -> str:
    values = list(graph.objects(subject, predicate))
    for value in values:
        if getattr(value, "language", None) in ("en", None):
            return str(value)
    return str(values[0]) if values else ""


def _terms(graph, kinds) -> list[dict]:
    found = set()
    for kind in kinds:
        found.update(s for s in graph.subjects(RDF.type, kind)
                     if isinstance(s, rdflib.URIRef) and str(s).startswith(str(CK)))
    terms = []
    for term in sorted(found):
        relations = []
        for name, predicate in RELATIONS:
            for value in graph.objects(term, predicate):
                if isinstance(value, rdflib.URIRef):
                    relations.append({"name": name, "iri": str(value), "label": short(str(value))})
                elif predicate == OWL.propertyChainAxiom:
                    chain = " ∘ ".join(short(str(v)) for v in Collection(graph, value))
                    relations.append({"name": name, "iri": None, "label": chain})
        terms.append({
            "iri": str(term), "anchor": str(term)[len(str(CK)):],
            "label": _english(graph, term, RDFS.label),
            "comment": _english(graph, term, RDFS.comment),
            "example": _english(graph, term, SKOS.example),
            "relations": relations,
        })
    return terms


@lru_cache(maxsize=2)
def ontology_view(source: bytes) -> dict:
    graph = rdflib.Graph()
    graph.parse(data=source, format="turtle")
    onto = next(graph.subjects(RDF.type, OWL.Ontology), None)
    return {
        "iri": str(onto) if onto else str(CK),
        "title": _english(graph, onto, rdflib.DCTERMS.title) if onto else "ChannelKG ontology",
        "description": _english(graph, onto, rdflib.DCTERMS.description) if onto else "",
        "version": str(graph.value(onto, OWL.versionIRI) or "") if onto else "",
        "license": str(graph.value(onto, rdflib.DCTERMS.license) or "") if onto else "",
        "classes": _terms(graph, (OWL.Class, RDFS.Class)),
        "properties": _terms(graph, (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)),
    }
