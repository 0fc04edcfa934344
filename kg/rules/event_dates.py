"""When an article's occasions took place: which date words date which event mention, and
whether a date is the reported occasion's.

Date words mostly follow their verb ("met ... yesterday evening") and belong to the event
mention nearest them; a heading's date dates the lines under it. The occasion an article
reports (its *main* one) takes the first dates it is given, unless they lie well before
publication; a lead that never dates it takes the day the next sentence names. events.py
decides which event each mention is; this module only reads their dates.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import RECENT_DAYS, DateMention
from .records import Event
from .text import Sentence

_DATE_REACH = 120        # characters from an event's words within which date words can date it
_LEAD_DATE_DAYS = 7      # a lead's undated occasion takes a date this close to publication


def dated_elsewhere(sentence_dates: list[DateMention], agreement: Event) -> bool:
    """Whether a sentence's date words put it at another time than the agreement's."""
    for date in sentence_dates:
        if date.role != "point" or date.parts is None:
            continue
        if agreement.key is None or not compatible(date.parts, agreement.key):
            return True
    return False


def assign_dates(text: str, sentence: Sentence, found: list, dates: list[DateMention], rules) -> dict:
    """Each date words belong to the event mention nearest them, and each mention keeps the
    nearest of its dates: in "They agreed to accelerate ... the joint agreement of July 2021"
    July 2021 dates the joint agreement, not what they agreed. `rules`: the article's pack."""
    nearest: dict = {}  # index in `found` -> date
    opens_clause = rules["events"].rule("date-opens-clause").pattern
    def distance_to(k, date):
        return _distance(text, sentence, found[k], date, opens_clause, rules.marks.opening)
    for date in dates:
        if not found:
            break
        i = min(range(len(found)), key=lambda k: distance_to(k, date))
        if date.end > sentence.start and _gap(found[i], date) > _DATE_REACH:
            continue  # "Under the agreement, Britain will pay ... committed last year": not its date
        if found[i][2].get("parties") == "after" and not found[i][0] <= date.start < found[i][1]:
            continue  # a passive's date is inside it ("signé le 18 janvier 2018 par"); after its
            # parties, date words are theirs ("… par … Suella Braverman, arrivée dimanche soir")
        if i not in nearest or distance_to(i, date) < distance_to(i, nearest[i]):
            nearest[i] = date
    return nearest


def _gap(mention, date: DateMention) -> int:
    """Characters between an event's words and date words."""
    return max(date.start - mention[1], mention[0] - date.end, 0)


def _distance(text: str, sentence: Sentence, mention, date: DateMention, opens_clause, opening_marks: str) -> int:
    """Characters between them; date words mostly follow their verb ("met ... yesterday
    evening", "signed on Monday"), so a verb after the date counts as ten times as far
    ("today (Tuesday 20 July) signed" still finds its verb: nothing lies between), unless the
    date opens the sentence or a clause ("In July 2021, the UK agreed", "Last month Home
    Secretary Priti Patel and ... agreed"): such a date is said of the verb that follows."""
    if date.end <= sentence.start:
        return 0  # a heading's date, inherited by the line under it (dates.under_headings)
    gap = _gap(mention, date)
    if date.end > mention[0]:
        return gap
    before = text[sentence.start:date.start]
    opens = not before.strip(" \t\n" + opening_marks) or opens_clause.search(before)
    return gap if opens else 10 * gap


def event_key(date: DateMention | None, writing_day: DateMention | None) -> tuple | None:
    """The (year, month, day) that date words give an event, as far as they say it."""
    if date is None:
        return None
    parts = date.parts
    if parts is None and date.rule == "date-today" and writing_day is not None:
        parts = writing_day.parts  # "the meeting today" in an article that says which day today is
    return parts


@dataclass
class MainOccasion:
    """What is known of the date of the occasion the article reports."""
    exists: bool = False
    key: tuple | None = None
    dated: bool = False  # it has date words, even if they cannot be resolved
    anchor: date | None = None  # the publication day
    week: tuple | None = None   # (Monday, Sunday) when only "last week" dates it so far

    def includes(self, key: tuple | None) -> bool:
        if key is None:
            return True
        if not self.exists:
            # The first occasion named is the news, unless its date words are well before
            # publication ("the package Britain agreed to pay France in July", in September).
            return _recent(key, self.anchor)
        if self.key is not None:
            return compatible(key, self.key)
        if self.week is not None and all(key):
            return self.week[0] <= date(*key) <= self.week[1]  # "last week's summit" ... "on 10 March"
        # Undated so far: these words date it, unless they are well before publication ("have
        # agreed a deal ... Britain already pays under a deal struck in 2023": another deal).
        return not self.dated and _recent(key, self.anchor)

    def note(self, key: tuple | None, date: DateMention | None) -> None:
        self.exists = True
        self.key = self.key or key
        self.dated = self.dated or date is not None
        if date is not None and date.precision == "week" and date.resolved:
            self.week = (date.value, date.last_day)


def refines(new: DateMention, old: DateMention) -> bool:
    """A day inside the week the event was dated by ("last week" ... "on 10 March")."""
    return (old.precision == "week" and new.day is not None and old.resolved
            and old.value <= new.day <= old.last_day)


def _recent(key: tuple, anchor: date | None) -> bool:
    """Whether the period the date words name ends close enough to publication to be news."""
    year, month, day = key
    if anchor is None or year is None:
        return True
    last = date(year, month or 12, day or calendar.monthrange(year, month or 12)[1])
    return last >= anchor - timedelta(days=RECENT_DAYS)


def date_from_lead(events: list[Event], sentences: list[Sentence], dates: dict, anchor: date | None) -> None:
    """A main occasion the article never dates ("X and Y have agreed a landmark deal") takes the
    first day named in its sentence or the next ("announced ... on Thursday"), when that day is
    within a week before publication: leads name the news, and the next line says when."""
    undated = [e for e in events if e.main and e.date is None]
    if not undated or anchor is None or any(e.main and e.date is not None for e in events):
        return  # a main meeting with a date dates its agreement too (events._share_main)
    first = min(m[0].start for e in undated for m in e.mentions)
    index = next(i for i, s in enumerate(sentences) if s.start == first)
    for sentence in sentences[index:index + 2]:
        for mention in dates.get(sentence.start, []):
            if (mention.role == "point" and mention.day is not None
                    and timedelta(0) <= anchor - mention.day <= timedelta(days=_LEAD_DATE_DAYS)):
                for event in undated:
                    event.date, event.key = mention, mention.parts
                return


def compatible(a: tuple, b: tuple) -> bool:
    """Whether two (year, month, day) keys can be one date: no part known in both differs."""
    return all(x is None or y is None or x == y for x, y in zip(a, b))
