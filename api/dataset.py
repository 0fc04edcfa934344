"""The dataset being served, and the swap to a new build without a restart.

Every request takes `holder.current` once and uses it to the end, so a request in flight
finishes on the version it started with. At most once a second (settings.reload_check_seconds)
a request stat()s build/manifest.json; when it changed, a background task reads the new build,
starts its workers and only then swaps the reference; the old workers stop once idle.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from email.utils import formatdate

import pyoxigraph as ox

from kg.answers import Answers
from kg.store import Snapshot, manifest_stamp, read_snapshot

from . import stores
from .cache import ResultCache
from .engine import open_store
from .executor import WorkerPool
from .remote import RemoteExecutor
from .settings import Settings

log = logging.getLogger("channel_kg.api")


@dataclass(frozen=True)
class Dataset:
    snapshot: Snapshot
    executor: WorkerPool | RemoteExecutor
    # The web process's own copy, for bounded lookups (api/lookups.py); None behind a remote store.
    store: ox.Store | None = None
    # The short lane's workers (api/lanes.py); None behind a remote store or with --short-workers 0.
    short: WorkerPool | None = None
    # What the build answered ahead (kg/answers.py), when the workers use the build's store.
    answers: Answers = Answers()

    @property
    def version(self) -> str:
        return self.snapshot.version

    @property
    def last_modified(self) -> str:
        return formatdate(self.snapshot.modified or 0, usegmt=True)


class DatasetHolder:
    def __init__(self, settings: Settings, cache: ResultCache):
        self.settings = settings
        self.cache = cache
        self._current: Dataset | None = None
        self._stamp = None
        self._checked = 0.0
        self._reloading: asyncio.Task | None = None

    async def start(self) -> None:
        self._stamp = manifest_stamp(self.settings.build_dir)
        snapshot = await asyncio.to_thread(read_snapshot, self.settings.build_dir)
        self._current = await self._open(snapshot)
        self._checked = time.monotonic()

    async def _open(self, snapshot: Snapshot) -> Dataset:
        short, answers = None, Answers()
        if self.settings.store_url:
            executor, store = RemoteExecutor(self.settings.store_url, snapshot), None
        else:
            source = await asyncio.to_thread(stores.choose, snapshot, self.settings)
            executor = WorkerPool(source, self.settings.workers)
            short = WorkerPool(source, self.settings.short_workers) if self.settings.short_workers > 0 else None
            store = await asyncio.to_thread(open_store, *source.first_message())
            if source.disk is not None and source.disk == stores.built_store(snapshot):
                # Only beside the store they were computed on: the order of rows ORDER BY ranks
                # alike (and of GROUP_CONCAT's items) is the store's, so each answer is exactly
                # what a worker would write.
                answers = Answers(snapshot.source.parent, snapshot.version)
        await asyncio.gather(*(pool.start() for pool in (executor, short) if pool is not None))
        return Dataset(snapshot, executor, store, short, answers)

    @property
    def current(self) -> Dataset:
        now = time.monotonic()
        if now - self._checked >= self.settings.reload_check_seconds and self._reloading is None:
            self._checked = now
            stamp = manifest_stamp(self.settings.build_dir)
            if stamp != self._stamp:
                self._reloading = asyncio.get_running_loop().create_task(self._reload(stamp))
        return self._current

    async def _reload(self, stamp) -> None:
        try:
            snapshot = await asyncio.to_thread(read_snapshot, self.settings.build_dir)
            expected = snapshot.manifest.get("version")
            if expected and expected != snapshot.version:
                return  # caught build/ mid-swap: leave the stamp alone and look again next time
            if snapshot.version != self._current.version:
                new = await self._open(snapshot)
                old, self._current = self._current, new
                self.cache.keep_only(new.version)
                old.executor.retire()
                if old.short is not None:
                    old.short.retire()
                log.info("serving build %s (%s triples)", new.version[:12], snapshot.manifest.get("triples"))
            self._stamp = stamp
        except Exception:
            log.exception("could not load the new build; still serving %s", self._current.version[:12])
        finally:
            self._reloading = None

    async def wait_reloaded(self) -> None:
        """For tests and /health: finish a reload that is under way."""
        if self._reloading is not None:
            await asyncio.shield(self._reloading)

    def close(self) -> None:
        if self._current is not None:
            self._current.executor.close()
            if self._current.short is not None:
                self._current.short.close()
