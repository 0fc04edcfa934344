"""Pages for the IRIs the project mints besides things (/id/, api/resources.py): the mapping
rules (/rule/…), the named graphs (/graph/…) and the two concept schemes (/pledge-type/,
/measure/) with their concepts. Each answers a browser with a page and a tool with RDF, so
every IRI in the graph leads somewhere (tests/test_api_crawl.py follows every link).
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg.namespaces import BASE

from . import documents, internal
from . import negotiation as neg
from .answer import error, failure, media_type_of
from .descriptions import read_void
from .pages import templates
from .resources import SLUG, describe, ontology

router = APIRouter()
OWL_VERSION_IRI = "http://www.w3.org/2002/07/owl#versionIRI"
SCHEMES = {"pledge-type": "pledge types", "measure": "measures"}
SHOWN = 200  # rows of what a rule produced shown on its page; the count says how many in all


def _format(request: Request) -> neg.Format | Response:
    try:
        return neg.negotiate(request.headers.get("accept"), neg.DOCUMENTS, request.query_params.get("format"))
    except neg.NotAcceptable as refusal:
        return error(406, str(refusal))


async def _rows(request: Request, name: str, bindings: dict[str, str] | None = None) -> list[dict] | Response:
    """The rows of internal query `name` as {variable: value}."""
    outcome, _ = await internal.run(request, name, "json", bindings)
    if outcome.status != "ok":
        return failure(outcome)
    rows = []
    for binding in json.loads(outcome.body)["results"]["bindings"]:
        row = {k: v["value"] for k, v in binding.items()}
        row.update({f"{k}_lang": v["xml:lang"] for k, v in binding.items() if "xml:lang" in v})
        rows.append(row)
    return rows


async def _about(request: Request, iri: str, query: str, variable: str) -> list[dict] | Response:
    """For a browser, the rows of internal query `query` with `variable` bound to `iri`, for its
    page; for a tool, the triples about `iri` as it asks (api/resources.py)."""
    fmt = _format(request)
    if isinstance(fmt, Response):
        return fmt
    if fmt.name != "html":
        return await describe(request, iri)
    return await _rows(request, query, {variable: f"<{iri}>"})


def _page(request: Request, template: str, context: dict) -> Response:
    return templates.TemplateResponse(request, template, context, headers={"Vary": "Accept"})


# ---------------------------------------------------------------- rules

@router.api_route("/rule/", methods=["GET", "HEAD"])
async def rules(request: Request) -> Response:
    """Every mapping rule, by family, with how much evidence of this build names it."""
    rows = await _rows(request, "rules")
    if isinstance(rows, Response):
        return rows
    families = defaultdict(list)
    for row in rows:
        families[row["family"]].append({**row, "evidence": int(row["evidenceCount"])})
    return _page(request, "rules.html", {"families": dict(families)})


@router.api_route("/rule/{rule_id}", methods=["GET", "HEAD"])
async def rule(request: Request, rule_id: str) -> Response:
    """A rule (a prov:Plan): its family, pattern and description, and what it produced."""
    if not SLUG.fullmatch(rule_id):
        return error(404, f"no rule {rule_id!r}; see /rule/")
    iri = f"{BASE}rule/{rule_id}"
    rows = await _about(request, iri, "rule", "rule")
    if isinstance(rows, Response):
        return rows
    described = [row for row in rows if "family" in row]
    # A rule id several language packs use is one rule written in several languages: every
    # pack's pattern and description, in the order of their language tags.
    plan = {"family": described[0]["family"],
            "patterns": sorted({row["pattern"] for row in described if row.get("pattern")}),
            "comments": sorted({(row.get("commentLang") or "", row["comment"]) for row in described if row.get("comment")})
            } if described else None
    produced = [row for row in rows if "node" in row]
    if plan is None and not produced:
        return error(404, f"no rule {rule_id!r} in this build; see /rule/")
    nodes = {row["node"] for row in produced}
    return _page(request, "rule.html", {"iri": iri, "id": rule_id, "plan": plan or {}, "produced": produced[:SHOWN],
                                        "evidence": len(produced), "nodes": len(nodes)})


# ---------------------------------------------------------------- the ontology's version IRI

@router.api_route("/ontology/{version}", methods=["GET", "HEAD"])
async def ontology_version(request: Request, version: str) -> Response:
    """owl:versionIRI …/ontology/{version}: the ontology as /ontology serves it, when that is
    the version it declares."""
    iri = f"{BASE}ontology/{version}"
    try:
        declared = {quad.object.value for quad in ox.parse(
            path=request.app.state.settings.ontology_dir / "channel-kg.ttl", format=ox.RdfFormat.TURTLE)
            if quad.predicate.value == OWL_VERSION_IRI}
    except (OSError, SyntaxError):
        return error(404, "the ontology file is missing or unreadable")
    if iri not in declared:
        return error(404, f"<{iri}> is not the version this server has; see /ontology")
    return await ontology(request)


# ---------------------------------------------------------------- named graphs

def _graph_list(request: Request) -> list[dict]:
    """Every named graph of the build: IRI, title and count (manifest.json, void.ttl)."""
    manifest = request.app.state.holder.current.snapshot.manifest
    described = (read_void(request.app.state.settings.build_dir / "void.ttl") or {}).get("graphs", {})
    return [{"triples": count, "title": None, **described.get(iri, {}), "iri": iri}
            for iri, count in sorted((manifest.get("graphs") or {}).items())]


@router.api_route("/graph/", methods=["GET", "HEAD"])
async def graphs(request: Request) -> Response:
    return _page(request, "graphs.html", {"graphs": _graph_list(request)})


@router.api_route("/graph/{name}", methods=["GET", "HEAD"])
async def graph(request: Request, name: str) -> Response:
    """A graph of the build as a whole: ontology, vocab, external, inferred, rules …"""
    return await named_graph(request, name)


@router.api_route("/graph/article/{stem}/{origin}", methods=["GET", "HEAD"])
async def article_graph(request: Request, stem: str, origin: str) -> Response:
    """An article's graph: what its curated file says, or what the rules found in it."""
    return await named_graph(request, f"article/{stem}/{origin}")


