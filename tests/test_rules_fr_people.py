"""French people and organisations (mappings/rules/fr/people.yaml): lower-case offices with the
nationality after them, "M."/"Mme", "son homologue britannique", the organisations French copy
names, and one IRI for a person or organisation whichever language names it."""

from rdflib import Literal
from rdflib.namespace import RDF

from kg import iris
from kg.namespaces import CK
from rules_helpers import mapped

LEAD = "Accord à Paris\nPublié le 14/11/2022 à 11h05\n\n"


def fr(text, vocab):
    return mapped(LEAD + text, vocab, language="fr")


def roles(graph) -> dict:
    return {str(p).rsplit("/", 1)[-1]: str(r) for p, r in graph.subject_objects(CK.role)}


def test_lower_case_offices_and_their_nationality_after_them(vocab):
    graph = fr("Le ministre de l'Intérieur Gérald Darmanin et la ministre britannique de l'Intérieur, "
               "Suella Braverman, ont signé un accord. Le Premier ministre britannique Rishi Sunak a salué l'accord.\n", vocab)
    assert roles(graph) == {"gerald-darmanin": "Interior Minister", "suella-braverman": "Home Secretary",
                            "rishi-sunak": "Prime Minister"}
    assert (iris.person("suella-braverman"), CK.country, Literal("GB")) in graph
    assert (iris.person("suella-braverman"), CK.memberOf, iris.organisation("home-office")) in graph
    assert (iris.person("gerald-darmanin"), CK.memberOf, iris.organisation("french-interior-ministry")) in graph


def test_an_office_with_a_nationality_after_it_is_that_countrys_office(vocab):
    graph = fr("Gérald Darmanin, ministre de l'Intérieur, et Suella Braverman, ministre de l'Intérieur du "
               "Royaume-Uni, ont signé un accord.\n", vocab)
    assert roles(graph) == {"gerald-darmanin": "Interior Minister", "suella-braverman": "Home Secretary"}


def test_honorifics_link_to_the_full_name(vocab):
    graph = fr("Gérald Darmanin a reçu Suella Braverman. « C'est un bon accord », a déclaré M. Darmanin. "
               "Mme Braverman a salué le texte. Mme Dupont n'a rien dit.\n", vocab)
    persons = set(graph.subjects(RDF.type, CK.Person))
    assert persons == {iris.person("gerald-darmanin"), iris.person("suella-braverman")}
    assert len(set(graph.objects(iris.person("gerald-darmanin"), CK.evidence))) == 2


def test_the_counterpart_holds_the_other_countrys_office(vocab):
    graph = fr("Le ministre de l'Intérieur Gérald Darmanin a reçu ce lundi son homologue britannique, "
               "James Cleverly.\n", vocab)
    assert roles(graph) == {"gerald-darmanin": "Interior Minister", "james-cleverly": "Home Secretary"}
    assert (iris.person("james-cleverly"), CK.country, Literal("GB")) in graph


def test_a_third_countrys_minister_meets_her_french_and_british_counterparts(vocab):
    graph = fr("La ministre de l'Intérieur Annelies Verlinden a reconnu que la Belgique était en première ligne. "
               "Elle doit rencontrer ses homologues français et britannique au printemps.\n", vocab)
    assert (iris.person("annelies-verlinden"), CK.country, Literal("BE")) in graph
    assert (iris.person("annelies-verlinden"), CK.memberOf, iris.organisation("french-interior-ministry")) not in graph


def test_organisations_named_in_french_reach_the_english_iris(vocab):
    graph = fr("Selon le ministère de l'Intérieur, les passeurs s'adaptent. Un porte-parole du Home Office "
               "a confirmé. Le gouvernement britannique versera 8 millions d'euros. Médecins sans frontières "
               "et la Cimade ont dénoncé l'accord.\n", vocab)
    organisations = set(graph.subjects(RDF.type, CK.Organisation))
    assert {iris.organisation(s) for s in ("french-interior-ministry", "home-office", "uk-government",
                                           "medecins-sans-frontieres", "la-cimade")} <= organisations


def test_an_association_named_again_by_what_it_is(vocab):
    graph = fr("Un chiffre contesté, selon Utopia 56. « On compte les mêmes personnes », explique Julien "
               "Morel, chargé de communication de l'association à Calais.\n", vocab)
    assert (iris.person("julien-morel"), CK.memberOf, iris.organisation("utopia-56")) in graph
    assert (iris.person("julien-morel"), CK.role, Literal("Spokesperson")) in graph


def test_a_president_of_an_association_is_no_head_of_state(vocab):
    graph = fr("« On ne voit personne », peste Bernard Lemoine, président de l'association des plaisanciers "
               "d'Équihen-Plage.\n", vocab)
    lemoine = iris.person("bernard-lemoine")
    assert (lemoine, CK.memberOf, iris.organisation("french-government")) not in graph
    assert (lemoine, RDF.type, CK.Minister) not in graph
    assert graph.value(lemoine, CK.role) is not None and "President of" in str(graph.value(lemoine, CK.role))
