"""/sparql, laid out like the SPARQL 1.1 Protocol (W3C Recommendation, 21 March 2013).

Section numbers below are the Protocol's; the service description follows SPARQL 1.1 Service
Description, section 2 ("accessing a service description": GET on the endpoint, no query).

These are plain Starlette routes, not FastAPI's: the handlers read the Protocol's parameters
themselves, and FastAPI's per-request dependency machinery cost about a third of a cached
answer's time in the web process (0.13 to 0.17 ms against 0.09, timed in process).
api/openapi.py documents them all the same.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import Request
from fastapi.responses import Response

from . import negotiation as neg
from .answer import DEFAULT_PREFIXES, answer_query, error, media_type_of
from .descriptions import read_void
from .iri import is_absolute_iri
from .service_description import service_description

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted (SPARQL 1.1 Protocol 2.2)"


def _graphs(pairs: list[tuple[str, str]], name: str) -> tuple[str, ...] | None:
    values = tuple(v for k, v in pairs if k == name)
    return values or None


async def _run(request: Request, pairs: list[tuple[str, str]], query: str | None) -> Response:
    """2.1.4: graphs named in the request replace the query's FROM / FROM NAMED; then 2.1.5."""
    default_graphs = _graphs(pairs, "default-graph-uri")
    named_graphs = _graphs(pairs, "named-graph-uri")
    for iri in (default_graphs or ()) + (named_graphs or ()):
        if not is_absolute_iri(iri):
            return error(400, f"default-graph-uri / named-graph-uri must be absolute IRIs: {iri!r}")
    if default_graphs or named_graphs:  # a protocol dataset: the graphs not given are empty
        default_graphs, named_graphs = default_graphs or (), named_graphs or ()
    # Every `format` value counts, as a list (SPARQLWrapper sends a name and a list of media types).
    formats = ",".join(v for k, v in pairs if k == "format")
    return await answer_query(request, query, default_graphs=default_graphs, named_graphs=named_graphs,
                              format_param=formats or None)


def _single_query(pairs: list[tuple[str, str]]) -> str | Response | None:
    if any(k == "update" for k, _ in pairs):
        return error(403, READ_ONLY)
    queries = [v for k, v in pairs if k == "query"]
    if len(queries) > 1:
        return error(400, "exactly one `query` parameter is allowed (SPARQL 1.1 Protocol 2.1)")
    return queries[0] if queries else None


async def sparql_get(request: Request) -> Response:
    """2.1.1 query via GET; without a query, the service description."""
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    query = _single_query(pairs)
    if isinstance(query, Response):
        return query
    if query is None:
        return _describe_service(request)
    return await _run(request, pairs, query)


async def sparql_post(request: Request) -> Response:
    """2.1.2 query via URL-encoded POST and 2.1.3 query via POST directly; 2.2 update refused."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    url_pairs = parse_qsl(request.url.query, keep_blank_values=True)
    if content_type == UPDATE or any(k == "update" for k, _ in url_pairs):
        return error(403, READ_ONLY)
    try:
        body = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        return error(400, "the request body is not UTF-8")
    if content_type == DIRECT:
        if any(k in ("query", "update") for k, _ in url_pairs):
            return error(400, "with application/sparql-query the query is the body, not a parameter")
        return await _run(request, url_pairs, body)
    if content_type == FORM:
        # 2.1.2: the dataset parameters travel in the body; `format` may be in either place.
        try:
            pairs = parse_qsl(body, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return error(400, "the form body is not UTF-8 once percent-decoded")
        query = _single_query(pairs)
        if isinstance(query, Response):
            return query
        if query is None:
            return error(400, "a `query` parameter is required")
        return await _run(request, url_pairs + pairs, query)
    return error(415, f"POST a query as {FORM} (query=...) or {DIRECT}, not {content_type or 'no type'}")


def install(app) -> None:
    """On the app itself, not an included router: that indirection costs a cached answer a
    fifth of its time in the web process."""
    app.add_route("/sparql", sparql_get, methods=["GET", "HEAD"])
    app.add_route("/sparql", sparql_post, methods=["POST"])


def _describe_service(request: Request) -> Response:
    """The service description: RDF for tools (Turtle for */*), a page for browsers."""
    try:
        fmt = neg.negotiate(request.headers.get("accept"), neg.DOCUMENTS, request.query_params.get("format"))
    except neg.NotAcceptable as refusal:
        return error(406, str(refusal))
    dataset = request.app.state.holder.current
    endpoint = str(request.url.replace(query="", fragment=""))
    manifest = dataset.snapshot.manifest
    if fmt.name == "html":
        from .pages import templates  # the pages' Jinja environment, with their filters

        described = (read_void(request.app.state.settings.build_dir / "void.ttl") or {}).get("graphs", {})
        graphs = [{"iri": iri, "triples": count, "title": described.get(iri, {}).get("title")}
                  for iri, count in sorted((manifest.get("graphs") or {}).items())]
        return templates.TemplateResponse(request, "service.html", {
            "endpoint": endpoint, "formats": neg.RESULTS + neg.GRAPHS, "triples": manifest.get("triples"),
            "graphs": graphs, "prefixes": DEFAULT_PREFIXES}, headers={"Vary": "Accept"})
    body = service_description(endpoint, manifest, fmt.name)
    return Response(body, media_type=media_type_of(fmt), headers={"Vary": "Accept"})
