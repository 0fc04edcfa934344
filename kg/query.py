"""`kg query`: run SPARQL text, a .rq file or a named query on the built graph.

The query runs on the same pyoxigraph store the API serves (kg.store), with the same rules:
the default graph is the union of the named graphs (unless the query has FROM), the project's
prefixes are predeclared, SERVICE is refused, and a named query's parameters (`--param
NAME=VALUE`) are bound by the same code as /queries/{name} (kg.named_queries).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from . import project
from .named_queries import NamedQuery, bound_query, load_all, parse
from .namespaces import PREFIXES, prefixed
from .query_errors import explain
from .store import load_store

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV}
CELL_WIDTH = 60
PREFIX_IRIS = {name: str(ns) for name, ns in PREFIXES.items()}


def resolve(query: str, queries_dir: Path | None = None) -> tuple[str, NamedQuery | None]:
    """(SPARQL text, the named query or .rq file it comes from) for a file path, a named
    query's name, or the argument itself."""
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise ValueError(f"no such query file: {query}")
        named = parse(path)
        return named.text, named
    named = load_all(queries_dir or project.QUERIES_DIR).get(query)
    if named is not None:
        return named.text, named
    return query, None


def unbound(query: str, params: dict[str, str], queries_dir: Path | None = None) -> list[str]:
    """The declared parameters of `query` that `params` leaves out: they stay unbound and match
    anything, as on /queries/{name}."""
    _, named = resolve(query, queries_dir)
    return [p.name for p in named.params if p.name not in params] if named else []


def run_query_cli(query: str, fmt: str, build_dir: Path, queries_dir: Path | None = None,
                  params: dict[str, str] | None = None) -> str:
    from .querytext import analyse  # the lexer the server uses too: the same refusals in both places

    text, named = resolve(query, queries_dir)
    if params and named is None:
        raise ValueError("--param binds the parameters of a named query or a .rq file; "
                         "this query is SPARQL text (write the value into it)")
    info = analyse(text)
    text, bound = bound_query(text, named.bind(params)) if params else (text, {})
    if info.is_update:
        raise ValueError("SPARQL Update is not accepted: the built graph is read-only")
    if info.uses_service:
        raise ValueError("SERVICE is not allowed: kg query does not contact other servers")
    store, _ = load_store(Path(build_dir), union_default=True)
    try:
        result = store.query(text, prefixes=PREFIX_IRIS, substitutions=bound or None)
    except SyntaxError as error:
        raise SyntaxError(explain(text, str(error), PREFIX_IRIS)) from None
    if isinstance(result, ox.QueryTriples):
        if fmt not in ("turtle", "table"):
            raise ValueError(f"a {info.form} query gives a graph: use --format turtle")
        return ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS).decode()
    if fmt == "turtle":
        raise ValueError("--format turtle is for CONSTRUCT and DESCRIBE; use table, json, csv or tsv")
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n" if fmt == "table" else \
            result.serialize(format=RESULT_FORMATS[fmt]).decode() + "\n"
    if fmt == "table":
        return table(result)
    return result.serialize(format=RESULT_FORMATS[fmt]).decode()


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return prefixed(term.value) or term.value
    text = " ".join(term.value.split()) if isinstance(term, ox.Literal) else str(term)
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def table(solutions) -> str:
    """Aligned columns for a terminal; IRIs shortened with the project's prefixes."""
    names = [v.value for v in solutions.variables]
    rows = [[_cell(s[name]) for name in names] for s in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
