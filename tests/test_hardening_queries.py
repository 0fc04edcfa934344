"""Hostile queries against a server subprocess on 127.0.0.1 serving the seed build.

Each is refused with a clear 4xx or stopped at the time limit (503) while a simple query sent
at the same time keeps answering within a second; no update runs, whatever the route; and no
query, spelling or JSON-LD context makes the server contact another address. Extends
tests/test_api_safety.py (its update forms and routes, its SERVICE spellings, the lexer cases)
rather than repeating it.
"""

import itertools
import json
import random
import shutil
import threading
import time
import uuid

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from kg import querytext
from api.app import create_app
from api.settings import ROOT, Settings
from api.testing import raw_request, server

TIME_LIMIT = 2.0
CK = "https://w3id.org/channel-kg/ontology#"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
MARK = "<urn:channel-kg:test:hardening>"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def base(seed_build):
    with server(seed_build[1], timeout=TIME_LIMIT) as url:
        yield url


def health(base) -> dict:
    return httpx.get(base + "/health", timeout=10).json()


def full_strength(base, deadline: float = 30.0) -> dict:
    """Wait until every query worker is up (a worker stopped at the time limit is replaced)."""
    end = time.monotonic() + deadline
    while True:
        state = health(base)
        every = state["workers"] + state["short_lane_workers"]  # both lanes' workers
        if len(state["worker_pids"]) == every or time.monotonic() > end:
            assert len(state["worker_pids"]) == every, state
            return state
        time.sleep(0.1)


class Probe:
    """Simple, uncached queries sent one after another for as long as the block runs (and at
    least `minimum` seconds): each must be answered, correctly, within a second."""

    def __init__(self, base: str, minimum: float = 0.5):
        self.base, self.minimum = base, minimum
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        with httpx.Client(timeout=10) as client:
            for n in itertools.count():
                if self._stop.is_set():
                    break
                # In turn a lookup the web process answers itself and a join only a worker runs.
                pattern = f'?s ?p "{uuid.uuid4()}"' if n % 2 else f'?s ?p ?o . ?o ?q "{uuid.uuid4()}"'
                query = f"ASK {{ {pattern} }}"
                started = time.monotonic()
                try:
                    response = client.get(self.base + "/sparql", params={"query": query})
                    ok = response.status_code == 200 and response.json()["boolean"] is False
                    if not ok:
                        self.failures.append(f"{response.status_code} {response.text[:200]}")
                except httpx.HTTPError as error:
                    self.failures.append(repr(error))
                self.latencies.append(time.monotonic() - started)
                time.sleep(0.05)

    def __enter__(self):
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        time.sleep(max(0.0, self.minimum - (time.monotonic() - self._started)))
        self._stop.set()
        self._thread.join()

    def assert_responsive(self, what: str):
        assert self.latencies, f"no simple query was sent during {what}"
        assert not self.failures, (what, self.failures[:3])
        assert max(self.latencies) < 1.0, f"a simple query took {max(self.latencies):.2f} s during {what}"


def get(query):
    return lambda base: httpx.get(base + "/sparql", params={"query": query}, timeout=60)


def post_direct(query):
    return lambda base: httpx.post(base + "/sparql", content=query.encode(), timeout=60,
                                   headers={"Content-Type": "application/sparql-query"})


def post_form(query):
    return lambda base: httpx.post(base + "/sparql", data={"query": query}, timeout=60)


def post_chunked(query):
    data = query.encode()
    chunks = (data[i:i + 65536] for i in range(0, len(data), 65536))
    return lambda base: httpx.post(base + "/sparql", content=chunks, timeout=60,
                                   headers={"Content-Type": "application/sparql-query"})


class Raw:
    def __init__(self, status, body):
        self.status_code, self.text = status, body.decode("utf-8", "replace")


def get_raw(target: bytes):
    return lambda base: Raw(*raw_request(base, target))


