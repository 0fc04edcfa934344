"""Pledges: clauses that commit an agreement to a measure, typed by the pledge-type scheme.

A clause commits when it says so jointly ("agreed to", "pledged", "the deal includes"), or is
reported in the future ("British staff will be placed ...") outside a quotation, or is a bullet
of a list about the agreement. Within such a clause every label of the pledge-type scheme is a
pledge, unless the words before it make it the target of the measure ("in the fight against
people-smuggling gangs"). Where a broader type and a narrower one are named a few words apart
("investment in infrastructure to increase border security"), the narrower is the pledge.
"""

from dataclasses import dataclass
from functools import lru_cache

from .events import Event, Events
from .lexicon import Concept, Lexicon
from .loader import Rules
from .people import People, Person
from .text import Sentence
from .words import find_label, label_stems, words as words_of


@dataclass(frozen=True)
class PledgeMention:
    agreement: Event
    concept: Concept
    start: int          # the committing clause
    end: int
    rules: tuple[str, ...]


@lru_cache(maxsize=8)
def _labels(pledge_types: tuple[Concept, ...]):
    return [(label_stems(label), concept) for concept in pledge_types for label in concept.labels
            if label_stems(label)]


@lru_cache(maxsize=8)
def _broader_closure(pledge_types: tuple[Concept, ...]) -> dict:
    by_iri = {c.iri: c for c in pledge_types}
    closure = {}
    for concept in pledge_types:
        seen, todo = set(), list(concept.broader)
        while todo:
            iri = todo.pop()
            if iri not in seen:
                seen.add(iri)
                todo += list(by_iri[iri].broader) if iri in by_iri else []
        closure[concept.iri] = seen
    return closure


def find_pledges(text: str, sentences: list[Sentence], rules: Rules, lexicon: Lexicon,
                 events: Events, people: People, dates: dict) -> list[PledgeMention]:
    family = rules["pledges"]
    by_kind = {}
    for rule in family.rules:
        by_kind.setdefault(rule.get("kind"), []).append(rule)
    found = []
    for sentence in sentences:
        agreement = events.agreement_for(sentence, dates.get(sentence.start, []))
        if agreement is None or _not_a_party_speaking(people.speakers.get(sentence.start)):
            continue
        quoted = sentence.start in people.quoted
        listed = any(r.pattern.search(text, max(0, sentence.start - 20), sentence.start + 2) for r in by_kind["list-item"])
        for start, end in _clauses(text, sentence, by_kind["clause-break"]):
            commitment = _commits(text, start, end, by_kind, quoted, listed)
            if commitment is None:
                continue
            for concept in _types_in(text, start, end, lexicon, events.spans, by_kind["target-context"]):
                found.append(PledgeMention(agreement, concept, start, end, (commitment, "pledge-label")))
    return found


def _not_a_party_speaking(speaker) -> bool:
    """A campaigner's words ("he called for safe routes") are no government's pledge."""
    return isinstance(speaker, Person) and not speaker.party


def _clauses(text: str, sentence: Sentence, breaks) -> list[tuple[int, int]]:
    cuts = sorted({m.start() for r in breaks for m in r.pattern.finditer(text, sentence.start, sentence.end)}
                  | {m.end() for r in breaks for m in r.pattern.finditer(text, sentence.start, sentence.end)})
    edges = [sentence.start, *cuts, sentence.end]
    spans = [(a, b) for a, b in zip(edges, edges[1:]) if text[a:b].strip() and not
             any(r.pattern.fullmatch(text, a, b) for r in breaks)]
    return spans


def _commits(text, start, end, by_kind, quoted: bool, listed: bool) -> str | None:
    """The id of the rule that makes text[start:end] a commitment, or None."""
    def hit(kind):
        return next((r.id for r in by_kind.get(kind, []) if r.pattern.search(text, start, end)), None)
    if hit("personal") or hit("not-commitment"):
        return None
    if strong := hit("commitment"):
        return strong
    if not quoted and (weak := hit("weak-commitment")):
        return weak
    return by_kind["list-item"][0].id if listed else None


def _types_in(text, start, end, lexicon: Lexicon, agreement_spans, target_rules) -> list[Concept]:
    clause_words = words_of(text[start:end], start)
    matches = []  # (char start, char end, concept)
    for label, concept in _labels(lexicon.pledge_types):
        for i, j, _ in find_label(label, clause_words):
            s, e = clause_words[i].start, clause_words[j - 1].end
            if any(s < b and a < e for a, b in agreement_spans):
                continue  # "the joint action plan" names the agreement, not a measure in it
            if any(r.pattern.search(text[start:s]) for r in target_rules):
                continue
            matches.append((s, e, concept))
    kept = []
    for s, e, concept in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        if not any(s < b and a < e for a, b, _ in kept):
            kept.append((s, e, concept))
    broader = _broader_closure(lexicon.pledge_types)
    def near(a, b):  # at most three words between two matches
        first, second = sorted((a, b), key=lambda m: m[0])
        gap = [w for w in clause_words if first[1] <= w.start and w.end <= second[0]]
        return len(gap) <= 3
    specific = [m for m in kept if not any(m[2].iri in broader[o[2].iri] and near(m, o) for o in kept)]
    return list(dict.fromkeys(c for _, _, c in sorted(specific, key=lambda m: m[0])))
