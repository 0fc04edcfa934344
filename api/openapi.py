"""The OpenAPI document at /openapi.json, made to say what each route really takes and answers.

FastAPI derives one operation per handler and method, but these handlers read the SPARQL
Protocol's parameters themselves (repeatable, in the query string or a form body) and answer in
many media types, so FastAPI's guess (no parameters, one JSON response of any shape, the same
operation id for GET and HEAD) is replaced here, route by route. tests/test_hardening_fuzz.py
holds the server to this document with schemathesis: every status code and media type a route
can answer is listed, and the JSON bodies have schemas.
"""

from __future__ import annotations

import inspect
import json
import re
import warnings

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.routing import Route

from kg.iris import KINDS

from . import negotiation as neg

STRING = {"type": "string"}
TEXT = {"text/plain": {"schema": STRING}}

_TERM = {
    "type": "object", "required": ["type"],
    "properties": {"type": {"enum": ["uri", "literal", "bnode", "triple"]}},
}
SPARQL_JSON = {
    "type": "object", "required": ["head"],
    "properties": {
        "head": {"type": "object", "properties": {"vars": {"type": "array", "items": STRING}}},
        "results": {"type": "object", "required": ["bindings"], "properties": {
            "bindings": {"type": "array", "items": {"type": "object", "additionalProperties": _TERM}}}},
        "boolean": {"type": "boolean"},
    },
    "anyOf": [{"required": ["results"]}, {"required": ["boolean"]}],
}
JSON_LD = {"type": ["object", "array"]}
QUERY_LIST = {"type": "array", "items": {
    "type": "object", "required": ["name", "title", "description", "params", "url", "query"],
    "properties": {
        "name": STRING, "title": STRING, "description": STRING, "url": STRING, "query": STRING,
        "params": {"type": "array", "items": {"type": "object", "required": ["name", "meaning", "iri"],
                                              "properties": {"name": STRING, "meaning": STRING,
                                                             "iri": {"type": "boolean"}}}},
    }}}
DUMP_LIST = {"type": "array", "items": {
    "type": "object", "required": ["name", "bytes", "url"],
    "properties": {"name": STRING, "bytes": {"type": "integer", "minimum": 0}, "url": STRING}}}
HEALTH = {"type": "object", "required": ["status", "version", "empty", "workers", "worker_pids",
                                         "workers_replaced", "query_timeout", "cache", "queues",
                                         "busiest_clients"],
          "properties": {"status": {"const": "ok"}, "version": STRING, "empty": {"type": "boolean"},
                         "workers": {"type": "integer"},
                         "worker_pids": {"type": "array", "items": {"type": "integer"}},
                         "workers_replaced": {"type": "integer"}, "query_timeout": {"type": "number"},
                         "cache": {"type": "object"},
                         "queues": {"type": "object", "additionalProperties": {
                             "type": "object", "properties": {"workers": {"type": "integer"},
                                                              "running": {"type": "integer"},
                                                              "waiting": {"type": "integer"}}}},
                         "busiest_clients": {"type": "array", "items": {
                             "type": "object", "properties": {"client": STRING,
                                                              "seconds_last_minute": {"type": "number"},
                                                              "running": {"type": "integer"},
                                                              "waiting": {"type": "integer"}}}}}}
CONTEXT = {"type": "object", "required": ["@context"]}
NOT_FOUND_JSON = {"type": "object", "required": ["detail"], "properties": {"detail": STRING}}

_SCHEMAS = {neg.JSON.media_type: SPARQL_JSON, neg.JSONLD.media_type: JSON_LD}


def _content(formats) -> dict:
    return {f.media_type: {"schema": _SCHEMAS.get(f.media_type, STRING)} for f in formats}


def ok(description: str, content: dict) -> dict:
    return {"description": description, "content": content}


def fails(description: str) -> dict:
    return {"description": description, "content": TEXT}


