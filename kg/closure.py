"""A purpose-built OWL 2 RL closure for exactly the axioms ChannelKG's ontology uses.

owlrl (the reference, `kg.reason`) applies every OWL 2 RL rule to every triple in cycles
until nothing changes, in rdflib: about 40 s for a hundred articles, and it grows faster
than the graph. This module applies the same rules, as owlrl implements them, but only the
ones the ontology can trigger, in two phases:

1. schema: the scm-* rules on the small set of schema triples (subclass and subproperty
   hierarchies, equivalences, domains and ranges inherited along them);
2. instances: each triple goes once through tables compiled from that schema (prp-spo1,
   prp-inv, prp-symp, prp-dom, prp-rng, cax-sco), and the joins (prp-trp, prp-spo2) are
   made incrementally from indexes of the few properties they involve.

It works on N-Triples term strings (`kg.triples`). `Schema.problem` says when the input uses
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


class Schema:
    """The schema closure (owlrl's scm-* rules) and the tables the instance rules read.

    `problem` says why this module cannot stand in for owlrl on these triples (None: it can):
    an OWL term whose rules it does not implement (owl:sameAs, restrictions, functional
    properties, ...), or axioms that would let instance rules derive schema triples."""

    def __init__(self, triples):
        pairs = defaultdict(set)
        self.classes, self.properties = {THING, NOTHING}, set()  # cls-thing, cls-nothing
        self.symmetric, self.transitive = set(), set()
        types, predicates = set(), set()
        for s, p, o in triples:
            predicates.add(p)
            if p in _SCHEMA_PREDICATES:
                pairs[p].add((s, o))
            elif p == TYPE:
                types.add(o)
                if o in _SCHEMA_TYPES:
                    if o == CLASS:
                        self.classes.add(s)
                    elif o in PROPERTY_TYPES:
                        self.properties.add(s)
                    else:
                        (self.symmetric if o == SYMMETRIC else self.transitive).add(s)
        unhandled = sorted({p for p in predicates if p.startswith(f"<{OWL}") and p not in _HANDLED_OWL_PREDICATES}
                           | {o for o in types if o.startswith(f"<{OWL}") and o not in _HANDLED_OWL_TYPES})
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
        self.problem = ("OWL terms it does not implement: " + ", ".join(unhandled) if unhandled
                        else self._check_instances_stay_instances())

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
    """Every triple the instance rules add to `asserted` (schema triples of phase 1 included).

    Properties first, then types: rdf:type is in no property axiom (Schema checks), so type
    triples never lead to property triples. Each triple's consequences along subproperties,
    inverses and symmetry are worked out once per predicate (`_Plan`), and so are the classes
    its subject and object get from domains and ranges; only the joins go triple by triple."""
    supc, transitive = schema.superclasses, schema.transitive
    plans: dict[str, _Plan] = {}
    joins = _Joins(schema)
    added = {t for t in schema.derived if t not in asserted}
    typed: set = set()  # (node, class) pairs; made into triples at the end
    pending: list = []

    def join(triple):
        for found in joins.add(*triple, triple[1] in transitive):
            if found not in asserted and found not in added:
                added.add(found)
                pending.append(found)

    def process(s, p, o):
        plan = plans.get(p) or plans.setdefault(p, _Plan(p, schema))
        for q, swapped in plan.properties:
            derived = (o, q, s) if swapped else (s, q, o)
            if derived not in asserted and derived not in added:
                added.add(derived)
                if q in joins.predicates:
                    join(derived)
        for c in plan.subject_classes:
            typed.add((s, c))
        if o[0] != '"':  # a literal typed by a range leads nowhere: it would be filtered out
            for c in plan.object_classes:
                typed.add((o, c))
        if p in joins.predicates:
            join((s, p, o))

    for s, p, o in asserted:
        if p == TYPE:
            for c in supc.get(o, ()):
                typed.add((s, c))
        else:
            process(s, p, o)
    for s, p, o in list(added):
        process(s, p, o)  # schema triples of phase 1 are instances of rdfs:subClassOf etc. too
    while pending:
        process(*pending.pop())
    added.update(t for t in ((n, TYPE, c) for n, c in typed) if t not in asserted)
    return added


class _Plan:
    """What one triple of property `p` leads to without joins: the (property, swapped)
    triples reached through subproperties, inverses and symmetry, and the classes (closed
    under subclass) its subject and object get from the domains and ranges on the way."""

    def __init__(self, p: str, schema: Schema):
        states, todo = {(p, False)}, [(p, False)]
        while todo:
            q, swapped = todo.pop()
            following = [(r, swapped) for r in schema.superproperties.get(q, ())]
            following += [(r, not swapped) for r in schema.inverses.get(q, ())]
            following += [(q, not swapped)] if q in schema.symmetric else []
            for state in following:
                if state not in states:
                    states.add(state)
                    todo.append(state)
        self.properties = sorted(states - {(p, False)})
        subject, obj = set(), set()
        for q, swapped in states:
            (obj if swapped else subject).update(schema.domains.get(q, ()))
            (subject if swapped else obj).update(schema.ranges.get(q, ()))
        self.subject_classes = _with_superclasses(subject, schema.superclasses)
        self.object_classes = _with_superclasses(obj, schema.superclasses)


def _with_superclasses(classes: set, superclasses: dict) -> list:
    return sorted(set(classes).union(*(superclasses.get(c, ()) for c in classes)))


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
