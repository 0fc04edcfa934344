"""The ontology as a page: every class and property of ontology/channel-kg.ttl with its IRI,
label, comment, example and relations (superclasses, domain, range …), and the SKOS concept
schemes of ontology/vocab/ with their concepts. ck: terms are anchored by local name so that
https://w3id.org/channel-kg/ontology#Agreement lands on /ontology#Agreement.

Generated from the files when they change (pyLODE 3.4.1, which the issue suggests, fails at
import when installed from its wheel: it reads a pyproject.toml the wheel does not ship).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.namespaces import CK, SCHEMA

from .documents import short

RELATIONS = (
    ("subclass of", RDFS.subClassOf), ("equivalent to", OWL.equivalentClass),
    ("subproperty of", RDFS.subPropertyOf), ("equivalent to", OWL.equivalentProperty),
    ("inverse of", OWL.inverseOf), ("domain", RDFS.domain), ("range", RDFS.range),
    ("used on", SCHEMA.domainIncludes), ("values", SCHEMA.rangeIncludes),
    ("property chain", OWL.propertyChainAxiom),
)
CLASSES = (OWL.Class, RDFS.Class)
OBJECT_PROPERTIES = (OWL.ObjectProperty,)
DATATYPE_PROPERTIES = (OWL.DatatypeProperty,)
OTHER_PROPERTIES = (RDF.Property,)
CHARACTERISTICS = {OWL.TransitiveProperty: "transitive", OWL.SymmetricProperty: "symmetric",
                   OWL.FunctionalProperty: "functional", OWL.InverseFunctionalProperty: "inverse functional"}


def _english(graph, subject, predicate) -> str:
    values = list(graph.objects(subject, predicate))
    for value in values:
        if getattr(value, "language", None) in ("en", None):
            return str(value)
    return str(values[0]) if values else ""


def _anchor(term: rdflib.URIRef) -> str:
    """ck:Agreement -> Agreement; skos:broader -> skos-broader (ck: local names have no hyphen,
    so the two kinds of anchor never clash)."""
    if str(term).startswith(str(CK)):
        return str(term)[len(str(CK)):]
    return short(str(term)).replace(":", "-")


def _relations(graph, term) -> list[dict]:
    """[{name, targets: [{iri, label}]}], one entry per kind of relation, in RELATIONS order."""
    relations = []
    for name, predicate in RELATIONS:
        values = []
        for value in graph.objects(term, predicate):
            if isinstance(value, rdflib.URIRef):
                values.append({"iri": str(value), "label": short(str(value))})
            elif predicate == OWL.propertyChainAxiom:
                values.append({"iri": None, "label": " ∘ ".join(short(str(v)) for v in Collection(graph, value))})
        if values:
            relations.append({"name": name, "targets": sorted(values, key=lambda v: v["label"])})
    return relations


def _terms(graph, kinds, own: bool, exclude=frozenset()) -> list[dict]:
    """Terms typed with one of `kinds`: ours (ck:) when `own`, else those of other vocabularies
    that the file restates (skos:broader …)."""
    found = set()
    for kind in kinds:
        found.update(s for s in graph.subjects(RDF.type, kind)
                     if isinstance(s, rdflib.URIRef) and str(s).startswith(str(CK)) == own)
    terms = []
    for term in sorted(found - set(exclude)):
        label = _english(graph, term, RDFS.label)
        terms.append({
            "iri": str(term), "anchor": _anchor(term), "name": short(str(term)),
            "label": label or short(str(term)),
            "comment": _english(graph, term, RDFS.comment),
            "example": _english(graph, term, SKOS.example),
            "characteristics": sorted(CHARACTERISTICS[k] for k in graph.objects(term, RDF.type) if k in CHARACTERISTICS),
            "relations": _relations(graph, term),
        })
    return terms


def _concepts(graph, scheme) -> list[dict]:
    """The scheme's concepts depth first from its top concepts, each with its level."""
    members = set(graph.subjects(SKOS.inScheme, scheme)) | set(graph.objects(scheme, SKOS.hasTopConcept))
    members |= set(graph.subjects(SKOS.topConceptOf, scheme))
    broader = {c: set(graph.objects(c, SKOS.broader)) | set(graph.subjects(SKOS.narrower, c)) for c in members}
    children: dict = {c: [] for c in members}
    for concept, parents in broader.items():
        for parent in parents & members:
            children[parent].append(concept)

    def label(c):
        return _english(graph, c, SKOS.prefLabel) or short(str(c))

    listed, seen = [], set()

    def visit(concept, level):
        if concept in seen:
            return
        seen.add(concept)
        listed.append({"iri": str(concept), "label": label(concept), "level": level,
                       "definition": _english(graph, concept, SKOS.definition) or _english(graph, concept, RDFS.comment)})
        for child in sorted(children[concept], key=lambda c: label(c).casefold()):
            visit(child, level + 1)

    for top in sorted((c for c in members if not (broader[c] & members)), key=lambda c: label(c).casefold()):
        visit(top, 0)
    for rest in sorted(members - seen, key=lambda c: label(c).casefold()):  # only in a cycle
        visit(rest, 0)
    return listed


def concept_schemes(vocab: rdflib.Graph) -> list[dict]:
    schemes = []
    for scheme in sorted(s for s in vocab.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, rdflib.URIRef)):
        concepts = _concepts(vocab, scheme)
        schemes.append({
            "iri": str(scheme), "anchor": "scheme-" + str(scheme).rstrip("/").rsplit("/", 1)[-1],
            "title": _english(vocab, scheme, DCTERMS.title) or _english(vocab, scheme, SKOS.prefLabel) or str(scheme),
            "description": _english(vocab, scheme, DCTERMS.description), "concepts": concepts,
        })
    return schemes


def ontology_view(source: bytes, vocab_dir: Path | None = None) -> dict:
    """The page's data for the ontology text `source` and the concept schemes in `vocab_dir`
    (read each time, a few small files, so that the page is remade when one changes)."""
    vocab = tuple(path.read_bytes() for path in sorted(Path(vocab_dir).glob("*.ttl"))) if vocab_dir else ()
    return _view(source, vocab)


@lru_cache(maxsize=2)
def _view(source: bytes, vocab: tuple[bytes, ...]) -> dict:
    graph = rdflib.Graph()
    graph.parse(data=source, format="turtle")
    schemes = rdflib.Graph()
    for data in vocab:
        schemes.parse(data=data, format="turtle")
    onto = next(graph.subjects(RDF.type, OWL.Ontology), None)
    object_properties = _terms(graph, OBJECT_PROPERTIES, True)
    datatype_properties = _terms(graph, DATATYPE_PROPERTIES, True)
    typed = {rdflib.URIRef(t["iri"]) for t in object_properties + datatype_properties}
    other_properties = _terms(graph, OTHER_PROPERTIES, True, exclude=typed)
    return {
        "iri": str(onto) if onto else str(CK),
        "title": _english(graph, onto, DCTERMS.title) if onto else "ChannelKG ontology",
        "description": _english(graph, onto, DCTERMS.description) if onto else "",
        "version": str(graph.value(onto, OWL.versionIRI) or "") if onto else "",
        "license": str(graph.value(onto, DCTERMS.license) or "") if onto else "",
        "namespace": str(CK),
        "classes": _terms(graph, CLASSES, True),
        "object_properties": object_properties,
        "datatype_properties": datatype_properties,
        "other_properties": other_properties,
        "properties": sorted(object_properties + datatype_properties + other_properties, key=lambda t: t["iri"]),
        "external": _terms(graph, CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES, False),
        "schemes": concept_schemes(schemes),
    }
