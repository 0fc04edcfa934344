"""French statistics (mappings/rules/fr/statistics.yaml): figures as French prints them, each
with the measure the scheme's @fr labels name (the same measures, so the same IRIs, as English)."""

from datetime import date
from decimal import Decimal

import pytest
from rdflib.namespace import RDF

from kg import iris
from kg.namespaces import CK, MS
from rules_helpers import mapped

LEAD = "Manche : les chiffres de la semaine\nPublié le jeudi 9 mars 2023 à 08h00\n\n"


def statistics(vocab, body: str, stem: str = "fr") -> dict:
    graph = mapped(LEAD + body + "\n", vocab, stem, "fr")
    return {(str(graph.value(s, CK.measure)).rsplit("/", 1)[-1], graph.value(s, CK.value).toPython()):
            {"unit": graph.value(s, CK.unit), "qualifier": graph.value(s, CK.qualifier),
             "date": graph.value(s, CK.date), "since": graph.value(s, CK.periodStart), "iri": s}
            for s in graph.subjects(RDF.type, CK.Statistic)}


@pytest.mark.parametrize("sentence, measure, value", [
    ("Plus de 36 000 traversées ont été recensées l'an dernier.", "crossings", 36000),
    ("Au total, 31.442 personnes ont traversé la Manche l'an dernier.", "people-crossing", 31442),
    ("Au total, 31 442 migrants ont traversé la Manche l'an dernier.", "people-crossing", 31442),
    ("Au total, 31\u202f442 migrants ont traversé la Manche l'an dernier.", "people-crossing", 31442),
    ("Au total, 21'000 personnes ont traversé la Manche l'an dernier.", "people-crossing", 21000),
    ("Hier, 1 250 migrants interceptés ont été ramenés à Boulogne.", "people-intercepted", 1250),
    ("Hier, 12 morts ont été dénombrés.", "deaths", 12),
    ("Cinq personnes sont mortes hier au large de Wimereux.", "deaths", 5),
    ("Les gendarmes ont interpellé 14 passeurs présumés hier.", "arrests", 14),
    ("Les forces de l'ordre ont empêché 480 traversées hier.", "crossings-prevented", 480),
    ("Le nombre de traversées a atteint un record de 45 774 l'an dernier.", "people-crossing", 45774),
    ("Le naufrage a fait 27 morts hier.", "deaths", 27),
    ("Hier, 1 300 personnes ont été secourues en mer.", "people-intercepted", 1300),
    ("Hier, 4 000 policiers et gendarmes étaient mobilisés.", "officers-deployed", 4000),
])
def test_figures_and_their_measures(vocab, sentence, measure, value):
    assert (measure, Decimal(value)) in statistics(vocab, sentence)


def test_a_percentage_with_a_space_before_the_sign(vocab):
    found = statistics(vocab, "Les traversées ont augmenté de 40 % en un an.")
    assert found[("crossings", Decimal(40))]["unit"].toPython() == "percent"


def test_dates_and_periods(vocab):
    found = statistics(vocab, "Depuis le début de l'année, plus de 3 000 personnes ont traversé la Manche. "
                              "Lundi, 353 personnes ont été interceptées.")
    crossing = found[("people-crossing", Decimal(3000))]
    assert (crossing["since"].toPython(), crossing["date"].toPython(), str(crossing["qualifier"])) == (
        date(2023, 1, 1), date(2023, 3, 9), "more than")
    assert found[("people-intercepted", Decimal(353))]["date"].toPython() == date(2023, 3, 6)


def test_a_comparison_takes_the_measure_and_the_date_of_its_own_side(vocab):
    found = statistics(vocab, "Depuis le 1er janvier, plus de 15 000 migrants ont traversé la Manche à bord de "
                              "small boats, selon les chiffres du Home Office, contre 45 774 sur l'ensemble "
                              "de l'année 2022.")
    assert found[("people-crossing", Decimal(45774))]["date"].toPython() == date(2022, 12, 31)
    assert found[("people-crossing", Decimal(45774))]["since"] is None
    assert found[("people-crossing", Decimal(15000))]["since"].toPython() == date(2023, 1, 1)


@pytest.mark.parametrize("sentence, not_a_figure", [
    ("« On voit passer les bateaux tous les matins », raconte Marie, 58 ans, sur la digue.", 58),
    ("L'embarcation a fait naufrage vers 4h00 au large de Sangatte, où 20 migrants ont été secourus.", 4),
    ("Pour l'association Utopia 56, 300 personnes ont traversé la Manche hier.", 56),
    ("Les deux pays ont signé un accord de trois ans sur les traversées.", 2),
    ("Le ministre s'est engagé à empêcher 100 % des traversées.", 100),
])
def test_numbers_that_are_no_figures(vocab, sentence, not_a_figure):
    assert Decimal(not_a_figure) not in {value for _, value in statistics(vocab, sentence)}


def test_the_same_figure_in_french_and_english_is_one_statistic(vocab):
    """IRIs name the measure, the value and the day: the languages meet on one node."""
    french = statistics(vocab, "Lundi, 412 personnes ont traversé la Manche à bord de petites embarcations.", "a")
    english = mapped("Channel crossings\nThursday 9 March 2023\n\n412 people crossed the Channel in small boats "
                     "on Monday.\n", vocab, "b")
    [node] = english.subjects(CK.measure, MS["people-crossing"])
    assert french[("people-crossing", Decimal(412))]["iri"] == node == iris.thing(
        "statistic", "people-crossing-412-2023-03-06")
