"""French page headers (mappings/rules/fr/metadata.yaml): datelines as French, Belgian and Swiss
pages print them, update lines, bylines before the date, boilerplate."""

from datetime import date, datetime

import pytest

from kg.rules import metadata
from rules_helpers import FRENCH

TITLE = "Manche : un nouvel accord franco-britannique signé à Paris"


@pytest.mark.parametrize("dateline, issued", [
    ("Publié le 03/10/2023 à 10h32", datetime(2023, 10, 3, 10, 32)),
    ("Publié le 03/10/2023 à 10h32 - Mis à jour le 03/10/2023 à 12h05", datetime(2023, 10, 3, 10, 32)),
    ("Publié le 12/08/2023 à 09h47 · Mis à jour le 12/08/2023 à 14h20", datetime(2023, 8, 12, 9, 47)),
    ("Publié le mardi 3 octobre 2023 à 10:32", datetime(2023, 10, 3, 10, 32)),
    ("3 oct. 2023", date(2023, 10, 3)),
    ("Le 3 octobre 2023 à 10:32", datetime(2023, 10, 3, 10, 32)),
    ("10h32, le 3 octobre 2023", datetime(2023, 10, 3, 10, 32)),
    ("Publié le 04.10.2023 à 10:32", datetime(2023, 10, 4, 10, 32)),   # Swiss pages
    ("04.10.2023, 10:32", datetime(2023, 10, 4, 10, 32)),
    ("Publié le 1er mars 2023 à 7h00", datetime(2023, 3, 1, 7, 0)),
    ("Mis à jour le 04/10/2023 à 12h00 | Publié le 03/10/2023 à 10h32", datetime(2023, 10, 3, 10, 32)),
    ("Publié le 03 octobre 2023 à 10h32, modifié le 03 octobre 2023 à 12h00", datetime(2023, 10, 3, 10, 32)),
    ("Publié le 03/10/2023 10:32 Mis à jour le 03/10/2023 12:00", datetime(2023, 10, 3, 10, 32)),
    ("Publié le 04 octobre 2023 à 10:32. Modifié le 04 octobre 2023 à 12:32.", datetime(2023, 10, 4, 10, 32)),
    ("Publié le 3 octobre 2023 à 10h32 (heure de Paris)", datetime(2023, 10, 3, 10, 32)),
    ("Par Julien Marchand - Publié le 03/10/2023 à 10h32", datetime(2023, 10, 3, 10, 32)),
    ("Mis en ligne le 3 octobre 2023 à 10h32", datetime(2023, 10, 3, 10, 32)),
    ("Lundi 14 novembre 2022 à 18:40 - Par la rédaction de France Bleu Nord", datetime(2022, 11, 14, 18, 40)),
    ("Paris, le 4 décembre 2023", date(2023, 12, 4)),
    ("Communiqué de presse – Paris, le 28 novembre 2020", date(2020, 11, 28)),
    ("Publié le 03 oct 2023 à 10h32", datetime(2023, 10, 3, 10, 32)),
    ("Publié le 3 janv 2023", date(2023, 1, 3)),
    ("Le 12 sept. 2023 à 8h", datetime(2023, 9, 12, 8, 0)),
    ("Publié le 7 juil. 2021 à 18h", datetime(2021, 7, 7, 18, 0)),
    ("Mis à jour le 04/10/2023 · Publié le 03/10/2023 à 10h32", datetime(2023, 10, 3, 10, 32)),
])
def test_datelines(dateline, issued):
    meta = metadata.read_metadata(f"{TITLE}\n{dateline}\n\nLe texte.\n", FRENCH)
    assert meta.issued.value == issued
    assert meta.title.value == TITLE


def test_a_byline_and_an_update_line_before_the_date_are_furniture():
    text = f"{TITLE}\nPar Julien Marchand, correspondant à Calais\nMis à jour le 05/10/2023\nPublié le 03/10/2023\n\nLe texte.\n"
    meta = metadata.read_metadata(text, FRENCH)
    assert meta.issued.value == date(2023, 10, 3)
    furniture = [text[s.start:s.end] for s in meta.furniture]
    assert "Par Julien Marchand, correspondant à Calais" in furniture
    assert "Mis à jour le 05/10/2023" in furniture


@pytest.mark.parametrize("line", ["Lire aussi : Les traversées repartent à la hausse",
                                  "À lire aussi - Le Touquet, vingt ans après", "(Avec AFP)"])
def test_boilerplate_lines(line):
    text = f"{TITLE}\nPublié le 03/10/2023\n\nLe texte.\n\n{line}\n"
    meta = metadata.read_metadata(text, FRENCH)
    assert line in [text[s.start:s.end] for s in meta.furniture]


def test_a_body_sentence_that_opens_with_a_date_is_no_dateline():
    text = f"{TITLE}\n\nLe 3 octobre 2023, les deux ministres se sont rencontrés.\n"
    assert metadata.read_metadata(text, FRENCH).issued is None
