"""What the rules read from the graph: the SKOS lexicons and the identity of known entities.

The lexicon is read for one language, the article's: concept labels (skos:prefLabel, altLabel,
hiddenLabel) and names in that language are what the rules match and name things by; the
preferred labels in every language name the nodes the rules mint (kg/rules/labels.py).

Only identity is taken from curated and external data (types, labels, alternative labels,
dates of agreements and meetings), so that rule output links to existing nodes without copying
any curated fact into the rules graph; and, from the external graph, the publication day of an
article that prints none, which only anchors its relative dates (metadata.Anchor).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ..namespaces import CK, MS, PT


def fold_name(text: str) -> str:
    """Accents, case and punctuation ignored: 'Gérald' == 'Gerald', 'RIshi' == 'Rishi'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    labels: tuple[str, ...]   # in the lexicon's language: prefLabel first, then altLabels and hiddenLabels
    broader: tuple[URIRef, ...]
    pref_labels: tuple = ()   # ((language, skos:prefLabel), ...) in every language

    @property
    def slug(self) -> str:
        return str(self.iri).rstrip("/").rsplit("/", 1)[-1]

    def pref_label(self, language: str) -> str | None:
        return in_language_of(self.pref_labels, language)


@dataclass(frozen=True)
class KnownEvent:
    iri: URIRef
    kind: str                 # "meeting" or "agreement"
    labels: tuple             # ((language, rdfs:label), ...)
    day: date | None          # ck:date


@dataclass(frozen=True)
class Lexicon:
    measures: tuple[Concept, ...]
    pledge_types: tuple[Concept, ...]
    persons: dict             # name as written (label or alternative label) -> IRI
    person_labels: dict       # IRI -> rdfs:label
    organisations: dict       # name as written -> IRI
    organisation_labels: dict
    events: tuple[KnownEvent, ...]
    issued: dict = field(default_factory=dict)  # article IRI -> publication day known outside the text (external graph)
    government: frozenset = frozenset()  # IRIs of organisations typed ck:GovernmentOrganisation
    person_roles: dict = field(default_factory=dict)      # person IRI -> ck:role labels known
    person_countries: dict = field(default_factory=dict)  # person IRI -> ck:country known


def find_by_name(names: dict, name: str) -> URIRef | None:
    """The IRI whose label or alternative label equals `name`, accents and case ignored."""
    wanted = fold_name(name)
    return next((iri for label, iri in sorted(names.items()) if fold_name(label) == wanted), None)


def read_lexicon(graph: Graph, language: str) -> Lexicon:
    """The lexicon for articles in `language` (a BCP 47 code)."""
    return Lexicon(
        measures=_concepts(graph, str(MS), language),
        pledge_types=_concepts(graph, str(PT), language),
        persons=_names(graph, (CK.Person, CK.Minister)),
        person_labels=_labels(graph, (CK.Person, CK.Minister), language),
        organisations=_names(graph, (CK.Organisation,)),
        organisation_labels=_labels(graph, (CK.Organisation,), language),
        events=_events(graph),
        issued=_issued(graph),
        government=frozenset(graph.subjects(RDF.type, CK.GovernmentOrganisation)),
        person_roles={iri: tuple(sorted(str(r) for r in graph.objects(iri, CK.role)))
                      for iri in _typed(graph, (CK.Person, CK.Minister)) if (iri, CK.role, None) in graph},
        person_countries={iri: min(str(c) for c in graph.objects(iri, CK.country))
                          for iri in _typed(graph, (CK.Person, CK.Minister)) if (iri, CK.country, None) in graph},
    )


def _issued(graph: Graph) -> dict:
    """Publication days the lexicon carries for articles that print none (from the external
    graph): what anchors their relative dates. Only articles have dcterms:issued there."""
    days = {}
    for article, issued in graph.subject_objects(DCTERMS.issued):
        value = issued.toPython() if isinstance(issued, Literal) else None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            days[article] = value
    return days


def _concepts(graph: Graph, namespace: str, language: str) -> tuple[Concept, ...]:
    concepts = []
    for iri in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
        if not str(iri).startswith(namespace):
            continue
        labels = []
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            labels += sorted(str(l) for l in graph.objects(iri, prop) if in_language(l, language))
        broader = tuple(sorted(graph.objects(iri, SKOS.broader)))
        concepts.append(Concept(iri, tuple(dict.fromkeys(labels)), broader, _by_language(graph.objects(iri, SKOS.prefLabel))))
    return tuple(concepts)


def in_language(literal, language: str) -> bool:
    """Whether a literal is in `language`: tagged with it ("en", "en-GB"), or with no tag (a
    name, the same in every language)."""
    if not isinstance(literal, Literal):
        return False
    tag = literal.language
    return tag is None or tag == language or tag.startswith(language + "-")


def _by_language(literals) -> tuple:
    """((language, text), ...) sorted, the first text per language; "" for text with no tag."""
    found = {}
    for literal in sorted(literals, key=str):
        if isinstance(literal, Literal):
            found.setdefault((literal.language or "").split("-")[0], str(literal))
    return tuple(sorted(found.items()))


def in_language_of(labels: tuple, language: str) -> str | None:
    """The text of `language` among ((language, text), ...), else the one with no tag."""
    by_language = dict(labels)
    return by_language.get(language, by_language.get(""))


def _typed(graph: Graph, classes) -> list[URIRef]:
    return sorted({s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)})


def _names(graph: Graph, classes) -> dict:
    names = {}
    for iri in _typed(graph, classes):
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(iri, prop):
                names.setdefault(str(label), iri)
    return names


def _labels(graph: Graph, classes, language: str) -> dict:
    result = {}
    for iri in _typed(graph, classes):
        labels = sorted(str(l) for l in graph.objects(iri, RDFS.label) if in_language(l, language))
        if labels:
            result[iri] = labels[0]
    return result


def _events(graph: Graph) -> tuple[KnownEvent, ...]:
    events = []
    for kind, cls in (("meeting", CK.Meeting), ("agreement", CK.Agreement)):
        for iri in _typed(graph, (cls,)):
            day = next((d.toPython() for d in graph.objects(iri, CK.date)
                        if isinstance(d.toPython(), date)), None)
            events.append(KnownEvent(iri, kind, _by_language(graph.objects(iri, RDFS.label)), day))
    return tuple(events)
