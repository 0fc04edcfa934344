"""The code that runs in a query worker process.

pyoxigraph cannot be interrupted from Python, so a query that runs too long is stopped by
killing the process that runs it (see api/executor.py). Each worker holds its own in-memory
store loaded from the build's N-Quads bytes, or opens an on-disk store read-only (api/stores.py),
then answers Jobs from a pipe until told to stop.
"""

from __future__ import annotations

import ctypes
import io
import os
import sys
import threading
from multiprocessing.connection import Connection

import pyoxigraph as ox

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


QUERY_STACK_BYTES = 256 * 1024 * 1024


class TooLarge(Exception):
    pass


class _Capped(io.RawIOBase):
    """A byte sink that gives up past `limit`, so a huge result stops while being written."""

    def __init__(self, limit: int):
        self.limit, self.chunks, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(f"the result is larger than the limit of {self.limit:,} bytes; add a LIMIT")
        self.chunks.append(bytes(data))
        return len(data)

    def value(self) -> bytes:
        return b"".join(self.chunks)


def _isolate_network() -> None:
    """Defence in depth behind the SERVICE check: give the worker a network namespace of its
    own (no interfaces but a down loopback), so even a query we failed to refuse cannot reach
    another address. Needs unprivileged user namespaces or root; silently skipped otherwise."""
    if os.environ.get("CHANNEL_KG_NO_NETNS"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        clone_newuser, clone_newnet = 0x10000000, 0x40000000
        if libc.unshare(clone_newuser | clone_newnet) != 0:
            libc.unshare(clone_newnet)
    except (OSError, AttributeError):
        pass


def _term(ntriples_term: str):
    quad = next(iter(ox.parse(f"<urn:x:s> <urn:x:p> {ntriples_term} .", format=ox.RdfFormat.N_TRIPLES)))
    return quad.object


def run_job(store: ox.Store, job: Job) -> Outcome:
    # The store's default graph is the union of the named graphs (kg.store); FROM in the query
    # or a protocol dataset replaces it.
    options = {"prefixes": job.prefixes or None}
    if job.default_graphs is not None or job.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    if job.bindings:
        options["substitutions"] = {ox.Variable(k): _term(v) for k, v in job.bindings.items()}
    try:
        result = store.query(job.query, **options)
    except SyntaxError as error:
        return Outcome("syntax", message=str(error))
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


def main(conn, first: tuple[str, object]) -> None:
    """Process entry point: open the store, say ready, then answer one Job per message until None.

    The work happens on a thread with a large stack: pyoxigraph parses and evaluates
    recursively, and a deep query must not overflow the (8 MB) stack of the main thread and
    kill the process. The lexer (api/querytext.py) refuses far shallower queries than this
    stack holds; the stack is the second guard. Untouched stack pages cost no memory.
    """
    render.warm()  # read the templates while files are still ours to read
    _isolate_network()  # before the store or this module starts any thread: unshare needs one thread
    holder = [first]
    del first
    threading.stack_size(QUERY_STACK_BYTES)
    thread = threading.Thread(target=_serve, args=(conn, holder), name="kg-worker")
    thread.start()
    thread.join()


def _serve(conn, holder: list) -> None:
    store = open_store(*holder.pop())
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            outcome = run_job(store, job)
        except Exception as error:  # an engine error must not kill the worker's loop
            outcome = Outcome("error", message=f"{type(error).__name__}: {error}")
        conn.send(outcome)


if __name__ == "__main__":  # started by api.executor with the socket's file descriptor
    connection = Connection(int(sys.argv[1]))
    main(connection, connection.recv())
