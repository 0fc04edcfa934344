"""Fair service (issue 14), piece by piece: who a client is, the budget, the queue served client
by client, the short lane and its way back to the normal lane, /health and the log.
tests/test_api_fair_load.py tries it as abusive clients would, on a live server."""

import asyncio
import logging

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.clients import anonymised, client_of, normalise
from api.fair import Budget, FairQueue
from api.jobs import Job, Outcome
from api.lanes import FairService, is_single_pattern, shape_of
from api.settings import Settings
from kg.querytext import analyse

POLITE = "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n) LIMIT 7"


def scope(peer: str, headers: dict[str, str] | None = None) -> dict:
    return {"client": (peer, 50000),
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}


# 1. Who a client is

def test_a_client_is_its_ipv4_address_or_its_ipv6_64():
    assert client_of(scope("192.0.2.7"), trust_proxy=False) == "192.0.2.7"
    assert client_of(scope("2001:db8:1:2:aaaa::1"), trust_proxy=False) == "2001:db8:1:2::/64"
    assert client_of(scope("2001:db8:1:2:ffff::9"), trust_proxy=False) == "2001:db8:1:2::/64"
    assert client_of(scope("2001:db8:1:3::1"), trust_proxy=False) == "2001:db8:1:3::/64"
    assert normalise("::ffff:192.0.2.7") == "192.0.2.7"


def test_forwarding_headers_count_only_with_trust_proxy():
    spoofed = {"X-Forwarded-For": "203.0.113.9", "Forwarded": "for=203.0.113.10"}
    assert client_of(scope("127.0.0.1", spoofed), trust_proxy=False) == "127.0.0.1"
    # The proxy appends the address it saw: the last entry; earlier ones are the client's own words.
    assert client_of(scope("127.0.0.1", {"X-Forwarded-For": "198.51.100.1, 203.0.113.9"}), True) == "203.0.113.9"
    assert client_of(scope("127.0.0.1", {"Forwarded": 'for=198.51.100.1, for="[2001:db8:5:6::1]:4711";proto=https'}),
                     True) == "2001:db8:5:6::/64"
    assert client_of(scope("127.0.0.1", {"Forwarded": "for=192.0.2.60:8080;by=203.0.113.43"}), True) == "192.0.2.60"
    # Forwarded (the standard) wins over X-Forwarded-For; an obfuscated identifier is a client too.
    assert client_of(scope("127.0.0.1", spoofed), True) == "203.0.113.10"
    assert client_of(scope("127.0.0.1", {"Forwarded": "for=_hidden7"}), True) == "_hidden7"
    assert client_of(scope("127.0.0.1"), True) == "127.0.0.1"  # no header: the peer


def test_anonymised_clients_are_stable_and_not_the_address():
    assert anonymised("127.0.0.2") == anonymised("127.0.0.2") != anonymised("127.0.0.3")
    assert len(anonymised("127.0.0.2")) == 12 and "." not in anonymised("127.0.0.2")


# 2. The budget

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_budget_counts_the_rolling_minute_and_says_when_to_come_back():
    clock = Clock()
    budget = Budget(10.0, clock)
    for seconds in (4.0, 4.0):
        ticket = budget.start("a")
        clock.now += seconds
        budget.finish("a", ticket)
    assert budget.retry_after("a") is None  # 8 of 10 s
    ticket = budget.start("a")
    clock.now += 3.0
    assert budget.retry_after("a") is not None  # the running query counts too: 11 s
    budget.finish("a", ticket)
    # 11 s spent, finished at 1004, 1008, 1011: dropping the first (4 s) brings it under 10 s,
    # which happens 60 s after 1004.
    assert budget.retry_after("a") == 1004 + 60 - 1011
    assert budget.retry_after("b") is None  # another client is unaffected
    clock.now += 61
    assert budget.retry_after("a") is None
    assert budget.used("a") == 0 and budget.clients() == set()  # nothing kept for a quiet client


# 3. The queue, client by client

def test_waiting_queries_are_served_client_by_client_not_first_come_first_served():
    async def scenario():
        queue = FairQueue(slots=1, per_client=1)
        assert await queue.acquire("heavy-1", 5)
        waiters = [asyncio.create_task(queue.acquire(c, 5)) for c in
                   ["heavy-1"] * 3 + ["heavy-2"] * 3 + ["polite"]]
        await asyncio.sleep(0)
        assert queue.waiting() == 7 and queue.waiting("heavy-2") == 3
        order = []
        while queue.busy:
            order.append(queue.served_order[-1])
            queue.release(order[-1])
            await asyncio.sleep(0)
        await asyncio.gather(*waiters)
        return order

    order = asyncio.run(scenario())
    # heavy-2 and polite, never served, before heavy-1's second query; then in turn.
    assert order == ["heavy-1", "heavy-2", "polite", "heavy-1", "heavy-2", "heavy-1", "heavy-2", "heavy-1"]


