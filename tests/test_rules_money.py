"""Money: amounts, restatements, schedules and payers, and which agreement a sum is paid under."""

from decimal import Decimal

import pytest
from rdflib.namespace import RDF

from kg import iris
from kg.namespaces import CK
from kg.rules import money
from rules_helpers import FACT_CHECK, LEAD, RULES, disputes, fundings, mapped


def payments(text: str) -> list[money.Payment]:
    return money.payments(text, 0, len(text), RULES)


@pytest.mark.parametrize("text, amount, currency", [
    ("a further investment of €62.7m", Decimal("62700000"), "EUR"),
    ("over £6 million investment", Decimal("6000000"), "GBP"),
    ("a £1.2bn package", Decimal("1200000000"), "GBP"),
    ("half a billion pounds", Decimal("500000000"), "GBP"),
    ("$88 million", Decimal("88000000"), "USD"),
    ("80 million euros", Decimal("80000000"), "EUR"),
])
def test_amounts_in_whole_units(text, amount, currency):
    [payment] = payments(text)
    assert (payment.amounts[0].value, payment.amounts[0].currency) == (amount, currency)


@pytest.mark.parametrize("text, second", [
    ("The UK will pay €50m (roughly £43m) this year.", (Decimal("43000000"), "GBP")),
    ("80 million euros ($88 million) for patrols", (Decimal("88000000"), "USD")),
])
def test_a_restated_amount_is_the_same_payment(text, second):
    [payment] = payments(text)
    assert len(payment.amounts) == 2
    assert (payment.amounts[1].value, payment.amounts[1].currency) == second


def test_a_schedule_is_one_payment_per_year():
    found = payments("Britain will pay £141m in 2023-24, £191m in 2024-25 and £209m in 2025-26.")
    assert [(p.amounts[0].value, p.period) for p in found] == [
        (Decimal("141000000"), "2023-24"), (Decimal("191000000"), "2024-25"), (Decimal("209000000"), "2025-26")]


def test_who_pays_whom_when_the_sentence_says_so(vocab):
    graph = mapped("The UK will pay France £54m to fund more patrols.\n", vocab)
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert graph.value(funding, CK.funder) == iris.organisation("uk-government")
    assert graph.value(funding, CK.recipient) == iris.organisation("french-government")


def test_payer_with_a_decimal_amount_between(vocab):
    graph = mapped("The UK has pledged to make a further financial investment of €62.7m to support "
                   "France's efforts.\n", vocab)
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert graph.value(funding, CK.funder) == iris.organisation("uk-government")
    assert graph.value(funding, CK.recipient) == iris.organisation("french-government")


def test_stated_equivalents_are_linked_funding_nodes(vocab):
    graph = mapped("Britain will give Paris €50m (roughly £43m) for patrols.\n", vocab)
    fundings = list(graph.subjects(RDF.type, CK.Funding))
    assert len(fundings) == 2
    assert (fundings[0], CK.statedEquivalent, fundings[1]) in graph


def test_money_without_a_figure_is_not_funding(vocab):
    graph = mapped("The government has agreed to pay France millions of pounds.\n", vocab)
    assert not list(graph.subjects(RDF.type, CK.Funding))


def test_a_yearly_sum(vocab):
    [payment] = payments("The UK will pay £40 million a year towards French policing.")
    assert (payment.amounts[0].value, payment.period) == (Decimal("40000000"), "a year")


# ---------------------------------------------------------------- which agreement a sum is paid under, and sums that are no payment

def test_an_older_deal_named_later_neither_dates_the_news_nor_takes_its_money(vocab):
    graph = mapped(LEAD + "Prime Minister Keir Starmer and French President Emmanuel Macron have agreed a "
                   "landmark deal on returns.\n\nBritain has already agreed to pay France £476m over three "
                   "years under a deal struck in 2023.\n", vocab)
    news = iris.thing("agreement", "2025-07-10-uk-france-agreement")
    older = iris.thing("agreement", "test-2023-uk-france-agreement")
    assert graph.value(news, CK.date) is None  # nothing dates it: not the 2023 words either
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert (older, CK.hasFunding, funding) in graph and (news, CK.hasFunding, funding) not in graph


