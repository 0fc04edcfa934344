"""Compacted JSON-LD of the dataset, written as a stream, one node object per line.

rdflib's JSON-LD writer builds the whole document in memory and compacts it term by term;
for a large build that takes longer than all other dumps together. Our context is simple
(prefixes, plain terms for classes, and terms with `@id`, `@type` or `@language` for
properties), so compaction is a lookup: a value takes the term whose coercion fits it
(an IRI under an `@type: @id` term, a date under an `xsd:date` term, English text under an
`@language: en` term, plain text under a term with neither); any other value is written under
the property's compact IRI as a value object. Node objects come in subject order and graphs in
IRI order, so the same dataset always gives the same bytes. tests/test_dumps.py reads the file
back and compares it with the N-Quads.
"""

import json
from collections import defaultdict
from itertools import groupby

from .triples import NamedGraphs, literal_parts

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Compactor:
    def __init__(self, context: dict):
        self.context = context
        self.prefixes = {iri: name for name, iri in sorted(context.items(), reverse=True)
                         if isinstance(iri, str) and iri.endswith(("/", "#"))}
        self._compacted: dict[str, str] = {}
        self.type_key = next((name for name, value in context.items() if value == "@type"), "@type")
        self.class_terms, self.property_terms = {}, defaultdict(list)
        for name, value in sorted(context.items()):
            if isinstance(value, str) and ":" in value and not value.endswith(("/", "#")):
                self.class_terms.setdefault(self.expand(value), name)
                self.property_terms[self.expand(value)].append((name, (None, None)))
            elif isinstance(value, dict) and "@id" in value:
                coercion = value.get("@type"), value.get("@language")
                self.property_terms[self.expand(value["@id"])].append((name, self._expand_type(coercion)))

    def expand(self, value: str) -> str:
        prefix, _, rest = value.partition(":")
        iri = self.context.get(prefix)
        return iri + rest if isinstance(iri, str) and rest and not rest.startswith("//") else value

    def _expand_type(self, coercion):
        kind, language = coercion
        return (self.expand(kind) if kind and kind != "@id" else kind), language

    def iri(self, iri: str) -> str:
        """prefix:name where a prefix covers all but a last segment, else the IRI itself."""
        found = self._compacted.get(iri)
        if found is None:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            name, rest = self.prefixes.get(iri[:cut]), iri[cut:]
            found = f"{name}:{rest}" if name and rest and ":" not in rest else iri
            if len(self._compacted) < 200_000:  # IRIs of terms repeat; those of things mostly not
                self._compacted[iri] = found
        return found

    def node(self, subject: str, triples) -> dict:
        """The node object of `subject` from its (subject, predicate, object) term strings."""
        node = {"@id": self._id(subject)}
        for predicate, group in groupby(triples, key=lambda t: t[1]):
            iri = predicate[1:-1]
            for key, value in self._values(iri, [o for _, _, o in group]):
                node.setdefault(key, []).append(value)
        return {key: (values[0] if isinstance(values, list) and len(values) == 1 else values)
                for key, values in node.items()}

    def _values(self, predicate: str, objects: list[str]):
        if predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            for obj in objects:
                yield self.type_key, (self.class_terms.get(obj[1:-1]) or self.iri(obj[1:-1])) if obj[0] == "<" else obj
            return
        terms = self.property_terms.get(predicate, ())
        for obj in objects:
            kind, value = self._describe(obj)
            term = next((name for name, coercion in terms if coercion == kind), None)
            if term is not None:
                yield term, value if kind != ("@id", None) else self._id(obj)
            else:
                yield self.iri(predicate), self._value_object(obj, kind, value)

    def _describe(self, obj: str):
        """(the coercion that fits obj, its lexical form or IRI)."""
        if obj[0] != '"':
            return ("@id", None), obj
        lexical, language, datatype = literal_parts(obj)
        if language:
            return (None, language), lexical
        return ((datatype if datatype != XSD_STRING else None), None), lexical

    def _value_object(self, obj: str, kind, value):
        if kind == ("@id", None):
            return {"@id": self._id(obj)}
        datatype, language = kind
        if language:
            return {"@value": value, "@language": language}
        return {"@value": value, "@type": self.iri(datatype)} if datatype else value

    def _id(self, term: str) -> str:
        return self.iri(term[1:-1]) if term[0] == "<" else term


def write_jsonld(named: NamedGraphs, context_document: dict, out) -> None:
    """Write the dataset to the text stream `out`: the context, then each named graph."""
    context = context_document.get("@context", context_document)
    compactor = Compactor(context)
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1, sort_keys=True)
    out.write(head[:-2] + ',\n "@graph": [')
    for number, name in enumerate(named.names()):
        out.write("," if number else "")
        out.write('\n  {"@id": ' + json.dumps(compactor._id(name), ensure_ascii=False) + ', "@graph": [')
        for index, (subject, triples) in enumerate(groupby(named.sorted(name), key=lambda t: t[0])):
            node = compactor.node(subject, list(triples))
            out.write(("," if index else "") + "\n   " + json.dumps(node, ensure_ascii=False, sort_keys=True))
        out.write("\n  ]}")
    out.write("\n ]\n}\n")