RESULTS = _content(neg.RESULTS) | _content(neg.GRAPHS)  # by query form and Accept / format
DOCUMENTS = _content(neg.DOCUMENTS)
NOT_MODIFIED = {"description": "Not Modified: the copy named by If-None-Match or If-Modified-Since is current"}
NOT_ACCEPTABLE = fails("no format the Accept header or `format` allows; the message lists those available")
BUSY = fails("the query was stopped at the time limit, or waited too long for a query worker (Retry-After)")
THROTTLED = fails("this client is over its budget of query time per minute, or has too many queries "
                  "waiting (Retry-After, and a sentence saying which)")
NOT_FOUND = {"description": "no such thing, query or file",
             "content": TEXT | {"application/json": {"schema": NOT_FOUND_JSON}}}


def _param(name: str, description: str, schema: dict | None = None, where: str = "query",
           required: bool = False, **extra) -> dict:
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema or STRING, **extra}


def _graphs(name: str, meaning: str) -> dict:
    return _param(name, meaning, {"type": "array", "items": STRING}, style="form", explode=True)


FORMAT = _param("format", "overrides Accept, read the same way (names or media types, a comma-separated "
                          "list): json, xml, csv, tsv, html for SELECT and ASK; turtle (or n3), jsonld, "
                          "ntriples, rdfxml, html for graphs")
DOCUMENT_FORMAT = _param("format", "a format name that overrides Accept: turtle, html, jsonld, ntriples, rdfxml")
DATASET = [
    _graphs("default-graph-uri", "an absolute IRI; the default graph becomes the merge of those given"),
    _graphs("named-graph-uri", "an absolute IRI; only the graphs given can be queried with GRAPH"),
]
QUERY_ANSWERS = {
    "200": ok("the results (SELECT, ASK) or the graph (CONSTRUCT, DESCRIBE), as negotiated", RESULTS),
    "304": NOT_MODIFIED,
    "400": fails("not a SPARQL query (the parser's message), SERVICE, an update sent as a query, "
                 "a query too deep or too long, a bad parameter, or a query string that is not UTF-8"),
    "406": NOT_ACCEPTABLE,
    "413": fails("the request is over 1 MB or the result over the result limit"),
    "429": THROTTLED, "503": BUSY,
}
FORM_FIELDS = {
    "query": STRING, "format": STRING,
    "default-graph-uri": {"type": "array", "items": STRING},
    "named-graph-uri": {"type": "array", "items": STRING},
}
THING = {
    "200": ok("the thing's triples (with its evidence) as negotiated; HTML for browsers", DOCUMENTS),
    "304": NOT_MODIFIED, "404": NOT_FOUND, "406": NOT_ACCEPTABLE, "429": THROTTLED, "503": BUSY,
}
HTML_PAGE = {"text/html": {"schema": STRING}}
SCHEME = THING | {"200": ok("the concept scheme: its tree for people, its triples for tools", DOCUMENTS)}
GRAPH = {
    "200": ok("the graph's page for people; the graph's own triples for tools", DOCUMENTS),
    "304": NOT_MODIFIED, "404": NOT_FOUND, "406": NOT_ACCEPTABLE,
    "413": fails("the graph is larger than the result limit: take it from /dumps/"), "429": THROTTLED, "503": BUSY,
}
ONTOLOGY = {"200": ok("the ontology: documentation for people, OWL for tools", DOCUMENTS),
            "404": NOT_FOUND, "406": NOT_ACCEPTABLE}
