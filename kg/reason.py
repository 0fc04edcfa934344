"""Stage 4 — reason: the OWL 2 RL closure, keeping only what the reasoner added.

owlrl is the reference reasoner. For the axioms our ontology uses, `kg.closure` computes the
same triples in a fraction of the time (tests/test_reasoning_paths.py compares the two on the
seeds and on a synthetic corpus); it is chosen automatically whenever it handles every OWL
term in the input, and owlrl runs otherwise.

owlrl also derives bookkeeping triples that tell a researcher nothing (every node
`owl:sameAs` itself, `rdf:type owl:Thing`, facts about OWL's own terms); those are dropped
so that the inferred graph holds exactly the added facts about our things and terms.
"""

import owlrl
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

from . import closure
from .namespaces import BASE, bind_prefixes
from .triples import Triple, from_graph, is_literal, parse_lines, to_graph

_UNINFORMATIVE_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
_UNINFORMATIVE_TYPE_TERMS = {term.n3() for term in _UNINFORMATIVE_TYPES}
_OUR_TERMS = f"<{BASE}"
_TYPE, _SAME_AS = RDF.type.n3(), OWL.sameAs.n3()


def infer(asserted: Graph) -> Graph:
    """Triples that OWL-RL reasoning adds to `asserted` (ontology, vocab and data together)."""
    inferred = to_graph(infer_triples(set(from_graph(asserted))))
    bind_prefixes(inferred)
    return inferred


def infer_triples(asserted: set[Triple], reasoner: str = "auto") -> set[Triple]:
    """The informative triples reasoning adds to `asserted` (term strings, see kg.triples).

    `reasoner` is "auto" (the fast closure where it applies), "owlrl" or "closure"."""
    schema = closure.Schema(asserted) if reasoner != "owlrl" else None
    if schema is None or (reasoner == "auto" and schema.problem):
        added = owlrl_closure(asserted)
    elif schema.problem:
        raise ValueError(f"the fast closure does not apply: {schema.problem}")
    else:
        added = closure.closure(asserted, schema)
    return {triple for triple in added if _informative(triple)}


def fast_path_problem(asserted) -> str | None:
    """Why the fast closure cannot stand in for owlrl on `asserted`; None when it can."""
    return closure.Schema(asserted).problem


def owlrl_closure(asserted: set[Triple]) -> set[Triple]:
    """The reference: owlrl's OWL 2 RL closure, minus the input."""
    graph = to_graph(asserted)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    return {triple for triple in _closure_triples(graph) if triple not in asserted}


def _closure_triples(graph: Graph):
    """owlrl's result as term strings; generalised triples (literal subjects) are skipped,
    since N-Triples cannot hold them and they are never informative."""
    kept = Graph()
    for triple in graph:
        if not isinstance(triple[0], Literal):
            kept.add(triple)
    return parse_lines(kept.serialize(format="nt"))  # labels kept: the input's blank nodes


def _informative(triple: Triple) -> bool:
    subject, predicate, obj = triple
    if not subject.startswith(_OUR_TERMS):
        return False
    if predicate == _SAME_AS and subject == obj:
        return False
    if predicate == _TYPE and obj in _UNINFORMATIVE_TYPE_TERMS:
        return False
    return not (is_literal(obj) and predicate == _TYPE)
