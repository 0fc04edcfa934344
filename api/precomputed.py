"""Answering from the answers the build computed ahead (kg/answers.py), in the format asked for.

A named query about the whole graph (or its text sent to /sparql, with or without LIMIT and
OFFSET) is answered from its file: the rows asked for are cut out of the SPARQL JSON results
by their offsets, and turned into XML, CSV, TSV or HTML as a worker would write them. Limits
hold as for a query that runs: past the result size limit the answer is a 413.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.answers import Answers
from kg.querytext import QueryInfo

from . import render
from .engine import RESULT_FORMATS, too_large
from .jobs import Outcome


def answer_ahead(answers: Answers, info: QueryInfo, query: str, bindings: dict[str, str] | None,
                 formats: dict[str, str], max_bytes: int) -> Outcome | None:
    """The Outcome of `query` from a precomputed answer, or None when there is none for it."""
    if not len(answers) or info.form != "SELECT":
        return None
    found = answers.find(info.normalised, bindings)
    if found is None:
        return None
    answer, offset, limit = found
    fmt = formats.get("solutions")
    if not fmt:
        return Outcome("not_acceptable", kind="solutions", message="no acceptable format for a solutions result")
    body = answer.read(offset, limit)
    if fmt not in ("json", "html"):
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=RESULT_FORMATS[fmt])
    if len(body) > max_bytes:  # as a worker: the limit is on the results as written, before any HTML
        return Outcome("too_large", kind="solutions", message=too_large(max_bytes))
    if fmt == "html":
        body = render.results_html(body, query)
    return Outcome("ok", body=body, format=fmt, kind="solutions")
