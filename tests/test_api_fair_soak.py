"""Fair service for five minutes (`make soak`; marked slow, so `make test` skips it): eight
heavy clients (127.0.0.2 … 127.0.0.9) and the polite one (127.0.0.10) of
tests/test_api_fair_load.py against a server with its default limits (10 s time limit, 60
worker seconds per client per minute). The polite client gets no error, and the web process's
memory after the run is within 10% of its memory after the first minute: the per-client state
(budgets, queues, turns, log reports, query shapes) does not grow with the requests.
"""

import threading

import httpx
import pytest

from api.testing import server_process
from bench.fairness import POLITE_EVERY, run_load
from test_soak import rss_kib

pytestmark = pytest.mark.slow

HEAVY_CLIENTS = 8
RUN_SECONDS = 300.0
WARM_UP_SECONDS = 60.0


@pytest.mark.timeout(RUN_SECONDS + 300)  # past the suite's 300 s: the seed build and the run
def test_eight_heavy_clients_for_five_minutes(build):
    with server_process(build, timeout=10.0) as (base, process):
        samples: dict[str, int] = {}
        done = threading.Event()

        def sample_after_warm_up():
            if not done.wait(WARM_UP_SECONDS):
                samples["warm"] = rss_kib(process.pid)

        sampler = threading.Thread(target=sample_after_warm_up)
        sampler.start()
        heavy, polite = run_load(base + "/sparql", HEAVY_CLIENTS, polite_count=int(RUN_SECONDS / POLITE_EVERY))
        done.set()
        sampler.join()
        samples["end"] = rss_kib(process.pid)
        health = httpx.get(base + "/health").json()

    statuses = [a.status for a in polite.answers]
    heavy_statuses = sorted({a.status for c in heavy for a in c.answers})
    seconds = sorted(a.received - a.sent for a in polite.answers)
    print(f"\nfair soak: polite {len(statuses)} queries, p50 {seconds[len(seconds) // 2] * 1000:.0f} ms, "
          f"max {seconds[-1] * 1000:.0f} ms; heavy statuses {heavy_statuses}; web RSS "
          f"{samples['warm'] / 1024:.1f} -> {samples['end'] / 1024:.1f} MiB; refused {health['refused']}, "
          f"waited too long {health['waited_too_long']}, shapes {health['shapes_known']}")
    assert statuses == [200] * int(RUN_SECONDS / POLITE_EVERY)
    assert set(heavy_statuses) <= {200, 429, 503}
    assert samples["end"] <= samples["warm"] * 1.10
    assert len(health["busiest_clients"]) == 5 and health["shapes_known"] <= 4
