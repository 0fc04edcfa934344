"""The build as the corpus grows: wall time and peak memory per stage, triples produced.

    python -m bench.build_scaling                      # 10, 100, 1,000 and 10,000 articles
    python -m bench.build_scaling --sizes 10 100 --repeats 3

Each corpus is the five seeds plus generated articles (bench/corpus), made once under
--work and reused. Every build runs in a fresh process (`--one`), so one run's memory does
not carry into the next; a thread samples the memory of that process and its workers.
Medians over the repeats go to bench/results/build-scaling.{json,md} and the plot to
bench/results/build-scaling.png.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import environment

RESULTS = Path(__file__).resolve().parent / "results"
STAGES = ["read seeds", "map rules", "merge curated", "reason", "validate", "export", "await validation"]
DEFAULT_REPEATS = {10: 5, 100: 3, 1000: 3, 10000: 1}
RUN_TIMEOUT = 1800  # seconds for one build: a run past this is reported as failed


def one_build(corpus: Path, out: Path, report: Path) -> None:
    """Run in a fresh process: build `corpus` into `out`, write timings to `report`."""
    from kg.build import run_build

    from .memory import PeakSampler, machine_busy_seconds, own_cpu_seconds

    busy, own = machine_busy_seconds(), own_cpu_seconds()
    marks, sampler = [], PeakSampler().start()

    def on_stage(name: str) -> None:
        marks.append((name, time.perf_counter(), own_cpu_seconds()))
        sampler.mark(name)

    result = run_build(corpus, out, on_stage=on_stage)
    peaks = sampler.stop()
    own = own_cpu_seconds() - own
    others = max(0.0, machine_busy_seconds() - busy - own)
    # A pool's workers count when it closes: map workers in "map rules", the shape checkers
    # (busy through "validate", "export" and "await validation") in "await validation".
    stages = {name: {"seconds": round(end - start, 3), "cpu_seconds": round(cpu_end - cpu, 1),
                     "peak_mb": round(peaks.get(name, 0) / 2**20)}
              for (name, start, cpu), (_, end, cpu_end) in zip(marks, marks[1:])}
    report.write_text(json.dumps({
        "articles": len(list(corpus.glob("*.txt"))),
        "stages": stages,
        "total_seconds": round(marks[-1][1] - marks[0][1], 3),
        "cpu_seconds": round(own, 1),
        "other_cpu_seconds": round(others, 1),  # other processes on the machine meanwhile
        "peak_mb": max(stage["peak_mb"] for stage in stages.values()),
        "triples": result.manifest["triples"],
        "quads": result.manifest["quads"],
        "conforms": result.conforms,
    }, indent=1))


def measure(size: int, repeats: int, seed: int, work: Path) -> list[dict]:
    from .corpus import write_corpus

    corpus = work / f"corpus-{size}-seed{seed}-{_generator_version()}"
    if len(list(corpus.glob("*.txt"))) != size:
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, size, seed)
    runs = []
    for repeat in range(repeats):
        out, report = work / f"build-{size}", work / f"report-{size}-{repeat}.json"
        shutil.rmtree(out.parent / f"{out.name}.versions", ignore_errors=True)
        out.unlink(missing_ok=True)
        command = [sys.executable, "-m", "bench.build_scaling", "--one", str(corpus), str(out), str(report)]
        done = subprocess.run(command, cwd=environment.ROOT, timeout=RUN_TIMEOUT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"build of {size} articles failed:\n{done.stderr[-2000:]}")
        runs.append(json.loads(report.read_text()))
        print(f"{size:>6} articles, run {repeat + 1}/{repeats}: {runs[-1]['total_seconds']:.1f} s, "
              f"peak {runs[-1]['peak_mb']} MB", flush=True)
    return runs


def _generator_version() -> str:
    """A corpus is reused only while the generator that wrote it is unchanged."""
    import hashlib

    sources = sorted((Path(__file__).parent / "corpus").glob("*.py"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:8]


def median_run(runs: list[dict]) -> dict:
    """Medians per stage and overall (each figure its own median)."""
    first = runs[0]
    return {
        "articles": first["articles"], "runs": len(runs), "triples": first["triples"], "quads": first["quads"],
        "conforms": all(run["conforms"] for run in runs),
        "total_seconds": statistics.median(run["total_seconds"] for run in runs),
        "cpu_seconds": statistics.median(run["cpu_seconds"] for run in runs),
        "other_cores": statistics.median(run["other_cpu_seconds"] / run["total_seconds"] for run in runs),
        "peak_mb": statistics.median(run["peak_mb"] for run in runs),
        "stages": {name: {key: statistics.median(run["stages"][name][key] for run in runs)
                          for key in ("seconds", "cpu_seconds", "peak_mb")} for name in first["stages"]},
    }


def table(medians: list[dict]) -> str:
    head = ["articles", "runs", "triples (union)", "quads", *(f"{s} s" for s in STAGES[1:]), "total s",
            "s per article", "peak MB", "build CPU s", "other load (cores)"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in medians:
        cells = [f"{m['articles']:,}", str(m["runs"]), f"{m['triples']:,}", f"{m['quads']:,}"]
        cells += [f"{m['stages'][s]['seconds']:.2f}" for s in STAGES[1:]]
        cells += [f"{m['total_seconds']:.1f}", f"{m['total_seconds'] / m['articles']:.4f}", f"{m['peak_mb']:,.0f}",
                  f"{m['cpu_seconds']:,.0f}", f"{m['other_cores']:.2f}"]
        rows.append("| " + " | ".join(cells) + " |")
    memory = ["", "Peak memory (MB, PSS of the build and its workers) per stage:", "",
              "| articles | " + " | ".join(STAGES) + " |", "|---|" + "---|" * len(STAGES)]
    for m in medians:
        memory.append(f"| {m['articles']:,} | " + " | ".join(f"{m['stages'][s]['peak_mb']:,.0f}" for s in STAGES) + " |")
    cpu = ["", "CPU seconds per stage (the build and its workers; a pool's workers count in the stage "
           "that closes it: the shape checkers in \"await validation\"):", "",
           "| articles | " + " | ".join(STAGES) + " |", "|---|" + "---|" * len(STAGES)]
    for m in medians:
        cpu.append(f"| {m['articles']:,} | " + " | ".join(f"{m['stages'][s]['cpu_seconds']:,.1f}" for s in STAGES) + " |")
    return "\n".join(rows + memory + cpu) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.build_scaling", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--repeats", type=int, help="runs per size (default: 5, 3, 3, 1 for 10 … 10,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/channelkg-bench"))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--replot", action="store_true", help="redraw table and plot from --results' JSON")
    parser.add_argument("--one", nargs=3, type=Path, metavar=("CORPUS", "OUT", "REPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_build(*args.one)
        return
    if args.replot:
        saved = json.loads((args.results / "build-scaling.json").read_text())
        write_report(saved["environment"], saved["results"], args.results)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    args.results.mkdir(parents=True, exist_ok=True)
    env = environment.describe()
    medians = []
    for size in args.sizes:
        runs = measure(size, args.repeats or DEFAULT_REPEATS.get(size, 3), args.seed, args.work)
        medians.append(median_run(runs))
        (args.results / "build-scaling.json").write_text(json.dumps({"environment": env, "results": medians}, indent=1))
    print(write_report(env, medians, args.results))


def write_report(env: dict, medians: list[dict], results: Path) -> str:
    from .plot import plot_stages

    text = environment.markdown(env) + "\n" + table(medians)
    (results / "build-scaling.md").write_text(text)
    plot_stages(medians, STAGES, results / "build-scaling.png")
    return text


if __name__ == "__main__":
    main()
