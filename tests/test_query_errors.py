"""A bad query gets one sentence with the line and column: an unknown prefix is named with the
predeclared ones, and the parser's list of Unicode ranges never reaches the reader."""

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.namespaces import PREFIXES
from kg.query_errors import explain

PREDECLARED = {name: str(ns) for name, ns in PREFIXES.items()}


def message(query: str) -> str:
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(query, prefixes=PREDECLARED)
    return explain(query, str(raised.value), PREDECLARED)


@pytest.mark.parametrize("query, line, column", [
    ("SELECT * WHERE { ?s a foo:Bar }", 1, 23),  # the parser's list names the missing prefix here
    ("SELECT * WHERE { foo:x ?p ?o }", 1, 18),  # and not here ("expected OPTIONAL")
    ("SELECT * WHERE {\n  ?s ?p \"é\" .\n  FILTER(?o = foo:Bar) }", 3, 15),
])
def test_an_unknown_prefix_is_named_with_the_predeclared_ones(query, line, column):
    text = message(query)
    assert text.startswith(f"unknown prefix foo: in foo:")
    assert f"line {line}, column {column}" in text
    assert "person:, " in text and "ck:, " in text and "agreement:" in text
    assert "\\u{" not in text and "\n" not in text


def test_a_declared_prefix_is_not_unknown_but_its_typo_is():
    text = message("PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:p ?o ; exx:q ?r }")
    assert text.startswith("unknown prefix exx: in exx:q at line 2, column 31")


def test_a_slash_in_a_prefixed_name_suggests_the_kind_prefix():
    text = message("SELECT * WHERE { id:person/priti-patel ?p ?o }")
    assert "cannot hold \"/\"" in text and "person:priti-patel" in text
    assert "<https://w3id.org/channel-kg/id/person/priti-patel>" in text


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT x", 'at "x": expected one of'),
    ("SELECT * WHERE { ?s <http://x/> \"abc }", "a string is not closed"),
    ("SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s", "The SELECT contains a variable that is unbound"),
    ("SELECT * WHERE { ?s ?p ?o", "at the end of the query: expected one of `,` `.` `;`"),
])
def test_other_errors_are_one_sentence_with_the_position(query, expected):
    text = message(query)
    assert text.startswith("syntax error at line 1, column ") and expected in text
    assert "\\u{" not in text and "[_]" not in text and "\n" not in text


def test_the_endpoint_names_an_unknown_prefix(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s a wd:Q5 }"})
    assert response.status_code == 400
    assert response.text.startswith("unknown prefix wd: in wd:Q5 at line 1, column 23;")
    assert "person:" in response.text and "\\u{" not in response.text


def test_kg_query_names_an_unknown_prefix(build):
    result = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s a wd:Q5 }", "--build-dir", str(build)])
    assert result.exit_code == 2
    assert "error: unknown prefix wd: in wd:Q5 at line 1, column 23" in result.output
