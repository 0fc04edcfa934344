"""Every named query at 1,000 and 10,000 articles, ChannelKG beside Oxigraph server in one run.

    python -m bench.named_queries                                   # builds the corpora under --work
    python -m bench.named_queries --build 1000=/tmp/b1k --build 10000=/tmp/b10k   # existing builds

For each build the two servers are started in turn on 127.0.0.1 (never both at once):

- ChannelKG, `kg serve`: its start-up time (until it answers), then each named query once at
  /queries/{name} on the fresh server ("fresh": nothing cached, nothing read before), then at
  /sparql the query's text (parameters as VALUES, bench/queries.py) with a LIMIT never used
  before ("first-time": about 10,000 rows, more than most answers have), and the same text
  again ("repeated").
- Oxigraph, `oxigraph serve-read-only` on the store the build wrote (`build/store/`: the same
  data, its union as the default graph), with the same 10 s time limit: the same texts.

Each first-time and repeated figure is the median of `--requests` requests. A request Oxigraph
stops at its time limit counts as 10 s and ends that query's loop (marked "≥"). Results go to
results/named-queries.{md,json}, with the machine's load before and after.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import httpx

from . import environment, servers
from .queries import PARAMETERS, bench_queries

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = (1000, 10000)
TIME_LIMIT = 10.0  # seconds: ChannelKG's default and oxigraph --timeout-s
REQUEST_TIMEOUT = 60.0
ACCEPT = "application/sparql-results+json"


def prepare(articles: int, seed: int, work: Path) -> Path:
    """A published build of a generated corpus under `work` (made once, then reused)."""
    out = work / f"build-{articles}"
    if (out / "channel-kg.nq").exists():
        return out
    from .corpus import write_corpus

    corpus = work / f"corpus-{articles}"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(corpus, articles, seed)
    subprocess.run([str(servers.BIN / "kg"), "build", "--seeds", str(corpus), "--out", str(out)],
                   check=True, cwd=environment.ROOT, timeout=7200, capture_output=True)
    return out


def timed(client: httpx.Client, method: str, url: str, **kwargs) -> tuple[float, int, int]:
    """(seconds, status, bytes) of one request, the whole body read."""
    started = time.perf_counter()
    try:
        response = client.request(method, url, timeout=REQUEST_TIMEOUT, **kwargs)
        body = response.read()
    except httpx.HTTPError:
        return time.perf_counter() - started, 0, 0
    return time.perf_counter() - started, response.status_code, len(body)


def over_sparql(client: httpx.Client, url: str, text: str, requests: int, limit_base: int) -> dict:
    """First-time (a LIMIT never sent before) and repeated (the same text again) medians."""
    first, repeated, stopped, size = [], [], False, None
    for i in range(requests):
        seconds, status, size = timed(client, "POST", url, data={"query": f"{text}\nLIMIT {limit_base + i}"},
                                      headers={"Accept": ACCEPT})
        first.append(min(seconds, TIME_LIMIT) if status == 200 else TIME_LIMIT)
        if status != 200:
            stopped = True
            break
    if not stopped:
        for _ in range(requests):
            seconds, status, size = timed(client, "POST", url, data={"query": f"{text}\nLIMIT {limit_base}"},
                                          headers={"Accept": ACCEPT})
            repeated.append(seconds if status == 200 else TIME_LIMIT)
            if status != 200:
                stopped = True
                break
    return {"first_s": round(statistics.median(first), 4), "repeated_s": round(statistics.median(repeated), 4)
            if repeated else None, "stopped": stopped, "bytes": size, "first_all": [round(s, 4) for s in first]}


def named_url(base: str, name: str, params: list[str]) -> tuple[str, dict]:
    return f"{base}/queries/{name}", {p: PARAMETERS[p] for p in params if p in PARAMETERS}


def measure_build(articles: int, build: Path, requests: int, work: Path) -> dict:
    manifest = json.loads((build / "manifest.json").read_text())
    queries = [q for q in bench_queries() if q.name not in ("describe", "label-lookup")]
    from kg import project
    from kg.named_queries import load_all

    params = {name: [p.name for p in q.params] for name, q in load_all(project.QUERIES_DIR).items()}
    found: dict[str, dict] = {q.name: {} for q in queries}
    # LIMITs never sent to either server before, each a page of 10,000 rows or so: larger than most
    # answers (so they come whole), and under the 50 MB result limit where an answer is not.
    limit_base = 10_000 + int(time.time()) % 1_000 * 10
    load = {"before": os.getloadavg()}

    channelkg = servers.channelkg(build, work)
    with channelkg, httpx.Client() as client:
        startup = round(channelkg.ready_seconds, 1)
        print(f"{articles}: ChannelKG ready in {startup} s", flush=True)
        base = channelkg.endpoint.removesuffix("/sparql")
        for query in queries:  # the fresh server: each named query the first time it is asked
            url, given = named_url(base, query.name, params[query.name])
            seconds, status, size = timed(client, "GET", url, params=given, headers={"Accept": ACCEPT})
            found[query.name]["fresh_s"] = round(seconds, 4) if status == 200 else None
            found[query.name]["fresh_status"] = status
            print(f"  fresh  {query.name:18} {seconds:8.3f} s  {status}  {size:,} bytes", flush=True)
        for query in queries:
            found[query.name]["channelkg"] = over_sparql(client, channelkg.endpoint, query.text, requests, limit_base)
            print(f"  CK     {query.name:18} {found[query.name]['channelkg']}", flush=True)
        memory = channelkg.pss_mb()

    oxigraph = servers.Server("Oxigraph", [str(servers.BIN / "oxigraph"), "serve-read-only", "--location",
                                           str(build / "store"), "--bind", f"127.0.0.1:{(port := servers.free_port())}",
                                           "--timeout-s", str(int(TIME_LIMIT))],
                              f"http://127.0.0.1:{port}/query", work / "oxigraph.log")
    with oxigraph, httpx.Client() as client:
        print(f"{articles}: Oxigraph ready in {oxigraph.ready_seconds:.1f} s", flush=True)
        for query in queries:
            found[query.name]["oxigraph"] = over_sparql(client, oxigraph.endpoint, query.text, requests, limit_base)
            print(f"  Ox     {query.name:18} {found[query.name]['oxigraph']}", flush=True)
    load["after"] = os.getloadavg()
    return {"articles": articles, "triples": manifest["triples"], "quads": manifest["quads"],
            "startup_s": startup, "oxigraph_startup_s": round(oxigraph.ready_seconds, 1), "pss_mb": memory,
            "load_average": {k: [round(x, 2) for x in v] for k, v in load.items()}, "queries": found}


def ratio(ck: float | None, ox: float | None) -> float | None:
    return round(ck / ox, 3) if ck is not None and ox else None


def report(env: dict, runs: list[dict]) -> str:
    lines = [f"- Measured {env['date']} on {env['machine']['cpu']} ({env['machine']['cores']} cores, "
             f"{env['machine']['memory_gb']} GB, Python {env['machine']['python']}); pyoxigraph and oxigraph "
             f"{env['versions']['pyoxigraph']}; commit {env['commit']}.",
             f"- Command: `{env['command']}`", ""]
    for run in runs:
        load = run["load_average"]
        lines += [f"#### {run['articles']:,} articles: {run['triples']:,} triples ({run['quads']:,} quads)", "",
                  f"ChannelKG start-up {run['startup_s']} s (until it answers; PSS after the run {run['pss_mb']:,} MB); "
                  f"Oxigraph on the build's store {run['oxigraph_startup_s']} s. Load average (1, 5, 15 min) "
                  f"before {load['before']}, after {load['after']} on 2 cores: other agents shared the machine.", "",
                  "| query | CK fresh server s | CK first-time s | Ox first-time s | CK/Ox first | CK repeated s | Ox repeated s | answer bytes |",
                  "|---|---|---|---|---|---|---|---|"]
        ratios = []
        for name, q in sorted(run["queries"].items()):
            ck, ox = q["channelkg"], q["oxigraph"]
            r = ratio(ck["first_s"], ox["first_s"])
            ratios.append(r)
            ox_first = ("≥ " if ox["stopped"] else "") + f"{ox['first_s']:.3f}"
            fresh = f"{q['fresh_s']:.3f}" if q.get("fresh_s") is not None else f"failed ({q.get('fresh_status')})"
            lines.append(f"| {name} | {fresh} | {ck['first_s']:.3f} | {ox_first} | {r} | "
                         f"{ck['repeated_s'] if ck['repeated_s'] is not None else '–'} | "
                         f"{ox['repeated_s'] if ox['repeated_s'] is not None else '–'} | {ck['bytes'] or 0:,} |")
        worst = max(max(q["channelkg"]["first_s"], q.get("fresh_s") or TIME_LIMIT) for q in run["queries"].values())
        known = [r for r in ratios if r is not None]
        lines += ["", f"Slowest ChannelKG first-time or fresh-server answer: {worst:.3f} s; median CK/Ox first-time "
                      f"ratio {statistics.median(known):.3f} ({len(known)} queries).", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.named_queries", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--build", action="append", default=[], metavar="ARTICLES=DIR",
                        help="use this published build for that size instead of building one")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=3, help="first-time and repeated requests per query and server")
    parser.add_argument("--work", type=Path, default=Path("/tmp/channelkg-bench-named"))
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    given = {int(size): Path(folder) for size, folder in (item.split("=", 1) for item in args.build)}
    runs = [measure_build(size, given.get(size) or prepare(size, args.seed, args.work), args.requests, args.work)
            for size in args.sizes]
    env = environment.describe()
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "named-queries.json").write_text(json.dumps({"environment": env, "runs": runs}, indent=1) + "\n")
    text = report(env, runs)
    (args.results / "named-queries.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
