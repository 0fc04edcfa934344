"""`kg diff`: exactly the facts an edit brought, by article and kind, for people and machines."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.diff import DiffError, diff_dumps

PREFIXES = """
@prefix ck: <https://w3id.org/channel-kg/ontology#> .
@prefix agreement: <https://w3id.org/channel-kg/id/agreement/> .
@prefix person: <https://w3id.org/channel-kg/id/person/> .
@prefix statistic: <https://w3id.org/channel-kg/id/statistic/> .
@prefix funding: <https://w3id.org/channel-kg/id/funding/> .
@prefix ms: <https://w3id.org/channel-kg/measure/> .
@prefix cg: <https://w3id.org/channel-kg/graph/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ONTOLOGY = """
cg:ontology {
  ck:Minister rdfs:subClassOf ck:Person .
  ck:Funding rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ck:currency ; owl:cardinality 1 ] .
}
"""

OLD_BUILD = PREFIXES + ONTOLOGY + """
<https://w3id.org/channel-kg/graph/article/000_a/curated> {
  agreement:a a ck:Agreement ; rdfs:label "Agreement A" ;
      ck:party person:p, person:q .
  person:p a ck:Minister, ck:Person ; rdfs:label "P" .
  statistic:s a ck:Statistic ; ck:value 1185.0 ; ck:measure ms:people-crossing .
}
<https://w3id.org/channel-kg/graph/article/000_a/rules> { agreement:a ck:date "2021-07-20"^^xsd:date . }
cg:inferred { person:p a ck:Person . }
"""

# One Funding added to article 000_a and the Statistic's value changed; the inferred graph and
# the ontology's blank-node labels also differ, and neither may show up in the diff.
NEW_BUILD = PREFIXES + ONTOLOGY + """
<https://w3id.org/channel-kg/graph/article/000_a/curated> {
  agreement:a a ck:Agreement ; rdfs:label "Agreement A" ;
      ck:party person:p, person:q ;
      ck:hasFunding funding:f .
  person:p a ck:Minister, ck:Person ; rdfs:label "P" .
  statistic:s a ck:Statistic ; ck:value 1200.0 ; ck:measure ms:people-crossing .
  funding:f a ck:Funding ; ck:amount 62700000.0 ; ck:currency "EUR" .
}
<https://w3id.org/channel-kg/graph/article/000_a/rules> { agreement:a ck:date "2021-07-20"^^xsd:date . }
cg:inferred { person:p a ck:Person . agreement:a ck:partyTo person:p . }
"""

CK = "https://w3id.org/channel-kg/ontology#"
ID = "https://w3id.org/channel-kg/id/"
DECIMAL = "<http://www.w3.org/2001/XMLSchema#decimal>"


def write_build(folder: Path, trig: str) -> Path:
    """A build folder holding channel-kg.nq, as `kg build` writes it."""
    folder.mkdir(parents=True)
    quads = ox.parse(trig, format=ox.RdfFormat.TRIG)
    (folder / "channel-kg.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return folder


@pytest.fixture
def builds(tmp_path) -> tuple[Path, Path]:
    return write_build(tmp_path / "old", OLD_BUILD), write_build(tmp_path / "new", NEW_BUILD)


def as_rows(diff) -> set[tuple]:
    return {(c.change, c.source, c.kind, c.subject, c.predicate, c.old, c.new) for c in diff.changes}


def test_lists_exactly_the_added_funding_and_the_changed_statistic(builds):
    diff = diff_dumps(*builds)
    funding, agreement = f"<{ID}funding/f>", f"<{ID}agreement/a>"
    assert as_rows(diff) == {
        ("added", "000_a", "Agreement", agreement, f"<{CK}hasFunding>", (), (funding,)),
        ("added", "000_a", "Funding", funding, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", (), (f"<{CK}Funding>",)),
        ("added", "000_a", "Funding", funding, f"<{CK}amount>", (), (f'"62700000"^^{DECIMAL}',)),
        ("added", "000_a", "Funding", funding, f"<{CK}currency>", (), ('"EUR"',)),
        ("changed", "000_a", "Statistic", f"<{ID}statistic/s>", f"<{CK}value>",
         (f'"1185"^^{DECIMAL}',), (f'"1200"^^{DECIMAL}',)),
    }


def test_text_groups_by_article_then_kind_and_says_inferred_is_left_out(builds):
    text = diff_dumps(*builds).text()
    assert "inferred graph is left out" in text
    assert "4 added, 0 removed, 1 changed in 1 source(s)" in text
    lines = text.splitlines()
    article = lines.index("article 000_a")
    assert lines[article + 1:article + 3] == ["  Agreement", "    + agreement:a ck:hasFunding funding:f"]
    assert "  Funding" in lines and "  Statistic" in lines
    assert '    ~ statistic:s ck:value "1185"^^xsd:decimal -> "1200"^^xsd:decimal' in lines


def test_json_is_the_same_diff_for_machines(builds):
    diff = diff_dumps(*builds)
    document = json.loads(diff.to_json())
    assert document["summary"] == {"added": 4, "removed": 0, "changed": 1}
    assert document["ignoredGraphs"] == ["https://w3id.org/channel-kg/graph/inferred"]
    assert len(document["changes"]) == len(diff.changes) == 5
    changed = [c for c in document["changes"] if c["change"] == "changed"]
    assert changed == [{"change": "changed", "source": "000_a", "kind": "Statistic",
                        "subject": f"<{ID}statistic/s>", "predicate": f"<{CK}value>",
                        "old": [f'"1185"^^{DECIMAL}'], "new": [f'"1200"^^{DECIMAL}']}]


def test_identical_builds_have_no_changes(builds):
    old, _ = builds
    diff = diff_dumps(old, old)
    assert diff.changes == []
    assert "0 added, 0 removed, 0 changed" in diff.text()


def test_a_removed_article_lists_its_facts_as_removed(tmp_path):
    extra = """
