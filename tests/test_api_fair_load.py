"""Issue 14 as an abusive user tried it, on a live server: heavy clients on 127.0.0.2 and
127.0.0.3 send never-repeated three-way cross products with a changing FILTER in a loop, and a
polite client on 127.0.0.10 sends a never-repeated `?s a ?type` aggregate every quarter of a
second (on Linux the whole of 127.0.0.0/8 is loopback, so each is a client of its own).

No timed assertions (bench/fairness.py measures the polite client's latency): the polite
client is always answered, and while heavy queries are running; the heavy clients are told to
back off with Retry-After and a sentence; the log names each of them once; /health shows the
queues and the heavy clients' usage without their addresses. `make soak` runs eight heavy
clients for five minutes (test_api_fair_soak.py).
"""

import re

import httpx
import pytest

from api.testing import server_process
from bench.fairness import POLITE_ADDRESS, heavy_address, run_load

HEAVY_ADDRESSES = (heavy_address(0), heavy_address(1))  # 127.0.0.2, 127.0.0.3


@pytest.fixture(scope="module")
def loaded(build, tmp_path_factory):
    """Two heavy clients and a polite one against a server with a 1 s time limit and a budget
    of 2 worker seconds a minute: (heavy clients, polite client, /health after, the log)."""
    log = tmp_path_factory.mktemp("fair") / "server.log"
    with open(log, "w") as stderr, server_process(build, timeout=1.0, stderr=stderr,
                                                   settings={"client_budget": 2.0, "workers": 2}) as (base, _):
        heavy, polite = run_load(base + "/sparql", len(HEAVY_ADDRESSES), polite_count=20)
        health = httpx.get(base + "/health")
    return heavy, polite, health, log.read_text()


def test_the_polite_client_is_always_answered(loaded):
    _, polite, _, _ = loaded
    assert len(polite.answers) == 20
    assert [a.status for a in polite.answers] == [200] * 20
    assert all(a.text.startswith("type,n") for a in polite.answers)


def test_the_polite_client_does_not_wait_behind_heavy_queries(loaded):
    """Some polite answers came back while a heavy query sent before them was still running."""
    heavy, polite, _, _ = loaded
    running = [a for c in heavy for a in c.answers if a.status != 429]
    assert running, "the heavy clients never got a worker"
    overtaking = [p for p in polite.answers if any(h.sent < p.sent and p.received < h.received for h in running)]
    assert overtaking


def test_heavy_clients_are_told_to_back_off_with_retry_after(loaded):
    heavy, _, _, _ = loaded
    for client in heavy:
        refusals = [a for a in client.answers if a.status == 429]
        assert refusals, f"{client.address} was never refused"
        assert all(a.retry_after and a.retry_after.isdigit() and int(a.retry_after) >= 1 for a in refusals)
        assert "over its budget of 2 s a minute" in refusals[0].text
        assert re.search(r"retry after \d+ s", refusals[0].text)
        # What they did get: answers, or queries stopped at the time limit; never a server error.
        assert {a.status for a in client.answers} <= {200, 429, 503}


def test_the_log_names_each_throttled_client_once(loaded):
    _, _, _, log = loaded
    for address in HEAVY_ADDRESSES:
        assert len(re.findall(rf"throttled client {re.escape(address)} ", log)) == 1, log
    assert POLITE_ADDRESS not in log


def test_health_shows_queues_and_the_busiest_clients_anonymised(loaded):
    heavy, _, health, _ = loaded
    assert health.status_code == 200 and "127.0.0." not in health.text
    body = health.json()
    assert set(body["queues"]) == {"normal", "short"}
    assert body["queues"]["normal"]["workers"] == 2 and body["queues"]["short"]["workers"] == 1
    busiest = body["busiest_clients"]
    assert len(busiest) == 3
    # The two heavy clients spent their budget; the polite one much less.
    assert [c["seconds_last_minute"] >= 2.0 for c in busiest] == [True, True, False]
    assert body["refused"] == sum(a.status == 429 for c in heavy for a in c.answers)
