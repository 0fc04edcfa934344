"""Statements that dispute the governments' claims or measures (ck:Dispute).

A dispute is what a speaker who is not one of the two governments (a charity, a campaigner, an
opposition party) says against a deal, a measure or a figure. Who speaks each sentence comes
from people.py (verbs of saying, quotations that run on); this module groups a speaker's
sentences in one paragraph, keeps the groups with contesting words (statements.yaml), and says
what they contest, where the words make it identifiable:

- the article's agreement, when they name the deal, plan or summit ("claimed the deal does not
  help ...");
- a pledge of that agreement, when they name its type ("declares she will make this route
  'unviable'" names prevent-crossings);
- a statistic of the article, when they name its measure as a figure ("the claim that record
  numbers are crossing"), and only if the article has one statistic of that measure.

A group that names nothing it contests inherits what the same speaker contested last, unless
another speaker was quoted in between (the quotation goes on about the same thing).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .events import Events
from .lexicon import Concept, Lexicon
from .loader import Rules
from .organisations import Organisation
from .records import Event, People, Person
from .text import Sentence
from .words import find_concepts



@dataclass(frozen=True)
class Attribution:
    """How a pack's sentences attribute words: its verbs of saying and quotation marks."""
    verb: re.Pattern
    lead_in: re.Pattern        # what may open a sentence before its speaker's name: a few words
    opening: re.Pattern        # ("The opposition Labour Party criticized"); opening marks
    after_verb: re.Pattern     # 'X said: "' — the words begin after the mark
    before_verb: re.Pattern    # '"…?" said X' — the words end before the mark
    pronoun: re.Pattern        # "he said"
    marks: str                 # every quotation mark


@lru_cache(maxsize=8)
def attribution(rules: Rules) -> Attribution:
    marks = rules.marks
    opening, closing = marks.one_of(marks.opening), marks.one_of(marks.closing)
    return Attribution(
        verb=rules["people"].rule("speaker-verb").pattern,
        lead_in=re.compile(rf"^(?:\s|{opening})*(?:[\w’'-]+\s+){{0,3}}$", re.IGNORECASE),
        opening=re.compile(rf"(?:\s|{opening})*"),
        after_verb=re.compile(rf"\s*[:,]?\s*{opening}"),
        before_verb=re.compile(rf"{closing}\s*,?\s*$"),
        pronoun=rules["people"].rule("speaker-pronoun").pattern,
        marks=marks.opening + marks.closing)


@dataclass
class StatementMention:
    """What a speaker says in direct speech ('Cleverly said: "…"'), disputing nothing."""
    start: int                              # where the speaker's words begin: the statement's IRI
    speaker: Person | Organisation
    spans: list[tuple[int, int]]            # the speaker's words in the paragraph (evidence)


@dataclass
class DisputeMention:
    start: int                              # where the contesting words begin: the statement's IRI
    speaker: Person | Organisation
    spans: list[tuple[int, int]]            # the speaker's words in the paragraph (evidence)
    rules: tuple[str, ...]                  # the cue rules that matched
    occasions: list[Event] = field(default_factory=list)   # the agreement (or meeting) named
    pledge_types: list[Concept] = field(default_factory=list)
    measures: list[Concept] = field(default_factory=list)

    @property
    def names_nothing(self) -> bool:
        return not (self.occasions or self.pledge_types or self.measures)


def find_disputes(text: str, sentences: list[Sentence], rules: Rules, lexicon: Lexicon, people: People,
                  events: Events, dates: dict) -> list[DisputeMention]:
    family = rules["statements"]
    kinds = {}
    for rule in family.rules:
        kinds.setdefault(rule.get("kind"), []).append(rule)
    said = attribution(rules)
    found, previous = [], None  # previous: the last dispute, while its speaker keeps speaking
    for run in _runs(sentences, people):
        speaker = people.speakers[run[0].start]
        if previous is not None and previous.speaker is not speaker:
            previous = None
        if not outside_governments(speaker):
            continue
        cues = [(s, [r.id for r in kinds["dispute-cue"] if r.pattern.search(text, s.start, s.end)]) for s in run]
        first = next((s for s, ids in cues if ids), None)
        if first is None:
            continue
        dispute = DisputeMention(
            start=_words_start(text, first, speaker, people, said),
            speaker=speaker,
            spans=[(_words_start(text, s, speaker, people, said), _words_end(text, s, speaker, people, said))
                   for s in run],
            rules=tuple(dict.fromkeys(i for _, ids in cues for i in ids)))
        _contested(dispute, text, run, kinds, lexicon, events, dates, rules.stemmer, said)
        if dispute.names_nothing and previous is not None:
            dispute.occasions, dispute.pledge_types, dispute.measures = (
                previous.occasions, previous.pledge_types, previous.measures)
        if dispute.names_nothing:
            _named_by_critics_before(dispute, text, sentences, run[0], kinds, events, dates)
        found.append(dispute)
        previous = dispute
    return found


