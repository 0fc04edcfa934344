"""The names of what the rules mint: one rdfs:label per pack language, from each pack's templates.

A node the rules mint (an agreement named by its date, a funding, the article's rule mapping)
is named in every language that has a pack, whatever the article's language: the English
article's agreement is also named in French, so that a French page shows a French name. The
templates are the packs' (`labels` in pack.yaml); dates are written in each pack's locale.
A label that needs a word the lexicon lacks in a language (a measure with no prefLabel in it)
is left out for that language rather than borrowed from another.
"""

import string
from datetime import date

from .. import iris
from .lexicon import Concept, in_language_of
from .records import Event


class _Formatter(string.Formatter):
    """`{date:d MMMM y}` is a CLDR date pattern, written in the pack's locale."""

    def __init__(self, locale):
        self.locale = locale

    def format_field(self, value, format_spec):
        if isinstance(value, date):
            return self.locale.format_date(value, format_spec)
        return super().format_field(value, format_spec)


def _fill(pack, template: str, **parts) -> str:
    return _Formatter(pack.locale).format(template, **parts)


def each(packs: dict, key: str, **parts) -> dict:
    """language -> the `key` template of that pack filled with `parts` (the same in every language)."""
    return {lang: _fill(pack, pack.labels[key], **parts) for lang, pack in packs.items()}


def event(packs: dict, found: Event) -> dict:
    """A meeting or agreement: the known event's label in a language it has one, else named by
    its date as far as it is known, whichever words printed it (one occasion, one label across
    articles); by the words themselves when they fix no year."""
    labels = {}
    for lang, pack in packs.items():
        known = in_language_of(found.known_labels, lang)
        if known is not None:
            labels[lang] = known
            continue
        templates, words = pack.labels["event"], pack.labels["event-types"][found.type]
        # Named by the date its IRI holds: a known event by its own day, however little of it
        # the article prints ("in July" for the agreement of 20 July 2021).
        year, month, day = iris.event_parts(found.iri)[0] or found.key or (None, None, None)
        if year:
            precision = "day" if month and day else "month" if month else "year"
            labels[lang] = _fill(pack, templates[precision], type=words, date=date(year, month or 1, day or 1))
        elif found.date is not None:
            labels[lang] = _fill(pack, templates["undated"], type=words, words=" ".join(found.date.text.split()))
        else:
            labels[lang] = _fill(pack, templates["not-printed"], type=words)
    return labels


def statistic(packs: dict, measure: Concept, words: str) -> dict:
    return {lang: _fill(pack, pack.labels["statistic"], measure=name, words=words)
            for lang, pack in packs.items() if (name := measure.pref_label(lang)) is not None}


def pledge(packs: dict, pledge_type: Concept, agreement: Event) -> dict:
    return {lang: _fill(pack, pack.labels["pledge"], type=name, agreement=agreement.labels[lang])
            for lang, pack in packs.items()
            if (name := pledge_type.pref_label(lang)) is not None and lang in agreement.labels}
