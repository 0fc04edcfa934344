"""Query execution with a time limit that really stops the work.

pyoxigraph holds the GIL-free Rust engine and offers no way to cancel a running query, so each
query runs in a worker process (api/worker.py) with its own store (api/stores.py). The web process
sends a Job down a pipe and waits at most `timeout` seconds; past that it kills the worker
(SIGKILL: the engine never sees the end otherwise), answers 503, and starts a replacement in
the background while the other workers go on serving. The common path is one pipe round trip.

Workers are fresh interpreters (about a quarter of a second to start), so nothing of the web
server (threads, sockets, its __main__) leaks into them.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

from kg.store import SnapshotChanged

from .jobs import Job, Outcome
from .settings import ROOT
from .stores import StoreSource


def _in_background(function) -> None:
    threading.Thread(target=function, daemon=True).start()


class _Worker:
    """One process with its own copy of the store. Used by one request at a time.

    A plain subprocess (`python -m api.worker`) rather than multiprocessing: it never re-runs
    the parent's __main__ and never inherits the web server's threads or sockets. Messages are
    multiprocessing Connection frames on a socket pair; the first says where the store is.
    """

    def __init__(self, source: StoreSource):
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.worker", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], cwd=ROOT, stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.conn.send(source.first_message())

    def wait_ready(self, timeout: float = 600.0) -> bool:  # loading into memory takes a while
        try:
            return self.conn.poll(timeout) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def call(self, job: Job, timeout: float) -> Outcome | None:
        """The outcome, or None when the time limit passed (the caller then kills us)."""
        self.conn.send(job)
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(2)
        self.conn.close()


class WorkerPool:
    """A fixed number of workers for one dataset version."""

    def __init__(self, source: StoreSource, size: int):
        self.source = source
        self.size = size
        self.active = 0  # requests that hold this pool (in flight)
        self.retiring = False
        self.replaced = 0  # workers killed and replaced, for /health
        self._idle: asyncio.Queue[_Worker] | None = None
        self._live: set[_Worker] = set()  # every started worker not yet killed or stopped
        self._loop: asyncio.AbstractEventLoop | None = None
        # Threads only wait on pipes; one per worker plus spares for replacements.
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="kg-query")

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(self._loop.run_in_executor(self._threads, self._spawn)
                                         for _ in range(self.size)))
        for w in workers:
            if w is None:
                raise RuntimeError("a query worker failed to start")
            self._idle.put_nowait(w)

    def _spawn(self) -> _Worker | None:
        try:
            w = _Worker(self.source)
        except (OSError, SnapshotChanged):  # this build's files are gone: later builds pruned them
            return None
        if w.wait_ready():
            self._live.add(w)
            return w
        w.kill()
        return None

    def pids(self) -> list[int]:
        return sorted(w.process.pid for w in list(self._live))

    async def run(self, job: Job, timeout: float) -> Outcome:
        self.active += 1  # before any await: retire() must see us
        try:
            try:
                w = await asyncio.wait_for(self._idle.get(), timeout)
            except TimeoutError:
                return Outcome("busy", message=f"every query worker stayed busy for {timeout:g} s; try again")
            # The thread owns the worker from here, so a client that hangs up cannot lose it.
            return await asyncio.shield(self._loop.run_in_executor(self._threads, self._serve, w, job, timeout))
        finally:
            self.active -= 1
            if self.retiring and self.active == 0:
                self._drain()

    def _serve(self, w: _Worker, job: Job, timeout: float) -> Outcome:
        try:
            outcome = w.call(job, timeout)
        except (EOFError, OSError) as error:
            outcome = Outcome("error", message=f"the query worker died ({error or type(error).__name__})")
            self._live.discard(w)
            w.kill()
            self._replace()
            return outcome
        if outcome is None:
            self._live.discard(w)
            w.kill()
            self._replace()
            return Outcome("timeout", message=(
                f"the query was stopped after the time limit of {timeout:g} s; "
                "narrow it (LIMIT, more specific patterns) or run it on a dump"))
        self._loop.call_soon_threadsafe(self._give_back, w)
        return outcome

    def _replace(self) -> None:
        self.replaced += 1
        new = self._spawn()
        if new is not None:
            self._loop.call_soon_threadsafe(self._give_back, new)

    def _give_back(self, w: _Worker) -> None:
        if self.retiring and self.active == 0:
            _in_background(w.stop)
        else:
            self._idle.put_nowait(w)

    def retire(self) -> None:
        """Stop once the requests in flight are done (they finish on this version)."""
        self.retiring = True
        if self.active == 0:
            self._drain()

    def _drain(self) -> None:
        while not self._idle.empty():
            _in_background(self._idle.get_nowait().stop)
        self._threads.shutdown(wait=False)

    def close(self) -> None:
        """Immediate shutdown (server stop)."""
        self.retiring = True
        while self._idle is not None and not self._idle.empty():
            self._idle.get_nowait().stop()
        self._threads.shutdown(wait=False, cancel_futures=True)
