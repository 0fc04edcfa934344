"""Query execution with a time limit that really stops the work.

pyoxigraph holds the GIL-free Rust engine and offers no way to cancel a running query, so each
query runs in a worker process (api/worker.py) with its own store (api/stores.py). The web process
writes a Job to the worker's socket and waits at most `timeout` seconds for the Outcome; past
that it kills the worker (SIGKILL: the engine never sees the end otherwise), answers 503, and
starts a replacement in the background while the other workers go on serving.

The common path is one round trip on a socket pair, read with asyncio streams (api/frames.py):
no thread is woken and no future crosses threads, which keeps a small query's overhead near a
tenth of a millisecond. Threads only start, stop and kill processes.

Workers are fresh interpreters (about a quarter of a second to start), so nothing of the web
server (threads, sockets, its __main__) leaks into them.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

from kg.store import SnapshotChanged

from . import frames
from .jobs import Job, Outcome
from .settings import ROOT
from .stores import StoreSource

ANSWER_BUFFER_BYTES = 16 * 2**20


class _Worker:
    """One process with its own copy of the store. Used by one request at a time.

    A plain subprocess (`python -m api.worker`) rather than multiprocessing: it never re-runs
    the parent's __main__ and never inherits the web server's threads or sockets. The first
    message on its socket says where the store is; the worker answers "ready" once it is open.
    """

    def __init__(self, source: StoreSource):
        self.sock, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.worker", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], cwd=ROOT, stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        frames.send(self.sock, source.first_message())

    def wait_ready(self, timeout: float = 600.0) -> bool:  # loading into memory takes a while
        self.sock.settimeout(timeout)
        try:
            return frames.receive(self.sock) == "ready"
        except (EOFError, OSError):  # socket.timeout is an OSError
            return False

    async def attach(self) -> None:
        """Hand the socket to the event loop (after wait_ready, on the loop's thread)."""
        self.sock.setblocking(False)
        # A large buffer limit: the reader would otherwise pause the socket every 128 KB of a big answer.
        self.reader, self.writer = await asyncio.open_connection(sock=self.sock, limit=ANSWER_BUFFER_BYTES)

    async def call(self, job: Job, timeout: float) -> Outcome:
        """The outcome; TimeoutError past the limit (the caller then kills us), EOFError or
        OSError when the process died."""
        self.writer.write(frames.encode(job))
        async with asyncio.timeout(timeout):
            return await frames.read(self.reader)

    def close(self) -> None:
        """Close our end of the socket (on the loop's thread): a worker that reads EOF exits."""
        if self.writer is not None:
            # abort() closes the socket only on the loop's next turn; a shutdown now lets the
            # worker read EOF at once, even when the caller goes on to wait for it (server stop).
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.writer.transport.abort()
        else:
            self.sock.close()

    def reap(self, kill: bool) -> None:
        """Wait for the process to end, killing it first or if it lingers (blocking: run it
        off the event loop, after close())."""
        if kill:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


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
        self._background: set[asyncio.Task] = set()  # replacements under way (kept from the GC)

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(self._start_worker() for _ in range(self.size)))
        for w in workers:
            if w is None:
                raise RuntimeError("a query worker failed to start")
            self._idle.put_nowait(w)

    async def _start_worker(self) -> _Worker | None:
        w = await asyncio.to_thread(self._spawn)
        if w is not None:
            await w.attach()
            self._live.add(w)
        return w

    def _spawn(self) -> _Worker | None:
        try:
            w = _Worker(self.source)
        except (OSError, SnapshotChanged):  # this build's files are gone: later builds pruned them
            return None
        if w.wait_ready():
            return w
        w.close()
        w.reap(kill=True)
        return None

    def pids(self) -> list[int]:
        return sorted(w.process.pid for w in list(self._live))

    async def run(self, job: Job, timeout: float, wait: float | None = None) -> Outcome:
        """Run `job` within `timeout` seconds, after waiting at most `wait` (default: `timeout`)
        for an idle worker (api/lanes.py hands out workers first, so the wait is short)."""
        self.active += 1  # before any await: retire() must see us
        wait = timeout if wait is None else wait
        try:
            try:
                async with asyncio.timeout(wait):
                    w = await self._idle.get()
            except TimeoutError:
                return Outcome("busy", retry_after=5,
                               message=f"every query worker stayed busy for {wait:g} s; try again")
            # Shielded: a client that hangs up must not leave an answer unread on the socket.
            return await asyncio.shield(self._serve(w, job, timeout))
        finally:
            self.active -= 1
            if self.retiring and self.active == 0:
                self._drain()

    async def _serve(self, w: _Worker, job: Job, timeout: float) -> Outcome:
        try:
            outcome = await w.call(job, timeout)
        except TimeoutError:
            self._replace(w)
            return Outcome("timeout", message=(
                f"the query was stopped after the time limit of {timeout:g} s; "
                "narrow it (LIMIT, more specific patterns) or run it on a dump"))
        except (EOFError, OSError) as error:
            self._replace(w)
            return Outcome("error", message=f"the query worker died ({error or type(error).__name__})")
        self._give_back(w)
        return outcome

    def _replace(self, w: _Worker) -> None:
        """Kill `w` and start another in the background."""
        self._live.discard(w)
        self.replaced += 1
        task = asyncio.get_running_loop().create_task(self._kill_and_restart(w))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _kill_and_restart(self, w: _Worker) -> None:
        w.close()
        await asyncio.to_thread(w.reap, True)
        new = await self._start_worker()
        if new is not None:
            self._give_back(new)

    def _give_back(self, w: _Worker) -> None:
        if self.retiring and self.active == 0:
            self._stop_in_background(w)
        else:
            self._idle.put_nowait(w)

    def _stop_in_background(self, w: _Worker) -> None:
        self._live.discard(w)
        w.close()
        task = asyncio.get_running_loop().create_task(asyncio.to_thread(w.reap, False))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def retire(self) -> None:
        """Stop once the requests in flight are done (they finish on this version)."""
        self.retiring = True
        if self.active == 0:
            self._drain()

    def _drain(self) -> None:
        while not self._idle.empty():
            self._stop_in_background(self._idle.get_nowait())

    def close(self) -> None:
        """Immediate shutdown (server stop): idle workers exit, busy ones are killed."""
        self.retiring = True
        idle = []
        while self._idle is not None and not self._idle.empty():
            idle.append(self._idle.get_nowait())
        for w in list(self._live):
            self._live.discard(w)
            w.close()
            w.reap(kill=w not in idle)