def test_a_sum_dated_by_its_own_words_is_not_the_deals(vocab):
    graph = mapped("Ministers sign Calais deal\n20 Aug 2015, 12:21pm\n\n"
                   "Home Secretary Theresa May signed the deal in Calais on Thursday. Under the agreement, Britain "
                   "will pay £7 million over two years, on top of the £12 million already committed last year.\n", vocab)
    deal = iris.thing("agreement", "2015-08-20-uk-france-agreement")
    amounts = {graph.value(f, CK.amount).toPython(): f for f in graph.objects(deal, CK.hasFunding)}
    assert set(amounts) == {Decimal(7000000)}
    # "Britain will pay £7 million": who pays, though no recipient is named
    assert graph.value(amounts[Decimal(7000000)], CK.funder) == iris.organisation("uk-government")


def test_a_claim_under_test_and_a_critics_sum_are_not_payments(vocab):
    graph = mapped(FACT_CHECK + "What was claimed\nThe UK has given France half a billion pounds.\n\n"
                   "Conservative MP Marco Longhi said the UK had given France half a billion pounds and got nothing "
                   "in return.\n\nIn July 2021, the UK agreed to pay €62.7 million.\n", vocab)
    assert set(fundings(graph)) == {Decimal("62700000")}


def test_a_date_that_opens_the_sentence_dates_its_verb_and_each_sum_its_own(vocab):
    graph = mapped(FACT_CHECK + "Ministers met in Paris on Friday. In July 2021, the UK agreed to pay €62.7 million, "
                   "and in November 2020 it committed £28.2 million.\n", vocab)
    assert fundings(graph) == {Decimal("62700000"): {"2021-07-uk-france-agreement"}, Decimal("28200000"): set()}


EXPLAINER = ("What deals have the UK and France agreed?\nPublished 12 March 2023\n\n"
             "November 2020\n- Home Secretary Priti Patel and French Interior Minister Gérald Darmanin agreed to double "
             "the number of officers patrolling French beaches.\n- The UK paid £28.2m.\n\n"
             "March 2023\n- Rishi Sunak and Emmanuel Macron agreed that the UK would pay £478m over three years.\n")


def test_a_heading_dates_the_lines_under_it(vocab):
    graph = mapped(EXPLAINER, vocab)
    november = iris.thing("agreement", "2020-11-uk-france-agreement")
    assert fundings(graph) == {Decimal("28200000"): {"2020-11-uk-france-agreement"},
                               Decimal("478000000"): {"2023-03-uk-france-agreement"}}
    assert {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(november, CK.hasPledge)} == {"beach-patrols"}


def test_a_deal_signed_with_its_price_and_a_difference_that_is_no_payment(vocab):
    graph = mapped("Minister signs deal\n14 November 2022 • 7:00am\n\nHome Secretary Suella Braverman has signed a £63 "
                   "million deal with France on Monday. The deal is an increase of about £8 million on last year's "
                   "agreement.\n\nCritics said the deal did not go far enough. Nigel Farage, the former Brexit Party "
                   "leader, said: \"It's a drop in the ocean.\"\n", vocab)
    deal = iris.thing("agreement", "2022-11-14-uk-france-agreement")
    assert fundings(graph) == {Decimal("63000000"): {"2022-11-14-uk-france-agreement"}}
    assert (deal, CK.party, iris.person("suella-braverman")) in graph
    assert disputes(graph) == {"nigel-farage": {"2022-11-14-uk-france-agreement"}}  # what the critics' sentence names


# ---------------------------------------------------------------- "£8.5m to France" (issue 15, 22)

@pytest.mark.parametrize("text, funder, recipient", [
    ("The UK will pay £8.5m to France to fund extra patrols.", "The UK", "France"),
    ("Britain will give a further €62.7m (£54m) to the French authorities.", "Britain", "the French authorities"),
    ("London is to send £40 million a year to Paris.", "London", "Paris"),
    ("The package includes £8.5m to France for drones.", None, "France"),
    ("The UK will pay France £8.5m.", "The UK", "France"),             # the recipient right after the verb
    ("The UK has contributed £8.5m to help France.", "The UK", None),    # "to help": a purpose, no recipient
    ("Spending rose from £5m to £8.5m.", None, None),                    # "to" a sum
])
def test_the_actor_after_to_that_follows_a_sum_is_its_recipient(text, funder, recipient):
    assert {(p.funder, p.recipient) for p in payments(text)} == {(funder, recipient)}


def test_the_recipient_of_8_5m_to_france_in_the_graph(vocab):
    graph = mapped(LEAD + "The UK will pay £8.5m to France to fund extra patrols on the beaches, the Home Office said.\n", vocab)
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert graph.value(funding, CK.funder) == iris.organisation("UK Government")
    assert graph.value(funding, CK.recipient) == iris.organisation("French Government")
