"""Hostile paths and content, against a server subprocess on 127.0.0.1.

Request targets are sent byte for byte (api.testing.raw_request), since HTTP client libraries
normalise `..` and encoded slashes away. The served build is a copy of the seed build with
markup injected into labels, quotes, a file name and the ontology, next to a file that must
never be served. Extends tests/test_api_linked_data.py::test_dumps_no_traversal (TestClient,
/dumps/ only) and tests/test_api_pages.py::test_everything_is_escaped (a named query's text).
"""

import json
import re
import shutil
import uuid
from pathlib import Path

import httpx
import pytest

from api.settings import ROOT
from api.testing import raw_request, raw_response, server, write_sample_build

B = "https://w3id.org/channel-kg/"
CK = B + "ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EVIL = f"{B}id/meeting/2021-01-01-evil-meeting"
CANARY = f"canary-{uuid.uuid4()}"
SECRET_MARKERS = [CANARY, "root:x:0:", "[project]", "def create_app"]


def script(n: int) -> str:
    return f"<script>alert({n})</script>"


def injected_quads() -> str:
    """A meeting whose label, quote, values and links carry markup, and a class with such a label."""
    article = f"<{B}id/article/000_76746>"
    evidence = f"<{B}id/evidence/evil-0-10>"
    graph = f"<{B}graph/article/000_76746/curated>"
    quads = [
        (f"<{EVIL}>", f"<{RDF_TYPE}>", f"<{CK}Meeting>"),
        (f"<{EVIL}>", f"<{RDFS}label>", json.dumps(script(102)) + "@en"),
        (f"<{EVIL}>", f"<{CK}date>", f'"2021-01-01"^^<{XSD}date>'),
        (f"<{EVIL}>", f"<{CK}party>", f"<{B}id/person/priti-patel>"),
        (f"<{EVIL}>", f"<{RDFS}seeAlso>", "<javascript:alert(104)>"),
        (f"<{EVIL}>", f"<{CK}role>", json.dumps('"><svg onload=alert(105)>')),
        (f"<{EVIL}>", f"<{CK}evidence>", evidence),
        (f"<{EVIL}>", f"<http://www.w3.org/ns/prov#wasDerivedFrom>", article),
        (evidence, f"<{RDF_TYPE}>", f"<{CK}Evidence>"),
        (evidence, f"<{CK}quote>", json.dumps("</script><img src=x onerror=alert(103)>")),
        (evidence, f"<{CK}source>", article),
        (evidence, f"<{CK}start>", f'"0"^^<{XSD}integer>'),
        (evidence, f"<{CK}end>", f'"10"^^<{XSD}integer>'),
        (f"<{B}id/statistic/evil>", f"<{RDF_TYPE}>", f"<{CK}EvilThing>"),
    ]
    lines = [f"{s} {p} {o} {graph} ." for s, p, o in quads]
    lines.append(f'<{CK}EvilThing> <{RDFS}label> {json.dumps(script(101))}@en <{B}graph/ontology> .')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def served(seed_build, tmp_path_factory):
    """(base URL, build folder) of a server on the injected copy of the seed build."""
    root = tmp_path_factory.mktemp("served")
    (root / "secret.txt").write_text(CANARY)
    nquads = (seed_build[1] / "channel-kg.nq").read_text(encoding="utf-8") + injected_quads()
    build = write_sample_build(root / "build", nquads)
    (build / "<img src=x onerror=alert(106)>.txt").write_text("a file with markup in its name")
    (build / "link-to-secret").symlink_to(root / "secret.txt")
    queries = root / "queries"
    shutil.copytree(ROOT / "queries", queries)
    (queries / "aaa-evil.rq").write_text(f"# title: {script(110)}\n# description: d\nASK {{}}\n")
    ontology = root / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    with (ontology / "channel-kg.ttl").open("a", encoding="utf-8") as ttl:
        ttl.write(f'\n<{CK}EvilThing> a <http://www.w3.org/2002/07/owl#Class> ;\n'
                  f'  <{RDFS}label> {json.dumps(script(107))}@en ;\n'
                  f'  <{RDFS}comment> "<img src=x onerror=alert(108)>"@en ;\n'
                  f'  <{RDFS}subClassOf> <javascript:alert(109)> .\n')
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHANNEL_KG_ONTOLOGY_DIR", str(ontology))  # read by the server subprocess
        with server(build, queries_dir=queries, timeout=5.0) as base:
            yield base, build


