"""ChannelKG's /sparql beside `oxigraph serve` and rdflib-endpoint: same machine, same data,
same queries, in one run.

    python -m bench.endpoint                                  # seeds, ~100k and ~1M triples
    python -m bench.endpoint --graphs seeds --repeats 1       # a quick look
    python -m bench.endpoint --graphs 1M                      # one graph again; the others keep their figures

For each graph the three servers are started on 127.0.0.1 in turn (never two at once) and
stopped after. Each query (bench/queries.py) is measured four ways, every loop bounded by a
request count and a time limit: latency one request at a time, "repeated" (the same text:
a server may answer from cache) and "first-time" (a text no server has seen), then
requests/s with 8 clients, repeated and first-time. The whole round is repeated and medians
are reported (rdflib-endpoint is measured in the first round only). ChannelKG's figures are
given as ratios to Oxigraph's from the same rounds, and rdflib-endpoint's as how many times
slower than ChannelKG. The load generator (Python, 8
threads) runs on the same 2 cores as the server under test, so absolute req/s are lower
than a separate client machine would see; the ratios are what to read.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from . import environment, load, servers
from .queries import bench_queries

RESULTS = Path(__file__).resolve().parent / "results"
GRAPHS = {"seeds": 0, "100k": 145, "1M": 1530}  # articles: synthetic corpora of about that many triples
ROUNDS = {"seeds": 3, "100k": 3, "1M": 2}  # the 1M rounds take half an hour each
BOUNDS = {  # (requests, seconds) per loop
    "fast": {"c1": (100, 10), "c1_first": (50, 10), "c8": (400, 10), "c8_first": (200, 10)},
    "slow": {"c1": (10, 20), "c1_first": (5, 20), "c8": (16, 20), "c8_first": (16, 20)},
}


def prepare_graph(name: str, work: Path) -> Path:
    """A published build of the graph `name` under `work` (built once, then reused)."""
    out = work / f"graph-{name}"
    if (out / "channel-kg.nq").exists():
        return out
    articles = GRAPHS[name]
    corpus = environment.ROOT / "seeds"
    if articles:
        from .corpus import write_corpus

        corpus = work / f"corpus-{name}"
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, articles, seed=2)
    subprocess.run([str(servers.BIN / "kg"), "build", "--seeds", str(corpus), "--out", str(out)],
                   check=True, cwd=environment.ROOT, timeout=3600, capture_output=True)
    return out


def measure_server(server: servers.Server, bounds: dict) -> dict:
    found = {}
    for query in bench_queries():
        url, accept = server.endpoint, query.accept
        same = lambda i, q=query: q.text  # noqa: E731
        fresh = lambda i, q=query: q.first_time(i)  # noqa: E731
        fresh_later = lambda i, q=query: q.first_time(10_000_000 + i)  # noqa: E731  (not the texts above)
        c1 = load.sequential(url, same, accept, *bounds["c1"], warmup=3)
        c1_first = load.sequential(url, fresh, accept, *bounds["c1_first"])
        c8 = load.concurrent(url, same, accept, 8, *bounds["c8"])
        c8_first = load.concurrent(url, fresh_later, accept, 8, *bounds["c8_first"])
        found[query.name] = {
            "p50_ms": c1.p50, "p99_ms": c1.p99, "n": len(c1.seconds),
            "first_p50_ms": c1_first.p50, "first_p99_ms": c1_first.p99, "first_n": len(c1_first.seconds),
            "rps": c8.per_second, "rps_n": c8.requests, "first_rps": c8_first.per_second,
            "errors": c1.errors + c1_first.errors + c8.errors + c8_first.errors,
        }
        print(f"  {server.name:16} {query.name:18} p50 {c1.p50 or 0:8.2f} ms  first {c1_first.p50 or 0:8.2f} ms  "
              f"{c8.per_second:8.1f} req/s", flush=True)
    return found


def measure_floor(server: servers.Server, bounds: dict) -> dict:
    """What HTTP alone costs: the label lookup's text sent to bench/floor.py."""
    query = next(q for q in bench_queries() if q.name == "label-lookup")
    c1 = load.sequential(server.endpoint, lambda i: query.text, query.accept, *bounds["c1"], warmup=3)
    c8 = load.concurrent(server.endpoint, lambda i: query.text, query.accept, 8, *bounds["c8"])
    print(f"  {server.name:16} p50 {c1.p50 or 0:8.2f} ms  {c8.per_second:8.1f} req/s", flush=True)
    return {"any query": {"p50_ms": c1.p50, "p99_ms": c1.p99, "rps": c8.per_second, "errors": c1.errors + c8.errors}}


