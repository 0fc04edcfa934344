"""`kg push --to URL`: load the build into an external store with the SPARQL 1.1 Graph Store
HTTP Protocol (W3C Recommendation, 21 March 2013), one named graph at a time.

Each graph is replaced with PUT (section 5.3), so a push is repeatable and leaves no stale
triples of an older build, then read back with GET (5.2) and its triples counted: the push is
complete only when every graph holds exactly what the build has. Graphs the store holds that
the build does not are left alone.

A store that stops answering part way (killed, restarted, a proxy that drops the connection)
ends the push at once: the report names every graph that did not arrive, and running the push
again completes them (PUT replaces, so graphs that did arrive are simply written again).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from .store import NQUADS

NTRIPLES = "application/n-triples"


@dataclass
class GraphPush:
    graph: str
    sent: int
    found: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.found == self.sent


@dataclass
class PushReport:
    url: str
    graphs: list[GraphPush] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.graphs) and all(g.ok for g in self.graphs)

    @property
    def missing(self) -> list[GraphPush]:
        """The graphs that did not arrive whole."""
        return [g for g in self.graphs if not g.ok]

    def text(self) -> str:
        lines = [f"pushed to {self.url}:"]
        for g in self.graphs:
            state = "ok" if g.ok else (g.error or f"found {g.found} triples")
            lines.append(f"  {g.graph}  {g.sent} triples  {state}")
        total = sum(g.sent for g in self.graphs)
        lines.append(f"{'complete' if self.complete else 'INCOMPLETE'}: {len(self.graphs)} graphs, {total} triples")
        if self.graphs and self.missing:
            lines.append(f"{len(self.missing)} of {len(self.graphs)} graphs did not arrive:")
            lines.extend(f"  {g.graph}" for g in self.missing)
            lines.append("run the same kg push again to send them")
        return "\n".join(lines)


def graphs_of(build_dir: Path) -> dict[str | None, list[ox.Triple]]:
    """The build's triples by named graph (None: the default graph, empty in our builds)."""
    by_graph: dict[str | None, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(Path(build_dir) / NQUADS), format=ox.RdfFormat.N_QUADS):
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        by_graph[name].append(quad.triple)
    return dict(by_graph)


def _target(name: str | None) -> dict:
    return {"default": ""} if name is None else {"graph": name}


def push_build(build_dir: Path, url: str, timeout: float = 120.0) -> PushReport:
    report = PushReport(url)
    stopped = None  # why the store stopped answering, once it has
    with httpx.Client(timeout=timeout) as client:
        for name, triples in sorted(graphs_of(build_dir).items(), key=lambda kv: kv[0] or ""):
            item = GraphPush(name or "(default graph)", len(triples))
            report.graphs.append(item)
            if stopped:
                item.error = f"not sent: {stopped}"
                continue
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            try:
                put = client.put(url, params=_target(name), content=body, headers={"Content-Type": NTRIPLES})
                if put.status_code not in (200, 201, 204):
                    item.error = f"PUT answered {put.status_code}: {put.text[:200]}"
                    continue
                got = client.get(url, params=_target(name), headers={"Accept": NTRIPLES})
                if got.status_code != 200:
                    item.error = f"GET answered {got.status_code}: {got.text[:200]}"
                    continue
                item.found = sum(1 for _ in ox.parse(got.content, format=ox.RdfFormat.N_TRIPLES))
            except httpx.HTTPError as error:
                item.error = f"{type(error).__name__}: {error}"
                if isinstance(error, httpx.TransportError):
                    stopped = f"the store stopped answering at {item.graph}"
    return report
