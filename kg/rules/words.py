"""Words and crude stems, so that a lexicon label matches the inflected words of a text."""

import re
from dataclasses import dataclass
from functools import lru_cache

# Apostrophes inside a word ("Britain's", "don’t") belong to it; quotation marks around it
# ("'unviable'") do not.
_WORD = re.compile(r"[\w%]+(?:['’][\w%]+)*")


class Stemmer:
    """A pack's crude stemmer (common.yaml, `stemming`): a possessive ending dropped, then
    suffixes (the first listed that fits, again and again) while at least `min_stem` letters remain. Crude on purpose:
    it only has to make a label and a text agree, never to be a word."""

    def __init__(self, suffixes: list[str], min_stem: int, possessive: str):
        self.suffixes, self.min_stem = tuple(suffixes), min_stem
        self.possessive = re.compile(possessive)

    def stem(self, word: str) -> str:
        """'preventing', 'prevented', 'prevents' -> 'prevent'; 'crossings' -> 'cross' (en)."""
        word = self.possessive.sub("", word.lower().replace("’", "'"))
        changed = True
        while changed:
            changed = False
            for suffix in self.suffixes:
                if word.endswith(suffix) and len(word) - len(suffix) >= self.min_stem:
                    word, changed = word[: -len(suffix)], True
                    break
        return word


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    stem: str


def words(text: str, stemmer: Stemmer, offset: int = 0) -> list[Word]:
    return [Word(m.start() + offset, m.end() + offset, stemmer.stem(m.group())) for m in _WORD.finditer(text)]


def label_stems(label: str, stemmer: Stemmer) -> tuple[str, ...]:
    return tuple(w.stem for w in words(label, stemmer))


def find_label(label: tuple[str, ...], text_words: list[Word], gaps: int = 0) -> list[tuple[int, int, int]]:
    """(i, j, skipped): text_words[i:j] hold the label's stems in order with `skipped` other
    words between them, at most `gaps` ("extra French officers" for "extra officers")."""
    found = []
    for i, word in enumerate(text_words):
        if word.stem != label[0]:
            continue
        j, k, skipped = i + 1, 1, 0
        while k < len(label) and j < len(text_words) and skipped <= gaps:
            if text_words[j].stem == label[k]:
                k += 1
            else:
                skipped += 1
            j += 1
        if k == len(label) and skipped <= gaps:
            found.append((i, j, skipped))
    return found


@lru_cache(maxsize=16)
def concept_labels(concepts: tuple, stemmer: Stemmer) -> list:
    """(label stems, concept) for every label of the concepts (SKOS, with .labels)."""
    return [(label_stems(label, stemmer), concept) for concept in concepts for label in concept.labels
            if label_stems(label, stemmer)]


def find_concepts(text: str, start: int, end: int, concepts: tuple, stemmer: Stemmer) -> list[tuple[int, int, object]]:
    """Concepts named in text[start:end]: (start, end, concept) in text order; where labels
    overlap the longest wins."""
    text_words = words(text[start:end], stemmer, start)
    matches = []
    for label, concept in concept_labels(concepts, stemmer):
        for i, j, _ in find_label(label, text_words):
            matches.append((text_words[i].start, text_words[j - 1].end, concept))
    kept = []
    for s, e, concept in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        if not any(s < b and a < e for a, b, _ in kept):
            kept.append((s, e, concept))
    return sorted(kept, key=lambda m: m[0])
