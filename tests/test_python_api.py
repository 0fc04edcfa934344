"""`kg.load()`: the built graph from Python, named queries included, rows with the contract's columns."""

import sys
import types
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

import kg
from kg.dataset import KnowledgeGraph
from test_named_queries import REQUIRED_COLUMNS as CONTRACT_COLUMNS  # the contract's result variables

ARTICLE = "https://w3id.org/channel-kg/id/article/000_a"
AGREEMENT = "https://w3id.org/channel-kg/id/agreement/2021-07-20-uk-france-agreement"
RETURNS = "https://w3id.org/channel-kg/pledge-type/returns"

# A small build shaped like the real one: every named query finds at least one row in it.
FIXTURE = """
@prefix ck: <https://w3id.org/channel-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix pt: <https://w3id.org/channel-kg/pledge-type/> .
@prefix ms: <https://w3id.org/channel-kg/measure/> .
@prefix article: <https://w3id.org/channel-kg/id/article/> .
@prefix agreement: <https://w3id.org/channel-kg/id/agreement/> .
@prefix meeting: <https://w3id.org/channel-kg/id/meeting/> .
@prefix pledge: <https://w3id.org/channel-kg/id/pledge/> .
@prefix funding: <https://w3id.org/channel-kg/id/funding/> .
@prefix statistic: <https://w3id.org/channel-kg/id/statistic/> .
@prefix person: <https://w3id.org/channel-kg/id/person/> .
@prefix organisation: <https://w3id.org/channel-kg/id/organisation/> .
@prefix statement: <https://w3id.org/channel-kg/id/statement/> .
@prefix evidence: <https://w3id.org/channel-kg/id/evidence/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

<https://w3id.org/channel-kg/graph/vocab> {
  pt:returns a skos:Concept ; skos:prefLabel "returns"@en .
  ms:people-crossing a skos:Concept ; skos:prefLabel "people crossing"@en .
}

<https://w3id.org/channel-kg/graph/article/000_a/curated> {
  article:000_a a ck:Article ; rdfs:label "Article 000_a" .
  agreement:2021-07-20-uk-france-agreement a ck:Agreement ; rdfs:label "UK–France agreement of 20 July 2021"@en ;
      ck:date "2021-07-20"^^xsd:date ; ck:party person:priti-patel ;
      ck:hasPledge pledge:2021-07-20-uk-france-agreement-returns ;
      ck:hasFunding funding:2021-07-20-uk-france-agreement-62700000-eur .
  agreement:2022-11-14-uk-france-agreement a ck:Agreement ; rdfs:label "UK–France agreement of 14 November 2022"@en ;
      ck:date "2022-11-14"^^xsd:date ; ck:hasPledge pledge:2022-11-14-uk-france-agreement-returns .
  meeting:2021-11-15-uk-france-call a ck:Meeting ; rdfs:label "UK–France call"@en ;
      ck:date "2021-11-15"^^xsd:date ; ck:party person:priti-patel .
  pledge:2021-07-20-uk-france-agreement-returns a ck:Pledge ; ck:pledgeType pt:returns ;
      ck:evidence evidence:000_a-10-30 .
  pledge:2022-11-14-uk-france-agreement-returns a ck:Pledge ; ck:pledgeType pt:returns .
  funding:2021-07-20-uk-france-agreement-62700000-eur a ck:Funding ; ck:amount 62700000.0 ;
      ck:currency "EUR" ; ck:funder organisation:home-office ; ck:evidence evidence:000_a-40-60 .
  statistic:people-crossing-1185-2021-11-11 a ck:Statistic ; ck:value 1185 ; ck:measure ms:people-crossing ;
      ck:date "2021-11-11"^^xsd:date ; ck:assertedBy organisation:home-office ; ck:evidence evidence:000_a-70-90 .
  person:priti-patel a ck:Minister ; rdfs:label "Priti Patel" ; ck:role "Home Secretary" ; ck:country "GB" ;
      ck:memberOf organisation:home-office .
  person:enver-solomon a ck:Person ; rdfs:label "Enver Solomon" ; ck:memberOf organisation:refugee-council .
  organisation:home-office a ck:Organisation ; rdfs:label "Home Office" .
  organisation:refugee-council a ck:Organisation ; rdfs:label "Refugee Council" .
  statement:000_a-100 a ck:Dispute ; ck:speaker person:enver-solomon ; ck:evidence evidence:000_a-100-120 .
  evidence:000_a-10-30 ck:source article:000_a ; ck:quote "return people" ; ck:start 10 ; ck:end 30 .
  evidence:000_a-40-60 ck:source article:000_a ; ck:quote "€62.7m" ; ck:start 40 ; ck:end 60 .
  evidence:000_a-70-90 ck:source article:000_a ; ck:quote "1,185 people" ; ck:start 70 ; ck:end 90 .
  evidence:000_a-100-120 ck:source article:000_a ; ck:quote "will not work" ; ck:start 100 ; ck:end 120 .
}

<https://w3id.org/channel-kg/graph/disagreements> {
  <https://w3id.org/channel-kg/id/disagreement/measure-people-crossing-value-2021-11-11> a ck:Disagreement ;
      rdfs:label "Sources differ on people crossing on 2021-11-11"@en ; ck:about ms:people-crossing ;
      ck:onProperty ck:value ;
      ck:claim <https://w3id.org/channel-kg/id/disagreement/measure-people-crossing-value-2021-11-11#claim-1> ,
               <https://w3id.org/channel-kg/id/disagreement/measure-people-crossing-value-2021-11-11#claim-2> .
  <https://w3id.org/channel-kg/id/disagreement/measure-people-crossing-value-2021-11-11#claim-1> a ck:Claim ;
      rdf:subject statistic:people-crossing-1185-2021-11-11 ; rdf:predicate ck:value ; rdf:object 1185.0 ;
      ck:evidence evidence:000_a-70-90 ; prov:wasDerivedFrom article:000_a .
  <https://w3id.org/channel-kg/id/disagreement/measure-people-crossing-value-2021-11-11#claim-2> a ck:Claim ;
      rdf:subject statistic:people-crossing-1250-2021-11-11 ; rdf:predicate ck:value ; rdf:object 1250.0 ;
      ck:evidence evidence:000_a-70-90 ; prov:wasDerivedFrom article:000_a .
}

<https://w3id.org/channel-kg/graph/inferred> {
  pledge:2021-07-20-uk-france-agreement-returns ck:pledgeCategory pt:returns .
  pledge:2022-11-14-uk-france-agreement-returns ck:pledgeCategory pt:returns .
  agreement:2021-07-20-uk-france-agreement ck:mentionedIn article:000_a .
  meeting:2021-11-15-uk-france-call ck:mentionedIn article:000_a .
  statistic:people-crossing-1185-2021-11-11 ck:mentionedIn article:000_a .
}
"""


