"""The page for people at /, its query editor (or the plain form without node), and /health."""

import json
import re
import shutil

import pytest
from fastapi.testclient import TestClient

from api import render
from api.app import create_app
from api.settings import ROOT, Settings
from api.testing import write_sample_build
from kg import named_queries
from kg.namespaces import BASE

HOSTILE = """# title: <script>alert("title")</script>
# description: Ends the script tag </script><img src=x onerror=alert(1)> & more
SELECT ?s WHERE { ?s ?p "</script><script>alert(2)</script>" } LIMIT 1
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """No node_modules (the plain form), and a named query whose text tries to break out of the page."""
    queries = tmp_path_factory.mktemp("queries")
    for path in (ROOT / "queries").glob("*.rq"):
        shutil.copy(path, queries)
    (queries / "aaa-hostile.rq").write_text(HOSTILE)
    settings = Settings(build_dir=write_sample_build(tmp_path_factory.mktemp("s") / "build"), queries_dir=queries,
                        node_modules=tmp_path_factory.mktemp("no_node"), workers=2)
    with TestClient(create_app(settings)) as c:
        yield c


def test_front_page(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "small-boat" in html
    for link in ('href="/dumps/"', 'href="/ontology"', 'href="/.well-known/void"', 'href="/queries"',
                 'href="/context.jsonld"'):
        assert link in html
    # How many of each thing: the class counts come from the data.
    assert re.search(r'href="/ontology#Agreement">[^<]+</a></td><td class="num">\d', html)
    # The editor is preloaded with every named query.
    embedded = json.loads(re.search(r'<script type="application/json" id="named-queries">(.*?)</script>', html, re.S)
                          .group(1))
    assert {q["name"] for q in embedded} == set(named_queries.load_all(ROOT / "queries"))


def test_yasgui_is_served_locally_when_installed(client):
    if not (ROOT / "node_modules/@zazuko/yasgui/build/yasgui.min.js").exists():
        pytest.skip("node_modules absent (npm ci not run): the plain form is tested instead")
    html = client.get("/").text
    assert '<script src="/vendor/yasgui/yasgui.min.js"></script>' in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    script = client.get("/vendor/yasgui/yasgui.min.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert client.get("/vendor/yasgui/yasgui.min.css").status_code == 200
    assert client.get("/static/query-page.js").status_code == 200


def test_plain_form_without_node_modules(hostile):
    html = hostile.get("/").text
    assert "yasgui" not in html.lower()
    assert '<form id="plain-query" method="post" action="/sparql">' in html
    assert '<textarea id="query-text" name="query"' in html
    # The form posts what a browser posts; the answer is an HTML table.
    response = hostile.post("/sparql", data={"query": "SELECT ?s WHERE { ?s a ck:Agreement }", "format": "html"})
    assert response.status_code == 200 and "<table" in response.text
    assert hostile.get("/vendor/yasgui/yasgui.min.js").status_code == 404


def test_everything_is_escaped(hostile):
    html = hostile.get("/").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html  # the picker's option text
    # Inside the JSON island, < is written as \\u003c so nothing can close the script element.
    island = re.search(r'id="named-queries">(.*?)</script>', html, re.S).group(1)
    assert "</script" not in island and "\\u003c/script\\u003e" in island
    listing = hostile.get("/queries", headers={"Accept": "text/html"}).text
    assert "<script>alert" not in listing and "<img src=x" not in listing
    results = hostile.get("/queries/aaa-hostile", params={"format": "html"}).text
    assert "<script>alert" not in results


def test_health(client):
    health = client.get("/health").json()
    assert health["status"] == "ok" and len(health["version"]) == 64
    assert health["workers"] >= 2 and health["short_lane_workers"] == 1
    assert len(health["worker_pids"]) == health["workers"] + health["short_lane_workers"]


def test_render_base_matches_namespaces():
    assert render.BASE == BASE


def test_server_starts_without_a_build(tmp_path):
    with TestClient(create_app(Settings(build_dir=tmp_path / "none", workers=2))) as c:
        assert c.get("/health").json()["empty"] is True
        assert "kg build" in c.get("/").text
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is False


def test_the_query_page_lists_every_predeclared_prefix(client, hostile):
    """The prefixes a query may use undeclared are listed where queries are written (with and without
    YASGUI), one per kind of thing among them, and handed to the editor's result table."""
    from kg.namespaces import KIND_PREFIXES, PREFIXES

    assert set(KIND_PREFIXES) == {"person", "organisation", "meeting", "agreement", "pledge", "funding",
                                  "statistic", "statement", "article", "evidence"}
    for page in (client.get("/").text, hostile.get("/").text):
        for name, namespace in PREFIXES.items():
            assert f"<td><code>{name}:</code></td><td><code>{namespace}</code></td>" in page, name
    setup = json.loads(re.search(r'<script type="application/json" id="query-page-setup">(.*?)</script>',
                                 client.get("/").text, re.S).group(1))
    assert setup == {"prefixes": {k: str(v) for k, v in PREFIXES.items()}, "base": BASE}
