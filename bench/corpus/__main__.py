import argparse
from pathlib import Path

from . import write_corpus

parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__)
parser.add_argument("--articles", type=int, required=True, help="how many articles, the five seeds included")
parser.add_argument("--seed", type=int, default=1, help="varies every generated article")
parser.add_argument("--out", type=Path, required=True)
parser.add_argument("--no-seeds", action="store_true", help="generated articles only")
args = parser.parse_args()
paths = write_corpus(args.out, args.articles, args.seed, with_seeds=not args.no_seeds)
print(f"{len(paths)} articles in {args.out}")
