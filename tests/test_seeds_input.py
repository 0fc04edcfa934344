"""Unusable article files stop the build with a message naming the file (exit 2 in the CLI)."""

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.seeds import MAX_ARTICLE_BYTES, read_article, read_seeds


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match="empty") as error:
        read_article(path)
    assert error.value.path == path


def test_non_utf8_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Headline\nG\xe9rald Darmanin met Priti Patel.\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as error:
        read_article(path)
    assert error.value.path == path and error.value.line == 2
    assert "latin1.txt:2" in str(error.value)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary") as error:
        read_article(path)
    assert error.value.path == path


def test_ten_megabyte_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Channel crossings. " * (10_000_000 // 19 + 1))
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    with pytest.raises(InputError, match="limit") as error:
        read_article(path)
    assert error.value.path == path


def test_windows_line_endings_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Headline of the piece\r\n3 March 2020\r\nThe Home Secretary spoke.\r\n")
    article = read_article(path)
    assert "\r" not in article.text
    assert article.text.splitlines() == ["Headline of the piece", "3 March 2020", "The Home Secretary spoke."]


def test_a_folder_without_articles_is_refused(tmp_path):
    with pytest.raises(InputError, match="no \\*.txt"):
        read_seeds(tmp_path)


def test_one_bad_file_stops_the_whole_read(tmp_path):
    (tmp_path / "a.txt").write_text("A good article about the Channel.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(InputError) as error:
        read_seeds(tmp_path)
    assert Path(error.value.path).name == "b.txt"


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("\ufeffHeadline of the piece\r\n3 March 2020\r\nThe Home Secretary spoke.\r\n".encode("utf-8"))
    article = read_article(path)
    assert article.text.startswith("Headline of the piece\n")


def test_the_language_is_detected_from_the_text(tmp_path):
    english = tmp_path / "en.txt"
    english.write_text("UK and France agree plan\nThe Home Secretary met her French counterpart in London "
                       "to agree more patrols on the beaches of northern France.\n", encoding="utf-8")
    french = tmp_path / "fr.txt"
    french.write_text("Accord franco-britannique\nLe ministre de l'Intérieur a rencontré son homologue "
                      "britannique à Londres pour renforcer les patrouilles sur les plages du Nord.\n",
                      encoding="utf-8")
    assert read_article(english).language == "en"
    assert read_article(french).language == "fr"


def test_the_sidecars_language_wins_over_detection(tmp_path):
    path = tmp_path / "quoted.txt"
    path.write_text("Accord franco-britannique\nLe ministre de l'Intérieur a rencontré son homologue.\n",
                    encoding="utf-8")
    path.with_suffix(".json").write_text('{"language": "en", "publisher": "Example Times"}', encoding="utf-8")
    article = read_article(path)
    assert article.language == "en"
    assert article.sidecar["publisher"] == "Example Times"


def test_a_broken_sidecar_is_refused_with_its_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\nBody text about the Channel.\n", encoding="utf-8")
    path.with_suffix(".json").write_text('{\n  "title": "Headline",\n  "language": \n}\n', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON") as error:
        read_article(path)
    assert error.value.path == path.with_suffix(".json") and error.value.line == 4


@pytest.mark.parametrize("field, value, message", [
    ("published", "19 February 2020", "'published' must be an ISO 8601 date or date-time"),
    ("published", "20200219", "'published' must be an ISO 8601 date or date-time"),
    ("modified", "2020-W08", "'modified' must be an ISO 8601 date or date-time"),
    ("language", "en_GB", "'language' must be a BCP 47 language tag"),
    ("authors", "Evan Halper", "'authors' must be a list of names"),
    ("publisher", 7, "'publisher' must be a string or null"),
])
def test_a_sidecar_value_of_the_wrong_form_is_refused_naming_the_field(tmp_path, field, value, message):
    path = tmp_path / "a.txt"
    path.write_text("Headline\nBody text about the Channel.\n", encoding="utf-8")
    path.with_suffix(".json").write_text(json.dumps({"title": "Headline", field: value}), encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        read_article(path)
    assert error.value.path == path.with_suffix(".json")
