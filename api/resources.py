"""Linked data: the things of the graph under their own IRIs, the ontology and the JSON-LD context.

A server answers for https://w3id.org/channel-kg/{path} at /{path} (CONTRACT: IRIs). Each
document is negotiated (api.negotiation.DOCUMENTS): Turtle for `*/*`, HTML for browsers. The
rules, named graphs and concept schemes have pages of their own (api/minted.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg.iris import KINDS
from kg.namespaces import BASE

from . import documents, internal, languages, resource_page
from . import negotiation as neg
from .answer import error, failure, media_type_of, validators
from .ontology_doc import ontology_view
from .pages import templates

router = APIRouter()
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


def _negotiate(request: Request, offered=neg.DOCUMENTS) -> neg.Format | Response:
    try:
        return neg.negotiate(request.headers.get("accept"), offered, request.query_params.get("format"))
    except neg.NotAcceptable as refusal:
        return error(406, str(refusal))


async def describe(request: Request, iri: str) -> Response:
    """One thing: the triples of api/queries/resource.rq about `iri`, as the client asks."""
    fmt = _negotiate(request)
    if isinstance(fmt, Response):
        return fmt
    state = request.app.state
    if fmt.name == "html":
        return await _page(request, iri)
    outcome, dataset = await internal.run(request, "resource", "ntriples", {"node": f"<{iri}>"})
    if outcome.status != "ok":
        return failure(outcome)
    if not outcome.body.strip():
        return error(404, f"nothing is known about <{iri}>")
    etag = '"' + hashlib.sha256(f"{dataset.version} {iri} {fmt.name}".encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": dataset.last_modified, "Vary": languages.VARY,
               "Cache-Control": "public, no-cache", "Link": f'<{iri}>; rel="canonical"'}
    if validators(request, etag, dataset.last_modified):
        return Response(status_code=304, headers=headers)
    key = (dataset.version, "document", iri, fmt.name)
    cached = state.cache.get(key)
    if cached is None:
        context = documents.load_context(state.settings.ontology_dir / "context.jsonld")
        body = await asyncio.to_thread(documents.convert, outcome.body, "ntriples", fmt.name, context, iri)
        state.cache.put(key, body, fmt.name)
    else:
        body = cached[0]
    return Response(body, media_type=media_type_of(fmt), headers=headers)


async def _page(request: Request, iri: str) -> Response:
    """The HTML page of a thing (api/resource_page.py), in the language the browser asks for."""
    language = languages.page_language(request.headers.get("accept-language"))
    outcome, dataset = await internal.run(request, "resource-page", "json", {"node": f"<{iri}>"})
    if outcome.status != "ok":
        return failure(outcome)
    etag = '"' + hashlib.sha256(f"{dataset.version} {iri} html {language}".encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": dataset.last_modified, "Vary": languages.VARY,
               "Cache-Control": "public, no-cache", "Link": f'<{iri}>; rel="canonical"',
               "Content-Language": language}
    if validators(request, etag, dataset.last_modified):
        return Response(status_code=304, headers=headers)
    view = resource_page.page(iri, json.loads(outcome.body)["results"]["bindings"], language)
    if view is None:
        return error(404, f"nothing is known about <{iri}>")
    return templates.TemplateResponse(request, "resource.html", {"thing": view, "fr": language == "fr"},
                                      headers=headers)


@router.api_route("/id/{kind}/{slug}", methods=["GET", "HEAD"])
async def thing(request: Request, kind: str, slug: str) -> Response:
    if kind not in KINDS or not SLUG.fullmatch(slug):
        return error(404, f"no such thing: /id/{kind}/{slug}")
    return await describe(request, f"{BASE}id/{kind}/{slug}")


@router.api_route("/ontology", methods=["GET", "HEAD"])
async def ontology(request: Request) -> Response:
    """HTML documentation for people, the OWL file (Turtle as written, or converted) for tools."""
    fmt = _negotiate(request)
    if isinstance(fmt, Response):
        return fmt
    path = request.app.state.settings.ontology_dir / "channel-kg.ttl"
    try:
        source = path.read_bytes()
    except OSError:
        return error(404, "the ontology file is missing")
    headers = {"Vary": "Accept"}
    if fmt.name == "html":
        view = await asyncio.to_thread(ontology_view, source, request.app.state.settings.ontology_dir / "vocab")
        return templates.TemplateResponse(request, "ontology.html", {"onto": view}, headers=headers)
    context = documents.load_context(request.app.state.settings.ontology_dir / "context.jsonld")
    body = await asyncio.to_thread(documents.convert, source, "turtle", fmt.name, context)
    return Response(body, media_type=media_type_of(fmt), headers=headers)


@router.api_route("/context.jsonld", methods=["GET", "HEAD"])
async def jsonld_context(request: Request) -> Response:
    path = request.app.state.settings.ontology_dir / "context.jsonld"
    try:
        body = path.read_bytes()
    except OSError:
        body = json.dumps({"@context": documents.load_context(path)}, indent=2).encode()
    return Response(body, media_type="application/ld+json")