def test_a_client_alone_may_use_every_worker_but_not_while_others_wait():
    async def scenario():
        queue = FairQueue(slots=2, per_client=1)
        assert await queue.acquire("heavy", 5) and await queue.acquire("heavy", 5)  # nobody else waits
        more = asyncio.create_task(queue.acquire("heavy", 5))
        polite = asyncio.create_task(queue.acquire("polite", 5))
        await asyncio.sleep(0)
        queue.release("heavy")
        await asyncio.sleep(0)
        return polite.done(), more.done()

    assert asyncio.run(scenario()) == (True, False)


def test_a_query_that_waits_too_long_gives_up_and_leaves_the_queue():
    async def scenario():
        queue = FairQueue(slots=1, per_client=1)
        await queue.acquire("a", 5)
        granted = await queue.acquire("b", 0.01)
        return granted, queue.waiting(), queue.busy

    assert asyncio.run(scenario()) == (False, 0, 1)


# 4. Which queries take the short lane

@pytest.mark.parametrize("query", [
    POLITE,
    "SELECT ?s WHERE { ?s rdfs:label \"Priti Patel\"@en . } LIMIT 10",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "ASK { ?s ck:amount 62700000 }",
    "SELECT ?s WHERE { ?s ck:date \"2021-07-20\"^^xsd:date }",
    "DESCRIBE ?s WHERE { ?s a ck:Minister }",
])
def test_one_triple_pattern_is_plainly_bounded(query):
    assert is_single_pattern(analyse(query).tokens)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }",
    "SELECT * WHERE { ?a ?b ?c ; ?d ?e }",
    "SELECT * WHERE { ?a ?b ?c FILTER(?c > 3) }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { ?c ?d ?e } }",
    "SELECT * WHERE { ?a rdfs:label/rdfs:label ?c }",
    "SELECT * WHERE { ?a ck:party* ?c }",
    "SELECT * FROM <https://w3id.org/channel-kg/graph/vocab> WHERE { ?a ?b ?c }",
    "SELECT (EXISTS { ?a ?b ?c . ?d ?e ?f } AS ?x) WHERE { ?s ?p ?o }",
    "SELECT * WHERE { { SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } } }",
    "SELECT * WHERE { ?s ?p ?o } HAVING (EXISTS { ?a ?b ?c })",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_joins_filters_paths_and_subqueries_are_not(query):
    assert not is_single_pattern(analyse(query).tokens)


def test_a_shape_ignores_strings_and_numbers_but_not_structure():
    def shape(q):
        return shape_of(analyse(q).tokens)

    assert shape('SELECT ?s WHERE { ?s rdfs:label "Patel"@en } LIMIT 3') == \
        shape('SELECT ?s WHERE { ?s rdfs:label "Darmanin"@en } LIMIT 30')
    assert shape("SELECT * WHERE { ?a ?b ?c FILTER(STRLEN(?c) > 4) }") == \
        shape("SELECT * WHERE { ?a ?b ?c FILTER(STRLEN(?c) > 17) }")
    assert shape("SELECT * WHERE { ?a ?b ?c }") != shape("SELECT * WHERE { ?a ?b ?d . ?d ?e ?f }")


# 4. The short lane and the way back to the normal lane (fake pools: no process, no clock)

class Pool:
    def __init__(self, outcome: Outcome):
        self.outcome, self.jobs = outcome, []

    async def run(self, job, timeout, wait=None):
        self.jobs.append(job.query)
        return self.outcome


class Dataset:
    def __init__(self, short_outcome: Outcome):
        self.executor = Pool(Outcome("ok", body=b"normal"))
        self.short = Pool(short_outcome)


def run(service, dataset, query, client="192.0.2.1"):
    return asyncio.run(service.run(dataset, Job(query, formats={}), client, analyse(query).tokens))


def test_a_short_lane_query_past_the_short_limit_answers_from_the_normal_lane():
    service = FairService(Settings(workers=2))
    slow_short = Dataset(Outcome("timeout", message="stopped"))
    assert run(service, slow_short, POLITE).body == b"normal"
    assert slow_short.short.jobs == [POLITE] and slow_short.executor.jobs == [POLITE]
    assert service.moved_to_normal == 1
    # Its client keeps to the normal lane for a minute, whatever it sends.
    other = "SELECT ?s WHERE { ?s rdfs:label ?l }"
    run(service, slow_short, other)
    assert slow_short.short.jobs == [POLITE]


def test_queries_that_answered_quickly_before_take_the_short_lane():
    service = FairService(Settings(workers=2))
    dataset = Dataset(Outcome("ok", body=b"short"))
    join = "SELECT ?n WHERE { ?p a ck:Minister ; rdfs:label ?n } LIMIT 5"
    assert run(service, dataset, join).body == b"normal"  # unknown shape, a join: normal lane
    # It answered within the short limit, so the same shape with another LIMIT is short now.
    assert run(service, dataset, join.replace("5", "6")).body == b"short"
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    dataset.executor.outcome = Outcome("timeout", message="stopped")
    run(service, dataset, heavy)
    run(service, dataset, heavy)
    assert dataset.short.jobs == [join.replace("5", "6")]  # a slow shape never takes it


