"""API fuzzing: schemathesis drives every operation of the server's own /openapi.json against
a server subprocess on 127.0.0.1 serving the seed build. No answer may be a 5xx other than the
documented 503, and every answer must carry a documented status, a documented media type and,
for JSON, a body that fits the documented schema."""

import json
import re
from pathlib import Path

import httpx
import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.settings import Settings
from api.testing import server

# No 5xx is checked below: schemathesis' own check would also fail the documented 503 of a query
# stopped at the time limit.
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]
METHODS = {"get", "head", "post", "put", "delete", "patch", "options"}


@schemathesis.serializer("application/sparql-query")
def _sparql_query_text(ctx, value):
    """The body of a POST application/sparql-query: the text itself (JSON for other values)."""
    if isinstance(value, bytes):
        return value
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8", "surrogatepass")


def _document() -> dict:
    """What the app serves at /openapi.json (test_the_fuzzed_document_is_the_served_one). Built
    here, without starting anything, because schemathesis parametrizes at collection time."""
    return create_app(Settings(build_dir=Path("/nonexistent/build"), workers=2)).openapi()


schema = schemathesis.openapi.from_dict(_document())


@pytest.fixture(scope="module")
def base(seed_build):
    with server(seed_build[1], timeout=3.0) as url:
        yield url


def test_the_fuzzed_document_is_the_served_one(base):
    served = httpx.get(base + "/openapi.json").json()
    assert served["paths"] and served == json.loads(json.dumps(_document()))


@schema.parametrize()
@hypothesis.settings(max_examples=25, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                     suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, base):
    response = case.call_and_validate(base_url=base, checks=CHECKS, timeout=30)
    assert response.status_code < 500 or response.status_code == 503, response.text[:500]
    if response.status_code == 503:
        assert "time limit" in response.text or "busy" in response.text


def served_operations(routes):
    """(path, method) of every documented route, looking into included routers."""
    for route in routes:
        inner = getattr(route, "original_router", None)  # FastAPI wraps each included router
        if inner is not None:
            yield from served_operations(inner.routes)
        elif getattr(route, "include_in_schema", False):
            yield from ((route.path, method.lower()) for method in route.methods)


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    app = create_app(Settings(build_dir=tmp_path_factory.mktemp("none"), workers=2))
    return app, app.openapi()


def test_every_route_is_documented_with_its_real_answers(document):
    """The document covers every route the app serves, each with its own parameters and media
    types: no operation keeps FastAPI's guess of one JSON answer of any shape."""
    app, doc = document
    served = set(served_operations(app.routes))
    documented = {(path, method) for path, item in doc["paths"].items() for method in item if method in METHODS}
    assert served and served == documented
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            answers = operation["responses"]
            assert "200" in answers, (method, path)
            for code, answer in answers.items():
                for media, body in answer.get("content", {}).items():
                    assert body.get("schema"), (method, path, code, media)
            assert answers["200"]["content"] != {"application/json": {"schema": {}}}, (method, path)


def test_operation_ids_are_unique(document):
    _, doc = document
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert ids and len(ids) == len(set(ids))


def test_sparql_operations_document_the_protocol(document):
    _, doc = document
    get, post = doc["paths"]["/sparql"]["get"], doc["paths"]["/sparql"]["post"]
    assert {p["name"] for p in get["parameters"]} == {"query", "default-graph-uri", "named-graph-uri", "format"}
    assert set(post["requestBody"]["content"]) == {"application/x-www-form-urlencoded", "application/sparql-query"}
    for operation in (get, post):
        media = set(operation["responses"]["200"]["content"])
        assert {"application/sparql-results+json", "text/csv", "text/turtle", "application/ld+json"} <= media
        assert {"400", "403", "406", "413", "503"} <= set(operation["responses"])
    assert "415" in post["responses"]


def test_every_guarantee_names_an_existing_test():
    """docs/GUARANTEES.md: each promise names the test that proves it; those tests exist."""
    root = Path(__file__).resolve().parent.parent
    text = (root / "docs" / "GUARANTEES.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/test_\w+\.py)::(test_\w+)`", text)
    assert len(named) >= 20
    for path, test in named:
        source = (root / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {test}\(", source, re.MULTILINE), f"{path}::{test} does not exist"
    for line in text.splitlines():
        if line.startswith("- **"):
            assert "tests/" in line or "`tests/" in text.split(line, 1)[1].split("\n- **")[0], line
