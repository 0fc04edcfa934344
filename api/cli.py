"""`kg serve`: the server's verb of the `kg` command.

It lives here, not in kg/cli.py, because kg/ imports nothing from api/: kg/cli.py adds the verbs
that packages declare under the entry-point group `channel_kg.commands` (pyproject.toml).
"""

from pathlib import Path

import click

from .settings import Settings

DEFAULTS = Settings.__dataclass_fields__


def _default(name: str):
    return DEFAULTS[name].default


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--build-dir", default="build", type=click.Path(path_type=Path), show_default=True)
@click.option("--store", "store_url", default=None, help="front an external SPARQL 1.1 endpoint instead")
@click.option("--timeout", default=10.0, show_default=True, help="per-query time limit in seconds")
@click.option("--memory-budget-mb", type=float, default=None,
              help="past this the workers share an on-disk store instead of each loading the graph  [default: 1024]")
@click.option("--trust-proxy", is_flag=True, default=False,
              help="behind a reverse proxy: the client is the last address of Forwarded / X-Forwarded-For")
@click.option("--client-budget", type=float, default=_default("client_budget"), show_default=True,
              help="worker seconds a client may use per rolling minute; past it, 429 with Retry-After")
@click.option("--client-concurrency", type=int, default=_default("client_concurrency"), show_default=True,
              help="queries a client runs at once while other clients' queries wait")
@click.option("--client-queue", type=int, default=_default("client_queue"), show_default=True,
              help="queries a client may have waiting for a worker; more get 429")
@click.option("--max-wait", type=float, default=_default("max_wait"), show_default=True,
              help="seconds a query may wait for a worker before a 503 with Retry-After")
@click.option("--short-workers", type=int, default=_default("short_workers"), show_default=True,
              help="workers kept for short queries (0: none)")
@click.option("--short-timeout", type=float, default=_default("short_timeout"), show_default=True,
              help="seconds a short-lane query may run before it runs again in the normal lane")
def serve(host: str, port: int, build_dir: Path, store_url: str | None, timeout: float,
          memory_budget_mb: float | None, **fair):
    """Serve the SPARQL endpoint, linked data and the query page."""
    from .app import run

    budget = int(memory_budget_mb * 2**20) if memory_budget_mb is not None else None
    run(host=host, port=port, build_dir=build_dir, store_url=store_url, query_timeout=timeout,
        memory_budget_bytes=budget, **fair)
