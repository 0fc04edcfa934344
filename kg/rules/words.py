"""Words and crude stems, so that a lexicon label matches the inflected words of a text."""

import re
from dataclasses import dataclass

_WORD = re.compile(r"[\w’'%]+")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    stem: str


def stem(word: str) -> str:
    """'preventing', 'prevented', 'prevents' -> 'prevent'; 'crossings' -> 'cross'. Crude on purpose:
    it only has to make a label and a text agree, never to be a word."""
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s?$", "", word)
    changed = True
    while changed:
        changed = False
        for suffix in ("ing", "ed", "es", "s", "e"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word, changed = word[: -len(suffix)], True
                break
    return word


def words(text: str, offset: int = 0) -> list[Word]:
    return [Word(m.start() + offset, m.end() + offset, stem(m.group())) for m in _WORD.finditer(text)]


def label_stems(label: str) -> tuple[str, ...]:
    return tuple(w.stem for w in words(label))


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
