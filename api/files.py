"""The build's files: /dumps/ and the VoID description at /.well-known/void (a page for people,
RDF for tools).

Only names that are files in build/ right now are served, looked up in a listing, so no
request path ever reaches the file system (no traversal, no symlinks followed out).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from . import documents
from . import negotiation as neg
from .answer import error, media_type_of
from .descriptions import read_void
from .pages import templates

router = APIRouter()
MEDIA = {
    ".nq": "application/n-quads", ".trig": "application/trig", ".ttl": "text/turtle",
    ".jsonld": "application/ld+json", ".json": "application/json", ".nt": "application/n-triples",
    ".gz": "application/gzip", ".txt": "text/plain", ".csv": "text/csv",
}
LISTING = (neg.HTML, neg.Format("json", "application/json", (), ("json",)))


def build_files(build_dir: Path) -> dict[str, Path]:
    try:
        return {p.name: p for p in sorted(build_dir.iterdir())
                if p.is_file() and not p.is_symlink() and not p.name.startswith(".")}
    except OSError:
        return {}


@router.api_route("/dumps/", methods=["GET", "HEAD"])
async def list_dumps(request: Request) -> Response:
    try:
        fmt = neg.negotiate(request.headers.get("accept"), LISTING, request.query_params.get("format"))
    except neg.NotAcceptable as refusal:
        return error(406, str(refusal))
    files = [{"name": name, "bytes": path.stat().st_size, "url": f"/dumps/{name}"}
             for name, path in build_files(request.app.state.settings.build_dir).items()]
    if fmt.name == "json":
        return JSONResponse(files)
    return templates.TemplateResponse(request, "dumps.html", {"files": files})


@router.api_route("/dumps/{name}", methods=["GET", "HEAD"])
async def dump(request: Request, name: str) -> Response:
    path = build_files(request.app.state.settings.build_dir).get(name)
    if path is None:
        return error(404, f"no dump named {name!r}; see /dumps/")
    media = MEDIA.get(path.suffix, "application/octet-stream")
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return FileResponse(path, media_type=media)


@router.api_route("/.well-known/void", methods=["GET", "HEAD"])
async def void(request: Request) -> Response:
    """The VoID description: a page for browsers, RDF for tools (Turtle for */*)."""
    try:
        fmt = neg.negotiate(request.headers.get("accept"), neg.DOCUMENTS, request.query_params.get("format"))
    except neg.NotAcceptable as refusal:
        return error(406, str(refusal))
    path = request.app.state.settings.build_dir / "void.ttl"
    headers = {"Vary": "Accept"}
    if fmt.name == "html":
        described = read_void(path)
        if described is None:
            return error(404, "no VoID description: the dataset has not been built")
        return templates.TemplateResponse(request, "void.html", {
            "void": described, "graphs": list(described["graphs"].values())}, headers=headers)
    try:
        source = path.read_bytes()
    except OSError:
        return error(404, "no VoID description: the dataset has not been built")
    context = documents.load_context(request.app.state.settings.ontology_dir / "context.jsonld")
    body = await asyncio.to_thread(documents.convert, source, "turtle", fmt.name, context)
    return Response(body, media_type=media_type_of(fmt), headers=headers)
