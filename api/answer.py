"""Answering one query: checks, negotiation, cache, validators and execution.

Shared by /sparql and /queries/{name}. Order matters: refuse what must never run (updates,
SERVICE) before anything else, answer a revalidation (304) without touching the engine, then
the cache, then an answer the build computed ahead (api/precomputed.py), then a bounded lookup
in this process (api/lookups.py), and only then a worker.
"""

from __future__ import annotations

import asyncio
import hashlib
from email.utils import parsedate_to_datetime
from functools import lru_cache

from fastapi import Request
from fastapi.responses import Response

from kg.namespaces import PREFIXES

from . import negotiation as neg
from .jobs import Job, Outcome
from .lanes import run_for
from .lookups import answer_here, is_bounded_lookup
from .precomputed import answer_ahead
from kg.querytext import analyse

RESULT_KINDS = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "triples", "DESCRIBE": "triples"}
STATUS = {"syntax": 400, "too_large": 413, "not_acceptable": 406, "timeout": 503, "busy": 503,
          "throttled": 429, "error": 500}
LEX_IN_THREAD = 32 * 1024  # characters
LEXED_KEPT = 4 * 1024  # characters: the lexer's verdict on shorter texts is remembered
# Every query may use the project's prefixes without declaring them; its own PREFIX wins.
DEFAULT_PREFIXES = {name: str(ns) for name, ns in PREFIXES.items()}


_analyse_short = lru_cache(maxsize=1024)(analyse)  # a query sent again is not lexed again


def error(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status_code=status, media_type="text/plain",
                    headers=headers)


def failure(outcome: Outcome, hint: str = "") -> Response:
    """The response to an outcome that is not "ok": its status, its sentence, and Retry-After
    when the client may try again (429 over budget, 503 after a wait in the queue)."""
    headers = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else None
    return error(STATUS.get(outcome.status, 500), outcome.message + hint, headers)


def media_type_of(fmt: neg.Format) -> str:
    if fmt.media_type.startswith("text/") or fmt.media_type == "application/n-triples":
        return fmt.media_type + "; charset=utf-8"
    return fmt.media_type


def _formats(info, accept: str | None, format_param: str | None) -> dict[str, str] | Response:
    """The format for each result kind, or a 406 for the kind this query produces."""
    chosen = {}
    for kinds, offered in ((("solutions", "boolean"), neg.RESULTS), (("triples",), neg.GRAPHS)):
        try:
            fmt = neg.negotiate(accept, offered, format_param).name
        except neg.NotAcceptable as refusal:
            if RESULT_KINDS.get(info.form) in kinds:
                return error(406, str(refusal))
            continue
        chosen.update({kind: fmt for kind in kinds})
    if not chosen:
        return error(406, "no acceptable format; try Accept: */*")
    return chosen


def validators(request: Request, etag: str, last_modified: str) -> bool:
    """True when the client's copy is current (RFC 9110 section 13.2.2: If-None-Match first)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


async def answer_query(
    request: Request,
    query: str,
    *,
    default_graphs: tuple[str, ...] | None = None,
    named_graphs: tuple[str, ...] | None = None,
    format_param: str | None = None,
    bindings: dict[str, str] | None = None,
) -> Response:
    state = request.app.state
    settings = state.settings
    # A long text is lexed in a thread: the lexer is linear, but a 1 MB query still takes a
    # fraction of a second that other requests should not wait for.
    if len(query) < LEXED_KEPT:
        info = _analyse_short(query)
    else:
        info = analyse(query) if len(query) < LEX_IN_THREAD else await asyncio.to_thread(analyse, query)
    if info.is_update:
        return error(400, "SPARQL Update is not accepted: this endpoint is read-only")
    if info.uses_service:
        return error(400, "SERVICE is not allowed: this endpoint does not contact other servers "
                          "(federated queries can be run from your own client or store)")
    if info.too_complex:
        return error(400, info.too_complex)
    formats = _formats(info, request.headers.get("accept"), format_param)
    if isinstance(formats, Response):
        return formats

    dataset = state.holder.current
    key = (dataset.version, info.normalised, tuple(sorted(formats.items())), default_graphs,
           named_graphs, tuple(sorted((bindings or {}).items())))
    etag = '"' + hashlib.sha256(repr(key).encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": dataset.last_modified, "Vary": "Accept",
               "Cache-Control": "public, no-cache"}
    if validators(request, etag, dataset.last_modified):
        return Response(status_code=304, headers=headers)

    cached = state.cache.get(key)
    if cached is not None:
        body, media = cached
        return Response(body, media_type=media, headers={**headers, "X-Cache": "hit"})

    job = Job(query=query, formats=formats, default_graphs=default_graphs, named_graphs=named_graphs,
              bindings=bindings or {}, prefixes=DEFAULT_PREFIXES, max_bytes=settings.max_result_bytes)
    outcome = None
    if len(dataset.answers) and default_graphs is None and named_graphs is None:
        # Off the event loop: an answer of the whole graph can be tens of megabytes.
        outcome = await asyncio.to_thread(answer_ahead, dataset.answers, info, query, bindings, formats,
                                          settings.max_result_bytes)
    if outcome is None and dataset.store is not None and default_graphs is None and named_graphs is None and \
            not bindings and is_bounded_lookup(info.tokens):
        outcome = answer_here(dataset.store, job)
    if outcome is None:
        outcome = await run_for(request, dataset, job, info.tokens)
    if outcome.status != "ok":
        return failure(outcome)
    offered = neg.RESULTS if outcome.kind != "triples" else neg.GRAPHS
    media = media_type_of(next(f for f in offered if f.name == outcome.format))
    state.cache.put(key, outcome.body, media)
    return Response(outcome.body, media_type=media, headers={**headers, "X-Cache": "miss"})
