"""Statistics: a number, the thing it counts (a concept of the measure scheme), and its date.

Not every number is a statistic. A number is one only when a measure label stands within a few
words of it; dates, money, ordinals, codes ("G20", "24/7") and goals ("pledged to prevent 100%
of crossings") are removed first. Labels are compared on crude word stems, so the scheme's
"prevented" also finds "preventing". A label reaches only figures of its own clause; the verb
right before a figure ("intercepted 430 people crossing ...") and the noun right after it ("in
21 boats") say what it counts before labels further off do.

A figure with no label of its own right after comparison words ("compared with 8,417", "the
previous record of 1,185") counts what the figure it is compared with counts. A count with no
date words takes the news day of an earlier figure of the same kind ("... on Monday. The people
were on board 27 boats").

Who asserts a figure: the organisation named with it ("Home Office figures show", "..., the Home
Office confirmed"), else the sentence's speaker, unless it declines to vouch for it ("refused to confirm").
"""

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from .dates import DateMention
from .lexicon import Concept, Lexicon
from .loader import Rules
from .locale_data import number_in_words
from .organisations import Organisation
from .records import Person
from .text import Sentence, overlaps
from .words import find_label, label_stems, words as words_of

@dataclass(frozen=True)
class StatisticMention:
    start: int            # the figure with its qualifier, in the article
    end: int
    value: Decimal
    unit: str | None      # "percent", "ratio", "years", or None for a count
    qualifier: str | None
    measure: Concept
    date: DateMention | None
    period: DateMention | None
    rules: tuple[str, ...]
    asserted_by: object = None  # the Person or Organisation that states the figure


@lru_cache(maxsize=8)
def _label_stems(measures: tuple[Concept, ...], stemmer) -> list[tuple[tuple[str, ...], Concept, str]]:
    stems = []
    for concept in measures:
        for label in concept.labels:
            if label_stems(label, stemmer):
                stems.append((label_stems(label, stemmer), concept, label))
    return stems


def find_statistics(text: str, sentence: Sentence, rules: Rules, lexicon: Lexicon,
                    dates: list[DateMention], blocked: list[tuple[int, int]],
                    people=None, earlier=(), today=None) -> list[StatisticMention]:
    """The sentence's statistics; `earlier` are the article's statistics before it, in text
    order, and `today` the publication day (for comparisons and the news day)."""
    family = rules["statistics"]
    blocked = list(blocked) + [m.span() for r in _kind(family, "not-a-statistic")
                               for m in r.pattern.finditer(text, sentence.start, sentence.end)]
    goals = [(m.start(), m.end() + 40) for r in _kind(family, "target")
             for m in r.pattern.finditer(text, sentence.start, sentence.end)]
    words = words_of(text[sentence.start:sentence.end], rules.stemmer, sentence.start)
    asserted_by, source_rule = _asserted_by(text, sentence, family, people)
    found = []
    figures = sorted(_figures(text, sentence, family, rules["common"].tables["qualifiers"], rules.locale),
                     key=lambda f: f[0])
    # A figure's qualifier ("more than 24,000") is no comparison for a figure and date around it.
    qualifiers = [(f[0], f[1]) for f in figures if f[1] > f[0]]
    opening = [d for d in dates if not re.search(r"\w", text[sentence.start:d.start])]
    for start, core, end, value, unit, qualifier, rule_id in figures:
        if overlaps(start, end, blocked) or overlaps(start, end, goals):
            continue
        clause_start, clause_end = _clause(text, sentence, start, family)
        # Labels before comparison words ("… in small boats, compared with 8,417") say what the
        # figure compared with counts; this one's own labels come after them, if any. With no
        # figure to compare with ("a atteint un record de 45 774"), the clause's labels count.
        labels_from = clause_start
        compared_end = _comparison_end(text, sentence, start, family)
        if compared_end is not None and _compared(text, sentence, start, unit, found, earlier, family)[0] is not None:
            labels_from = max(clause_start, compared_end)
        clause_words = [w for w in words if labels_from <= w.start and w.end <= clause_end]
        measure, measure_rule = _measure(text, labels_from, start, end, clause_words, family, lexicon, rules.stemmer)
        if measure is None:
            measure, measure_rule = _compared(text, sentence, start, unit, found, earlier, family)
        if measure is None:
            continue
        # A date that opens the sentence ("Since 1 January, ...") governs each clause without its own.
        in_clause = [d for d in dates if clause_start <= d.start and d.end <= clause_end] or opening
        date, period = _dates_for(start, _not_baselines(text, (start, core, end), in_clause, family, qualifiers))
        mention = StatisticMention(start, end, value, unit, qualifier, measure, date, period,
                                   tuple(r for r in (rule_id, measure_rule, source_rule) if r), asserted_by)
        found.append(_news_day(mention, list(earlier) + found, today, family))
    return found


