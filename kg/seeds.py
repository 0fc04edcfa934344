"""Stage 1 — read seeds: the article texts, checked for usable input.

An article's text is its file decoded as UTF-8 (a leading byte-order mark dropped, as Windows
Notepad writes one) with line endings normalised to "\\n"; evidence offsets are Python string
indices into it. Beside `{stem}.txt` may lie `{stem}.json`, the sidecar `kg add` writes (the
page's URL, publisher, dates, language; README "The sidecar"); its language wins over the
detected one. Unusable files stop the build (exit 2) rather than being skipped, so a graph never
silently lacks an article.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import iris, language
from .sidecar import check as check_sidecar
from .errors import InputError

MAX_ARTICLE_BYTES = 1_000_000  # a news article is a few kB; more is a wrong file


@dataclass(frozen=True)
class Article:
    stem: str
    path: Path
    text: str
    language: str = "en"   # BCP 47 code: the sidecar's, else detected
    sidecar: dict = field(default_factory=dict, compare=False)  # {stem}.json, when there is one

    @property
    def iri(self):
        return iris.article(self.stem)


def read_article(path: Path) -> Article:
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(path, "empty file: an article needs text")
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(path, f"{len(raw):,} bytes is larger than the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(path, "binary file (NUL byte): articles must be UTF-8 text", line)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 text (byte {error.start}: {error.reason})", line) from None
    text = decoded.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    sidecar = read_sidecar(path.with_suffix(".json"))
    return Article(stem=path.stem, path=path, text=text,
                   language=sidecar.get("language") or language.detect(text), sidecar=sidecar)


def read_sidecar(path: Path) -> dict:
    """The article's sidecar (a JSON object), or {} when there is none."""
    if not path.exists():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON: {error.msg}", error.lineno) from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (byte {error.start}: {error.reason})") from None
    if not isinstance(document, dict):
        raise InputError(path, "a sidecar must be a JSON object", 1)
    check_sidecar(document, path)
    return document


def read_seeds(seeds_dir: Path) -> list[Article]:
    """All `*.txt` articles in `seeds_dir`, in file-name order."""
    paths = sorted(Path(seeds_dir).glob("*.txt"))
    if not paths:
        raise InputError(seeds_dir, "no *.txt articles found")
    return [read_article(path) for path in paths]