def find_statements(text: str, sentences: list[Sentence], rules: Rules, people: People,
                    disputes: list[DisputeMention]) -> list[StatementMention]:
    """A speaker's words in direct speech, in one paragraph, that no dispute holds: 'Cleverly
    said: "This deal will save lives."', '"…," said X', a quotation that runs on. Reported
    (indirect) speech is left to disputes: without the marks, where the words end is a guess."""
    said = attribution(rules)
    disputed = [d.spans for d in disputes]
    # the words, not the marks that close them ('… at risk.\'', '… lives."'): after punctuation
    closing_marks = re.compile(rf"(?<=[.!?,;:…]){rules.marks.one_of(rules.marks.closing)}+\s*$")
    found = []
    for run in _runs(sentences, people):
        speaker = people.speakers[run[0].start]
        spans = [(_words_start(text, s, speaker, people, said), _words_end(text, s, speaker, people, said)) for s in run]
        if spans in disputed or not any(_direct(text, s, speaker, people, said) for s in run):
            continue
        spans = [(start, start + len(closing_marks.sub("", text[start:end]))) for start, end in spans]
        found.append(StatementMention(spans[0][0], speaker, [(a, b) for a, b in spans if b > a]))
    return found


def _direct(text: str, sentence: Sentence, speaker, people: People, said: Attribution) -> bool:
    """Whether the sentence quotes the speaker's own words: it opens with a quotation mark or
    continues a quotation, or a mark follows the verb of saying ('X said: "') or comes right
    before it ('"…," said X')."""
    if sentence.start in people.quoted:
        return True
    verb = said.verb.search(text, sentence.start, sentence.end)
    return verb is not None and bool(said.after_verb.match(text, verb.end()) or
                                     said.before_verb.search(text, sentence.start, verb.start()))


def _named_by_critics_before(dispute: DisputeMention, text: str, sentences: list[Sentence], first: Sentence,
                             kinds: dict, events: Events, dates: dict) -> None:
    """'Critics said the deal did not go far enough. Nigel Farage ... said: "It's a drop in the
    ocean."': words that name nothing, right after an unattributed contesting sentence of the same
    paragraph, contest what that sentence names (the speaker is one of those critics)."""
    index = sentences.index(first)
    before = sentences[index - 1] if index else None
    if before is None or before.paragraph != first.paragraph:
        return
    if not any(r.pattern.search(text, before.start, before.end) for r in kinds["dispute-cue"]):
        return
    for reference in (m for r in kinds.get("reference", []) for m in r.pattern.finditer(text, before.start, before.end)):
        agreement = _agreement_named(reference, before, events, dates)
        if agreement is not None and agreement not in dispute.occasions:
            dispute.occasions.append(agreement)


def _runs(sentences: list[Sentence], people: People) -> list[list[Sentence]]:
    """Consecutive sentences of one speaker within one paragraph."""
    runs, previous = [], None
    for sentence in sentences:
        speaker = people.speakers.get(sentence.start)
        if speaker is not None:
            if (previous is not None and previous.paragraph == sentence.paragraph
                    and people.speakers.get(previous.start) is speaker):
                runs[-1].append(sentence)
            else:
                runs.append([sentence])
        previous = sentence
    return runs


def outside_governments(speaker) -> bool:
    """Only those outside the two governments dispute their claims: not a minister or
    president, not a government department, not someone speaking for one."""
    if isinstance(speaker, Person):
        return not speaker.party and not any(o.government for o in speaker.member_of)
    return not speaker.government


