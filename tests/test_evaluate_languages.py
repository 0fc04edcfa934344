"""`kg evaluate` judges each language pack on its own articles: a row per article language."""

import shutil
from pathlib import Path

from kg import project
from kg.evaluate import evaluate_seeds

FRENCH = Path(__file__).parent / "articles" / "fr" / "interieur_2022_accord_braverman.txt"
# What a curator reads in the French communiqué: its two sums and three figures.
CURATED_FRENCH = """\
@prefix ck: <https://w3id.org/channel-kg/ontology#> .
@prefix id: <https://w3id.org/channel-kg/id/> .
@prefix ms: <https://w3id.org/channel-kg/measure/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/channel-kg/id/funding/f1> a ck:Funding ; ck:amount 72200000.0 ; ck:currency "EUR" .
<https://w3id.org/channel-kg/id/funding/f2> a ck:Funding ; ck:amount 63000000.0 ; ck:currency "GBP" .
<https://w3id.org/channel-kg/id/statistic/a> a ck:Statistic ; ck:measure ms:officer-increase ; ck:value 40.0 .
<https://w3id.org/channel-kg/id/statistic/b> a ck:Statistic ; ck:measure ms:crossings-prevented ; ck:value 32000.0 .
<https://w3id.org/channel-kg/id/statistic/c> a ck:Statistic ; ck:measure ms:crime-groups-disrupted ; ck:value 55.0 .
<https://w3id.org/channel-kg/id/statistic/d> a ck:Statistic ; ck:measure ms:deaths ; ck:value 3.0 .
"""


def test_each_language_has_its_row_and_the_total_adds_them(tmp_path):
    seeds, curated = tmp_path / "seeds", tmp_path / "curated"
    shutil.copytree(project.ROOT / "seeds", seeds)
    shutil.copytree(project.CURATED_DIR, curated)
    shutil.copy(FRENCH, seeds / "900_fr_communique.txt")
    (curated / "900_fr_communique.ttl").write_text(CURATED_FRENCH, encoding="utf-8")
    evaluation = evaluate_seeds(seeds, curated)
    english = evaluate_seeds(project.ROOT / "seeds")

    assert evaluation.languages["900_fr_communique"] == "fr"
    french = evaluation.total("Statistic", "fr")
    # three of the four curated figures found (the fourth is not in the text), nothing extra
    assert (french.true_positive, french.false_positive, french.false_negative) == (3, 0, 1)
    assert evaluation.total("Funding", "fr").true_positive == 2
    for kind in ("Funding", "Statistic", "Person"):
        en, fr, total = evaluation.total(kind, "en"), evaluation.total(kind, "fr"), evaluation.total(kind)
        assert vars(en) == vars(english.total(kind))  # the English rows do not move
        assert total.true_positive == en.true_positive + fr.true_positive

    rows = [line.split()[:3] for line in evaluation.table().splitlines()]
    assert ["language", "en", "(5)"] in rows and ["language", "fr", "(1)"] in rows
