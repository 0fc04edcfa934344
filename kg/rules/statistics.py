"""Statistics: a number, the thing it counts (a concept of the measure scheme), and its date.

Not every number is a statistic. A number is one only when a measure label stands within a few
words of it; dates, money, ordinals, codes ("G20", "24/7") and goals ("pledged to prevent 100%
of crossings") are removed first. Labels are compared on crude word stems, so the scheme's
"prevented" also finds "preventing".
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .dates import DateMention
from .lexicon import Concept, Lexicon
from .loader import Rules
from .text import Sentence
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


@lru_cache(maxsize=8)
def _label_stems(measures: tuple[Concept, ...]) -> list[tuple[tuple[str, ...], Concept, str]]:
    stems = []
    for concept in measures:
        for label in concept.labels:
            if label_stems(label):
                stems.append((label_stems(label), concept, label))
    return stems


def find_statistics(text: str, sentence: Sentence, rules: Rules, lexicon: Lexicon,
                    dates: list[DateMention], blocked: list[tuple[int, int]]) -> list[StatisticMention]:
    family = rules["statistics"]
    blocked = list(blocked) + [m.span() for r in _kind(family, "not-a-statistic")
                               for m in r.pattern.finditer(text, sentence.start, sentence.end)]
    goals = [(m.start(), m.end() + 40) for r in _kind(family, "target")
             for m in r.pattern.finditer(text, sentence.start, sentence.end)]
    words = words_of(text[sentence.start:sentence.end], sentence.start)
    found = []
    for figure in _figures(text, sentence, family, rules["common"].tables["qualifiers"]):
        start, end, value, unit, qualifier, rule_id = figure
        if _overlaps(start, end, blocked) or _overlaps(start, end, goals):
            continue
        measure, measure_rule = _measure(text, sentence, start, end, words, family, lexicon)
        if measure is None:
            continue
        date, period = _dates_for(start, _not_baselines(text, (start, end), dates, family))
        found.append(StatisticMention(start, end, value, unit, qualifier, measure, date, period,
                                      tuple(r for r in (rule_id, measure_rule) if r)))
    return found


def _kind(family, kind: str):
    return [rule for rule in family.rules if rule.get("kind") == kind]


def _figures(text: str, sentence: Sentence, family, qualifiers: dict):
    """(start, end, value, unit, qualifier, rule id) for each number and multiplier word."""
    tables = family.tables
    for rule in _kind(family, "number"):
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            after = text[match.end():sentence.end]
            unit = next((name for name, pattern in tables["units"].items() if re.match(pattern, after, re.I)), None)
            yield (match.start(), match.end(), Decimal(match.group("number").replace(",", "")), unit,
                   qualifier(match.group("qualifier"), qualifiers), rule.id)
    for rule in _kind(family, "multiplier"):
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            value = Decimal(tables["multipliers"][" ".join(match.group("word").lower().split())])
            yield (match.start(), match.end(), value, "ratio", qualifier(match.group("qualifier"), qualifiers), rule.id)


def qualifier(printed: str | None, qualifiers: dict) -> str | None:
    """ck:qualifier for the printed words: "over" -> "more than", "almost" -> "less than"."""
    if not printed:
        return None
    printed = " ".join(printed.lower().split())
    return next((name for name, row in qualifiers.items() if printed in row["match"]), None)


def _measure(text, sentence, start, end, words, family, lexicon: Lexicon):
    """The specific measure whose label stands nearest the figure (in words), longer labels winning ties;
    a `measure-cue` rule, which reads the words before the figure, overrides the labels."""
    before = text[sentence.start:start]
    for rule in _kind(family, "measure-cue"):
        if rule.pattern.search(before):
            concept = next((c for c in lexicon.measures if c.slug == rule.get("measure")), None)
            if concept is not None:
                return concept, rule.id
    window = family.tables.get("window-words", 9)
    broad = {iri for c in lexicon.measures for iri in c.broader}
    figure_first = next((i for i, w in enumerate(words) if w.end > start), len(words))
    figure_last = max((i for i, w in enumerate(words) if w.start < end), default=figure_first)
    best = None
    for label_words, concept, label in _label_stems(lexicon.measures):
        for i, j, skipped in find_label(label_words, words, gaps=family.tables.get("label-gap-words", 0)):
            last = j - 1
            if last < figure_first:
                distance = figure_first - last - 1
            elif i > figure_last:
                distance = i - figure_last - 1
            else:
                distance = 0  # the label contains the figure's words ("doubled the number of officers")
            if distance <= window:
                # A broad measure ("asylum") only when no specific one is near.
                key = (concept.iri in broad, distance + skipped, -len(label), concept.slug)
                if best is None or key < best[0]:
                    best = (key, concept)
    return (best[1], "statistic-measure-label") if best else (None, None)


def _dates_for(position: int, dates: list[DateMention]) -> tuple[DateMention | None, DateMention | None]:
    """The sentence's point date nearest the figure, and the start of a period ("since January")."""
    points = [d for d in dates if d.role == "point"]
    periods = [d for d in dates if d.role == "since"]
    nearest = min(points, key=lambda d: abs(d.start - position), default=None)
    period = min(periods, key=lambda d: abs(d.start - position), default=None)
    return nearest, period


def _not_baselines(text: str, figure: tuple[int, int], dates: list[DateMention], family) -> list[DateMention]:
    """A comparison word between a figure and a date ("twice as many ... than in the same period
    in 2020", "so far this year, up from 29,437 in 2023") makes the date the other side's: the
    baseline's date for the figure before it, the figure's period for the baseline after it.
    A `baseline` rule reads the words between the two."""
    rules = _kind(family, "baseline")
    def separated(d):
        start, end = (figure[1], d.start) if d.start >= figure[1] else (d.end, figure[0])
        return any(r.pattern.search(text, max(start, end - 60), end) for r in rules)
    return [d for d in dates if not separated(d)]


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)
