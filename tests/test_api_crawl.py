"""Every IRI the project mints dereferences: a crawl from / follows the pages' links, and every
rule, named graph and concept of the seed build answers, as a page and as RDF."""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

import pyoxigraph as ox
import pytest

from kg.namespaces import BASE

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PER_KIND = 12  # pages fetched per kind of path (/id/evidence, /rule, /graph/article …): bounded, every kind seen
MOST_PAGES = 600


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def kind(path: str) -> str:
    """/id/evidence/x -> /id/evidence; /rule/x -> /rule; /graph/article/s/rules -> /graph/article."""
    parts = urlparse(path).path.strip("/").split("/")
    return "/" + "/".join(parts[:2] if parts[0] in ("id", "graph", "dumps", "static", "vendor") else parts[:1])


def test_a_crawl_from_the_front_page_finds_no_broken_link(client):
    base = "http://testserver"
    queue, seen, fetched = deque(["/"]), {"/"}, Counter()
    broken, kinds_found = [], set()
    while queue and sum(fetched.values()) < MOST_PAGES:
        path = queue.popleft()
        if fetched[kind(path)] >= PER_KIND:
            continue
        fetched[kind(path)] += 1
        response = client.get(path, headers=BROWSER)
        if response.status_code >= 400:
            broken.append((path, response.status_code, response.text[:120]))
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        parser = Links()
        parser.feed(response.text)
        for link in parser.found:
            url = urldefrag(urljoin(base + path, link))[0]
            if urlparse(url).netloc != "testserver":
                continue
            target = url[len(base):] or "/"
            kinds_found.add(kind(target))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert broken == []
    # The crawl reached every kind of page the project mints, not only the front page's links.
    for expected in ("/id/article", "/id/evidence", "/id/person", "/rule", "/graph/article", "/graph/inferred",
                     "/pledge-type", "/measure", "/ontology", "/.well-known", "/sparql", "/views", "/queries"):
        assert expected in kinds_found and fetched[expected] > 0, expected


@pytest.fixture(scope="module")
def minted(build):
    """Every rule named by evidence, every named graph and every concept and scheme of the build."""
    store = ox.Store()
    store.load(path=str(build / "channel-kg.nq"), format=ox.RdfFormat.N_QUADS)
    rules = {r["rule"].value for r in store.query(
        "SELECT DISTINCT ?rule WHERE { GRAPH ?g { ?e <https://w3id.org/channel-kg/ontology#rule> ?rule } }")}
    graphs = {g.value for g in store.named_graphs()}
    concepts = {r["c"].value for r in store.query(
        "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?c <http://www.w3.org/2004/02/skos/core#inScheme> ?s } }")}
    schemes = {r["s"].value for r in store.query(
        "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> } }")}
    assert len(rules) > 20 and len(graphs) > 10 and len(concepts) > 30 and len(schemes) == 2
    return sorted(rules | graphs | concepts | schemes)


def test_every_rule_graph_concept_and_scheme_answers_as_a_page_and_as_rdf(client, minted):
    for iri in minted:
        path = "/" + iri[len(BASE):]
        page = client.get(path, headers=BROWSER)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
        assert iri in page.text, path
        data = client.get(path, headers={"Accept": "application/n-triples"})
        assert data.status_code == 200 and data.headers["content-type"].startswith("application/n-triples"), path
        assert list(ox.parse(data.content, format=ox.RdfFormat.N_TRIPLES)), path
