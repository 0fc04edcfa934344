"""How a person's printed name is read: given names, honorific titles, and clean-up.

A bare full name, with no title or office beside it ("Boris Johnson"), is a person's when its
first word is a given name. "Sir Keir" titles a first name, "Mr Starmer" a surname. Title
words caught at either end of a name and a possessive are dropped.
"""

import re
from functools import cache
from importlib import resources

from .lexicon import fold_name


def given_name_opens(printed: str, tables: dict) -> bool:
    """Whether a bare full name is a person's by its first word: a given name, with no word a
    not-name ("Henry Street", "Since January"); a hyphenated first word by its first part."""
    words = printed.split()
    refused = set(tables.get("not-names", [])) | set(tables.get("not-given-names", []))
    if any(w in refused for w in words):
        return False
    first = fold_name(words[0])
    return first in given_names() or first.split(" ")[0] in given_names()


@cache
def given_names() -> frozenset[str]:
    """Given names, folded, from gender-guesser's dictionary (Jörg Michael's nam_dict.txt: some
    48,000 first names of many countries). Read once; only the names, never their genders."""
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    names = set()
    for line in text.splitlines():
        if line[:1] not in ("#", "=", "") and len(fields := line.split()) > 1:
            names.add(fold_name(fields[1].replace("+", " ")))  # "Abd+Allah": Abd Allah, Abd-Allah
            names.add(fold_name(fields[1].replace("+", "")))   # and Abdallah
    return frozenset(names)


def clean_name(printed: str, tables: dict) -> str | None:
    """Drop title words caught at either end (`not-names`) and a possessive (`possessive`:
    "Boris Johnson’s letter"); repair shift-key typos ("RIshi" -> "Rishi")."""
    not_names = tables["not-names"]
    words = re.sub(tables["possessive"], "", printed).split()
    while words and words[-1] in not_names:
        words.pop()
    if len(words) < 2 or words[0] in not_names:
        return None
    return " ".join(w[0] + w[1:].lower() if len(w) > 2 and w[:2].isupper() and w[2:].islower() else w
                    for w in words)


def first_name_title(printed: str | None, tables: dict) -> bool:
    """Whether a title goes before a first name ("Sir Keir"), not a surname ("Mr Starmer")."""
    return bool(printed) and any(row.get("first-name") and printed in row["match"]
                                 for row in tables["honorifics"].values())
