"""A small SPARQL lexer: what the server must know about a query before it runs it.

pyoxigraph parses the query properly; this only needs to find, cheaply and conservatively,
the query form (to negotiate the response format), the keywords we refuse (SERVICE makes
pyoxigraph open an HTTP connection to any address; update keywords), how big and deep the
query is (pyoxigraph parses and evaluates recursively: a few thousand nested groups or a few
thousand chained operators overflow its stack and kill the process), and a normal form for the
cache key. Tokens follow the SPARQL 1.1 grammar, section 19.8: strings, IRIs and comments are
recognised first, so a keyword inside them is not a keyword.

Two rules keep it safe against text crafted to be read one way here and another by the engine
(tests/test_hardening_queries.py runs both on such text):

- Never see a string, IRI or comment where the engine does not: IRIs may hold \\u escapes,
  prefixed names may hold \\# and \\' escapes (PN_LOCAL_ESC), and an unclosed string swallows
  the rest of the text only because the engine refuses such a query anyway.
- pyoxigraph matches keywords without word boundaries (`1SERVICE <x> {}` and `{} SERVICE:a {}`
  are SERVICE calls), so any run of word characters that contains SERVICE counts, unless it is
  a well-formed prefixed name, which the engine reads whole; one that starts with SERVICE and is
  followed by `{` counts as well (`service:a {` is SERVICE with the IRI `:a`).

Every pattern runs in linear time (possessive quantifiers), so no text makes the lexer itself slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*+)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*+\"\"\"
             | '''(?:[^'\\]|\\.|'(?!''))*+'''
             | "(?:[^"\\\n\r]|\\.)*+"
             | '(?:[^'\\\n\r]|\\.)*+')
  | (?P<unclosed>["'].*)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*+>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]++)
  | (?P<word>(?:[\w:%]|{_PLX})(?:(?:[\w\-.:%\u00B7]|{_PLX})*(?:[\w\-:%\u00B7]|{_PLX}))?)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# SPARQL 1.1 grammar [164]-[172]: a prefixed name, which the engine reads as one token.
_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_CHARS = _BASE + r"_\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PNAME = re.compile(
    rf"(?:[{_BASE}](?:[{_CHARS}.]*+(?<!\.))?)?:"
    rf"(?:(?:[{_BASE}_:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*+(?<!\.))?)?"
)

# White space next to these never changes a query's meaning; around "." it can (".5").
_LOOSE = set("{}()[];,")
QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_OPEN, _CLOSE = set("{(["), set("})]")
_STRUCTURE_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "EXISTS"}

# Far below what overflows a query worker (api/worker.py runs queries on a 256 MB stack; at
# 8 MB pyoxigraph fails near 2,000 nested groups or 6,000 chained UNIONs or `+`), far above any
# query written by hand: the named queries use at most a few hundred operators and depth 6.
MAX_DEPTH = 100
MAX_OPERATORS = 10_000
MAX_KEPT_TOKENS = 200  # tokens kept for api/lookups.py; a longer query is no lookup


@dataclass(frozen=True)
class QueryInfo:
    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, or None when not found
    is_update: bool
    uses_service: bool
    normalised: str
    depth: int = 0  # deepest nesting of { ( [
    operators: int = 0  # punctuation, operators and pattern keywords outside VALUES data
    tokens: tuple[tuple[str, str], ...] | None = None  # (kind, text) without white space; None if long

    @property
    def too_complex(self) -> str | None:
        """Why the query is refused before it runs, or None."""
        if self.depth > MAX_DEPTH:
            return (f"the query nests brackets {self.depth} deep; the limit is {MAX_DEPTH} "
                    "(flatten the groups or split the query)")
        if self.operators > MAX_OPERATORS:
            return (f"the query has {self.operators:,} operators and patterns; the limit is "
                    f"{MAX_OPERATORS:,} (use VALUES for long lists of terms, or split the query)")
        return None


def _hides_service(word: str) -> bool:
    upper = word.upper()
    return "SERVICE" in upper and not (":" in word and _PNAME.fullmatch(word))


def analyse(text: str) -> QueryInfo:
    """Lex `text` once, in time linear in its length."""
    parts: list[str] = []
    tokens: list[tuple[str, str]] = []
    spaced = False  # white space (or a comment) before the next token
    form = None
    first_keyword = None
    service = False
    service_if_group = False  # the previous token was a prefixed name starting with SERVICE
    depth = max_depth = 0
    operators = 0
    values_state = 0  # 1: after VALUES, before its `{`; 2: inside its data block
    values_depth = 0
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
        if len(tokens) <= MAX_KEPT_TOKENS:
            tokens.append((kind, value))
        if service_if_group and value == "{":
            service = True
        service_if_group = False
        if values_state == 1 and not (kind == "var" or value in "(){"):
            values_state = 0  # not a data block after all: count on
        if kind == "other":
            if values_state == 2:
                if value == "}" and depth == values_depth:
                    values_state = 0
                    depth -= 1
                continue  # a VALUES table is flat: rows of terms
            if value in _OPEN:
                depth += 1
                max_depth = max(max_depth, depth)
                if values_state == 1 and value == "{":
                    values_state, values_depth = 2, depth
            elif value in _CLOSE:
                depth = max(depth - 1, 0)
            operators += 1
            continue
        if kind != "word":
            continue
        if _hides_service(value):
            service = True
        word = value.upper()
        if ":" in value:
            service_if_group = word.startswith("SERVICE")
            continue  # other prefixed names (ex:service) are not keywords
        if values_state == 2:
            continue
        if word in _STRUCTURE_WORDS:
            operators += 1
        if word == "VALUES":
            values_state = 1
        if word in ("BASE", "PREFIX"):
            continue
        if first_keyword is None:
            first_keyword = word
        if form is None and word in QUERY_FORMS:
            form = word
    return QueryInfo(
        form=form,
        is_update=first_keyword in UPDATE_WORDS,
        uses_service=service,
        normalised="".join(parts),
        depth=max_depth,
        operators=operators,
        tokens=tuple(tokens) if len(tokens) <= MAX_KEPT_TOKENS else None,
    )


def prefixed_names(text: str) -> list[tuple[str, str, int]]:
    """(prefix, prefixed name, offset) of every prefixed name in `text`, outside strings, IRIs
    and comments; blank node labels (_:b) are not prefixed names."""
    found = []
    for match in _TOKEN.finditer(text):
        value = match.group()
        if match.lastgroup == "word" and ":" in value and not value.startswith("_:") and _PNAME.fullmatch(value):
            found.append((value.split(":", 1)[0], value, match.start()))
    return found


def outer_group_start(text: str) -> int | None:
    """The offset just inside the `{` that opens the query's outermost WHERE group (the keyword
    WHERE at depth 0, then `{`), or None when there is no such keyword: where a named query's
    bound parameters go as VALUES (kg.named_queries)."""
    depth, after_where = 0, False
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind in ("ws", "comment"):
            continue
        if after_where:
            return match.end() if value == "{" else None
        if kind == "other" and value in _OPEN:
            depth += 1
        elif kind == "other" and value in _CLOSE:
            depth -= 1
        elif kind == "word" and depth == 0 and value.upper() == "WHERE":
            after_where = True
    return None


def with_values(text: str, bound: dict[str, str]) -> str | None:
    """`text` with the bound terms ({variable: N-Triples term}, from `NamedQuery.bind`) as a VALUES
    row at the start of its outermost WHERE group; None when it has no WHERE keyword."""
    at = outer_group_start(text) if bound else None
    if at is None:
        return None
    names = " ".join(f"?{name}" for name in bound)
    terms = " ".join(bound.values())
    return f"{text[:at]} VALUES ({names}) {{ ({terms}) }}{text[at:]}"
