"""Shared fixtures: one real build of the five seeds per test session, the app on it, a
listener that must receive nothing, a headless Chromium, and the vocabulary the rule tests
map articles with."""

from pathlib import Path

import pytest
from rdflib import Graph

from api.testing import CHROMIUM, CHROMIUM_ARGS, Listener
from kg import ontology
from kg.build import run_build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built into a temporary folder: (BuildResult, path of the published build)."""
    out = tmp_path_factory.mktemp("seed-build") / "build"
    result = run_build(SEEDS, out)
    assert result.conforms, result.violations_text()
    return result, out


@pytest.fixture(scope="session")
def sources_build(tmp_path_factory):
    """The English articles of tests/articles/sources/ (one 2026 deal told alike and
    differently) built on their own: the path of the published build."""
    out = tmp_path_factory.mktemp("sources-build") / "build"
    result = run_build(ROOT / "tests" / "articles" / "sources", out)
    assert result.conforms, result.violations_text()
    return out


@pytest.fixture(scope="session")
def seed_store(seed_build):
    """The seed build loaded into pyoxigraph, default graph = union of the named graphs."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(seed_build[1] / "channel-kg.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="module")
def build(seed_build):
    """The published seed build's folder."""
    return seed_build[1]


@pytest.fixture(scope="module")
def client(build):
    """The app on the seed build, in this process, with two query workers."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    with TestClient(create_app(Settings(build_dir=build, workers=2))) as test_client:
        yield test_client


@pytest.fixture()
def listener():
    """A TCP listener on 127.0.0.1 recording every connection: SERVICE and LOAD must not reach it."""
    lst = Listener()
    yield lst
    lst.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def vocab() -> Graph:
    """The ontology and its vocabularies: what the rules read when no curated graph is given
    (tests/test_rules_*.py)."""
    return ontology.load_ontology() + ontology.load_vocab()
