"""`kg serve --store URL`: the same API in front of an external SPARQL 1.1 query endpoint.

The external store (Oxigraph, Fuseki, GraphDB, Virtuoso) holds the named graphs `kg push`
loaded; configure it so that its default graph is the union of the named graphs (oxigraph:
`--union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`; Virtuoso does so already).
The SPARQL 1.1 Protocol has no way to bind variables, so named-query parameters travel as a
trailing VALUES block built from already validated terms (kg.named_queries), never from raw text.
"""

from __future__ import annotations

import asyncio

import httpx

from kg.store import Snapshot

from . import render
from .jobs import Job, Outcome
from kg.querytext import analyse, with_values

MEDIA = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "jsonld": "application/ld+json", "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
}


class RemoteExecutor:
    def __init__(self, url: str, snapshot: Snapshot):
        self.url = url
        self.snapshot = snapshot
        self.active = 0
        self.replaced = 0
        self.size = 0
        self._client = httpx.AsyncClient(follow_redirects=False)

    async def start(self) -> None:
        pass

    def pids(self) -> list[int]:
        return []

    async def run(self, job: Job, timeout: float, wait: float | None = None) -> Outcome:
        # answer_query lexed it already; a long text is lexed off the event loop again here
        form = (analyse(job.query) if len(job.query) < 32 * 1024
                else await asyncio.to_thread(analyse, job.query)).form
        kind = {"ASK": "boolean", "CONSTRUCT": "triples", "DESCRIBE": "triples"}.get(form, "solutions")
        fmt = job.formats.get(kind)
        if not fmt:
            return Outcome("not_acceptable", kind=kind, message=f"no acceptable format for a {kind} result")
        wire = ("turtle" if kind == "triples" else "json") if fmt == "html" else fmt
        params = [("default-graph-uri", g) for g in job.default_graphs or ()]
        params += [("named-graph-uri", g) for g in job.named_graphs or ()]
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in job.prefixes.items())
        # a remote endpoint takes no substitutions: the VALUES row alone (kg.named_queries says
        # what that cannot bind)
        query = prologue + (with_values(job.query, job.bindings) or job.query)
        try:
            async with self._client.stream(
                "POST", self.url, params=params, data={"query": query},
                headers={"Accept": MEDIA[wire]}, timeout=timeout,
            ) as response:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > job.max_bytes:
                        return Outcome("too_large", kind=kind,
                                       message=f"the result is larger than the limit of {job.max_bytes:,} bytes")
        except httpx.TimeoutException:
            return Outcome("timeout", message=f"the external store did not answer within {timeout:g} s")
        except httpx.HTTPError as error:
            return Outcome("error", message=f"the external store failed: {error}")
        if response.status_code == 400:
            return Outcome("syntax", message=body.decode(errors="replace"))
        if response.status_code != 200:
            return Outcome("error", message=f"the external store answered {response.status_code}: "
                           + body.decode(errors="replace")[:500])
        data = bytes(body)
        if fmt == "html":
            data = render.graph_html(data, job.query) if kind == "triples" else render.results_html(data, job.query)
        return Outcome("ok", body=data, format=fmt, kind=kind)

    def retire(self) -> None:
        pass

    def close(self) -> None:
        pass
