"""One IRI per real thing across languages: a French and an English article about the same
meeting, agreement, person or organisation give the same nodes (docs/DESIGN.md, kg/iris.py),
each with its label in its own language."""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg import curated, iris, mapping, ontology, project, seeds
from kg.map_rules import map_article
from kg.namespaces import CK

ARTICLES = Path(__file__).parent / "articles"

# (English article, French article, things both must name)
PAIRS = [
    ("interior_2023_darmanin_cleverly", "interieur_2023_reception_cleverly",
     ["meeting/2023-12-04-uk-france-meeting", "agreement/2023-12-04-uk-france-agreement",
      "meeting/2023-03-10-uk-france-summit", "person/gerald-darmanin", "person/james-cleverly"]),
    ("telegraph_2022_braverman_deal", "francebleu_2022_accord_braverman",
     ["agreement/2022-11-14-uk-france-agreement", "person/suella-braverman", "person/gerald-darmanin"]),
    ("independent_2025_one_in_one_out", "nordlittoral_2025_un_pour_un",
     ["agreement/2025-07-10-uk-france-agreement", "person/emmanuel-macron", "person/keir-starmer"]),
    ("pressrelease_2018_sandhurst", "lemonde_2023_analyse_accords",
     ["agreement/2018-01-18-uk-france-agreement"]),
    ("interior_2023_darmanin_cleverly", "lemonde_2023_analyse_accords", ["meeting/2023-03-10-uk-france-summit"]),
    ("politico_2021_patel_threat", "voixdunord_2021_renforts", ["agreement/2021-07-20-uk-france-agreement"]),
]


@pytest.fixture(scope="module")
def lexicon() -> Graph:
    articles = seeds.read_seeds(project.ROOT / "seeds")
    return mapping.lexicon(ontology.load_ontology(), ontology.load_vocab(),
                           curated.load_external(project.EXTERNAL_FILE),
                           curated.load_curated(articles, project.CURATED_DIR).values())


def _mapped(stem: str, lexicon: Graph) -> Graph:
    path = ARTICLES / f"{stem}.txt" if (ARTICLES / f"{stem}.txt").exists() else ARTICLES / "fr" / f"{stem}.txt"
    return map_article(seeds.read_article(path), lexicon)


def _named(graph: Graph) -> set:
    kinds = (CK.Person, CK.Organisation, CK.Meeting, CK.Agreement)
    return {s for k in kinds for s in graph.subjects(RDF.type, k)}


@pytest.mark.parametrize("english,french,shared", PAIRS, ids=[f"{e}-{f}" for e, f, _ in PAIRS])
def test_a_french_and_an_english_article_name_one_node(english, french, shared, lexicon):
    en, fr = _mapped(english, lexicon), _mapped(french, lexicon)
    both = _named(en) & _named(fr)
    for thing in shared:
        kind, slug = thing.split("/")
        assert iris.thing(kind, slug) in both, thing


def test_the_shared_person_has_a_label_in_each_language_and_one_per_language(lexicon):
    merged = _mapped("interior_2023_darmanin_cleverly", lexicon) + _mapped("interieur_2023_reception_cleverly", lexicon)
    labels = sorted((l.language, str(l)) for l in merged.objects(iris.person("gerald-darmanin"), RDFS.label))
    assert labels == [("en", "Gérald Darmanin"), ("fr", "Gérald Darmanin")]
    # the organisation the English copy calls "the French interior ministry" and the French "le ministère de
    # l'Intérieur": one node, its French name in French
    ministry = iris.organisation("french-interior-ministry")
    assert ("fr", "ministère de l'Intérieur") in {(l.language, str(l)) for l in merged.objects(ministry, RDFS.label)}


def test_a_minted_agreement_is_labelled_in_both_languages(lexicon):
    graph = _mapped("nordlittoral_2025_un_pour_un", lexicon)
    labels = {l.language: str(l) for l in graph.objects(iris.thing("agreement", "2025-07-10-uk-france-agreement"), RDFS.label)}
    assert set(labels) == {"en", "fr"}
    assert "10 juillet 2025" in labels["fr"] and "10 July 2025" in labels["en"]
