"""Load and faults over time (`make soak`; marked slow, so `make test` skips them).

1. Eight clients for 60 s of named queries, DESCRIBEs, pages of things and dump downloads against
   a server subprocess on 127.0.0.1, while queries past the time limit are stopped now and then:
   no errors, p99 printed, and the server's memory after the run within 10% of its memory after a
   warm-up (no leak from the cache, the pages or the stopped queries).
2. `kg build` killed by SIGKILL at random points, in a loop, while `kg serve` on the same build
   folder answers /health and a query throughout (extends the kill loop of test_build_faults.py).
"""

import json
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from api.testing import free_port, server_process
from test_build_faults import assert_complete, build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 8
RUN_SECONDS = 60.0
WARM_UP_SECONDS = 15.0
TIME_LIMIT = 2.0
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r }"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


def requests_mix(base: str) -> list[tuple[str, dict, dict]]:
    """(path, params, headers): every named query, DESCRIBEs, things in three formats, dumps."""
    named = httpx.get(base + "/queries", headers={"Accept": "application/json"}).json()
    things = httpx.get(base + "/sparql", params={"query": (
        "SELECT DISTINCT ?s WHERE { ?s ck:evidence ?e FILTER STRSTARTS(STR(?s), 'https://w3id.org/channel-kg/id/') } "
        "ORDER BY ?s LIMIT 40")}).json()["results"]["bindings"]
    things = [t["s"]["value"] for t in things]
    pledge_types = [r["pledgeType"]["value"] for r in
                    httpx.get(base + "/queries/repeated-pledges").json()["results"]["bindings"]]
    assert named and len(things) >= 10 and pledge_types
    mix = []
    for query in named:
        params = {p["name"]: (things[0] if p["name"] == "node" else pledge_types[0]) for p in query["params"]}
        for fmt in ("json", "csv", "html"):
            mix.append((f"/queries/{query['name']}", {**params, "format": fmt}, {}))
    for thing in things:
        mix.append(("/queries/evidence", {"node": thing}, {}))
        mix.append(("/sparql", {"query": f"DESCRIBE <{thing}>"}, {"Accept": "text/turtle"}))
        path = "/" + thing.split("https://w3id.org/channel-kg/", 1)[1]
        for accept in ("text/turtle", "application/ld+json", "text/html"):
            mix.append((path, {}, {"Accept": accept}))
    for dump in ("channel-kg.nq", "channel-kg.ttl", "channel-kg.jsonld", "manifest.json", "void.ttl"):
        mix.append((f"/dumps/{dump}", {}, {}))
    mix += [("/", {}, {}), ("/ontology", {}, {"Accept": "text/html"}), ("/dumps/", {}, {})]
    return mix


