"""Stage 1 — read seeds: the article texts, checked for usable input.

An article's text is its file decoded as UTF-8 with line endings normalised to "\\n"
(what `Path.read_text` returns); evidence offsets are Python string indices into it.
Unusable files stop the build (exit 2) rather than being skipped, so a graph never
silently lacks an article.
"""

from dataclasses import dataclass
from pathlib import Path

from . import iris
from .errors import InputError

MAX_ARTICLE_BYTES = 1_000_000  # a news article is a few kB; more is a wrong file


@dataclass(frozen=True)
class Article:
    stem: str
    path: Path
    text: str

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
    text = decoded.replace("\r\n", "\n").replace("\r", "\n")
    return Article(stem=path.stem, path=path, text=text)


def read_seeds(seeds_dir: Path) -> list[Article]:
    """All `*.txt` articles in `seeds_dir`, in file-name order."""
    paths = sorted(Path(seeds_dir).glob("*.txt"))
    if not paths:
        raise InputError(seeds_dir, "no *.txt articles found")
    return [read_article(path) for path in paths]
