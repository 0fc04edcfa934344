"""The rules on the seed articles meet the curated graph on one IRI per real thing.

Three seeds print no publication date (001, 002, 003). Their relative dates are resolved
against the publication day the external graph records, so the rules name their meetings and
agreements as curators do (`2019-08-29-uk-france-meeting`, `2022-11-14-uk-france-agreement`)
instead of minting article-based IRIs: two nodes for one meeting would inflate every count of
repeated pledges.
"""

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, PROV, RDF

from kg import curated, mapping, ontology, project, seeds
from kg.map_rules import map_article
from kg.namespaces import CK, EXTERNAL_GRAPH, ID

ARTICLES = seeds.read_seeds(project.ROOT / "seeds")
UNDATED = {"001_f9e0af551127a38c", "002_c02e5e3545120daa", "003_106ccf3bbe2b93ab"}
CONTESTED = (project.ROOT / "queries" / "contested.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def graphs() -> dict:
    """stem -> (rules graph, curated graph)."""
    curated_graphs = curated.load_curated(ARTICLES, project.CURATED_DIR)
    lexicon = mapping.lexicon(ontology.load_ontology(), ontology.load_vocab(),
                              curated.load_external(project.EXTERNAL_FILE), curated_graphs.values())
    return {a.stem: (map_article(a, lexicon), Graph().parse(project.CURATED_DIR / f"{a.stem}.ttl")) for a in ARTICLES}


@pytest.mark.parametrize("stem", [a.stem for a in ARTICLES])
def test_meetings_and_agreements_have_the_curated_iris(stem, graphs):
    rules, curated_graph = graphs[stem]
    for cls in (CK.Meeting, CK.Agreement):
        found, expected = set(rules.subjects(RDF.type, cls)), set(curated_graph.subjects(RDF.type, cls))
        assert found == expected, (cls, found ^ expected)


@pytest.mark.parametrize("stem", [a.stem for a in ARTICLES])
def test_statistics_have_the_curated_iris(stem, graphs):
    rules, curated_graph = graphs[stem]
    assert set(rules.subjects(RDF.type, CK.Statistic)) <= set(curated_graph.subjects(RDF.type, CK.Statistic))


@pytest.mark.parametrize("stem", sorted(UNDATED))
def test_an_undated_seed_keeps_no_publication_date_but_says_what_anchored_it(stem, graphs):
    rules, _ = graphs[stem]
    article = ID[f"article/{stem}"]
    assert rules.value(article, DCTERMS.issued) is None
    assert (ID[f"activity/rules-{stem}"], PROV.used, EXTERNAL_GRAPH) in rules
    dated = [e for cls in (CK.Meeting, CK.Agreement) for e in rules.subjects(RDF.type, cls)
             if rules.value(e, CK.date) is not None and rules.value(e, CK.dateText) is not None]
    assert dated


def test_the_contested_query_finds_the_critics_in_the_rules_graphs(graphs):
    union = Graph()
    for rules, _ in graphs.values():
        union += rules
    rows = list(union.query(CONTESTED))
    names = {(str(r.name), str(r.organisation)) for r in rows}
    assert ("Bridget Chapman", "Kent Refugee Action Network") in names
    assert ("Enver Solomon", "Refugee Council") in names
    assert any("simply not true" in str(r.quote) for r in rows)
