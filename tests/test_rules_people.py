"""People: the mentions of one person linked, offices and who holds them, counterparts, and
names printed without a title."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg import iris
from kg.namespaces import CK
from rules_helpers import LEAD, PARIS, disputes, mapped


def roles(graph: Graph) -> dict:
    return {str(p).rsplit("/", 1)[-1]: str(r) for p, r in graph.subject_objects(CK.role)}


def test_titles_names_and_surnames_link_to_one_person(vocab):
    graph = mapped("Prime Minister Rishi Sunak met French President Emmanuel Macron in Paris.\n"
                   "Mr Sunak said the deal was good. Ms Smith disagreed.\n", vocab)
    assert roles(graph) == {"rishi-sunak": "Prime Minister", "emmanuel-macron": "President"}
    sunak = iris.person("Rishi Sunak")
    assert len(set(graph.objects(sunak, CK.evidence))) == 2  # the full name and "Mr Sunak"
    assert iris.person("Smith") not in set(graph.subjects(RDF.type, CK.Person))


def test_accents_and_case_are_ignored_when_linking(vocab):
    graph = mapped("French interior minister Gerald Darmanin spoke.\n"
                   "Prime Minister RIshi Sunak agreed. Gérald Darmanin agreed too.\n", vocab)
    persons = set(graph.subjects(RDF.type, CK.Person))
    assert iris.person("gerald-darmanin") in persons and iris.person("rishi-sunak") in persons
    assert len(persons) == 2
    assert str(graph.value(iris.person("rishi-sunak"), CK.country)) == "GB"
    assert {str(l) for l in graph.objects(iris.person("rishi-sunak"), RDFS.label)} == {"Rishi Sunak"}


def test_roles_with_organisations(vocab):
    graph = mapped("Enver Solomon, CEO of the Refugee Council, said the deal would not work.\n"
                   "Bridget Chapman from Kent Refugee Action Network said: \"It is wrong.\"\n", vocab)
    assert roles(graph) == {"enver-solomon": "Chief Executive Officer"}
    assert (iris.person("enver-solomon"), CK.memberOf, iris.organisation("refugee-council")) in graph
    assert (iris.person("bridget-chapman"), CK.memberOf, iris.organisation("kent-refugee-action-network")) in graph


def test_a_courtesy_title_is_not_part_of_the_name(vocab):
    graph = mapped("Deal\n10 July 2025\n\nSir Keir Starmer and Emmanuel Macron have agreed a deal.\n"
                   "Mr Macron said it was fair. Sir Keir said it would work. Dame Ann Brown spoke.\n", vocab)
    persons = set(graph.subjects(RDF.type, CK.Person))
    assert persons == {iris.person("keir-starmer"), iris.person("emmanuel-macron"), iris.person("ann-brown")}
    # "Emmanuel Macron" is a person's name because the article calls him "Mr Macron"
    assert len(set(graph.objects(iris.person("emmanuel-macron"), CK.evidence))) == 2
    assert len(set(graph.objects(iris.person("keir-starmer"), CK.evidence))) == 2  # "Sir Keir": a first name


def test_a_full_name_without_a_title_office_or_given_name_is_not_a_person(vocab):
    # "Darmanin Castaner": no given name opens it (a bare "Emmanuel Macron" is a person: see
    # the given-name tests at the end)
    graph = mapped("Deal\n10 July 2025\n\nDarmanin Castaner agreed. Since May, crossings rose.\n", vocab)
    assert not set(graph.subjects(RDF.type, CK.Person))


def test_a_counterpart_in_apposition(vocab):
    graph = mapped("Calais deal\n20 August 2015\n\nTheresa May, the Home Secretary, and Bernard Cazeneuve, her "
                   "French counterpart, signed the deal in Calais on Thursday.\nMr Cazeneuve said it would help.\n", vocab)
    cazeneuve = iris.person("bernard-cazeneuve")
    assert str(graph.value(cazeneuve, CK.country)) == "FR"
    assert graph.value(cazeneuve, CK.role) is None  # which office is not said
    assert len(set(graph.objects(cazeneuve, CK.evidence))) == 2
    agreement = next(graph.subjects(RDF.type, CK.Agreement))
    assert {iris.person("theresa-may"), cazeneuve} <= set(graph.objects(agreement, CK.party))


# ---------------------------------------------------------------- offices and their holders, counterparts

def known_people(vocab: Graph, *people: tuple[str, str, str]) -> Graph:
    """The vocabulary plus persons the curated graph knows by name, ck:role and ck:country."""
    graph = Graph() + vocab
    for name, role, country in people:
        iri = iris.person(name)
        graph.add((iri, RDF.type, CK.Person))
        graph.add((iri, RDFS.label, Literal(name)))
        graph.add((iri, CK.role, Literal(role)))
        graph.add((iri, CK.country, Literal(country)))
    return graph


PATEL = ("Priti Patel", "Home Secretary", "GB")
CALL = ("Patel agrees plan\n12 July 2020\n\nBritain and France will set up a joint intelligence cell, Priti Patel "
        "announced tonight.\n\nThe Home Secretary agreed the plan with her new French counterpart Gerald Darmanin "
        "in a phone call this afternoon.\n")


def test_an_office_is_the_one_person_the_graph_knows_holds_it(vocab):
    graph = mapped(CALL, known_people(vocab, PATEL))
    patel = iris.person("priti-patel")
    assert (patel, CK.role, Literal("Home Secretary")) in graph
    assert (patel, CK.country, Literal("GB")) in graph
    assert (patel, CK.memberOf, iris.organisation("home-office")) in graph
    call = iris.thing("meeting", "2020-07-12-uk-france-call")
    assert {patel, iris.person("gerald-darmanin")} <= set(graph.objects(call, CK.party))
    assert Literal("Home Secretary") not in set(graph.objects(call, CK.partyRole))


@pytest.mark.parametrize("text, people", [
    (CALL.replace("Priti Patel announced", "Priti Patel and Sajid Javid announced"),
     [PATEL, ("Sajid Javid", "Home Secretary", "GB")]),           # two known holders named: neither
    (CALL.replace("The Home Secretary", "A former Home Secretary"), [PATEL]),  # not said definitely
    (CALL.replace("Priti Patel announced tonight", "officials announced tonight") + "\nThe cell follows one "
     "set up by Priti Patel in 2019.\n", [PATEL]),                # a known role of someone named only later
])
def test_an_office_is_nobody_unless_one_known_holder_is_named_before(text, people, vocab):
    graph = mapped(text, known_people(vocab, *people))
    assert (iris.person("priti-patel"), CK.role, None) not in graph


def person_facts(graph: Graph, slug: str) -> dict:
    iri = iris.person(slug)
    return {"roles": {str(r) for r in graph.objects(iri, CK.role)}, "country": graph.value(iri, CK.country),
            "member-of": {str(o).rsplit("/", 1)[-1] for o in graph.objects(iri, CK.memberOf)}}


def test_a_counterpart_named_by_office_and_whose_counterpart_it_is(vocab):
    graph = mapped("Visit\n4 December 2023\n\nInterior Minister Gérald Darmanin received his British counterpart, "
                   "Home Secretary James Cleverly, at Place Beauvau on Monday.\n\nMr Cleverly said talks went well.\n",
                   vocab)
    cleverly, darmanin = person_facts(graph, "james-cleverly"), person_facts(graph, "gerald-darmanin")
    assert cleverly["roles"] == {"Home Secretary"} and cleverly["country"] == Literal("GB")
    assert darmanin["country"] == Literal("FR")  # whose British counterpart it is: French
    assert "french-interior-ministry" in darmanin["member-of"]


def test_an_organisation_before_an_office_and_a_name(vocab):
    graph = mapped(LEAD + "Kent County Council leader Roger Gough said services were at breaking point. "
                   "Dover MP Natalie Elphicke said more was needed.\n", vocab)
    assert person_facts(graph, "roger-gough")["member-of"] == {"kent-county-council"}
    assert person_facts(graph, "natalie-elphicke")["member-of"] == set()  # a place is no organisation


# ---------------------------------------------------------------- names beside a known person, offices of an organisation or a country

SUNAK = ("Rishi Sunak", "Prime Minister", "GB")


@pytest.mark.parametrize("words", [
    "Emmanuel Macron and Rishi Sunak agreed in Paris on Friday that the UK would finance a detention centre.",
    "Rishi Sunak and Emmanuel Macron have agreed in Paris on Friday that the UK would finance a detention centre.",
])
def test_a_full_name_joined_to_a_known_person_by_a_joint_verb_is_a_person(words, vocab):
    graph = mapped(PARIS + words + "\n", known_people(vocab, SUNAK))
    macron = iris.person("emmanuel-macron")
    assert (macron, RDF.type, CK.Person) in graph
    assert (macron, CK.role, None) not in graph  # no office printed, none invented
    [agreement] = graph.subjects(RDF.type, CK.Agreement)
    assert macron in set(graph.objects(agreement, CK.party))


@pytest.mark.parametrize("words", [
    # names no given name opens (a bare "Emmanuel Macron" is a person by his first name)
    "Narendra Modi and Ngozi Okonjo agreed in Paris on Friday.",            # neither is known
    "Narendra Modi and Rishi Sunak's officials agreed in Paris on Friday.",  # no joint verb
])
def test_a_coordinated_name_needs_a_known_partner_and_a_joint_verb(words, vocab):
    graph = mapped(PARIS + words + "\n", known_people(vocab, SUNAK))
    assert (iris.person("narendra-modi"), RDF.type, CK.Person) not in graph


def test_an_office_of_an_organisation_is_that_organisations_not_the_governments(vocab):
    graph = mapped(PARIS + "Emmanuel Macron and Rishi Sunak agreed a deal on Friday.\n\nThe French president said "
                   "it was good.\n\nJordan Bardella, president of the Rassemblement National, said it was cruel.\n",
                   known_people(vocab, SUNAK))
    bardella = person_facts(graph, "jordan-bardella")
    assert bardella["roles"] == {"President of Rassemblement National"}  # never "the French president"
    assert bardella["member-of"] == {"rassemblement-national"}
    assert (iris.person("jordan-bardella"), RDF.type, CK.Minister) not in graph
    assert "jordan-bardella" in disputes(graph)  # outside the governments, so a critic


def test_a_government_office_of_a_country_is_that_countrys_government(vocab):
    graph = mapped(PARIS + "Jean Castex, Prime Minister of France, said the deal was good.\n", vocab)
    castex = person_facts(graph, "jean-castex")
    assert castex["roles"] == {"Prime Minister"} and castex["country"] == Literal("FR")
    assert castex["member-of"] == {"french-government"}


# --- People named by a given name alone ("Boris Johnson", Guardian style, no "Mr") ---------

def _persons(graph: Graph) -> set[str]:
    return {str(p).rsplit("/", 1)[-1] for p in graph.subjects(RDF.type, CK.Person)}


def test_a_bare_full_name_that_opens_with_a_given_name_is_a_person(vocab):
    graph = mapped(PARIS + "France withdrew the invitation after Boris Johnson published a letter to "
                   "Emmanuel Macron on Twitter. Jean-Pierre Raffarin read Boris Johnson’s letter.\n", vocab)
    assert _persons(graph) == {"boris-johnson", "emmanuel-macron", "jean-pierre-raffarin"}
    johnson = iris.person("boris-johnson")
    assert len(set(graph.objects(johnson, CK.evidence))) == 2  # the possessive is the same person
    # found by name only: no office invented, no party
    assert (johnson, CK.role, None) not in graph and (johnson, RDF.type, CK.Minister) not in graph
    assert not set(graph.subjects(CK.party, None))


@pytest.mark.parametrize("words", [
    "Border Force officers said the Home Office and Downing Street agreed.",  # organisations
    "Migrants waited in Le Touquet and on Patrick Henry Street.",              # places
    "Kent Refugee Action Network said so. The Calais Group met.",              # part of an organisation
    "Since January crossings rose, Sky News reported. The Marine Nationale rescued them.",
    "Christian Aid and Hope Not Hate said it was wrong. Victoria Station closed.",
    "Darmanin Castaner agreed.",                                               # no given name opens it
])
def test_no_person_from_capitalised_words_that_name_no_one(words, vocab):
    assert not _persons(mapped(PARIS + words + "\n", vocab))


def test_the_given_name_list_is_read_once():
    from kg.rules.person_names import given_names
    assert given_names() is given_names()
    assert {"boris", "emmanuel", "keir"} <= given_names() and "darmanin" not in given_names()
