"""The SPARQL 1.1 Service Description of /sparql (W3C Recommendation, 21 March 2013, section 3).

Describes what a client may rely on: the query language, the result formats, that the default
graph is the union of the named graphs, and the named graphs with their sizes (from the build's
manifest). Written with rdflib: small, and made once per request for the service description.
"""

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, VOID, XSD

from kg.namespaces import SD, bind_prefixes

FORMATS = URIRef("http://www.w3.org/ns/formats/")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "JSON-LD", "N-Triples", "RDF_XML")
RDFLIB_FORMAT = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}


def service_description(endpoint: str, manifest: dict, fmt: str) -> bytes:
    g = Graph()
    bind_prefixes(g)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, URIRef(FORMATS + name)))
    dataset, default = BNode(), BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    if "triples" in manifest:
        g.add((default, VOID.triples, Literal(int(manifest["triples"]), datatype=XSD.integer)))
    for iri, count in sorted((manifest.get("graphs") or {}).items()):
        named, graph = BNode(), BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, Literal(int(count), datatype=XSD.integer)))
    return g.serialize(format=RDFLIB_FORMAT[fmt], encoding="utf-8")
