"""French pledges (mappings/rules/fr/pledges.yaml and the @fr labels of the pledge-type scheme):
which clauses commit, and which labels name the measure rather than its target."""

from kg.namespaces import CK
from rules_helpers import mapped

LEAD = "Accord\nPublié le 28/11/2020 à 13h47\n\n"


def types(text, vocab) -> set:
    graph = mapped(LEAD + text, vocab, language="fr")
    return {str(t).rsplit("/", 1)[-1] for t in graph.objects(None, CK.pledgeType)}


def test_the_french_labels_are_the_lexicon(vocab):
    found = types("Priti Patel et Gérald Darmanin ont signé samedi un accord prévoyant de doubler les effectifs "
                  "sur les plages, des drones, des radars, de la vidéosurveillance et un centre de rétention.\n", vocab)
    assert {"beach-patrols", "drones", "detection-technology", "cctv", "reception-centres"} <= found


def test_a_target_is_not_the_measure(vocab):
    found = types("Les ministres ont convenu de renforcer l'échange de renseignements sur les réseaux de passeurs.\n", vocab)
    assert "intelligence-sharing" in found and "disrupt-smuggling" not in found


def test_a_legal_route_as_the_means_is_a_measure(vocab):
    found = types("Emmanuel Macron et Keir Starmer ont signé jeudi l'accord « un pour un » : chaque migrant renvoyé "
                  "sera échangé contre un demandeur d'asile admis par une voie légale.\n", vocab)
    assert {"returns", "safe-legal-routes"} <= found


def test_what_critics_call_for_is_no_pledge(vocab):
    found = types("Utopia 56 réclame des voies légales et sûres.\n", vocab)
    assert "safe-legal-routes" not in found
