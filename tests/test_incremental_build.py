"""Incremental builds (kg.rules_cache): a build that reuses unchanged articles' rules output
publishes exactly the dumps a full build does, and maps only what changed."""

import shutil
from pathlib import Path

import pytest

from kg import mapping
from kg.build import run_build

ROOT = Path(__file__).resolve().parents[1]
DUMPS = ("channel-kg.trig", "channel-kg.nq", "channel-kg.ttl", "channel-kg.jsonld", "void.ttl", "validation.ttl")


@pytest.fixture
def count_mapped(monkeypatch):
    """How many articles each build maps (not taken from the cache)."""
    counts = []
    original = mapping._map_to_triples

    def counting(articles, lexicon):
        counts.append(len(articles))
        return original(articles, lexicon)

    monkeypatch.setattr(mapping, "_map_to_triples", counting)
    return counts


def _dumps(build: Path) -> dict[str, bytes]:
    return {name: (build / name).read_bytes() for name in DUMPS}


def test_adding_one_article_maps_one_and_publishes_the_full_builds_bytes(tmp_path, count_mapped):
    articles = ROOT / "tests" / "articles" / "sources"
    added = articles / "homeoffice_2026_agreement.txt"  # the one with a sidecar
    seeds = sorted(articles.glob("*.txt"))
    assert len(seeds) >= 5 and added in seeds and added.with_suffix(".json").exists()
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for path in seeds:
        if path != added:
            shutil.copy(path, corpus)
    assert run_build(corpus, tmp_path / "build").conforms  # fills the cache
    shutil.copy(added, corpus)  # one article added, with its sidecar
    shutil.copy(added.with_suffix(".json"), corpus)
    incremental = run_build(corpus, tmp_path / "build")
    full = run_build(corpus, tmp_path / "fresh" / "build")  # no cache beside it
    assert incremental.conforms and full.conforms
    assert count_mapped == [len(seeds) - 1, 1, len(seeds)]
    assert _dumps(tmp_path / "build") == _dumps(tmp_path / "fresh" / "build")


def test_an_edited_article_or_a_changed_sidecar_is_mapped_again(tmp_path, count_mapped):
    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    first = sorted(corpus.glob("*.txt"))[0]
    run_build(corpus, tmp_path / "build")
    first.write_text(first.read_text(encoding="utf-8") + "\nThe ministers will meet again in March.\n", encoding="utf-8")
    run_build(corpus, tmp_path / "build")
    first.with_suffix(".json").write_text('{"publisher": "Example Times"}', encoding="utf-8")
    run_build(corpus, tmp_path / "build")
    run_build(corpus, tmp_path / "build")  # nothing changed
    assert count_mapped[1:] == [1, 1]  # the last build mapped nothing at all
    cached = list((tmp_path / "build.cache" / "rules").glob("*.pickle"))
    assert len(cached) == len(list(corpus.glob("*.txt")))  # the stale entries were removed
