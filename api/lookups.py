"""Which queries the web process may answer itself, without a worker.

A worker costs a round trip to another process, which is most of the time a small query takes.
But only a worker can be killed at the time limit (api/executor.py), so the web process runs
only queries whose work is bounded by the size of their answer, and gives the answer a small
budget: past the budget it gives up and hands the query to a worker. Those queries are

- `DESCRIBE` of IRIs (no WHERE): each triple the engine reads about them is written out;
- `SELECT` (`*` or variables) or `ASK` over one triple pattern, optionally with `LIMIT n`:
  the engine reads the pattern's matches from an index and writes each one;
- either of those with one inline `VALUES` block of terms (at least one row): pyoxigraph
  substitutes each row into the pattern before the index lookup (measured on a million
  triples: as fast as the pattern alone), and a query has at most a couple of hundred tokens.

Anything else is refused here, including what could make the engine read without writing:
FILTER, DISTINCT, OFFSET, ORDER BY, aggregates, joins of patterns, paths, GRAPH, FROM, BASE, a
variable used twice in the pattern (`?x ?p ?x` scans every triple), and blank nodes.
The decision works on the lexer's tokens (kg/querytext.py), which never mistake a keyword
inside a string, IRI or comment for a keyword.
"""

from __future__ import annotations

from dataclasses import replace

from .engine import run_job
from .jobs import Job, Outcome

Token = tuple[str, str]  # (kind, text) as kg/querytext.py lexes it

LOOKUP_BYTES = 64 * 1024  # the answer budget: a few milliseconds of work at most


class _Refused(Exception):
    pass


class _Tokens:
    """A cursor over the tokens; each `expect…` refuses (raises) on anything unexpected."""

    def __init__(self, tokens: tuple[Token, ...]):
        self.tokens, self.at = tokens, 0

    def peek(self) -> Token:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self) -> Token:
        token = self.peek()
        self.at += 1
        return token

    def accept(self, text: str) -> bool:
        """Take the next token if it is the keyword or punctuation `text`."""
        kind, value = self.peek()
        if (kind == "word" and value.upper() == text) or (kind == "other" and value == text):
            self.at += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            raise _Refused


def is_bounded_lookup(tokens: tuple[Token, ...] | None) -> bool:
    if not tokens:
        return False
    cursor = _Tokens(tokens)
    try:
        _prefixes(cursor)
        if cursor.accept("DESCRIBE"):
            _describe(cursor)
        elif cursor.accept("SELECT"):
            _select(cursor)
        else:
            cursor.expect("ASK")
            _group(cursor)
        return cursor.peek()[0] == "end"
    except _Refused:
        return False


def _prefixes(cursor: _Tokens) -> None:
    while cursor.accept("PREFIX"):
        kind, name = cursor.take()
        if kind != "word" or not name.endswith(":") or cursor.take()[0] != "iri":
            raise _Refused


def _describe(cursor: _Tokens) -> None:
    """DESCRIBE IRIs, with at most a WHERE group of one VALUES block."""
    if not _is_iri(cursor.take()):
        raise _Refused
    while _is_iri(cursor.peek()):
        cursor.take()
    if cursor.peek()[0] == "end":
        return
    cursor.accept("WHERE")
    cursor.expect("{")
    if not _values(cursor):
        raise _Refused
    cursor.expect("}")


def _select(cursor: _Tokens) -> None:
    if not cursor.accept("*"):
        if cursor.take()[0] != "var":
            raise _Refused
        while cursor.peek()[0] == "var":
            cursor.take()
    _group(cursor)
    if cursor.accept("LIMIT") and not cursor.take()[1].isdigit():
        raise _Refused


def _group(cursor: _Tokens) -> None:
    """[WHERE] { [VALUES block] pattern [.] [VALUES block] }"""
    cursor.accept("WHERE")
    cursor.expect("{")
    values_first = _values(cursor)
    _triple_pattern(cursor)
    cursor.accept(".")
    if not values_first:
        _values(cursor)
    cursor.expect("}")


def _triple_pattern(cursor: _Tokens) -> None:
    subject, predicate = cursor.take(), cursor.take()
    if not (subject[0] == "var" or _is_iri(subject)):
        raise _Refused
    if not (predicate[0] == "var" or _is_iri(predicate) or predicate == ("word", "a")):
        raise _Refused
    obj = cursor.peek()
    if obj[0] == "var":
        cursor.take()
    else:
        _term(cursor)
    variables = [t[1][1:] for t in (subject, predicate, obj) if t[0] == "var"]
    if len(variables) != len(set(variables)):  # ?x and $x are one variable
        raise _Refused


def _values(cursor: _Tokens) -> bool:
    """An optional VALUES ?v { terms } or VALUES (?a ?b) { (terms) ... }, with at least one
    row (an empty table would make the engine read the pattern for nothing); True if present."""
    if not cursor.accept("VALUES"):
        return False
    if cursor.peek()[0] == "var":
        cursor.take()
        cursor.expect("{")
        rows = 0
        while not cursor.accept("}"):
            _term_or_undef(cursor)
            rows += 1
    else:
        cursor.expect("(")
        width = 0
        while cursor.peek()[0] == "var":
            cursor.take()
            width += 1
        cursor.expect(")")
        cursor.expect("{")
        rows = 0
        while not cursor.accept("}"):
            cursor.expect("(")
            for _ in range(width):
                _term_or_undef(cursor)
            cursor.expect(")")
            rows += 1
    if rows == 0:
        raise _Refused
    return True


def _term_or_undef(cursor: _Tokens) -> None:
    if not cursor.accept("UNDEF"):
        _term(cursor)


def _term(cursor: _Tokens) -> None:
    """An IRI or a literal: a string (with a language tag or datatype), number or boolean."""
    kind, text = cursor.take()
    if _is_iri((kind, text)) or (kind == "word" and (text[0].isdigit() or text in ("true", "false"))):
        return
    if kind != "string":
        raise _Refused
    if cursor.accept("@"):
        if cursor.take()[0] != "word":
            raise _Refused
    elif cursor.accept("^"):
        cursor.expect("^")
        if not _is_iri(cursor.take()):
            raise _Refused


def _is_iri(token: Token) -> bool:
    kind, text = token
    return kind == "iri" or (kind == "word" and ":" in text and not text.startswith("_:"))


def answer_here(store, job: Job) -> Outcome | None:
    """The outcome of a bounded lookup run in this process, or None when its answer would
    pass the budget (the caller then asks a worker, which has the full result limit)."""
    try:
        outcome = run_job(store, replace(job, max_bytes=min(job.max_bytes, LOOKUP_BYTES)))
    except Exception:  # e.g. an on-disk store that failed to read: a worker reports it properly
        return None
    return None if outcome.status == "too_large" else outcome
