"""French meetings and agreements (mappings/rules/fr/events.yaml): who met or signed, in which
words French copy reports it, and the same IRI for an occasion whichever language reports it."""

from rdflib.namespace import RDF

from kg import iris
from kg.namespaces import CK
from rules_helpers import mapped


def fr(text, vocab, lead="Accord à Paris\nPublié le 14/11/2022 à 11h05\n\n"):
    return mapped(lead + text, vocab, language="fr")


def events(graph) -> set:
    return {str(e).rsplit("/", 1)[-1] for cls in (CK.Meeting, CK.Agreement) for e in graph.subjects(RDF.type, cls)}


def parties(graph, kind, slug) -> set:
    return {str(p).rsplit("/", 1)[-1] for p in graph.objects(iris.thing(kind, slug), CK.party)}


def test_signed_with_date_and_place_between(vocab):
    graph = fr("Gérald Darmanin et Suella Braverman, ministre britannique de l'Intérieur, ont signé ce lundi 14 "
               "novembre à Paris un nouvel accord.\n", vocab)
    assert "2022-11-14-uk-france-agreement" in events(graph)
    assert parties(graph, "agreement", "2022-11-14-uk-france-agreement") == {"gerald-darmanin", "suella-braverman"}


def test_a_call_and_its_agreement(vocab):
    graph = fr("Emmanuel Macron et Rishi Sunak se sont entretenus par téléphone dimanche. Les deux dirigeants "
               "ont convenu de renforcer la coopération.\n", vocab)
    assert {"2022-11-13-uk-france-call", "2022-11-13-uk-france-agreement"} <= events(graph)


def test_a_passive_names_its_parties_after_par(vocab):
    graph = fr("Le traité de Sandhurst, signé le 18 janvier 2018 par Theresa May et Emmanuel Macron, prévoyait "
               "des clôtures.\n", vocab, lead="Analyse\nPublié le 12 mars 2023 à 18h00\n\n")
    assert parties(graph, "agreement", "2018-01-18-uk-france-agreement") == {"theresa-may", "emmanuel-macron"}


def test_words_of_a_later_time_date_no_occasion(vocab):
    graph = fr("Gérald Darmanin et Suella Braverman ont signé ce lundi un accord. Les deux ministres se retrouveront "
               "au début de l'année 2023 pour faire le point sur la mise en œuvre de l'accord.\n", vocab)
    assert events(graph) == {"2022-11-14-uk-france-agreement"}


def test_since_a_treaty_is_no_occasion_of_the_article(vocab):
    graph = fr("Depuis le traité du Touquet, Londres a versé des millions. En novembre 2022, un nouvel accord "
               "prévoyait 72,2 millions d'euros.\n", vocab, lead="Combien ?\nPublié le 18/01/2024 à 07h12\n\n")
    # no curated day here: the agreement of that month, not the treaty, holds the money
    funding = iris.thing("funding", "2022-11-uk-france-agreement-72200000-eur")
    assert (iris.thing("agreement", "2022-11-uk-france-agreement"), CK.hasFunding, funding) in graph


def test_a_summit_outranks_a_meeting_and_dates_its_agreement(vocab):
    graph = fr("Theresa May et Emmanuel Macron se sont retrouvés vendredi à l'Elysée pour le premier sommet "
               "franco-britannique depuis 2018. Les deux dirigeants ont conclu un accord.\n", vocab,
               lead="Sommet\nPublié le 11/03/2023 à 08:15\n\n")
    assert {"2023-03-10-uk-france-summit", "2023-03-10-uk-france-agreement"} <= events(graph)
    assert parties(graph, "meeting", "2023-03-10-uk-france-summit") == {"theresa-may", "emmanuel-macron"}


def test_a_meeting_still_to_come_is_none(vocab):
    graph = fr("Les ministres se sont entretenus mardi. Ils doivent participer au prochain sommet en mars.\n", vocab)
    assert not any("summit" in e for e in events(graph))
