"""Two lanes of query workers, so that cheap work never waits behind heavy work.

The normal lane has `--workers` workers and the query time limit. The short lane has its own
worker (`--short-workers`, default 1) and a short time limit (`--short-timeout`, 0.5 s); it takes

- a query whose shape answered within the short limit before: the tokens of its text with
  strings and numbers blanked out, so a label search for another name, or the same aggregate
  with another LIMIT, is the same shape (the shapes of the last 4,096 queries are kept);
- a query that is plainly bounded: one triple pattern, whatever its modifiers (GROUP BY, ORDER
  BY, LIMIT, aggregates): at worst one pass over one index, never a join.

A short-lane query that passes the short limit is stopped (its worker killed and replaced, as
any query at a time limit: pyoxigraph cannot be interrupted) and runs again in the normal lane,
so a wrong guess costs the short limit, never an answer. Its shape is remembered as slow and
its client keeps to the normal lane for a minute, so nobody can keep the short lane busy with
queries that only look short.

Both lanes hand out their workers client by client (api/fair.py) and charge every second a
worker spends to the client's budget.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import OrderedDict
from functools import lru_cache

from kg.querytext import analyse

from . import clients
from .fair import WINDOW, Budget, FairQueue
from .jobs import Job, Outcome
from .settings import Settings

log = logging.getLogger("channel_kg.api")

Token = tuple[str, str]  # (kind, text) as kg/querytext.py lexes it
SHAPES_KEPT = 4096
BUSY_RETRY_AFTER = 5  # seconds, for a query that waited too long in a queue
BUSIEST_SHOWN = 5  # clients on /health


def shape_of(tokens: tuple[Token, ...]) -> bytes:
    """A digest of the tokens with every string and number blanked out."""
    blanked = tuple(("", "") if kind == "string" or (kind == "word" and text[:1].isdigit()) else (kind, text)
                    for kind, text in tokens)
    return hashlib.blake2b(repr(blanked).encode(), digest_size=16).digest()


def is_single_pattern(tokens: tuple[Token, ...] | None) -> bool:
    """One triple pattern in the WHERE group, no other group anywhere, no FROM."""
    if not tokens:
        return False
    depth, start = 0, None
    for at, (kind, text) in enumerate(tokens):
        if kind == "other" and text in "()":
            depth += 1 if text == "(" else -1
        elif kind == "other" and text == "{":
            start = at
            break
        elif kind == "word" and text.upper() in ("FROM", "SERVICE"):
            return False
    if start is None or depth != 0:  # a `{` inside the SELECT clause is an EXISTS or a subquery
        return False
    end = start + 1
    while end < len(tokens) and tokens[end] != ("other", "}"):
        if tokens[end] == ("other", "{"):
            return False
        end += 1
    if end == len(tokens) or ("other", "{") in tokens[end + 1:]:
        return False
    body = list(tokens[start + 1:end])
    if body and body[-1] == ("other", "."):
        body.pop()
    return _three_terms(body)


def _three_terms(body: list[Token]) -> bool:
    at = 0
    for position in range(3):
        if at >= len(body):
            return False
        kind, text = body[at]
        at += 1
        if kind in ("var", "iri") or (kind == "word" and (":" in text and not text.startswith("_:"))):
            continue
        if position == 1:
            if (kind, text) == ("word", "a"):
                continue
            return False  # a path or anything else in the predicate
        if position == 2 and kind == "word" and (text[:1].isdigit() or text in ("true", "false")):
            continue
        if position == 2 and kind == "string":
            if body[at:at + 1] == [("other", "@")] and at + 1 < len(body) and body[at + 1][0] == "word":
                at += 2
            elif body[at:at + 2] == [("other", "^"), ("other", "^")] and at + 2 < len(body) \
                    and body[at + 2][0] in ("iri", "word"):
                at += 3
            continue
        return False
    return at == len(body)


class QueryShapes:
    """Which shapes answered within the short limit (True) or not (False), most recent kept."""

    def __init__(self, kept: int = SHAPES_KEPT):
        self.kept = kept
        self._fast: OrderedDict[bytes, bool] = OrderedDict()

    def fast(self, shape: bytes) -> bool | None:
        return self._fast.get(shape)

    def record(self, shape: bytes, fast: bool) -> None:
        self._fast[shape] = fast
        self._fast.move_to_end(shape)
        while len(self._fast) > self.kept:
            self._fast.popitem(last=False)

    def __len__(self) -> int:
        return len(self._fast)


class FairService:
    """Admission (budget), the lanes' queues, and the run of a job on the dataset's workers."""

    def __init__(self, settings: Settings, clock=time.monotonic):
        self.settings = settings
        self.clock = clock
        self.budget = Budget(settings.client_budget, clock)
        self.normal = FairQueue(settings.workers, settings.client_concurrency)
        self.short = FairQueue(settings.short_workers, settings.client_concurrency) \
            if settings.short_workers > 0 and not settings.store_url else None
        self.shapes = QueryShapes()
        self._kept_out: dict[str, float] = {}  # client -> until when it keeps to the normal lane
        self._reported: dict[str, list] = {}  # throttled client -> [last logged at, refusals since]
        self.refused = 0  # 429s
        self.waited_too_long = 0  # 503s from a queue
        self.moved_to_normal = 0  # short-lane queries that passed the short limit

    async def run(self, dataset, job: Job, client: str, tokens: tuple[Token, ...] | None) -> Outcome:
        refusal = self._refusal(client)
        if refusal is not None:
            return refusal
        shape = shape_of(tokens) if tokens else None
        short_pool = getattr(dataset, "short", None)
        if self.short is not None and short_pool is not None and self._short_lane_takes(client, tokens, shape):
            outcome, _ = await self._in_lane(self.short, short_pool, job, client, self.settings.short_timeout)
            if outcome.status != "timeout":
                if shape is not None and outcome.status == "ok":
                    self.shapes.record(shape, True)
                return outcome
            self.moved_to_normal += 1
            if shape is not None:
                self.shapes.record(shape, False)
            now = self.clock()
            self._kept_out = {c: until for c, until in self._kept_out.items() if until > now}
            self._kept_out[client] = now + WINDOW
        outcome, seconds = await self._in_lane(self.normal, dataset.executor, job, client,
                                               self.settings.query_timeout)
        if shape is not None and outcome.status in ("ok", "timeout"):
            self.shapes.record(shape, outcome.status == "ok" and seconds <= self.settings.short_timeout)
        return outcome

    def _short_lane_takes(self, client: str, tokens, shape: bytes | None) -> bool:
        until = self._kept_out.get(client)
        if until is not None:
            if until > self.clock():
                return False
            del self._kept_out[client]
        known = self.shapes.fast(shape) if shape is not None else None
        return known if known is not None else is_single_pattern(tokens)

    async def _in_lane(self, queue: FairQueue, pool, job: Job, client: str, timeout: float) -> tuple[Outcome, float]:
        max_wait = self.settings.max_wait
        if not await queue.acquire(client, max_wait):
            self.waited_too_long += 1
            return Outcome("busy", retry_after=BUSY_RETRY_AFTER, message=(
                f"the query waited {max_wait:g} s in the queue behind other clients' queries "
                f"without a free worker; try again in {BUSY_RETRY_AFTER} s")), 0.0
        ticket = self.budget.start(client)
        try:
            outcome = await pool.run(job, timeout, wait=max_wait)
        finally:
            seconds = self.budget.finish(client, ticket)
            queue.release(client)
        return outcome, seconds

    def _refusal(self, client: str) -> Outcome | None:
        retry = self.budget.retry_after(client)
        if retry is not None:
            reason = (f"this client used {self.budget.used(client):.1f} s of query time in the last minute, "
                      f"over its budget of {self.budget.limit:g} s a minute; "
                      f"retry after {retry} s (cached answers are still served)")
        elif self.normal.waiting(client) + (self.short.waiting(client) if self.short else 0) \
                >= self.settings.client_queue:
            retry = BUSY_RETRY_AFTER
            reason = (f"this client already has {self.settings.client_queue} queries waiting for a worker; "
                      f"send the next when one is answered (retry after {retry} s)")
        else:
            return None
        self.refused += 1
        self._report(client, reason)
        return Outcome("throttled", message=reason, retry_after=retry)

    def _report(self, client: str, reason: str) -> None:
        """Name a throttled client in the log at most once a minute, with the refusals between."""
        now = self.clock()
        seen = self._reported.get(client)
        if seen is not None and now - seen[0] < WINDOW:
            seen[1] += 1
            return
        for other in [c for c, (at, _) in self._reported.items() if now - at >= WINDOW]:
            del self._reported[other]
        earlier = f"; {seen[1]} more refused since the last report" if seen and seen[1] else ""
        log.warning("throttled client %s (%s on /health): %s%s", client, clients.anonymised(client), reason, earlier)
        self._reported[client] = [now, 0]

    def health(self) -> dict:
        """Queue lengths and the busiest clients' usage, addresses anonymised."""
        lanes = {"normal": self.normal, **({"short": self.short} if self.short else {})}
        known = self.budget.clients() | set(self.normal.running) | {c for q in lanes.values() for c in q.clients()}
        usage = sorted(((self.budget.used(c), c) for c in known), reverse=True)[:BUSIEST_SHOWN]
        return {
            "queues": {name: {"workers": q.slots, "running": q.busy, "waiting": q.waiting()}
                       for name, q in lanes.items()},
            "busiest_clients": [{
                "client": clients.anonymised(c), "seconds_last_minute": round(used, 4),
                "running": sum(q.running.get(c, 0) for q in lanes.values()),
                "waiting": sum(q.waiting(c) for q in lanes.values()),
            } for used, c in usage],
            "limits": {"seconds_per_minute": self.settings.client_budget,
                       "concurrent_while_others_wait": self.settings.client_concurrency,
                       "waiting_per_client": self.settings.client_queue, "max_wait": self.settings.max_wait,
                       "short_timeout": self.settings.short_timeout, "trust_proxy": self.settings.trust_proxy},
            "refused": self.refused, "waited_too_long": self.waited_too_long,
            "moved_to_normal_lane": self.moved_to_normal, "shapes_known": len(self.shapes),
        }


@lru_cache(maxsize=256)
def tokens_of(text: str) -> tuple[Token, ...] | None:
    """The tokens of one of the server's own queries (api/internal.py, api/views.py)."""
    return analyse(text).tokens


async def run_for(request, dataset, job: Job, tokens: tuple[Token, ...] | None) -> Outcome:
    """Run `job` on the dataset's workers for the client that sent `request`."""
    state = request.app.state
    client = clients.client_of(request.scope, state.settings.trust_proxy)
    return await state.fair.run(dataset, job, client, tokens)
