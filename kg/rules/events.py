"""Meetings and agreements: who met or agreed, and which existing node each occasion is.

An article reports one occasion (its *main* meeting and the agreement it produced) and may
refer to earlier ones ("the joint agreement of July 2021"). A mention whose date words differ
from the main occasion's is another event; a mention with no date words, or only relative ones
that the page cannot anchor ("Monday morning" in an undated article), is the main one.
An event's IRI follows DESIGN.md (`{date}-uk-france-{type}`); when the text prints only part
of the date ("in January", "Tuesday 20 July") it links to the known event whose date fits.
Which date words date a mention, and when a date is the main occasion's, is event_dates.py.
"""

from dataclasses import dataclass, field
from datetime import date

from .. import iris
from .dates import DateMention, day_of_writing
from .event_dates import MainOccasion, assign_dates, compatible, date_from_lead, dated_elsewhere, event_key, refines
from .lexicon import KnownEvent, Lexicon
from .loader import Rules
from .records import Event, People, Person
from .text import Sentence

_STRONG_TYPES = ("call", "meeting", "summit", "joint-action-plan", "joint-statement", "agreed-actions")
_TYPE_RANK = {"agreed-actions": 1, "agreement": 2, "joint-statement": 3, "joint-action-plan": 3,
              "meeting": 1, "summit": 2}  # "se sont retrouvés … pour le premier sommet": a summit
_AGREED_TO = "agreement-agreed-actions"   # the rule of "X and Y agreed to ...": a commitment verb
_OWN_DATE_REACH = 40     # characters after a sum within which date words date the sum itself


@dataclass
class Events:
    meetings: list[Event]
    agreements: list[Event]
    spans: list[tuple[int, int]]                # where agreements are named: not pledges
    by_sentence: dict                          # sentence start -> agreement the sentence is about
    family: object                             # the pack's events rules (loader.RuleFile)
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
        if dated_elsewhere(sentence_dates, main):
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
        fits = [e for e in self.agreements if e.key and any(compatible(p, e.key) for p in dated)]
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
        another_sum = self.family.rule("payment-another-sum").pattern  # the date words are another sum's
        # "72,2 millions d'euros …, soit 8 millions d'euros de plus que l'accord précédent, conclu
        # en juillet 2021": date words after another sum are that sum's, not this one's
        sentence_dates = [d for d in sentence_dates if not (d.start >= end and another_sum.search(text, end, d.start))]
        agreement = self.agreement_for(sentence, sentence_dates)
        if agreement is None:
            # "Britain has already agreed to pay £476m under a deal struck in 2023": the money of
            # the other agreement the sentence names, or of the one its date words point at.
            agreement = self.named_in(sentence) or self.dated_like(sentence_dates)
        clause_break = self.family.rule("payment-clause-break").pattern
        before = [d for d in sentence_dates if since <= d.start and d.end <= start and not clause_break.search(text, d.end, start)]
        after = [d for d in sentence_dates if end <= d.start <= end + _OWN_DATE_REACH
                 and not clause_break.search(text, end, d.start) and not another_sum.search(text, end, d.start)]
        own = before[-1:] or after[:1]
        if agreement is None or not own or not dated_elsewhere(own, agreement):
            return agreement
        return next((e for e in self.agreements if e is not agreement and e.key is not None
                     and compatible(own[0].parts or (None,) * 3, e.key)), None)


def find_events(text: str, stem: str, sentences: list[Sentence], dates: dict, rules: Rules,
                people: People, lexicon: Lexicon, anchor: date | None = None) -> Events:
    family = rules["events"]
    writing_day = day_of_writing([d for ds in dates.values() for d in ds])
    mentions = []  # (sentence, start, end, rule, date)
    for sentence in sentences:
        found = _mentions_in(text, sentence, family)
        # Date words after publication ("les deux ministres se retrouveront au début de l'année
        # 2023 … de l'accord") say when something is to come: they date no reported occasion.
        points = [d for d in dates.get(sentence.start, []) if d.role == "point" and not _after(d, anchor)]
        dated = assign_dates(text, sentence, found, points, rules)
        mentions += [(sentence, *m, dated.get(i)) for i, m in enumerate(found)]
    meetings, agreements = [], []
    main = MainOccasion(anchor=anchor)
    # In text order: the first occasion the article names (met, signed, agreed) is the one it
    # reports; a call "on Monday" mentioned after "signed ... yesterday evening" is another.
    for sentence, start, end, rule, date in mentions:
        kind = rule.get("kind")
        if kind in ("meeting", "agreement"):
            events = meetings if kind == "meeting" else agreements
            earlier = _to_come(text, sentence, start, end, family, "landmark")
            _place(kind, rule, event_key(date, writing_day), main, events, people, sentence, start, end, date, earlier)
    date_from_lead(meetings + agreements, sentences, dates, anchor)
    _share_main(meetings, agreements)
    for event in meetings + agreements:
        _bilateral_countries(event)
    for event in meetings + agreements:
        _identify(event, stem, lexicon)
    spans = [(s, e) for _, s, e, r, _ in mentions if r.get("kind") == "agreement"]
    by_sentence = _sentence_references(text, sentences, mentions, agreements, family)
    event_dates = frozenset(date.start for *_, date in mentions if date is not None)
    main_sentences = frozenset(m[0].start for e in agreements if e.main for m in e.mentions)
    return Events(meetings, agreements, spans, by_sentence, family, event_dates, main_sentences)


def _after(mention: DateMention, anchor: date | None) -> bool:
    """Whether date words name a time that begins after the publication day."""
    return anchor is not None and mention.value is not None and mention.value > anchor


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


