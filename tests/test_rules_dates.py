"""Date words: relative days, weeks and months resolved against the publication day, and kept
as words where there is none."""

from datetime import date

import pytest
from rdflib.namespace import RDF

from kg.namespaces import CK
from kg.rules import dates
from rules_helpers import RULES, mapped


def first_date(text: str, anchor: date | None) -> dates.DateMention:
    found = dates.find_dates(text, 0, len(text), RULES, anchor)
    assert found, text
    return found[0]


TUESDAY_16_NOV_2021 = date(2021, 11, 16)


@pytest.mark.parametrize("words, anchor, expected", [
    ("They met yesterday evening in Paris.", date(2019, 8, 30), date(2019, 8, 29)),
    ("The two ministers spoke last night.", TUESDAY_16_NOV_2021, date(2021, 11, 15)),
    ("Javid spoke with Castaner on Friday (7 June).", date(2019, 6, 10), date(2019, 6, 7)),
    ("The agreement was signed on Monday morning.", TUESDAY_16_NOV_2021, date(2021, 11, 15)),
    ("It was signed today (Tuesday 20 July).", date(2021, 7, 20), date(2021, 7, 20)),
    ("And 1,185 people reached the UK on Thursday.", TUESDAY_16_NOV_2021, date(2021, 11, 11)),
])
def test_relative_days_resolve_against_publication(words, anchor, expected):
    mention = first_date(words, anchor)
    assert mention.day == expected


def test_last_week_is_the_week_before_publication():
    mention = first_date("A record was set last week.", TUESDAY_16_NOV_2021)
    assert (mention.precision, mention.value, mention.last_day) == ("week", date(2021, 11, 8), date(2021, 11, 14))


def test_in_january_is_the_latest_january_before_publication():
    assert first_date("The plan agreed in January.", date(2019, 8, 30)).value == date(2019, 1, 1)
    assert first_date("The plan agreed in December.", date(2019, 8, 30)).value == date(2018, 12, 1)


def test_since_the_start_of_a_year_starts_a_period():
    mention = first_date("65 prosecutions since the start of 2020.", None)
    assert (mention.role, mention.value) == ("since", date(2020, 1, 1))


@pytest.mark.parametrize("words", ["They met yesterday evening.", "Signed on Monday morning.",
                                   "The plan agreed in January.", "It was signed last week."])
def test_without_a_publication_date_relative_dates_stay_unresolved(words):
    mention = first_date(words, None)
    assert mention.value is None and mention.day is None
    assert mention.text in words


def test_an_undated_article_keeps_only_the_date_words(vocab):
    graph = mapped("The Home Secretary and French Interior Minister Gérald Darmanin met "
                   "yesterday evening and signed an agreement.\n", vocab)
    meetings = list(graph.subjects(RDF.type, CK.Meeting))
    assert meetings and graph.value(meetings[0], CK.date) is None
    assert str(graph.value(meetings[0], CK.dateText)) == "yesterday evening"


def test_date_words_broken_across_lines():
    """Hard-wrapped press copy breaks "so far this year" anywhere."""
    mention = first_date("crossings so far\nthis year than in 2020", date(2021, 7, 20))
    assert (mention.role, mention.value) == ("since", date(2021, 1, 1))


# ---------------------------------------------------------------- the year's first months (issue 15, 22)

@pytest.mark.parametrize("words, anchor, first, last", [
    ("In the first two months of the year, 2,953 people crossed.", date(2024, 3, 6), date(2024, 1, 1), date(2024, 2, 29)),
    ("in the first six months of 2023", date(2024, 3, 6), date(2023, 1, 1), date(2023, 6, 30)),
    ("during the first half of this year", date(2024, 9, 2), date(2024, 1, 1), date(2024, 6, 30)),
    ("over the first 3 months of the year", date(2022, 5, 1), date(2022, 1, 1), date(2022, 3, 31)),
    ("the first quarter of 2021", None, date(2021, 1, 1), date(2021, 3, 31)),
])
def test_the_first_months_of_a_year_are_a_period_from_1_january(words, anchor, first, last):
    mention = first_date(words, anchor)
    assert (mention.value, mention.last_day) == (first, last)
    assert mention.parts == (first.year, None, None)  # no one month: an event it dates is of that year


def test_the_first_months_of_an_unknown_year_or_count_stay_words():
    assert first_date("in the first two months of the year", None).value is None  # no anchor
    mention = first_date("in the first few months of the year", date(2024, 3, 6))
    assert mention.value is None and mention.text == "in the first few months of the year"


def test_a_statistic_of_the_first_months_has_the_period(vocab):
    graph = mapped("Crossings fall\nPublished: 6 March 2024\n\n"
                   "In the first two months of the year, 2,953 people crossed the Channel in small boats, "
                   "according to Home Office figures.\n", vocab)
    [statistic] = graph.subjects(RDF.type, CK.Statistic)
    assert str(statistic).endswith("people-crossing-2953-2024-02-29")
    assert graph.value(statistic, CK.periodStart).toPython() == date(2024, 1, 1)
    assert graph.value(statistic, CK.date).toPython() == date(2024, 2, 29)
    assert str(graph.value(statistic, CK.dateText)) == "In the first two months of the year"
