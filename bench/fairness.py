"""A polite client's latency while heavy clients hammer the endpoint (issue 14), ChannelKG
beside `oxigraph serve` under the same load.

    nice python -m bench.fairness                        # 0, 2, 4, 8 heavy clients, 40 s each
    nice python -m bench.fairness --heavy 0 4 --seconds 20

Each heavy client has a loopback address of its own (127.0.0.2, .3, …: on Linux all of
127.0.0.0/8 is loopback) and sends never-repeated three-way cross products with a changing
FILTER, one after another, ignoring Retry-After as an abusive client would (it pauses 50 ms
after a refusal, to keep the loop bounded). The polite client (127.0.0.10) sends a
never-repeated `?s a ?type` GROUP BY aggregate every 0.25 s. Reported: the polite client's p50,
p95 and max, its answers by status, and what the heavy clients got. Each server is started
afresh for each count (no budget carried over) on the seed build, with its default settings
(ChannelKG: a 10 s time limit, 60 worker seconds per client per minute; Oxigraph: --timeout-s 10).

The clients run on the same two cores as the server, and the machine is shared: the load
average is recorded before and after each run. tests/test_api_fair_load.py uses the same
clients, with assertions instead of timings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
         "FILTER(STRLEN(STR(?c)) + STRLEN(STR(?f)) > {n}) }}")
POLITE = "SELECT ?type (COUNT(?s) AS ?n) WHERE {{ ?s a ?type }} GROUP BY ?type ORDER BY DESC(?n) LIMIT {n}"
POLITE_ADDRESS = "127.0.0.10"
POLITE_EVERY = 0.25  # seconds
REFUSED_PAUSE = 0.05  # seconds a heavy client waits after a refusal
HEAVY_COUNTS = (0, 2, 4, 8)
RESULTS = Path(__file__).resolve().parent / "results"


def heavy_address(i: int) -> str:
    return f"127.0.0.{2 + i}"


@dataclass
class Answer:
    sent: float
    received: float
    status: int  # 0: no HTTP answer (connection failed or client timeout)
    retry_after: str | None
    text: str


@dataclass
class Client:
    address: str
    answers: list[Answer] = field(default_factory=list)

    def ask(self, http: httpx.Client, url: str, query: str) -> Answer:
        sent = time.monotonic()
        try:
            response = http.post(url, data={"query": query}, headers={"Accept": "text/csv"})
            answer = Answer(sent, time.monotonic(), response.status_code, response.headers.get("retry-after"),
                            response.text)
        except httpx.HTTPError as error:
            answer = Answer(sent, time.monotonic(), 0, None, str(error))
        self.answers.append(answer)
        return answer


def http_from(address: str) -> httpx.Client:
    """A client whose connections leave from `address`."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


def heavy_loop(client: Client, url: str, stop: threading.Event, first: int) -> None:
    n = first
    with http_from(client.address) as http:
        while not stop.is_set():
            n += 1
            if client.ask(http, url, HEAVY.format(n=n)).status != 200:
                stop.wait(REFUSED_PAUSE)


def polite_run(client: Client, url: str, count: int, every: float = POLITE_EVERY) -> None:
    with http_from(client.address) as http:
        start = time.monotonic()
        for i in range(count):
            client.ask(http, url, POLITE.format(n=100 + i))
            time.sleep(max(0.0, start + (i + 1) * every - time.monotonic()))


def run_load(url: str, heavy_count: int, polite_count: int, head_start: float = 0.5) -> tuple[list[Client], Client]:
    """`heavy_count` heavy clients from the start, the polite one after `head_start` seconds
    for `polite_count` queries; the heavy ones stop when it is done."""
    heavy = [Client(heavy_address(i)) for i in range(heavy_count)]
    polite = Client(POLITE_ADDRESS)
    stop = threading.Event()
    threads = [threading.Thread(target=heavy_loop, args=(c, url, stop, 1_000_000 * i), daemon=True)
               for i, c in enumerate(heavy)]
    for thread in threads:
        thread.start()
    if heavy:
        time.sleep(head_start)  # the heavy clients hold the workers first
    try:
        polite_run(polite, url, polite_count)
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)
    return heavy, polite


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def outcome(answer: Answer) -> str:
    """The status, and for a 200 whether it holds an answer: Oxigraph sends 200 and its CSV
    header before running the query, then "The SPARQL operation has been cancelled" at its
    time limit."""
    if answer.status != 200:
        return str(answer.status or "failed")
    lines = answer.text.splitlines()
    return "200" if lines[:1] and "cancelled" not in answer.text else "200 cancelled"


