"""Writing what the rules found as triples: the one module that knows the output vocabulary.

Provenance (documented in mappings/rules/README.md): every node gets `ck:evidence` and
`prov:wasDerivedFrom` the article; every Evidence is `prov:wasGeneratedBy` the article's rule
mapping, `id:activity/rules-{stem}` (a prov:Activity that prov:used the article), and names the
rule that matched with `ck:rule rule:{id}`, the rule being a prov:Plan. Labels come as
{language: text}, one per language (kg/rules/labels.py).
"""

from datetime import date, datetime
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from .. import iris
from ..evidence import quote_at
from ..namespaces import CK, ID, RULE, bind_prefixes
from . import labels


class Output:
    def __init__(self, stem: str, text: str, source_file: str, packs: dict):
        self.stem, self.text, self.packs = stem, text, packs
        self.graph = Graph()
        bind_prefixes(self.graph)
        self.article = iris.article(stem)
        self.activity = ID[f"activity/rules-{stem}"]
        self.node(self.activity, PROV.Activity, labels.each(packs, "activity", file=source_file))
        self.add(self.activity, PROV.used, self.article)

    def add(self, s, p, o) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    def node(self, iri: URIRef, cls, names: dict | None = None) -> URIRef:
        """A node of class `cls` with one rdfs:label per language of `names` ({language: text})."""
        self.add(iri, RDF.type, cls)
        for language, label in sorted((names or {}).items()):
            if label:
                self.add(iri, RDFS.label, Literal(" ".join(label.split()), lang=language))
        return iri

    def evidence(self, node: URIRef, start: int, end: int, *rule_ids: str) -> None:
        """The words at text[start:end] support `node`; `rule_ids` matched them."""
        start, end = self._trim(start, end)
        if start >= end:
            return
        evidence = iris.evidence(self.stem, start, end)
        self.add(node, CK.evidence, evidence)
        self.add(node, PROV.wasDerivedFrom, self.article)
        self.add(evidence, RDF.type, CK.Evidence)
        self.add(evidence, CK.source, self.article)
        self.add(evidence, CK.quote, Literal(quote_at(self.text, start, end)))
        self.add(evidence, CK.start, Literal(start, datatype=XSD.integer))
        self.add(evidence, CK.end, Literal(end, datatype=XSD.integer))
        self.add(evidence, PROV.wasGeneratedBy, self.activity)
        for rule_id in dict.fromkeys(r for r in rule_ids if r):
            self.add(evidence, CK.rule, RULE[rule_id])
            self.add(RULE[rule_id], RDF.type, PROV.Plan)
            self.add(RULE[rule_id], RDFS.label, Literal(rule_id))

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """No white space or bullet marks at the ends of a quote."""
        while start < end and (self.text[start].isspace() or self.text[start] in "-•*–"):
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end


def literal_date(value) -> Literal:
    if isinstance(value, datetime):
        return Literal(value, datatype=XSD.dateTime)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    raise TypeError(value)


def decimal(value: Decimal) -> Literal:
    return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)