async def named_graph(request: Request, path: str) -> Response:
    """A named graph: a page with its counts and provenance, or its triples as RDF."""
    iri = f"{BASE}graph/{path}"
    known = {g["iri"]: g for g in _graph_list(request)}
    if iri not in known:
        return error(404, f"no named graph <{iri}> in this build; see /graph/")
    fmt = _format(request)
    if isinstance(fmt, Response):
        return fmt
    if fmt.name != "html":
        outcome, _ = await internal.run(request, "graph", "ntriples", {"graph": f"<{iri}>"})
        if outcome.status != "ok":
            return failure(outcome, "; the dumps at /dumps/ hold every graph" if outcome.status == "too_large" else "")
        context = documents.load_context(request.app.state.settings.ontology_dir / "context.jsonld")
        body = await asyncio.to_thread(documents.convert, outcome.body, "ntriples", fmt.name, context)
        return Response(body, media_type=media_type_of(fmt), headers={"Vary": "Accept"})
    classes = await _rows(request, "graph-classes", {"graph": f"<{iri}>"})
    if isinstance(classes, Response):
        return classes
    rest = path.split("/")
    sibling = None
    if len(rest) == 3 and rest[0] == "article":  # the article's other graph: curated ↔ rules
        other = f"{BASE}graph/article/{rest[1]}/{'rules' if rest[2] == 'curated' else 'curated'}"
        sibling = known.get(other)
    return _page(request, "graph_page.html", {"graph": known[iri], "classes": classes, "sibling": sibling,
                                              "example": f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} LIMIT 100"})


# ---------------------------------------------------------------- concept schemes

@router.api_route("/pledge-type/", methods=["GET", "HEAD"])
async def pledge_types(request: Request) -> Response:
    return await scheme(request, "pledge-type")


@router.api_route("/measure/", methods=["GET", "HEAD"])
async def measures(request: Request) -> Response:
    return await scheme(request, "measure")


@router.api_route("/pledge-type/{slug}", methods=["GET", "HEAD"])
async def pledge_type(request: Request, slug: str) -> Response:
    return await concept(request, "pledge-type", slug)


@router.api_route("/measure/{slug}", methods=["GET", "HEAD"])
async def measure(request: Request, slug: str) -> Response:
    return await concept(request, "measure", slug)


async def scheme(request: Request, name: str) -> Response:
    """A concept scheme: its tree of concepts, each with how much uses it (itself and with the
    concepts under it)."""
    iri = f"{BASE}{name}/"
    rows = await _about(request, iri, "scheme", "scheme")
    if isinstance(rows, Response):
        return rows
    head = next((row for row in rows if "title" in row), {})
    tree = scheme_tree([row for row in rows if "concept" in row])
    if not tree and not head:
        return error(404, f"no concept scheme <{iri}> in this build")
    return _page(request, "scheme.html", {"iri": iri, "name": name, "what": SCHEMES[name], "head": head,
                                          "tree": tree})


def scheme_tree(rows: list[dict]) -> list[dict]:
    """The concepts of scheme.rq's rows as a forest: [{iri, label, uses, total, children}], the
    top concepts first; `uses` counts what names the concept itself, `total` what names it or a
    concept under it (each thing once)."""
    label, broader, users = {}, defaultdict(set), defaultdict(set)
    for row in rows:
        label[row["concept"]] = row.get("label") or row["concept"].rsplit("/", 1)[-1]
        if "broader" in row:
            broader[row["concept"]].add(row["broader"])
        if "user" in row:
            users[row["concept"]].add(row["user"])
    children = defaultdict(list)
    for concept, parents in broader.items():
        for parent in parents:
            children[parent].append(concept)

    def node(concept: str, seen: frozenset) -> dict:
        kids = [node(c, seen | {c}) for c in sorted(children[concept], key=lambda c: label.get(c, c).lower())
                if c not in seen]
        under = set(users[concept]).union(*(k["_users"] for k in kids)) if kids else set(users[concept])
        return {"iri": concept, "label": label.get(concept, concept), "uses": len(users[concept]),
                "total": len(under), "children": kids, "_users": under}

    tops = sorted((c for c in label if not broader[c] & label.keys()), key=lambda c: label[c].lower())
    return [node(c, frozenset({c})) for c in tops]


async def concept(request: Request, name: str, slug: str) -> Response:
    """A concept: labels, definition, broader and narrower, and what uses it."""
    if not SLUG.fullmatch(slug):
        return error(404, f"no such concept: /{name}/{slug}")
    iri = f"{BASE}{name}/{slug}"
    rows = await _about(request, iri, "concept", "concept")
    if isinstance(rows, Response):
        return rows
    if not rows:
        return error(404, f"nothing is known about <{iri}>")
    facts, used = defaultdict(list), defaultdict(list)
    for row in rows:
        if "property" in row:
            facts[row["property"].rsplit("#", 1)[-1]].append(
                {"value": row["value"], "lang": row.get("value_lang"), "label": row.get("valueLabel") or row["value"]})
        elif "link" in row:
            used[row["link"].rsplit("#", 1)[-1]].append({"iri": row["user"], "label": row.get("userLabel") or row["user"]})
    direct = {u["iri"] for u in used["pledgeType"]}
    used["pledgeCategory"] = [u for u in used["pledgeCategory"] if u["iri"] not in direct]
    label = (facts.get("prefLabel") or [{"label": slug}])[0]["label"]
    return _page(request, "concept.html", {"iri": iri, "name": name, "what": SCHEMES[name], "label": label,
                                           "facts": facts, "used": used})
