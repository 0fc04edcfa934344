"""A small SPARQL lexer: what the server must know about a query before it runs it.

pyoxigraph parses the query properly; this only needs to find, cheaply and conservatively,
the query form (to negotiate the response format), the keywords we refuse (SERVICE makes
pyoxigraph open an HTTP connection to any address; update keywords), and a normal form for
the cache key. Tokens follow the SPARQL 1.1 grammar, section 19.8: strings,
IRIs and comments are recognised first, so a keyword inside them is not a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             | '''(?:[^'\\]|\\.|'(?!''))*'''
             | "(?:[^"\\\n\r]|\\.)*"
             | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<word>[\w:%\\](?:[\w\-.:%\\\u00B7]*[\w\-:%\\\u00B7])?)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# White space next to these never changes a query's meaning; around "." it can (".5").
_LOOSE = set("{}()[];,")
QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@dataclass(frozen=True)
class QueryInfo:
    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, or None when not found
    is_update: bool
    uses_service: bool
    normalised: str


def analyse(text: str) -> QueryInfo:
    """Lex `text` once. Unclosed strings fall through to `other` tokens: pyoxigraph rejects them."""
    parts: list[str] = []
    spaced = False  # white space (or a comment) before the next token
    form = None
    first_keyword = None
    service = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "ws" or kind == "comment":
            # A comment ends at a line break: dropping it with its text keeps the tokens apart.
            spaced = True
            continue
        if spaced and parts and parts[-1] not in _LOOSE and value not in _LOOSE:
            parts.append(" ")
        spaced = False
        parts.append(value)
        if kind != "word" or ":" in value:
            continue  # prefixed names (ex:service) are not keywords
        word = value.upper()
        if word in ("BASE", "PREFIX"):
            continue
        if first_keyword is None:
            first_keyword = word
        if form is None and word in QUERY_FORMS:
            form = word
        if word == "SERVICE":
            service = True
    return QueryInfo(
        form=form,
        is_update=first_keyword in UPDATE_WORDS,
        uses_service=service,
        normalised="".join(parts),
    )