def assert_nothing_leaked(body: bytes, target):
    for marker in SECRET_MARKERS:
        assert marker.encode() not in body, (target, marker)


def traversal_targets(build: Path) -> list[bytes]:
    secret = str(build.parent / "secret.txt").encode()
    encoded = secret.replace(b"/", b"%2f")
    targets = []
    for prefix in (b"/dumps/", b"/id/", b"/id/person/", b"/static/", b"/vendor/yasgui/", b"/queries/",
                   b"/pledge-type/", b"/measure/"):
        for attack in (b"..", b"../secret.txt", b"..%2fsecret.txt", b"..%2Fsecret.txt", b"%2e%2e%2fsecret.txt",
                       b"%2e%2e/secret.txt", b".%2e/secret.txt", b"..%5csecret.txt", b"..\\secret.txt",
                       b"..\\..\\secret.txt", b"%252e%252e%252fsecret.txt", b"..%2f..%2f..%2fpyproject.toml",
                       b"../../../pyproject.toml", b"%2e%2e/%2e%2e/%2e%2e/api/app.py", b"..%2f..%2fapp.py",
                       b"/" + secret, b"%2f" + encoded[3:], encoded, b"/etc/passwd", b"%2fetc%2fpasswd",
                       b"..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", b"C:%5cWindows%5cwin.ini",
                       b"link-to-secret", b"secret.txt%00.nq", b"..%00/secret.txt", b"..;/secret.txt",
                       b"%c0%ae%c0%ae/secret.txt", b"..%252f..%252fsecret.txt"):
            targets.append(prefix + attack)
    targets += [b"/queries/..%2f..%2fpyproject.toml.rq", b"/queries/..%2fapi%2fapp.rq", b"/dumps/..%2f",
                b"/" + secret, b"//" + secret, b"/..%2f..%2f" + secret[1:], b"/dumps/" + encoded + b".rq"]
    return targets


def test_traversal_never_leaves_the_served_folders(served):
    base, build = served
    targets = traversal_targets(build)
    assert len(targets) > 200
    for target in targets:
        status, headers, body = raw_response(base, target)
        assert_nothing_leaked(body, target)
        if status in (307, 308):  # a trailing slash dropped: the client resolves what is left itself
            location = headers["location"]
            assert location.startswith(("/", base)) and CANARY not in location, (target, location)
            continue
        assert status in (400, 404, 405), (target, status, body[:200])
    # The same requests normalised by a client library, for routes that decode before matching.
    for path in ("/dumps/../secret.txt", "/dumps/%2e%2e/secret.txt", "/static/../../pyproject.toml"):
        response = httpx.get(base + path)
        assert response.status_code in (400, 404) and CANARY not in response.text
    # What the folder does hold is served, and only that.
    listing = httpx.get(base + "/dumps/", headers={"Accept": "application/json"}).json()
    names = {entry["name"] for entry in listing}
    assert "channel-kg.nq" in names and "link-to-secret" not in names and "secret.txt" not in names
    assert httpx.get(base + "/dumps/manifest.json").json()["triples"] > 0


