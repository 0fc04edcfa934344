"""Stage 4 — reason: the OWL 2 RL closure (owlrl), keeping only what the reasoner added.

owlrl also derives bookkeeping triples that tell a researcher nothing (every node
`owl:sameAs` itself, `rdf:type owl:Thing`, facts about OWL's own terms); those are dropped
so that the inferred graph holds exactly the added facts about our things and terms.
"""

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import BASE, bind_prefixes

_UNINFORMATIVE_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


def infer(asserted: Graph) -> Graph:
    """Triples that OWL-RL reasoning adds to `asserted` (ontology, vocab and data together)."""
    closure = Graph()
    closure += asserted
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)
    inferred = Graph()
    bind_prefixes(inferred)
    for triple in closure:
        if triple not in asserted and _informative(triple):
            inferred.add(triple)
    return inferred


def _informative(triple) -> bool:
    subject, predicate, obj = triple
    if not (isinstance(subject, URIRef) and subject.startswith(BASE)):
        return False
    if predicate == OWL.sameAs and subject == obj:
        return False
    if predicate == RDF.type and obj in _UNINFORMATIVE_TYPES:
        return False
    return not (isinstance(obj, Literal) and predicate == RDF.type)
