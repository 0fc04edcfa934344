"""Article metadata: headline and publication date from the first lines of the page.

The publication date is what anchors every relative date in the article ("yesterday evening"),
so it is read only from a line that is nothing but a dateline; a date inside body text is an
event date, not the publication date. When the page prints none, the publication day that the
external graph records for the article (with its source) anchors the relative dates instead;
it is never written as the article's dcterms:issued, which says what the page prints.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from .loader import Rules
from .text import Span


@dataclass(frozen=True)
class Found:
    """A piece of the article the rules matched: value, where, and which rule (None: where it is
    not in the text, or no rule read it)."""
    value: object
    span: Span | None
    rule: str | None


@dataclass(frozen=True)
class Metadata:
    title: Found | None
    issued: Found | None          # value: date or datetime, as printed
    furniture: tuple[Span, ...]   # header and boilerplate lines: not body text

    @property
    def anchor(self) -> date | None:
        """The publication day, against which relative dates are resolved."""
        if self.issued is None:
            return None
        value = self.issued.value
        return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class Anchor:
    """The day relative dates are resolved against, and the rule that says where it came from."""
    day: date | None
    rule: str | None   # "date-published-line" (printed) or "date-anchor-external"; None without a day

    @property
    def external(self) -> bool:
        return self.rule == EXTERNAL_ANCHOR_RULE


EXTERNAL_ANCHOR_RULE = "date-anchor-external"


def anchor_of(meta: Metadata, external_day: date | None, rules: Rules) -> Anchor:
    """The printed publication day, else the one known from the external graph, else none."""
    if meta.anchor is not None:
        return Anchor(meta.anchor, meta.issued.rule)
    if external_day is not None:
        return Anchor(external_day, rules["metadata"].rule(EXTERNAL_ANCHOR_RULE).id)
    return Anchor(None, None)


def read_metadata(text: str, rules: Rules) -> Metadata:
    family = rules["metadata"]
    lines = _nonblank_lines(text)
    header = lines[: family.tables.get("header-lines", 6)]
    title = issued = None
    furniture = []
    for index, span in enumerate(header):
        line = text[span.start:span.end]
        if issued is None and (found := _dateline(text, span, family, rules.locale)) is not None:
            issued = found
            furniture.append(span)
            continue
        if family.rule("date-updated-line").pattern.match(line) or family.rule("byline-line").pattern.match(line):
            furniture.append(span)
            continue
        if index == 0:
            title = _title(line, span, family)
            if title is not None:
                furniture.append(span)
    boilerplate = family.rule("boilerplate-line").pattern
    furniture += [span for span in lines if boilerplate.match(text[span.start:span.end])]
    claim_label = family.rule("claim-label-line").pattern
    furniture += [span for label, span in zip(lines, lines[1:]) if claim_label.match(text[label.start:label.end])]
    furniture += [span for span in lines if claim_label.match(text[span.start:span.end])]
    return Metadata(title, issued, tuple(furniture))


def _dateline(text: str, span: Span, family, locale) -> Found | None:
    """The publication date of a dateline, or of the part of it that is not an update: a line
    "Updated 17:05, 4 Dec 2023 | Published 16:20, 4 Dec 2023" is read part by part, split at the
    pack's `dateline-separators`; the whole line first, so that a separator inside a dateline
    ("14 November 2022 • 7:00am") keeps its time."""
    published, updated = family.rule("date-published-line").pattern, family.rule("date-updated-line").pattern
    separators = "".join(re.escape(c) for c in family.tables["dateline-separators"])
    parts = [span] + [Span(span.start + m.start(), span.start + m.end())
                      for m in re.finditer(rf"[^{separators}]+", text[span.start:span.end])]
    for part in parts:
        line = text[part.start:part.end]
        if updated.match(line) or not (match := published.match(line)):
            continue
        value = locale.parse_dateline(match.group("date"))
        if value is not None:
            return Found(value, Span(part.start + match.start("date"), part.start + match.end("date")), "date-published-line")
    return None


def _title(line: str, span: Span, family) -> Found | None:
    limits = family.tables.get("title", {})
    for rule_id in ("title-markdown-heading", "title-first-line"):
        match = family.rule(rule_id).pattern.match(line)
        if match and limits.get("min-length", 0) <= len(match.group("title")) <= limits.get("max-length", 10**6):
            return Found(match.group("title"), Span(span.start + match.start("title"), span.start + match.end("title")), rule_id)
    return None


def _nonblank_lines(text: str) -> list[Span]:
    spans, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append(Span(position, position + len(line)))
        position += len(line) + 1
    return spans


def without_pack(article) -> Metadata:
    """What is read of an article in a language with no pack: its headline only, the sidecar's
    title (kg add), else its first line; no rule reads it, so it names none."""
    title = (article.sidecar.get("title") or "").strip()
    first = next(iter(_nonblank_lines(article.text)), None)
    if first is not None and (not title or title == article.text[first.start:first.end].strip()):
        line = article.text[first.start:first.end]
        start = first.start + len(line) - len(line.lstrip())
        return Metadata(Found(line.strip(), Span(start, start + len(line.strip())), None), None, ())
    return Metadata(Found(title, None, None) if title else None, None, ())