def summary(heavy: list[Client], polite: Client) -> dict:
    seconds = [a.received - a.sent for a in polite.answers]
    heavy_answers = [a for c in heavy for a in c.answers]
    return {
        "polite": {"n": len(seconds), "p50_ms": round(statistics.median(seconds) * 1000, 1),
                   "p95_ms": round(percentile(seconds, 0.95) * 1000, 1), "max_ms": round(max(seconds) * 1000, 1),
                   "statuses": dict(Counter(outcome(a) for a in polite.answers))},
        "heavy": {"requests": len(heavy_answers), "statuses": dict(Counter(outcome(a) for a in heavy_answers)),
                  "with_retry_after": dict(Counter(outcome(a) for a in heavy_answers if a.retry_after))},
    }


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def seed_build(work: Path) -> Path:
    from . import environment, servers

    out = work / "graph-seeds"
    subprocess.run([str(servers.BIN / "kg"), "build", "--seeds", str(environment.ROOT / "seeds"), "--out", str(out)],
                   check=True, cwd=environment.ROOT, timeout=3600, capture_output=True)
    return out


def measure(heavy_counts, seconds: float, work: Path) -> dict:
    from . import servers

    build = seed_build(work)
    polite_count = int(seconds / POLITE_EVERY)
    found = {"ChannelKG": {}, "Oxigraph": {}}
    for count in heavy_counts:
        for name in found:
            server = servers.channelkg(build, work) if name == "ChannelKG" else servers.oxigraph(build, work)[0]
            with server:
                before = load_average()
                heavy, polite = run_load(server.endpoint, count, polite_count)
                row = summary(heavy, polite) | {"load_before": before, "load_after": load_average()}
            found[name][str(count)] = row
            print(f"{name:10} heavy {count}: polite p50 {row['polite']['p50_ms']} ms, p95 {row['polite']['p95_ms']} ms, "
                  f"statuses {row['polite']['statuses']}; heavy {row['heavy']['statuses']}; "
                  f"load {row['load_before']} → {row['load_after']}", flush=True)
    return found


def table(found: dict) -> str:
    head = ("heavy clients", "ChannelKG p50 ms", "p95 ms", "polite answers", "heavy answers",
            "Oxigraph p50 ms", "p95 ms", "polite answers", "heavy answers", "load average")
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def statuses(counts: dict, told: dict | None = None) -> str:
        told = told or {}
        return ", ".join(f"{n}× {status}" + (f" ({told[status]} with Retry-After)" if told.get(status) else "")
                         for status, n in sorted(counts.items()))

    for count in found["ChannelKG"]:
        cells = [count]
        loads = []
        for name in ("ChannelKG", "Oxigraph"):
            row = found[name][count]
            cells += [f"{row['polite']['p50_ms']:,}", f"{row['polite']['p95_ms']:,}",
                      statuses(row["polite"]["statuses"]),
                      statuses(row["heavy"]["statuses"], row["heavy"]["with_retry_after"]) or "–"]
            loads += [row["load_before"], row["load_after"]]
        cells.append(f"{min(loads)}–{max(loads)}")
        rows.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


def main() -> None:
    from . import environment

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--heavy", type=int, nargs="+", default=list(HEAVY_COUNTS))
    parser.add_argument("--seconds", type=float, default=40.0, help="of polite queries per run")
    args = parser.parse_args()
    env = environment.describe()
    with tempfile.TemporaryDirectory(prefix="fairness-") as work:
        found = measure(args.heavy, args.seconds, Path(work))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "fairness.json").write_text(json.dumps({"environment": env, "seconds": args.seconds,
                                                       "results": found}, indent=2) + "\n")
    (RESULTS / "fairness.md").write_text(
        "# The polite client's latency under heavy clients (bench/fairness.py)\n\n"
        + environment.markdown(env) + f"- {args.seconds:g} s of polite queries per run, one every "
        f"{POLITE_EVERY} s; the seed build.\n\n" + table(found))
    print(table(found))


if __name__ == "__main__":
    sys.exit(main())
