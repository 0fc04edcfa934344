"""`kg serve`: the server's verb of the `kg` command.

It lives here, not in kg/cli.py, because kg/ imports nothing from api/: kg/cli.py adds the verbs
that packages declare under the entry-point group `channel_kg.commands` (pyproject.toml).
"""

from pathlib import Path

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--build-dir", default="build", type=click.Path(path_type=Path), show_default=True)
@click.option("--store", "store_url", default=None, help="front an external SPARQL 1.1 endpoint instead")
@click.option("--timeout", default=10.0, show_default=True, help="per-query time limit in seconds")
@click.option("--memory-budget-mb", type=float, default=None,
              help="past this the workers share an on-disk store instead of each loading the graph  [default: 1024]")
def serve(host: str, port: int, build_dir: Path, store_url: str | None, timeout: float, memory_budget_mb: float | None):
    """Serve the SPARQL endpoint, linked data and the query page."""
    from .app import run

    budget = int(memory_budget_mb * 2**20) if memory_budget_mb is not None else None
    run(host=host, port=port, build_dir=build_dir, store_url=store_url, query_timeout=timeout,
        memory_budget_bytes=budget)
