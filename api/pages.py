"""Pages for people: the front page with the query editor, and /health for machines."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from kg import named_queries
from kg.namespaces import BASE

from . import documents, internal
from .answer import DEFAULT_PREFIXES
from .render import env

router = APIRouter()
env.filters["short"] = documents.short  # person:priti-patel for display; pages only, not query workers
templates = Jinja2Templates(env=env)
YASGUI = "@zazuko/yasgui/build"


def class_counts(body: bytes) -> list[dict]:
    rows = json.loads(body)["results"]["bindings"]
    return [{"iri": r["class"]["value"], "label": r.get("label", {}).get("value") or r["class"]["value"].split("#")[-1],
             "count": int(r["count"]["value"])} for r in rows]


@router.api_route("/", methods=["GET", "HEAD"])
async def home(request: Request) -> Response:
    state = request.app.state
    outcome, dataset = await internal.run(request, "class-counts", "json")
    queries = [
        {"name": q.name, "title": q.title, "description": q.description, "query": q.text,
         "params": [p.name for p in q.params]}
        for q in named_queries.load_all(state.settings.queries_dir).values()
    ]
    manifest = dataset.snapshot.manifest
    return templates.TemplateResponse(request, "index.html", {
        "counts": class_counts(outcome.body) if outcome.status == "ok" else [],
        "triples": manifest.get("triples"),
        "graphs": len(manifest.get("graphs") or {}),
        "version": dataset.version,
        "built": dataset.last_modified if not dataset.snapshot.empty else None,
        "queries": queries,
        "yasgui": (state.settings.node_modules / YASGUI / "yasgui.min.js").is_file(),
        "prefixes": DEFAULT_PREFIXES,
        "setup": {"prefixes": DEFAULT_PREFIXES, "base": BASE},
    })


@router.get("/health")
async def health(request: Request) -> Response:
    state = request.app.state
    dataset = state.holder.current
    executor = dataset.executor
    return JSONResponse({
        "status": "ok",
        "version": dataset.version,
        "empty": dataset.snapshot.empty,
        "triples": dataset.snapshot.manifest.get("triples"),
        "store": state.settings.store_url or "embedded pyoxigraph",
        "workers": executor.size,
        "short_lane_workers": dataset.short.size if dataset.short is not None else 0,
        "worker_pids": sorted(executor.pids() + (dataset.short.pids() if dataset.short is not None else [])),
        "workers_replaced": executor.replaced,
        "query_timeout": state.settings.query_timeout,
        "cache": state.cache.stats(),
        **state.fair.health(),
    }, headers={"Cache-Control": "no-store"})
