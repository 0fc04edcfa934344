"""/sparql against the SPARQL 1.1 Protocol: operations, datasets, formats, status codes."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import rdflib
import rdflib.compare

from api import negotiation as neg
from api.testing import manifest_of

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GROUP = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
CONSTRUCT = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } LIMIT 20"
SRX = "{http://www.w3.org/2005/sparql-results#}"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def count(response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# 2.1.1, 2.1.2, 2.1.3: the three ways to send a query give the same answer.
def test_get_post_form_and_post_direct_agree(client):
    by_get = client.get("/sparql", params={"query": GROUP})
    by_form = client.post("/sparql", data={"query": GROUP})
    by_body = client.post("/sparql", content=GROUP, headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json"
    assert by_get.json() == by_form.json() == by_body.json()
    assert by_get.json()["results"]["bindings"], "the dataset has named graphs"


def test_post_direct_with_charset_parameter(client):
    response = client.post("/sparql", content=COUNT.encode(),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-8"})
    assert count(response) > 0


def test_default_graph_is_union_of_named_graphs(client, build):
    # The RDF merge is a set: a triple stated in a curated graph, by the rules and by the
    # reasoner is counted once, so the count is the build's distinct triples.
    assert count(client.get("/sparql", params={"query": COUNT})) == manifest_of(build)["triples"]
    graphs = manifest_of(build)["graphs"]
    # Every named graph's triples are visible without GRAPH.
    for iri in list(graphs)[:3]:
        ask = f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} FILTER EXISTS {{ ?s ?p ?o }} }}"
        assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True


# 2.1.4: the protocol dataset replaces the query's, and graphs not given are empty.
def test_default_graph_uri_selects_one_graph(client, build):
    graphs = manifest_of(build)["graphs"]
    iri, size = next(iter(sorted(graphs.items())))
    response = client.get("/sparql", params={"query": COUNT, "default-graph-uri": iri})
    assert count(response) == size


def test_named_graph_uri_limits_graph_and_empties_default(client, build):
    iri = sorted(manifest_of(build)["graphs"])[0]
    response = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                              "named-graph-uri": iri})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [iri]
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": iri})
    assert ask.json()["boolean"] is False


def test_dataset_in_post_form_body(client, build):
    iri, size = next(iter(sorted(manifest_of(build)["graphs"].items())))
    response = client.post("/sparql", data={"query": COUNT, "default-graph-uri": iri})
    assert count(response) == size


def test_from_clause_is_honoured(client, build):
    iri, size = next(iter(sorted(manifest_of(build)["graphs"].items())))
    query = f"SELECT (COUNT(*) AS ?n) FROM <{iri}> WHERE {{ ?s ?p ?o }}"
    assert count(client.get("/sparql", params={"query": query})) == size


def test_graph_uri_must_be_absolute(client):
    response = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"})
    assert response.status_code == 400


# 2.1.5 responses: the result formats of SELECT and ASK.
@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("*/*", "application/sparql-results+json"),
    (None, "application/sparql-results+json"),
    (BROWSER, "text/html; charset=utf-8"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.7,"
     " text/csv;q=0.5, application/json;q=0.2, application/xml;q=0.2, */*;q=0.1", "application/sparql-results+json"),
    ("text/*", "text/csv; charset=utf-8"),
])
def test_select_formats_by_accept(client, accept, media):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": GROUP}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    assert "Accept" in response.headers["vary"]


def test_select_results_parse_in_each_format(client):
    as_json = client.get("/sparql", params={"query": GROUP}).json()
    rows = [(b["g"]["value"], b["n"]["value"]) for b in as_json["results"]["bindings"]]
    xml = ET.fromstring(client.get("/sparql", params={"query": GROUP, "format": "xml"}).content)
    xml_rows = [tuple(r.find(f"{SRX}binding[@name='{v}']")[0].text for v in ("g", "n"))
                for r in xml.iter(f"{SRX}result")]
    csv_rows = list(csv.reader(io.StringIO(client.get("/sparql", params={"query": GROUP, "format": "csv"}).text)))
    tsv_lines = client.get("/sparql", params={"query": GROUP, "format": "tsv"}).text.splitlines()
    assert xml_rows == rows
    assert csv_rows[0] == ["g", "n"] and [tuple(r) for r in csv_rows[1:]] == rows
    assert tsv_lines[0] == "?g\t?n" and len(tsv_lines) == len(rows) + 1


def test_ask_in_json_and_xml(client):
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json() == {"head": {}, "boolean": True}
    xml = ET.fromstring(client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"},
                                   headers={"Accept": "application/sparql-results+xml"}).content)
    assert xml.find(f"{SRX}boolean").text == "true"


# CONSTRUCT and DESCRIBE: graphs in Turtle, JSON-LD, N-Triples, RDF/XML.
@pytest.mark.parametrize("accept, media, rdflib_format", [
    ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples; charset=utf-8", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("*/*", "text/turtle; charset=utf-8", "turtle"),
])
def test_construct_formats(client, accept, media, rdflib_format):
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) > 0


def test_construct_same_graph_in_every_format(client):
    graphs = []
    for fmt, parser in (("turtle", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt"), ("rdfxml", "xml")):
        response = client.get("/sparql", params={"query": CONSTRUCT, "format": fmt})
        graphs.append(rdflib.Graph().parse(data=response.content, format=parser))
    assert all(rdflib.compare.isomorphic(graphs[0], g) for g in graphs[1:])


def test_describe(client, build):
    subject = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s rdfs:label ?l } LIMIT 1"}).json()
    iri = subject["results"]["bindings"][0]["s"]["value"]
    response = client.get("/sparql", params={"query": f"DESCRIBE <{iri}>"}, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200 and f"<{iri}>" in response.text


def test_format_parameter_overrides_accept(client):
    response = client.get("/sparql", params={"query": GROUP, "format": "csv"}, headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("text/csv")
    response = client.post("/sparql", data={"query": CONSTRUCT, "format": "application/n-triples"})
    assert response.headers["content-type"].startswith("application/n-triples")


@pytest.mark.parametrize("params, accept", [
    ({"query": GROUP}, "image/png"),
    ({"query": GROUP}, "text/turtle"),  # a SELECT has no Turtle form
    ({"query": CONSTRUCT}, "text/csv"),
    ({"query": GROUP, "format": "pdf"}, None),
])
def test_unsatisfiable_is_406(client, params, accept):
    response = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 406
    assert "available" in response.text


def test_bad_query_is_400_with_parser_message(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    # One sentence with the position, not the parser's dump of expected tokens and Unicode ranges.
    assert response.text.startswith("syntax error at line 1, column ") and "\\u{" not in response.text


def test_two_queries_is_400(client):
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert response.status_code == 400


def test_unsupported_post_type_is_415(client):
    response = client.post("/sparql", content=COUNT, headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_form_post_without_query_is_400(client):
    assert client.post("/sparql", data={"format": "json"}).status_code == 400


def test_request_size_limit(client):
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 * 1024 * 1024)
    response = client.post("/sparql", content=huge, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_head_and_cors(client):
    response = client.head("/sparql", params={"query": COUNT})
    assert response.status_code == 200 and response.content == b""
    response = client.get("/sparql", params={"query": COUNT}, headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://example.org",
                                                   "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200


# SPARQL 1.1 Service Description, section 2: GET on the endpoint without a query.
def test_service_description(client, build):
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(graph.subjects(rdflib.RDF.type, SD.Service))
    assert (service, SD.endpoint, rdflib.URIRef("http://testserver/sparql")) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert names == set(manifest_of(build)["graphs"])
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"] == "application/ld+json"
    json.loads(as_jsonld.text)


# Negotiation rules on their own.
def test_accept_parsing_and_ties():
    assert neg.negotiate(None, neg.RESULTS) is neg.JSON
    assert neg.negotiate("", neg.GRAPHS) is neg.TURTLE
    assert neg.negotiate("text/csv, text/tab-separated-values", neg.RESULTS) is neg.CSV
    assert neg.negotiate("text/tab-separated-values, text/csv", neg.RESULTS) is neg.TSV
    assert neg.negotiate("application/*;q=0.5, text/csv;q=0.4", neg.RESULTS) is neg.JSON
    # The most specific range decides: text/csv refused although text/* is welcome.
    assert neg.negotiate("text/*, text/csv;q=0", neg.RESULTS) is neg.TSV
    assert neg.negotiate("garbage, */*;q=0.1", neg.GRAPHS) is neg.TURTLE
    with pytest.raises(neg.NotAcceptable):
        neg.negotiate("*/*;q=0", neg.RESULTS)


def test_format_parameter_is_read_like_accept():
    """SPARQLWrapper sends format=json-ld plus format=application/ld+json,application/x-json+ld for
    JSON-LD, and format=n3 for N3: names and media types, lists, q-values, in the client's order."""
    assert neg.negotiate(None, neg.GRAPHS, "json-ld,application/ld+json,application/x-json+ld") is neg.JSONLD
    assert neg.negotiate(None, neg.GRAPHS, "application/x-json+ld, application/ld+json") is neg.JSONLD
    assert neg.negotiate(None, neg.GRAPHS, "n3") is neg.TURTLE  # Turtle is N3 that every N3 parser reads
    assert neg.negotiate(None, neg.GRAPHS, "text/n3") is neg.TURTLE
    assert neg.negotiate(None, neg.RESULTS, "xml") is neg.XML and neg.negotiate(None, neg.GRAPHS, "xml") is neg.RDFXML
    assert neg.negotiate(None, neg.RESULTS, "tsv,text/tab-separated-values") is neg.TSV
    assert neg.negotiate(None, neg.RESULTS, "text/csv;q=0.5, application/sparql-results+json") is neg.JSON
    # The parameter replaces Accept: a browser's Accept does not turn format=csv into HTML.
    assert neg.negotiate("text/html", neg.RESULTS, "csv") is neg.CSV
    with pytest.raises(neg.NotAcceptable, match="pdf"):
        neg.negotiate(None, neg.RESULTS, "pdf")