BY_TYPE = """# title: Pledges by type
# description: A fixture query with one parameter.
# param: type — a pledge-type IRI
PREFIX ck: <https://w3id.org/channel-kg/ontology#>
SELECT ?type ?pledge WHERE { ?pledge ck:pledgeType ?type } ORDER BY ?pledge
"""


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("build")
    quads = ox.parse(FIXTURE, format=ox.RdfFormat.TRIG)
    (folder / "channel-kg.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return folder


@pytest.fixture(scope="module")
def graph(build_dir) -> KnowledgeGraph:
    return kg.load(build_dir)


@pytest.fixture
def fixture_queries(tmp_path) -> Path:
    (tmp_path / "by-type.rq").write_text(BY_TYPE, encoding="utf-8")
    return tmp_path


def test_every_contract_query_is_there(graph):
    assert set(CONTRACT_COLUMNS) <= set(graph.named_queries())  # views add more


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_named_query_gives_rows_with_the_contract_columns(graph, name):
    rows = graph.rows(name)
    assert rows, f"{name} found nothing in the fixture"
    assert set(CONTRACT_COLUMNS[name]) <= set(rows[0])


def test_values_come_back_as_python_values(graph):
    [funding] = graph.rows("funding")
    assert funding["amount"] == Decimal("62700000")  # exact: amounts as stated
    assert funding["currency"] == "EUR"
    assert funding["date"] == date(2021, 7, 20)
    assert funding["agreement"] == AGREEMENT
    assert funding["recipient"] is None  # unbound: not stated
    [repeated] = graph.rows("repeated-pledges")
    assert (repeated["pledgeType"], repeated["agreements"], repeated["years"]) == (RETURNS, 2, "2021 2022")


def test_query_without_pandas_gives_a_list_of_dicts(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    rows = graph.query("timeline")
    assert isinstance(rows, list)
    assert [row["date"] for row in rows] == [date(2021, 7, 20), date(2021, 11, 11), date(2021, 11, 15), date(2022, 11, 14)]


def test_query_with_pandas_gives_a_data_frame_with_the_query_columns(graph, monkeypatch):
    class DataFrame:  # stands in for pandas.DataFrame: records what it was built from
        def __init__(self, data, columns):
            self.data, self.columns = data, columns

    monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(DataFrame=DataFrame))
    frame = graph.query("ministers")
    assert isinstance(frame, DataFrame)
    assert frame.columns[:6] == CONTRACT_COLUMNS["ministers"]
    assert {(row["name"], row["event"].rsplit("/", 1)[-1]) for row in frame.data} == {
        ("Priti Patel", "2021-07-20-uk-france-agreement"), ("Priti Patel", "2021-11-15-uk-france-call")}


@pytest.mark.parametrize("value", [RETURNS, f"<{RETURNS}>", "pt:returns", URIRef(RETURNS), ox.NamedNode(RETURNS)])
def test_parameters_are_bound_in_any_iri_spelling(build_dir, fixture_queries, value):
    graph = kg.load(build_dir, queries_dir=fixture_queries)
    rows = graph.rows("by-type", type=value)
    assert [row["pledge"].rsplit("/", 1)[-1] for row in rows] == [
        "2021-07-20-uk-france-agreement-returns", "2022-11-14-uk-france-agreement-returns"]
    assert graph.rows("by-type", type="pt:drones") == []


def test_a_parameter_left_out_matches_anything(build_dir, fixture_queries):
    assert len(kg.load(build_dir, queries_dir=fixture_queries).rows("by-type")) == 2


def test_an_unknown_parameter_is_refused(build_dir, fixture_queries):
    with pytest.raises(ValueError, match="takes: type"):
        kg.load(build_dir, queries_dir=fixture_queries).rows("by-type", kind=RETURNS)


def test_an_unknown_query_name_lists_the_known_ones(build_dir, fixture_queries):
    with pytest.raises(ValueError, match="there are: by-type"):
        kg.load(build_dir, queries_dir=fixture_queries).rows("no-such-query")


def test_sparql_text_sees_the_union_of_the_named_graphs(graph):
    rows = graph.rows("SELECT ?pledge WHERE { ?pledge ck:pledgeCategory pt:returns ; a ck:Pledge }")
    assert len(rows) == 2  # type from a curated graph, category from the inferred graph
    assert graph.query("ASK { ?s a ck:Funding }") is True
    described = graph.query(f"CONSTRUCT WHERE {{ <{AGREEMENT}> ck:date ?date }}")
    assert isinstance(described, Graph) and len(described) == 1


def test_a_parameter_the_query_does_not_return_is_explained(graph):
    with pytest.raises(ValueError, match="result variables"):
        graph.rows("SELECT ?pledge WHERE { ?pledge ck:pledgeType ?type }", type=RETURNS)


def test_the_contract_parameters_can_be_bound(graph):
    # pyoxigraph binds only variables of the SELECT list, so the queries return ?type and ?node.
    assert graph.rows("pledge-history", type=RETURNS)
    assert graph.rows("evidence", node=AGREEMENT.replace("agreement/", "funding/") + "-62700000-eur")


def test_named_queries_are_listed_with_their_headers(graph):
    queries = graph.named_queries()
    assert queries
    for name, query in queries.items():
        assert query.title and query.title != name, name
    assert [param.name for param in queries["evidence"].params] == ["node"]


def test_loading_a_folder_without_a_build_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="kg build"):
        kg.load(tmp_path)


def test_the_default_graph_counts_each_triple_once(seed_build):
    import kg

    dataset = kg.load(seed_build[1])
    rows = dataset.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]) == seed_build[0].manifest["triples"]
