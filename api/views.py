"""/views: pictures of the graph for people, drawn on the server as SVG.

Each view runs one named query of queries/ and draws one mark (an element with class "mark")
per row it returns, or per filled cell for the pledge matrix; nothing is kept here. The rows
behind a view are the named query's own result: `?format=csv` (or json, tsv; or an Accept
header asking for them) answers exactly what /queries/{name} answers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg import named_queries

from . import languages
from . import negotiation as neg
from .answer import DEFAULT_PREFIXES, answer_query, error, failure, validators
from .charts import disagreements, funding, pledges, timeline
from .charts.common import flatten
from .jobs import Job
from .lanes import run_for, tokens_of
from .pages import templates

router = APIRouter()
OFFERED = (neg.HTML, neg.CSV, neg.JSON, neg.TSV)


@dataclass(frozen=True)
class View:
    name: str
    query: str  # the named query (queries/{query}.rq) whose rows it draws
    title: str
    summary: str
    draw: Callable[..., dict]


VIEWS = {v.name: v for v in (
    View("timeline", "timeline", "Timeline",
         "Meetings, agreements and statistics from 2019 onward on a time axis.", timeline.layout),
    View("pledges", "pledge-matrix", "Pledge matrix",
         "Which pledge types each agreement made, agreements in date order: the pledges that repeat "
         "stand out as full rows.", pledges.layout),
    View("funding", "funding-by-year", "Funding by year and currency",
         "Amounts of money by year, per currency, as the texts state them; no conversion.", funding.layout),
    View("disagreements", "disagreements", "Where sources disagree",
         "What each article says where articles give one thing different values (beyond rounding), and the "
         "statements that dispute a fact beside it: quotes side by side, with outlets and languages.",
         disagreements.layout),
)}


def _bindings(query: named_queries.NamedQuery, language: str) -> dict[str, str]:
    """The page's language for a query that takes one; English is the queries' own default."""
    if language == languages.LANGUAGES[0] or "lang" not in {p.name for p in query.params}:
        return {}
    return query.bind({"lang": language})


async def _rows(request: Request, query: named_queries.NamedQuery,
                bindings: dict[str, str]) -> tuple[list[dict], object] | Response:
    """The query's rows, from the cache or a worker, with the dataset they come from."""
    state = request.app.state
    dataset = state.holder.current
    key = (dataset.version, "view", query.name, hashlib.sha256(query.text.encode()).hexdigest(),
           tuple(sorted(bindings.items())))
    cached = state.cache.get(key)
    if cached is None:
        job = Job(query=query.text, formats={"solutions": "json", "boolean": "json", "triples": "ntriples"},
                  prefixes=DEFAULT_PREFIXES, max_bytes=state.settings.max_result_bytes, bindings=bindings)
        outcome = await run_for(request, dataset, job, tokens_of(query.text))
        if outcome.status != "ok":
            return failure(outcome)
        state.cache.put(key, outcome.body, neg.JSON.media_type)
        body = outcome.body
    else:
        body = cached[0]
    return flatten(json.loads(body)), dataset


@router.api_route("/views", methods=["GET", "HEAD"])
async def list_views(request: Request) -> Response:
    return templates.TemplateResponse(request, "views/index.html", {"views": VIEWS.values()})


@router.api_route("/views/{name}", methods=["GET", "HEAD"])
async def show(request: Request, name: str) -> Response:
    view = VIEWS.get(name)
    if view is None:
        return error(404, f"no view {name!r}; see /views")
    query = named_queries.load_all(request.app.state.settings.queries_dir).get(view.query)
    if query is None:
        return error(404, f"the named query {view.query!r} that draws this view is not installed")
    try:
        fmt = neg.negotiate(request.headers.get("accept"), OFFERED, request.query_params.get("format"))
    except neg.NotAcceptable as refusal:
        return error(406, str(refusal))
    language = languages.page_language(request.headers.get("accept-language"))
    bindings = _bindings(query, language)
    if fmt.name != "html":  # the data behind the picture: the named query's own answer
        data = await answer_query(request, query.text, format_param=fmt.name, bindings=bindings)
        data.headers["Vary"] = languages.VARY  # the labels follow Accept-Language here
        return data

    fold = request.query_params.get("fold", "")
    if fold not in ("", "broader") or (fold and name != "pledges"):
        return error(400, "fold takes one value, broader, and only on /views/pledges")
    found = await _rows(request, query, bindings)
    if isinstance(found, Response):
        return found
    rows, dataset = found
    etag = '"' + hashlib.sha256(f"{dataset.version} view {name} {fold} {language} {query.text}".encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": dataset.last_modified, "Vary": languages.VARY,
               "Cache-Control": "public, no-cache", "Content-Language": language}
    if validators(request, etag, dataset.last_modified):
        return Response(status_code=304, headers=headers)
    chart = view.draw(rows, fold=bool(fold)) if name == "pledges" else view.draw(rows)
    # The timeline's labels cannot reflow inside an SVG: a phone gets a layout of its own.
    narrow = timeline.layout(rows, timeline.NARROW) if name == "timeline" else None
    return templates.TemplateResponse(request, f"views/{name}.html", {
        "view": view, "query": query, "chart": chart, "narrow": narrow, "rows": len(rows), "fold": fold,
        "fr": language == "fr", "lang_param": f"&lang={language}" if bindings else "",
    }, headers=headers)
