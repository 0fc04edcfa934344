"""Named queries: `queries/{name}.rq` files with a header, and safe parameter binding.

Header lines at the top of the file:

    # title: Repeated pledges
    # description: Pledge types made in two or more distinct agreements.
    # param: node — the IRI of any stated node

A parameter is a variable of the query (`?node`). A value is turned into one RDF term, checked,
and written by pyoxigraph (an IRI it accepts, a literal it escapes), so it can never change the
query's meaning. A parameter whose meaning mentions an IRI takes an absolute IRI (or a prefixed
name with one of the project's prefixes, `pt:drones`); any other takes a string literal.

The terms are bound twice over, by `bound_query`: as pyoxigraph's `substitutions`, which give the
variable its value everywhere in the query, nested groups and subqueries too (the SPARQL meaning
of a bound parameter), and as one row of `VALUES` at the start of the outermost WHERE group
(`kg.querytext.with_values`), where the engine plans the query knowing them. Substitutions alone
bind only after planning: the plan then starts from every statistic rather than from the
organisation asked about (cited-statistics: 0.28 s instead of 2 ms at 1,000 articles;
bench/README.md). VALUES alone is not the same query: a group evaluated on its own (an OPTIONAL
inside a nested group) never sees it, and `lang` would choose no label there. pyoxigraph binds
only variables the query selects, so a named query selects each of its parameters
(tests/test_named_queries.py checks it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .namespaces import PREFIXES
from .querytext import with_values

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_PARAM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:—|–|--|-|:)\s*(.*)")
# RFC 3987 in short: a scheme, a colon, then none of the characters an IRI may not hold.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]+")
_CURIE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):([^\x00-\x20<>\"{}|^`\\]*)")


def is_absolute_iri(text: str) -> bool:
    return len(text) <= 4096 and bool(_ABSOLUTE_IRI.fullmatch(text))


@dataclass(frozen=True)
class Param:
    name: str
    meaning: str

    @property
    def is_iri(self) -> bool:
        return "IRI" in self.meaning


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = field(default=None, compare=False)

    def bind(self, values: dict[str, str]) -> dict[str, str]:
        """{variable: N-Triples term} for the given values; ValueError names the bad one."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; {self.name} takes: "
                             + (", ".join(known) or "none"))
        return {name: _term(known[name], value) for name, value in values.items()}


def bound_query(text: str, bound: dict[str, str]) -> tuple[str, dict]:
    """(query text, substitutions) that bind `NamedQuery.bind`'s terms as the module docstring
    says: the text gains a VALUES row (when it has a WHERE keyword), the substitutions bind them."""
    if not bound:
        return text, {}
    return with_values(text, bound) or text, substitutions(bound)


def substitutions(bound: dict[str, str]) -> dict:
    """`NamedQuery.bind`'s {variable: N-Triples term} as pyoxigraph's `substitutions`."""
    return {ox.Variable(name): _parsed(term) for name, term in bound.items()}


def _parsed(term: str):
    [quad] = ox.parse(f"<urn:x:s> <urn:x:p> {term} .", format=ox.RdfFormat.N_TRIPLES)
    return quad.object


def _term(param: Param, value: str) -> str:
    if not param.is_iri:
        return str(ox.Literal(value))
    iri = expand(value.strip())
    if not is_absolute_iri(iri):
        raise ValueError(f"parameter {param.name} must be an absolute IRI (or prefixed name), not {value!r}")
    return str(ox.NamedNode(iri))


def expand(value: str) -> str:
    """'pt:drones' -> the full IRI when the prefix is one of ours; anything else unchanged."""
    match = _CURIE.fullmatch(value)
    if match and match.group(1) in PREFIXES and not value.startswith(("http:", "https:", "urn:")):
        return str(PREFIXES[match.group(1)]) + match.group(2)
    return value


def parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, colon, value = line.lstrip("#").strip().partition(":")
        key = key.strip().lower()
        if not colon:
            continue
        if key == "param":
            match = _PARAM.fullmatch(value)
            if match:
                params.append(Param(match.group(1), match.group(2).strip()))
        elif key in ("title", "description"):
            fields[key] = (fields.get(key, "") + " " + value.strip()).strip()
    return NamedQuery(path.stem, fields.get("title", path.stem), fields.get("description", ""),
                      tuple(params), text, path)


def load_all(directory: Path) -> dict[str, NamedQuery]:
    """Every queries/*.rq by name; quality checks (*-violation.rq) are not for the public list."""
    found = {}
    for path in sorted(Path(directory).glob("*.rq")):
        if _NAME.fullmatch(path.stem) and not path.stem.endswith("-violation"):
            found[path.stem] = parse(path)
    return found