class Load:
    """`CLIENTS` threads sending random requests of the mix, each with its own connection."""

    def __init__(self, base, mix, seconds, seed):
        self.base, self.mix, self.seconds, self.seed = base, mix, seconds, seed
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def _client(self, n):
        rng = random.Random(self.seed * 100 + n)
        end = time.monotonic() + self.seconds
        with httpx.Client(base_url=self.base, timeout=30) as client:
            while time.monotonic() < end:
                path, params, headers = rng.choice(self.mix)
                started = time.monotonic()
                try:
                    response = client.get(path, params=params, headers=headers)
                    problem = None if response.status_code == 200 and response.content else \
                        f"{path} {params} {response.status_code} {response.text[:200]}"
                except httpx.HTTPError as error:
                    problem = f"{path} {params} {error!r}"
                elapsed = time.monotonic() - started
                with self.lock:
                    self.latencies.append(elapsed)
                    if problem:
                        self.errors.append(problem)

    def run(self):
        threads = [threading.Thread(target=self._client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return self

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def stopped_queries(base: str, seconds: float, every: float, outcomes: list):
    """Now and then a query the time limit stops (its worker is killed and replaced)."""
    end = time.monotonic() + seconds
    while time.monotonic() + TIME_LIMIT < end:
        unique = CARTESIAN.replace("?r }", f'?r FILTER(?r != "{uuid.uuid4()}") }}')
        outcomes.append(httpx.get(base + "/sparql", params={"query": unique}, timeout=30).status_code)
        time.sleep(every)


def memory(base: str, pid: int) -> tuple[int, int]:
    workers = httpx.get(base + "/health").json()["worker_pids"]
    return rss_kib(pid), sum(rss_kib(w) for w in workers)


def test_eight_clients_for_a_minute_no_errors_and_no_memory_growth(seed_build):
    with server_process(seed_build[1], timeout=TIME_LIMIT) as (base, process):
        mix = requests_mix(base)
        assert len(mix) > 100
        warm = Load(base, mix, WARM_UP_SECONDS, seed=1).run()
        assert not warm.errors, warm.errors[:5]
        web_before, workers_before = memory(base, process.pid)
        replaced_before = httpx.get(base + "/health").json()["workers_replaced"]

        outcomes: list[int] = []
        stopper = threading.Thread(target=stopped_queries, args=(base, RUN_SECONDS, 5.0, outcomes))
        stopper.start()
        started = time.monotonic()
        load = Load(base, mix, RUN_SECONDS, seed=2).run()
        duration = time.monotonic() - started
        stopper.join()
        time.sleep(1.0)  # the last replacement worker finishes starting
        web_after, workers_after = memory(base, process.pid)
        health = httpx.get(base + "/health").json()

    requests = len(load.latencies)
    p50, p99 = statistics.median(load.latencies), load.percentile(99)
    print(f"\nsoak: {CLIENTS} clients, {duration:.0f} s, {requests} requests ({requests / duration:.0f}/s), "
          f"errors {len(load.errors)}; latency p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
          f"max {max(load.latencies) * 1000:.0f} ms")
    print(f"soak: server RSS after warm-up {web_before / 1024:.1f} MiB, after the run {web_after / 1024:.1f} MiB "
          f"({(web_after / web_before - 1) * 100:+.1f}%); workers {workers_before / 1024:.1f} -> "
          f"{workers_after / 1024:.1f} MiB; {len(outcomes)} queries stopped at the time limit "
          f"({health['workers_replaced'] - replaced_before} workers replaced); cache {health['cache']}")
    assert not load.errors, load.errors[:5]
    assert requests > CLIENTS * RUN_SECONDS  # more than one request a second per client
    assert outcomes and set(outcomes) == {503}
    assert health["workers_replaced"] - replaced_before >= len(outcomes)
    assert web_after <= web_before * 1.10
    assert web_after + workers_after <= (web_before + workers_before) * 1.10


def test_serve_keeps_answering_while_builds_are_killed(tmp_path, seed_build):
    out = tmp_path / "build"
    assert build(out).exit_code == 0
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--build-dir", str(out), "--port", str(port),
                              "--timeout", "5"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures, latencies = [], []
    stop = threading.Event()

    def monitor():
        with httpx.Client(base_url=base, timeout=5) as client:
            while not stop.is_set():
                for path, params in (("/health", {}),
                                     ("/sparql", {"query": f'ASK {{ ?s ?p "{uuid.uuid4()}" }}'})):
                    started = time.monotonic()
                    try:
                        response = client.get(path, params=params)
                        if response.status_code != 200:
                            failures.append(f"{path} {response.status_code} {response.text[:200]}")
                    except httpx.HTTPError as error:
                        failures.append(f"{path} {error!r}")
                    latencies.append(time.monotonic() - started)
                time.sleep(0.1)

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                assert serve.poll() is None and time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.2)
        watcher = threading.Thread(target=monitor)
        watcher.start()
        rng = random.Random(11)
        kills = 0
        for _ in range(12):
            process = subprocess.Popen([sys.executable, "-m", "kg", "build", "--out", str(out)], cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.2, 3.0))
            if process.poll() is None:
                kills += 1
            process.send_signal(signal.SIGKILL)
            process.wait()
            assert_complete(out)
        time.sleep(1.5)  # a build that completed is picked up within a second
        stop.set()
        watcher.join()
        served = httpx.get(base + "/health").json()["version"]
    finally:
        stop.set()
        serve.terminate()
        serve.wait(15)
    print(f"\nkill loop: {kills} of 12 builds killed part way; {len(latencies)} requests to kg serve, "
          f"max latency {max(latencies) * 1000:.0f} ms, failures {len(failures)}")
    assert kills >= 4
    assert not failures, failures[:5]
    assert latencies and max(latencies) < 5.0
    assert served == json.loads((out / "manifest.json").read_text())["version"]
