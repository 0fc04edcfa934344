"""Meetings and agreements: who met or agreed, when, and which existing node they are.

An article reports one occasion (its *main* meeting and the agreement it produced) and may
refer to earlier ones ("the joint agreement of July 2021"). A mention whose date words differ
from the main occasion's is another event; a mention with no date words, or only relative ones
that the page cannot anchor ("Monday morning" in an undated article), is the main one.
An event's IRI follows DESIGN.md (`{date}-uk-france-{type}`); when the text prints only part
of the date ("in January", "Tuesday 20 July") it links to the known event whose date fits.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from rdflib import URIRef

from .. import iris
from .dates import DateMention, day_of_writing
from .lexicon import KnownEvent, Lexicon
from .loader import Rules
from .people import People, Person
from .text import Sentence

_STRONG_TYPES = ("call", "meeting", "summit", "joint-action-plan", "joint-statement", "agreed-actions")
_TYPE_RANK = {"agreed-actions": 1, "agreement": 2, "joint-statement": 3, "joint-action-plan": 3}
_SLUG = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?-uk-france-(.+)$")
_DATE_REACH = 120        # characters from an event's words within which date words can date it
_OPENS_CLAUSE = re.compile(r"(?:,|;)\s*(?:and|but|while)?\s*$")   # date words right after it open a clause
_AGREED_TO = "agreement-agreed-actions"   # the rule of "X and Y agreed to ...": a commitment verb
_ANOTHER_SUM = re.compile(r"[£€$]\s*\d|\d[\d.,]*\s*(?:million|billion|bn|m)\b")   # the date words are another sum's
_CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|whereas)\b|;")
_OWN_DATE_REACH = 40     # characters after a sum within which date words date the sum itself
_RECENT_DAYS = 31        # date words older than this before publication are another occasion's
_LEAD_DATE_DAYS = 7      # a lead's undated occasion takes a date this close to publication


@dataclass
class Event:
    kind: str                        # "meeting" or "agreement"
    type: str                        # call, meeting, summit, agreement, joint-action-plan, ...
    key: tuple | None                # (year, month, day) known of its date; None for the main one
    main: bool
    date: DateMention | None = None  # the words that date it
    parties: list[Person] = field(default_factory=list)
    party_roles: list[str] = field(default_factory=list)
    mentions: list = field(default_factory=list)  # (sentence, start, end, rule id)
    iri: URIRef | None = None
    label: str | None = None
    outcome: "Event | None" = None

    @property
    def sentences(self) -> list[Sentence]:
        return list(dict.fromkeys(m[0] for m in self.mentions))


@dataclass
class Events:
    meetings: list[Event]
    agreements: list[Event]
    spans: list[tuple[int, int]]                # where agreements are named: not pledges
    by_sentence: dict                          # sentence start -> agreement the sentence is about
    event_dates: frozenset = frozenset()       # starts of date words that date an event mention
    main_sentences: frozenset = frozenset()    # starts of sentences that name the main agreement

    @property
    def main_agreement(self) -> Event | None:
        return next((e for e in self.agreements if e.main), None)

    def agreement_for(self, sentence: Sentence, sentence_dates: list[DateMention]) -> Event | None:
        """The agreement a sentence's commitments and money belong to: the one it opens by
        naming, else the main one, unless its own date words put it at another time
        ("In 2019, the Home Secretary promised ..."). In a sentence that names the main agreement
        ("They agreed to accelerate the commitments made in the joint agreement of July 2021"),
        date words that date another event it names do not move it."""
        if sentence.start in self.by_sentence:
            return self.by_sentence[sentence.start]
        main = self.main_agreement
        if sentence.start in self.main_sentences:
            sentence_dates = [d for d in sentence_dates if d.start not in self.event_dates]
        if main is None:
            # An article that reports no agreement of its own ("Patel threatens to withhold cash
            # ...") states commitments of the agreements it names: "a package that Britain agreed
            # to pay France in July to double the number of police officers", or of the one its
            # date words point at (an explainer's "November 2020 / - The UK paid £28.2m.").
            return self.named_in(sentence) or self.dated_like(sentence_dates)
        if _dated_elsewhere(sentence_dates, main):
            # Another time: the sentence commits only for an agreement it says was agreed then
            # ("November 2020 / - Patel and Darmanin agreed to double the officers"), not for
            # one it merely names ("This includes agreeing a Joint Action Plan in January 2019,
            # as well as working closely ... to return more migrants").
            agreed = [e for e in self.agreements if not e.main
                      and any(m[0] is sentence and m[3] == _AGREED_TO for m in e.mentions)]
            return agreed[0] if len(agreed) == 1 else None
        return main

    def dated_like(self, sentence_dates: list[DateMention]) -> Event | None:
        """The one agreement whose date the sentence's date words fit, if exactly one."""
        dated = [d.parts for d in sentence_dates if d.role == "point" and d.parts and all(d.parts[:2])]  # year and month
        fits = [e for e in self.agreements if e.key and any(_compatible(p, e.key) for p in dated)]
        return fits[0] if len(fits) == 1 else None

    def named_in(self, sentence: Sentence) -> Event | None:
        """The one agreement other than the main one that the sentence names, if exactly one."""
        named = [e for e in self.agreements if not e.main and sentence in e.sentences]
        return named[0] if len(named) == 1 else None

    def agreement_for_payment(self, text: str, sentence: Sentence, sentence_dates: list[DateMention],
                              since: int, start: int, end: int) -> Event | None:
        """The agreement a sum belongs to: the sentence's, unless its own date words put it at
        another time: words of its clause before it, after the previous sum (`since`: "and in
        November 2020 it committed £28.2 million"), or right after it ("on top of the £12
        million already committed last year")."""
        agreement = self.agreement_for(sentence, sentence_dates)
        if agreement is None:
            # "Britain has already agreed to pay £476m under a deal struck in 2023": the money of
            # the other agreement the sentence names, or of the one its date words point at.
            agreement = self.named_in(sentence) or self.dated_like(sentence_dates)
        before = [d for d in sentence_dates if since <= d.start and d.end <= start and not _CLAUSE_BREAK.search(text, d.end, start)]
        after = [d for d in sentence_dates if end <= d.start <= end + _OWN_DATE_REACH
                 and not _CLAUSE_BREAK.search(text, end, d.start) and not _ANOTHER_SUM.search(text, end, d.start)]
        own = before[-1:] or after[:1]
        if agreement is None or not own or not _dated_elsewhere(own, agreement):
            return agreement
        return next((e for e in self.agreements if e is not agreement and e.key is not None
                     and _compatible(own[0].parts or (None,) * 3, e.key)), None)