def measure_graph(name: str, work: Path, repeats: int) -> dict:
    build = prepare_graph(name, work)
    manifest = json.loads((build / "manifest.json").read_text())
    rounds, memory, startup = [], {}, {}
    for repeat in range(repeats):
        this_round = {}
        servers_now = [(_channelkg, "fast"), (_oxigraph, "fast")]
        if repeat == 0:  # rdflib-endpoint once: it is two orders of magnitude off, and slow to load
            servers_now.append((_rdflib, "slow"))
        with servers.python_floor(work) as floor:
            this_round[floor.name] = measure_floor(floor, BOUNDS["fast"])
        for make, speed in servers_now:
            server, extra = make(build, work)
            with server:
                startup[server.name] = {"ready_s": round(server.ready_seconds, 1), **extra}
                loaded = server.rss_mb()
                print(f"{name} round {repeat + 1}: {server.name} ready in {server.ready_seconds:.1f} s, {loaded} MB",
                      flush=True)
                this_round[server.name] = measure_server(server, BOUNDS[speed])
                memory[server.name] = {"rss_mb_loaded": loaded, "rss_mb_after": server.rss_mb(),
                                       "pss_mb_after": server.pss_mb()}
        rounds.append(this_round)
    return {"graph": name, "triples": manifest["triples"], "quads": manifest["quads"], "rounds": len(rounds),
            "results": _medians(rounds), "memory": memory, "startup": startup}


def _channelkg(build, work):
    return servers.channelkg(build, work), {}


def _oxigraph(build, work):
    server, loaded = servers.oxigraph(build, work)
    return server, {"oxigraph_load_s": round(loaded, 1)}


def _rdflib(build, work):
    return servers.rdflib_endpoint(build, work), {}


def _medians(rounds: list[dict]) -> dict:
    merged = {}
    for server in rounds[0]:
        merged[server] = {}
        for query, figures in rounds[0][server].items():
            merged[server][query] = {
                key: (statistics.median(v) if (v := [r[server][query][key] for r in rounds
                                                     if server in r and r[server][query][key] is not None]) else None)
                for key in figures}
    return merged


def _earlier(results: Path) -> dict:
    """The graphs of an earlier run, by name, in the order of GRAPHS, each with its environment."""
    if not results.exists():
        return {}
    earlier = json.loads(results.read_text())
    for graph in earlier["graphs"]:
        graph.setdefault("environment", earlier.get("environment"))
    found = {g["graph"]: g for g in earlier["graphs"] if g.get("environment")}
    return {name: found[name] for name in GRAPHS if name in found}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.endpoint", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graphs", nargs="+", default=list(GRAPHS), choices=list(GRAPHS))
    parser.add_argument("--repeats", type=int, help="rounds per graph, medians reported (default: 3, 3, 2)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/channelkg-bench-endpoint"))
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.results.mkdir(parents=True, exist_ok=True)
    env = environment.describe()
    graphs = _earlier(args.results / "endpoint.json")  # a graph not measured now keeps its last figures
    for name in args.graphs:
        graphs[name] = {**measure_graph(name, args.work, args.repeats or ROUNDS[name]), "environment": env}
        (args.results / "endpoint.json").write_text(json.dumps({"graphs": list(graphs.values())}, indent=1))
    from .endpoint_report import report

    text = report(list(graphs.values()))
    (args.results / "endpoint.md").write_text(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
