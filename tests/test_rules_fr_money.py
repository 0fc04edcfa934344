"""French money (mappings/rules/fr/money.yaml): sums as French copy prints them, read by Babel in
fr_FR and by text2num, their restatements, schedules and payers; the same sum in French and in
English reaches the same Funding IRI."""

from decimal import Decimal

import pytest
from rdflib.namespace import RDF

from kg import iris
from kg.namespaces import CK
from kg.rules import money
from rules_helpers import FRENCH, mapped


def payments(text: str) -> list[money.Payment]:
    return money.payments(text, 0, len(text), FRENCH)


@pytest.mark.parametrize("text, amount, currency, qualifier", [
    ("Londres versera 47,3 millions d'euros.", "47300000", "EUR", None),
    ("Londres versera 47,3 millions d’euros.", "47300000", "EUR", None),
    ("un financement de 81,5 M€ sur trois ans", "81500000", "EUR", None),
    ("une enveloppe de 12,5 M£", "12500000", "GBP", None),
    ("55 millions de livres (sterling)", "55000000", "GBP", None),
    ("55 millions de livres sterling", "55000000", "GBP", None),
    ("environ 74,9 millions de dollars", "74900000", "USD", "approximately"),
    ("plus de 19 millions d'euros", "19000000", "EUR", "more than"),
    ("près d'un demi-milliard d'euros", "500000000", "EUR", "less than"),
    ("quarante-deux millions d'euros", "42000000", "EUR", None),
    ("deux millions de livres", "2000000", "GBP", None),
    ("septante-cinq millions d'euros", "75000000", "EUR", None),    # Belgian and Swiss French
    ("un million d'euros", "1000000", "EUR", None),
    ("cent millions d'euros", "100000000", "EUR", None),
    ("1,5 milliard d'euros", "1500000000", "EUR", None),
    ("un chèque de 500 000 €", "500000", "EUR", None),
    ("un chèque de 500\u202f000 euros", "500000", "EUR", None),
    ("un chèque de 500\u00a0000 euros", "500000", "EUR", None),
    ("un chèque de 500.000 euros", "500000", "EUR", None),
    ("535 millions de francs suisses", "535000000", "CHF", None),
    ("CHF 5 millions", "5000000", "CHF", None),
    ("2 Md€", "2000000000", "EUR", None),
])
def test_amounts_as_french_copy_prints_them(text, amount, currency, qualifier):
    [payment] = payments(text)
    assert (payment.amounts[0].value, payment.amounts[0].currency) == (Decimal(amount), currency)
    assert payment.qualifier == qualifier


@pytest.mark.parametrize("text", [
    "près d'un demi-milliard",           # no currency: no money we can record
    "60 millions de francs par an",      # "francs" alone: which francs is not said
    "le 3 mars, 40 millions de personnes",
    "12,5 millions de migrants",
    "les passeurs réclament entre 1 000 et 3 000 euros par personne",
    "une place coûte 3 000 euros la traversée",
    "condamné à une amende de 15 000 euros",
])
def test_no_money_without_a_currency(text):
    assert payments(text) == []


@pytest.mark.parametrize("text, second", [
    ("62,7 millions d'euros (54 millions de livres)", ("54000000", "GBP")),
    ("72,2 millions d'euros, soit environ 63 millions de livres sterling", ("63000000", "GBP")),
    ("72,2 M€ supplémentaires, soit 63 M£", ("63000000", "GBP")),
    ("480 millions de livres (environ 535 millions de francs suisses)", ("535000000", "CHF")),
])
def test_a_restated_amount_is_the_same_payment(text, second):
    [payment] = payments(text)
    assert len(payment.amounts) == 2
    assert (payment.amounts[1].value, payment.amounts[1].currency) == (Decimal(second[0]), second[1])


def test_a_schedule_is_one_payment_per_year():
    found = payments("Londres paiera 141 millions de livres en 2023-2024, 191 millions de livres en "
                     "2024-2025 et 209 M£ en 2025-2026.")
    assert [(p.amounts[0].value, p.period) for p in found] == [
        (Decimal("141000000"), "2023-2024"), (Decimal("191000000"), "2024-2025"), (Decimal("209000000"), "2025-2026")]


def test_a_yearly_sum_and_a_change_of_a_sum():
    [yearly] = payments("Le Royaume-Uni versera 40 millions de livres par an.")
    assert yearly.period == "par an"
    assert payments("soit une hausse de 8 millions de livres par rapport à l'accord précédent") == []


@pytest.mark.parametrize("sentence", [
    "Le Royaume-Uni versera 62,7 millions d'euros à la France.",
    "Londres a promis à Paris 480 millions de livres.",
    "Le gouvernement britannique versera à la France 72,2 millions d'euros.",
    "Londres va débourser 31,4 millions d'euros pour aider la France.",
])
def test_who_pays_whom(vocab, sentence):
    graph = mapped(f"Accord franco-britannique sur la Manche\nPublié le 20/07/2021\n\n{sentence}\n", vocab,
                   language="fr")
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert graph.value(funding, CK.funder) == iris.organisation("uk-government")
    assert graph.value(funding, CK.recipient) == iris.organisation("french-government")


@pytest.mark.parametrize("sentence, funder, recipient", [
    ("Les Britanniques verseront 28,2 millions de livres à la France.", "uk-government", "french-government"),
    ("Depuis 2014, la France a reçu 232 millions d'euros.", None, "french-government"),
])
def test_more_payers(vocab, sentence, funder, recipient):
    graph = mapped(f"Accord franco-britannique sur la Manche\nPublié le 20/07/2021\n\n{sentence}\n", vocab,
                   language="fr")
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert graph.value(funding, CK.funder) == (iris.organisation(funder) if funder else None)
    assert graph.value(funding, CK.recipient) == iris.organisation(recipient)


def test_the_same_sum_in_french_and_english_is_one_funding(vocab):
    """The July 2021 package in a French and an English story: one Funding IRI, one agreement."""
    french = mapped("Londres va verser 62,7 millions d'euros\nPublié le 21/07/2021 à 06h00\n\n"
                    "Le Royaume-Uni et la France ont conclu mardi un nouvel accord. Londres versera "
                    "62,7 millions d'euros (54 millions de livres) à la France.\n", vocab, "fr1", "fr")
    english = mapped("UK to pay France £54m\n21 July 2021\n\n"
                     "The UK and France agreed a new deal on Tuesday. The UK will pay France €62.7m "
                     "(£54m).\n", vocab, "en1")
    def fundings(graph):
        return {f for f in graph.subjects(RDF.type, CK.Funding)}
    assert fundings(french) == fundings(english) == {
        iris.thing("funding", "2021-07-20-uk-france-agreement-62700000-eur"),
        iris.thing("funding", "2021-07-20-uk-france-agreement-54000000-gbp")}