def _dated_elsewhere(sentence_dates: list[DateMention], agreement: Event) -> bool:
    for date in sentence_dates:
        if date.role != "point" or date.parts is None:
            continue
        if agreement.key is None or not _compatible(date.parts, agreement.key):
            return True
    return False


def find_events(text: str, stem: str, sentences: list[Sentence], dates: dict, rules: Rules,
                people: People, lexicon: Lexicon, anchor: date | None = None) -> Events:
    family = rules["events"]
    writing_day = day_of_writing([d for ds in dates.values() for d in ds])
    mentions = []  # (sentence, start, end, rule, date)
    for sentence in sentences:
        found = _mentions_in(text, sentence, family)
        dated = _assign_dates(text, sentence, found, [d for d in dates.get(sentence.start, []) if d.role == "point"])
        mentions += [(sentence, *m, dated.get(i)) for i, m in enumerate(found)]
    meetings, agreements = [], []
    main = MainOccasion(anchor=anchor)
    # In text order: the first occasion the article names (met, signed, agreed) is the one it
    # reports; a call "on Monday" mentioned after "signed ... yesterday evening" is another.
    for sentence, start, end, rule, date in mentions:
        kind = rule.get("kind")
        if kind in ("meeting", "agreement"):
            events = meetings if kind == "meeting" else agreements
            _place(kind, rule, _key(date, writing_day), main, events, people, sentence, start, end, date)
    _date_from_lead(meetings + agreements, sentences, dates, anchor)
    _share_main(meetings, agreements)
    for event in meetings + agreements:
        _identify(event, stem, lexicon)
    spans = [(s, e) for _, s, e, r, _ in mentions if r.get("kind") == "agreement"]
    by_sentence = _sentence_references(text, sentences, mentions, agreements, family)
    event_dates = frozenset(date.start for *_, date in mentions if date is not None)
    main_sentences = frozenset(m[0].start for e in agreements if e.main for m in e.mentions)
    return Events(meetings, agreements, spans, by_sentence, event_dates, main_sentences)


