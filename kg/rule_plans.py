"""The mapping rules as data in the graph: one prov:Plan per rule of mappings/rules/{lang}/*.yaml.

Rule-mapped evidence names its rule (`ck:rule rule:{id}`); this describes each rule once, in
the named graph `…/graph/rules`, so that a rule's IRI says what the rule is: its family, its
pattern as written and its description. A rule id used by several language packs is one rule
(as its evidence says, `rule:{id}`) with each pack's pattern, and its description tagged with
the pack's language. What a rule produced is the evidence that names it. The files are read as
the rules engine reads them (kg.map_rules.load_packs checks them first).
"""

from pathlib import Path

import yaml
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS

from .namespaces import CK, RULE, bind_prefixes


def describe_rules(rules_dir: Path) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for path in sorted(Path(rules_dir).glob("*/*.yaml")):  # a pack's folder is named after its language
        language = path.parent.name
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rule in document.get("rules", []):
            plan = RULE[rule["id"]]
            graph.add((plan, RDF.type, PROV.Plan))
            graph.add((plan, RDFS.label, Literal(rule["id"])))
            graph.add((plan, CK.ruleFamily, Literal(document["family"])))
            if rule.get("pattern"):
                graph.add((plan, CK.pattern, Literal(rule["pattern"])))
            if rule.get("description"):
                graph.add((plan, RDFS.comment, Literal(" ".join(rule["description"].split()), lang=language)))
    return graph