def _words_start(text: str, sentence: Sentence, speaker, people: People, said: Attribution) -> int:
    """Where the speaker's own words begin: after an opening attribution ("Enver Solomon, CEO of
    the Refugee Council, claimed the deal ..." begins at "claimed"; 'X said: "This ...' at
    "This"), else after any opening quotation marks."""
    here = people.in_span(sentence.start, sentence.end)
    match = said.verb.search(text, sentence.start, sentence.end)
    if here and match and said.lead_in.match(text[sentence.start:here[0][0]]) and any(
            m[2] is speaker and m[0] < match.start() for m in here):
        after = said.after_verb.match(text, match.end())
        return after.end() if after else match.start()
    return said.opening.match(text, sentence.start, sentence.end).end()


def _words_end(text: str, sentence: Sentence, speaker, people: People, said: Attribution) -> int:
    """Where the speaker's own words end: before a closing attribution ('"How many more people
    must die ...?" said Clare Moseley, founder of Care4Calais', '"…," Mr Cleverly told reporters',
    '"…," he said' end at the closing mark)."""
    match = said.verb.search(text, sentence.start, sentence.end)
    if match:
        named = [m for m in people.in_span(sentence.start, sentence.end) if m[2] is speaker]
        # the attribution begins at the verb ('"…," said X') or at the speaker's name ('"…," X said')
        for attribution_start in [match.start()] * any(m[0] >= match.end() for m in named) + \
                [m[0] for m in named if m[1] <= match.start()]:
            if closing := said.before_verb.search(text, sentence.start, attribution_start):
                return closing.start()
    pronoun = said.pronoun.search(text, sentence.start, sentence.end)  # '"…," he said.'
    if pronoun and (closing := said.before_verb.search(text, sentence.start, pronoun.start())):
        return closing.start()
    return sentence.end


def _contested(dispute: DisputeMention, text: str, run: list[Sentence], kinds: dict, lexicon: Lexicon,
               events: Events, dates: dict, stemmer, said: Attribution) -> None:
    """What the speaker's words name: the deal, pledge types, measures of figures."""
    def hits(kind, start, end):
        return [m for r in kinds.get(kind, []) for m in r.pattern.finditer(text, start, end)]
    for sentence, (start, end) in zip(run, dispute.spans):  # the speaker's words, not the attribution
        named = [a for r in hits("reference", start, end) if (a := _agreement_named(r, sentence, events, dates))]
        for agreement in named:
            if agreement not in dispute.occasions:
                dispute.occasions.append(agreement)
        if hits("proposal", start, end):
            continue  # "he called for safe routes": wanted, not contested
        cues = hits("dispute-cue", start, end)
        for s, e, concept in find_concepts(text, start, end, lexicon.pledge_types, stemmer):
            if named and not any(_said_of(cue, s, e, text, said.marks) for cue in cues):
                continue  # "the deal was "humiliating" and would return only a fraction": said of the deal
            if concept not in dispute.pledge_types:
                dispute.pledge_types.append(concept)
        if hits("figure-claim", start, end):
            for _, _, concept in find_concepts(text, start, end, lexicon.measures, stemmer):
                if concept not in dispute.measures:
                    dispute.measures.append(concept)


def _said_of(cue: re.Match, start: int, end: int, text: str, marks: str) -> bool:
    """Whether contesting words are said of the label at start:end: they overlap it ("would not
    stop the boats") or it follows them directly ("will do little to end the crossings")."""
    return (start < cue.end() and cue.start() < end) or (
        cue.end() <= start and not text[cue.end():start].strip(" \t\n" + marks))


def _agreement_named(reference: re.Match, sentence: Sentence, events: Events, dates: dict) -> Event | None:
    """The agreement an event word names: the one whose mention it is ("the 2021 deal"), else
    the one the sentence is about; in an article that reports a meeting and no agreement, that
    meeting ("the summit was a missed opportunity"); in one that reports neither, the agreement
    it named last before ("Last month ... agreed that the UK would pay" ... "the deal had
    failed")."""
    for event in events.agreements:
        if any(m[1] < reference.end() and reference.start() < m[2] for m in event.mentions):
            return event
    if events.main_agreement is None:
        meeting = next((e for e in events.meetings if e.main), None)
        return meeting or events.agreement_for(sentence, dates.get(sentence.start, [])) or _named_last(
            events, sentence)
    return events.agreement_for(sentence, dates.get(sentence.start, []))


def _named_last(events: Events, sentence: Sentence) -> Event | None:
    """The agreement whose mention comes last before the sentence."""
    before = [(m[1], e) for e in events.agreements for m in e.mentions if m[2] <= sentence.start]
    return max(before, key=lambda b: b[0])[1] if before else None