def _mentions_in(text: str, sentence: Sentence, family) -> list:
    """Event mentions in a sentence; where two overlap, the rule listed first wins. An occasion
    still to come ("ahead of a summit", "the agreement, which is expected to be signed") is
    none: news reports what has happened."""
    found = []
    for rule in family.rules:
        if rule.get("kind") not in ("meeting", "agreement"):
            continue
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            if not any(match.start() < e and s < match.end() for s, e, _ in found):
                found.append((match.start(), match.end(), rule))
    found = [f for f in found if not _to_come(text, sentence, f[0], f[1], family)]
    return sorted(found, key=lambda f: f[0])


def _to_come(text: str, sentence: Sentence, start: int, end: int, family) -> bool:
    """Whether `future` words stand right before the event's words (the `before` patterns end
    with `$`, here the event's start) or right after them."""
    for rule in family.rules:
        if rule.get("kind") == "future" and (
                rule.pattern.search(text, sentence.start, start) if rule.get("side") == "before"
                else rule.pattern.match(text, end, sentence.end)):
            return True
    return False


def _assign_dates(text: str, sentence: Sentence, found: list, dates: list[DateMention]) -> dict:
    """Each date words belong to the event mention nearest them, and each mention keeps the
    nearest of its dates: in "They agreed to accelerate ... the joint agreement of July 2021"
    July 2021 dates the joint agreement, not what they agreed."""
    nearest: dict = {}  # index in `found` -> date
    for date in dates:
        if not found:
            break
        def distance(k):
            return _distance(text, sentence, found[k], date)
        i = min(range(len(found)), key=distance)
        if date.end > sentence.start and _gap(found[i], date) > _DATE_REACH:
            continue  # "Under the agreement, Britain will pay ... committed last year": not its date
        if i not in nearest or distance(i) < _distance(text, sentence, found[i], nearest[i]):
            nearest[i] = date
    return nearest


def _gap(mention, date: DateMention) -> int:
    """Characters between an event's words and date words."""
    return max(date.start - mention[1], mention[0] - date.end, 0)


def _distance(text: str, sentence: Sentence, mention, date: DateMention) -> int:
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
    opens = not before.strip(" \t\n\"“‘'") or _OPENS_CLAUSE.search(before)
    return gap if opens else 10 * gap


def _key(date: DateMention | None, writing_day: DateMention | None) -> tuple | None:
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
            return _compatible(key, self.key)
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


def _place(kind, rule, key, main, events, people, sentence, start, end, date) -> Event | None:
    if rule.get("refers-to") == "main" and main.exists:
        # "Today's meeting", "Friday's conversation": the occasion the article reports, even
        # when the page dates it two ways ("yesterday evening" ... "Today's meeting").
        event = next((e for e in events if e.main), None)
        if event is not None:
            event.mentions.append((sentence, start, end, rule.id))
            return event
    is_main = main.includes(key)
    if is_main:
        event = next((e for e in events if e.main), None)
        if event is None:
            has_party = any(isinstance(m[2], Person) for m in people.in_span(sentence.start, sentence.end))
            if kind == "meeting" and date is None and not has_party and not (rule.get("took-place") and main.exists):
                return None  # "a meeting of the Calais Group to be scheduled": not an occasion
            event = Event(kind, rule.get("type"), key, True, date)
            events.append(event)
    else:
        event = next((e for e in events if not e.main and e.key == key), None)
        if event is None:
            event = Event(kind, rule.get("type"), key, False, date)
            events.append(event)
    if date is not None and (event.date is None or _refines(date, event.date)):
        event.date, event.key = date, key
    if _TYPE_RANK.get(rule.get("type"), 0) > _TYPE_RANK.get(event.type, 0):
        event.type = rule.get("type")  # "joint statement" says more than "the deal", which says more than "agreed to"
    event.mentions.append((sentence, start, end, rule.id))
    if is_main:
        main.note(key, date)
    if rule.get("type") in _STRONG_TYPES or rule.id == "agreement-signed":
        _add_parties(event, people, sentence, end)
    return event


