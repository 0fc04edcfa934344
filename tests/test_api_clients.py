"""Real clients against a real server: uvicorn in a subprocess, SPARQLWrapper, rdflib's SPARQLStore,
plain HTTP as pandas or curl would use it; and `kg query` on the same build."""

import csv
import io

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TURTLE, XML, SPARQLWrapper

from api.settings import ROOT
from api.testing import server
from kg import named_queries
from kg.query import run_query_cli
from kg.store import load_store

PREFIXES = "PREFIX ck: <https://w3id.org/channel-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
SELECT = PREFIXES + """SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label LIMIT 50"""
GROUP = PREFIXES + """SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY ?type"""
CONSTRUCT = PREFIXES + """CONSTRUCT { ?s rdfs:label ?label } WHERE { ?s a ck:Agreement ; rdfs:label ?label }"""


@pytest.fixture(scope="module")
def base(build):
    with server(build) as url:
        yield url


@pytest.fixture(scope="module")
def store(build):
    return load_store(build, union_default=True)[0]


def embedded(store, query):
    """[(value, ...)] as the embedded engine answers (the reference)."""
    result = store.query(query)
    names = [v.value for v in result.variables]
    return names, [tuple(row[n].value if row[n] is not None else None for n in names) for row in result]


def to_rdflib(triples) -> rdflib.Graph:
    return rdflib.Graph().parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES), format="nt")


@pytest.mark.parametrize("query", [SELECT, GROUP])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(base, store, query, method):
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    client.setMethod(method)
    result = client.query().convert()
    names, rows = embedded(store, query)
    assert result["head"]["vars"] == names
    assert [tuple(b.get(n, {}).get("value") for n in names) for b in result["results"]["bindings"]] == rows
    assert rows


def test_sparqlwrapper_xml_csv_and_construct(base, store):
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(GROUP)
    client.setReturnFormat(XML)
    xml_rows = [tuple(str(node.firstChild.firstChild.data) for node in result.getElementsByTagName("binding"))
                for result in client.query().convert().getElementsByTagName("result")]
    _, rows = embedded(store, GROUP)
    assert xml_rows == rows
    client.setReturnFormat(CSV)
    csv_rows = list(csv.reader(io.StringIO(client.query().convert().decode())))
    assert [tuple(r) for r in csv_rows[1:]] == rows
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert rdflib.compare.isomorphic(graph, to_rdflib(store.query(CONSTRUCT)))


def test_rdflib_sparqlstore(base, store):
    graph = rdflib.Graph(store=SPARQLStore(base + "/sparql"))
    rows = [tuple(str(v) if v is not None else None for v in row) for row in graph.query(SELECT)]
    assert rows == embedded(store, SELECT)[1]
    counts = [(str(t), int(n)) for t, n in graph.query(GROUP)]
    assert counts == [(t, int(n)) for t, n in embedded(store, GROUP)[1]]
    constructed = graph.query(CONSTRUCT).graph
    assert rdflib.compare.isomorphic(constructed, to_rdflib(store.query(CONSTRUCT)))
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True


def test_named_query_over_http_equals_kg_query(base, build):
    """What pandas.read_csv(url) gets from /queries/{name}?format=csv is what `kg query` prints."""
    import httpx

    over_http = httpx.get(base + "/queries/timeline", params={"format": "csv"}).text
    assert over_http == run_query_cli("timeline", "csv", build)


def test_kg_query_forms(build, tmp_path):
    text = run_query_cli("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "table", build)
    assert text.splitlines()[0].strip() == "n" and text.rstrip().endswith("(1 row)")
    rq = tmp_path / "labels.rq"
    rq.write_text(CONSTRUCT)
    assert "@prefix" in run_query_cli(str(rq), "turtle", build)
    assert run_query_cli("ASK { ?s ?p ?o }", "table", build) == "true\n"
    named = named_queries.load_all(ROOT / "queries")
    assert '"head"' in run_query_cli(next(iter(named)), "json", build)
    with pytest.raises(ValueError):
        run_query_cli("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "table", build)
    with pytest.raises(SyntaxError, match="syntax error at line 1, column"):
        run_query_cli("SELECT * WHERE { ?s ?p }", "table", build)


@pytest.mark.parametrize("fmt, rdflib_format", [(JSONLD, "json-ld"), (N3, "n3"), (RDFXML, "xml")])
def test_sparqlwrapper_graph_formats(base, store, fmt, rdflib_format):
    """setReturnFormat(JSONLD) sends format=json-ld&format=application/ld+json,application/x-json+ld and
    N3 sends format=n3: both were answered 406 before `format` was read the way Accept is."""
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    result = client.query()
    assert result.response.status == 200
    graph = result.convert()
    if not isinstance(graph, rdflib.Graph):  # SPARQLWrapper returns N3 as bytes
        graph = rdflib.Graph().parse(data=graph, format=rdflib_format)
    expected = to_rdflib(store.query(CONSTRUCT))
    assert len(expected) > 0 and rdflib.compare.isomorphic(graph, expected)


def test_a_thing_is_written_with_its_kind_prefix(base, build):
    """person:priti-patel in a query: over HTTP, with SPARQLWrapper, with kg query and the Python API."""
    import httpx

    import kg

    query = "SELECT ?name WHERE { person:priti-patel rdfs:label ?name } LIMIT 1"
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["name"]["value"] == "Priti Patel"
    assert "Priti Patel" in httpx.get(base + "/sparql", params={"query": query, "format": "csv"}).text
    assert "Priti Patel" in run_query_cli(query, "csv", build)
    assert kg.load(build).rows(query) == [{"name": "Priti Patel"}]
