"""Reading and writing dump files, byte-for-byte the same for the same graph.

The dataset is held as sorted term strings (kg.triples). N-Quads are written from them in
line order, by merging the graphs' sorted triples; the union's N-Triples come out of the same
merge. TriG and Turtle are written by pyoxigraph (Rust; an rdflib writer takes minutes on a
large build) from those sorted lines, so they too follow one order.
"""

import hashlib
import heapq
import os
import tempfile
from itertools import repeat
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from .errors import InputError
from .namespaces import PREFIXES
from .triples import NamedGraphs

FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
# Names under id: and cg: hold slashes, which a prefixed name would have to escape (id:person\/…);
# those IRIs are written in full.
_PREFIXES = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items()) if prefix not in ("id", "cg")}
_BATCH = 20_000  # lines per write
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def read_dataset(path: Path) -> Dataset:
    path = Path(path)
    fmt = FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(path, f"unknown dump format {path.suffix!r}; use one of {', '.join(FORMATS)}")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(path, format=fmt)
    except Exception as error:  # each rdflib parser raises its own kind; all mean bad input
        raise InputError(path, f"cannot parse as {fmt}: {error}") from None
    return dataset


def read_nquads(path: Path) -> NamedGraphs:
    """A build's channel-kg.nq back as term strings (the lines are ours: one quad each)."""
    graphs: dict[str, list] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            subject, predicate, rest = line.rstrip("\n").split(" ", 2)
            obj, graph, _ = rest.rsplit(" ", 2)
            graphs.setdefault(graph, []).append((subject, predicate, obj))
    named = NamedGraphs()
    for name, triples in graphs.items():
        named.put(name, triples)
    return named


class Written:
    """What writing the N-Quads finds out on the way: the file's hash, and counts of the
    union (its triples come out of the merge sorted, so each subject once, in a run)."""

    def __init__(self):
        self.sha256 = hashlib.sha256()
        self.quads = self.triples = self.subjects = 0
        self.predicates: set[str] = set()
        self.subject_terms: list[str] = []  # distinct subjects, for callers that classify them
        self.types: list[tuple[str, str]] = []  # (subject, class) of every rdf:type triple


def write_nquads(named: NamedGraphs, path: Path, union_path: Path) -> Written:
    """Sorted N-Quads to `path`, and the union's sorted N-Triples to `union_path`."""
    written = Written()
    streams = [zip(named.sorted(name), repeat(name)) for name in named.names()]
    previous, subject = None, None
    with open(path, "w", encoding="utf-8") as quads_out, open(union_path, "w", encoding="utf-8") as union_out:
        quad_lines, triple_lines = [], []
        for triple, g in heapq.merge(*streams):
            s, p, o = triple
            quad_lines.append(f"{s} {p} {o} {g} .\n")
            if triple != previous:
                previous = triple
                triple_lines.append(f"{s} {p} {o} .\n")
                written.predicates.add(p)
                if p == _TYPE:
                    written.types.append((s, o))
                if s != subject:
                    subject = s
                    written.subject_terms.append(s)
            if len(quad_lines) >= _BATCH:
                _flush(quad_lines, triple_lines, quads_out, union_out, written)
        _flush(quad_lines, triple_lines, quads_out, union_out, written)
    written.subjects = len(written.subject_terms)
    return written


def _flush(quad_lines: list, triple_lines: list, quads_out, union_out, written: Written) -> None:
    text = "".join(quad_lines)
    quads_out.write(text)
    written.sha256.update(text.encode("utf-8"))
    written.quads += len(quad_lines)
    written.triples += len(triple_lines)
    union_out.write("".join(triple_lines))
    quad_lines.clear()
    triple_lines.clear()


def write_trig(named: NamedGraphs, path: Path) -> None:
    """TriG: the graphs in IRI order, each graph's triples in term order."""
    def quads():
        for name in named.names():
            text = "".join(f"{s} {p} {o} {name} .\n" for s, p, o in named.sorted(name))
            yield from ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
    with open(path, "wb") as out:
        ox.serialize(quads(), _SortedPrefixes(out), format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)


def write_turtle(ntriples_path: Path, path: Path) -> None:
    """Turtle of an N-Triples file, in the file's order."""
    triples = ox.parse(path=str(ntriples_path), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    with open(path, "wb") as out:
        ox.serialize(triples, _SortedPrefixes(out), format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


class _SortedPrefixes:
    """A binary writer that puts the prefix lines in name order: pyoxigraph keeps them in a
    map whose order we do not control, and the bytes must not depend on it."""

    def __init__(self, out):
        self.out, self.head = out, b""
        out.write("".join(f"@prefix {p}: <{iri}> .\n" for p, iri in _PREFIXES.items()).encode())

    def write(self, data) -> int:
        if self.head is None:
            return self.out.write(data)
        self.head += bytes(data)
        while self.head.startswith(b"@prefix") and b"\n" in self.head:
            self.head = self.head.split(b"\n", 1)[1]
        if self.head and not b"@prefix".startswith(self.head[:7]):
            self.out.write(self.head)
            self.head = None
        return len(data)

    def flush(self) -> None:
        if self.head:
            self.out.write(self.head)
            self.head = None


def sorted_union_ntriples(named: NamedGraphs) -> str:
    """The union of all graphs as sorted N-Triples text."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in sorted(named.union()))


def temporary_path(folder: Path, suffix: str) -> Path:
    handle, name = tempfile.mkstemp(suffix=suffix, dir=folder)
    os.close(handle)
    return Path(name)
