"""The build pipeline: read seeds → map rules → merge curated → find disagreements → reason →
validate → export.

Each stage is a module with one entry point; this module only wires them together and
publishes the result atomically: dumps are written to a fresh folder under
`{out}.versions/`, and `{out}` is a symlink switched with one `os.replace` once the graph
conforms. A failed or killed build leaves the previous build in place.

Between stages the dataset is held as term strings (kg.triples), not rdflib graphs: a build
of thousands of articles has millions of triples (see bench/README.md).
"""

import gc
import os
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import (answers, curated, disagreements, export, mapping, ontology, progress, project, reason, rule_plans, rules_cache,
               seeds, validate)
from .namespaces import (DISAGREEMENTS_GRAPH, EXTERNAL_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, RULES_GRAPH, VOCAB_GRAPH,
                         curated_graph, rules_graph)
from .rdf_files import load_json
from .triples import NamedGraphs, from_graph
from .validate import ValidationReport

KEEP_VERSIONS = 3  # the current build plus two before it, for servers still reading them


@dataclass
class BuildResult:
    report: ValidationReport
    manifest: dict
    published: Path | None
    rejected: Path | None = None
    notes: list[str] = field(default_factory=list)  # what the build decided for the steward to know

    @property
    def conforms(self) -> bool:
        return self.report.conforms

    def summary(self) -> str:
        lines = [f"{self.manifest['triples']:>7} triples (union), {self.manifest['quads']} quads"]
        lines += [f"{count:>7}  {graph}" for graph, count in self.manifest["graphs"].items()]
        lines += [f"{count:>7}  {cls}" for cls, count in self.manifest["classes"].items()]
        warnings = sum(f.severity == "Warning" for f in self.report.findings)
        state = (f"published to {self.published}" if self.published
                 else f"NOT published; the rejected graph and its report are in {self.rejected}")
        lines.append(f"conforms: {self.conforms}, {len(self.report.violations())} violations, {warnings} warnings; {state}")
        return "\n".join(lines)

    def violations_text(self) -> str:
        return self.report.text()


def run_build(seeds_dir: Path, out_dir: Path, on_stage: Callable[[str], None] | None = None) -> BuildResult:
    """Build and publish. `on_stage(name)` is called as each stage starts, and with "done"
    at the end (the benchmarks time the stages with it).

    Validation runs in worker processes; the dumps are written meanwhile, into a staging
    folder that is published only once the workers report that the graph conforms."""
    with progress.stages(8) as step, _no_cycle_collection():
        def stage(name: str) -> None:
            step(name)
            if on_stage:
                on_stage(name)

        stage("read seeds")
        articles = seeds.read_seeds(seeds_dir)
        onto, vocab, shapes = ontology.load_ontology(), ontology.load_vocab(), ontology.load_shapes()
        curated_graphs = curated.load_curated(articles, project.CURATED_DIR)
        external = curated.load_external(project.EXTERNAL_FILE)
        stage("map rules")
        lexicon = mapping.lexicon(onto, vocab, external, curated_graphs.values())
        cache = rules_cache.RulesCache(_cache_dir(Path(out_dir)), rules_cache.rules_version(project.RULES_DIR, lexicon))
        rules_triples = mapping.map_articles_to_triples(articles, lexicon, cache)
        stage("merge curated")
        external = curated.external_about(external, curated_graphs.values(), rules_triples)
        rules_triples = curated.one_label_per_node([external, *curated_graphs.values()], rules_triples)
        rules_triples, notes = curated.curated_wins(curated_graphs, rules_triples,
                                                    curated.single_valued(shapes, onto), project.CURATED_DIR)
        dataset = assemble(onto, vocab, external, curated_graphs, rules_triples)
        dataset.put(RULES_GRAPH.n3(), from_graph(rule_plans.describe_rules(project.RULES_DIR), RULES_GRAPH.n3()))
        stage("find disagreements")  # what articles state, before the reasoner adds to it
        dataset.put(DISAGREEMENTS_GRAPH.n3(), disagreements.find_disagreements(dataset))
        stage("reason")  # the union holds the ontology, so reasoning and shapes see it
        dataset.put(INFERRED_GRAPH.n3(), reason.infer_triples(dataset.union()))
        stage("validate")
        checking = validate.Validation(dataset.union(), shapes, articles)
        stage("export")
        result = publish(dataset, checking, Path(out_dir), lambda: stage("await validation"))
        result.notes = notes + result.notes
        cache.prune()
        if on_stage:
            on_stage("done")
        return result


