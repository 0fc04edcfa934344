"""Stage 6 — export: write the dumps, the VoID description and the manifest into a folder.

Every file is derived from one sorted N-Quads text, so the same graph always gives the
same bytes. `write_dumps` writes into whatever folder it is given; making the swap atomic
is the build's job.
"""

import hashlib
import json
from collections import Counter
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from .dumps import canonical_dataset, jsonld_text, sorted_nquads, sorted_ntriples, trig_text, union_graph
from .namespaces import BASE, CK, ID, PREFIXES, bind_prefixes

DATASET = URIRef(BASE)
VOID_NODES = Namespace(BASE + "void#")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DUMP_FILES = ["channel-kg.trig", "channel-kg.nq", "channel-kg.ttl", "channel-kg.jsonld"]


def write_dumps(dataset: Dataset, out_dir: Path, context: dict) -> dict:
    """Write every dump into `out_dir`; returns the manifest (also written as manifest.json)."""
    nquads = sorted_nquads(dataset)
    canonical = canonical_dataset(nquads)
    union = union_graph(canonical)
    files = {
        "channel-kg.nq": nquads,
        "channel-kg.trig": trig_text(canonical),
        "channel-kg.ttl": union.serialize(format="turtle"),
        "channel-kg.jsonld": jsonld_text(canonical, context),
        "void.ttl": void_description(canonical, union).serialize(format="turtle"),
    }
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8")
    manifest = build_manifest(canonical, union, nquads, files)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def build_manifest(dataset: Dataset, union: Graph, nquads: str, files: dict) -> dict:
    return {
        "version": hashlib.sha256(nquads.encode()).hexdigest(),
        "triples": len(union),
        "quads": nquads.count("\n"),
        "graphs": {str(g.identifier): len(g) for g in sorted(dataset.graphs(), key=lambda g: str(g.identifier)) if len(g)},
        "classes": {_short(cls): n for cls, n in sorted(class_counts(union).items())},
        "files": {name: hashlib.sha256(text.encode()).hexdigest() for name, text in sorted(files.items())},
    }


def class_counts(union: Graph) -> Counter:
    """Things per ck: class (inferred types included, so a Minister also counts as a Person)."""
    return Counter(cls for node, cls in union.subject_objects(RDF.type)
                   if isinstance(cls, URIRef) and cls.startswith(str(CK)) and node.startswith(str(ID)))


def void_description(dataset: Dataset, union: Graph) -> Graph:
    void = Graph()
    bind_prefixes(void)
    void.add((DATASET, RDF.type, VOID.Dataset))
    void.add((DATASET, DCTERMS.title, Literal("ChannelKG", lang="en")))
    void.add((DATASET, DCTERMS.description, Literal(
        "UK–France cooperation against small-boat Channel crossings, from news articles, with evidence.", lang="en")))
    void.add((DATASET, DCTERMS.license, LICENSE))
    void.add((DATASET, VOID.sparqlEndpoint, URIRef(BASE + "sparql")))
    void.add((DATASET, VOID.uriSpace, Literal(str(ID))))
    for name in DUMP_FILES:
        void.add((DATASET, VOID.dataDump, URIRef(f"{BASE}dumps/{name}")))
    for prefix in ("ck", "schema", "prov", "skos", "org", "dcterms", "oa"):
        void.add((DATASET, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    _add_counts(void, DATASET, union)
    for cls, count in sorted(class_counts(union).items()):
        partition = VOID_NODES[f"class-{cls.split('#')[-1]}"]
        void.add((DATASET, VOID.classPartition, partition))
        void.add((partition, VOID["class"], cls))
        void.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph):
            void.add((DATASET, VOID.subset, graph.identifier))
            void.add((graph.identifier, RDF.type, VOID.Dataset))
            void.add((graph.identifier, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    return void


def _add_counts(void: Graph, node, graph: Graph) -> None:
    entities = {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(ID))}
    void.add((node, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    void.add((node, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    void.add((node, VOID.distinctSubjects, Literal(len(set(graph.subjects())), datatype=XSD.integer)))
    void.add((node, VOID.properties, Literal(len(set(graph.predicates())), datatype=XSD.integer)))


def _short(iri: URIRef) -> str:
    return "ck:" + str(iri).split("#")[-1]


def export_build(build_dir: Path, fmt: str) -> bytes:
    """`kg export`: the built dataset in another serialisation."""
    from .dumps import read_dataset

    names = {"trig": "channel-kg.trig", "nquads": "channel-kg.nq", "turtle": "channel-kg.ttl",
             "jsonld": "channel-kg.jsonld"}
    if fmt in names:
        return (Path(build_dir) / names[fmt]).read_bytes()
    dataset = read_dataset(Path(build_dir) / "channel-kg.nq")
    return sorted_ntriples(union_graph(dataset)).encode()
