"""The server's own lookups (api/queries/*.rq), run through the same executor and cache."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .dataset import Dataset
from .jobs import Job, Outcome
from .lanes import run_for, tokens_of

QUERIES = Path(__file__).parent / "queries"


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


async def run(request, name: str, fmt: str, bindings: dict[str, str] | None = None) -> tuple[Outcome, Dataset]:
    """Run internal query `name` for the client of `request` (its budget pays for the worker),
    its result written as `fmt` (a format name of api.worker)."""
    state = request.app.state
    dataset = state.holder.current
    bindings = bindings or {}
    key = (dataset.version, f"internal:{name}", fmt, tuple(sorted(bindings.items())))
    cached = state.cache.get(key)
    if cached is not None:
        return Outcome("ok", body=cached[0], format=fmt), dataset
    job = Job(query=query_text(name), formats={"solutions": fmt, "boolean": fmt, "triples": fmt},
              bindings=bindings, max_bytes=state.settings.max_result_bytes)
    outcome = await run_for(request, dataset, job, tokens_of(job.query))
    if outcome.status == "ok":
        state.cache.put(key, outcome.body, fmt)
    return outcome, dataset
