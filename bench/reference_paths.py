"""Each fast path of the build beside the reference it stands in for, on the same input.

    python -m bench.reference_paths --articles 100

- reason: kg.closure against owlrl (kg.reason.owlrl_closure), both filtered alike;
- validate: pySHACL in parts (kg.shacl_scope) against one pySHACL run on the whole graph with
  the ontology as ont_graph (kg.validate.shacl_findings), the way the build validated before;
- export: the streaming writers against rdflib serialising the same dataset.

Each pair is also checked to give the same answer (the tests do this on more cases).
Medians of --repeats runs; results in bench/results/reference-paths.{json,md}.
"""

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path

from . import environment

RESULTS = Path(__file__).resolve().parent / "results"


def _timed(function, repeats: int):
    times, value = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def measure(articles: int, repeats: int, work: Path) -> list[dict]:
    from rdflib import Dataset, URIRef

    from kg import curated, mapping, ontology, project, reason, seeds, validate
    from kg.build import assemble
    from kg.dumps import write_trig
    from kg.jsonld import write_jsonld
    from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
    from kg.rdf_files import load_json
    from kg.triples import to_graph

    from .corpus import write_corpus

    corpus = work / f"reference-corpus-{articles}"
    write_corpus(corpus, articles, seed=3)
    read = seeds.read_seeds(corpus)
    onto, vocab = ontology.load_ontology(), ontology.load_vocab()
    curated_graphs = curated.load_curated(read, project.CURATED_DIR)
    external = curated.load_external(project.EXTERNAL_FILE)
    lexicon = mapping.lexicon(onto, vocab, external, curated_graphs.values())
    named = assemble(onto, vocab, external, curated_graphs, mapping.map_articles_to_triples(read, lexicon))
    asserted = set(named.union())
    rows = []

    fast, inferred = _timed(lambda: reason.infer_triples(asserted, "closure"), repeats)
    slow, reference = _timed(lambda: reason.infer_triples(asserted, "owlrl"), 1)
    rows.append(_row("reason", "kg.closure", fast, "owlrl", slow, inferred == reference))

    named.put(INFERRED_GRAPH.n3(), inferred)
    union, shapes = named.union(), ontology.load_shapes()
    data = to_graph(union - set(named.graphs[ONTOLOGY_GRAPH.n3()]))
    fast, found = _timed(lambda: validate.shacl_findings_in_parts(union, shapes), repeats)
    slow, expected = _timed(lambda: validate.shacl_findings(data, shapes, onto), 1)
    rows.append(_row("validate", "pySHACL in parts (as the build runs it)", fast, "pySHACL, whole graph", slow,
                     sorted(set(found)) == sorted(set(expected))))

    context = load_json(project.CONTEXT_FILE)
    dataset = Dataset()
    for name, triples in named.graphs.items():
        graph = dataset.graph(URIRef(name[1:-1]))
        graph += to_graph(triples)
    out = Path(tempfile.mkdtemp(dir=work))
    fast, _ = _timed(lambda: write_trig(named, out / "x.trig"), repeats)
    slow, _ = _timed(lambda: dataset.serialize(format="trig"), 1)
    rows.append(_row("export: TriG", "pyoxigraph, sorted", fast, "rdflib", slow, None))
    fast, _ = _timed(lambda: write_jsonld(named, context, io.StringIO()), repeats)
    slow, _ = _timed(lambda: dataset.serialize(format="json-ld", context=context["@context"], auto_compact=True), 1)
    rows.append(_row("export: JSON-LD", "kg.jsonld", fast, "rdflib", slow, None))
    for row in rows:
        row["triples"] = len(union)
    return rows


def _row(stage, fast_name, fast, slow_name, slow, same) -> dict:
    return {"stage": stage, "fast": fast_name, "fast_s": round(fast, 3), "reference": slow_name,
            "reference_s": round(slow, 3), "speed-up": round(slow / fast, 1) if fast else None, "same answer": same}


def table(rows: list[dict]) -> str:
    lines = ["| stage | path | s | reference | s | times faster | same answer |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        same = {True: "yes", False: "NO", None: "(same triples: tests/test_dumps.py)"}[r["same answer"]]
        lines.append(f"| {r['stage']} | {r['fast']} | {r['fast_s']:.2f} | {r['reference']} | {r['reference_s']:.2f} | "
                     f"{r['speed-up']} | {same} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.reference_paths", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/channelkg-bench"))
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    env = environment.describe()
    rows = measure(args.articles, args.repeats, args.work)
    (args.results / "reference-paths.json").write_text(json.dumps({"environment": env, "rows": rows}, indent=1))
    text = (environment.markdown(env) + f"\n{args.articles} articles, {rows[0]['triples']:,} triples (union); "
            f"fast paths: median of {args.repeats} runs, references: one run.\n\n" + table(rows))
    (args.results / "reference-paths.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
