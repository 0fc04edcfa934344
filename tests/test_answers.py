"""The answers the build computes ahead (kg/answers.py) and the server sends (api/precomputed.py):
each equal to what the query answers when it runs, whole or cut by LIMIT and OFFSET, in every
results format; found only for the very query text and parameters they answer."""

import json

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api import stores
from api.app import create_app
from api.settings import ROOT, Settings
from kg import answers, named_queries
from kg.named_queries import bound_query
from kg.querytext import analyse
from kg.store import load_store, read_snapshot

QUERIES = named_queries.load_all(ROOT / "queries")
JSON = ox.QueryResultsFormat.JSON


def live(store, query, bindings, tail=""):
    """The query run on the build, its parameters bound as a worker binds them, as SPARQL JSON."""
    text, substitutions = bound_query(query.text, bindings)
    return store.query(text + tail, substitutions=substitutions or None).serialize(format=JSON)


def solutions(body: bytes) -> tuple[list, list]:
    doc = json.loads(body)
    return doc["head"]["vars"], doc["results"]["bindings"]


@pytest.fixture(scope="module", params=["seeds", "sources"])
def built(request, seed_build, sources_build):
    """(build folder, its store in memory with the union as default graph, its index)."""
    folder = seed_build[1] if request.param == "seeds" else sources_build
    index = json.loads((folder / "answers" / "index.json").read_text())
    return folder, load_store(folder, union_default=True)[0], index


def test_every_query_without_an_iri_parameter_is_answered_ahead_in_each_language(built):
    folder, _, index = built
    assert index["languages"] == ["en", "fr"] and not index["skipped"]
    assert index["version"] == read_snapshot(folder).version
    found = {(e["query"], json.dumps(e["bindings"], sort_keys=True)) for e in index["answers"]}
    expected = set()
    for name, query in QUERIES.items():
        if any(p.is_iri for p in query.params):
            continue  # evidence, sources, pledge-history, cited-statistics: about one thing
        expected.add((name, "{}"))
        if any(p.name == "lang" for p in query.params):
            expected |= {(name, json.dumps({"lang": '"%s"' % lang})) for lang in ("en", "fr")}
    assert found == expected
    assert {"evidence", "sources", "pledge-history", "cited-statistics"}.isdisjoint(e["query"] for e in index["answers"])


def unordered(rows: list) -> list:
    """Rows in any order, each value's space-separated items sorted: the order of rows that
    ORDER BY ranks alike, and of GROUP_CONCAT's items, is the engine's, and differs between an
    in-memory and an on-disk store."""
    return sorted(json.dumps({k: {**v, "value": " ".join(sorted(v["value"].split(" ")))} for k, v in row.items()},
                             sort_keys=True) for row in rows)


def test_each_answer_is_the_live_answer(built):
    folder, in_memory, index = built
    on_disk = ox.Store.read_only(str(folder / "store"))  # the store the server opens past its memory budget
    for entry in index["answers"]:
        query = QUERIES[entry["query"]]
        stored = (folder / "answers" / entry["file"]).read_bytes()
        assert stored == live(on_disk, query, entry["bindings"]), entry["file"]
        variables, rows = solutions(live(in_memory, query, entry["bindings"]))
        assert solutions(stored)[0] == variables and entry["rows"] == len(rows) > 0, entry["file"]
        assert unordered(solutions(stored)[1]) == unordered(rows), entry["file"]


@pytest.mark.parametrize("offset,limit", [(0, 1), (2, 3), (0, 10_000), (5, None), (10_000, 2), (1, 0)])
def test_a_slice_is_the_answer_of_the_query_with_limit_and_offset(built, offset, limit):
    folder, store, _ = built
    found = answers.Answers(folder, read_snapshot(folder).version)
    query = QUERIES["timeline"]
    tail = (f"\nLIMIT {limit}" if limit is not None else "") + (f" OFFSET {offset}" if offset else "")
    match = found.find(analyse(query.text + tail).normalised)
    assert match is not None and match[1:] == (offset, limit)
    assert solutions(match[0].read(offset, limit)) == solutions(live(store, query, {}, tail))


