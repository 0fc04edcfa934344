"""Latency of /sparql for a GROUP BY query, cold (cache miss) and warm (cache hit).

    .venv/bin/python -m api.bench [BUILD_DIR | --synthetic [--copies N]] [--requests N]

Serves BUILD_DIR (default: build/ if built, else, or with --synthetic, the test sample repeated
--copies times: about 10,000 quads) with uvicorn in a subprocess and times HTTP requests over one kept-alive connection.
A cold request differs from the others only in a HAVING constant, so the cache cannot answer it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from .settings import ROOT
from .testing import SAMPLE_NQ, server, write_sample_build

GROUP_BY = """PREFIX ck: <https://w3id.org/channel-kg/ontology#>
SELECT ?type (COUNT(DISTINCT ?agreement) AS ?agreements)
WHERE { ?agreement ck:hasPledge/ck:pledgeType ?type }
GROUP BY ?type HAVING (COUNT(DISTINCT ?agreement) > %d)"""


def synthetic(out: Path, copies: int) -> Path:
    lines = []
    for n in range(copies):  # the same shape again under other IRIs: id/x -> id/x-n
        lines += [line.replace("/id/", f"/id/c{n}-") for line in SAMPLE_NQ.splitlines()]
    return write_sample_build(out, "\n".join(sorted(set(lines))) + "\n")


def p50(times: list[float]) -> str:
    return f"p50 {statistics.median(times) * 1000:.2f} ms (p90 {statistics.quantiles(times, n=10)[-1] * 1000:.2f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", type=Path)
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--copies", type=int, default=64)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or (ROOT / "build" if (ROOT / "build/channel-kg.nq").exists() else None)
        if args.synthetic or build is None:
            build = synthetic(Path(tmp) / "build", args.copies)
        triples = sum(1 for line in (build / "channel-kg.nq").read_text().splitlines() if line.strip())
        with server(build) as base, httpx.Client(base_url=base) as client:
            accept = {"Accept": "application/sparql-results+json"}
            for n in range(20):  # warm up the connection and the workers
                client.get("/sparql", params={"query": GROUP_BY % (-1000 - n)}, headers=accept)
            cold, warm = [], []
            for n in range(args.requests):
                start = time.perf_counter()
                response = client.get("/sparql", params={"query": GROUP_BY % (-n - 1)}, headers=accept)
                cold.append(time.perf_counter() - start)
                assert response.headers["x-cache"] == "miss", response.text
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get("/sparql", params={"query": GROUP_BY % 1}, headers=accept)
                warm.append(time.perf_counter() - start)
            assert response.headers["x-cache"] == "hit"
        print(f"{build} ({triples:,} quads), {args.requests} requests each, GROUP BY + HAVING:")
        print(f"  cold (executed by a worker): {p50(cold)}")
        print(f"  warm (from the result cache): {p50(warm)}")


if __name__ == "__main__":
    main()
