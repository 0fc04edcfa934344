"""A SPARQL syntax error as one sentence a person can act on.

pyoxigraph reports where parsing stopped and every token its grammar could have taken there,
Unicode ranges included: "error at 1:30: expected one of Prefix not found, ['%'], ['-' | '0'
..= '9' | '\\u{00B7}' …". This keeps the position, names an unknown prefix (with the prefixes
a query may use without declaring them), points out a "/" inside a prefixed name, and keeps
only the tokens a person would type. Pure Python, no rdflib: query workers import it.
"""

from __future__ import annotations

import re

from .querytext import prefixed_names

_POSITION = re.compile(r"error at (\d+):(\d+): expected (?:one of )?(.*)", re.DOTALL)
_ITEM = re.compile(r"""\[(?:[^\]'"]|'[^']*'|"[^"]*")*\]|"(?:[^"\\]|\\.)*"|[^,]+""")
_PNAME_BEFORE = re.compile(r"(?:([A-Za-z\u00C0-\uFFFD][\w.\-]*)?):((?:[\w.\-:%]|\\.)*)$")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z\u00C0-\uFFFD][\w.\-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_LOCAL_REST = re.compile(r"[^\s<>(){}\[\];,\"']*")
_MOST_TOKENS = 12


def explain(query: str, message: str, prefixes: dict[str, str] | None = None) -> str:
    """One sentence for pyoxigraph's SyntaxError `message` about `query`."""
    match = _POSITION.search(message)
    if not match:
        return message.strip()
    line_no, column = int(match.group(1)), int(match.group(2))
    expected = [item.strip() for item in _ITEM.findall(match.group(3)) if item.strip()]
    lines = query.split("\n")
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    before, after = line[: column - 1], line[column - 1:]
    where = f"line {line_no}, column {column}"
    known = dict(prefixes or {})
    known.update({name or "": iri for name, iri in _DECLARED.findall(query)})

    # The parser's position and list do not always name an unknown prefix (it reports the
    # alternative that got furthest), so look for one in the text itself.
    unknown = next(((prefix, written, offset) for prefix, written, offset in prefixed_names(query)
                    if prefix not in known), None)
    if unknown:
        prefix, written, offset = unknown
        at_line = query.count("\n", 0, offset) + 1
        at_column = offset - (query.rfind("\n", 0, offset) + 1) + 1
        listed = ", ".join(f"{p}:" for p in sorted(prefixes or {}))
        return (f"unknown prefix {prefix}: in {written} at line {at_line}, column {at_column}; declare it "
                f"(PREFIX {prefix}: <…>) or use one of the predeclared prefixes: {listed}")
    name = _PNAME_BEFORE.search(before)
    if after.startswith("/") and name and (name.group(1) or "") in known:
        written = name.group(0) + _LOCAL_REST.match(after).group()
        iri = known[name.group(1) or ""] + written.split(":", 1)[1]
        better = _shortest_name(iri, known)
        instead = f"{better} or <{iri}>" if better else f"<{iri}>"
        return (f"syntax error at {where}: a prefixed name cannot hold \"/\" ({written}); "
                f"write {instead}")
    notes = [item for item in expected if " " in item and not item.startswith(("[", '"'))]
    tokens = _readable(item for item in expected if item not in notes)
    if "`\\u`" in tokens and ("`\"`" in tokens or "`'`" in tokens):  # what may follow inside a string
        notes.append("a string is not closed")
    at = f'at "{after.strip()[:20]}"' if after.strip() else "at the end of the line" \
        if line_no < len(lines) else "at the end of the query"
    sentence = f"syntax error at {where}, {at}"
    if notes:
        sentence += ": " + "; ".join(notes)
    elif tokens:
        sentence += ": expected " + (tokens[0] if len(tokens) == 1 else "one of " + " ".join(tokens))
    return sentence


def _readable(items) -> list[str]:
    """The tokens of an expected-token list that a person would type, in the parser's order:
    keywords and punctuation in backticks; character classes become "a digit" or "a name";
    "any character" ([_]) goes."""
    found = []
    for item in items:
        if item == "[_]":
            continue
        if item.startswith("["):
            word = "a digit" if "'0'" in item and "'A'" not in item else "a name" if "'A'" in item else None
        elif item.startswith('"'):
            word = "`" + item[1:-1].replace('\\"', '"').replace("\\\\", "\\") + "`"
        else:
            word = f"`{item}`"
        if word and word not in found:
            found.append(word)
    return found if len(found) <= _MOST_TOKENS else found[:_MOST_TOKENS] + ["…"]


def _shortest_name(iri: str, prefixes: dict[str, str]) -> str | None:
    """A legal prefixed name for `iri` with the longest prefix that leaves no "/" in the rest."""
    fits = [(len(ns), name) for name, ns in prefixes.items()
            if iri.startswith(ns) and len(iri) > len(ns) and "/" not in iri[len(ns):]]
    if not fits:
        return None
    length, name = max(fits)
    return f"{name}:{iri[length:]}"
