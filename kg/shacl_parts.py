"""pySHACL on the parts `kg.shacl_scope` makes, in worker processes, while the caller goes on.

The workers are started fresh ("spawn"), not forked: by validation time the build holds
gigabytes of small objects, and a forked worker's garbage collector would walk (and so copy)
all of them. A worker gets the rewritten shapes once, as N-Triples, and then one part per task;
it sends back result rows `(severity, focus node, path, shape name, message)`.
"""

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

import pyshacl
from rdflib import BNode, Graph
from rdflib.namespace import RDF

from .namespaces import SH
from .triples import Triple, parse_lines, to_graph

Row = tuple[str, str, str, str, str]


def shape_names(shapes: Graph) -> dict[str, str]:
    """Shape -> the name results give it: a property shape (often a blank node) is named by
    the node shape that holds it."""
    names = {}
    for shape in set(shapes.subjects()):
        parent = shapes.value(None, SH.property, shape) if isinstance(shape, BNode) else None
        names[str(shape)] = str(parent if parent is not None else shape)
    return names


def result_rows(results: Graph, names: dict[str, str]) -> list[Row]:
    rows = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = str(results.value(result, SH.sourceShape))
        rows.append((str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                     str(results.value(result, SH.focusNode)),
                     str(results.value(result, SH.resultPath) or ""),
                     names.get(shape, shape),
                     str(results.value(result, SH.resultMessage) or "")))
    return rows


def check(triples: list[Triple], shapes: Graph, names: dict[str, str]) -> list[Row]:
    # The ontology's hierarchy is among the triples, so pyshacl need not copy the data.
    _, results, _ = pyshacl.validate(to_graph(triples), shacl_graph=shapes, inference="none", allow_warnings=True)
    return result_rows(results, names)


class Checking:
    """Parts submitted to workers as they come (or checked at once, for `workers` 1)."""

    def __init__(self, parts, shapes: Graph, names: dict[str, str], workers: int = 1):
        self.futures: list[Future] = []
        self.rows: list[Row] = []
        self.pool = None
        if workers < 2:
            for part in parts:
                self.rows += check(part, shapes, names)
            return
        shapes_text = shapes.serialize(format="nt")  # keeps blank node labels, so names still fit
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_share, initargs=(shapes_text, names))
        self.futures = [self.pool.submit(_check_shared, part) for part in parts]

    def rows_when_done(self) -> list[Row]:
        try:
            for future in self.futures:
                self.rows += future.result()
        finally:
            self.cancel()
        return self.rows

    def cancel(self) -> None:
        """Stop the workers (those busy finish their part first)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


_shared: tuple = ()


def _share(shapes_text: str, names: dict[str, str]) -> None:
    global _shared
    _shared = (to_graph(parse_lines(shapes_text)), names)


def _check_shared(triples: list[Triple]) -> list[Row]:
    return check(triples, *_shared)
