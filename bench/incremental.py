"""Adding one article to a corpus: the incremental build against a full one.

    python -m bench.incremental                    # 1,000 articles (five seeds + generated)
    python -m bench.incremental --articles 100

Makes the corpus (bench/corpus), leaves its last article out and builds it (which fills
`{out}.cache/`), puts the article back and times the build that reuses the cache; then times a
full build of the same corpus into a folder with no cache; then checks the two published the
same bytes. Each build runs in a fresh process (bench.build_scaling --one). Results go to
bench/results/incremental.{json,md}.
"""

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from . import environment
from .build_scaling import RUN_TIMEOUT, STAGES
from .corpus import write_corpus

RESULTS = Path(__file__).resolve().parent / "results"
DUMPS = ("channel-kg.trig", "channel-kg.nq", "channel-kg.ttl", "channel-kg.jsonld", "void.ttl")


def timed_build(corpus: Path, out: Path, report: Path) -> dict:
    command = [sys.executable, "-m", "bench.build_scaling", "--one", str(corpus), str(out), str(report)]
    done = subprocess.run(command, cwd=environment.ROOT, timeout=RUN_TIMEOUT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"build failed:\n{done.stderr[-2000:]}")
    return json.loads(report.read_text())


def measure(articles: int, work: Path, seed: int) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    written = write_corpus(corpus, articles, seed)
    held_back = work / written[-1].name
    shutil.move(written[-1], held_back)
    prefill = timed_build(corpus, work / "inc" / "build", work / "prefill.json")
    shutil.move(held_back, corpus / held_back.name)
    incremental = timed_build(corpus, work / "inc" / "build", work / "incremental.json")
    full = timed_build(corpus, work / "full" / "build", work / "full.json")
    identical = all((work / "inc" / "build" / name).read_bytes() == (work / "full" / "build" / name).read_bytes()
                    for name in DUMPS)
    return {"articles": articles, "prefill": prefill, "incremental": incremental, "full": full,
            "ratio": round(incremental["total_seconds"] / full["total_seconds"], 3), "dumps_identical": identical}


def write_results(result: dict, out: Path) -> None:
    """incremental.json and incremental.md; a result read back keeps the environment it was measured in."""
    result.setdefault("environment", environment.describe())
    out.mkdir(parents=True, exist_ok=True)
    (out / "incremental.json").write_text(json.dumps(result, indent=2) + "\n")
    names = [*STAGES[:3], "find disagreements", *STAGES[3:]]

    def cells(name):
        return [f"{result[run]['stages'].get(name, {}).get(what, 0):.{digits}f}"
                for what, digits in (("seconds", 2), ("cpu_seconds", 1)) for run in ("full", "incremental")]

    rows = [f"| {name} | " + " | ".join(cells(name)) + " |" for name in names]
    cpu_ratio = result["incremental"]["cpu_seconds"] / result["full"]["cpu_seconds"]
    env = result["environment"]
    lines = [
        f"# Adding one article to {result['articles']:,} articles", "",
        f"- Measured {env['date']}, {env['machine']['cpu']} ({env['machine']['cores']} cores), commit {env['commit']};"
        f" other load during the full build: {result['full']['other_cpu_seconds']} CPU s, during the incremental one:"
        f" {result['incremental']['other_cpu_seconds']} CPU s.",
        f"- Command: `{env['command']}`", "",
        "| stage | full s | incremental s | full CPU s | incremental CPU s |", "|---|---|---|---|---|", *rows,
        f"| **total** | **{result['full']['total_seconds']:.2f}** | **{result['incremental']['total_seconds']:.2f}** | "
        f"**{result['full']['cpu_seconds']:.1f}** | **{result['incremental']['cpu_seconds']:.1f}** |", "",
        f"Incremental / full, wall time: **{result['ratio']:.2f}**; CPU time (the build and its workers):"
        f" **{cpu_ratio:.2f}**; dumps byte-identical: **{result['dumps_identical']}**.", "",
    ]
    (out / "incremental.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.incremental", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/channelkg-bench-incremental"))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--rewrite", action="store_true", help="only write incremental.md again from the JSON")
    args = parser.parse_args()
    if args.rewrite:
        result = json.loads((args.results / "incremental.json").read_text())
    else:
        result = measure(args.articles, args.work, args.seed)
    write_results(result, args.results)
    print((args.results / "incremental.md").read_text())


if __name__ == "__main__":
    main()
