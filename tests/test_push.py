"""`kg push` into a real `oxigraph serve` (Graph Store Protocol), and `kg serve --store` in front of it."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from api.testing import free_port, manifest_of
from kg.cli import main
from kg.push import push_build
from kg.store import load_store

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """`oxigraph serve` on 127.0.0.1 with its data in a temporary directory; yields its base URL."""
    binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not binary:
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    port = free_port()
    process = subprocess.Popen([str(binary), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        process.terminate()
        process.wait(10)


def remote_counts(base):
    response = httpx.get(base + "/query", params={"query": COUNT_BY_GRAPH},
                         headers={"Accept": "application/sparql-results+json"})
    return {b["g"]["value"]: int(b["n"]["value"]) for b in response.json()["results"]["bindings"]}


def test_push_every_named_graph(build, oxigraph):
    report = push_build(build, oxigraph + "/store")
    assert report.complete, report.text()
    expected = manifest_of(build)["graphs"]
    assert {g.graph: g.sent for g in report.graphs} == expected
    assert remote_counts(oxigraph) == expected
    # Pushing again replaces each graph (PUT), so nothing is doubled.
    again = push_build(build, oxigraph + "/store")
    assert again.complete and remote_counts(oxigraph) == expected
    assert "complete" in again.text()


def test_push_command_and_an_unreachable_store(build, oxigraph):
    result = CliRunner().invoke(main, ["push", "--to", oxigraph + "/store", "--build-dir", str(build)])
    assert result.exit_code == 0, result.output
    dead = f"http://127.0.0.1:{free_port()}/store"
    report = push_build(build, dead, timeout=5)
    assert not report.complete and "INCOMPLETE" in report.text()


def test_serve_in_front_of_the_store(build, oxigraph):
    """`kg serve --store URL`: the same API, the queries answered by the external store."""
    assert push_build(build, oxigraph + "/store").complete
    store, _ = load_store(build, union_default=True)
    settings = Settings(build_dir=build, store_url=oxigraph + "/query", workers=2)
    # DISTINCT: oxigraph's --union-default-graph matches graph by graph, so a triple stated in
    # two graphs comes back twice there (the embedded store's default graph is a set).
    query = "SELECT DISTINCT ?s ?label WHERE { ?s a ck:Agreement ; rdfs:label ?label } ORDER BY ?s ?label"
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json()["store"] == oxigraph + "/query"
        answer = client.get("/sparql", params={"query": query}).json()
        expected = store.query(query,
                               prefixes={"ck": "https://w3id.org/channel-kg/ontology#",
                                         "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
        assert [(b["s"]["value"], b["label"]["value"]) for b in answer["results"]["bindings"]] == \
            [(r["s"].value, r["label"].value) for r in expected]
        assert client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
        node = answer["results"]["bindings"][0]["s"]["value"]
        evidence = client.get("/queries/evidence", params={"node": node})
        assert evidence.status_code == 200
        assert {b["node"]["value"] for b in evidence.json()["results"]["bindings"]} <= {node}
        page = client.get("/id/" + node.split("/id/", 1)[1], headers={"Accept": "text/html"})
        assert page.status_code == 200