def html(base: str, path: str, **params) -> str:
    response = httpx.get(base + path, params=params, headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("text/html"), path
    return response.text


def assert_escaped(page: str, where: str, shown: list[int]):
    """No injected markup is live on the page, and each marker in `shown` is there, escaped."""
    for raw in ("<script>alert", "<img src=x", "<svg onload", "</script><img"):
        assert raw not in page, (where, raw)
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", page, re.IGNORECASE), where
    for n in shown:
        assert f"alert({n})" in page, (where, n)


def test_markup_in_the_data_is_escaped_on_every_html_page(served):
    base, _ = served
    evil_path = "/" + EVIL[len(B):]
    select = ("# </textarea></pre><script>alert(111)</script>\n"
              "SELECT ?label ?quote ?link WHERE { ?m rdfs:label ?label ; ck:evidence/ck:quote ?quote "
              f'FILTER(?m = <{EVIL}>) BIND(IRI("javascript:alert(112)") AS ?link) }}')
    construct = f"CONSTRUCT {{ ?m ?p ?o }} WHERE {{ ?m ?p ?o FILTER(?m = <{EVIL}>) }}"
    pages = {
        "front page": (html(base, "/"), [101, 110]),
        "thing": (html(base, evil_path), [102, 103, 105]),
        "ontology": (html(base, "/ontology"), [107, 108]),
        "named queries": (html(base, "/queries"), [110]),
        "named query results": (html(base, "/queries/timeline", format="html"), [102]),
        "SELECT results": (html(base, "/sparql", query=select, format="html"), [102, 103, 111, 112]),
        "CONSTRUCT results": (html(base, "/sparql", query=construct, format="html"), [102, 104, 105]),
        "dumps": (html(base, "/dumps/"), [106]),
    }
    views = httpx.get(base + "/views", headers={"Accept": "text/html"})
    if views.status_code == 200:  # the pictures of the graph, where installed
        pages["views"] = (views.text, [])
        pages["timeline view"] = (html(base, "/views/timeline"), [102])
    for where, (page, shown) in pages.items():
        assert_escaped(page, where, shown)


@pytest.mark.parametrize("accept", [
    "", ",", ";;;", "/", "*/", "text/", "text/html;q=abc", "*/*;q=nan", "text/html;q=inf, */*;q=-1",
    "application/json;q=0.5;q=0.9", "*/*;q=0", "application/x-nothing", "text/html;;;;q=1;;",
    "a/b;" * 2000, "x" * 8000, "ü/ü".encode("latin-1"), b"\xff\xfe/\xfd",
])
def test_malformed_accept_gets_a_format_or_406_never_500(served, accept):
    base, _ = served
    paths = ["/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201",
             "/sparql?query=DESCRIBE%20%3Chttps://w3id.org/channel-kg/id/person/priti-patel%3E", "/sparql",
             "/" + EVIL[len(B):], "/ontology", "/queries", "/queries/timeline", "/dumps/", "/.well-known/void",
             "/context.jsonld", "/", "/health"]
    value = accept.encode("latin-1") if isinstance(accept, str) else accept
    for path in paths:
        status, body = raw_request(base, path.encode(), headers={b"Accept": value})
        assert status in (200, 406), (path, accept, status, body[:200])
        if status == 406:
            assert b"available" in body, (path, body[:200])


@pytest.mark.parametrize("name", ["nonsense", "", "JSON ", "text/html;q=0", "%00", "x" * 5000, "json,xml"])
def test_unknown_format_parameter_is_406_or_a_default(served, name):
    base, _ = served
    for path in ("/sparql", "/queries/timeline", "/" + EVIL[len(B):], "/ontology", "/dumps/", "/.well-known/void"):
        params = {"format": name}
        if path == "/sparql":
            params["query"] = "ASK {}"
        response = httpx.get(base + path, params=params)
        assert response.status_code in (200, 406), (path, name, response.status_code)
        if response.status_code == 406:
            assert "available" in response.text


def test_non_utf8_and_oversized_query_strings_are_refused_cleanly(served):
    base, _ = served
    not_utf8 = [b"/sparql?query=%FF", b"/sparql?query=ASK%7B%7D&format=%C3%28", b"/queries/evidence?node=%ED%A0%80",
                b"/queries/timeline?format=%80", b"/id/person/priti-patel?format=%FE", b"/dumps/?x=%C0%AF",
                b"/?q=%F8%88%80%80%80", b"/health?%FF=1"]
    for target in not_utf8:
        status, body = raw_request(base, target)
        assert status == 400 and b"not UTF-8" in body, (target, status, body[:200])
    for target in (b"/sparql?query=\xff\xfe", b"/id/person/\xff", b"/dumps/\xc3\x28"):  # raw bytes, not escapes
        status, body = raw_request(base, target)
        assert 400 <= status < 500, (target, status)
    long = b"x" * (1024 * 1024 + 1)
    for target in (b"/sparql?query=" + long, b"/id/person/priti-patel?format=" + long, b"/?q=" + long,
                   b"/queries/timeline?" + b"a=1&" * 300_000, b"/sparql?query=" + b"x" * 65_536):
        status, body = raw_request(base, target)
        assert status == 414 and b"limit" in body, (target[:40], status, body[:200])
    # just under the request-target limit (65,535 bytes) the query reaches the SPARQL parser
    status, body = raw_request(base, b"/sparql?query=" + b"x" * (65_535 - len(b"/sparql?query=")))
    assert status == 400 and b"expected" in body, body[:200]
    form = httpx.post(base + "/sparql", content=b"query=%FF%FE",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 400 and "not UTF-8" in form.text
    direct = httpx.post(base + "/sparql", content=b"ASK {} #\xff", headers={"Content-Type": "application/sparql-query"})
    assert direct.status_code == 400 and "not UTF-8" in direct.text
    # and a server that refused all that still answers
    assert httpx.get(base + "/health").json()["status"] == "ok"
