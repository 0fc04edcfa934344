"""What of the data graph the shapes read, and how pySHACL can check it in parts, fast.

pySHACL's time grows with the focus nodes and triples; a large build has millions of both.
Three facts about core SHACL with predicate paths let us cut the work without changing a
single result (tests/test_validate_parts.py compares with one pySHACL run on the whole graph):

- **Scope.** A shape reads only the predicates named by its paths, targets and pair
  constraints, `rdf:type` of the classes it targets or requires (and their subclasses), and
  `rdfs:subClassOf`. Every other triple is left out.
- **Parts.** A focus node's results depend on its own triples and, for its values, on their
  types (`sh:class`) and on the paths of the shapes applied to them (`sh:node`, `sh:or`, ...),
  to the depth those shapes nest. So the subjects are shared out among parts; each part holds
  its subjects' triples, that context of their values, and the class hierarchy. The focus
  nodes are found once, in the whole graph, and each part checks only its own: no node is
  checked on part of its data, and none twice.
- **Direct targets.** pySHACL checks a targeted shape once for all its focus nodes, but a
  property shape reached through `sh:property` once per focus node, building its constraints
  anew each time. The results of a node shape are those of its property shapes (SHACL 4.8.1),
  so each property shape is targeted directly. A part marks its focus nodes with a class of
  our own per node shape (`urn:x-channel-kg:focus:N`), which the rewritten shapes target.

Shapes outside that (`sh:closed`, SHACL-SPARQL, complex paths, `rdf:type` as a path) set
`problem`; the caller then validates the whole graph in one part with the shapes as they are.
"""

from collections import defaultdict
from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import SH
from .triples import Triple

