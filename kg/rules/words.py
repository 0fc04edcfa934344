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


def find_label(label: tuple[str, ...], text_words: list[Word]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of text_words where the label's stems occur in order."""
    n = len(label)
    return [(i, i + n) for i in range(len(text_words) - n + 1)
            if tuple(w.stem for w in text_words[i:i + n]) == label]
