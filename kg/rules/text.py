"""Cutting an article into paragraphs and sentences, keeping offsets into the original text.

Two layouts occur in news copy: one paragraph per line (web pages), and text hard-wrapped at a
fixed width (press releases pasted from e-mail or PDF), where a line break is usually not a
paragraph break. We detect the second by its many long lines that stop mid-sentence.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])(?:\s|$)")


@lru_cache(maxsize=8)
def _breaks(marks) -> tuple[re.Pattern, re.Pattern]:
    """Where a line ends a sentence (closing punctuation or quotation mark), and where a
    sentence ends inside a paragraph: at . ! or ? (and any closing quotation mark) before white
    space and a capital, digit, currency sign or opening quotation mark (and the space some
    languages print inside it: "« Chaque"). `marks`: the pack's."""
    opening, closing = marks.one_of(marks.opening), marks.one_of(marks.closing)
    return (re.compile(rf"(?:[.!?:;]|{closing})\s*$"),
            re.compile(rf"(?<=[.!?]){closing}*\s+(?=(?:{opening}[ \u00a0\u202f]?)?[A-Z0-9£€$\u00C0-\u00DE])"))


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str       # the article's text[start:end], unfolded
    paragraph: int  # index of the paragraph it belongs to

    def offset(self, index_in_sentence: int) -> int:
        return self.start + index_in_sentence


def _lines(text: str) -> list[Span]:
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append(Span(position, position + len(line)))
        position += len(line) + 1
    return spans


def _is_hard_wrapped(text: str, lines: list[Span], sentence_end: re.Pattern) -> bool:
    long_lines = [text[l.start:l.end].rstrip() for l in lines if l.end - l.start >= 40]
    if len(long_lines) < 5 or max(len(line) for line in long_lines) > 100:
        return False
    unfinished = sum(1 for line in long_lines if not sentence_end.search(line))
    return unfinished / len(long_lines) >= 0.5


def paragraphs(text: str, marks) -> list[Span]:
    """Paragraph spans, stripped of surrounding white space; blank lines never belong to one."""
    sentence_end = _breaks(marks)[0]
    lines = [l for l in _lines(text)]
    wrapped = _is_hard_wrapped(text, lines, sentence_end)
    widths = sorted(l.end - l.start for l in lines if l.end > l.start)
    wrap_width = widths[int(len(widths) * 0.9)] if widths else 0
    result, current = [], None
    for line in lines:
        content = text[line.start:line.end]
        if not content.strip():
            current = _close(result, current)
            continue
        starts_new = current is None or not wrapped or _BULLET.match(content)
        if starts_new:
            current = _close(result, current)
            current = Span(line.start, line.end)
        else:
            current = Span(current.start, line.end)
        ends_here = (not wrapped or sentence_end.search(content)
                     or len(content.rstrip()) < 0.6 * wrap_width or content.strip() in "-•*–")
        if ends_here:
            current = _close(result, current)
    _close(result, current)
    return [_strip(text, span) for span in result if text[span.start:span.end].strip()]


def _close(result: list, current: Span | None) -> None:
    if current is not None:
        result.append(current)
    return None


def _strip(text: str, span: Span) -> Span:
    chunk = text[span.start:span.end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    return Span(span.start + left, span.start + right)


def sentences(text: str, marks, skip: list[Span] = (), abbreviations: tuple[str, ...] = ()) -> list[Sentence]:
    """Sentences of every paragraph that does not overlap a span in `skip` (headers, boilerplate);
    `marks` are the pack's quotation marks (loader.Marks)."""
    result = []
    sentence_break = _breaks(marks)[1]
    for index, para in enumerate(paragraphs(text, marks)):
        if any(s.start < para.end and para.start < s.end for s in skip):
            continue
        start = para.start
        for match in sentence_break.finditer(text, para.start, para.end):
            before = text[start:match.start()]
            if _ends_with_abbreviation(before, abbreviations):
                continue
            result.append(Sentence(start, match.start(), text[start:match.start()], index))
            start = match.end()
        if start < para.end:
            result.append(Sentence(start, para.end, text[start:para.end], index))
    return [s for s in result if s.text.strip(" -•*–")]


def _ends_with_abbreviation(before: str, abbreviations: tuple[str, ...]) -> bool:
    words = before.rstrip(".").split()
    return bool(words) and words[-1] in abbreviations


def overlaps(start: int, end: int, spans) -> bool:
    """Whether the characters from start to end overlap any of the (start, end) spans."""
    return any(start < e and s < end for s, e in spans)
