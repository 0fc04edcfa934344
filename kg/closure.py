"""A purpose-built OWL 2 RL closure for exactly the axioms ChannelKG's ontology uses.

owlrl (the reference, `kg.reason`) applies every OWL 2 RL rule to every triple in cycles
until nothing changes, in rdflib: about 40 s for a hundred articles, and it grows faster
than the graph. This module applies the same rules, as owlrl implements them, but only the
ones the ontology can trigger, in two phases:

1. schema: the scm-* rules on the small set of schema triples (subclass and subproperty
   hierarchies, equivalences, domains and ranges inherited along them);
2. instances: each triple is pushed once through tables compiled from that schema
   (cax-sco, prp-dom, prp-rng, prp-spo1, prp-inv, prp-symp), and the joins (prp-trp,
   prp-spo2) are made incrementally from indexes of the few properties they involve.

It works on N-Triples term strings (`kg.triples`). `unsupported()` says when the input uses
anything else (owl:sameAs, restrictions, functional properties, ...), or when phase 2 could
produce schema triples that phase 1 should have seen; `kg.reason` then runs owlrl instead.
tests/test_reasoning_paths.py checks that both give the same triples.
"""

from collections import defaultdict

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"

TYPE, FIRST, REST, NIL = (f"<{RDF}{n}>" for n in ("type", "first", "rest", "nil"))
SCO, SPO, DOMAIN, RANGE = (f"<{RDFS}{n}>" for n in ("subClassOf", "subPropertyOf", "domain", "range"))
EQC, EQP, INVERSE, CHAIN = (f"<{OWL}{n}>" for n in ("equivalentClass", "equivalentProperty", "inverseOf",
                                                   "propertyChainAxiom"))
CLASS, THING, NOTHING = f"<{OWL}Class>", f"<{OWL}Thing>", f"<{OWL}Nothing>"
SYMMETRIC, TRANSITIVE = f"<{OWL}SymmetricProperty>", f"<{OWL}TransitiveProperty>"
PROPERTY_TYPES = {f"<{OWL}ObjectProperty>", f"<{OWL}DatatypeProperty>", f"<{RDF}Property>"}

# OWL terms that trigger no rule beyond those implemented here (or none at all).
_HANDLED_OWL_PREDICATES = {EQC, EQP, INVERSE, CHAIN} | {
    f"<{OWL}{n}>" for n in ("versionIRI", "versionInfo", "priorVersion", "backwardCompatibleWith",
                            "incompatibleWith", "deprecated", "imports")}
_HANDLED_OWL_TYPES = {CLASS, THING, SYMMETRIC, TRANSITIVE, *PROPERTY_TYPES} | {
    f"<{OWL}{n}>" for n in ("AnnotationProperty", "Ontology", "NamedIndividual")}
_SCHEMA_PREDICATES = {SCO, SPO, DOMAIN, RANGE, EQC, EQP, INVERSE, CHAIN, FIRST, REST}
_SCHEMA_TYPES = {CLASS, SYMMETRIC, TRANSITIVE, *PROPERTY_TYPES}


def unsupported(triples) -> list[str]:
    """OWL terms in `triples` whose rules this module does not implement (empty: all handled)."""
    found = set()
    for _, p, o in triples:
        if p.startswith(f"<{OWL}") and p not in _HANDLED_OWL_PREDICATES:
            found.add(p)
        elif p == TYPE and o.startswith(f"<{OWL}") and o not in _HANDLED_OWL_TYPES:
            found.add(o)
    return sorted(found)


class Schema:
    """The schema closure (owlrl's scm-* rules) and the tables the instance rules read."""

    def __init__(self, triples):
        pairs = defaultdict(set)
        self.classes, self.properties = {THING, NOTHING}, set()  # cls-thing, cls-nothing
        self.symmetric, self.transitive, chain_heads = set(), set(), {}
        for s, p, o in triples:
            if p in _SCHEMA_PREDICATES:
                pairs[p].add((s, o))
            elif p == TYPE and o in _SCHEMA_TYPES:
                if o == CLASS:
                    self.classes.add(s)
                elif o in PROPERTY_TYPES:
                    self.properties.add(s)
                else:
                    (self.symmetric if o == SYMMETRIC else self.transitive).add(s)
        self.derived = _schema_closure(pairs, self.classes, self.properties)
        self.superclasses = _targets(pairs[SCO], reflexive=False)
        self.superproperties = _targets(pairs[SPO], reflexive=False)
        self.domains, self.ranges = _targets(pairs[DOMAIN]), _targets(pairs[RANGE])
        self.inverses = defaultdict(set)
        for p1, p2 in pairs[INVERSE]:  # prp-inv1 and prp-inv2
            self.inverses[p1].add(p2)
            self.inverses[p2].add(p1)
        lists = {s: o for s, o in pairs[FIRST]}, {s: o for s, o in pairs[REST]}
        self.chains = [(head, _rdf_list(items, *lists)) for head, items in sorted(pairs[CHAIN])]
        self.problem = self._check_instances_stay_instances()

    def _check_instances_stay_instances(self) -> str | None:
        """Phase 2 must not derive schema triples, or phase 1 would have missed them."""
        made = set().union(*self.superproperties.values(), *self.inverses.values(),
                           (head for head, _ in self.chains), self.symmetric, self.transitive)
        if made & _SCHEMA_PREDICATES:
            return "a property derives schema triples"
        axiom_tables = (made, self.superproperties, self.inverses, self.domains, self.ranges)
        if any(TYPE in table for table in axiom_tables) or any(TYPE in items for _, items in self.chains):
            return "rdf:type takes part in a property axiom"
        typed = set().union(*self.domains.values(), *self.ranges.values(), *self.superclasses.values())
        if typed & _SCHEMA_TYPES:
            return "a class axiom derives schema types"
        if any(items is None for _, items in self.chains):
            return "a property chain is not a well-formed list"
        return None


