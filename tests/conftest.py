"""Shared fixtures: one real build of the five seeds per test session."""

from pathlib import Path

import pytest

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
def seed_store(seed_build):
    """The seed build loaded into pyoxigraph, default graph = union of the named graphs."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(seed_build[1] / "channel-kg.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store
