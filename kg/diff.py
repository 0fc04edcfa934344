"""`kg diff OLD NEW`: the facts a change of inputs added, removed and changed.

Facts are compared per source: an article (its curated and rules graphs together) or one of the
shared graphs (ontology, vocab, external). A fact an article newly states is "added" to that
article even if another article already stated it: a steward adding an article sees exactly
what it brought. The inferred graph is left out, since it follows from the rest.

Terms are kept as N-Triples strings, typed literals in canonical form; blank nodes are renamed
by a hash of what they describe, so two builds that differ only in blank-node labels (OWL
restrictions, RDF lists) show no change.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import click
import pyoxigraph as ox

from .namespaces import BASE, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, prefixed

QUADS_FILE = "channel-kg.nq"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
FUNCTIONAL = "<http://www.w3.org/2002/07/owl#FunctionalProperty>"
CK_PREFIX = "<" + str(PREFIXES["ck"])
GRAPH_PREFIX = "<" + BASE + "graph/"
IGNORED_GRAPHS = ("<" + str(INFERRED_GRAPH) + ">",)
SHARED_SOURCES = ("ontology", "vocab", "external")


class DiffError(click.ClickException):
    """OLD or NEW cannot be read; printed by `kg diff` without a traceback (exit 2)."""

    exit_code = 2


@dataclass(frozen=True)
class FactChange:
    change: str        # "added", "removed" or "changed"
    source: str        # article stem, or "ontology" / "vocab" / "external"
    kind: str          # local name of the subject's most specific type, e.g. "Funding"
    subject: str       # N-Triples terms from here on
    predicate: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def line(self) -> str:
        """`+ id:funding/x ck:amount "5"^^xsd:decimal`, `~ … old -> new` for people."""
        facts = f"{short(self.subject)} {short(self.predicate)}"
        if self.change == "changed":
            return f"~ {facts} {', '.join(map(short, self.old))} -> {', '.join(map(short, self.new))}"
        mark = "+" if self.change == "added" else "-"
        return f"{mark} {facts} {', '.join(map(short, self.new or self.old))}"


@dataclass
class Side:
    """One build or release, read for comparison."""

    facts: dict[str, dict[tuple[str, str], set[str]]]  # source -> (subject, predicate) -> objects
    types: dict[str, set[str]]                           # subject -> rdf:type objects
    superclasses: dict[str, set[str]]                    # class -> its rdfs:subClassOf objects
    functional: set[str]                                 # predicates declared owl:FunctionalProperty


@dataclass
class Diff:
    old: Path
    new: Path
    changes: list[FactChange]

    def count(self, change: str) -> int:
        return sum(1 for item in self.changes if item.change == change)

    def text(self) -> str:
        sources = {item.source for item in self.changes}
        lines = [f"diff {self.old} -> {self.new} (the inferred graph is left out: it follows from the rest)",
                 f"{self.count('added')} added, {self.count('removed')} removed, {self.count('changed')} changed"
                 f" in {len(sources)} source(s)"]
        source = kind = None
        for item in self.changes:  # sorted by source, then kind
            if item.source != source:
                source, kind = item.source, None
                lines += ["", item.source if item.source in SHARED_SOURCES else f"article {item.source}"]
            if item.kind != kind:
                kind = item.kind
                lines.append(f"  {kind}")
            lines.append(f"    {item.line()}")
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        return json.dumps({
            "old": str(self.old), "new": str(self.new),
            "ignoredGraphs": [graph.strip("<>") for graph in IGNORED_GRAPHS],
            "summary": {change: self.count(change) for change in ("added", "removed", "changed")},
            "changes": [dict(asdict(item), old=list(item.old), new=list(item.new)) for item in self.changes],
        }, indent=2, ensure_ascii=False) + "\n"


def diff_dumps(old: Path, new: Path) -> Diff:
    """Compare two builds or releases (folders holding channel-kg.nq, or the files themselves)."""
    before, after = read_side(Path(old)), read_side(Path(new))
    changes = []
    for source in sorted(before.facts.keys() | after.facts.keys()):
        changes += _compare(source, before, after)
    changes.sort(key=lambda item: (item.source, item.kind, item.subject, item.predicate, item.change, item.old, item.new))
    return Diff(Path(old), Path(new), changes)


def read_side(path: Path) -> Side:
    quads_path = path / QUADS_FILE if path.is_dir() else path
    if not quads_path.is_file():
        raise DiffError(f"{quads_path} not found: give a build or release folder holding {QUADS_FILE}")
    # Read through a Store because it stores typed literals in canonical form: "1185.0" and
    # "1185" are the same xsd:decimal and must not show up as a change.
    store = ox.Store()
    try:
        store.load(path=quads_path, format=ox.RdfFormat.N_QUADS)
    except SyntaxError as error:
        raise DiffError(f"{quads_path}: {error}") from None
    quads = list(store.quads_for_pattern(None, None, None, None))
    name = _blank_node_names(quads)
    side = Side(defaultdict(lambda: defaultdict(set)), defaultdict(set), defaultdict(set), set())
    for quad in quads:
        graph = str(quad.graph_name)
        subject, predicate, obj = name(graph, quad.subject), str(quad.predicate), name(graph, quad.object)
        if graph not in IGNORED_GRAPHS:
            side.facts[source_of(graph)][(subject, predicate)].add(obj)
        # Types from every graph, the inferred one included, name the kind of a subject.
        if predicate == RDF_TYPE:
            side.types[subject].add(obj)
            if obj == FUNCTIONAL:
                side.functional.add(subject)
        elif predicate == SUBCLASS_OF and graph == "<" + str(ONTOLOGY_GRAPH) + ">":
            side.superclasses[subject].add(obj)
    return side


def source_of(graph: str) -> str:
    """`<…/graph/article/{stem}/curated>` -> stem; `<…/graph/vocab>` -> "vocab"."""
    inner = graph.strip("<>")
    if not graph.startswith(GRAPH_PREFIX):
        return inner or "default"
    parts = inner[len(GRAPH_PREFIX) - 1:].split("/")
    return parts[1] if parts[0] == "article" and len(parts) > 1 else parts[0]


def _compare(source: str, before: Side, after: Side) -> list[FactChange]:
    old_facts, new_facts = before.facts.get(source, {}), after.facts.get(source, {})
    functional = before.functional | after.functional
    changes = []
    for subject, predicate in old_facts.keys() | new_facts.keys():
        old = old_facts.get((subject, predicate), set())
        new = new_facts.get((subject, predicate), set())
        if old == new:
            continue
        # "Changed": a property that holds one value per subject (declared functional, or one value
        # on each side) now holds another; anything else is objects added and removed.
        if old and new and (predicate in functional or (len(old) == 1 and len(new) == 1)):
            kind = _kind(subject, after, before)
            changes.append(FactChange("changed", source, kind, subject, predicate, tuple(sorted(old)), tuple(sorted(new))))
            continue
        for obj in sorted(new - old):
            changes.append(FactChange("added", source, _kind(subject, after, before), subject, predicate, (), (obj,)))
        for obj in sorted(old - new):
            changes.append(FactChange("removed", source, _kind(subject, before, after), subject, predicate, (obj,), ()))
    return changes


def _kind(subject: str, side: Side, fallback: Side | None = None) -> str:
    """The subject's most specific type, preferring ChannelKG classes: ck:Minister over ck:Person."""
    types = side.types.get(subject) or (fallback.types.get(subject, set()) if fallback else set())
    preferred = {t for t in types if t.startswith(CK_PREFIX)} or types
    ancestors = set().union(*(_ancestors(t, side) for t in preferred)) if preferred else set()
    specific = sorted(preferred - ancestors) or sorted(preferred)
    return "/".join(local_name(t) for t in specific) or "(untyped)"


