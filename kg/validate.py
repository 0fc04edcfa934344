"""Stage 5 — validate: SHACL shapes (pyshacl) plus the evidence check no shape can make.

The evidence check reads the article texts: every quote must equal the article's words at
its offsets (white space folded). Its findings are reported like SHACL results, with the
shape name `ck:EvidenceMatchesText`, so stewards read one report.

pyshacl checks the data and the ontology together (the ontology gives the class hierarchy).
A large build is checked in parts, on every core: `kg.shacl_scope` keeps only the triples the
shapes can read and shares the focus nodes out so that the parts together give exactly the
results of the whole graph (tests/test_validate_parts.py compares the two).
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from .evidence import fold
from .namespaces import CK, ONTOLOGY_GRAPH, SH, bind_prefixes
from .seeds import Article
from .shacl_parts import Checking, result_rows, shape_names
from .shacl_scope import ShapesScope
from .triples import from_graph, to_term

PART_SIZE = 100_000  # triples per pySHACL run: large enough that its set-up cost is small

REPORT = Namespace("https://w3id.org/channel-kg/validation#")


@dataclass(frozen=True, order=True)
class Finding:
    severity: str  # "Violation", "Warning" or "Info"
    node: str
    path: str
    shape: str
    message: str

    def line(self, graph: Graph) -> str:
        def short(term: str) -> str:
            return graph.namespace_manager.normalizeUri(URIRef(term)) if term.startswith("http") else term

        return f"{self.severity}: node {short(self.node)} path {short(self.path)} shape {short(self.shape)}: {self.message}"


@dataclass
class ValidationReport:
    findings: list[Finding]

    @property
    def conforms(self) -> bool:
        return not any(finding.severity == "Violation" for finding in self.findings)

    def violations(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "Violation"]

    def text(self) -> str:
        names = Graph()
        bind_prefixes(names)
        counts = {sev: sum(f.severity == sev for f in self.findings) for sev in ("Violation", "Warning")}
        head = f"conforms: {self.conforms} ({counts['Violation']} violations, {counts['Warning']} warnings)"
        return "\n".join([head] + [finding.line(names) for finding in self.findings])

    def graph(self) -> Graph:
        """A SHACL validation report with numbered results, so the file is the same every build."""
        report = Graph()
        bind_prefixes(report)
        report.bind("report", REPORT)
        report.add((REPORT.report, RDF.type, SH.ValidationReport))
        report.add((REPORT.report, SH.conforms, Literal(self.conforms)))
        for number, finding in enumerate(self.findings, start=1):
            result = REPORT[f"result-{number}"]
            report.add((REPORT.report, SH.result, result))
            report.add((result, RDF.type, SH.ValidationResult))
            report.add((result, SH.resultSeverity, SH[finding.severity]))
            report.add((result, SH.focusNode, URIRef(finding.node)))
            report.add((result, SH.resultPath, URIRef(finding.path)))
            report.add((result, SH.sourceShape, URIRef(finding.shape)))
            report.add((result, SH.resultMessage, Literal(finding.message)))
        return report


def validate(data: Graph, shapes: Graph, ontology: Graph, articles: list[Article]) -> ValidationReport:
    """Check `data` (everything but the ontology, inferred triples included) against the shapes."""
    triples = set(from_graph(data, "data")) | set(from_graph(ontology, "ontology"))
    return validate_triples(triples, shapes, articles)


def validate_triples(triples, shapes: Graph, articles: list[Article], part_size: int = PART_SIZE,
                     workers: int | None = None) -> ValidationReport:
    """Check the data and ontology triples (term strings, kg.triples) against the shapes."""
    return Validation(triples, shapes, articles, part_size, workers).report()


class Validation:
    """A validation under way: the shapes are checked in worker processes while the caller
    goes on (the build writes its dumps meanwhile); `report()` waits for them."""

    def __init__(self, triples, shapes: Graph, articles: list[Article], part_size: int = PART_SIZE,
                 workers: int | None = None):
        self._checking = _checking(triples, shapes, part_size, workers)
        self._triples, self._articles = triples, articles

    def report(self) -> ValidationReport:
        findings = evidence_findings_in(self._triples, self._articles)  # while the workers finish
        findings += [Finding(*row) for row in self._checking.rows_when_done()]
        return ValidationReport(sorted(set(findings)))

    def cancel(self) -> None:
        self._checking.cancel()


def shacl_findings(data: Graph, shapes: Graph, ontology: Graph) -> list[Finding]:
    """The reference: pyshacl over the whole data graph, the ontology mixed in."""
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    return [Finding(*row) for row in result_rows(results, shape_names(shapes))]


def shacl_findings_in_parts(triples, shapes: Graph, part_size: int = PART_SIZE,
                            workers: int | None = None) -> list[Finding]:
    """pyshacl over the parts of the graph that `kg.shacl_scope` makes, on every core."""
    return [Finding(*row) for row in _checking(triples, shapes, part_size, workers).rows_when_done()]


def _checking(triples, shapes: Graph, part_size: int, workers: int | None) -> Checking:
    scope = ShapesScope(shapes)
    relevant = scope.relevant(triples)
    one_part = scope.problem or len(relevant) <= part_size
    workers = 1 if one_part else (workers or os.cpu_count() or 1)
    check_shapes = shapes if scope.problem else scope.check_shapes()
    return Checking(scope.parts(relevant, part_size), check_shapes, shape_names(shapes), workers)


def evidence_findings_in(triples, articles: list[Article]) -> list[Finding]:
    """Every ck:Evidence whose quote is not its article's text at its offsets."""
    texts = {article.iri.n3(): article.text for article in articles}
    if not texts:
        return []  # nothing to check against (validating a dump without its seeds)
    wanted = {term.n3(): name for name, term in
              [("source", CK.source), ("quote", CK.quote), ("start", CK.start), ("end", CK.end)]}
    evidence_type, rdf_type = CK.Evidence.n3(), RDF.type.n3()
    nodes, values = set(), {}
    for s, p, o in triples:
        if p == rdf_type and o == evidence_type:
            nodes.add(s)
        elif p in wanted:
            key = (s, wanted[p])
            values[key] = min(values.get(key, o), o)  # one value, the same every build
    findings = []
    for node in nodes:
        parts = {name: values.get((node, name)) for name in wanted.values()}
        problem = _problem_in_text(parts, texts)
        if problem:
            findings.append(Finding("Violation", node.strip("<>"), str(CK.quote), str(CK.EvidenceMatchesText), problem))
    return findings


