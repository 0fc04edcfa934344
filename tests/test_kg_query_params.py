"""`kg query NAME --param NAME=VALUE`: a named query's parameters bound by the same code as
/queries/{name}, with one-line errors for a parameter it does not take or one given no value."""

import csv
import io

from click.testing import CliRunner

from kg.cli import main

AGREEMENT = "https://w3id.org/channel-kg/id/agreement/2021-07-20-uk-france-agreement"


def kg_query(build, *arguments):
    return CliRunner().invoke(main, ["query", *arguments, "--build-dir", str(build)])


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_parameter_is_bound_as_over_http(build, client):
    result = kg_query(build, "evidence", "--param", "node=agreement:2021-07-20-uk-france-agreement",
                      "--format", "csv")
    assert result.exit_code == 0, result.stderr
    found = rows(result.stdout)
    assert found and {row["node"] for row in found} == {AGREEMENT}
    over_http = client.get("/queries/evidence", params={"node": AGREEMENT, "format": "csv"}).text
    assert sorted(map(str, rows(over_http))) == sorted(map(str, found))
    assert result.stderr == ""


def test_several_parameters_and_a_full_iri(build):
    result = kg_query(build, "pledge-history", "--param", "type=https://w3id.org/channel-kg/pledge-type/cctv",
                      "--format", "csv")
    assert result.exit_code == 0 and {r["agreement"] for r in rows(result.stdout)} >= {
        "https://w3id.org/channel-kg/id/agreement/2019-01-uk-france-joint-action-plan"}


def test_an_unknown_parameter_is_named_with_the_ones_the_query_takes(build):
    result = kg_query(build, "evidence", "--param", "nod=x")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: unknown parameter(s) nod; evidence takes: node"


def test_a_parameter_without_a_value_is_refused(build):
    for given in ("node", "node=", "=x"):
        result = kg_query(build, "evidence", "--param", given)
        assert result.exit_code == 2 and "write NAME=VALUE" in result.stderr, given
    result = kg_query(build, "evidence", "--param", "node=a:b", "--param", "node=c:d")
    assert result.exit_code == 2 and "node given more than once" in result.stderr


def test_a_value_that_is_not_an_iri_is_refused(build):
    result = kg_query(build, "evidence", "--param", "node=not an iri")
    assert result.exit_code == 2 and "parameter node must be an absolute IRI" in result.stderr


def test_a_parameter_left_out_is_said_to_match_everything(build):
    result = kg_query(build, "pledge-history", "--format", "csv")
    assert result.exit_code == 0 and len(rows(result.stdout)) > 10
    assert "note: parameter type not given: it stayed unbound" in result.stderr


def test_sparql_text_takes_no_parameters(build):
    result = kg_query(build, "SELECT * WHERE { ?node ?p ?o } LIMIT 1", "--param", "node=person:priti-patel")
    assert result.exit_code == 2 and "--param binds the parameters of a named query" in result.stderr
