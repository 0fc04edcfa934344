"""`kg query`: run SPARQL text, a .rq file or a named query on the built graph.

The query runs on the same pyoxigraph store the API serves (kg.store), with the same rules:
the default graph is the union of the named graphs (unless the query has FROM), the project's
prefixes are predeclared, and SERVICE is refused.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .named_queries import load_all
from .namespaces import PREFIXES
from .store import load_store

ROOT = Path(__file__).resolve().parent.parent
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV}
CELL_WIDTH = 60


def resolve(query: str, queries_dir: Path = ROOT / "queries") -> str:
    """SPARQL text from a file path, a named query's name, or the argument itself."""
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise ValueError(f"no such query file: {query}")
        return path.read_text(encoding="utf-8")
    named = load_all(queries_dir)
    if query in named:
        return named[query].text
    return query


def run_query_cli(query: str, fmt: str, build_dir: Path, queries_dir: Path = ROOT / "queries") -> str:
    from .querytext import analyse  # the lexer the server uses too: the same refusals in both places

    text = resolve(query, queries_dir)
    info = analyse(text)
    if info.is_update:
        raise ValueError("SPARQL Update is not accepted: the built graph is read-only")
    if info.uses_service:
        raise ValueError("SERVICE is not allowed: kg query does not contact other servers")
    store, _ = load_store(Path(build_dir), union_default=True)
    result = store.query(text, prefixes={k: str(v) for k, v in PREFIXES.items()})
    if isinstance(result, ox.QueryTriples):
        if fmt not in ("turtle", "table"):
            raise ValueError(f"a {info.form} query gives a graph: use --format turtle")
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        return ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode()
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
        for name, ns in PREFIXES.items():
            if term.value.startswith(str(ns)):
                return f"{name}:{term.value[len(str(ns)):]}"
        return term.value
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
