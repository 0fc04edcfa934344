"""/queries: the named queries of queries/*.rq, listed and run with bound parameters."""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from kg import named_queries

from . import negotiation as neg
from .answer import answer_query, error
from .pages import templates

router = APIRouter()
LISTING = (neg.HTML, neg.Format("json", "application/json", (), ("json",)))


def load(request: Request) -> dict[str, named_queries.NamedQuery]:
    """Read on each call: a few small files, and an edited query shows up without a restart."""
    return named_queries.load_all(request.app.state.settings.queries_dir)


def describe(query: named_queries.NamedQuery, base: str) -> dict:
    return {
        "name": query.name, "title": query.title, "description": query.description,
        "params": [{"name": p.name, "meaning": p.meaning, "iri": p.is_iri} for p in query.params],
        "url": f"{base}queries/{query.name}", "query": query.text,
    }


@router.api_route("/queries", methods=["GET", "HEAD"])
async def list_queries(request: Request) -> Response:
    try:
        fmt = neg.negotiate(request.headers.get("accept"), LISTING, request.query_params.get("format"))
    except neg.NotAcceptable as refusal:
        return error(406, str(refusal))
    items = [describe(q, str(request.base_url)) for q in load(request).values()]
    if fmt.name == "json":
        return JSONResponse(items, headers={"Vary": "Accept"})
    return templates.TemplateResponse(request, "queries.html", {"queries": items}, headers={"Vary": "Accept"})


@router.api_route("/queries/{name}.rq", methods=["GET", "HEAD"])
async def query_text(request: Request, name: str) -> Response:
    query = load(request).get(name)
    if query is None:
        return error(404, f"no named query {name!r}; see /queries")
    return Response(query.text, media_type="application/sparql-query; charset=utf-8")


@router.api_route("/queries/{name}", methods=["GET", "HEAD"])
async def run_named(request: Request, name: str) -> Response:
    query = load(request).get(name)
    if query is None:
        return error(404, f"no named query {name!r}; see /queries")
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    values: dict[str, str] = {}
    for key, value in pairs:
        if key == "format":
            continue
        if key in values:
            return error(400, f"parameter {key} given more than once")
        values[key] = value
    try:
        bindings = query.bind(values)
    except ValueError as problem:
        return error(400, str(problem))
    return await answer_query(request, query.text, format_param=request.query_params.get("format"),
                              bindings=bindings)