def _cache_dir(out_dir: Path) -> Path:
    """`{out}.cache/` beside the build: what later builds may reuse (kg.rules_cache)."""
    return out_dir.parent / f"{out_dir.name}.cache"


@contextmanager
def _no_cycle_collection():
    """The build makes millions of small tuples and no garbage cycles to speak of; Python's
    cycle collector would walk all of them again and again (a quarter of the reasoning time).
    Worker processes turn it back on (they build and drop rdflib graphs, which do cycle)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def assemble(onto: Graph, vocab: Graph, external: Graph, curated_graphs: dict, rules_graphs: dict) -> NamedGraphs:
    """The named graphs of the build; rules graphs may be given as graphs or as triples."""
    dataset = NamedGraphs()
    named = [(ONTOLOGY_GRAPH, onto), (VOCAB_GRAPH, vocab), (EXTERNAL_GRAPH, external)]
    named += [(curated_graph(stem), graph) for stem, graph in curated_graphs.items()]
    named += [(rules_graph(stem), graph) for stem, graph in rules_graphs.items()]
    for name, graph in named:
        term = name.n3()
        dataset.put(term, from_graph(graph, term) if isinstance(graph, Graph) else graph)
    return dataset


def publish(dataset: NamedGraphs, report: ValidationReport | validate.Validation, out_dir: Path,
            on_written: Callable[[], None] | None = None) -> BuildResult:
    """Write the dumps to a staging folder, then publish them if the graph conforms. `report`
    may be a validation still under way; it is waited for once the dumps are written."""
    versions = out_dir.parent / f"{out_dir.name}.versions"
    versions.mkdir(parents=True, exist_ok=True)
    for leftover in versions.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = versions / f".tmp-{os.getpid()}"
    staging.mkdir()
    try:
        manifest = export.write_dumps(dataset, staging, load_json(project.CONTEXT_FILE))
    except BaseException:
        if isinstance(report, validate.Validation):
            report.cancel()  # no worker outlives a build that stopped
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if on_written:
        on_written()
    answering = answers.start(staging, project.QUERIES_DIR)  # the store and named answers, meanwhile
    try:
        if isinstance(report, validate.Validation):
            report = report.report()
    except BaseException:
        answers.stop(answering)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    note = answers.finish(answering, staging)
    (staging / "validation.ttl").write_text(report.graph().serialize(format="turtle"), encoding="utf-8")
    if not report.conforms:
        failed = versions / "failed"  # kept for inspection; never served
        shutil.rmtree(failed, ignore_errors=True)
        staging.rename(failed)
        return BuildResult(report, manifest, None, failed)
    final = versions / manifest["version"][:16]
    if final.exists():
        shutil.rmtree(staging)
    else:
        staging.rename(final)
    _switch_link(out_dir, final)
    _prune(versions, keep=final)
    return BuildResult(report, manifest, out_dir, notes=[note] if note else [])


def _switch_link(out_dir: Path, target: Path) -> None:
    """Point `out_dir` at `target` in one atomic rename."""
    if out_dir.is_dir() and not out_dir.is_symlink():
        out_dir.rename(target.parent / f"replaced-{os.getpid()}")  # a plain folder from elsewhere
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(target, out_dir.parent))
    os.replace(link, out_dir)


def _prune(versions: Path, keep: Path) -> None:
    older = sorted((p for p in versions.iterdir() if p != keep and p.name != "failed" and not p.name.startswith(".")),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in older[KEEP_VERSIONS - 1:]:
        shutil.rmtree(stale, ignore_errors=True)