def _refines(new: DateMention, old: DateMention) -> bool:
    """A day inside the week the event was dated by ("last week" ... "on 10 March")."""
    return (old.precision == "week" and new.day is not None and old.resolved
            and old.value <= new.day <= old.last_day)


def _recent(key: tuple, anchor: date | None) -> bool:
    """Whether the period the date words name ends close enough to publication to be news."""
    year, month, day = key
    if anchor is None or year is None:
        return True
    last = date(year, month or 12, day or calendar.monthrange(year, month or 12)[1])
    return last >= anchor - timedelta(days=_RECENT_DAYS)


def _date_from_lead(events: list[Event], sentences: list[Sentence], dates: dict, anchor: date | None) -> None:
    """A main occasion the article never dates ("X and Y have agreed a landmark deal") takes the
    first day named in its sentence or the next ("announced ... on Thursday"), when that day is
    within a week before publication: leads name the news, and the next line says when."""
    undated = [e for e in events if e.main and e.date is None]
    if not undated or anchor is None or any(e.main and e.date is not None for e in events):
        return  # a main meeting with a date dates its agreement too (_share_main)
    first = min(m[0].start for e in undated for m in e.mentions)
    index = next(i for i, s in enumerate(sentences) if s.start == first)
    for sentence in sentences[index:index + 2]:
        for mention in dates.get(sentence.start, []):
            if (mention.role == "point" and mention.day is not None
                    and timedelta(0) <= anchor - mention.day <= timedelta(days=_LEAD_DATE_DAYS)):
                for event in undated:
                    event.date, event.key = mention, mention.parts
                return


def _compatible(a: tuple, b: tuple) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b))


def _add_parties(event: Event, people: People, sentence: Sentence, verb_end: int | None = None) -> None:
    """Office holders named in a sentence that says they met, spoke, signed or agreed; and the
    people named before that verb whose office the article never names ("Sir Keir Starmer and
    Emmanuel Macron have agreed a deal", "Mr Cleverly and Gérald Darmanin discussed": the
    subjects are the parties)."""
    for start, _, who in people.in_span(sentence.start, sentence.end):
        subject = verb_end is not None and start < verb_end and not _has_office(who)
        if isinstance(who, Person) and (who.party or subject) and who not in event.parties:
            event.parties.append(who)
    for office in people.offices:
        if office.party and sentence.start <= office.start < sentence.end and office.role not in event.party_roles:
            event.party_roles.append(office.role)


def _has_office(who) -> bool:
    return not isinstance(who, Person) or bool(who.roles or who.member_of)


def _share_main(meetings: list[Event], agreements: list[Event]) -> None:
    """The main meeting produced the main agreement: they share date and parties."""
    meeting = next((e for e in meetings if e.main), None)
    agreement = next((e for e in agreements if e.main), None)
    if meeting is None or agreement is None:
        return
    meeting.outcome = agreement
    for source, target in ((meeting, agreement), (agreement, meeting)):
        if target.date is None and source.date is not None:
            target.date, target.key = source.date, source.key
        target.parties += [p for p in source.parties if p not in target.parties]
        target.party_roles += [r for r in source.party_roles if r not in target.party_roles]
    for event in (meeting, agreement):
        named = {role for person in event.parties for role in person.roles}
        event.party_roles = [r for r in event.party_roles if r not in named]


