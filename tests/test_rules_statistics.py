"""Statistics: figures with their measure, qualifier, unit, date or period and source, and
numbers that are no statistic."""

from datetime import date
from decimal import Decimal

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg import iris
from kg.namespaces import CK, ID, MS, RULE
from rules_helpers import mapped


def statistics(graph: Graph) -> set:
    return {(str(graph.value(s, CK.measure)).rsplit("/", 1)[-1], graph.value(s, CK.value).toPython())
            for s in graph.subjects(RDF.type, CK.Statistic)}


def test_counts_with_measure_qualifier_and_date(vocab):
    graph = mapped("Britain and France met\n16 November 2021\n\n"
                   "It was revealed almost 700 asylum seekers were intercepted or rescued on Wednesday.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.measure) == MS["people-intercepted"]
    assert graph.value(stat, CK.value).toPython() == Decimal(700)
    assert str(graph.value(stat, CK.qualifier)) == "less than"
    assert graph.value(stat, CK.date).toPython() == date(2021, 11, 10)


def test_percentages_ratios_and_years(vocab):
    graph = mapped("Refugees make up 0.26% of the UK population.\n"
                   "France accepts three times more asylum claims than the UK.\n"
                   "There were 65 small boat related prosecutions totalling over 53 years in custodial sentences.\n", vocab)
    assert statistics(graph) == {("refugee-population-share", Decimal("0.26")), ("asylum-claims", Decimal(3)),
                                 ("prosecutions", Decimal(65)), ("custodial-sentence-years", Decimal(53))}
    units = {str(u) for u in graph.objects(None, CK.unit)}
    assert units == {"percent", "ratio", "years"}


def test_numbers_that_are_not_statistics(vocab):
    graph = mapped("Leaders met at the G20 on 20 July 2021 for the 2nd time; 24/7 patrols crossed the Channel.\n"
                   "The UK pledged to prevent 100% of crossings.\n"
                   "Read more: 1,000 patients were arrested in hospitals\n", vocab)
    assert statistics(graph) == set()


def test_a_repeated_figure_is_one_statistic_with_the_most_precise_date(vocab):
    graph = mapped("Ministers spoke\n16 November 2021\n\n1,185 people reached the UK via the Channel last week.\n"
                   "And 1,185 people reached the UK on Thursday.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert stat == iris.thing("statistic", "people-crossing-1185-2021-11-11")


# ---------------------------------------------------------------- statistics in news copy

def test_a_comparison_dates_each_side(vocab):
    graph = mapped("Crossings rise\n12 December 2024\n\nMore than 33,000 people have crossed the Channel in small "
                   "boats so far this year, up from 29,437 in the whole of 2023.\n", vocab)
    stats = {graph.value(s, CK.value).toPython(): s for s in graph.subjects(RDF.type, CK.Statistic)}
    assert graph.value(stats[Decimal(33000)], CK.periodStart) == Literal("2024-01-01", datatype=XSD.date)
    assert graph.value(stats[Decimal(33000)], CK.date) == Literal("2024-12-12", datatype=XSD.date)
    assert graph.value(stats[Decimal(29437)], CK.date) == Literal("2023-12-31", datatype=XSD.date)
    assert graph.value(stats[Decimal(29437)], CK.periodStart) is None


def test_a_count_of_this_year_runs_to_publication(vocab):
    graph = mapped("Deaths\n12 December 2024\n\nAt least 70 people have died trying to make the crossing this year.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.date) == Literal("2024-12-12", datatype=XSD.date)
    assert graph.value(stat, CK.periodStart) == Literal("2024-01-01", datatype=XSD.date)


def test_a_baseline_date_does_not_date_the_figure(vocab):
    graph = mapped("Ministers agree\n20 July 2021\n\nFrance prevented twice as many crossings so far this year "
                   "than in the same period in 2020.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.periodStart) == Literal("2021-01-01", datatype=XSD.date)
    assert graph.value(stat, CK.date) == Literal("2021-07-20", datatype=XSD.date)


def stat_of(graph: Graph, value) -> object:
    [stat] = [s for s in graph.subjects(RDF.type, CK.Statistic) if graph.value(s, CK.value).toPython() == Decimal(value)]
    return stat


@pytest.mark.parametrize("comparison", [
    "a rise of around 50 per cent on the same period in 2024",
    "three times the total for the whole of 2024",
    "twice the number in 2024",
    "compared with 4,000 in 2024",
    "down on last year",
    "a fall from 6,000 in 2024",
])
def test_the_other_side_of_a_comparison_does_not_date_the_count(comparison, vocab):
    graph = mapped(f"Crossings\n10 July 2025\n\nMore than 5,000 people have crossed the Channel so far this year, "
                   f"{comparison}, Home Office figures show.\n", vocab)
    stat = stat_of(graph, 5000)
    assert graph.value(stat, CK.periodStart) == Literal("2025-01-01", datatype=XSD.date)
    assert graph.value(stat, CK.date) == Literal("2025-07-10", datatype=XSD.date)


def test_a_ratio_that_is_the_comparison_runs_over_the_counts_period(vocab):
    graph = mapped("Crossings\n24 November 2021\n\nMore than 25,700 people have crossed the Channel in small boats "
                   "so far this year, three times the total for the whole of 2020.\n", vocab)
    ratio = stat_of(graph, 3)
    assert str(graph.value(ratio, CK.unit)) == "ratio"
    assert graph.value(ratio, CK.date) == Literal("2021-11-24", datatype=XSD.date)
    assert Decimal(2020) not in {v for _, v in statistics(graph)}


def test_a_measure_label_does_not_reach_into_another_clause(vocab):
    graph = mapped("Calais\n20 August 2015\n\nBorder Force said its staff had intercepted 37,000 migrants since January, "
                   "and around 3,000 migrants are living in makeshift camps around Calais.\n"
                   "Officers intercepted 500 people on Monday, and 300 on Tuesday.\n", vocab)
    assert statistics(graph) == {("people-intercepted", Decimal(37000)), ("people-intercepted", Decimal(500)),
                                 ("people-intercepted", Decimal(300))}
    assert graph.value(stat_of(graph, 37000), CK.periodStart) == Literal("2015-01-01", datatype=XSD.date)
    assert graph.value(stat_of(graph, 300), CK.date) == Literal("2015-08-18", datatype=XSD.date)


def test_who_asserts_a_figure(vocab):
    graph = mapped("Returns\n10 July 2025\n\nMore than 21,000 people have crossed the Channel so far this year, "
                   "Home Office figures show.\n"
                   "Downing Street said 120 people had been returned to France.\n"
                   "Around 50 people a week are expected to be returned under the scheme, according to reports, "
                   "although Downing Street refused to confirm the figure.\n"
                   "Some 40 migrants were sent back, according to reports; the Home Office declined to comment.\n", vocab)
    asserted = {graph.value(s, CK.value).toPython(): set(graph.objects(s, CK.assertedBy))
                for s in graph.subjects(RDF.type, CK.Statistic)}
    assert asserted[Decimal(21000)] == {iris.organisation("home-office")}
    assert asserted[Decimal(120)] == {iris.organisation("prime-ministers-office")}
    assert asserted[Decimal(50)] == set()
    assert asserted[Decimal(40)] == set()


def test_figures_named_with_an_organisation_are_its_own(vocab):
    graph = mapped("Crossings\n10 July 2025\n\nAccording to Home Office data, 1,200 people crossed the Channel "
                   "last week, a rise of 1,000 people on the same week in 2024.\n", vocab)
    stat = stat_of(graph, 1200)
    assert set(graph.objects(stat, CK.assertedBy)) == {iris.organisation("home-office")}
    assert graph.value(stat, CK.date) == Literal("2025-07-06", datatype=XSD.date)
    rules = {r for e in graph.objects(stat, CK.evidence) for r in graph.objects(e, CK.rule)}
    assert RULE["statistic-source-figures"] in rules


# ---------------------------------------------------------------- statistics: comparisons, records, news day

def stat_nodes(graph: Graph) -> dict:
    return {(str(graph.value(s, CK.measure)).rsplit("/", 1)[-1], graph.value(s, CK.value).toPython()): s
            for s in graph.subjects(RDF.type, CK.Statistic)}


def test_a_baseline_figure_takes_the_measure_it_is_compared_with(vocab):
    graph = mapped("Crossings\n9 September 2021\n\nMore than 14,000 people have crossed the Channel in small boats "
                   "so far this year, according to a PA news agency count, compared with 8,417 in the whole of 2020.\n",
                   vocab)
    node = stat_nodes(graph)[("people-crossing", Decimal(8417))]
    assert graph.value(node, CK.date) == Literal("2020-12-31", datatype=XSD.date)
    assert graph.value(node, CK.periodStart) is None


def test_a_number_from_another_sentence_is_not_compared(vocab):
    graph = mapped("Crossings\n9 September 2021\n\n785 people crossed the Channel on Monday.\n"
                   "Officials compared with 12 other countries.\n", vocab)
    assert statistics(graph) == {("people-crossing", Decimal(785))}


def test_a_previous_record_takes_the_measure_of_the_figure_before(vocab):
    graph = mapped("Record\n22 August 2022\n\nA record 1,295 people crossed the English Channel in small boats on "
                   "Monday.\n\nIt is the highest number recorded on a single day since figures began in 2018, beating "
                   "the previous record of 1,185 set in November last year.\n", vocab)
    assert statistics(graph) == {("people-crossing", Decimal(1295)), ("people-crossing", Decimal(1185))}


@pytest.mark.parametrize("words, measure", [
    ("The people were on board 27 boats, the MoD said.", "boats-crossing"),
    ("French police said 27 boats were intercepted.", "boats-intercepted"),  # a label still wins
])
def test_boats_counted_with_no_label(words, measure, vocab):
    graph = mapped("Record\n22 August 2022\n\nA record 1,295 people crossed the Channel on Monday.\n\n"
                   "The previous record was set in November last year.\n\n" + words + "\n", vocab)
    node = stat_nodes(graph)[(measure, Decimal(27))]
    if measure == "boats-crossing":  # an undated count of the news takes the news day of the lead figure
        assert graph.value(node, CK.date) == Literal("2022-08-22", datatype=XSD.date)


def test_an_undated_figure_of_another_kind_or_an_old_day_takes_no_news_day(vocab):
    graph = mapped("Deaths\n22 August 2022\n\n1,295 people crossed the Channel on 1 June 2022.\n\n"
                   "Some 27 boats were seen.\n\nRefugees make up 0.26% of the UK population.\n", vocab)
    nodes = stat_nodes(graph)
    assert graph.value(nodes[("boats-crossing", Decimal(27))], CK.date) is None  # 1 June is not the news week
    assert graph.value(nodes[("refugee-population-share", Decimal("0.26"))], CK.date) is None


@pytest.mark.parametrize("words, found", [
    ("Britain agreed to pay France in July to double the number of police officers patrolling French beaches.", set()),
    ("The deal aims to increase the number of officers by 40%.", set()),
    ("The deal will see the number of police patrolling French beaches more than double.", {("officer-increase", 2)}),
    ("The number of officers is expected to double.", {("officer-increase", 2)}),  # a forecast, not a purpose
])
def test_an_infinitive_of_purpose_is_a_target(words, found, vocab):
    graph = mapped("Deal\n9 September 2021\n\n" + words + "\n", vocab)
    assert statistics(graph) == {(m, Decimal(v)) for m, v in found}


def test_a_clause_with_its_own_past_tense_verb_keeps_its_own_date(vocab):
    graph = mapped("Cell\n12 July 2020\n\nMore than 1,900 migrants crossed the Channel in June alone, and 180 "
                   "arrived on a single day last week.\n", vocab)
    node = stat_nodes(graph)[("people-crossing", Decimal(180))]
    assert graph.value(node, CK.dateText) == Literal("last week")


# ---------------------------------------------------------------- statistics: the governing verb, the counted noun, the opening date

def stat_facts(text: str, vocab) -> dict:
    """(measure, value) -> (ck:date, ck:periodStart, ck:assertedBy slug) of each statistic."""
    graph = mapped(text, vocab)
    def slug(node):
        return str(node).rsplit("/", 1)[-1] if node is not None else None
    return {key: (slug(graph.value(s, CK.date)), slug(graph.value(s, CK.periodStart)), slug(graph.value(s, CK.assertedBy)))
            for key, s in stat_nodes(graph).items()}


@pytest.mark.parametrize("words, measure", [
    ("Border Force officers intercepted 430 people crossing the Channel in small boats.", "people-intercepted"),
    ("French police returned 430 migrants who had crossed the Channel.", "people-returned"),
    ("430 people crossed the Channel and were intercepted.", "people-crossing"),  # no verb before the figure
    ("French police seized 430 boats on the beaches.", "boats-intercepted"),       # the verb with its object
])
def test_the_verb_before_a_figure_says_what_it_counts(words, measure, vocab):
    assert statistics(mapped("Crossings\n4 August 2021\n\n" + words + "\n", vocab)) == {(measure, Decimal(430))}


def test_the_counted_noun_beats_a_label_elsewhere_and_takes_the_news_day_and_its_source(vocab):
    facts = stat_facts("Crossings\n4 August 2021\n\nBorder Force officers intercepted 430 people yesterday.\n\n"
                       "The migrants were brought ashore at Dover in 21 boats, the Home Office confirmed.\n", vocab)
    # The day's interceptions and the boats they came in are one news: the boats take its day.
    assert facts[("boats-crossing", Decimal(21))] == ("2021-08-03", None, "home-office")


def test_a_name_before_confirmed_does_not_vouch_when_it_declines(vocab):
    facts = stat_facts("Crossings\n4 August 2021\n\nDowning Street said it would not confirm that 300 people "
                       "were intercepted.\n", vocab)
    assert facts[("people-intercepted", Decimal(300))][2] is None


@pytest.mark.parametrize("words", [
    "Since 1 January, French forces have prevented more than 24,000 crossings and dismantled 62 smuggling networks.",
    "Since 1 January, French forces have prevented 24,000 crossings, and police have dismantled 62 smuggling networks.",
])
def test_a_date_opening_the_sentence_dates_each_clause(words, vocab):
    """Another figure's qualifier ("more than 24,000") is no comparison that makes the date a baseline."""
    facts = stat_facts("Talks\n4 December 2023\n\n" + words + "\n", vocab)
    assert facts[("crossings-prevented", Decimal(24000))][:2] == ("2023-12-04", "2023-01-01")
    assert facts[("crime-groups-disrupted", Decimal(62))][:2] == ("2023-12-04", "2023-01-01")


# ---------------------------------------------------------------- statistics: attempts, extra officers, sources

@pytest.mark.parametrize("words", [
    "Around 539 people attempted to reach the UK in small boats in 2018.",
    "Around 539 migrants tried to cross the Channel in 2018.",
    "Those who tried to reach the UK in small boats in 2018 numbered around 539.",  # the label holds "reach the UK"
])
def test_attempts_to_cross_or_reach_are_attempts_not_arrivals(words, vocab):
    graph = mapped("Title\n2 January 2019\n\n" + words + "\n", vocab)
    assert statistics(graph) == {("crossing-attempts", Decimal(539))}


def test_died_trying_to_cross_still_counts_deaths(vocab):
    graph = mapped("Title\n2 January 2019\n\nIn 2018, 12 people died trying to cross the Channel.\n", vocab)
    assert statistics(graph) == {("deaths", Decimal(12))}


@pytest.mark.parametrize("words", [
    "the deployment of 500 additional French police and gendarmes on the coast",
    "500 extra gendarmes on the beaches",
    "500 more police officers on the coast",
])
def test_additional_police_or_gendarmes_are_an_increase_in_officers(words, vocab):
    graph = mapped("Title\n11 March 2023\n\nThe UK would finance " + words + ".\n", vocab)
    assert statistics(graph) == {("officer-increase", Decimal(500))}


def test_according_to_government_figures_names_who_asserts(vocab):
    graph = mapped("Title\n11 March 2023\n\nNearly 46,000 people crossed the Channel in small boats last year, "
                   "according to UK Government figures.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.assertedBy) == ID["organisation/uk-government"]
    assert graph.value(stat, CK.date) == Literal(date(2022, 12, 31))


# ---------------------------------------------------------------- statistics: numbers in words

DEATHS_DAY = "Migrants die in the Channel\nApril 23, 2024 / 9:12 AM EDT\n\n"


def test_a_number_in_words_before_people_is_a_count_across_an_aside(vocab):
    # "five" and "died" are parted by an aside; "trying to cross" is further: deaths, not attempts
    graph = mapped(DEATHS_DAY + "At least five people, including a child, died early Tuesday while trying to cross "
                   "the English Channel from northern France in an overcrowded boat, French authorities said.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert statistics(graph) == {("deaths", Decimal(5))}
    assert str(graph.value(stat, CK.qualifier)) == "more than"
    assert graph.value(stat, CK.date).toPython() == date(2024, 4, 23)  # "early Tuesday", published that Tuesday


@pytest.mark.parametrize("words, expected", [
    ("Police said five suspected smugglers had been arrested overnight.", {("arrests", Decimal(5))}),
    ("Two boats were intercepted off Calais.", {("boats-intercepted", Decimal(2))}),
    ("Three migrants drowned off Wimereux.", {("deaths", Decimal(3))}),
])
def test_numbers_in_words_that_count_people_or_boats(words, expected, vocab):
    assert statistics(mapped(DEATHS_DAY + words + "\n", vocab)) == expected


@pytest.mark.parametrize("words", [
    "The two countries agreed to step up patrols and the two ministers said crossings had fallen.",
    "Britain agreed a three-year deal to stop crossings.",
    "It was the first summit on Channel crossings for five years.",
    "Mr Javid ordered two Border Force cutters to return from the Mediterranean.",
    "Two of the migrants were rescued at sea.",
])
def test_numbers_in_words_that_count_nothing(words, vocab):
    # a determiner before the number, a compound, a span of time, a noun that is not people or
    # boats, a part of a group
    assert statistics(mapped(DEATHS_DAY + words + "\n", vocab)) == set()


def test_people_rescued_count_as_people_intercepted(vocab):
    # the measure counts people "intercepted or rescued"; with no date words of its own the
    # count takes the day of the news it follows
    graph = mapped(DEATHS_DAY + "At least five people died early Tuesday trying to cross the Channel.\n\n"
                   "French rescue boats picked up 47 people from the water off the beach at Wimereux.\n", vocab)
    assert statistics(graph) == {("deaths", Decimal(5)), ("people-intercepted", Decimal(47))}
    [rescued] = [s for s in graph.subjects(RDF.type, CK.Statistic) if graph.value(s, CK.value).toPython() == 47]
    assert graph.value(rescued, CK.date).toPython() == date(2024, 4, 23)


def test_the_same_figure_dated_well_before_publication_is_another_fact(vocab):
    """"Doubled last year" and "will double" are two facts: one node each, each with its own
    words; the undated mentions stay with the figure of the news."""
    graph = mapped("Officers to double\n20 July 2021\n\n"
                   "The agreement will see the number of police patrolling French beaches more than double.\n"
                   "Last year France doubled the number of officers deployed daily on French beaches.\n", vocab)
    plan, last_year = iris.thing("statistic", "officer-increase-2-test"), iris.thing("statistic", "officer-increase-2-2020-12-31")
    nodes = [plan, last_year]
    assert set(graph.subjects(RDF.type, CK.Statistic)) == set(nodes)
    assert graph.value(plan, CK.date) is None
    assert graph.value(last_year, CK.date).toPython() == date(2020, 12, 31)
    quotes = {node: {str(graph.value(e, CK.quote)) for e in graph.objects(node, CK.evidence)} for node in nodes}
    assert all("Last year" not in q for q in quotes[plan]) and any("more than double" in q for q in quotes[plan])
    assert all(q.startswith("Last year") for q in quotes[last_year])


def test_a_headline_restating_the_news_days_figure_is_the_same_fact(vocab):
    graph = mapped("1,185 people crossed the Channel in a single day\n16 November 2021\n\n"
                   "On Sunday 1,185 people crossed the Channel in small boats.\n", vocab)
    [node] = graph.subjects(RDF.type, CK.Statistic)
    quotes = {str(graph.value(e, CK.quote)) for e in graph.objects(node, CK.evidence)}
    assert "1,185 people crossed the Channel in a single day" in quotes