def test_over_budget_is_429_with_retry_after_and_one_log_line_a_minute(caplog):
    clock = Clock()
    service = FairService(Settings(workers=2, client_budget=1.0), clock=clock)
    ticket = service.budget.start("192.0.2.9")
    clock.now += 2.0
    service.budget.finish("192.0.2.9", ticket)
    dataset = Dataset(Outcome("ok"))
    with caplog.at_level(logging.WARNING, logger="channel_kg.api"):
        refusals = [run(service, dataset, POLITE, "192.0.2.9") for _ in range(5)]
        assert run(service, dataset, POLITE, "192.0.2.10").status == "ok"  # others are served
    assert {r.status for r in refusals} == {"throttled"}
    assert all(r.retry_after == 60 for r in refusals)  # the 2 s were spent just now
    assert "over its budget of 1 s a minute" in refusals[0].message
    named = [r for r in caplog.records if "192.0.2.9" in r.getMessage()]
    assert len(named) == 1 and anonymised("192.0.2.9") in named[0].getMessage()
    assert len(dataset.executor.jobs) + len(dataset.short.jobs) == 1  # refused ones never reach a worker
    clock.now += 61  # a minute later: named again, with the refusals in between, if still over
    ticket = service.budget.start("192.0.2.9")
    clock.now += 2.0
    service.budget.finish("192.0.2.9", ticket)
    with caplog.at_level(logging.WARNING, logger="channel_kg.api"):
        run(service, dataset, POLITE, "192.0.2.9")
    named = [r.getMessage() for r in caplog.records if "192.0.2.9" in r.getMessage()]
    assert len(named) == 2 and "4 more refused since the last report" in named[1]


def test_too_many_waiting_queries_from_one_client_are_refused():
    async def scenario():
        service = FairService(Settings(workers=1, short_workers=0, client_queue=2))
        started = asyncio.Event()

        class Blocking:
            async def run(self, job, timeout, wait=None):
                started.set()
                await asyncio.sleep(3600)

        dataset = type("D", (), {"executor": Blocking(), "short": None})()
        heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
        tokens = analyse(heavy).tokens
        tasks = [asyncio.create_task(service.run(dataset, Job(heavy, {}), "a", tokens)) for _ in range(3)]
        await started.wait()
        refused = await service.run(dataset, Job(heavy, {}), "a", tokens)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return refused, service.normal.busy, service.normal.waiting()

    refused, busy, waiting = asyncio.run(scenario())
    assert refused.status == "throttled" and refused.retry_after > 0
    assert "already has 2 queries waiting" in refused.message
    assert (busy, waiting) == (0, 0)  # cancelled requests gave their slot and places back


# 5. On the server: /health, and the short lane with real workers

@pytest.fixture(scope="module")
def tiny_short_limit(build):
    """The seed build with a short limit nothing meets: every short-lane query moves over."""
    with TestClient(create_app(Settings(build_dir=build, workers=2, short_timeout=1e-6))) as client:
        yield client


def test_past_the_short_limit_the_answer_still_comes_from_a_real_worker(tiny_short_limit):
    response = tiny_short_limit.post("/sparql", data={"query": POLITE}, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.text.startswith("type,n")
    health = tiny_short_limit.get("/health").json()
    assert health["moved_to_normal_lane"] == 1
    assert set(health["queues"]) == {"normal", "short"} and health["short_lane_workers"] == 1
    assert health["queues"]["normal"]["waiting"] == 0 and health["queues"]["normal"]["running"] == 0
    # The same client keeps to the normal lane now: no second move, same answer.
    again = tiny_short_limit.post("/sparql", data={"query": POLITE.replace("7", "8")}, headers={"Accept": "text/csv"})
    assert again.status_code == 200 and tiny_short_limit.get("/health").json()["moved_to_normal_lane"] == 1


def test_health_shows_the_busiest_clients_anonymised_and_trusts_proxies_only_when_told(build):
    for trust in (False, True):
        with TestClient(create_app(Settings(build_dir=build, workers=2, trust_proxy=trust))) as client:
            for n, address in enumerate(("203.0.113.5", "203.0.113.6")):
                query = f"SELECT ?s WHERE {{ ?s a ?t . ?t a ?u }} LIMIT {n + 1}"
                assert client.post("/sparql", data={"query": query},
                                   headers={"X-Forwarded-For": address}).status_code == 200
            health = client.get("/health")
            busiest = health.json()["busiest_clients"]
            assert "203.0.113" not in health.text
            expected = {anonymised("203.0.113.5"), anonymised("203.0.113.6")} if trust else {anonymised("testclient")}
            assert {c["client"] for c in busiest} == expected
            assert all(c["seconds_last_minute"] > 0 for c in busiest)
            assert health.json()["limits"]["seconds_per_minute"] == 60.0
