"""Safe by default: read-only, no outbound connections, a time limit that stops the work, limits."""

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from kg import querytext
from api.app import create_app
from api.settings import Settings
from api.testing import server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r }"
MARK = "<urn:channel-kg:test:inserted>"


def triple_count(client) -> str:
    return client.get("/sparql", params={"query": COUNT}).json()["results"]["bindings"][0]["n"]["value"]


def test_updates_refused_through_every_route(client, listener):
    before = triple_count(client)
    insert = f"INSERT DATA {{ GRAPH <urn:g> {{ {MARK} {MARK} {MARK} }} }}"
    load = f"LOAD <{listener.url}> INTO GRAPH <urn:g>"
    for update in (insert, load, "DROP ALL", "CLEAR DEFAULT", f"DELETE WHERE {{ ?s ?p ?o }}"):
        attempts = [
            client.get("/sparql", params={"update": update}),
            client.get("/sparql", params={"query": update}),
            client.post("/sparql", data={"update": update}),
            client.post("/sparql", data={"query": update}),
            client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
            client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}),
            client.post("/sparql?update=" + httpx.QueryParams({"u": update})["u"], data={"query": COUNT}),
        ]
        for response in attempts:
            assert 400 <= response.status_code < 500, (update, response.status_code, response.text)
            assert "read-only" in response.text or "Update" in response.text
    assert triple_count(client) == before
    ask = client.get("/sparql", params={"query": f"ASK {{ GRAPH ?g {{ {MARK} ?p ?o }} }}"})
    assert ask.json()["boolean"] is False
    assert listener.connections == []


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z .SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ Service # a comment\n <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
])
def test_service_refused_before_execution(client, listener, template):
    query = template.format(url=listener.url)
    for response in (client.get("/sparql", params={"query": query}),
                     client.post("/sparql", data={"query": query}),
                     client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 400
        assert "SERVICE" in response.text
    assert listener.connections == []


def test_the_word_service_elsewhere_is_fine(client):
    query = 'SELECT ?service WHERE { BIND("SERVICE <http://127.0.0.1:9/>" AS ?service) } # SERVICE'
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text


def test_worker_has_no_network_even_without_the_check(build, listener):
    """Defence in depth: a SERVICE that got past the lexer still reaches nobody."""
    import asyncio

    from api.executor import WorkerPool
    from api.jobs import Job
    from api.stores import StoreSource
    from kg.store import read_snapshot

    async def run():
        pool = WorkerPool(StoreSource(read_snapshot(build)), 1)
        await pool.start()
        try:
            job = Job(query=f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                      formats={"solutions": "json"})
            return await pool.run(job, 5)
        finally:
            pool.close()

    if os.environ.get("CHANNEL_KG_NO_NETNS"):
        pytest.skip("network isolation of workers disabled by CHANNEL_KG_NO_NETNS")
    outcome = asyncio.run(run())
    if outcome.status == "ok":
        pytest.skip("this system does not allow network namespaces; the SERVICE check is the only guard")
    assert listener.connections == []


def test_result_size_limit(build):
    settings = Settings(build_dir=build, workers=2, max_result_bytes=2000)
    with TestClient(create_app(settings)) as small:
        response = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.status_code == 413
        assert "LIMIT" in response.text
        assert small.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_time_limit_stops_the_query_and_others_are_served(build):
    with server(build, timeout=2.0) as base:
        before = httpx.get(base + "/health").json()["worker_pids"]
        assert len(before) >= 2
        with ThreadPoolExecutor(2) as pool:
            started = time.monotonic()
            slow = pool.submit(httpx.get, base + "/sparql", params={"query": CARTESIAN}, timeout=30)
            time.sleep(0.3)  # the cartesian product is running in one worker now
            quick_start = time.monotonic()
            # Uncached, and two patterns (no lookup the web process answers itself): a worker must answer it.
            unique = f'ASK {{ ?s ?p ?o . ?o ?q "{uuid.uuid4()}" }}'
            quick = httpx.get(base + "/sparql", params={"query": unique}, timeout=30)
            quick_time = time.monotonic() - quick_start
            response = slow.result()
            slow_time = time.monotonic() - started
        assert quick.status_code == 200 and quick.json()["boolean"] is False
        assert quick_time < 1.0, f"a simple query waited {quick_time:.2f} s behind a long one"
        assert response.status_code == 503
        assert "time limit" in response.text
        assert 2.0 <= slow_time < 6.0
        # The worker that ran it was killed (the work really stopped) and replaced.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            health = httpx.get(base + "/health").json()
            if len(health["worker_pids"]) == len(before) and health["workers_replaced"] >= 1:
                break
            time.sleep(0.1)
        assert health["workers_replaced"] >= 1
        gone = set(before) - set(health["worker_pids"])
        assert len(gone) == 1
        with pytest.raises(ProcessLookupError):
            os.kill(gone.pop(), 0)
        assert httpx.get(base + "/sparql", params={"query": COUNT}).status_code == 200


# The lexer that decides what to refuse.
@pytest.mark.parametrize("text, form, update, service", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False, False),
    ("PREFIX ex: <http://e/#SERVICE> ask { ex:service ?p ?service }", "ASK", False, False),
    ("BASE <http://e/> PREFIX service: <http://s/> CONSTRUCT WHERE { service:a ?p ?o }", "CONSTRUCT", False, False),
    ('SELECT * WHERE { ?s ?p """multi\nline SERVICE""" }', "SELECT", False, False),
    ("SELECT * WHERE { SERVICE<http://x/>{?s ?p ?o} }", "SELECT", False, True),
    ("# SELECT\nINSERT DATA { <a:b> <a:c> <a:d> }", None, True, False),
    ("prefix x: <a:> with x:g delete { ?s ?p ?o } where { ?s ?p ?o }", None, True, False),
    ("DESCRIBE <http://e/a>", "DESCRIBE", False, False),
])
def test_lexer(text, form, update, service):
    info = querytext.analyse(text)
    assert (info.form, info.is_update, info.uses_service) == (form, update, service)


def test_normal_form_keeps_strings_and_drops_comments():
    a = querytext.analyse('SELECT  ?s\nWHERE { ?s ?p "a  b" } # note')
    b = querytext.analyse('SELECT ?s WHERE   { ?s ?p "a  b" }')
    c = querytext.analyse('SELECT ?s WHERE { ?s ?p "a b" }')
    assert a.normalised == b.normalised != c.normalised
    d = querytext.analyse("SELECT ?s WHERE { ?s ?p ?o } #x\nLIMIT 1")
    e = querytext.analyse("SELECT ?s WHERE { ?s ?p ?o } #x LIMIT 1")
    assert d.normalised != e.normalised
