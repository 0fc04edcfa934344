"""The built dataset in a pyoxigraph Store: one loader shared by `kg query` and the API.

The build writes `channel-kg.nq` (every triple in a named graph) and `manifest.json`, whose
`version` is the SHA-256 of the N-Quads file. We load the N-Quads because it keeps the named
graphs, and we hash the very bytes we load, so the version we report is the data we serve even
if build/ is swapped (renamed) while we read it.
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


@dataclass(frozen=True)
class Snapshot:
    """The bytes of one build, read once; workers load their stores from these."""

    data: bytes
    version: str
    manifest: dict = field(default_factory=dict)
    modified: float = 0.0  # POSIX time of the N-Quads file, for Last-Modified

    @property
    def empty(self) -> bool:
        return not self.data


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
    """Read build/channel-kg.nq; an absent build gives an empty snapshot (the server still starts)."""
    path = Path(build_dir) / NQUADS
    try:
        data = path.read_bytes()
        modified = path.stat().st_mtime
    except OSError:
        return Snapshot(b"", EMPTY_VERSION, {}, 0.0)
    return Snapshot(data, hashlib.sha256(data).hexdigest(), read_manifest(build_dir), modified)


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
    return store_from_bytes(snapshot.data, union_default), snapshot
