"""The endpoint benchmark's tables: ChannelKG as ratios to Oxigraph, rdflib-endpoint as how
many times slower than ChannelKG, and the servers' memory."""

from . import environment

CK, OX, RL, FLOOR = "ChannelKG", "Oxigraph", "rdflib-endpoint", "Python HTTP floor"


def _ratio(a, b, digits=2) -> str:
    return f"{a / b:.{digits}f}" if a and b else "–"


def _ms(value) -> str:
    return f"{value:.2f}" if value is not None else "failed"  # every request stopped or refused


def graph_table(graph: dict) -> str:
    r = graph["results"]
    head = ["query", "CK p50 ms", "Ox p50 ms", "CK/Ox p50", "CK p99 ms", "Ox p99 ms", "errors CK/Ox/rdflib",
            "CK req/s", "Ox req/s", "CK/Ox req/s",
            "CK first p50", "Ox first p50", "CK/Ox first", "CK first req/s", "Ox first req/s",
            "rdflib p50 ms", "rdflib/CK p50", "rdflib req/s", "CK/rdflib req/s"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for query in r[CK]:
        ck, ox, rl = r[CK][query], r[OX][query], r[RL][query]
        rows.append("| " + " | ".join([
            query, _ms(ck["p50_ms"]), _ms(ox["p50_ms"]), _ratio(ck["p50_ms"], ox["p50_ms"]),
            _ms(ck["p99_ms"]), _ms(ox["p99_ms"]), f"{ck['errors']:.0f}/{ox['errors']:.0f}/{rl['errors']:.0f}",
            f"{ck['rps']:.0f}", f"{ox['rps']:.0f}", _ratio(ck["rps"], ox["rps"]),
            _ms(ck["first_p50_ms"]), _ms(ox["first_p50_ms"]), _ratio(ck["first_p50_ms"], ox["first_p50_ms"]),
            f"{ck['first_rps']:.0f}", f"{ox['first_rps']:.0f}",
            _ms(rl["p50_ms"]), _ratio(rl["p50_ms"], ck["p50_ms"], 0),
            f"{rl['rps']:.1f}", _ratio(ck["rps"], rl["rps"], 0),
        ]) + " |")
    return "\n".join(rows)


def targets(graph: dict) -> str:
    r = graph["results"]
    queries = list(r[CK])
    # A peer whose every request failed (stopped at its time limit) counts as slower.
    slow = float("inf")
    repeated_p50 = sum(1 for q in queries if _le(r[CK][q]["p50_ms"], r[OX][q]["p50_ms"] or slow))
    repeated_rps = sum(1 for q in queries if _le(r[OX][q]["rps"], r[CK][q]["rps"]))
    first = sum(1 for q in queries if _le(r[CK][q]["first_p50_ms"], 1.5 * (r[OX][q]["first_p50_ms"] or slow)))
    rdflib = sum(1 for q in queries if _le(20 * (r[CK][q]["p50_ms"] or slow), r[RL][q]["p50_ms"] or slow)
                 and _le(20 * (r[RL][q]["rps"] or 0), r[CK][q]["rps"]))
    oxigraph_vs_rdflib = sum(1 for q in queries if _le(20 * (r[OX][q]["p50_ms"] or slow), r[RL][q]["p50_ms"] or slow)
                             and _le(20 * (r[RL][q]["rps"] or 0), r[OX][q]["rps"]))
    n = len(queries)
    return (f"Targets on this graph ({n} queries): repeated p50 <= Oxigraph's in {repeated_p50}/{n}; "
            f"repeated req/s >= Oxigraph's in {repeated_rps}/{n}; first-time p50 <= 1.5x Oxigraph's in {first}/{n}; "
            f">= 20x rdflib-endpoint in p50 and req/s in {rdflib}/{n} (Oxigraph itself: {oxigraph_vs_rdflib}/{n}).")


def floor_line(graph: dict) -> str:
    floor = graph["results"].get(FLOOR, {}).get("any query")
    if not floor:
        return ""
    return (f"Python HTTP floor (bench/floor.py: uvicorn, httptools, uvloop, a constant answer and no work), "
            f"same client, same rounds: p50 {_ms(floor['p50_ms'])} ms, p99 {_ms(floor['p99_ms'])} ms, "
            f"{floor['rps']:.0f} req/s at 8 clients.")


def _le(a, b) -> bool:
    return a is not None and b is not None and a <= b


def memory_table(graphs: list[dict]) -> str:
    rows = ["| graph | triples | server | ready (s) | RSS loaded (MB) | RSS after the run (MB) | PSS after the run (MB) |",
            "|---|---|---|---|---|---|---|"]
    for graph in graphs:
        for server, figures in graph["memory"].items():
            start = graph["startup"].get(server, {})
            ready = f"{start.get('ready_s', 0)}" + (f" (+ load {start['oxigraph_load_s']})" if "oxigraph_load_s" in start else "")
            rows.append(f"| {graph['graph']} | {graph['triples']:,} | {server} | {ready} | "
                        f"{figures['rss_mb_loaded']:,.0f} | {figures['rss_mb_after']:,.0f} | "
                        f"{figures.get('pss_mb_after', 0):,.0f} |")
    return "\n".join(rows)


def report(graphs: list[dict]) -> str:
    parts = []
    for graph in graphs:
        parts += [f"\n### {graph['graph']}: {graph['triples']:,} triples ({graph['quads']:,} quads), "
                  f"medians of {graph['rounds']} round(s)\n", environment.markdown(graph["environment"]),
                  graph_table(graph), "", targets(graph), "", floor_line(graph)]
    parts += ["\n### Memory of the servers\n",
              "Summed over the server's processes (ChannelKG: the web process and its query workers). "
              "PSS counts a page shared by several processes once.\n", memory_table(graphs)]
    return "\n".join(parts) + "\n"
