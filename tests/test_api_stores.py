"""The workers' store: in memory while one copy per worker fits the memory budget, else one
on-disk store they all open read-only. Either way the answers are the same."""

import shutil

import httpx
import pytest

from api.settings import Settings
from api.stores import choose
from api.testing import server
from kg.store import load_store, read_snapshot

CK = "https://w3id.org/channel-kg/ontology#"
QUERIES = [  # the union counted once per triple, a named graph, an aggregate over the union
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    f"SELECT ?type (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a <{CK}hasPledge>/<{CK}pledgeType> ?type }} "
    "GROUP BY ?type ORDER BY ?type",
]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r }"


@pytest.fixture(scope="module")
def build(seed_build, tmp_path_factory):
    """A copy of the seed build, so the stores written beside it are this module's own."""
    copy = tmp_path_factory.mktemp("stores") / "build"
    shutil.copytree(seed_build[1], copy)
    return copy


def rows(response: httpx.Response) -> list[dict]:
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def test_within_the_budget_each_worker_loads_the_graph_into_memory(build):
    source = choose(read_snapshot(build), Settings(build_dir=build, workers=2))
    assert source.disk is None
    assert source.first_message()[0] == "memory"
    assert not (build.parent / "build.stores").exists()


def test_past_the_budget_the_workers_share_a_disk_store_and_answer_alike(build, monkeypatch):
    expected = load_store(build, union_default=True)[0]
    monkeypatch.setenv("CHANNEL_KG_MEMORY_BUDGET_MB", "1")  # the seeds need about 2 x 9 MB + 100 MB
    with server(build, timeout=2.0) as base:
        # the build wrote its own on-disk store (kg/answers.py): the server opens it, no second copy
        assert (build / "store").is_dir()
        assert not (build.parent / "build.stores").exists()
        for query in QUERIES:
            assert_same_answer(base, expected, query)
        # a worker stopped at the time limit is replaced, and the replacement opens the same store
        before = httpx.get(base + "/health").json()["workers_replaced"]
        assert httpx.get(base + "/sparql", params={"query": SLOW}, timeout=30).status_code == 503
        for query in QUERIES:
            assert_same_answer(base, expected, query + " # not cached")
        assert httpx.get(base + "/health").json()["workers_replaced"] == before + 1


def assert_same_answer(base: str, expected, query: str) -> None:
    served = rows(httpx.get(base + "/sparql", params={"query": query}, timeout=30))
    solutions = expected.query(query)
    names = [variable.value for variable in solutions.variables]
    local = [{name: row[name].value for name in names if row[name] is not None} for row in solutions]
    assert served == local and served, query


def test_when_no_disk_store_can_be_written_the_graph_is_loaded_into_memory(build, tmp_path, caplog):
    blocked = tmp_path / "build"
    blocked.mkdir()
    (tmp_path / "build.stores").write_text("a file where the stores folder would go")
    shutil.copy(build / "channel-kg.nq", blocked / "channel-kg.nq")
    source = choose(read_snapshot(blocked), Settings(build_dir=blocked, workers=2, memory_budget_bytes=1))
    assert source.disk is None
    assert "could not write an on-disk store" in caplog.text
