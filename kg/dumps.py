"""Reading and writing dump files, byte-for-byte the same for the same graph.

The dataset is held as sorted term strings (kg.triples). N-Quads are written from them in
line order, by merging the graphs' sorted triples; the union's N-Triples come out of the same
merge. TriG and Turtle are written by pyoxigraph (Rust; an rdflib writer takes minutes on a
large build) from those sorted lines, so they too follow one order.
"""

import hashlib
import os
import tempfile
from bisect import bisect_left
from collections import Counter
from itertools import repeat
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from .errors import InputError
from .namespaces import PREFIXES
from .triples import NamedGraphs, Triple

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
    union (its triples come out sorted, so each subject once, in a run)."""

    def __init__(self, entity_prefix: str, class_prefix: str):
        self.sha256 = hashlib.sha256()
        self.quads = self.triples = self.subjects = self.entities = 0
        self.predicates: set[str] = set()
        self.classes: Counter = Counter()  # instances per class, for entities' types in class_prefix
        self._entity, self._class = entity_prefix, class_prefix

    def count(self, triple: Triple, new_subject: bool) -> None:
        s, p, o = triple
        self.triples += 1
        self.predicates.add(p)
        if new_subject:
            self.subjects += 1
            self.entities += s.startswith(self._entity)
        if p == _TYPE and o.startswith(self._class) and s.startswith(self._entity):
            self.classes[o] += 1


def write_nquads(named: NamedGraphs, path: Path, union_path: Path, written: Written) -> Written:
    """Sorted N-Quads to `path`, and the union's sorted N-Triples to `union_path`.

    The quads are gathered and sorted a range of subjects at a time (each graph is sorted, so
    a range is a slice of each), which keeps memory small and the sorting in C."""
    names = named.names()
    graphs = [named.sorted(name) for name in names]
    starts = [0] * len(graphs)
    previous, subject = None, None
    with open(path, "wb") as quads_out, open(union_path, "wb") as union_out:
        for upper in [*_subject_bounds(graphs), None]:
            chunk = []
            for number, triples in enumerate(graphs):
                start = starts[number]
                end = len(triples) if upper is None else bisect_left(triples, (upper,), start)
                if end > start:
                    chunk.extend(zip(triples[start:end], repeat(names[number])))
                    starts[number] = end
            chunk.sort()
            for batch in range(0, len(chunk), _BATCH):
                quad_lines, triple_lines = [], []
                for triple, g in chunk[batch:batch + _BATCH]:
                    s, p, o = triple
                    quad_lines.append(f"{s} {p} {o} {g} .\n")
                    if triple != previous:
                        previous = triple
                        triple_lines.append(f"{s} {p} {o} .\n")
                        written.count(triple, s != subject)
                        subject = s
                data = "".join(quad_lines).encode("utf-8")
                quads_out.write(data)
                written.sha256.update(data)
                written.quads += len(quad_lines)
                union_out.write("".join(triple_lines).encode("utf-8"))
    return written


def _subject_bounds(graphs: list[list[Triple]], per_chunk: int = 400_000, step: int = 64) -> list[str]:
    """Subjects that cut the quads into ranges of about `per_chunk` (from a sample)."""
    sample = sorted(t[0] for triples in graphs for t in triples[::step])
    every = max(1, per_chunk // step)
    return sorted(set(sample[every::every]))


def write_trig(named: NamedGraphs, path: Path) -> None:
    """TriG: the graphs in IRI order, each graph's triples in term order."""
    def quads():
        for name in named.names():
            triples = named.sorted(name)
            for batch in range(0, len(triples), _BATCH):  # bounded text: the inferred graph is huge
                text = "".join(f"{s} {p} {o} {name} .\n" for s, p, o in triples[batch:batch + _BATCH])
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
