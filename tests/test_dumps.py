"""The dumps say the same thing in every format, in one order, whatever size the build.

TriG, Turtle and JSON-LD are read back with pyoxigraph and compared with the N-Quads, which
are sorted, each line once. The N-Quads writer sorts a range of subjects at a time; with tiny
ranges it must write the same bytes as with one range.
"""

import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import dumps, project
from kg.dumps import Written, read_nquads
from kg.triples import from_graph, parse_lines, to_term

ID, CK = "<https://w3id.org/channel-kg/id/", "<https://w3id.org/channel-kg/ontology#"


def quads(path, fmt):
    return set(ox.parse(path=str(path), format=fmt))


def test_every_format_holds_the_nquads(seed_build):
    out = seed_build[1]
    nquads = quads(out / "channel-kg.nq", ox.RdfFormat.N_QUADS)
    assert nquads
    assert quads(out / "channel-kg.trig", ox.RdfFormat.TRIG) == nquads
    assert quads(out / "channel-kg.jsonld", ox.RdfFormat.JSON_LD) == nquads
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in nquads}
    assert {ox.Triple(t.subject, t.predicate, t.object)
            for t in ox.parse(path=str(out / "channel-kg.ttl"), format=ox.RdfFormat.TURTLE)} == union


def test_nquads_are_sorted_lines_each_once(seed_build):
    lines = (seed_build[1] / "channel-kg.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_jsonld_is_compacted_with_the_published_context(seed_build):
    document = json.loads((seed_build[1] / "channel-kg.jsonld").read_text(encoding="utf-8"))
    context = json.loads(project.CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == context
    nodes = [node for graph in document["@graph"] for node in graph["@graph"]]
    agreement = next(n for n in nodes if n["@id"] == "agreement:2021-07-20-uk-france-agreement" and "date" in n)
    assert agreement["date"] == "2021-07-20" and "Agreement" in json.dumps(agreement["type"])


def test_trig_and_turtle_begin_with_prefixes_in_name_order(seed_build):
    for name in ("channel-kg.trig", "channel-kg.ttl"):
        head = [line for line in (seed_build[1] / name).read_text(encoding="utf-8").splitlines()
                if line.startswith("@prefix")]
        assert head and head == sorted(head)


def test_small_subject_ranges_write_the_same_bytes(seed_build, tmp_path, monkeypatch):
    named = read_nquads(seed_build[1] / "channel-kg.nq")
    whole = dumps.write_nquads(named, tmp_path / "a.nq", tmp_path / "a.nt", Written(ID, CK))
    cut = dumps._subject_bounds
    monkeypatch.setattr(dumps, "_subject_bounds", lambda graphs: cut(graphs, per_chunk=40, step=2))
    ranged = dumps.write_nquads(named, tmp_path / "b.nq", tmp_path / "b.nt", Written(ID, CK))
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes() == \
        (seed_build[1] / "channel-kg.nq").read_bytes()
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()
    assert (whole.quads, whole.triples, whole.subjects, whole.classes) == \
        (ranged.quads, ranged.triples, ranged.subjects, ranged.classes)


@pytest.mark.parametrize("term", [
    Literal('tab\there, "quotes", back\\slash, new\nline, \r'), Literal("Gérald", lang="fr"),
    Literal("01", datatype=XSD.integer), Literal("x", datatype=XSD.string), Literal("plain"),
    URIRef("https://w3id.org/channel-kg/id/person/gerald-darmanin"), Literal(62700000.0),
])
def test_term_strings_are_rdflibs_and_read_back_the_same(term):
    graph = Graph()
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), term))
    [(_, _, written)] = from_graph(graph)
    [(_, _, by_rdflib)] = parse_lines(graph.serialize(format="nt"))
    assert written == by_rdflib
    assert to_term(written) == term


def test_blank_nodes_are_named_by_content_and_graph():
    graph = Graph()
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), BNode()))
    first, again = from_graph(graph, "<urn:x:g>"), from_graph(graph, "<urn:x:g>")
    other = from_graph(graph, "<urn:x:other>")
    assert first == again and first != other and first[0][2].startswith("_:g")
