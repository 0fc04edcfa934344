"""Reading the project's hand-edited RDF files, with errors that name file and line."""

import logging
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import InputError
from .namespaces import bind_prefixes


def parse_turtle(path: Path) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    try:
        with _quiet_literal_warnings():
            graph.parse(path, format="turtle")
    except BadSyntax as error:
        line = error.lines + 1  # rdflib counts lines from 0
        raise InputError(path, f"Turtle syntax error: {error._why}", line) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read as Turtle: {error}") from None
    _refuse_ill_typed(graph, path)
    return graph


class _NotLiteralConversion(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


@contextmanager
def _quiet_literal_warnings():
    """rdflib logs a traceback for every ill-typed literal it parses; _refuse_ill_typed then
    names the first one in one line, so those records (and only those) are dropped meanwhile."""
    logger, quiet = logging.getLogger("rdflib.term"), _NotLiteralConversion()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _refuse_ill_typed(graph: Graph, path: Path) -> None:
    """"a lot"^^xsd:decimal parses, but would break reasoning and sums: stop at the file, at the
    first such literal in it."""
    ill_typed = [(line_of(path, f'"{o}"') or 0, o) for o in set(graph.objects())
                 if isinstance(o, Literal) and o.ill_typed]
    if ill_typed:
        line, literal = min(ill_typed)
        raise InputError(path, f'"{literal}" is not a valid {graph.namespace_manager.normalizeUri(literal.datatype)}',
                         line or None)


def parse_turtle_files(paths) -> Graph:
    merged = Graph()
    bind_prefixes(merged)
    for path in sorted(paths):
        merged += parse_turtle(path)
    return merged


def line_of(path: Path, needle: str) -> int | None:
    """1-based line of the first occurrence of `needle` in a file, to point people at it."""
    text = path.read_text(encoding="utf-8")
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def load_json(path: Path) -> dict:
    import json

    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(path, f"invalid JSON: {error.msg}", error.lineno) from None