def _to_come(text: str, sentence: Sentence, start: int, end: int, family, kind: str = "future") -> bool:
    """Whether `future` words stand right before the event's words (the `before` patterns end
    with `$`, here the event's start) or right after them; with kind `landmark`, words that
    make an occasion the start of a time ("depuis le traité du Touquet", "depuis le sommet du
    10 mars 2023"): an earlier occasion, never the one the article reports."""
    for rule in family.rules:
        if rule.get("kind") == kind and (
                rule.pattern.search(text, sentence.start, start) if rule.get("side") == "before"
                else rule.pattern.match(text, end, sentence.end)):
            return True
    return False


def _place(kind, rule, key, main, events, people, sentence, start, end, date, earlier=False) -> Event | None:
    if rule.get("refers-to") == "main" and main.exists:
        # "Today's meeting", "Friday's conversation": the occasion the article reports, even
        # when the page dates it two ways ("yesterday evening" ... "Today's meeting").
        event = next((e for e in events if e.main), None)
        if event is not None:
            event.mentions.append((sentence, start, end, rule.id))
            return event
    is_main = main.includes(key) and not earlier
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
    if date is not None and (event.date is None or refines(date, event.date)):
        event.date, event.key = date, key
    if _TYPE_RANK.get(rule.get("type"), 0) > _TYPE_RANK.get(event.type, 0):
        event.type = rule.get("type")  # "joint statement" says more than "the deal", which says more than "agreed to"
    event.mentions.append((sentence, start, end, rule.id))
    if is_main:
        main.note(key, date)
    if rule.get("type") in _STRONG_TYPES or rule.id == "agreement-signed" or rule.get("parties"):
        _add_parties(event, people, sentence, end, after=rule.get("parties") == "after")
    return event


def _add_parties(event: Event, people: People, sentence: Sentence, verb_end: int | None = None,
                 after: bool = False) -> None:
    """Office holders named in a sentence that says they met, spoke, signed or agreed; and the
    people named before that verb whose office the article never names ("Sir Keir Starmer and
    Emmanuel Macron have agreed a deal", "Mr Cleverly and Gérald Darmanin discussed": the
    subjects are the parties), or after it in a passive (`parties: after`: "le traité, signé le
    18 janvier 2018 par Theresa May et Emmanuel Macron")."""
    for start, _, who in people.in_span(sentence.start, sentence.end):
        subject = verb_end is not None and (start >= verb_end if after else start < verb_end) and not _has_office(who)
        if isinstance(who, Person) and (who.party or subject) and who not in event.parties:
            event.parties.append(who)
    for office in people.offices:
        if office.party and sentence.start <= office.start < sentence.end and office.role not in event.party_roles:
            event.party_roles.append(office.role)


def _bilateral_countries(event: Event) -> None:
    """An occasion between the UK and France with two people as its parties, one of a known
    country of the two: the other is of the other country ("Rishi Sunak et Emmanuel Macron se
    sont retrouvés … pour le premier sommet franco-britannique")."""
    people = [p for p in event.parties if isinstance(p, Person)]
    other = {"GB": "FR", "FR": "GB"}
    if len(people) == 2:
        first, second = people
        for known, unknown in ((first, second), (second, first)):
            if unknown.country is None and known.country in other:
                unknown.country = other[known.country]


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
        event.iri = iris.event(event.kind, event.type, year, month, day)
    known = _known_match(event, key, lexicon)
    if known is not None:
        # The known event whose date fits: one IRI for one occasion, whichever article names it
        # and however fully it prints the date ("in January" and "on Thursday 24 January 2019").
        event.iri, event.known_labels = known.iri, known.labels
    if event.iri is None:  # the text does not date it: an IRI of this article's own
        event.iri = iris.event(event.kind, event.type, year, stem=stem)


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
    parts, known_type = iris.event_parts(known.iri)
    if known.day is not None:
        return (known.day.year, known.day.month, known.day.day), known_type
    return parts, known_type


def _sentence_references(text, sentences, mentions, agreements, family) -> dict:
    """Sentences about another agreement than the main one: those that open by naming it
    ("The plan included ...") get the agreement named last before them."""
    opening = family.rule("agreement-sentence-reference").pattern
    another_sum = family.rule("payment-another-sum").pattern
    nouns = family.tables.get("reference-nouns", {})
    result, named = {}, []  # agreements in the order the text last named them
    for sentence in sentences:
        match = opening.match(text, sentence.start, sentence.end)
        # "Le dernier accord, signé en mars 2023, …": the opening words name an agreement of
        # their own, dated in the sentence before any sum, not the one named before ("Under the
        # agreement, Britain will pay £7 million …, on top of the £12 million already committed
        # last year": last year is the £12 million's).
        own = [e for e in agreements if match and e.date is not None and any(
            m[0] is sentence and match.start() <= m[1] < match.end() < e.date.start < sentence.end
            and not another_sum.search(text, m[2], e.date.start) for m in e.mentions)]
        if own and not own[0].main:
            result[sentence.start] = own[0]
        elif match and named:
            # "The plan" is the plan named last; "the deal" is the article's own deal.
            wanted = nouns.get(match.group("noun").lower())
            main = [e for e in agreements if e.main]
            candidates = main + list(reversed(named)) if wanted in (None, "agreement") else list(reversed(named)) + main
            result[sentence.start] = next((e for e in candidates if wanted is None or e.type == wanted), candidates[0])
        for event in agreements:
            if any(m[0] is sentence for m in event.mentions):
                named = [e for e in named if e is not event] + [event]
    return result