def _targets(pairs, reflexive=True) -> dict[str, set[str]]:
    table = defaultdict(set)
    for a, b in pairs:
        if reflexive or a != b:
            table[a].add(b)
    return table


def _rdf_list(head, firsts, rests) -> list[str] | None:
    items, seen = [], set()
    while head != NIL:
        if head in seen or head not in firsts or head not in rests:
            return None
        seen.add(head)
        items.append(firsts[head])
        head = rests[head]
    return items


def _schema_closure(pairs, classes, properties) -> set:
    """owlrl's scm-cls, scm-sco, scm-eqc1/2, scm-op, scm-dp, scm-spo, scm-eqp1/2, scm-dom1/2 and
    scm-rng1/2 until nothing changes. Updates `pairs` in place; returns the triples added."""
    sco, spo, eqc, eqp, dom, rng = (pairs[k] for k in (SCO, SPO, EQC, EQP, DOMAIN, RANGE))
    before = {k: set(v) for k, v in pairs.items()}
    for c in classes:
        sco.update({(c, c), (c, THING), (NOTHING, c)})
        eqc.add((c, c))
    for p in properties:
        spo.add((p, p))
        eqp.add((p, p))
    changed = True
    while changed:
        size = sum(map(len, (sco, spo, eqc, eqp, dom, rng)))
        sco_up, spo_up, spo_down = _targets(sco), _targets(spo), _targets({(b, a) for a, b in spo})
        for c1, c2 in list(sco):
            if c1 != c2:
                sco.update((c1, c3) for c3 in sco_up[c2] if c3 != c1)
            if (c2, c1) in sco:
                eqc.add((c1, c2))
        for c1, c2 in list(eqc):
            if c1 != c2:
                sco.update({(c1, c2), (c2, c1)})
        for p1, p2 in list(spo):
            if p1 != p2:
                spo.update((p1, p3) for p3 in spo_up[p2] if p3 != p1)
                if (p2, p1) in spo:
                    eqp.add((p1, p2))
        for p1, p2 in list(eqp):
            if p1 != p2:
                spo.update({(p1, p2), (p2, p1)})
        for table in (dom, rng):
            for p, c1 in list(table):
                table.update((p, c2) for c2 in sco_up[c1] if c2 != c1)
                table.update((p1, c1) for p1 in spo_down[p] if p1 != p)
        changed = sum(map(len, (sco, spo, eqc, eqp, dom, rng))) != size
    return {(s, k, o) for k, now in pairs.items() for s, o in now - before.get(k, set())}


def closure(asserted: set, schema: Schema) -> set:
    """Every triple the instance rules add to `asserted` (schema triples of phase 1 included)."""
    added: set = set()
    sup, inv, dom, rng = schema.superproperties, schema.inverses, schema.domains, schema.ranges
    supc, symmetric, transitive = schema.superclasses, schema.symmetric, schema.transitive
    joins = _Joins(schema)
    pending = list(asserted)
    pending.extend(t for t in schema.derived if t not in asserted)
    added.update(t for t in schema.derived if t not in asserted)

    def emit(triple):
        if triple not in asserted and triple not in added:
            added.add(triple)
            pending.append(triple)

    while pending:
        s, p, o = pending.pop()
        if p == TYPE:
            for c in supc.get(o, ()):
                emit((s, TYPE, c))
            continue
        for q in sup.get(p, ()):
            emit((s, q, o))
        for q in inv.get(p, ()):
            emit((o, q, s))
        if p in symmetric:
            emit((o, p, s))
        for c in dom.get(p, ()):
            emit((s, TYPE, c))
        if not o.startswith('"'):  # a literal typed by a range leads nowhere: filtered, and
            for c in rng.get(p, ()):  # rdf:type is in no property axiom (Schema checks)
                emit((o, TYPE, c))
        if p in joins.predicates:
            for triple in joins.add(s, p, o, p in transitive):
                emit(triple)
    return added


class _Joins:
    """Incremental joins for transitive properties (prp-trp) and property chains (prp-spo2).

    Every triple of a joined property is indexed as it is first processed, and joined with
    those indexed before it; so each pair is joined exactly once, whichever comes first."""

    def __init__(self, schema: Schema):
        self.chains = schema.chains
        self.predicates = set(schema.transitive).union(*(items for _, items in schema.chains))
        self.forward = defaultdict(lambda: defaultdict(list))  # p -> s -> [o]
        self.backward = defaultdict(lambda: defaultdict(list))  # p -> o -> [s]

    def add(self, s, p, o, transitive: bool):
        self.forward[p][s].append(o)
        self.backward[p][o].append(s)
        found = []
        if transitive:
            found += [(s, p, z) for z in self.forward[p].get(o, ())]
            found += [(w, p, o) for w in self.backward[p].get(s, ())]
        for head, items in self.chains:
            for i, item in enumerate(items):
                if item == p:
                    found += [(a, head, b) for a in self._walk(s, items[:i][::-1], self.backward)
                              for b in self._walk(o, items[i + 1:], self.forward)]
        return found

    @staticmethod
    def _walk(start, properties, index):
        nodes = [start]
        for p in properties:
            nodes = [n for node in nodes for n in index[p].get(node, ())]
        return nodes
