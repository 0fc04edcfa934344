"""Writing one article into the seeds folder: `{stem}.txt`, the sidecar `{stem}.json`, and the
original page `raw/{stem}.html.gz`; and knowing what the folder already holds.

Each file is written to a temporary name in the same folder and renamed into place, the text
last: the build reads `*.txt`, so a seed exists only once all its files do.
"""

import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import iris

STEM_WORDS = 6          # headline words in a stem
STEM_PUBLISHER_WORDS = 3


def fold(text: str) -> str:
    """Text compared for "the same article": white space folded, case kept."""
    return " ".join(text.split())


def text_digest(text: str) -> str:
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


@dataclass
class SeedsFolder:
    """What a seeds folder holds, by canonical URL, by text and by original bytes: {key: stem}."""
    path: Path
    by_url: dict[str, str] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)
    by_original: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> "SeedsFolder":
        folder = cls(Path(path))
        for text_file in sorted(folder.path.glob("*.txt")):
            sidecar = {}
            try:
                text = text_file.read_text(encoding="utf-8-sig")
                if text_file.with_suffix(".json").exists():
                    sidecar = json.loads(text_file.with_suffix(".json").read_text(encoding="utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError, OSError):
                continue  # the build names what is wrong with it; here it just holds no known article
            folder.remember(text_file.stem, text, sidecar if isinstance(sidecar, dict) else {})
        return folder

    def remember(self, stem: str, text: str, sidecar: dict) -> None:
        for key in (sidecar.get("canonical_url"), sidecar.get("url")):
            if key:
                self.by_url.setdefault(key, stem)
        if sidecar.get("sha256"):
            self.by_original.setdefault(sidecar["sha256"], stem)
        self.by_text.setdefault(text_digest(text), stem)

    def holding(self, text: str, sidecar: dict) -> tuple[str, str] | None:
        """(stem, why) of the seed that already has this article, or None."""
        for key in (sidecar.get("canonical_url"), sidecar.get("url")):
            if key and key in self.by_url:
                return self.by_url[key], "same canonical URL"
        if sidecar.get("sha256") in self.by_original:
            return self.by_original[sidecar["sha256"]], "same page"
        if text_digest(text) in self.by_text:
            return self.by_text[text_digest(text)], "same text"
        return None

    def new_stem(self, published: str | None, publisher: str | None, title: str) -> str:
        """`{yyyy-mm-dd}-{publisher}-{headline words}`, short, readable, and not yet taken."""
        parts = [published[:10] if published else ""]
        parts.append("-".join(iris.slugify(publisher or "").split("-")[:STEM_PUBLISHER_WORDS]))
        parts.append("-".join(iris.slugify(title.replace("_", " ")).split("-")[:STEM_WORDS]))
        base = re.sub(r"-{2,}", "-", "-".join(p for p in parts if p)).strip("-") or "article"
        stem, n = base, 1
        while (self.path / f"{stem}.txt").exists() or (self.path / f"{stem}.json").exists():
            n += 1
            stem = f"{base}-{n}"
        return stem

    def write(self, stem: str, text: str, sidecar: dict, original: bytes | None) -> Path:
        """All files of one seed, each renamed into place whole; the text last."""
        self.path.mkdir(parents=True, exist_ok=True)
        planned = []
        if original is not None:
            (self.path / "raw").mkdir(exist_ok=True)
            # mtime=0: the same page always gives the same bytes
            planned.append((self.path / "raw" / f"{stem}.html.gz", gzip.compress(original, mtime=0)))
        planned.append((self.path / f"{stem}.json",
                        (json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
        planned.append((self.path / f"{stem}.txt", text.encode("utf-8")))
        temporary = []
        try:
            for final, data in planned:
                partial = final.with_name(f".{final.name}.{os.getpid()}.part")
                temporary.append(partial)
                partial.write_bytes(data)
            for (final, _), partial in zip(planned, temporary):
                os.replace(partial, final)
        finally:
            for partial in temporary:
                partial.unlink(missing_ok=True)
        self.remember(stem, text, sidecar)
        return self.path / f"{stem}.txt"
