"""Reusing each unchanged article's rules output between builds (README "Incremental builds").

An article's rules graph depends only on its text, its file name and stem, its sidecar, and the
rules: the language packs (mappings/rules/), the lexicon the build derives from the ontology,
concept schemes, external and curated graphs, and the engine's code (kg/). The cache key is a
hash of all of these, so any change to one of them maps the article again; nothing is ever
reused across a change. Entries are term-string triples (kg.triples), one file per article
under `{out}.cache/rules/`, written whole (temporary file, then rename); entries no build uses
any more are removed at the end of the next one.
"""

import hashlib
import json
import os
import pickle
from pathlib import Path

from rdflib import Graph

from .seeds import Article
from .triples import Triple, from_graph

CODE_DIR = Path(__file__).resolve().parent
FORMAT = 1  # bumped when the entry format changes


def rules_version(rules_dir: Path, lexicon: Graph) -> str:
    """A hash of everything besides the article that its rules graph depends on."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for folder, pattern in ((Path(rules_dir), "**/*"), (CODE_DIR, "**/*.py")):
        for path in sorted(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{path.relative_to(folder)}\n".encode())
            digest.update(path.read_bytes())
    for line in sorted(" ".join(triple) for triple in from_graph(lexicon, "<urn:lexicon>")):
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def article_key(article: Article, version: str) -> str:
    digest = hashlib.sha256()
    for part in (version, article.stem, article.path.name, article.language,
                 json.dumps(article.sidecar, sort_keys=True, ensure_ascii=False), article.text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class RulesCache:
    def __init__(self, folder: Path, version: str):
        self.folder = Path(folder) / "rules"
        self.version = version
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, article: Article) -> list[Triple] | None:
        key = article_key(article, self.version)
        self.used.add(key)
        try:
            with open(self._path(key), "rb") as entry:
                return pickle.load(entry)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            return None  # none yet, or a damaged entry: map the article again

    def put(self, article: Article, triples: list[Triple]) -> None:
        key = article_key(article, self.version)
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}.part"
        try:
            partial.write_bytes(pickle.dumps(triples, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, self._path(key))
        except OSError:
            partial.unlink(missing_ok=True)  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Remove the entries this build did not use (edited or removed articles, old rules)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".pickle" and path.stem not in self.used:
                path.unlink(missing_ok=True)
