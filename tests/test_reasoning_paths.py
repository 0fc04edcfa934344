"""The fast closure (kg.closure) infers exactly what owlrl infers, after the same filtering.

owlrl stays the reference reasoner; the build uses the fast closure only where it handles
every OWL term in the input (`Schema.problem` is None). Literals are compared as pyoxigraph
reads them (RDF 1.1: "x" and "x"^^xsd:string are one literal), so a difference in how the two
paths spell a literal cannot hide or fake a difference in what they infer.
"""

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import closure, curated, mapping, ontology, project, reason, seeds
from kg.build import assemble
from kg.dumps import read_nquads
from kg.namespaces import INFERRED_GRAPH

ROOT = Path(__file__).resolve().parents[1]
OWL = "http://www.w3.org/2002/07/owl#"
CK = "https://w3id.org/channel-kg/ontology#"


def normalised(triples) -> set:
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    return set(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))


def asserted_of(named) -> set:
    named.graphs.pop(INFERRED_GRAPH.n3(), None)
    return named.union()


@pytest.fixture(scope="module")
def seed_asserted(seed_build):
    return asserted_of(read_nquads(seed_build[1] / "channel-kg.nq"))


@pytest.fixture(scope="module")
def synthetic_asserted(tmp_path_factory):
    """Twelve generated articles (bench/corpus) and the seeds, mapped as the build maps them."""
    sys.path.insert(0, str(ROOT))
    from bench.corpus import write_corpus

    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(corpus, 17, seed=7)
    articles = seeds.read_seeds(corpus)
    onto, vocab = ontology.load_ontology(), ontology.load_vocab()
    curated_graphs = curated.load_curated(articles, project.CURATED_DIR)
    external = curated.load_external(project.EXTERNAL_FILE)
    lexicon = mapping.lexicon(onto, vocab, external, curated_graphs.values())
    rules = mapping.map_articles_to_triples(articles, lexicon)
    return assemble(onto, vocab, external, curated_graphs, rules).union()


def test_the_fast_path_applies_to_the_project_ontology(seed_asserted):
    assert reason.fast_path_problem(seed_asserted) is None


@pytest.mark.parametrize("corpus", ["seed_asserted", "synthetic_asserted"])
def test_fast_closure_infers_what_owlrl_infers(corpus, request):
    asserted = request.getfixturevalue(corpus)
    fast = reason.infer_triples(asserted, reasoner="closure")
    reference = reason.infer_triples(asserted, reasoner="owlrl")
    assert len(reference) > 1000, "the inputs should make the reasoner work"
    assert normalised(fast) == normalised(reference)
    assert fast == reference  # and spelt alike


def test_the_build_keeps_the_inferred_graph_it_infers(seed_build, seed_asserted):
    built = read_nquads(seed_build[1] / "channel-kg.nq").graphs[INFERRED_GRAPH.n3()]
    assert set(built) == reason.infer_triples(seed_asserted)


def test_every_rule_family_is_exercised_on_the_seeds(seed_asserted):
    """Each kind of axiom the closure implements adds something on the seeds, so the
    comparison with owlrl above covers them all."""
    inferred = reason.infer_triples(seed_asserted, reasoner="closure")
    predicates = {p for _, p, _ in inferred}
    expected = {
        f"<{CK}partyTo>",  # inverse
        "<http://www.w3.org/ns/prov#wasInfluencedBy>",  # subproperty
        f"<{CK}commitsTo>", f"<{CK}mentionedIn>", f"<{CK}pledgeCategory>",  # chains
        "<http://www.w3.org/2004/02/skos/core#broaderTransitive>",  # transitive
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf>", "<http://www.w3.org/2000/01/rdf-schema#domain>",
        f"<{OWL}equivalentClass>", f"<{OWL}equivalentProperty>",  # schema rules
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",  # domains, ranges, subclasses
    }
    assert expected <= predicates


@pytest.mark.parametrize("extra", [
    ("<https://w3id.org/channel-kg/id/person/a>", f"<{OWL}sameAs>", "<https://w3id.org/channel-kg/id/person/b>"),
    (f"<{CK}party>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{OWL}FunctionalProperty>"),
    (f"<{CK}role>", "<http://www.w3.org/2000/01/rdf-schema#subPropertyOf>",
     "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"),
])
def test_anything_else_goes_to_owlrl(extra, seed_asserted):
    asserted = set(seed_asserted) | {extra}
    assert reason.fast_path_problem(asserted)
    with pytest.raises(ValueError):
        reason.infer_triples(asserted, reasoner="closure")
    assert reason.infer_triples(asserted) == reason.infer_triples(asserted, reasoner="owlrl")


def test_schema_problem_names_the_terms():
    schema = closure.Schema({("<urn:a>", f"<{OWL}sameAs>", "<urn:b>")})
    assert "sameAs" in schema.problem
