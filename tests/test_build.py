"""The build as a whole: deterministic, atomic, and clear about bad input (exit 2) and
invalid graphs (exit 1), leaving the previous build in place in both cases."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import project
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
DUMPS = ["channel-kg.trig", "channel-kg.nq", "channel-kg.ttl", "channel-kg.jsonld", "void.ttl",
         "validation.ttl", "manifest.json"]


def kg_build(out: Path, hash_seed: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    return subprocess.run([sys.executable, "-m", "kg", "build", "--out", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_two_builds_are_byte_identical(tmp_path, seed_build):
    other = kg_build(tmp_path / "again", hash_seed="12345")
    assert other.returncode == 0, other.stderr
    for name in DUMPS:
        assert (seed_build[1] / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_summary_counts_graphs_and_classes(seed_build):
    summary = seed_build[0].summary()
    assert "https://w3id.org/channel-kg/graph/inferred" in summary
    assert "https://w3id.org/channel-kg/graph/article/003_106ccf3bbe2b93ab/curated" in summary
    assert "ck:Funding" in summary and "ck:Minister" in summary


def test_build_is_a_symlink_to_a_complete_version(seed_build):
    out = seed_build[1]
    assert out.is_symlink()
    assert all((out / name).exists() for name in DUMPS)


@pytest.fixture
def curated_copy(tmp_path, monkeypatch):
    """A writable copy of mappings/curated that the build reads instead of the real one."""
    copy = tmp_path / "curated"
    shutil.copytree(project.CURATED_DIR, copy)
    monkeypatch.setattr(project, "CURATED_DIR", copy)
    return copy


def build_with_cli(out: Path):
    return CliRunner().invoke(main, ["build", "--seeds", str(ROOT / "seeds"), "--out", str(out)])


def test_turtle_syntax_error_exits_2_naming_file_and_line(tmp_path, curated_copy, seed_build):
    out = tmp_path / "build"
    shutil.copytree(seed_build[1], out)  # a previous good build (a plain folder this time)
    before = (out / "channel-kg.nq").read_bytes()
    broken = curated_copy / "004_63b909f5f1b88480.ttl"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "this is not turtle .")
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = build_with_cli(out)
    assert result.exit_code == 2
    assert "004_63b909f5f1b88480.ttl:6" in result.output
    assert (out / "channel-kg.nq").read_bytes() == before


def test_shape_violation_exits_1_naming_node_path_shape(tmp_path, curated_copy, seed_build):
    out = tmp_path / "build"
    first = build_with_cli(out)
    assert first.exit_code == 0, first.output
    before = (out / "channel-kg.nq").read_bytes()
    with (curated_copy / "003_106ccf3bbe2b93ab.ttl").open("a", encoding="utf-8") as turtle:
        turtle.write('\n<https://w3id.org/channel-kg/id/funding/2021-07-20-uk-france-agreement-62700000-eur>'
                     ' <https://w3id.org/channel-kg/ontology#currency> "euros" .\n')
    result = build_with_cli(out)
    assert result.exit_code == 1
    assert "funding:2021-07-20-uk-france-agreement-62700000-eur" in result.output
    assert "ck:currency" in result.output and "FundingShape" in result.output
    assert (out / "channel-kg.nq").read_bytes() == before


def test_quote_not_in_article_exits_2(tmp_path, curated_copy):
    with (curated_copy / "001_f9e0af551127a38c.ttl").open("a", encoding="utf-8") as turtle:
        turtle.write('\n<https://w3id.org/channel-kg/id/meeting/x> <https://w3id.org/channel-kg/ontology#evidence>'
                     ' [ <https://w3id.org/channel-kg/ontology#quote> "words nobody wrote" ] .\n')
    result = build_with_cli(tmp_path / "build")
    assert result.exit_code == 2
    assert "001_f9e0af551127a38c.ttl" in result.output and "words nobody wrote" in result.output
    assert not (tmp_path / "build").exists()


def test_conflicting_labels_for_one_iri_exit_2(tmp_path, curated_copy):
    with (curated_copy / "002_c02e5e3545120daa.ttl").open("a", encoding="utf-8") as turtle:
        turtle.write('\n<https://w3id.org/channel-kg/id/person/gerald-darmanin>'
                     ' <http://www.w3.org/2000/01/rdf-schema#label> "Gerard Darmanin"@en .\n')
    result = build_with_cli(tmp_path / "build")
    assert result.exit_code == 2
    assert "gerald-darmanin" in result.output and "skos:altLabel" in result.output


def test_a_curated_label_wins_and_the_rules_wording_becomes_an_alt_label(seed_store):
    """Article 003's €62.7m is labelled by its curated file and by the rules; the build keeps one
    rdfs:label (the curated one) and the rules graph keeps its own wording as skos:altLabel."""
    funding = "<https://w3id.org/channel-kg/id/funding/2021-07-20-uk-france-agreement-62700000-eur>"
    labels = [(row["g"].value, row["l"].value) for row in seed_store.query(
        f"SELECT ?g ?l WHERE {{ GRAPH ?g {{ {funding} <http://www.w3.org/2000/01/rdf-schema#label> ?l }} "
        f"FILTER(LANG(?l) = 'en') }}")]
    assert labels == [("https://w3id.org/channel-kg/graph/article/003_106ccf3bbe2b93ab/curated",
                       "Funding: €62.7m from the UK to support France's efforts against small boats (July 2021)")]
    alt = [row["l"].value for row in seed_store.query(
        f"SELECT ?l WHERE {{ GRAPH <https://w3id.org/channel-kg/graph/article/003_106ccf3bbe2b93ab/rules> "
        f"{{ {funding} <http://www.w3.org/2004/02/skos/core#altLabel> ?l }} }}")]
    assert alt == ["Funding: €62.7m"]
    # curated in English only: the rules' French name stays its French label
    french = [row["l"].value for row in seed_store.query(
        f"SELECT ?l WHERE {{ GRAPH ?g {{ {funding} <http://www.w3.org/2000/01/rdf-schema#label> ?l }} "
        f"FILTER(LANG(?l) = 'fr') }}")]
    assert french == ["Financement : €62.7m"]


def test_no_node_has_two_labels_in_one_language(seed_store):
    twice = list(seed_store.query("""SELECT ?x ?lang WHERE {
        ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l BIND(LANG(?l) AS ?lang)
    } GROUP BY ?x ?lang HAVING (COUNT(DISTINCT ?l) > 1)"""))
    assert twice == []


@pytest.mark.parametrize("verb", [["query", "statistics"], ["export", "--format", "turtle"], ["push", "--to", "http://127.0.0.1:9/store"]])
def test_a_verb_without_a_build_says_so_in_one_line(verb, tmp_path):
    result = CliRunner().invoke(main, [*verb, "--build-dir", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output


def test_articles_wording_one_sum_differently_still_give_one_name(tmp_path):
    """Two new articles name the same money of the same agreement in their own words: one node,
    one rdfs:label (the first article's), the other wording a skos:altLabel; the build conforms."""
    seeds = tmp_path / "seeds"  # other articles than the five seeds: none of the external graph's nodes
    seeds.mkdir()
    (seeds / "a.txt").write_text("UK and France sign new Channel deal\n16 July 2022\n\nHome Secretary Priti Patel and "
                                 "French Interior Minister Gérald Darmanin signed an agreement on Saturday. Britain "
                                 "will pay France £55m to increase patrols.\n", encoding="utf-8")
    (seeds / "b.txt").write_text("Britain to fund more French patrols\n18 July 2022\n\nUnder the agreement signed "
                                 "on 16 July 2022, Britain will pay France 55 million pounds.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    from rdflib import Dataset, URIRef
    from rdflib.namespace import RDFS, SKOS
    data = Dataset()
    data.parse(tmp_path / "out" / "channel-kg.nq", format="nquads")
    funding = URIRef("https://w3id.org/channel-kg/id/funding/2022-07-16-uk-france-agreement-55000000-gbp")
    labels = {(str(o), o.language) for _, _, o, _ in data.quads((funding, RDFS.label, None, None))}
    alternatives = {(str(o), o.language) for _, _, o, _ in data.quads((funding, SKOS.altLabel, None, None))}
    assert labels == {("Funding: £55m", "en"), ("Financement : £55m", "fr")}  # one per pack language
    assert alternatives == {("Funding: 55 million pounds", "en"), ("Financement : 55 million pounds", "fr")}
    external = URIRef("https://w3id.org/channel-kg/graph/external")
    assert not list(data.quads((None, None, None, external)))  # nothing it knows is about these articles