def _problem_in_text(parts: dict, texts: dict) -> str | None:
    source = parts["source"]
    if source not in texts:
        return f"source article {source.strip('<>')} is not among the seeds" if source is not None else None
    if None in (parts["quote"], parts["start"], parts["end"]):
        return None  # the shapes report missing parts
    quote = str(to_term(parts["quote"]))
    try:
        start, end = int(str(to_term(parts["start"]))), int(str(to_term(parts["end"])))
    except ValueError:
        return None  # not integers: the shapes report the datatype
    text = texts[source]
    if not 0 <= start < end <= len(text):
        return f"offsets {start}–{end} lie outside the article's {len(text)} characters"
    if fold(text[start:end]) != fold(quote):
        return f'quote "{quote}" is not the article\'s text at {start}–{end}: "{fold(text[start:end])}"'
    return None


def data_graph(dataset: Dataset) -> Graph:
    """Every triple of the dataset except the ontology's, as one graph for pyshacl."""
    data = Graph()
    bind_prefixes(data)
    for graph in dataset.graphs():
        if graph.identifier != ONTOLOGY_GRAPH:
            data += graph
    return data


def validate_file(path: Path, seeds_dir: Path = Path("seeds")) -> ValidationReport:
    """`kg validate FILE`: validate a dump against the project's shapes."""
    from .dumps import read_dataset
    from .ontology import load_ontology, load_shapes
    from .seeds import read_seeds

    dataset = read_dataset(path)
    articles = read_seeds(seeds_dir) if Path(seeds_dir).exists() else []
    return validate(data_graph(dataset), load_shapes(), load_ontology(), articles)
