"""The SHACL shapes, checked against one conforming and one violating example per shape.

Examples live in tests/shapes/valid/{Shape}.ttl and tests/shapes/invalid/{Shape}.ttl. Each is
validated together with tests/shapes/common.ttl and the concept schemes (the data graph),
with the ontology as pySHACL's ont_graph and no inference, as the build validates. An
invalid example names, in comment lines at its top, the shape it breaks
(`# expect: ck:FundingShape`), the property path(s) (`# path: ck:currency`) and the severity
(`# severity: sh:Violation`); every result it produces must match them, so it breaks exactly
the one thing it says.
"""

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.namespaces import CK, PREFIXES, SH

ROOT = Path(__file__).resolve().parents[1]
SHAPES_FILE = ROOT / "shapes" / "channel-kg.shacl.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "channel-kg.ttl"
VOCAB_FILES = sorted((ROOT / "ontology" / "vocab").glob("*.ttl"))
EXAMPLES = Path(__file__).resolve().parent / "shapes"
COMMON_FILE = EXAMPLES / "common.ttl"

VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))
EXPECT = re.compile(r"^#\s*expect:\s*ck:(\w+)\s*$", re.MULTILINE)
PATHS = re.compile(r"^#\s*path:\s*(.+?)\s*$", re.MULTILINE)
SEVERITY = re.compile(r"^#\s*severity:\s*(\S+)\s*$", re.MULTILINE)


def expand(qname: str) -> URIRef:
    prefix, local = qname.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def base_data() -> Graph:
    graph = Graph()
    for path in [COMMON_FILE, *VOCAB_FILES]:
        graph.parse(path)
    return graph


def targeted_shapes(shapes: Graph) -> set[URIRef]:
    """Node shapes with a target: the ones that need examples."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    return {s for t in targets for s in shapes.subjects(t, None)}


def owning_shape(shapes: Graph, shape) -> URIRef:
    """A property shape's node shape (or the shape itself when it is a node shape)."""
    parents = list(shapes.subjects(SH.property, shape))
    return parents[0] if parents else shape


def run(shapes: Graph, ontology: Graph, base_data: Graph, example: Path):
    data = Graph()
    for triple in base_data:
        data.add(triple)
    data.parse(example)
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False
    )
    return conforms, report, text


def test_examples_exist_for_every_targeted_shape(shapes):
    assert VALID and INVALID, "no shape examples found under tests/shapes/"
    wanted = {str(s).removeprefix(str(CK)) for s in targeted_shapes(shapes)}
    assert wanted, "the shapes file has no targeted shapes"
    assert {p.stem for p in VALID} == wanted
    assert {p.stem for p in INVALID} == wanted


def test_common_data_conforms(shapes, ontology, base_data):
    conforms, _, text = validate(base_data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, text


@pytest.mark.parametrize(
    "example", VALID + INVALID, ids=[f"{p.parent.name}/{p.stem}" for p in VALID + INVALID]
)
def test_example(example, shapes, ontology, base_data):
    conforms, report, text = run(shapes, ontology, base_data, example)
    if example.parent.name == "valid":
        assert conforms, text
        return

    assert not conforms, f"{example.name} should violate a shape but conforms"
    match = EXPECT.search(example.read_text(encoding="utf-8"))
    assert match, f"{example.name} lacks a '# expect: ck:ShapeName' line"
    expected = CK[match.group(1)]
    assert expected == CK[example.stem], "the expected shape should match the file name"

    # Top-level results only: nested sh:detail results (from sh:node) name helper shapes.
    report_node = report.value(predicate=RDF.type, object=SH.ValidationReport)
    results = list(report.objects(report_node, SH.result))
    assert results, text
    sources = {owning_shape(shapes, report.value(r, SH.sourceShape)) for r in results}
    assert sources == {expected}, text

    header = example.read_text(encoding="utf-8")
    paths, severity = PATHS.search(header), SEVERITY.search(header)
    assert paths and severity, f"{example.name} lacks '# path:' or '# severity:' lines"
    assert {report.value(r, SH.resultPath) for r in results} == {
        expand(q) for q in paths.group(1).split()
    }, text
    assert {report.value(r, SH.resultSeverity) for r in results} == {expand(severity.group(1))}, text


def test_every_shape_explains_itself(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= len(targeted_shapes(shapes)) > 0
    for shape in node_shapes:
        assert shapes.value(shape, RDFS.label), f"{shape} has no rdfs:label"
        assert shapes.value(shape, RDFS.comment), f"{shape} has no rdfs:comment"
    property_shapes = set(shapes.objects(None, SH.property))
    assert property_shapes
    for prop in property_shapes:
        path = shapes.value(prop, SH.path)
        assert shapes.value(prop, SH.message), f"property shape on {path} has no sh:message"
        assert shapes.value(prop, SH.name), f"property shape on {path} has no sh:name"


def test_no_sparql_constraints(shapes):
    """SHACL-SPARQL runs a query per focus node, far too slow for the build."""
    assert not list(shapes.subject_objects(SH.sparql))
    assert not list(shapes.subjects(RDF.type, SH.SPARQLConstraint))
