"""Meetings and agreements: which occasion an article reports, how it is dated and labelled,
who took part, and which agreement a sentence's commitments belong to."""

from datetime import date
from decimal import Decimal

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg import iris
from kg.namespaces import CK, PT
from rules_helpers import FACT_CHECK, LEAD, fundings, mapped


def test_one_occasion_gets_one_label_however_an_article_dates_it(vocab):
    """The label says the date as far as it is known, not the words that printed it, so two
    articles naming one agreement agree on its name; undated words stay in the label."""
    today = mapped("UK and France sign deal\n7 April 2020\n\nHome Secretary Priti Patel and French Interior "
                   "Minister Christophe Castaner signed an agreement today (Tuesday 7 April).\n", vocab, "a")
    dated = mapped("UK and France sign deal\n9 April 2020\n\nHome Secretary Priti Patel and French Interior "
                   "Minister Christophe Castaner signed an agreement on 7 April 2020.\n", vocab, "b")
    agreement = iris.thing("agreement", "2020-04-07-uk-france-agreement")
    assert str(today.value(agreement, RDFS.label)) == str(dated.value(agreement, RDFS.label)) \
        == "UK–France agreement of 7 April 2020"
    undated = mapped("The Home Secretary and French Interior Minister Gérald Darmanin met yesterday evening.\n", vocab)
    [meeting] = undated.subjects(RDF.type, CK.Meeting)
    assert str(undated.value(meeting, RDFS.label)) == "UK–France meeting (yesterday evening)"


def test_the_sentence_that_names_a_plan_belongs_to_that_plan(vocab):
    graph = mapped("UK and France ministers met\n29 August 2019\n\nPriti Patel met French Interior Minister "
                   "Christophe Castaner yesterday evening and they agreed to increase intelligence gathering.\n"
                   "Today's meeting follows the joint action plan agreed by the UK and France in January.\n"
                   "The plan included over £6 million investment in new security equipment and CCTV coverage.\n", vocab)
    plan = iris.thing("agreement", "2019-01-uk-france-joint-action-plan")
    assert {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(plan, CK.hasPledge)} == {
        "security-equipment", "cctv"}
    assert (plan, CK.hasFunding, iris.thing("funding", "2019-01-uk-france-joint-action-plan-6000000-gbp")) in graph
    meeting = iris.thing("meeting", "2019-08-28-uk-france-meeting")
    assert graph.value(meeting, CK.date) == Literal(date(2019, 8, 28))


# ---------------------------------------------------------------- occasions the lead does not date

def agreements(graph: Graph) -> dict:
    return {str(a).rsplit("/", 1)[-1]: graph.value(a, CK.date) for a in graph.subjects(RDF.type, CK.Agreement)}


def test_an_undated_lead_takes_the_day_the_next_sentence_names(vocab):
    graph = mapped(LEAD + "Prime Minister Keir Starmer and French President Emmanuel Macron have agreed a "
                   "landmark deal on returns. The pilot was announced at a press conference on Thursday.\n", vocab)
    assert agreements(graph) == {"2025-07-10-uk-france-agreement": Literal(date(2025, 7, 10))}


def test_a_call_in_words_without_names_is_the_reported_occasion(vocab):
    graph = mapped("Leaders agree to step up efforts\nIssued on: 24/11/2021 - 21:45\n\n"
                   "French President Emmanuel Macron and Prime Minister Boris Johnson agreed on Wednesday evening "
                   "to step up efforts to stop the crossings. The two leaders spoke by phone.\n", vocab)
    call = iris.thing("meeting", "2021-11-24-uk-france-call")
    assert graph.value(call, CK.date) == Literal(date(2021, 11, 24))
    assert set(graph.objects(call, CK.party)) == {iris.person("emmanuel-macron"), iris.person("boris-johnson")}
    assert graph.value(call, CK.outcome) == iris.thing("agreement", "2021-11-24-uk-france-agreement")


def test_a_meeting_only_planned_is_not_an_occasion(vocab):
    graph = mapped(LEAD + "The two countries signed a deal on Thursday. A meeting of the Calais Group will be "
                   "scheduled as soon as possible.\n", vocab)
    assert not list(graph.subjects(RDF.type, CK.Meeting))


# ---------------------------------------------------------------- occasions: the blind checks

def test_agreeing_the_plan_with_a_counterpart_is_an_agreement(vocab):
    graph = mapped("Ministers agree plan\n12 July 2020\n\nHome Secretary Priti Patel agreed the plan with French "
                   "Interior Minister Gerald Darmanin in a phone call this afternoon.\n", vocab)
    agreement = iris.thing("agreement", "2020-07-12-uk-france-agreement")
    assert graph.value(iris.thing("meeting", "2020-07-12-uk-france-call"), CK.outcome) == agreement
    assert graph.value(agreement, CK.date) == Literal(date(2020, 7, 12))


