"""Validation in parts (kg.shacl_scope) gives exactly the findings of pyshacl over the whole graph.

The reference is `kg.validate.shacl_findings`: pyshacl on the data graph with the ontology as
ont_graph, as the build validated before it was split. Both run on the seed build with faults
put in on purpose, many of them across parts (a node's value described in another part), and
on every example of tests/shapes/, with parts small enough that almost nothing shares one.
"""

from pathlib import Path

import pytest
from rdflib import Graph

from kg import ontology, validate
from kg.dumps import read_nquads
from kg.namespaces import ONTOLOGY_GRAPH
from kg.triples import from_graph, to_graph

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "tests" / "shapes"
CK = "https://w3id.org/channel-kg/ontology#"
ID = "https://w3id.org/channel-kg/id/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def ck(name):
    return f"<{CK}{name}>"


def thing(path):
    return f"<{ID}{path}>"


@pytest.fixture(scope="module")
def shapes():
    return ontology.load_shapes()


@pytest.fixture(scope="module")
def onto():
    return ontology.load_ontology()


@pytest.fixture(scope="module")
def seed_graphs(seed_build):
    named = read_nquads(seed_build[1] / "channel-kg.nq")
    return named, set(from_graph(ontology.load_ontology(), ONTOLOGY_GRAPH.n3()))


def subject_with(triples, predicate, obj=None, kind=""):
    found = sorted(s for s, p, o in triples if p == predicate and (obj is None or o == obj) and kind in s)
    assert found, f"no {kind} subject with {predicate} in the seed build"
    return found[0]


def broken(union: set) -> set:
    """The seed graph with one fault of each kind the shapes can find."""
    data = set(union)
    person = subject_with(data, TYPE, ck("Minister"), "/person/")
    data -= {t for t in data if t[0] == person and t[1] in (LABEL, ck("role"))}
    agreement = subject_with(data, TYPE, ck("Agreement"), "/agreement/")
    data.add((agreement, ck("date"), '"1999-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'))
    data.add((agreement, ck("party"), thing("organisation/home-office")))
    data.add((agreement, ck("hasPledge"), thing("pledge/nowhere")))
    data.add((agreement, ck("evidence"), thing("evidence/nowhere")))
    data.add((agreement, ck("evidence"), '"not a node"'))
    funding = subject_with(data, TYPE, ck("Funding"), "/funding/")
    data.add((funding, ck("currency"), '"euros"'))
    statistic = subject_with(data, TYPE, ck("Statistic"), "/statistic/")
    data.add((statistic, ck("assertedBy"), '"someone"'))
    pledge = subject_with(data, TYPE, ck("Pledge"), "/pledge/")
    data.add((pledge, ck("pledgeType"), "<https://w3id.org/channel-kg/measure/people-crossing>"))
    article = subject_with(data, TYPE, ck("Article"), "/article/")
    data -= {t for t in data if t[0] == article and t[1] == TYPE}  # its evidence now cites a non-article
    evidence = subject_with(data, TYPE, ck("Evidence"), "/evidence/")
    start = next(o for s, p, o in data if s == evidence and p == ck("start"))
    data.add((evidence, ck("end"), start))
    data.add((thing("statement/unsaid"), TYPE, ck("Dispute")))  # a Statement only by subclass
    return data


def reference(data: set, shapes, onto):
    ontology_triples = set(from_graph(onto, ONTOLOGY_GRAPH.n3()))
    return sorted(set(validate.shacl_findings(to_graph(data - ontology_triples), shapes, onto)))


def in_parts(data: set, shapes, part_size, workers=1):
    return sorted(set(validate.shacl_findings_in_parts(data, shapes, part_size, workers)))


def test_parts_find_what_the_whole_graph_finds(seed_graphs, shapes, onto):
    named, ontology_triples = seed_graphs
    data = broken(named.union())
    expected = reference(data, shapes, onto)
    assert len({f.shape for f in expected}) >= 6, "the faults should break several shapes"
    assert in_parts(data, shapes, part_size=400) == expected
    assert in_parts(data, shapes, part_size=3000, workers=2) == expected


def test_the_unbroken_seed_graph_conforms_either_way(seed_graphs, shapes, onto):
    data = seed_graphs[0].union()
    assert in_parts(data, shapes, part_size=400) == reference(data, shapes, onto) == []


EXAMPLE_FILES = sorted((EXAMPLES / "valid").glob("*.ttl")) + sorted((EXAMPLES / "invalid").glob("*.ttl"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_shape_example_gives_the_same_findings(example, shapes, onto):
    assert EXAMPLE_FILES
    graph = Graph()
    for path in [EXAMPLES / "common.ttl", *sorted((ROOT / "ontology" / "vocab").glob("*.ttl")), example]:
        graph.parse(path)
    data = set(from_graph(graph, "<urn:example>")) | set(from_graph(onto, ONTOLOGY_GRAPH.n3()))
    assert in_parts(data, shapes, part_size=20) == reference(data, shapes, onto)


def test_a_quote_that_is_not_the_text_is_reported(seed_build, seed_graphs, shapes):
    from kg.seeds import read_seeds

    union = set(seed_graphs[0].union())
    evidence = subject_with(union, TYPE, ck("Evidence"), "/evidence/")
    quote = next(t for t in union if t[0] == evidence and t[1] == ck("quote"))
    union.discard(quote)
    union.add((evidence, ck("quote"), '"words nobody wrote"'))
    report = validate.validate_triples(union, shapes, read_seeds(ROOT / "seeds"), part_size=2000, workers=1)
    assert [f.node for f in report.violations()] == [evidence.strip("<>")]
    assert "words nobody wrote" in report.violations()[0].message
