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
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class Compactor:
    def __init__(self, context: dict):
        self.context = context
        self.prefixes = {iri: name for name, iri in sorted(context.items(), reverse=True)
                         if isinstance(iri, str) and iri.endswith(("/", "#"))}
        self._compacted: dict[str, str] = {}
        self._entries: dict[tuple, tuple] = {}
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
        for _, predicate, obj in triples:
            key, value = self._entry(predicate, obj)
            present = node.get(key)
            if present is None:
                node[key] = value
            elif type(present) is list:
                present.append(value)
            else:
                node[key] = [present, value]
        return node

    def _entry(self, predicate: str, obj: str) -> tuple:
        """(key, value) of one triple in its subject's node object. Entries with an IRI object
        repeat (types, articles, concepts), so they are kept."""
        if obj[0] != "<":
            return self._compact(predicate[1:-1], obj)
        entry = self._entries.get((predicate, obj))
        if entry is None:
            entry = self._compact(predicate[1:-1], obj)
            if len(self._entries) < 500_000:
                self._entries[predicate, obj] = entry
        return entry

    def _compact(self, predicate: str, obj: str) -> tuple:
        if predicate == RDF_TYPE:
            return self.type_key, (self.class_terms.get(obj[1:-1]) or self.iri(obj[1:-1])) if obj[0] == "<" else obj
        kind, value = self._describe(obj)
        term = next((name for name, coercion in self.property_terms.get(predicate, ()) if coercion == kind), None)
        if term is not None:
            return term, (value if kind != ("@id", None) else self._id(obj))
        return self.iri(predicate), self._value_object(obj, kind, value)

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
