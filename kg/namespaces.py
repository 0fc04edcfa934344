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

# One prefix per kind of thing (CONTRACT "Added in v2"), as Wikidata has wd:, so that a thing can
# be written in a query: person:priti-patel (id:person/priti-patel is not a legal prefixed name).
KIND_PREFIXES = {kind: Namespace(f"{ID}{kind}/") for kind in (
    "person", "organisation", "meeting", "agreement", "pledge", "funding", "statistic", "statement",
    "article", "evidence")}

PREFIXES = {
    "ck": CK, "id": ID, **KIND_PREFIXES, "pt": PT, "ms": MS, "cg": CG, "rule": RULE,
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
RULES_GRAPH = CG["rules"]  # the mapping rules, one prov:Plan each (kg/rule_plans.py)


def curated_graph(stem: str):
    return CG[f"article/{stem}/curated"]


def rules_graph(stem: str):
    return CG[f"article/{stem}/rules"]


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)



def prefixed(iri: str) -> str | None:
    """`iri` as prefix:rest with the longest of our namespaces that holds it, for display
    (person:priti-patel, not id:person/priti-patel); None when none does."""
    best = max((str(ns) for ns in PREFIXES.values() if iri.startswith(str(ns)) and len(iri) > len(str(ns))),
               key=len, default=None)
    if best is None:
        return None
    prefix = next(name for name, ns in PREFIXES.items() if str(ns) == best)
    return f"{prefix}:{iri[len(best):]}"
