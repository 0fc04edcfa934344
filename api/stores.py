"""Where the query workers, and the web process for its bounded lookups, get their store: in
memory, or on disk when memory would not hold one copy each.

Each worker holds its own store (a query past the time limit is stopped by killing its process,
so workers cannot share one in memory). When one copy per worker of both lanes (api/lanes.py),
and one for the web process, fit in the memory budget
(settings.memory_budget_bytes, 1 GB by default), each loads the N-Quads into memory: the
fastest. Past it, the server writes the build once into an on-disk store beside build/
(`build.stores/{version}`, reused at the next start) and each opens it read-only: a copy then
costs tens of megabytes, and a replaced worker starts at once. Measured in bench/README.md.

    python -m api.stores NQUADS VERSION DEST    # what the server runs to write a disk store
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.answers import STORE, Answers
from kg.store import Snapshot, in_memory_bytes, write_disk_store

from .settings import ROOT, Settings

log = logging.getLogger("channel_kg.api")

WEB_PROCESS_BYTES = 100 * 2**20  # the web process itself, with its result cache
KEEP_STORES = 3  # as build versions: the current one and those servers may still be reading


@dataclass(frozen=True)
class StoreSource:
    snapshot: Snapshot
    disk: Path | None = None  # None: load the N-Quads into memory

    def first_message(self) -> tuple[str, object]:
        """What a new worker is sent to open its store."""
        return ("disk", str(self.disk)) if self.disk else ("memory", self.snapshot.read())


def choose(snapshot: Snapshot, settings: Settings) -> StoreSource:
    """In memory if `workers + short_workers + 1` copies fit the budget, else a disk store (written if need be:
    this may take a while, so call it off the event loop)."""
    # One copy per worker, and one in the web process for bounded lookups (api/lookups.py).
    need = (settings.workers + settings.short_workers + 1) * in_memory_bytes(snapshot) + WEB_PROCESS_BYTES
    if snapshot.empty or need <= settings.memory_budget_bytes:
        return StoreSource(snapshot)
    built = built_store(snapshot)
    if built is not None:
        return StoreSource(snapshot, built)
    stores = settings.build_dir.parent / f"{settings.build_dir.name}.stores"
    try:
        return StoreSource(snapshot, disk_store(snapshot, stores))
    except (OSError, subprocess.CalledProcessError) as error:  # e.g. the build is on a read-only disk
        log.warning("could not write an on-disk store in %s (%s); loading the graph into memory instead",
                    stores, error)
        return StoreSource(snapshot)


def built_store(snapshot: Snapshot) -> Path | None:
    """The store the build wrote beside its dumps (kg/answers.py), if it did, for this very
    data: the answers' index, written after the store, names the version."""
    folder = snapshot.source.parent
    if (folder / STORE).is_dir() and Answers(folder, snapshot.version).version == snapshot.version:
        return folder / STORE
    return None


def disk_store(snapshot: Snapshot, stores: Path) -> Path:
    final = stores / snapshot.version[:16]
    if final.exists():  # written at an earlier start; only complete stores are renamed in
        return final
    stores.mkdir(parents=True, exist_ok=True)
    staging = stores / f".tmp-{os.getpid()}-{threading.get_ident()}"
    shutil.rmtree(staging, ignore_errors=True)
    # In a process of its own: loading briefly takes about as much memory as an in-memory
    # store, which the web process would otherwise keep.
    subprocess.run([sys.executable, "-m", "api.stores", str(snapshot.source), snapshot.version, str(staging)],
                   check=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    try:
        staging.rename(final)
    except OSError:  # another server wrote it meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    _prune(stores, keep=final)
    return final


def _prune(stores: Path, keep: Path) -> None:
    older = sorted((p for p in stores.iterdir() if p != keep and not p.name.startswith(".")),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in older[KEEP_STORES - 1:]:
        shutil.rmtree(stale, ignore_errors=True)


if __name__ == "__main__":
    source, version, dest = sys.argv[1:4]
    write_disk_store(Snapshot(Path(source), version), Path(dest))
