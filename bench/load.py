"""Bounded HTTP load on a SPARQL endpoint: latency one request at a time, throughput at N.

Every loop stops at a request count or a time limit, whichever comes first, and every
request goes to 127.0.0.1. Queries are POSTed as a form (SPARQL 1.1 Protocol 2.1.2), one
kept-alive connection per client thread.
"""

import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

REQUEST_TIMEOUT = 30.0  # the servers stop a query at 10 s (ChannelKG's default, oxigraph --timeout-s)


@dataclass
class Latency:
    seconds: list[float] = field(default_factory=list)
    errors: int = 0

    def percentile(self, q: float) -> float | None:
        if not self.seconds:
            return None
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    @property
    def p50(self):
        return statistics.median(self.seconds) * 1000 if self.seconds else None

    @property
    def p99(self):
        return self.percentile(0.99)


@dataclass
class Throughput:
    requests: int
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _ask(client: httpx.Client, url: str, query: str, accept: str) -> bool:
    response = client.post(url, data={"query": query}, headers={"Accept": accept})
    response.read()
    return response.status_code == 200


def sequential(url: str, query_for: Callable[[int], str], accept: str, count: int, limit_s: float,
               warmup: int = 0) -> Latency:
    """`count` requests one after another (stopping after `limit_s` seconds); query i is
    `query_for(i)`. The first `warmup` are sent but not timed (within the same time limit)."""
    result = Latency()
    with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
        deadline = time.perf_counter() + limit_s
        for i in range(warmup):
            try:
                _ask(client, url, query_for(-1 - i), accept)
            except httpx.HTTPError:
                pass
            if time.perf_counter() > deadline:
                return result
        deadline = time.perf_counter() + limit_s
        for i in range(count):
            started = time.perf_counter()
            try:
                ok = _ask(client, url, query_for(i), accept)
            except httpx.HTTPError:
                ok = False
            if ok:
                result.seconds.append(time.perf_counter() - started)
            else:
                result.errors += 1
            if time.perf_counter() > deadline:
                break
    return result


def concurrent(url: str, query_for: Callable[[int], str], accept: str, clients: int, count: int,
               limit_s: float) -> Throughput:
    """`count` requests shared by `clients` threads, each with its own connection."""
    lock, state = threading.Lock(), {"next": 0, "ok": 0, "errors": 0}
    deadline = time.perf_counter() + limit_s

    def work():
        with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
            while time.perf_counter() < deadline:
                with lock:
                    i = state["next"]
                    if i >= count:
                        return
                    state["next"] += 1
                try:
                    ok = _ask(client, url, query_for(i), accept)
                except httpx.HTTPError:
                    ok = False
                with lock:
                    state["ok" if ok else "errors"] += 1

    threads = [threading.Thread(target=work, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(limit_s + REQUEST_TIMEOUT)
    return Throughput(state["ok"], state["errors"], time.perf_counter() - started)
