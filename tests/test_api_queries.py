"""Named queries: listing, running, binding parameters, and SPARQL injection through each one."""

import re
import shutil

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ROOT, Settings
from kg import named_queries
from kg.store import load_store

QUERIES = named_queries.load_all(ROOT / "queries")
WITH_PARAMS = [(q.name, p.name) for q in QUERIES.values() for p in q.params]
LABEL_QUERY = """# title: Things by label
# description: For the tests: a string parameter compared in a FILTER.
# param: text — a label, compared as a string
SELECT ?s ?text WHERE { ?s rdfs:label ?l FILTER (STR(?l) = ?text) }
"""
INJECTIONS = [
    "> } UNION { ?s ?p ?o } #",
    "http://x/> } ; DROP ALL ; <http://y/",
    "https://w3id.org/x>\n} INSERT DATA { <a:b> <a:c> <a:d> } #",
    '" } UNION { ?a ?b ?c } #',
    "<https://w3id.org/channel-kg/id/person/priti-patel>",
    "?node",
    "http://x/ SERVICE <http://127.0.0.1:9/sparql>",
    "https://example.org/a{b}",
    "",
]


@pytest.fixture(scope="module")
def queries_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("queries")
    for path in (ROOT / "queries").glob("*.rq"):
        shutil.copy(path, directory)
    (directory / "by-label.rq").write_text(LABEL_QUERY)
    return directory


@pytest.fixture(scope="module")
def client(build, queries_dir):
    with TestClient(create_app(Settings(build_dir=build, queries_dir=queries_dir, workers=2))) as c:
        yield c


@pytest.fixture(scope="module")
def store(build):
    return load_store(build, union_default=True)[0]


def triples(client) -> int:
    response = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_contract_queries_exist():
    assert {"repeated-pledges", "funding", "ministers", "statistics", "timeline", "contested", "evidence",
            "pledge-history"} <= set(QUERIES)
    assert QUERIES["evidence"].params[0].name == "node" and QUERIES["evidence"].params[0].is_iri


def test_parameters_are_projected():
    """pyoxigraph binds (substitutions=) only variables the SELECT clause projects."""
    for query in QUERIES.values():
        head = re.search(r"SELECT(.*?)WHERE", query.text, re.S | re.I).group(1)
        for param in query.params:
            assert re.search(rf"[?$]{param.name}\b", head), f"{query.name} must project ?{param.name}"


def test_listing(client):
    listing = client.get("/queries", headers={"Accept": "application/json"}).json()
    assert {q["name"] for q in listing} == set(QUERIES) | {"by-label"}
    assert all(q["title"] and q["query"] for q in listing)
    html = client.get("/queries", headers={"Accept": "text/html"}).text
    assert 'action="/queries/evidence"' in html


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_named_query_runs_and_equals_the_embedded_result(client, store, name):
    response = client.get(f"/queries/{name}", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    expected = store.query(QUERIES[name].text)
    assert response.json()["head"]["vars"] == [v.value for v in expected.variables]
    assert len(response.json()["results"]["bindings"]) == len(list(expected))


def test_query_text_and_formats(client):
    assert client.get("/queries/timeline.rq").text == QUERIES["timeline"].text
    assert client.get("/queries/timeline", params={"format": "csv"}).headers["content-type"].startswith("text/csv")
    assert client.get("/queries/no-such-query").status_code == 404


def test_iri_parameter_is_bound(client, store):
    rows = store.query("SELECT DISTINCT ?s WHERE { ?s ck:evidence ?e } ORDER BY ?s LIMIT 1",
                       prefixes={"ck": "https://w3id.org/channel-kg/ontology#"})
    node = next(iter(rows))["s"].value
    response = client.get("/queries/evidence", params={"node": node})
    assert response.status_code == 200
    bound = response.json()["results"]["bindings"]
    expected = list(store.query(QUERIES["evidence"].text,
                                substitutions={ox.Variable("node"): ox.NamedNode(node)}))
    assert bound and len(bound) == len(expected)
    unbound = client.get("/queries/evidence").json()["results"]["bindings"]
    assert len(unbound) > len(bound)
    # A prefixed name with one of our prefixes works too.
    short = "id:" + node.removeprefix("https://w3id.org/channel-kg/id/")
    assert client.get("/queries/evidence", params={"node": short}).json()["results"]["bindings"] == bound


def test_string_parameter_is_bound_as_a_literal(client, store):
    label = next(iter(store.query("SELECT ?l WHERE { ?s rdfs:label ?l } LIMIT 1",
                                  prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})))["l"].value
    assert client.get("/queries/by-label", params={"text": label}).json()["results"]["bindings"]
    response = client.get("/queries/by-label", params={"text": 'x") || true || ("'})
    assert response.status_code == 200 and response.json()["results"]["bindings"] == []


def test_unknown_and_repeated_parameters(client):
    assert client.get("/queries/evidence", params={"query": "ASK {}"}).status_code == 400
    assert client.get("/queries/timeline", params={"node": "https://x/"}).status_code == 400
    assert client.get("/queries/evidence?node=https://a/&node=https://b/").status_code == 400


@pytest.mark.parametrize("name, param", WITH_PARAMS + [("by-label", "text")])
@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_through_every_parameter(client, name, param, payload):
    assert WITH_PARAMS, "the named queries have parameters to attack"
    before = triples(client)
    response = client.get(f"/queries/{name}", params={param: payload})
    query = QUERIES.get(name)
    if query is not None and next(p for p in query.params if p.name == param).is_iri:
        assert response.status_code == 400, (payload, response.text)
        assert param in response.text
    elif param in ("lang", "min"):  # a choice with a default: any text is one literal, which fits no
        # language and no number, so the answer is the default's (the column echoing it aside)
        assert response.status_code == 200
        default = client.get(f"/queries/{name}").json()["results"]["bindings"]
        assert _without(response.json()["results"]["bindings"], param) == _without(default, param)
    else:  # a string parameter: any text is one literal, so the query is unchanged
        assert response.status_code == 200
        assert response.json()["results"]["bindings"] == []
    assert triples(client) == before


def _without(rows: list[dict], column: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k != column} for row in rows]


def test_iri_with_quote_is_one_term(client):
    response = client.get("/queries/evidence", params={"node": "urn:x:a'b\"c"})
    assert response.status_code == 400  # a double quote cannot be in an IRI
    response = client.get("/queries/evidence", params={"node": "urn:x:it's"})
    assert response.status_code == 200 and response.json()["results"]["bindings"] == []