TYPE, SUBCLASS = RDF.type.n3(), RDFS.subClassOf.n3()
FOCUS = "urn:x-channel-kg:focus:"
_NESTING = (SH.node, SH["or"], SH["and"], SH.xone, SH["not"], SH.qualifiedValueShape)
_LISTS = (SH["or"], SH["and"], SH.xone)
_PAIRS = (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_OUT_OF_SCOPE = (SH.closed, SH.sparql, SH.target, SH.rule, SH.js, SH.deactivated)
_MAX_DEPTH = 8


class ShapesScope:
    def __init__(self, shapes: Graph):
        self.shapes = shapes
        paths = set(shapes.objects(None, SH.path))
        read = paths | {o for p in (*_PAIRS, SH.targetSubjectsOf, SH.targetObjectsOf) for o in shapes.objects(None, p)}
        self.predicates = {term.n3() for term in read} | {TYPE, SUBCLASS}
        self.classes = {term.n3() for term in set(shapes.objects(None, SH.targetClass))
                        | set(shapes.objects(None, SH["class"])) | self._implicit_targets()}
        self.targeted = sorted(self._targeted(), key=lambda shape: shape.n3())
        self._marks_of = {shape: f"<{FOCUS}{number}>" for number, shape in enumerate(self.targeted)}
        nested = self._nested_shapes()
        self.value_predicates = {TYPE} | {o.n3() for shape in nested for node in [shape, *self._properties(shape)]
                                          for o in shapes.objects(node, SH.path)}
        self.context_paths, self.counted_paths = self._paths_by_use(paths, nested)
        depth = self._depth(nested)
        self.levels = 1 + depth
        self.problem = self._problem(paths, read, depth)

    def _problem(self, paths, read, depth) -> str | None:
        for predicate in _OUT_OF_SCOPE:
            if any(True for _ in self.shapes.subject_objects(predicate)):
                return f"the shapes use {predicate.n3(self.shapes.namespace_manager)}"
        if any(not isinstance(path, URIRef) for path in paths):
            return "the shapes use a path that is not a single predicate"
        if RDF.type in read:
            return "the shapes read rdf:type as a path (the focus marks would show)"
        if depth > _MAX_DEPTH:
            return "the shapes nest too deep, or refer to themselves"
        return None

    # --- the shapes graph -------------------------------------------------------------

    def _paths_by_use(self, paths, nested) -> tuple[set, dict]:
        """Paths whose values must be described in a part (a shape asks their class or applies
        a shape to them), and paths only counted (`sh:minCount`/`sh:maxCount` and nothing
        else), with how many values can make a difference."""
        context, counted = set(), {}
        for path in paths:
            shapes = set(self.shapes.subjects(SH.path, path))
            parameters = {p for shape in shapes for p in self.shapes.predicates(shape) if p.startswith(str(SH))}
            if parameters & {SH["class"], *_NESTING} or shapes & nested:
                context.add(path.n3())
            if parameters <= {SH.path, SH.minCount, SH.maxCount, SH.name, SH.description, SH.message,
                              SH.severity, SH.order, SH.group} and not shapes & nested:
                bounds = [int(n) for p in (SH.minCount, SH.maxCount) for shape in shapes
                          for n in self.shapes.objects(shape, p)]
                counted[path.n3()] = max(bounds, default=0) + 1
        pair_or_nested = {o.n3() for p in _PAIRS for o in self.shapes.objects(None, p)} | self.value_predicates
        return context, {p: n for p, n in counted.items() if p not in pair_or_nested}

    def _implicit_targets(self) -> set:
        """Shapes that are also classes target their instances (SHACL 2.1.3.3)."""
        shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape))
        classes = set(self.shapes.subjects(RDF.type, RDFS.Class)) | set(self.shapes.subjects(RDF.type, OWL.Class))
        return shapes & classes

    def _targeted(self) -> set:
        return {s for p in _TARGETS for s in self.shapes.subjects(p, None)} | self._implicit_targets()

    def _properties(self, shape) -> list:
        return list(self.shapes.objects(shape, SH.property))

    def _references(self, node) -> set:
        """Shapes that `node` (a node or property shape) applies to its focus or value nodes."""
        found = set()
        for predicate in _NESTING:
            for value in self.shapes.objects(node, predicate):
                found.update(self.shapes.items(value) if predicate in _LISTS else [value])
        return found

    def _nested_shapes(self) -> set:
        def referenced(shapes):
            return {r for shape in shapes for node in [shape, *self._properties(shape)] for r in self._references(node)}
        every = set(self.shapes.subjects(RDF.type, SH.NodeShape)) | set(self.shapes.subjects(RDF.type, SH.PropertyShape))
        found, frontier = set(), referenced(every | set(self.targeted))
        while frontier - found:
            found |= frontier
            frontier = referenced(frontier)
        return found

    def _depth(self, nested: set) -> int:
        """How many path steps beyond a checked value the nested shapes read."""
        def depth(shape, seen) -> int:
            if shape in seen or len(seen) > _MAX_DEPTH:
                return _MAX_DEPTH + 1
            seen = seen | {shape}
            own = [depth(r, seen) for r in self._references(shape)]
            steps = [1 + max((depth(r, seen) for r in self._references(p)), default=0) for p in self._properties(shape)]
            return max(own + steps, default=0)
        return max((depth(shape, frozenset()) for shape in nested), default=0)

    def marker(self, shape) -> str:
        """The class (a term string) that marks the focus nodes of a targeted shape."""
        return self._marks_of[shape]

    def check_shapes(self) -> Graph:
        """The shapes to run on parts: no targets of their own; each targeted node shape and
        each of its property shapes target the focus mark of that node shape."""
        implicit, targeted = self._implicit_targets(), set(self.targeted)
        shapes = Graph()
        for s, p, o in self.shapes:
            if p in _TARGETS or (p == RDF.type and s in implicit and o in (RDFS.Class, OWL.Class)):
                continue
            if not (p == SH.property and s in targeted):
                shapes.add((s, p, o))
        for shape in self.targeted:
            mark = URIRef(self.marker(shape)[1:-1])
            for node in [shape, *self._properties(shape)]:
                shapes.add((node, SH.targetClass, mark))
        return shapes

    # --- the data -------------------------------------------------------------------

    def relevant(self, triples) -> list[Triple]:
        """The triples the shapes can read: their predicates, and types of the classes that
        matter (those named, and every subclass of them)."""
        if self.problem:
            return list(triples)
        triples = [t for t in triples if t[1] in self.predicates]
        classes = _with_subclasses(self.classes, [(s, o) for s, p, o in triples if p == SUBCLASS])
        return [t for t in triples if t[1] != TYPE or t[2] in classes]

    def focus_nodes(self, triples: list[Triple]) -> dict[str, set]:
        """Focus node -> the targeted shapes that select it in the whole graph (SHACL 2.1.3)."""
        hierarchy = [(s, o) for s, p, o in triples if p == SUBCLASS]
        by_class, by_subject_of, by_object_of = defaultdict(set), defaultdict(set), defaultdict(set)
        for shape, cls in [*self.shapes.subject_objects(SH.targetClass), *((s, s) for s in self._implicit_targets())]:
            for c in _with_subclasses({cls.n3()}, hierarchy):
                by_class[c].add(shape)
        for shape, p in self.shapes.subject_objects(SH.targetSubjectsOf):
            by_subject_of[p.n3()].add(shape)
        for shape, p in self.shapes.subject_objects(SH.targetObjectsOf):
            by_object_of[p.n3()].add(shape)
        found = defaultdict(set)
        for shape, node in self.shapes.subject_objects(SH.targetNode):
            found[node.n3()].add(shape)
        for s, p, o in triples:
            if p == TYPE and o in by_class:
                found[s] |= by_class[o]
            if p in by_subject_of:
                found[s] |= by_subject_of[p]
            if p in by_object_of:
                found[o] |= by_object_of[p]
        return found

    def parts(self, triples: list[Triple], size: int) -> Iterator[list[Triple]]:
        """The `relevant` triples in parts of about `size`, each with its values' context and
        the marks of the focus nodes it checks (one part, unmarked, when `problem` is set).
        Parts are made as they are asked for, so the first can be checked while the next is
        made."""
        if self.problem:
            yield list(triples)
            return
        focus = self.focus_nodes(triples)
        by_subject, counts = defaultdict(list), defaultdict(int)
        for triple in triples:
            cap = self.counted_paths.get(triple[1])
            if cap is not None:  # focus nodes are known: beyond the cap, values change nothing
                counts[triple[0], triple[1]] += 1
                if counts[triple[0], triple[1]] > cap:
                    continue
            by_subject[triple[0]].append(triple)
        del counts
        groups, current, count = [], [], 0
        for subject in sorted(by_subject):
            current.append(subject)
            count += len(by_subject[subject])
            if count >= size:
                groups.append(current)
                current, count = [], 0
        if current or not groups:
            groups.append(current)
        hierarchy = [t for t in triples if t[1] == SUBCLASS]
        placed = set(by_subject)
        for group in groups:
            part = self._part(group, by_subject, hierarchy)
            # A focus node that is the subject of nothing (an object reached by
            # sh:targetObjectsOf) is checked by the first part that mentions it.
            extra = {o for s in group for _, _, o in by_subject[s] if o in focus and o not in placed}
            placed |= extra
            yield part + self._marks(set(group) | extra, focus)
        unmentioned = set(focus) - placed  # sh:targetNode of nodes the data never names
        if unmentioned:
            yield hierarchy + self._marks(unmentioned, focus)

    def _marks(self, nodes, focus) -> list[Triple]:
        return [(node, TYPE, self.marker(shape)) for node in sorted(nodes) for shape in focus.get(node, ())]

    def _part(self, owned: list, by_subject: dict, hierarchy: list) -> list[Triple]:
        triples = [t for subject in owned for t in by_subject[subject]]
        seen = set(owned)
        frontier = {o for _, p, o in triples if p in self.context_paths and not o.startswith('"')}
        for _ in range(self.levels):
            frontier -= seen
            seen |= frontier
            context = [t for node in sorted(frontier) for t in by_subject.get(node, ()) if t[1] in self.value_predicates]
            triples += context
            frontier = {o for _, _, o in context if not o.startswith('"')}
        owned = set(owned)  # their own subclass triples are in already
        return triples + [t for t in hierarchy if t[0] not in owned]


def _with_subclasses(classes: set[str], subclass_pairs) -> set[str]:
    below = defaultdict(set)
    for sub, sup in subclass_pairs:
        below[sup].add(sub)
    found, todo = set(classes), list(classes)
    while todo:
        for sub in below[todo.pop()] - found:
            found.add(sub)
            todo.append(sub)
    return found
