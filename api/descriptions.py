"""The build's VoID description (void.ttl) read for pages: the dataset's figures, its class
partitions, and each named graph (void:subset) with its count and provenance.

void.ttl is the one place these are written (kg/export.py); the pages read it rather than
saying it again. Parsed once per file version: a large build has a subset per article graph.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FIGURES = {"triples": "triples", "entities": "entities", "distinctSubjects": "distinct subjects",
           "properties": "properties"}


def read_void(path: Path) -> dict | None:
    """The description in `path` (None when there is no such file), parsed once per version."""
    try:
        return _parsed(path, path.stat().st_mtime_ns)
    except OSError:
        return None


@lru_cache(maxsize=4)
def _parsed(path: Path, mtime_ns: int) -> dict:
    by_subject: dict[str, dict[str, list]] = {}
    for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
        fields = by_subject.setdefault(quad.subject.value, {})
        fields.setdefault(quad.predicate.value, []).append(quad.object)
    datasets = [s for s, f in by_subject.items()
                if any(o.value == VOID + "Dataset" for o in f.get(RDF_TYPE, [])) and VOID + "subset" in f]
    root = datasets[0] if datasets else next(iter(by_subject), "")
    fields = by_subject.get(root, {})

    def first(subject_fields: dict, iri: str) -> str | None:
        values = subject_fields.get(iri)
        return values[0].value if values else None

    partitions = []
    for node in fields.get(VOID + "classPartition", []):
        part = by_subject.get(node.value, {})
        partitions.append({"class": first(part, VOID + "class"), "entities": int(first(part, VOID + "entities") or 0)})
    graphs = {}
    for node in fields.get(VOID + "subset", []):
        part = by_subject.get(node.value, {})
        graphs[node.value] = {
            "iri": node.value, "title": first(part, DCTERMS + "title"),
            "description": first(part, DCTERMS + "description"),
            "triples": int(first(part, VOID + "triples") or 0),
            "derived_from": [o.value for o in part.get(PROV + "wasDerivedFrom", [])],
            "generated_by": [o.value for o in part.get(PROV + "wasGeneratedBy", [])],
        }
    return {
        "iri": root, "title": first(fields, DCTERMS + "title"), "description": first(fields, DCTERMS + "description"),
        "license": first(fields, DCTERMS + "license"), "endpoint": first(fields, VOID + "sparqlEndpoint"),
        "uri_space": first(fields, VOID + "uriSpace"),
        "figures": [(label, int(first(fields, VOID + name))) for name, label in FIGURES.items()
                    if first(fields, VOID + name) is not None],
        "dumps": sorted(o.value for o in fields.get(VOID + "dataDump", [])),
        "vocabularies": sorted(o.value for o in fields.get(VOID + "vocabulary", [])),
        "partitions": sorted(partitions, key=lambda p: (-p["entities"], p["class"] or "")),
        "graphs": dict(sorted(graphs.items())),
    }
