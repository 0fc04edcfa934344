"""The ChannelKG web application: wires the routers, the shared state and the middleware."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from . import files, minted, pages, queries, resources, sparql
from . import openapi
from .cache import ResultCache
from .dataset import DatasetHolder
from .lanes import FairService
from .limits import RequestSizeLimit
from .protocol import HttpProtocol
from .settings import Settings

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await app.state.holder.start()
        yield
        app.state.holder.close()

    app = FastAPI(title="ChannelKG", lifespan=lifespan, docs_url="/api-docs", redoc_url=None,
                  description="SPARQL endpoint and linked data for the ChannelKG knowledge graph.")
    app.state.settings = settings
    app.state.cache = ResultCache(settings.cache_bytes)
    app.state.holder = DatasetHolder(settings, app.state.cache)
    app.state.fair = FairService(settings)

    from . import views  # /views: SVG pictures drawn from the named queries

    sparql.install(app)
    for module in (queries, resources, minted, files, pages, views):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    yasgui = settings.node_modules / pages.YASGUI
    if yasgui.is_dir():  # served from node_modules as npm installed it: no CDN, works offline
        app.mount("/vendor/yasgui", StaticFiles(directory=yasgui), name="yasgui")

    # The data is public and the server read-only, so any page may query it (no credentials).
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST"],
                       allow_headers=["Accept", "Content-Type", "If-None-Match", "If-Modified-Since"],
                       expose_headers=["ETag", "Last-Modified", "X-Cache", "Retry-After"], max_age=86400)
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    openapi.install(app)  # /openapi.json as the routes really behave
    return app


def run(host: str = "127.0.0.1", port: int = 8000, build_dir: Path | str = "build",
        store_url: str | None = None, query_timeout: float = 10.0, memory_budget_bytes: int | None = None,
        **fair) -> None:
    """`kg serve`: one uvicorn process; queries run in its worker pools. `fair`: the per-client
    limits of Settings (trust_proxy, client_budget, …)."""
    import copy

    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    # absolute(), not resolve(): build/ may be a symlink that the next build points elsewhere.
    settings = Settings.from_env(build_dir=Path(build_dir).absolute(), store_url=store_url,
                                 query_timeout=query_timeout, memory_budget_bytes=memory_budget_bytes, **fair)
    # Our log lines (a new build served, a throttled client) beside uvicorn's, in its format.
    logging = copy.deepcopy(LOGGING_CONFIG)
    logging["loggers"]["channel_kg"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    # proxy_headers off: uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1; the
    # client is api/clients.py's to decide, from the headers only with --trust-proxy.
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", http=HttpProtocol,
                log_config=logging, proxy_headers=False)
