"""Reading and writing dump files, byte-for-byte the same for the same graph.

rdflib writes triples in store order, which depends on insertion order and hashing; dumps
are therefore written as sorted N-Quads/N-Triples lines, and the pretty formats (TriG,
Turtle) from graphs rebuilt from those sorted lines.
"""

import hashlib
import json
from pathlib import Path

from rdflib import BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph

from .errors import InputError
from .namespaces import bind_prefixes

FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


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


def sorted_nquads(dataset: Dataset) -> str:
    lines = stable_blank_nodes(dataset).serialize(format="nquads").splitlines()
    return "".join(sorted(set(line + "\n" for line in lines if line.strip())))


def stable_blank_nodes(dataset: Dataset) -> Dataset:
    """The same dataset with blank nodes named by their content (the ontology's OWL lists),
    and per graph, so that two builds name them alike and no two graphs share one."""
    stable = Dataset()
    for graph in dataset.graphs():
        target = stable.graph(graph.identifier)
        if not any(isinstance(term, BNode) for triple in graph for term in triple):
            target += graph
            continue
        tag = hashlib.sha256(str(graph.identifier).encode()).hexdigest()[:8]
        for triple in to_canonical_graph(graph):
            target.add(tuple(BNode(f"g{tag}{term}") if isinstance(term, BNode) else term for term in triple))
    return stable


def sorted_ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt").splitlines()
    return "".join(sorted(set(line + "\n" for line in lines if line.strip())))


def canonical_dataset(nquads: str) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    dataset.parse(data=nquads, format="nquads")
    return dataset


def trig_text(dataset: Dataset) -> str:
    """TriG with the graphs in IRI order (rdflib's own TriG writer follows store order)."""
    prefixes, blocks = set(), []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(graph):
            continue
        named = Graph()
        bind_prefixes(named)
        named += graph
        lines = named.serialize(format="turtle").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = [f"    {line}" if line else "" for line in lines if not line.startswith("@prefix")]
        blocks.append(f"<{graph.identifier}> {{\n" + "\n".join(body).strip("\n") + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def union_graph(dataset: Dataset) -> Graph:
    union = Graph()
    bind_prefixes(union)
    for graph in dataset.graphs():
        union += graph
    return union


def jsonld_text(dataset: Dataset, context: dict) -> str:
    """Compacted JSON-LD, named graphs kept, objects ordered by @id for stable output."""
    document = json.loads(dataset.serialize(format="json-ld", context=context, auto_compact=True))
    graphs = document.get("@graph", [])
    for graph in graphs:
        if isinstance(graph.get("@graph"), list):
            graph["@graph"].sort(key=lambda node: json.dumps(node, sort_keys=True))
    graphs.sort(key=lambda node: json.dumps(node, sort_keys=True))
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
