"""Stage 6 — export: write the dumps, the VoID description and the manifest into a folder.

Every file is derived from the sorted triples of kg.triples, so the same graph always gives
the same bytes. The files are written as streams (a large build's N-Quads are more than a
gigabyte); `write_dumps` writes into whatever folder it is given; making the swap atomic is
the build's job.
"""

import hashlib
import json
from collections import Counter
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, VOID, XSD

from .dumps import (Written, read_nquads, sorted_union_ntriples, temporary_path, write_nquads, write_trig,
                    write_turtle)
from .jsonld import write_jsonld
from . import iris
from .namespaces import BASE, CG, CK, ID, PREFIXES, bind_prefixes
from .triples import NamedGraphs

DATASET = URIRef(BASE)
VOID_NODES = Namespace(BASE + "void#")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DUMP_FILES = ["channel-kg.trig", "channel-kg.nq", "channel-kg.ttl", "channel-kg.jsonld"]
_CK, _ID = f"<{CK}", f"<{ID}"


def write_dumps(dataset: NamedGraphs | Dataset, out_dir: Path, context: dict) -> dict:
    """Write every dump into `out_dir`; returns the manifest (also written as manifest.json)."""
    named = dataset if isinstance(dataset, NamedGraphs) else NamedGraphs.from_dataset(dataset)
    out_dir = Path(out_dir)
    union_file = temporary_path(out_dir, ".nt")
    try:
        written = write_nquads(named, out_dir / "channel-kg.nq", union_file, Written(_ID, _CK))
        write_turtle(union_file, out_dir / "channel-kg.ttl")
    finally:
        union_file.unlink()
    write_trig(named, out_dir / "channel-kg.trig")
    with open(out_dir / "channel-kg.jsonld", "w", encoding="utf-8") as out:
        write_jsonld(named, context, out)
    counts = Counts(named, written)
    (out_dir / "void.ttl").write_text(void_description(counts).serialize(format="turtle"), encoding="utf-8")
    manifest = build_manifest(counts, written.sha256.hexdigest(), written.quads, out_dir)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


class Counts:
    """The figures VoID and the manifest report, gathered while the N-Quads were written."""

    def __init__(self, named: NamedGraphs, written: Written):
        self.triples = written.triples
        self.graphs = {name[1:-1]: len(named.graphs[name]) for name in named.names()}
        self.subjects = written.subjects
        self.entities = written.entities
        self.properties = len(written.predicates)
        self.classes = Counter({URIRef(cls[1:-1]): n for cls, n in written.classes.items()})


def build_manifest(counts: Counts, version: str, quads: int, out_dir: Path) -> dict:
    files = {name: _sha256(out_dir / name) for name in sorted([*DUMP_FILES, "void.ttl"])}
    return {
        "version": version,
        "triples": counts.triples,
        "quads": quads,
        "graphs": counts.graphs,
        "classes": {_short(cls): n for cls, n in sorted(counts.classes.items())},
        "files": files,
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def void_description(counts: Counts) -> Graph:
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
    for predicate, count in [(VOID.triples, counts.triples), (VOID.entities, counts.entities),
                             (VOID.distinctSubjects, counts.subjects), (VOID.properties, counts.properties)]:
        void.add((DATASET, predicate, Literal(count, datatype=XSD.integer)))
    for cls, count in sorted(counts.classes.items()):
        partition = VOID_NODES[f"class-{cls.split('#')[-1]}"]
        void.add((DATASET, VOID.classPartition, partition))
        void.add((partition, VOID["class"], cls))
        void.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for name, count in counts.graphs.items():
        graph = URIRef(name)
        void.add((DATASET, VOID.subset, graph))
        void.add((graph, RDF.type, VOID.Dataset))
        void.add((graph, VOID.triples, Literal(count, datatype=XSD.integer)))
        for predicate, value in graph_provenance(name):
            void.add((graph, predicate, value))
    return void


# What each kind of named graph holds and where it comes from (docs/DESIGN.md, README "Named graphs").
_GRAPHS = {
    "ontology": ("The ontology", "The ChannelKG ontology, as written in ontology/channel-kg.ttl."),
    "vocab": ("The concept schemes", "The pledge types and measures (SKOS), as written in ontology/vocab/."),
    "external": ("Outside knowledge", "Knowledge not printed in any article, each fact with its source, "
                 "from mappings/external.ttl: only what concerns nodes of this build."),
    "inferred": ("Inferred triples", "Only the triples the OWL 2 RL reasoner added to the union of the other graphs."),
    "rules": ("The mapping rules", "One prov:Plan per rule of mappings/rules/*.yaml: family, pattern, description."),
}


def graph_provenance(name: str) -> list[tuple[URIRef, object]]:
    """(property, value) pairs saying what the named graph `name` holds and where it comes from."""
    rest = name.removeprefix(str(CG))
    if rest in _GRAPHS:
        title, description = _GRAPHS[rest]
        return [(DCTERMS.title, Literal(title, lang="en")), (DCTERMS.description, Literal(description, lang="en"))]
    parts = rest.split("/")
    if len(parts) != 3 or parts[0] != "article" or parts[2] not in ("curated", "rules"):
        return []
    stem, origin = parts[1], parts[2]
    article = iris.article(stem)
    found = [(PROV.wasDerivedFrom, article)]
    if origin == "curated":
        found += [(DCTERMS.title, Literal(f"Curated triples of article {stem}", lang="en")),
                  (DCTERMS.description, Literal(f"Written by hand in mappings/curated/{stem}.ttl; the build "
                                                "found each quote in the article and added its offsets.", lang="en"))]
    else:
        found += [(DCTERMS.title, Literal(f"Rule-mapped triples of article {stem}", lang="en")),
                  (DCTERMS.description, Literal("What the mapping rules of mappings/rules/ found in the article; "
                                                "each evidence names its rule (ck:rule).", lang="en")),
                  (PROV.wasGeneratedBy, ID[f"activity/rules-{stem}"])]
    return found


def _short(iri: URIRef) -> str:
    return "ck:" + str(iri).split("#")[-1]


def export_build(build_dir: Path, fmt: str) -> bytes:
    """`kg export`: the built dataset in another serialisation."""
    names = {"trig": "channel-kg.trig", "nquads": "channel-kg.nq", "turtle": "channel-kg.ttl",
             "jsonld": "channel-kg.jsonld"}
    if fmt in names:
        return (Path(build_dir) / names[fmt]).read_bytes()
    return sorted_union_ntriples(read_nquads(Path(build_dir) / "channel-kg.nq")).encode()
