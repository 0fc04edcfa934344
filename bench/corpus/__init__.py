"""A synthetic corpus in the seeds' style, for measuring the build as the corpus grows.

    python -m bench.corpus --articles 1000 --seed 1 --out /tmp/corpus-1000

writes the five seeds (so the curated graphs are merged too) and `articles - 5` generated
articles named like the seeds (`{index}_{16 hex digits}.txt`). The same seed gives the same
files.
"""

import hashlib
import shutil
from pathlib import Path

from .article import write_article

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


def write_corpus(out_dir: Path, articles: int, seed: int = 1, with_seeds: bool = True) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if with_seeds:
        for path in sorted(SEEDS_DIR.glob("*.txt"))[:articles]:
            written.append(Path(shutil.copy(path, out_dir / path.name)))
    for index in range(len(written), articles):
        article_seed = seed * 1_000_003 + index  # distinct per corpus seed and position
        digest = hashlib.sha256(f"{seed}-{index}".encode()).hexdigest()[:16]
        path = out_dir / f"{index:05d}_{digest}.txt"
        path.write_text(write_article(article_seed), encoding="utf-8")
        written.append(path)
    return written