def _counted(text, end, family, lexicon):
    """The measure a `count-noun` rule gives the noun printed right after the figure ("27 boats"),
    its rule, and where the noun ends."""
    for rule in _kind(family, "count-noun"):
        match = rule.pattern.match(text, end)
        if match:
            concept = next((c for c in lexicon.measures if c.slug == rule.get("measure")), None)
            if concept is not None:
                return concept, rule.id, match.end()
    return None, None, end


def _comparison_end(text, sentence, start, family) -> int | None:
    """Where comparison words printed right before the figure end ("compared with 8,417"), if any."""
    for rule in _kind(family, "comparison"):
        match = rule.pattern.search(text, max(sentence.start, start - family.tables.get("baseline-chars", 80)), start)
        if match:
            return match.end()
    return None


def _compared(text, sentence, start, unit, found, earlier, family):
    """The measure of the figure that comparison words right before this one compare it with:
    the nearest earlier figure of the same unit in the sentence (or, for `reach: article`, the article)."""
    for rule in _kind(family, "comparison"):
        if rule.pattern.search(text, max(sentence.start, start - family.tables.get("baseline-chars", 80)), start):
            before = list(earlier) + found if rule.get("reach") == "article" else found
            other = next((f for f in reversed(before) if f.unit == unit and f.start < start), None)
            if other is not None:
                return other.measure, rule.id
    return None, None


def _news_day(mention, earlier, today, family):
    """A count with no date words of its own reports the news: it takes the day of the latest
    earlier figure of the same broader measure dated to a day in the `news-days` before publication."""
    if mention.date or mention.period or mention.unit or today is None:
        return mention
    rule = next(iter(_kind(family, "news-day")), None)
    days = timedelta(days=family.tables.get("news-days", 7))
    kind = _news_kind(mention.measure, family)
    for other in reversed(earlier):
        d = other.date
        if (rule and d and d.precision == "day" and d.value and today - days <= d.value <= today
                and kind & _news_kind(other.measure, family)):
            return replace(mention, date=d, rules=mention.rules + (rule.id,))
    return mention


def _news_kind(measure, family) -> set[str]:
    """The broader measures (slugs) whose counts report one news: the measure's own, or all of a
    `news-measures` group (the day's crossings and what was done about them)."""
    kind = {str(iri).rstrip("/").rsplit("/", 1)[-1] for iri in measure.broader} or {measure.slug}
    for group in family.tables.get("news-measures", []):
        if kind & set(group):
            kind |= set(group)
    return kind


def _kind(family, kind: str):
    return [rule for rule in family.rules if rule.get("kind") == kind]


def _figures(text: str, sentence: Sentence, family, qualifiers: dict, locale):
    """(start, core, end, value, unit, qualifier, rule id) for each number and multiplier word;
    `core` is where the figure proper begins, after its qualifier ("more than")."""
    tables = family.tables
    for rule in _kind(family, "number"):
        group = "number" if "number" in rule.pattern.groupindex else "word"
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            printed = match.group(group)
            value = locale.number(printed) if group == "number" else \
                number_in_words(printed, tables["number-words"], locale)  # "five" -> 5
            if value is None:
                continue  # a number-words row with no value ("dozens") is no figure
            after = text[match.end():sentence.end]
            unit = next((name for name, pattern in tables["units"].items() if re.match(pattern, after, re.I)), None)
            yield (match.start(), match.start(group), match.end(), value, unit,
                   qualifier(match.group("qualifier"), qualifiers), rule.id)
    for rule in _kind(family, "multiplier"):
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            value = Decimal(tables["multipliers"][" ".join(match.group("word").lower().split())])
            yield (match.start(), match.start("word"), match.end(), value, "ratio", qualifier(match.group("qualifier"), qualifiers), rule.id)


def qualifier(printed: str | None, qualifiers: dict) -> str | None:
    """ck:qualifier for the printed words: "over" -> "more than", "almost" -> "less than"."""
    if not printed:
        return None
    printed = " ".join(printed.lower().split())
    return next((name for name, row in qualifiers.items() if printed in row["match"]), None)


def _clause(text: str, sentence: Sentence, position: int, family) -> tuple[int, int]:
    """The clause of the sentence that holds `position`, split at `clause-break` rules: its
    measure label and its date are the figure's, not another clause's."""
    breaks = [m.span() for r in _kind(family, "clause-break")
              for m in r.pattern.finditer(text, sentence.start, sentence.end)]
    start = max((e for s, e in breaks if e <= position), default=sentence.start)
    end = min((s for s, e in breaks if s >= position), default=sentence.end)
    return start, end


def _asserted_by(text: str, sentence: Sentence, family, people):
    """The organisation named with a `source` phrase ("Home Office figures show"), else the
    sentence's speaker unless `withheld` words follow its name ("Downing Street refused to confirm").
    Also the `source` rule that named it, for the evidence."""
    if people is None:
        return None, None
    here = people.in_span(sentence.start, sentence.end)
    reach = family.tables.get("source-chars", 40)
    withheld = _kind(family, "withheld")
    def vouches(m):
        return not any(r.pattern.match(text, m[1], sentence.end) for r in withheld)
    for rule in _kind(family, "source"):
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            if rule.get("named") == "before":  # "..., the Home Office confirmed": the name right before the verb
                named = [m for m in here if m[1] == match.start() and isinstance(m[2], (Organisation, Person))]
                if named and vouches(named[-1]):
                    return named[-1][2], rule.id
                continue
            near = [(min(abs(m[1] - match.start()), abs(m[0] - match.end())), m[2]) for m in here
                    if isinstance(m[2], Organisation)]
            near = [n for n in near if n[0] <= reach]
            if near:
                return min(near, key=lambda n: n[0])[1], rule.id
    speaker = people.speakers.get(sentence.start)
    if not all(vouches(m) for m in here if m[2] is speaker):
        return None, None
    return speaker, None