<https://w3id.org/channel-kg/graph/article/001_b/curated> { person:q a ck:Person ; rdfs:label "Q" ; ck:role "Home Secretary" . }
"""
    old = write_build(tmp_path / "old", OLD_BUILD + extra)
    new = write_build(tmp_path / "new", OLD_BUILD)
    rows = as_rows(diff_dumps(old, new))
    assert {(change, source, kind) for change, source, kind, *_ in rows} == {("removed", "001_b", "Person")}
    assert len(rows) == 3


def test_a_value_added_to_a_many_valued_property_is_added_not_changed(tmp_path):
    old = write_build(tmp_path / "old", OLD_BUILD)
    new = write_build(tmp_path / "new", OLD_BUILD.replace("person:p, person:q", "person:p, person:q, person:r"))
    assert as_rows(diff_dumps(old, new)) == {
        ("added", "000_a", "Agreement", f"<{ID}agreement/a>", f"<{CK}party>", (), (f"<{ID}person/r>",)),
    }


def test_the_kind_is_the_most_specific_class(tmp_path):
    old = write_build(tmp_path / "old", OLD_BUILD)
    new = write_build(tmp_path / "new", OLD_BUILD.replace('rdfs:label "P"', 'rdfs:label "P" ; ck:role "Minister"'))
    [change] = diff_dumps(old, new).changes
    assert change.kind == "Minister"  # not "Minister/Person": the ontology says Minister ⊑ Person


def test_release_folders_and_cli_json_file(builds, tmp_path):
    old, new = builds
    out = tmp_path / "diff.json"
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "article 000_a" in result.output
    assert json.loads(out.read_text())["summary"]["changed"] == 1


def test_a_folder_without_dumps_is_a_clear_error(builds, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DiffError, match="channel-kg.nq"):
        diff_dumps(builds[0], empty)
    result = CliRunner().invoke(main, ["diff", str(builds[0]), str(empty)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_type_only_the_reasoner_added_still_names_the_kind(tmp_path):
    old = write_build(tmp_path / "old", OLD_BUILD)
    new = write_build(tmp_path / "new", OLD_BUILD + """
<https://w3id.org/channel-kg/graph/article/000_a/curated> { person:q ck:role "Home Secretary" . }
cg:inferred { person:q a ck:Person . }
""")
    [change] = diff_dumps(old, new).changes
    assert (change.change, change.kind) == ("added", "Person")
