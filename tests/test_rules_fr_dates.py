"""French date words (mappings/rules/fr/dates.yaml) resolved against the publication day: CLDR's
French month and day names in lower case, relative days, weeks, months and periods."""

from datetime import date

import pytest

from kg.rules import dates
from rules_helpers import FRENCH

THURSDAY_9_MARCH_2023 = date(2023, 3, 9)


def first(text: str, anchor: date | None) -> dates.DateMention:
    found = dates.find_dates(text, 0, len(text), FRENCH, anchor)
    assert found, text
    return found[0]


@pytest.mark.parametrize("words, expected", [
    ("Les ministres se sont rencontrés ce jeudi 9 mars à Paris.", date(2023, 3, 9)),
    ("L'accord a été signé mercredi 4 octobre 2023.", date(2023, 10, 4)),
    ("Il a été signé le 3 décembre.", date(2022, 12, 3)),
    ("Il a été signé le 1er mars.", date(2023, 3, 1)),
    ("Ils se sont parlé hier soir.", date(2023, 3, 8)),
    ("Ils se sont parlé avant-hier.", date(2023, 3, 7)),
    ("La rencontre a eu lieu lundi.", date(2023, 3, 6)),
    ("La rencontre a eu lieu ce lundi matin.", date(2023, 3, 6)),
    ("La rencontre a eu lieu aujourd'hui.", date(2023, 3, 9)),
    ("La rencontre a eu lieu aujourd’hui (jeudi 9 mars).", date(2023, 3, 9)),
    ("Le texte du 03/10/2022 est clair.", date(2022, 10, 3)),
    ("Le sommet du 14 novembre 2022.", date(2022, 11, 14)),
    ("Le 3 déc. 2022, ils ont signé.", date(2022, 12, 3)),
])
def test_days(words, expected):
    assert first(words, THURSDAY_9_MARCH_2023).day == expected


@pytest.mark.parametrize("words, precision, value, role", [
    ("la semaine dernière", "week", date(2023, 2, 27), "point"),
    ("cette semaine", "week", date(2023, 3, 6), "point"),
    ("le mois dernier", "month", date(2023, 2, 1), "point"),
    ("l'an dernier", "year", date(2022, 1, 1), "point"),
    ("l’année dernière", "year", date(2022, 1, 1), "point"),
    ("en janvier", "month", date(2023, 1, 1), "point"),
    ("en novembre", "month", date(2022, 11, 1), "point"),
    ("en juillet 2021", "month", date(2021, 7, 1), "point"),
    ("en 2022", "year", date(2022, 1, 1), "point"),
    ("sur l'ensemble de l'année 2022", "year", date(2022, 1, 1), "point"),
    ("depuis le début de l'année", "year", date(2023, 1, 1), "since"),
    ("depuis le début de l’année 2021", "year", date(2021, 1, 1), "since"),
    ("depuis janvier", "month", date(2023, 1, 1), "since"),
    ("depuis le 1er janvier", "day", date(2023, 1, 1), "since"),
    ("depuis 2018", "year", date(2018, 1, 1), "since"),
])
def test_periods(words, precision, value, role):
    mention = first(words, THURSDAY_9_MARCH_2023)
    assert (mention.precision, mention.value, mention.role) == (precision, value, role)


@pytest.mark.parametrize("words, months, year", [
    ("les deux premiers mois de l'année", 2, 2023),
    ("les six premiers mois de 2022", 6, 2022),
    ("au premier semestre", 6, 2023),
    ("le premier trimestre 2022", 3, 2022),
])
def test_the_first_months_of_a_year(words, months, year):
    mention = first(words, THURSDAY_9_MARCH_2023)
    assert (mention.value, mention.months) == (date(year, 1, 1), months)


def test_a_weekday_to_come_is_no_date_of_the_past():
    assert not [m for m in dates.find_dates("jeudi prochain", 0, 14, FRENCH, THURSDAY_9_MARCH_2023)
                if m.resolved]


def test_without_an_anchor_relative_words_stay_unresolved():
    mention = first("Ils se sont parlé hier soir.", None)
    assert (mention.value, mention.text) == (None, "hier soir")


@pytest.mark.parametrize("sentence, words, value, precision, months", [
    # counted from the year the sentence names before, not from publication
    ("En 2021, 1.062 migrants ont été interceptés, contre 640 un an plus tôt.", "un an plus tôt", date(2020, 1, 1), "year", 1),
    ("29 437 arrivées en 2021, contre 45 774 l'année précédente.", "l'année précédente", date(2020, 1, 1), "year", 1),
    ("539 tentatives en 2018, dont 434 au cours des trois derniers mois de l'année.",
     "au cours des trois derniers mois de l'année", date(2018, 10, 1), "month", 3),
    ("Au dernier trimestre 2018, 434 tentatives.", "Au dernier trimestre 2018", date(2018, 10, 1), "month", 3),
])
def test_dates_counted_from_the_sentences_earlier_date(sentence, words, value, precision, months):
    mention = next(m for m in dates.find_dates(sentence, 0, len(sentence), FRENCH, THURSDAY_9_MARCH_2023)
                   if m.text == words)
    assert (mention.value, mention.precision, mention.months) == (value, precision, months)


def test_with_no_earlier_date_a_year_before_counts_from_publication():
    assert first("contre 640 un an plus tôt", THURSDAY_9_MARCH_2023).value == date(2022, 1, 1)
