"""Organisations: named by the word that ends their name, by a short name, or as a
nationality's government; a nationality or a generic word is none."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg import iris
from kg.namespaces import CK
from rules_helpers import LEAD, PARIS, mapped


def organisation_slugs(graph: Graph) -> set:
    return {str(o).rsplit("/", 1)[-1] for o in graph.subjects(RDF.type, CK.Organisation)}


def test_organisations_by_the_word_that_ends_their_name(vocab):
    graph = mapped("Calais\n20 August 2015\n\nThe Freight Transport Association said hauliers lost money. "
                   "Eurotunnel said its staff were busy.\n"
                   "Yesterday the National Union of Journalists said so, and Kent County Council agreed.\n", vocab)
    organisations = set(graph.subjects(RDF.type, CK.Organisation))
    assert {iris.organisation(slug) for slug in ("freight-transport-association", "eurotunnel",
                                                 "national-union-of-journalists", "kent-county-council")} <= organisations
    assert str(graph.value(iris.organisation("eurotunnel"), CK.country)) == "FR"
    assert not set(graph.subjects(RDF.type, CK.Person))  # not "National Union" of "Journalists"
    evidence = graph.value(iris.organisation("freight-transport-association"), CK.evidence)
    assert str(graph.value(evidence, CK.quote)) == "Freight Transport Association"  # without "The"


def test_a_nationality_or_a_generic_word_is_no_organisation(vocab):
    graph = mapped(LEAD + "The deal was signed on Thursday, according to British media reports. Crossings fell, "
                   "according to French authorities, and rose, according to Government sources.\n", vocab)
    assert not organisation_slugs(graph) & {"british", "french", "government", "french-authorities"}


@pytest.mark.parametrize("words, slug, country", [
    ("The people were on board 27 boats, the MoD said.", "ministry-of-defence", "GB"),
    ("A record 1,295 people crossed, according to the Ministry of Defence.", "ministry-of-defence", "GB"),
    ("Place Beauvau said more officers would patrol the beaches.", "french-interior-ministry", "FR"),
    ("Matignon said the talks went well.", "french-prime-ministers-office", "FR"),
])
def test_government_offices_by_their_short_names(words, slug, country, vocab):
    graph = mapped(LEAD + words + "\n", vocab)
    assert (iris.organisation(slug), CK.country, Literal(country)) in graph


@pytest.mark.parametrize("words, expected", [
    ("Crossings rose, according to British government figures.", {"uk-government"}),
    ("The French government said crossings fell.", {"french-government"}),
    ("The UK government said crossings fell.", {"uk-government"}),
    ("Crossings rose, according to British media reports.", set()),
])
def test_a_nationality_and_government_is_that_government(words, expected, vocab):
    assert organisation_slugs(mapped(PARIS + words + "\n", vocab)) == expected