def _identify(event: Event, stem: str, lexicon: Lexicon) -> None:
    """The event's IRI: from a full date, else the known event whose date fits, else the article."""
    key = event.key or (None, None, None)
    year, month, day = key
    if event.type == "agreed-actions":
        # "agreed to", "agreed a package" name no document: one agreement of that day, whichever
        # words another article uses ("struck a deal"), so one IRI (a known event keeps its own).
        event.type = "agreement"
    if year and month:
        date_slug = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        event.iri = iris.thing(event.kind, f"{date_slug}-uk-france-{event.type}")
    known = _known_match(event, key, lexicon)
    if known is not None:
        # The known event whose date fits: one IRI for one occasion, whichever article names it
        # and however fully it prints the date ("in January" and "on Thursday 24 January 2019").
        event.iri, event.label = known.iri, known.label
    if event.iri is None:  # the text does not date it: an IRI of this article's own
        year = f"{year:04d}-" if year else ""
        event.iri = iris.thing(event.kind, f"{stem}-{year}uk-france-{event.type}")
    if event.label is None:
        event.label = f"UK–France {event.type.replace('-', ' ')} {_when(event)}"


def _when(event: Event) -> str:
    """"of 7 April 2020" from the date as far as it is known, whichever words printed it (one
    occasion, one label across articles); the words themselves when they fix no year."""
    year, month, day = event.key or (None, None, None)
    if year:
        return "of " + " ".join(str(part) for part in (day, month and calendar.month_name[month], year) if part)
    words = " ".join(event.date.text.split()) if event.date else "date not printed"
    return f"({words})"


def _known_match(event: Event, key: tuple, lexicon: Lexicon) -> KnownEvent | None:
    if not any(key):
        return None
    candidates = []
    for known in lexicon.events:
        if known.kind != event.kind:
            continue
        known_parts, known_type = _known_parts(known)
        # "agreed to" and "the deal" (type agreement, see above) name no kind of document: they
        # fit a known one of any kind.
        if known_parts is None or (event.type != "agreement" and known_type and known_type != event.type):
            continue
        if all(k is None or k == c for k, c in zip(key, known_parts)):
            candidates.append(known)
        elif known_type == event.type and all(k is None or c is None or k == c for k, c in zip(key, known_parts)):
            # Known only to the month ("the joint action plan of January 2019"), printed here to
            # the day: the same occasion when it is the same kind of document.
            candidates.append(known)
    return candidates[0] if len(candidates) == 1 else None


def _known_parts(known: KnownEvent) -> tuple[tuple | None, str | None]:
    slug = str(known.iri).rsplit("/", 1)[-1]
    match = _SLUG.match(slug)
    known_type = match.group(4) if match else None
    if known.day is not None:
        return (known.day.year, known.day.month, known.day.day), known_type
    if match:
        return (int(match.group(1)), int(match.group(2)), int(match.group(3)) if match.group(3) else None), known_type
    return None, known_type


def _sentence_references(text, sentences, mentions, agreements, family) -> dict:
    """Sentences about another agreement than the main one: those that open by naming it
    ("The plan included ...") get the agreement named last before them."""
    opening = family.rule("agreement-sentence-reference").pattern
    nouns = family.tables.get("reference-nouns", {})
    result, named = {}, []  # agreements in the order the text last named them
    for sentence in sentences:
        match = opening.match(text, sentence.start, sentence.end)
        if match and named:
            # "The plan" is the plan named last; "the deal" is the article's own deal.
            wanted = nouns.get(match.group("noun").lower())
            main = [e for e in agreements if e.main]
            candidates = main + list(reversed(named)) if wanted in (None, "agreement") else list(reversed(named)) + main
            result[sentence.start] = next((e for e in candidates if wanted is None or e.type == wanted), candidates[0])
        for event in agreements:
            if any(m[0] is sentence for m in event.mentions):
                named = [e for e in named if e is not event] + [event]
    return result
