"""The benchmark corpus (bench/corpus) is the same for the same seed, varies with the seed,
and gives the rule mappings real work: each kind of thing the rules find, found."""

import sys
from pathlib import Path

import pytest

from kg import curated, mapping, ontology, project, seeds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.corpus import write_corpus  # noqa: E402  (bench/ is not an installed package)


def texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path):
    write_corpus(tmp_path / "a", 12, seed=3)
    write_corpus(tmp_path / "b", 12, seed=3)
    write_corpus(tmp_path / "c", 12, seed=4)
    a, b, c = texts(tmp_path / "a"), texts(tmp_path / "b"), texts(tmp_path / "c")
    assert len(a) == 12 and a == b
    generated = [name for name in a if not (ROOT / "seeds" / name).exists()]
    assert generated and all(a[name] != c.get(name) for name in generated)


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(corpus, 25, seed=5, with_seeds=False)
    articles = seeds.read_seeds(corpus)
    onto, vocab = ontology.load_ontology(), ontology.load_vocab()
    lexicon = mapping.lexicon(onto, vocab, curated.load_external(project.EXTERNAL_FILE), [])
    return mapping.map_articles_to_triples(articles, lexicon)


def test_generated_articles_give_the_rules_real_work(mapped):
    types = {o for triples in mapped.values() for _, p, o in triples if p.endswith("#type>")}
    for kind in ("Agreement", "Meeting", "Pledge", "Funding", "Statistic", "Minister", "Evidence"):
        assert f"<https://w3id.org/channel-kg/ontology#{kind}>" in types, kind
    sizes = sorted(len(triples) for triples in mapped.values())
    assert sizes[0] > 100, "every generated article should map to a fair number of triples"
