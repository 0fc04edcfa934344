"""/ontology for browsers documents every class and property of ontology/channel-kg.ttl, and
the concept schemes of ontology/vocab/."""

import re

import pytest
import rdflib
from fastapi.testclient import TestClient
from markupsafe import escape
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from api.app import create_app
from api.documents import short
from api.settings import ROOT, Settings

ONTOLOGY = ROOT / "ontology" / "channel-kg.ttl"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def graph():
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    # The page needs the ontology files only, not a build.
    settings = Settings(build_dir=tmp_path_factory.mktemp("none") / "build", workers=2)
    with TestClient(create_app(settings)) as client:
        response = client.get("/ontology", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    return response.text


def sections(html: str) -> dict[str, str]:
    return dict(re.findall(r'<section class="term" id="([^"]+)">(.*?)</section>', html, re.S))


def english(graph, term, predicate):
    values = [v for v in graph.objects(term, predicate) if getattr(v, "language", None) in ("en", None)]
    return str(values[0]) if values else None


def test_every_class_and_property_is_documented(graph, html):
    terms = {t for kind in KINDS for t in graph.subjects(RDF.type, kind) if isinstance(t, rdflib.URIRef)}
    assert len(terms) > 40
    documented = sections(html)
    by_iri = {re.search(r"IRI: <code>([^<]+)</code>", body).group(1): body for body in documented.values()}
    missing = sorted(str(t) for t in terms if str(t) not in by_iri)
    assert not missing, f"not on /ontology: {missing}"
    for term in terms:
        body = by_iri[str(term)]
        label = english(graph, term, RDFS.label) or short(str(term))
        assert f"<h3>{escape(label)} <code>{short(str(term))}</code></h3>" in body, term
        comment = english(graph, term, RDFS.comment)
        if comment:
            assert str(escape(comment)) in body
        if (term, SKOS.example, None) in graph:
            assert "Example:" in body
        for predicate in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf):
            for value in graph.objects(term, predicate):
                if isinstance(value, rdflib.URIRef):
                    assert f">{short(str(value))}</a>" in body, (term, predicate, value)


def test_our_terms_keep_their_anchors(html):
    # Links such as /ontology#Agreement (from /id/ pages and the front page) land on the term.
    for name in ("Agreement", "Pledge", "hasPledge", "pledgeType", "amount", "statedEquivalent"):
        assert f'<section class="term" id="{name}">' in html


def test_concept_schemes_are_listed(html):
    vocab = rdflib.Graph()
    for path in (ROOT / "ontology" / "vocab").glob("*.ttl"):
        vocab.parse(path, format="turtle")
    schemes = list(vocab.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) >= 2
    for scheme in schemes:
        assert f"IRI: <code>{scheme}</code>" in html
        for concept in vocab.subjects(SKOS.inScheme, scheme):
            label = english(vocab, concept, SKOS.prefLabel)
            path = "/" + str(concept).split("https://w3id.org/channel-kg/", 1)[1]
            assert f'<a href="{path}">{escape(label)}</a>' in html, concept
