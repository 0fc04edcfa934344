"""Server settings and their defaults, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _default_workers() -> int:
    # Two at least, so one long query never blocks everyone else.
    return max(2, os.cpu_count() or 2)


@dataclass(frozen=True)
class Settings:
    build_dir: Path = ROOT / "build"
    queries_dir: Path = ROOT / "queries"
    ontology_dir: Path = ROOT / "ontology"
    node_modules: Path = ROOT / "node_modules"
    store_url: str | None = None  # front an external SPARQL 1.1 endpoint instead of pyoxigraph
    query_timeout: float = 10.0  # seconds; the worker running a longer query is killed
    workers: int = field(default_factory=_default_workers)
    # Past this, workers share an on-disk store instead of each loading the data (api/stores.py).
    memory_budget_bytes: int = 1024 * 2**20
    cache_bytes: int = 64 * 1024 * 1024  # memory budget of the result cache
    max_request_bytes: int = 1024 * 1024  # a query text or form body
    max_result_bytes: int = 50 * 1024 * 1024
    reload_check_seconds: float = 1.0  # how often manifest.json is stat()ed for a new build
    # Fair service (api/clients.py, api/fair.py, api/lanes.py): the per-client limits.
    trust_proxy: bool = False  # take the client from Forwarded / X-Forwarded-For (set by a proxy)
    client_budget: float = 60.0  # worker seconds per client per rolling minute, as Wikidata's
    client_concurrency: int = 1  # queries a client runs at once while other clients wait
    client_queue: int = 8  # queries a client may have waiting; more are refused with 429
    max_wait: float = 10.0  # seconds a query may wait for a worker before a 503
    short_workers: int = 1  # workers kept for short queries (0: no short lane)
    short_timeout: float = 0.5  # seconds; a short-lane query past it runs again in the normal lane

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Overrides from CHANNEL_KG_* variables, for `uvicorn api.app:create_app --factory`."""
        env = {
            "build_dir": ("CHANNEL_KG_BUILD_DIR", Path),
            "queries_dir": ("CHANNEL_KG_QUERIES_DIR", Path),
            "ontology_dir": ("CHANNEL_KG_ONTOLOGY_DIR", Path),
            "node_modules": ("CHANNEL_KG_NODE_MODULES", Path),
            "store_url": ("CHANNEL_KG_STORE_URL", str),
            "query_timeout": ("CHANNEL_KG_QUERY_TIMEOUT", float),
            "workers": ("CHANNEL_KG_WORKERS", int),
            "memory_budget_bytes": ("CHANNEL_KG_MEMORY_BUDGET_MB", lambda mb: int(float(mb) * 2**20)),
            "reload_check_seconds": ("CHANNEL_KG_RELOAD_CHECK", float),
            "trust_proxy": ("CHANNEL_KG_TRUST_PROXY", lambda v: v.lower() in ("1", "true", "yes")),
            "client_budget": ("CHANNEL_KG_CLIENT_BUDGET", float),
            "client_concurrency": ("CHANNEL_KG_CLIENT_CONCURRENCY", int),
            "client_queue": ("CHANNEL_KG_CLIENT_QUEUE", int),
            "max_wait": ("CHANNEL_KG_MAX_WAIT", float),
            "short_workers": ("CHANNEL_KG_SHORT_WORKERS", int),
            "short_timeout": ("CHANNEL_KG_SHORT_TIMEOUT", float),
        }
        from kg import project  # the named queries and ontology of the checkout `kg` runs in

        here = project.current()
        values = {"queries_dir": here.queries_dir, "ontology_dir": here.root / "ontology"}
        values.update({key: cast(os.environ[var]) for key, (var, cast) in env.items() if os.environ.get(var)})
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