PATHS = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a (<{CK}party>|!<{CK}party>)* ?b . ?b (<{CK}party>|!<{CK}party>)* ?c }}"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r }"
REGEX_PAIRS = ('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?t ?q ?u '
               'FILTER REGEX(CONCAT(STR(?o), STR(?u)), "^(.*a)*x$") }')
REGEX_HUGE = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER REGEX(STR(?o), "(((a{100}){100}){100})") }'
VALUES_ROWS = " ".join(str(i) for i in range(100_000))
LONG_COMMENT = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * (10 * MB)

HOSTILE = [
    ("a cartesian product over the whole graph", get(CARTESIAN), 503, "time limit"),
    ("two unbounded (<p>|!<p>)* paths", get(PATHS), 503, "time limit"),
    ("REGEX over every pair of values", post_form(REGEX_PAIRS), 503, "time limit"),
    ("REGEX of a huge repetition over every value", get(REGEX_HUGE), 503, "time limit"),
    ("a VALUES block of 100,000 rows joined with the graph",
     post_direct(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o VALUES ?x {{ {VALUES_ROWS} }} }}"), 503, "time limit"),
    ("a 10 MB query body", post_direct(LONG_COMMENT), 413, "limit"),
    ("a 10 MB form body", post_form(LONG_COMMENT), 413, "limit"),
    ("a 10 MB body without a length", post_chunked(LONG_COMMENT), 413, "limit"),
    ("a 1.2 MB query string", get_raw(b"/sparql?query=ASK%7B%7D%23" + b"x" * (MB + MB // 5)), 414, "limit"),
    ("5,000 nested braces", get("SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000), 400, "deep"),
    ("100,000 nested braces", post_direct("SELECT * WHERE " + "{" * 100_000 + " ?s ?p ?o " + "}" * 100_000),
     400, "deep"),
    ("50,000 nested parentheses", post_direct("ASK { FILTER" + "(" * 50_000 + "1" + ")" * 50_000 + " }"), 400, "deep"),
    ("20,000 chained UNIONs", post_direct("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20_000) + " }"),
     400, "operators"),
    ("100,000 chained additions", post_direct("SELECT * WHERE { BIND(" + "+".join(["1"] * 100_000) + " AS ?x) }"),
     400, "operators"),
    ("an unclosed long string built to make a lexer backtrack", post_direct('ASK { ?s ?p """' + '\\"' * 300_000 + " }"),
     400, "error"),
]


@pytest.mark.parametrize("what, send, status, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_query_is_refused_or_stopped_while_others_are_served(base, what, send, status, message):
    before = full_strength(base)
    with Probe(base) as probe:
        started = time.monotonic()
        response = send(base)
        elapsed = time.monotonic() - started
    assert response.status_code == status, (what, response.status_code, response.text[:300])
    assert message in response.text
    assert elapsed < TIME_LIMIT + 3.0, f"{what} took {elapsed:.1f} s to be answered"
    probe.assert_responsive(what)
    after = full_strength(base)
    if status == 503:  # the work really stopped: its worker was killed and replaced
        assert after["workers_replaced"] > before["workers_replaced"]
    else:  # refused before any worker saw it
        assert after["workers_replaced"] == before["workers_replaced"] and \
            after["worker_pids"] == before["worker_pids"]


def test_large_but_reasonable_queries_still_run(base):
    """The limits leave room: 100,000 VALUES rows, a 60 KB GET query (GETs stop at 64 KB; nginx
    and Jetty stop at 8 KB by default), a chain of 9,000
    additions (just under the operator limit: runs or meets the time limit, never kills a worker)."""
    values = post_direct(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {VALUES_ROWS} }} }}")(base)
    assert values.status_code == 200, values.text[:300]
    assert values.json()["results"]["bindings"][0]["n"]["value"] == "100000"
    status, body = raw_request(base, b"/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D%23" + b"x" * 60_000)
    assert status == 200 and json.loads(body)["boolean"] is True
    before = full_strength(base)
    chain = post_direct("SELECT * WHERE { BIND(" + "+".join(["1"] * 9000) + " AS ?x) }")(base)
    assert chain.status_code in (200, 503), chain.text[:300]
    after = full_strength(base)
    assert after["workers_replaced"] - before["workers_replaced"] == (chain.status_code == 503)


def test_catastrophic_backtracking_regex_is_harmless(base):
    """The engine's regular expressions run in linear time: (a+)+$ on a 30,000-character string
    that does not match answers at once."""
    text = ",".join(['"' + "a" * 50 + '"'] * 600)
    query = f'ASK {{ BIND(CONCAT({text}, "!") AS ?x) FILTER REGEX(?x, "^(a+)+$") }}'
    started = time.monotonic()
    response = post_direct(query)(base)
    assert response.status_code == 200 and response.json()["boolean"] is False
    assert time.monotonic() - started < 1.0


# ---- SPARQL Update, in the forms and through the routes test_api_safety.py does not try ----

def update_forms(listener_url: str) -> list[str]:
    graph = "<https://w3id.org/channel-kg/graph/vocab>"
    return [
        f"DELETE DATA {{ GRAPH {graph} {{ {MARK} {MARK} {MARK} }} }}",
        f"INSERT {{ GRAPH <urn:g> {{ ?s {MARK} ?o }} }} WHERE {{ ?s ?p ?o }}",
        f"WITH {graph} DELETE {{ ?s ?p ?o }} INSERT {{ ?o {MARK} ?s }} WHERE {{ ?s ?p ?o }}",
        f"LOAD SILENT <{listener_url}> INTO GRAPH <urn:g>",
        f"LOAD <{listener_url}>",
        "CLEAR ALL", f"CLEAR GRAPH {graph}", "CLEAR NAMED",
        "DROP NAMED", f"DROP SILENT GRAPH {graph}",
        "CREATE GRAPH <urn:g>",
        f"COPY {graph} TO <urn:g>", f"MOVE {graph} TO DEFAULT", f"ADD DEFAULT TO {graph}",
        # Updates smuggled behind a query, a prologue, a comment or lower case:
        f"SELECT * WHERE {{ ?s ?p ?o }} ; INSERT DATA {{ {MARK} {MARK} {MARK} }}",
        "ASK { ?s ?p ?o } DROP ALL",
        f"PREFIX x: <urn:x:> BASE <urn:b:> insert data {{ x:a x:b {MARK} }}",
        "# SELECT * WHERE { ?s ?p ?o }\ndrop all",
        f"SELECT * WHERE {{ {{ INSERT DATA {{ {MARK} {MARK} {MARK} }} }} }}",
    ]


def update_routes(client: httpx.Client, update: str) -> list[tuple[str, httpx.Response]]:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    return [
        ("GET query", client.get("/sparql", params={"query": update})),
        ("GET update", client.get("/sparql", params={"update": update})),
        ("HEAD query", client.head("/sparql", params={"query": update})),
        ("POST form query", client.post("/sparql", data={"query": update})),
        ("POST form update", client.post("/sparql", data={"update": update})),
        ("POST form update in URL", client.post("/sparql", params={"update": update},
                                               content=f"query={COUNT}", headers=form)),
        ("POST sparql-query", client.post("/sparql", content=update,
                                         headers={"Content-Type": "application/sparql-query"})),
        ("POST sparql-update", client.post("/sparql", content=update,
                                          headers={"Content-Type": "application/sparql-update; charset=utf-8"})),
        ("POST sparql-update with a query", client.post("/sparql", params={"query": COUNT}, content=update,
                                                       headers={"Content-Type": "application/sparql-update"})),
        ("named query parameter", client.get("/queries/evidence", params={"node": update})),
        ("named query, extra query", client.get("/queries/timeline", params={"query": update})),
        ("named query, extra update", client.get("/queries/timeline", params={"update": update})),
    ]


def graph_counts(base) -> dict:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = httpx.get(base + "/sparql", params={"query": query}).json()["results"]["bindings"]
    return {r["g"]["value"]: r["n"]["value"] for r in rows}


def test_no_update_runs_through_any_route(base, listener):
    before = graph_counts(base)
    assert before
    forms = update_forms(listener.url)
    with httpx.Client(base_url=base, timeout=30) as client:
        checked = [(update, route, response) for update in forms for route, response in update_routes(client, update)]
    assert len(checked) == len(forms) * 12
    for update, route, response in checked:
        assert 400 <= response.status_code < 500, (route, update, response.status_code, response.text)
        if route.startswith("named query"):
            assert "parameter" in response.text
        elif route != "HEAD query":
            assert any(w in response.text for w in ("read-only", "Update", "error at")), (route, update, response.text)
    assert graph_counts(base) == before
    marked = httpx.get(base + "/sparql", params={"query": f"ASK {{ {{ {MARK} ?p ?o }} UNION {{ ?s {MARK} ?o }} "
                                                             f"UNION {{ GRAPH ?g {{ ?s ?p {MARK} }} }} }}"})
    assert marked.json()["boolean"] is False
    assert listener.connections == []


# ---- No query reaches another address ----

# SERVICE spelled so that a lexer reading words by white space misses it; pyoxigraph matches
# keywords without word boundaries, and reads escapes in IRIs and prefixed names.
GLUED_SERVICE = [
    "SELECT * WHERE {{ ?s ?p 1SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p 1e0SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p true.SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o SERVICESILENT <{url}> {{ ?a ?b ?c }} }}",
    "PREFIX : <{url}> SELECT * WHERE {{ {{ ?s ?p ?o }} SERVICE:a {{ ?a ?b ?c }} }}",
    "PREFIX : <{url}> SELECT * WHERE {{ ?s ?p ?o . service:{{ ?a ?b ?c }} }}",
    "PREFIX x: <http://a/> SELECT * WHERE {{ ?s ?p x:.SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "PREFIX x: <http://a/> SELECT * WHERE {{ ?s ?p x:s\\# . SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "PREFIX x: <http://a/> SELECT * WHERE {{ ?s ?p x:s\\' . SERVICE <{url}> {{ ?a ?b ?c }} ?s ?p 'x' }}",
    "SELECT * WHERE {{ ?s ?p <http://a/\\u0073#> . SERVICE <{url}> {{ ?a ?b ?c }} }}",
]


def engine_store() -> ox.Store:
    """A store in this process (which has a network) whose data makes every pattern above match."""
    store = ox.Store()
    s, p = ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for o in (s, ox.NamedNode("http://a/"), ox.NamedNode("http://a/s#"), ox.NamedNode("http://a/s'"),
              ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")), ox.Literal("x"),
              ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")),
              ox.Literal("1e0", datatype=ox.NamedNode(xsd + "double"))):
        store.add(ox.Quad(s, p, o))
    return store


def engine_connects(store, query: str, listener) -> bool:
    before = len(listener.connections)
    try:
        result = store.query(query, prefixes={"service": listener.url})
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except (SyntaxError, OSError, RuntimeError):
        pass
    return len(listener.connections) > before


def test_glued_service_spellings_reach_the_engine_and_are_refused(base, listener):
    store = engine_store()
    queries = [t.format(url=listener.url) for t in GLUED_SERVICE]
    assert queries
    for query in queries:
        # Each spelling is a real SERVICE call for pyoxigraph (this process has a network)...
        assert engine_connects(store, query, listener), query
        assert querytext.analyse(query).uses_service, query
    listener.connections.clear()
    for query in queries:  # ...and the server refuses every one before running it.
        for response in (get(query)(base), post_direct(query)(base)):
            assert response.status_code == 400 and "SERVICE" in response.text, (query, response.text)
    assert listener.connections == []


def test_lexer_never_misses_a_service_call_the_engine_makes(listener):
    """Differential fuzzing: random text from fragments that can hide or reveal SERVICE (quotes,
    comments, escapes, glued keywords). Whenever the lexer says "no SERVICE", pyoxigraph running
    the same text in this process must not connect anywhere."""
    store = engine_store()
    url = f"<{listener.url}>"
    pieces = ["SERVICE", "service", "SILENT", ":", "x:", "x:s", "1", "1e0", "true", ".", " ", "\n", "#",
              "\\#", "\\'", "\\", "'", '"', '"""', "'''", url, "{", "}", "{ ?a ?b ?c }", "<http://a/\\u0073#>",
              "(", ")", "FILTER", "?o", "-", "_:b", "[", "]", ";", ",", "|", "/", "^", "?", "%41", "OPTIONAL",
              "UNION", "\\u0053", "@en", "^^", "a"]
    rng = random.Random(20240601)
    missed, tried = [], 0
    deadline = time.monotonic() + 20
    while tried < 4000 and time.monotonic() < deadline:
        fragment = "".join(rng.choice(pieces) for _ in range(rng.randint(2, 9)))
        query = f"PREFIX x: <http://a/> SELECT * WHERE {{ ?s ?p ?o {fragment} }}"
        if querytext.analyse(query).uses_service:
            continue
        tried += 1
        if engine_connects(store, query, listener):
            missed.append(fragment)
    assert tried > 500, tried
    assert missed == []


@pytest.mark.parametrize("template", [
    "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "DESCRIBE <{url}>",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(IRI(\"{url}\") AS ?s) ?s ?p ?o }}",
    "SELECT * WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}",
])
def test_datasets_and_iris_naming_a_listener_are_not_fetched(base, listener, template):
    query = template.format(url=listener.url)
    responses = [get(query)(base),
                 httpx.get(base + "/sparql", params={"query": COUNT, "default-graph-uri": listener.url,
                                                     "named-graph-uri": listener.url})]
    for response in responses:
        assert response.status_code == 200, response.text
    assert listener.connections == []


def test_jsonld_contexts_pointing_elsewhere_are_never_fetched(base, seed_build, listener, tmp_path):
    """No route takes JSON-LD input; JSON-LD output is compacted with the server's own context,
    inline only, even when that context file names other addresses."""
    remote = listener.url + "context.jsonld"
    posted = httpx.post(base + "/sparql", json={"@context": remote, "@id": "urn:x", "query": COUNT},
                        headers={"Content-Type": "application/ld+json"})
    assert posted.status_code == 415
    thing = "/id/agreement/2021-07-20-uk-france-agreement"
    asked = httpx.get(base + thing, params={"format": "jsonld", "context": remote},
                      headers={"Accept": f'application/ld+json;profile="{remote}"', "Link":
                               f'<{remote}>; rel="http://www.w3.org/ns/json-ld#context"'})
    assert asked.status_code == 200 and asked.json()["@context"] == httpx.get(base + "/context.jsonld").json()["@context"]
    assert remote not in asked.text  # the server's own context, inline

    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    own = json.loads((ontology / "context.jsonld").read_text())["@context"]
    assert isinstance(own, dict) and own
    scoped = {"@id": CK + "party", "@type": "@id", "@context": remote}
    (ontology / "context.jsonld").write_text(json.dumps(
        {"@context": [remote, {**own, "@import": remote, "party": scoped}]}))
    settings = Settings(build_dir=seed_build[1], ontology_dir=ontology, workers=2)
    with TestClient(create_app(settings)) as client:
        for path in (thing, "/ontology", "/.well-known/void"):
            response = client.get(path, headers={"Accept": "application/ld+json"})
            assert response.status_code == 200, (path, response.text[:300])
            assert response.headers["content-type"].startswith("application/ld+json")
            assert json.loads(response.content)
        assert client.get("/context.jsonld").status_code == 200
    assert listener.connections == []
