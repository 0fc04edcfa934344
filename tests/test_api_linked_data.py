"""Linked data: /id/ by content negotiation, the ontology, the JSON-LD context, VoID, dumps."""

import json

import pytest
import rdflib
import rdflib.compare
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from api.testing import write_sample_build

BASE = "https://w3id.org/channel-kg/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The small sample, whose contents the tests know (quotes with markup in them)."""
    build = write_sample_build(tmp_path_factory.mktemp("sample") / "build")
    with TestClient(create_app(Settings(build_dir=build, workers=2))) as c:
        c.build_dir = build
        yield c


def first(client, query):
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert rows, query
    return rows[0]["s"]["value"]


@pytest.fixture(scope="module")
def with_evidence(client):
    """A thing in our namespace that has evidence."""
    return first(client, f"SELECT ?s WHERE {{ ?s ck:evidence ?e FILTER STRSTARTS(STR(?s), '{BASE}id/') }} ORDER BY ?s LIMIT 1")


def path_of(iri):
    return "/" + iri[len(BASE):]


def test_turtle_is_the_default(client, with_evidence):
    response = client.get(path_of(with_evidence))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    assert f'<{with_evidence}>; rel="canonical"' in response.headers["link"]
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert len(list(graph.predicate_objects(rdflib.URIRef(with_evidence)))) > 0


def test_formats_describe_the_same_graph(client, with_evidence):
    path = path_of(with_evidence)
    nt = rdflib.Graph().parse(data=client.get(path, headers={"Accept": "application/n-triples"}).text, format="nt")
    ttl = rdflib.Graph().parse(data=client.get(path, headers={"Accept": "text/turtle"}).text, format="turtle")
    xml = rdflib.Graph().parse(data=client.get(path, headers={"Accept": "application/rdf+xml"}).text, format="xml")
    doc = client.get(path, headers={"Accept": "application/ld+json"})
    assert doc.headers["content-type"] == "application/ld+json"
    data = doc.json()
    # Compacted with the published context, written inline: the document means the same offline.
    assert data["@context"] == client.get("/context.jsonld").json()["@context"]
    jsonld = rdflib.Graph().parse(data=json.dumps(data), format="json-ld")
    assert len(nt) > 0
    for other in (ttl, xml, jsonld):
        assert rdflib.compare.isomorphic(nt, other)


def test_html_page_shows_facts_evidence_and_links(client, with_evidence):
    response = client.get(path_of(with_evidence), headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert with_evidence in html
    assert "<h2>Sources</h2>" in html and "<blockquote>" in html
    assert 'href="/id/article/' in html  # the quote links to its article


def test_sample_page_content_and_escaping(sample):
    html = sample.get("/id/agreement/2021-07-20-uk-france-agreement", headers={"Accept": "text/html"}).text
    assert "UK–France agreement of 20 July 2021" in html
    assert 'href="/id/person/priti-patel"' in html and ">Priti Patel</a>" in html
    assert 'href="/ontology#Agreement"' in html  # its type, linked to the ontology documentation
    assert "signed an agreement &lt;b&gt;on 2021-07-20&lt;/b&gt; &amp; more" in html
    assert "<b>on" not in html
    assert 'href="/id/article/000_sample">Sample article</a>' in html
    person = sample.get("/id/person/priti-patel", headers={"Accept": "text/html"}).text
    assert "Referred to by" in person and 'href="/id/agreement/2022-11-14-uk-france-agreement"' in person


@pytest.mark.parametrize("path", [
    "/id/person/nobody-at-all", "/id/spaceship/x", "/id/person/..", "/id/person/a%20b",
    "/pledge-type/not-a-type", "/measure/nothing",
])
def test_unknown_things_are_404(client, path):
    assert client.get(path).status_code == 404


def test_concepts_are_served(client):
    concept = first(client, f"SELECT ?s WHERE {{ ?s a skos:Concept FILTER STRSTARTS(STR(?s), '{BASE}pledge-type/') }} LIMIT 1")
    assert client.get(path_of(concept)).status_code == 200


def test_revalidation_of_a_thing(client, with_evidence):
    response = client.get(path_of(with_evidence))
    again = client.get(path_of(with_evidence), headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_ontology_by_negotiation(client):
    html = client.get("/ontology", headers={"Accept": BROWSER})
    assert html.headers["content-type"].startswith("text/html")
    assert 'id="Agreement"' in html.text and 'id="hasPledge"' in html.text
    OWL = rdflib.OWL
    for accept, fmt in (("text/turtle", "turtle"), ("application/rdf+xml", "xml"), ("*/*", "turtle")):
        response = client.get("/ontology", headers={"Accept": accept})
        graph = rdflib.Graph().parse(data=response.text, format=fmt)
        assert (rdflib.URIRef(BASE + "ontology"), rdflib.RDF.type, OWL.Ontology) in graph


def test_context(client):
    response = client.get("/context.jsonld")
    assert response.headers["content-type"] == "application/ld+json"
    assert response.json()["@context"]["ck"] == BASE + "ontology#"


def test_void(client):
    response = client.get("/.well-known/void")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert any(graph.subjects(rdflib.RDF.type, rdflib.VOID.Dataset))
    assert client.get("/.well-known/void", headers={"Accept": "application/n-triples"}).status_code == 200


def test_dumps(client, build):
    listing = client.get("/dumps/", headers={"Accept": "application/json"}).json()
    names = {f["name"] for f in listing}
    assert {"channel-kg.nq", "manifest.json"} <= names
    dump = client.get("/dumps/channel-kg.nq")
    assert dump.status_code == 200 and dump.content == (build / "channel-kg.nq").read_bytes()
    assert dump.headers["content-type"] == "application/n-quads"
    assert "channel-kg.nq" in client.get("/dumps/").text


@pytest.mark.parametrize("path", [
    "/dumps/..%2Fpyproject.toml", "/dumps/%2e%2e/%2e%2e/etc/passwd", "/dumps/../api/app.py",
    "/dumps/%2Fetc%2Fpasswd", "/dumps/outside", "/dumps/.hidden",
])
def test_dumps_no_traversal(sample, path):
    for name, target in (("outside", "/etc/passwd"), (".hidden", "/etc/passwd")):
        if not (sample.build_dir / name).is_symlink():
            (sample.build_dir / name).symlink_to(target)
    response = sample.get(path)
    assert response.status_code == 404
    assert b"root:" not in response.content


@pytest.mark.parametrize("path", ["/id/person/priti-patel", "/ontology", "/.well-known/void",
                                  "/pledge-type/drones", "/graph/article/001_f9e0af551127a38c/curated"])
def test_jsonld_carries_its_context_inline(client, path):
    """A saved copy means the same anywhere: no @context pointing at the server that wrote it."""
    doc = client.get(path, headers={"Accept": "application/ld+json"})
    assert doc.status_code == 200
    data = doc.json()
    assert data["@context"] == client.get("/context.jsonld").json()["@context"]
    assert "testserver" not in doc.text
    as_nt = rdflib.Graph().parse(data=client.get(path, headers={"Accept": "application/n-triples"}).text, format="nt")
    assert len(as_nt) > 0 and rdflib.compare.isomorphic(rdflib.Graph().parse(data=doc.text, format="json-ld"), as_nt)
