"""Running one Job on a pyoxigraph store and writing its answer: the same code in a query
worker (api/worker.py) and, for bounded lookups, in the web process (api/lookups.py)."""

from __future__ import annotations

import io

import pyoxigraph as ox

from kg.named_queries import bound_query
from kg.query_errors import explain
from kg.store import store_from_bytes

from . import render
from .jobs import Job, Outcome

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class TooLarge(Exception):
    pass


def too_large(limit: int) -> str:
    return f"the result is larger than the limit of {limit:,} bytes; add a LIMIT"


class _Capped(io.RawIOBase):
    """A byte sink that gives up past `limit`, so a huge result stops while being written."""

    def __init__(self, limit: int):
        self.limit, self.chunks, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(too_large(self.limit))
        self.chunks.append(bytes(data))
        return len(data)

    def value(self) -> bytes:
        return b"".join(self.chunks)


def run_job(store: ox.Store, job: Job) -> Outcome:
    # The store's default graph is the union of the named graphs (kg.store); FROM in the query
    # or a protocol dataset replaces it.
    options = {"prefixes": job.prefixes or None}
    if job.default_graphs is not None or job.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    query, substitutions = bound_query(job.query, job.bindings)
    if substitutions:
        options["substitutions"] = substitutions
    try:
        result = store.query(query, **options)
    except SyntaxError as error:
        return Outcome("syntax", message=explain(job.query, str(error), job.prefixes))
    kind = "boolean" if isinstance(result, ox.QueryBoolean) else (
        "triples" if isinstance(result, ox.QueryTriples) else "solutions")
    fmt = job.formats.get(kind)
    if not fmt:
        return Outcome("not_acceptable", kind=kind, message=f"no acceptable format for a {kind} result")
    sink = _Capped(job.max_bytes)
    try:
        if kind == "triples":
            result.serialize(sink, GRAPH_FORMATS["turtle" if fmt == "html" else fmt])
        else:
            result.serialize(sink, RESULT_FORMATS["json" if fmt == "html" else fmt])
    except TooLarge as error:
        return Outcome("too_large", kind=kind, message=str(error))
    body = sink.value()
    if fmt == "html":
        body = render.graph_html(body, job.query) if kind == "triples" else render.results_html(body, job.query)
    return Outcome("ok", body=body, format=fmt, kind=kind)


def open_store(kind: str, source) -> ox.Store:
    """("memory", N-Quads bytes) or ("disk", path of a store written by api.stores)."""
    if kind == "disk":
        return ox.Store.read_only(source)
    return store_from_bytes(source, union_default=True)