def _measure(text, clause_start, start, end, words, family, lexicon: Lexicon, stemmer):
    """What the figure counts. A `measure-cue` rule, which reads the clause's words before the
    figure, comes first; then the verb that governs the figure: a specific label printed right
    before it ("intercepted 430 people crossing the Channel" counts interceptions; "seized 21
    boats" the label round the figure); then the noun the figure counts ("in 21 boats"), unless
    a label begins at that noun ("27 boats were intercepted"); else the specific label nearest
    the figure (in words), longer labels winning ties."""
    before = text[clause_start:start]
    for rule in _kind(family, "measure-cue"):
        if rule.pattern.search(before):
            concept = next((c for c in lexicon.measures if c.slug == rule.get("measure")), None)
            if concept is not None:
                return concept, rule.id
    window = family.tables.get("window-words", 9)
    broad = {iri for c in lexicon.measures for iri in c.broader}
    figure_first = next((i for i, w in enumerate(words) if w.end > start), len(words))
    figure_last = max((i for i, w in enumerate(words) if w.start < end), default=figure_first)
    verb = figure_first - 1  # the word printed right before the figure, if only spaces part them
    if verb < 0 or text[words[verb].end:start].strip():
        verb = None
    noun, noun_rule, noun_end = _counted(text, end, family, lexicon)
    best = governing = at_noun = None
    gaps = family.tables.get("label-gap-words", 0)
    matches = [(i, j, skipped, concept, label) for label_words, concept, label in _label_stems(lexicon.measures, stemmer)
               for i, j, skipped in find_label(label_words, words, gaps=gaps)]
    # A label inside a longer specific one of another measure is part of that phrase: "attempted
    # to reach the UK" holds people-crossing's "reach the UK", but counts attempts.
    matches = [m for m in matches if not any(
        o[3].iri != m[3].iri and o[3].iri not in broad and o[0] <= m[0] and m[1] <= o[1]
        and o[1] - o[0] > m[1] - m[0] for o in matches)]
    for i, j, skipped, concept, label in matches:
        last = j - 1
        if last < figure_first:
            distance = figure_first - last - 1
        elif i > figure_last:
            distance = i - figure_last - 1
        else:
            distance = 0  # the label contains the figure's words ("doubled the number of officers")
        if distance > window:
            continue
        # A broad measure ("asylum") only when no specific one is near.
        key = (concept.iri in broad, distance + skipped, -len(label), concept.slug)
        if best is None or key < best[0]:
            best = (key, concept)
        if verb is not None and i <= verb <= last and concept.iri not in broad:
            # The verb with its object ("seized 21 boats" for "seized boats") beats the verb alone.
            if governing is None or (-last, key) < governing[0]:
                governing = ((-last, key), concept)
        if noun is not None and i > figure_last and words[i].start < noun_end:
            at_noun = True
    if governing:
        return governing[1], "statistic-measure-verb"
    if noun is not None and not at_noun:
        return noun, noun_rule
    return (best[1], "statistic-measure-label") if best else (None, None)


def _dates_for(position: int, dates: list[DateMention]) -> tuple[DateMention | None, DateMention | None]:
    """The sentence's point date nearest the figure, and the start of a period ("since January")."""
    points = [d for d in dates if d.role == "point"]
    periods = [d for d in dates if d.role == "since"]
    nearest = min(points, key=lambda d: abs(d.start - position), default=None)
    period = min(periods, key=lambda d: abs(d.start - position), default=None)
    return nearest, period


def _not_baselines(text: str, figure: tuple[int, int, int], dates: list[DateMention], family,
                   qualifiers=()) -> list[DateMention]:
    """A comparison word between a figure and a date ("twice as many ... than in the same period
    in 2020", "so far this year, up from 29,437 in 2023") makes the date the other side's: the
    baseline's date for the figure before it, the figure's period for the baseline after it.
    A `baseline` rule reads the words between the two, with the figure's own words before a date
    after it ("three times the total for 2020"), not its qualifier ("more than" is no comparison)."""
    rules, reach = _kind(family, "baseline"), family.tables.get("baseline-chars", 80)
    def separated(d):
        start, end = (figure[1], d.start) if d.start >= figure[2] else (d.end, figure[0])
        return any(not overlaps(*m.span(), qualifiers)
                   for r in rules for m in r.pattern.finditer(text, max(start, end - reach), end))
    return [d for d in dates if not separated(d)]
