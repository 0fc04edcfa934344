"""Every namespace the project uses, in one place."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

BASE = "https://w3id.org/channel-kg/"

CK = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
PT = Namespace(BASE + "pledge-type/")
MS = Namespace(BASE + "measure/")
CG = Namespace(BASE + "graph/")
RULE = Namespace(BASE + "rule/")

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

PREFIXES = {
    "ck": CK, "id": ID, "pt": PT, "ms": MS, "cg": CG, "rule": RULE,
    "schema": SCHEMA, "org": ORG, "oa": OA, "sh": SH, "sd": SD, "dcat": DCAT,
    "dcterms": DCTERMS, "foaf": FOAF, "owl": OWL, "prov": PROV, "rdf": RDF,
    "rdfs": RDFS, "skos": SKOS, "void": VOID, "xsd": XSD,
}

# Named graphs (see docs/DESIGN.md).
ONTOLOGY_GRAPH = CG["ontology"]
VOCAB_GRAPH = CG["vocab"]
EXTERNAL_GRAPH = CG["external"]
INFERRED_GRAPH = CG["inferred"]
DISAGREEMENTS_GRAPH = CG["disagreements"]


def curated_graph(stem: str):
    return CG[f"article/{stem}/curated"]


def rules_graph(stem: str):
    return CG[f"article/{stem}/rules"]


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