def test_an_article_without_an_agreement_of_its_own_gives_commitments_to_the_one_it_names(vocab):
    graph = mapped("Minister threatens to withhold cash\nSeptember 9, 2021 4:15 pm\n\nThe money is part of a €62.7 "
                   "million package that Britain agreed to pay France in July to double the number of police officers "
                   "patrolling French beaches.\n", vocab)
    assert set(graph.subjects(RDF.type, CK.Agreement)) == {iris.thing("agreement", "2021-07-uk-france-agreement")}
    july = iris.thing("agreement", "2021-07-uk-france-agreement")
    assert PT["beach-patrols"] in {graph.value(p, CK.pledgeType) for p in graph.objects(july, CK.hasPledge)}
    assert graph.value(july, CK.date) is None  # "in July" is not the day of publication


def test_an_agreement_named_by_an_old_date_first_is_not_the_news(vocab):
    """The first occasion an article names is the one it reports, unless its date words are well
    before publication: then a call reported later is the news, and what it agreed is its own."""
    graph = mapped("Minister threatens to withhold cash\nSeptember 9, 2021 4:15 pm\n\nBritain agreed in July to pay "
                   "France €62.7m to double the number of police officers patrolling French beaches.\n\nHome "
                   "Secretary Priti Patel and French Interior Minister Gerald Darmanin spoke by phone on Monday and "
                   "agreed to share intelligence.\n", vocab)
    monday = iris.thing("agreement", "2021-09-06-uk-france-agreement")
    types = {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(monday, CK.hasPledge)}
    assert "intelligence-sharing" in types
    assert graph.value(iris.thing("meeting", "2021-09-06-uk-france-call"), CK.outcome) == monday


def test_last_weeks_summit_and_the_day_it_was_held_are_one_occasion(vocab):
    graph = mapped(FACT_CHECK + "The UK agreed to pay France about £480 million at last week's summit.\n\n"
                   "At the summit in Paris on 10 March, Prime Minister Rishi Sunak and French President Emmanuel "
                   "Macron agreed a package worth €541 million.\n", vocab)
    assert set(graph.subjects(RDF.type, CK.Meeting)) == {iris.thing("meeting", "2023-03-10-uk-france-summit")}
    agreement = iris.thing("agreement", "2023-03-10-uk-france-agreement")  # "agreed a package": no document named
    assert fundings(graph) == {Decimal("480000000"): {agreement.rsplit("/", 1)[-1]}, Decimal("541000000"): {agreement.rsplit("/", 1)[-1]}}


def test_a_minister_who_receives_a_counterpart_holds_a_meeting(vocab):
    graph = mapped("Minister receives counterpart\nMonday 4 December 2023\n\nInterior Minister Gérald Darmanin "
                   "received his British counterpart, Home Secretary James Cleverly, on Monday 4 December 2023. "
                   "They agreed to deploy new surveillance drones.\n\nSince 1 January, French forces have prevented "
                   "more than 24,000 crossings.\n", vocab)
    meeting = iris.thing("meeting", "2023-12-04-uk-france-meeting")
    assert graph.value(meeting, CK.outcome) == iris.thing("agreement", "2023-12-04-uk-france-agreement")
    [statistic] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(statistic, CK.periodStart) == Literal(date(2023, 1, 1))  # "Since 1 January": a period


def test_an_occasion_still_to_come_is_not_an_event(vocab):
    graph = mapped("Britain to pay for border security\nJanuary 18, 2018 / 6:06 PM\n\nBritain will pay an extra 44.5 "
                   "million pounds, the government said on Thursday, ahead of a summit between Prime Minister Theresa "
                   "May and French President Emmanuel Macron. Officials prepared the agreement, which is expected to be "
                   "signed at the summit.\n", vocab)
    assert not list(graph.subjects(RDF.type, CK.Meeting)) and not list(graph.subjects(RDF.type, CK.Agreement))
    assert list(graph.subjects(RDF.type, CK.Funding))  # the money is still stated


def test_agreed_on_a_deal_and_the_full_stops_of_an_abbreviation(vocab):
    graph = mapped("Five migrants die\nApril 23, 2024 / 9:12 AM EDT\n\nBritain and France agreed last year on a three-year "
                   "deal under which the U.K. pays for drones and a new detention center.\n", vocab)
    deal = iris.thing("agreement", "test-2023-uk-france-agreement")
    assert {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(deal, CK.hasPledge)} == {
        "drones", "reception-centres"}


def test_the_people_who_discussed_are_the_meetings_parties(vocab):
    graph = mapped("Talks in Paris\nPublished 16:20, 4 Dec 2023\n\nHome Secretary James Cleverly met his French "
                   "counterpart in Paris today. Mr Cleverly and Gérald Darmanin discussed the next steps.\n", vocab)
    meeting = iris.thing("meeting", "2023-12-04-uk-france-meeting")
    assert set(graph.objects(meeting, CK.party)) == {iris.person("james-cleverly"), iris.person("gerald-darmanin")}
