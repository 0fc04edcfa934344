"""Bounded lookups answered in the web process (api/lookups.py), and what must go to a worker."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from api.lookups import LOOKUP_BYTES, is_bounded_lookup
from kg.querytext import analyse
from api.testing import server

# Work bounded by the answer: each match the engine reads is written out.
LOOKUPS = [
    'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?thing WHERE { ?thing rdfs:label "Priti Patel"@en . }',
    "DESCRIBE <https://w3id.org/channel-kg/id/person/priti-patel>",
    "describe ck:a ck:b",
    'ASK { ?s ?p "x" }',
    "SELECT * { ?s ?p ?o } LIMIT 10",
    "select $s where { $s a ck:Pledge }",
    "SELECT ?s { ?s ck:amount 12.5 }",
    'SELECT ?s { ?s ck:x "1"^^xsd:integer }',
    'SELECT ?s { ?s ck:x "a"@en-GB } # a comment',
    'SELECT * { VALUES ?o { "a" "b" } ?s ?p ?o }',
    'SELECT * { ?s ?p ?o VALUES (?s ?o) { (<urn:a> "x") (UNDEF 1) } }',
    "DESCRIBE <urn:x> WHERE { VALUES ?run { 1 } }",
]
# Anything that could make the engine read without writing, or that the web process must not run.
NOT_LOOKUPS = [
    "SELECT DISTINCT ?p { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } OFFSET 10",
    "SELECT * { ?x ?p ?x }",
    "SELECT * { ?x ?p $x }",
    "SELECT * { ?s ?p ?o FILTER(?o = 1) }",
    "SELECT * { ?s ?p ?o . ?o ?q ?r }",
    "SELECT * { ?s ?p ?o ; ?q ?r }",
    "SELECT * { ?s ?p ?o, ?o2 }",
    "SELECT * { ?s ck:a/ck:b ?o }",
    "SELECT * { ?s ck:a* ?o }",
    "SELECT * { ?s ^ck:a ?o }",
    "SELECT * FROM <urn:g> { ?s ?p ?o }",
    "SELECT * { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "DESCRIBE ?x WHERE { ?x ?p ?o }",
    "DESCRIBE <urn:x> FROM <urn:g>",
    "DESCRIBE <urn:x> WHERE { ?x ?p ?o }",
    "SELECT * { _:b ?p ?o }",
    "SELECT * { [] ?p ?o }",
    "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } ORDER BY ?s",
    "SELECT * { ?s ?p ?o } GROUP BY ?s",
    "ASK { ?s ?p ?o } LIMIT 1",
    "BASE <http://x/> SELECT * { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } VALUES ?s { <urn:a> }",
    "SELECT * { VALUES ?o { } ?s ?p ?o }",  # an empty table: the pattern read for nothing
    "SELECT * { VALUES (?s ?o) { (1) } ?s ?p ?o }",
    "SELECT * { VALUES ?o { 1 } ?s ?p ?o VALUES ?s { 1 } }",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    'SELECT * { ?s ?p "unclosed }',
    "SELECT * { ?s ?p ?o } LIMIT",
    "SELECT * {}",
    "DESCRIBE",
    "# SELECT * { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o }" + " VALUES ?x { 1 }" * 60,  # too long to be kept as tokens
]


@pytest.mark.parametrize("query", LOOKUPS)
def test_bounded_lookups_are_recognised(query):
    assert is_bounded_lookup(analyse(query).tokens)


@pytest.mark.parametrize("query", NOT_LOOKUPS)
def test_everything_else_goes_to_a_worker(query):
    assert not is_bounded_lookup(analyse(query).tokens)


def test_keywords_inside_strings_and_iris_do_not_count():
    assert is_bounded_lookup(analyse('SELECT ?s { ?s ck:note "FILTER OPTIONAL } ?x ?y ?z" }').tokens)
    assert is_bounded_lookup(analyse('SELECT ?s { ?s <urn:x#FILTER> "x" } # } FILTER').tokens)


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r }"
LABEL = 'SELECT ?thing WHERE { ?thing rdfs:label "Priti Patel"@en }'


def test_lookups_are_answered_while_every_worker_is_busy(build):
    """The web process answers a lookup itself: it does not wait behind long queries."""
    with server(build, timeout=3.0) as base:
        workers = httpx.get(base + "/health").json()["workers"]  # the normal lane's
        with ThreadPoolExecutor(workers) as pool:
            slow = [pool.submit(httpx.get, base + "/sparql", params={"query": CARTESIAN.replace("?r", f"?r{n}")}, timeout=30)
                    for n in range(workers)]
            time.sleep(0.5)  # every worker runs a cartesian product now
            label = httpx.get(base + "/sparql", params={"query": LABEL}, timeout=30,
                              headers={"Accept": "application/sparql-results+json"})
            described = httpx.get(base + "/sparql", params={"query": "DESCRIBE <https://w3id.org/channel-kg/id/person/priti-patel>"},
                                  headers={"Accept": "application/n-triples"}, timeout=30)
            still_busy = not any(f.done() for f in slow)
            assert all(f.result().status_code == 503 for f in slow)
    assert still_busy, "the long queries ended before the lookups were sent"
    assert label.status_code == 200
    assert [b["thing"]["value"] for b in label.json()["results"]["bindings"]] == [
        "https://w3id.org/channel-kg/id/person/priti-patel"]
    assert described.status_code == 200
    assert '<https://w3id.org/channel-kg/id/person/priti-patel> <http://www.w3.org/2000/01/rdf-schema#label> "Priti Patel"@en' \
        in described.text


def test_a_lookup_whose_answer_passes_the_budget_is_answered_whole_by_a_worker(client):
    everything = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                            headers={"Accept": "text/csv"})
    counted = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                         headers={"Accept": "text/csv"})
    assert everything.status_code == 200
    assert len(everything.content) > LOOKUP_BYTES
    rows = everything.text.count("\r\n") - 1  # the header line
    assert rows == int(counted.text.split()[-1])


def test_a_lookup_and_a_worker_answer_alike(client):
    """The same pattern, once as a lookup and once with a no-op FILTER that sends it to a worker."""
    for accept in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"):
        here = client.get("/sparql", params={"query": "SELECT ?s ?o WHERE { ?s rdfs:label ?o } LIMIT 50"},
                          headers={"Accept": accept})
        there = client.get("/sparql", params={"query": "SELECT ?s ?o WHERE { ?s rdfs:label ?o FILTER(true) } LIMIT 50"},
                           headers={"Accept": accept})
        assert here.status_code == there.status_code == 200
        assert here.content == there.content, accept
    syntax = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s nope:label ?o }"})
    assert syntax.status_code == 400 and syntax.text.startswith("unknown prefix nope: in nope:label")
