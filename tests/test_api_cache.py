"""Result cache, validators (ETag / Last-Modified, 304) and the swap to a new build."""

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cache import ResultCache
from api.settings import Settings
from api.testing import SAMPLE_NQ, write_sample_build

GROUP = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CUBE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_second_request_is_a_cache_hit(client):
    first = client.get("/sparql", params={"query": GROUP + " # first"})
    second = client.get("/sparql", params={"query": "SELECT ?g (COUNT(*) AS ?n)\n WHERE {GRAPH ?g {?s ?p ?o}}  GROUP BY ?g"})
    assert first.headers["x-cache"] == "miss"
    assert second.headers["x-cache"] == "hit"  # same query once comments and spacing are normalised
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]


def test_etag_and_304(client):
    response = client.get("/sparql", params={"query": GROUP})
    etag = response.headers["etag"]
    assert etag.startswith('"') and response.headers["last-modified"].endswith("GMT")
    again = client.get("/sparql", params={"query": GROUP}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get("/sparql", params={"query": GROUP}, headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/sparql", params={"query": GROUP},
                      headers={"If-None-Match": f'"x", W/{etag}'}).status_code == 304


def test_etag_differs_by_format_and_dataset(client, seed_build):
    as_json = client.get("/sparql", params={"query": GROUP}).headers["etag"]
    as_csv = client.get("/sparql", params={"query": GROUP, "format": "csv"}).headers["etag"]
    assert as_json != as_csv
    build = seed_build[1]
    graph = sorted(p for p in (build / "manifest.json").read_text().split('"') if p.startswith("https://w3id.org/channel-kg/graph/"))[0]
    one_graph = client.get("/sparql", params={"query": COUNT, "default-graph-uri": graph}).headers["etag"]
    assert one_graph != client.get("/sparql", params={"query": COUNT}).headers["etag"]


def test_if_modified_since(client):
    response = client.get("/sparql", params={"query": COUNT})
    since = response.headers["last-modified"]
    assert client.get("/sparql", params={"query": COUNT}, headers={"If-Modified-Since": since}).status_code == 304
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get("/sparql", params={"query": COUNT}, headers={"If-Modified-Since": old}).status_code == 200


def test_post_is_answered_not_revalidated(client):
    etag = client.get("/sparql", params={"query": GROUP}).headers["etag"]
    response = client.post("/sparql", data={"query": GROUP}, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["etag"] == etag


def test_cache_budget_is_bounded():
    cache = ResultCache(budget_bytes=10_000)
    for n in range(100):
        cache.put(("v1", f"query {n}"), b"x" * 500, "text/csv")
    assert cache.size <= 10_000
    assert cache.get(("v1", "query 0")) is None and cache.get(("v1", "query 99")) is not None
    cache.put(("v1", "huge"), b"x" * 5_000, "text/csv")  # over an eighth of the budget: not kept
    assert cache.get(("v1", "huge")) is None
    cache.put(("v2", "query"), b"y", "text/csv")
    cache.keep_only("v2")
    assert cache.stats()["entries"] == 1


def _swap_in(build, nquads, tmp):
    """What kg build does: write a complete new build beside it, then rename it into place."""
    new = write_sample_build(tmp / f"build.tmp-{time.monotonic_ns()}", nquads)
    old = tmp / f"build.old-{time.monotonic_ns()}"
    os.rename(build, old)
    os.rename(new, build)
    shutil.rmtree(old)


def test_new_build_is_served_without_restart(tmp_path):
    build = write_sample_build(tmp_path / "build")
    settings = Settings(build_dir=build, workers=2, reload_check_seconds=0)
    extra = '<urn:x:a> <urn:x:b> "new" <https://w3id.org/channel-kg/graph/external> .\n'
    with TestClient(create_app(settings)) as client:
        first = client.get("/sparql", params={"query": COUNT})
        old_pids = client.get("/health").json()["worker_pids"]
        old_count = first.json()["results"]["bindings"][0]["n"]["value"]
        cube_before = int(client.get("/sparql", params={"query": CUBE}).json()["results"]["bindings"][0]["n"]["value"])
        with ThreadPoolExecutor(1) as pool:
            # A query in flight while the build is replaced finishes on the version it started on.
            in_flight = pool.submit(client.get, "/sparql", params={"query": CUBE + " # in flight"})
            time.sleep(0.1)
            _swap_in(build, SAMPLE_NQ + extra, tmp_path)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                now = client.get("/sparql", params={"query": COUNT})
                if now.json()["results"]["bindings"][0]["n"]["value"] != old_count:
                    break
                time.sleep(0.1)
            finished = in_flight.result()
        assert int(now.json()["results"]["bindings"][0]["n"]["value"]) == int(old_count) + 1
        assert now.headers["etag"] != first.headers["etag"]
        assert client.get("/sparql", params={"query": COUNT},
                          headers={"If-None-Match": first.headers["etag"]}).status_code == 200
        assert finished.status_code == 200
        assert int(finished.json()["results"]["bindings"][0]["n"]["value"]) == cube_before
        # The old version's workers stop once nothing uses them.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and set(client.get("/health").json()["worker_pids"]) & set(old_pids):
            time.sleep(0.1)
        assert not set(client.get("/health").json()["worker_pids"]) & set(old_pids)
        for pid in old_pids:
            for _ in range(50):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                pytest.fail(f"old worker {pid} still running")


def test_new_build_behind_a_symlink(tmp_path):
    """kg build may publish by pointing build -> build.versions/{hash} at the new version."""
    first = write_sample_build(tmp_path / "versions" / "one")
    extra = '<urn:x:a> <urn:x:b> "new" <https://w3id.org/channel-kg/graph/external> .\n'
    second = write_sample_build(tmp_path / "versions" / "two", SAMPLE_NQ + extra)
    link = tmp_path / "build"
    link.symlink_to(first)
    with TestClient(create_app(Settings(build_dir=link, workers=2, reload_check_seconds=0))) as client:
        before = client.get("/sparql", params={"query": COUNT}).json()["results"]["bindings"][0]["n"]["value"]
        (tmp_path / "build.new").symlink_to(second)
        os.replace(tmp_path / "build.new", link)  # atomic: readers see one version or the other
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            now = client.get("/sparql", params={"query": COUNT}).json()["results"]["bindings"][0]["n"]["value"]
            if now != before:
                break
            time.sleep(0.1)
        assert int(now) == int(before) + 1
        assert client.get("/dumps/channel-kg.nq").content == (second / "channel-kg.nq").read_bytes()
