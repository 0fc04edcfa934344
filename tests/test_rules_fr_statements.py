"""French disputes and statements (mappings/rules/fr/statements.yaml): what critics outside the
two governments contest, in the words French copy gives them, and ministers' words as statements."""

from rdflib.namespace import RDF

from kg.namespaces import CK
from rules_helpers import disputes, mapped

LEAD = "Accord\nPublié le 14/11/2022 à 18h40\n\n"


def fr(text, vocab):
    return mapped(LEAD + text, vocab, language="fr")


def test_an_association_disputes_the_deal(vocab):
    graph = fr("Gérald Darmanin et Suella Braverman ont signé lundi un accord. L'association Utopia 56 a dénoncé "
               "un accord qui « ne fera que pousser les exilés vers des routes plus dangereuses ».\n", vocab)
    assert disputes(graph) == {"utopia-56": {"2022-11-14-uk-france-agreement"}}


def test_a_ministers_words_are_a_statement_not_a_dispute(vocab):
    graph = fr("« Cet accord est une étape décisive », a déclaré Gérald Darmanin, ministre de l'Intérieur.\n", vocab)
    assert disputes(graph) == {}
    assert list(graph.subjects(RDF.type, CK.Statement))


def test_speakers_in_french_attributions(vocab):
    graph = fr("Gérald Darmanin et Suella Braverman ont signé lundi un accord.\n\n"
               "« C'est un accord de plus qui ne changera rien », estime Pierre Delattre, de l'Auberge des "
               "migrants.\n\n"
               "Pour la Cimade, cet accord relève de « la sous-traitance de la frontière britannique ».\n", vocab)
    found = disputes(graph)
    assert found["pierre-delattre"] == {"2022-11-14-uk-france-agreement"}
    assert found["la-cimade"] == {"2022-11-14-uk-france-agreement"}


def test_a_figure_disputed(vocab):
    graph = fr("Les forces de l'ordre ont empêché 23 487 traversées de la Manche en 2023, selon le ministère de "
               "l'Intérieur.\n\nPour la Cimade, « le nombre de traversées empêchées ne dit rien du nombre de vies "
               "mises en danger ».\n", vocab)
    assert disputes(graph) == {"la-cimade": {"crossings-prevented-23487-2023-12-31"}}