def _ancestors(cls: str, side: Side) -> set[str]:
    seen, todo = set(), list(side.superclasses.get(cls, ()))
    while todo:
        parent = todo.pop()
        if parent not in seen:
            seen.add(parent)
            todo += side.superclasses.get(parent, ())
    return seen


def _blank_node_names(quads: list) -> Callable[..., str]:
    """A naming function giving each blank node a label made from a hash of its description."""
    described = defaultdict(list)
    for quad in quads:
        if isinstance(quad.subject, ox.BlankNode):
            described[(str(quad.graph_name), quad.subject.value)].append((quad.predicate, quad.object))
    labels: dict[tuple[str, str], str] = {}

    def label(graph: str, node: ox.BlankNode, path: frozenset = frozenset()) -> str:
        key = (graph, node.value)
        if key in labels:
            return labels[key]
        if key in path:  # a cycle of blank nodes: stop describing here
            return "_:cycle"
        text = "\n".join(sorted(f"{p} {name(graph, o, path | {key})}" for p, o in described[key]))
        labels[key] = "_:h" + hashlib.sha256(text.encode()).hexdigest()[:16]
        return labels[key]

    def name(graph: str, term, path: frozenset = frozenset()) -> str:
        return label(graph, term, path) if isinstance(term, ox.BlankNode) else str(term)

    return name


def local_name(term: str) -> str:
    iri = term.strip("<>")
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if "#" in iri or "/" in iri else iri


def short(term: str) -> str:
    """An N-Triples term with well-known namespaces written as prefixes, for people."""
    if term.startswith("<"):
        return _prefixed(term[1:-1])
    if term.startswith('"') and "^^<" in term:
        lexical, datatype = term.rsplit("^^<", 1)
        return f"{lexical}^^{_prefixed(datatype[:-1])}"
    return term


def _prefixed(iri: str) -> str:
    return prefixed(iri) or f"<{iri}>"
