"""Pledges: clauses that commit an agreement to a measure, typed by the pledge-type scheme.

A clause commits when it says so jointly ("agreed to", "pledged", "the deal includes"), or is
reported in the future ("British staff will be placed ...") outside a quotation, or is a bullet
of a list about the agreement. Within such a clause every label of the pledge-type scheme is a
pledge, unless the words before it make it the target of the measure ("in the fight against
people-smuggling gangs"). Where a broader type and a narrower one are named a few words apart
("investment in infrastructure to increase border security"), the narrower is the pledge.

Broad types (those with narrower ones: "law enforcement", "joint cooperation", "new
technology") are words of ordinary narrative too, so they count only where the clause commits
in so many words ("agreed to", "pledged"), not in reported future or a bullet. And a goal or
broad type named after another measure through a purpose word ("intensify joint action to
tackle small boat crossings", "... with a view to permitting the use of new technology") is
what that measure is for, not a pledge of its own.
"""

from dataclasses import dataclass
from functools import lru_cache

from .events import Events
from .lexicon import Concept, Lexicon
from .loader import Rules
from .records import Event, People, Person
from .text import Sentence
from .words import concept_labels, find_label, words as words_of


@dataclass(frozen=True)
class PledgeMention:
    agreement: Event
    concept: Concept
    start: int          # the committing clause
    end: int
    rules: tuple[str, ...]


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
            explicit = commitment in {r.id for r in by_kind["commitment"]}
            for concept in _types_in(text, start, end, lexicon, events.spans, by_kind, family.tables, explicit,
                                      rules.stemmer):
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


def _types_in(text, start, end, lexicon: Lexicon, agreement_spans, by_kind, tables, explicit: bool,
              stemmer) -> list[Concept]:
    """The pledge types of a committing clause, in text order (see the module's notes)."""
    target_rules = by_kind["target-context"]
    agreement_spans = [(a, b) for a, b in agreement_spans if a < end and start < b]  # those in this clause
    clause_words = words_of(text[start:end], stemmer, start)
    matches = []  # (char start, char end, concept)
    gaps = tables.get("label-gap-words", 0)
    closed_words = {stemmer.stem(w) for w in tables["not-gap-words"]}
    for label, concept in concept_labels(lexicon.pledge_types, stemmer):
        for i, j, skipped in find_label(label, clause_words, gaps=gaps if len(label) > 1 else 0):
            if skipped and _inserted_determiner(label, clause_words[i:j], closed_words):
                continue  # "prevent these crossings" points back at something: not the label
            s, e = clause_words[i].start, clause_words[j - 1].end
            if any(s < b and a < e for a, b in agreement_spans):
                continue  # "the joint action plan" names the agreement, not a measure in it
            if any(r.pattern.search(text[start:s]) for r in target_rules):
                continue
            matches.append((s, e, concept, skipped))
    kept = []
    # Labels as printed before labels with a word inserted ("new security equipment" is
    # security equipment, not "new equipment"); then the longest.
    for s, e, concept, _ in sorted(matches, key=lambda m: (m[3] > 0, -(m[1] - m[0]), m[0])):
        if not any(s < b and a < e for a, b, _ in kept):
            kept.append((s, e, concept))
    broader = _broader_closure(lexicon.pledge_types)
    coordination = by_kind.get("coordination", [])
    def near(a, b):  # at most three words between two matches, and not two items of a list
        first, second = sorted((a, b), key=lambda m: m[0])
        gap = [w for w in clause_words if first[1] <= w.start and w.end <= second[0]]
        return len(gap) <= 3 and not any(r.pattern.search(text, first[1], second[0]) for r in coordination)
    specific = [m for m in kept if not any(m[2].iri in broader[o[2].iri] and near(m, o) for o in kept)]
    # Broad: the scheme's umbrella concepts, top concepts with narrower ones ("in general or of a
    # kind not listed under it"), not a mid-level one such as aerial surveillance.
    broad = {iri for concept in lexicon.pledge_types for iri in concept.broader
             if not next((c.broader for c in lexicon.pledge_types if c.iri == iri), ())}
    goals = set(tables.get("goal-types", []))
    purpose = by_kind.get("purpose", [])
    # The agreement named in the clause counts as a measure before the labels: "signed an
    # agreement to tackle small boat crossings" states the agreement's aim, not a pledge.
    named = [(a, b, None) for a, b in agreement_spans if start <= a and b <= end]
    ordered = sorted(specific + named, key=lambda m: m[0])
    chosen = []
    for k, (s, e, concept) in enumerate(ordered):
        if concept is None:
            continue
        is_broad, is_goal = concept.iri in broad, concept.slug in goals
        if is_broad and not explicit:
            continue  # "French law enforcement officers will ...": narrative, not a commitment
        before = ordered[k - 1] if k > 0 else None
        if before is not None and (is_goal or (is_broad and before[2] is not None)) \
                and _purpose_of(text, before, (s, e, concept), purpose + coordination, broader):
            continue
        chosen.append(concept)
    return list(dict.fromkeys(chosen))


def _inserted_determiner(label: tuple, found_words: list, closed_words: set) -> bool:
    """Whether a word inserted into a label's words is a determiner or pronoun."""
    stems = list(label)
    for word in found_words:
        if stems and word.stem == stems[0]:
            stems.pop(0)
        elif word.stem in closed_words:
            return True
    return False


def _purpose_of(text, before, label, rules, broader) -> bool:
    """`label` follows the measure (or agreement) `before` through a purpose word ("joint
    action to tackle crossings"), not across a list ("the deal was an important step and ... a
    determination to make this route unviable"), and does not just say more precisely what that
    measure is."""
    gap = text[before[1]:label[0]]
    refines = before[2] is not None and before[2].iri in broader[label[2].iri]  # "infrastructure to increase border security"
    purpose = any(r.pattern.search(gap) for r in rules if r.get("kind") == "purpose")
    listed = any(r.pattern.search(gap) for r in rules if r.get("kind") == "coordination")
    return purpose and not listed and not refines
