"""Stage 5 — validate: SHACL shapes (pyshacl) plus the evidence check no shape can make.

The evidence check reads the article texts: every quote must equal the article's words at
its offsets (white space folded). Its findings are reported like SHACL results, with the
shape name `ck:EvidenceMatchesText`, so stewards read one report.
"""

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from .evidence import fold
from .namespaces import CK, ONTOLOGY_GRAPH, SH, bind_prefixes
from .seeds import Article

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
    findings = shacl_findings(data, shapes, ontology) + evidence_findings(data, articles)
    return ValidationReport(sorted(set(findings)))


def shacl_findings(data: Graph, shapes: Graph, ontology: Graph) -> list[Finding]:
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        findings.append(Finding(
            severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            node=str(results.value(result, SH.focusNode)),
            path=str(results.value(result, SH.resultPath) or ""),
            shape=_shape_name(shapes, shape),
            message=str(results.value(result, SH.resultMessage) or ""),
        ))
    return findings


def _shape_name(shapes: Graph, shape) -> str:
    """Property shapes are often blank nodes: name them by the node shape that holds them."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        if parent is not None:
            return str(parent)
    return str(shape)


def evidence_findings(data: Graph, articles: list[Article]) -> list[Finding]:
    texts = {article.iri: article.text for article in articles}
    if not texts:
        return []  # nothing to check against (validating a dump without its seeds)
    findings = []
    for evidence in data.subjects(RDF.type, CK.Evidence):
        problem = _evidence_problem(data, evidence, texts)
        if problem:
            findings.append(Finding("Violation", str(evidence), str(CK.quote), str(CK.EvidenceMatchesText), problem))
    return findings


def _evidence_problem(data: Graph, evidence, texts: dict) -> str | None:
    source, quote = data.value(evidence, CK.source), data.value(evidence, CK.quote)
    start, end = data.value(evidence, CK.start), data.value(evidence, CK.end)
    if source not in texts:
        return f"source article {source} is not among the seeds" if source is not None else None
    if None in (quote, start, end):
        return None  # the shapes report missing parts
    text, start, end = texts[source], int(start), int(end)
    if not 0 <= start < end <= len(text):
        return f"offsets {start}–{end} lie outside the article's {len(text)} characters"
    if fold(text[start:end]) != fold(str(quote)):
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