SLUG = _param("slug", "the last segment of the IRI", {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"},
              where="path", required=True, example="2021-07-20-uk-france-agreement")

OPERATIONS: dict[str, dict[str, dict]] = {
    "/sparql": {
        "get": {
            "parameters": [_param("query", "SPARQL 1.1 query text; without it, the Service Description"),
                           *DATASET, FORMAT],
            "responses": QUERY_ANSWERS | {
                "200": ok("query results, or the Service Description when no query is given", RESULTS),
                "403": fails("an `update` parameter: the endpoint is read-only"),
            },
        },
        "post": {
            "parameters": [*DATASET, FORMAT],
            "requestBody": {"required": True, "content": {
                "application/x-www-form-urlencoded": {"schema": {
                    "type": "object", "required": ["query"], "properties": FORM_FIELDS}},
                "application/sparql-query": {"schema": STRING},
            }},
            "responses": QUERY_ANSWERS | {
                "403": fails("SPARQL Update (application/sparql-update or an `update` field): read-only"),
                "415": fails("a body of another media type"),
            },
        },
    },
    "/queries": {"get": {"parameters": [_param("format", "html or json")], "responses": {
        "200": ok("the named queries", {"text/html": {"schema": STRING},
                                        "application/json": {"schema": QUERY_LIST}}),
        "406": NOT_ACCEPTABLE}}},
    "/queries/{name}.rq": {"get": {
        "parameters": [_param("name", "a named query", where="path", required=True, example="timeline")],
        "responses": {"200": ok("the query text", {"application/sparql-query": {"schema": STRING}}),
                      "404": NOT_FOUND}}},
    "/queries/{name}": {"get": {
        "parameters": [_param("name", "a named query (see /queries)", where="path", required=True,
                              example="timeline"),
                       _param("node", "parameter of `evidence`: an IRI or prefixed name"),
                       _param("type", "parameter of `pledge-history`: a pledge-type IRI"),
                       FORMAT],
        "responses": QUERY_ANSWERS | {"404": NOT_FOUND}}},
    "/id/{kind}/{slug}": {"get": {
        "parameters": [_param("kind", "the kind of thing", {"type": "string", "enum": sorted(KINDS)},
                              where="path", required=True), SLUG, DOCUMENT_FORMAT],
        "responses": THING}},
    "/pledge-type/{slug}": {"get": {"parameters": [SLUG, DOCUMENT_FORMAT], "responses": THING}},
    "/measure/{slug}": {"get": {"parameters": [SLUG, DOCUMENT_FORMAT], "responses": THING}},
    "/pledge-type/": {"get": {"parameters": [DOCUMENT_FORMAT], "responses": SCHEME}},
    "/measure/": {"get": {"parameters": [DOCUMENT_FORMAT], "responses": SCHEME}},
    "/rule/": {"get": {"parameters": [], "responses": {
        "200": ok("the mapping rules by family", HTML_PAGE), "429": THROTTLED, "503": BUSY}}},
    "/rule/{rule_id}": {"get": {"parameters": [
        _param("rule_id", "a rule's id in mappings/rules/", {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"},
               where="path", required=True, example="money-symbol-amount"), DOCUMENT_FORMAT],
        "responses": THING | {"200": ok("the rule (a prov:Plan) and what it produced; RDF for tools", DOCUMENTS)}}},
    "/graph/": {"get": {"parameters": [], "responses": {"200": ok("the named graphs of the build", HTML_PAGE)}}},
    "/graph/{name}": {"get": {"parameters": [
        _param("name", "a named graph of the build as a whole", where="path", required=True, example="vocab"),
        DOCUMENT_FORMAT], "responses": GRAPH}},
    "/graph/article/{stem}/{origin}": {"get": {"parameters": [
        _param("stem", "an article's seed file stem", where="path", required=True, example="001_f9e0af551127a38c"),
        _param("origin", "curated or rules", {"type": "string", "enum": ["curated", "rules"]}, where="path",
               required=True), DOCUMENT_FORMAT], "responses": GRAPH}},
    "/ontology": {"get": {"parameters": [DOCUMENT_FORMAT], "responses": ONTOLOGY}},
    "/ontology/{version}": {"get": {"parameters": [
        _param("version", "the owl:versionInfo of the ontology", where="path", required=True, example="0.1.0"),
        DOCUMENT_FORMAT], "responses": ONTOLOGY}},
    "/context.jsonld": {"get": {"parameters": [], "responses": {
        "200": ok("the JSON-LD context", {"application/ld+json": {"schema": CONTEXT}})}}},
    "/dumps/": {"get": {"parameters": [_param("format", "html or json")], "responses": {
        "200": ok("the build's files", {"text/html": {"schema": STRING},
                                        "application/json": {"schema": DUMP_LIST}}),
        "406": NOT_ACCEPTABLE}}},
    "/dumps/{name}": {"get": {
        "parameters": [_param("name", "a file listed at /dumps/", where="path", required=True,
                              example="manifest.json")],
        "responses": {"200": ok("the file", {m: {"schema": JSON_LD if "json" in m else STRING} for m in (
            "application/n-quads", "application/trig", "text/turtle", "application/ld+json",
            "application/json", "application/n-triples", "application/gzip", "text/plain", "text/csv",
            "application/octet-stream")}), "404": NOT_FOUND}}},
    "/.well-known/void": {"get": {"parameters": [DOCUMENT_FORMAT], "responses": {
        "200": ok("the VoID description of the build: a page for people, RDF for tools", DOCUMENTS),
        "404": NOT_FOUND, "406": NOT_ACCEPTABLE}}},
    "/": {"get": {"parameters": [], "responses": {
        "200": ok("the page for people, with the query editor", {"text/html": {"schema": STRING}})}}},
    "/health": {"get": {"parameters": [], "responses": {
        "200": ok("the server's state", {"application/json": {"schema": HEALTH}})}}},
    "/views": {"get": {"parameters": [], "responses": {
        "200": ok("the pictures of the graph", {"text/html": {"schema": STRING}})}}},
    "/views/{name}": {"get": {
        "parameters": [_param("name", "a view listed at /views", where="path", required=True, example="timeline"),
                       _param("fold", "`broader` folds the pledge matrix into broader pledge types (pledges only)"),
                       _param("format", "html, or csv, json, tsv for the rows the picture draws")],
        "responses": QUERY_ANSWERS | {
            "200": ok("the picture (SVG in a page), or the rows behind it", _content(
                (neg.HTML, neg.CSV, neg.JSON, neg.TSV))),
            "400": fails("a `fold` other than broader, or fold on another view"),
            "404": NOT_FOUND}}},
}
# Answered by the request limits (api/limits.py) on every route, before any handler runs.
EVERYWHERE = {
    "400": fails("a query string that is not UTF-8 once percent-decoded"),
    "413": fails("a request body over the limit"),
    "414": fails("a query string over the limit"),
}


def document(app: FastAPI) -> dict:
    with warnings.catch_warnings():  # FastAPI warns of the GET/HEAD operation ids fixed below
        warnings.simplefilter("ignore", UserWarning)
        doc = get_openapi(title=app.title, version=app.version, description=app.description,
                          routes=app.routes)
    doc["paths"] = _plain_routes(app) | doc.get("paths", {})
    for path, item in doc.get("paths", {}).items():
        ours = OPERATIONS.get(path, {})
        for method, operation in item.items():
            spec = ours.get("get" if method == "head" else method)
            if spec is not None:
                operation["parameters"] = spec["parameters"]
                operation["responses"] = spec["responses"] | {
                    code: answer for code, answer in EVERYWHERE.items() if code not in spec["responses"]}
                if "requestBody" in spec:
                    operation["requestBody"] = spec["requestBody"]
            # FastAPI names an operation after one method of the route, picked from a set: the
            # same id for GET and HEAD, and not the same from one process to the next.
            stem = re.sub(r"_(get|head|post|put|delete|patch|options)$", "", operation.get("operationId", path))
            operation["operationId"] = f"{stem}_{method}"
            if method == "head":
                operation["summary"] = "HEAD: " + operation.get("summary", path)
    schemas = doc.get("components", {}).get("schemas", {})
    if not any("HTTPValidationError" in str(op) for item in doc["paths"].values() for op in item.values()):
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        if not schemas:
            doc.get("components", {}).pop("schemas", None)
        if not doc.get("components"):
            doc.pop("components", None)
    return json.loads(json.dumps(doc))  # shares nothing with the tables above: readers may mutate it


def _plain_routes(app: FastAPI) -> dict:
    """Starlette routes (api/sparql.py) are unknown to get_openapi: what it would have said."""
    paths: dict = {}
    for route in app.routes:
        if type(route) is not Route or not route.include_in_schema or route.path not in OPERATIONS:
            continue
        for method in sorted(route.methods):
            paths.setdefault(route.path, {})[method.lower()] = {
                "summary": route.endpoint.__name__.replace("_", " ").title(),
                "description": inspect.cleandoc(route.endpoint.__doc__ or ""),
                "operationId": f"{route.endpoint.__name__}_{method.lower()}",
            }
    return paths


def install(app: FastAPI) -> None:
    """Serve `document(app)` at /openapi.json (computed once, on first request)."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi
