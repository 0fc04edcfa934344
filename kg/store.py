"""The built dataset in a pyoxigraph Store: one loader shared by `kg query` and the API.

The build writes `channel-kg.nq` (every triple in a named graph) and `manifest.json`, whose
`version` is the SHA-256 of the N-Quads file. We load the N-Quads because it keeps the named
graphs. A snapshot names the file by its resolved path (build/ is a symlink the next build
moves; the folder it points into never changes) and its hash, and reading it checks the hash,
so the version we report is the data we serve. Nobody keeps the bytes: at a million triples
they are a quarter of a gigabyte.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

NQUADS = "channel-kg.nq"
MANIFEST = "manifest.json"
EMPTY_VERSION = hashlib.sha256(b"").hexdigest()


class SnapshotChanged(Exception):
    pass


@dataclass(frozen=True)
class Snapshot:
    """One build's N-Quads file, by resolved path and content hash."""

    source: Path | None  # None: no build yet
    version: str
    manifest: dict = field(default_factory=dict)
    modified: float = 0.0  # POSIX time of the N-Quads file, for Last-Modified

    @property
    def empty(self) -> bool:
        return self.source is None

    def read(self) -> bytes:
        """The N-Quads bytes, exactly those the version names."""
        if self.source is None:
            return b""
        data = self.source.read_bytes()
        if hashlib.sha256(data).hexdigest() != self.version:
            raise SnapshotChanged(f"{self.source} changed since it was read as version {self.version[:12]}")
        return data


def read_manifest(build_dir: Path) -> dict:
    try:
        return json.loads((Path(build_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def manifest_stamp(build_dir: Path) -> tuple | None:
    """A cheap fingerprint of manifest.json (a stat, no read): changes when build/ is replaced."""
    try:
        st = (Path(build_dir) / MANIFEST).stat()
    except OSError:
        try:  # a build without a manifest still counts, by its N-Quads file
            st = (Path(build_dir) / NQUADS).stat()
        except OSError:
            return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def read_snapshot(build_dir: Path) -> Snapshot:
    """Find and hash build/channel-kg.nq; an absent build gives an empty snapshot (the server
    still starts)."""
    try:
        path = (Path(build_dir) / NQUADS).resolve(strict=True)
        with path.open("rb") as file:
            version = hashlib.file_digest(file, "sha256").hexdigest()
        modified = path.stat().st_mtime
    except OSError:
        return Snapshot(None, EMPTY_VERSION, {}, 0.0)
    return Snapshot(path, version, read_manifest(path.parent), modified)


# The default graph is the RDF merge of the named graphs: a set, each triple once. pyoxigraph's
# use_default_graph_as_union matches quad by quad instead, so a triple stated in a curated graph
# and again by the rules or the reasoner would come back two or three times (and COUNT with it).
UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def store_from_bytes(data: bytes, union_default: bool = False) -> ox.Store:
    """An in-memory store with the named graphs of the N-Quads; with `union_default`, their union
    (a set) is also the default graph, so queries need no use_default_graph_as_union."""
    store = ox.Store()
    if data:
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        if union_default:
            store.update(UNION)
    return store


def load_store(build_dir: Path, union_default: bool = False) -> tuple[ox.Store, Snapshot]:
    snapshot = read_snapshot(build_dir)
    if snapshot.empty:
        raise FileNotFoundError(f"{Path(build_dir) / NQUADS} not found: run `kg build` first")
    return store_from_bytes(snapshot.read(), union_default), snapshot


# Measured (bench/README.md): pyoxigraph's in-memory store with the union copy takes about 2.3 to
# 2.6 times the N-Quads file in memory, on top of the ~30 MB of an interpreter.
MEMORY_PER_NQUADS_BYTE = 2.6
INTERPRETER_BYTES = 30 * 2**20


def in_memory_bytes(snapshot: Snapshot) -> int:
    """About what one process holding `snapshot` in an in-memory store takes."""
    size = snapshot.source.stat().st_size if snapshot.source else 0
    return int(MEMORY_PER_NQUADS_BYTE * size) + INTERPRETER_BYTES


def write_disk_store(snapshot: Snapshot, dest: Path) -> None:
    """An on-disk (RocksDB) store of `snapshot` at `dest`, the union as its default graph; opened
    read-only by any number of processes, it costs each of them tens of megabytes, not a copy."""
    data = snapshot.read()
    store = ox.Store(str(dest))
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    # The union as a set: a store holds each quad once, so loading every triple into the
    # default graph keeps one copy (faster than the UNION update, which is transactional).
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object)
                      for q in ox.parse(data, format=ox.RdfFormat.N_QUADS))
    store.flush()
    store.optimize()
