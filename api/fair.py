"""Fair shares of the query workers: per-client budgets and queues served client by client.

Modelled on Wikidata's query service: each client (api/clients.py) has a budget of worker
seconds per rolling minute and is told to come back later (429 with Retry-After) once it is
spent; while other clients wait, each runs at most a few queries at once; and waiting queries
are served client by client in turn, not first come first served, so a client that sends a
hundred queries waits behind its own queries, not in front of everyone else's.

Everything here runs on the event loop's thread, so no locks. State is dropped for clients that
have nothing running, waiting or spent in the last minute: memory stays bounded by the
clients of the last minute.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict, deque

WINDOW = 60.0  # seconds: the rolling minute of the budget


class Budget:
    """Worker seconds each client used in the last minute, including queries still running."""

    def __init__(self, seconds_per_minute: float, clock=time.monotonic):
        self.limit = seconds_per_minute
        self.clock = clock
        self._spent: dict[str, deque[tuple[float, float]]] = {}  # client -> (finished at, seconds)
        self._running: dict[str, dict[int, float]] = {}  # client -> {ticket: started at}
        self._tickets = 0

    SWEEP_EVERY = 1000  # queries: then the records of clients gone quiet are dropped

    def start(self, client: str) -> int:
        self._tickets += 1
        if self._tickets % self.SWEEP_EVERY == 0:
            for quiet in list(self._spent):
                self.used(quiet)  # drops records older than the minute
        self._running.setdefault(client, {})[self._tickets] = self.clock()
        return self._tickets

    def finish(self, client: str, ticket: int) -> float:
        """Charge the query's seconds to its client; returns them."""
        running = self._running.get(client, {})
        started = running.pop(ticket, None)
        if not running:
            self._running.pop(client, None)
        if started is None:
            return 0.0
        now = self.clock()
        self._spent.setdefault(client, deque()).append((now, now - started))
        return now - started

    def used(self, client: str) -> float:
        now = self.clock()
        records = self._spent.get(client)
        if records is not None:
            while records and records[0][0] <= now - WINDOW:
                records.popleft()
            if not records:
                del self._spent[client]
        done = sum(seconds for _, seconds in records or ())
        return done + sum(now - started for started in self._running.get(client, {}).values())

    def retry_after(self, client: str) -> int | None:
        """None while the client is within its budget, else whole seconds until it is again
        (as far as finished queries tell: a query still running may add to it)."""
        over = self.used(client) - self.limit
        if over < 0:
            return None
        now = self.clock()
        for finished, seconds in self._spent.get(client, ()):
            over -= seconds
            if over < 0:
                return max(1, math.ceil(finished + WINDOW - now))
        return max(1, math.ceil(WINDOW))  # spent by queries still running

    def clients(self) -> set[str]:
        return set(self._spent) | set(self._running)


class FairQueue:
    """The slots of one lane (its workers), handed to waiting queries client by client.

    A free slot goes to a waiting client below `per_client` queries running if there is one,
    and among those to the one served longest ago (round-robin: a client served goes to the
    back of the turn; a client never served comes first). So a client runs at most `per_client`
    queries while others wait, and may use every slot when nobody else does.
    """

    TURNS_KEPT = 10_000  # clients whose last turn is remembered (the oldest are forgotten)

    def __init__(self, slots: int, per_client: int):
        self.slots = slots
        self.per_client = per_client
        self.busy = 0
        self.running: dict[str, int] = {}
        self._waiting: dict[str, deque[asyncio.Future]] = {}
        self._turns: OrderedDict[str, int] = OrderedDict()  # client -> when it was last served
        self._turn = 0
        self.served_order: deque[str] = deque(maxlen=64)  # the last clients granted a slot, for tests

    def clients(self) -> set[str]:
        """Clients with queries waiting."""
        return set(self._waiting)

    def waiting(self, client: str | None = None) -> int:
        if client is not None:
            return len(self._waiting.get(client, ()))
        return sum(len(q) for q in self._waiting.values())

    async def acquire(self, client: str, max_wait: float) -> bool:
        """True once the client holds a slot; False after `max_wait` seconds of waiting."""
        if self.busy < self.slots and not self._waiting:
            self._grant(client)
            return True
        future = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(client, deque()).append(future)
        self._hand_out()
        try:
            async with asyncio.timeout(max_wait):
                await future
            return True
        except TimeoutError:
            if future.done() and not future.cancelled():
                return True  # granted just as the wait ran out
            self._forget(client, future)
            return False
        except asyncio.CancelledError:  # the request went away
            if future.done() and not future.cancelled():
                self.release(client)
            else:
                future.cancel()
                self._forget(client, future)
            raise

    def release(self, client: str) -> None:
        self.busy -= 1
        left = self.running.get(client, 1) - 1
        if left:
            self.running[client] = left
        else:
            self.running.pop(client, None)
        self._hand_out()

    def _grant(self, client: str) -> None:
        self.busy += 1
        self.running[client] = self.running.get(client, 0) + 1
        self._turn += 1
        self._turns[client] = self._turn
        self._turns.move_to_end(client)
        if len(self._turns) > self.TURNS_KEPT:
            self._turns.popitem(last=False)
        self.served_order.append(client)

    def _next_client(self) -> str:
        return min(self._waiting, key=lambda c: (self.running.get(c, 0) >= self.per_client, self._turns.get(c, 0)))

    def _hand_out(self) -> None:
        while self.busy < self.slots and self._waiting:
            client = self._next_client()
            queue = self._waiting[client]
            future = queue.popleft()
            if not queue:
                del self._waiting[client]
            if future.done():  # cancelled, and its task has not yet taken it out
                continue
            self._grant(client)
            future.set_result(True)

    def _forget(self, client: str, future: asyncio.Future) -> None:
        queue = self._waiting.get(client)
        if queue is None:
            return
        try:
            queue.remove(future)
        except ValueError:
            pass
        if not queue:
            del self._waiting[client]
