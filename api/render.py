"""The Jinja environment of every page, and query results as HTML.

Results are rendered where they are produced (a worker process, or the front of a remote
store), so this module stays free of the web framework. Autoescaping is on for everything.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

# kg.namespaces.BASE, repeated so that query workers start without importing rdflib
# (tests/test_api_pages.py checks they agree).
BASE = "https://w3id.org/channel-kg/"

env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


# Schemes a link may have. Any query can put any IRI in a result (BIND(IRI("javascript:…"))),
# and escaping does not stop a javascript: or data: link from running when clicked.
LINKABLE = re.compile(r"(?:https?|ftp|mailto|urn|tag):", re.IGNORECASE)


def local_href(iri: str) -> str:
    """The link for an IRI: ours are answered by this server under the same path; other IRIs
    link to themselves when their scheme is a harmless one, else to nothing ("#")."""
    if iri.startswith(BASE):
        return "/" + iri[len(BASE):]
    return iri if LINKABLE.match(iri) else "#"


env.filters["href"] = local_href


def results_html(sparql_json: bytes, query: str) -> bytes:
    """SPARQL JSON results (SELECT or ASK) as an HTML table."""
    doc = json.loads(sparql_json)
    return env.get_template("results.html").render(
        query=query,
        boolean=doc.get("boolean"),
        variables=doc.get("head", {}).get("vars", []),
        rows=doc.get("results", {}).get("bindings", []),
    ).encode()


def graph_html(turtle: bytes, query: str) -> bytes:
    """A CONSTRUCT or DESCRIBE result, shown as Turtle in a page."""
    return env.get_template("graph.html").render(query=query, turtle=turtle.decode()).encode()


def warm() -> None:
    for name in ("results.html", "graph.html", "base.html"):
        env.get_template(name)