def test_only_the_same_query_and_parameters_match(built):
    folder, _, _ = built
    found = answers.Answers(folder, read_snapshot(folder).version)
    text = QUERIES["funding"].text
    assert found.find(analyse(text).normalised) is not None
    # Comments and spacing do not count; anything else does.
    assert found.find(analyse("# another comment\n" + text.replace("\n", "\n  ")).normalised) is not None
    for other in [text.replace("ORDER BY ?date", "ORDER BY DESC(?date)"), text + " LIMIT 2 LIMIT 3",
                  text + " LIMIT -1", text.rstrip() + "LIMIT 2", text.rstrip() + "2 LIMIT 2", text + " OFFSET"]:
        assert found.find(analyse(other).normalised) is None, other
    assert found.find(analyse(text).normalised, {"lang": '"de"'}) is None
    assert found.find(analyse(QUERIES["timeline"].text).normalised, {"lang": '"fr"'}) is not None
    assert answers.Answers(folder, "another version").find(analyse(text).normalised) is None


@pytest.fixture(scope="module")
def client(built):
    """The app on the build, and the build's own store, which computed the answers."""
    folder, _, _ = built
    with TestClient(create_app(Settings(build_dir=folder, workers=1, memory_budget_bytes=1))) as test_client:
        yield test_client, ox.Store.read_only(str(folder / "store"))


@pytest.mark.parametrize("fmt,kind", [("json", JSON), ("xml", ox.QueryResultsFormat.XML),
                                      ("csv", ox.QueryResultsFormat.CSV), ("tsv", ox.QueryResultsFormat.TSV)])
def test_served_in_every_format_as_the_engine_writes_it(client, fmt, kind):
    test_client, store = client
    for name, params in [("statistics", {}), ("pledge-matrix", {"lang": "fr"})]:
        query = QUERIES[name]
        response = test_client.get(f"/queries/{name}", params={**params, "format": fmt})
        assert response.status_code == 200
        text, substitutions = bound_query(query.text, query.bind(params))
        assert response.content == store.query(text, substitutions=substitutions or None).serialize(format=kind)
    text = QUERIES["contested"].text + "\nLIMIT 4 OFFSET 1"
    response = test_client.get("/sparql", params={"query": text, "format": fmt})
    assert response.content == store.query(text).serialize(format=kind)


def test_past_the_size_limit_a_precomputed_answer_is_refused_as_a_live_one(built):
    folder, _, _ = built
    with TestClient(create_app(Settings(build_dir=folder, workers=1, memory_budget_bytes=1,
                                        max_result_bytes=1000))) as test_client:
        response = test_client.get("/queries/statistics")
        assert response.status_code == 413 and "add a LIMIT" in response.text
        assert test_client.get("/queries/statistics", params={"format": "html"}).status_code == 413


def test_the_server_opens_the_build_store_when_the_graph_does_not_fit_in_memory(built):
    folder, _, _ = built
    snapshot = read_snapshot(folder)
    chosen = stores.choose(snapshot, Settings(build_dir=folder, workers=1, memory_budget_bytes=1))
    assert chosen.disk == snapshot.source.parent / "store"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    on_disk = ox.Store.read_only(str(chosen.disk)).query(count)
    assert next(on_disk)["n"].value == str(snapshot.manifest["triples"])  # the union, each triple once


def test_answers_are_used_only_beside_the_store_they_were_computed_on(built):
    folder, _, _ = built
    with TestClient(create_app(Settings(build_dir=folder, workers=1, memory_budget_bytes=1))) as on_disk:
        assert len(on_disk.app.state.holder.current.answers) > 0
    with TestClient(create_app(Settings(build_dir=folder, workers=1))) as in_memory:  # the seeds fit in memory
        assert len(in_memory.app.state.holder.current.answers) == 0
