"""What of the data graph the shapes can read, and how to split it so pySHACL can run in parts.

pySHACL's time grows with the focus nodes it checks and the triples it searches; a large
build has millions of both. Two facts about core SHACL with predicate paths make the work
divisible without changing a single result:

- **Scope.** A shape reads only the predicates named by its paths, targets and pair
  constraints, `rdf:type` of the classes it targets or requires (and their subclasses), and
  `rdfs:subClassOf`. Every other triple can be left out.
- **Parts.** A focus node's results depend on its own triples and, for its values, on their
  types (`sh:class`) and on the paths of shapes applied to them (`sh:node`, `sh:or`, ...),
  to the depth those shapes nest. So the subjects can be shared out among parts; each part
  holds its subjects' triples, that context of their values, and the class hierarchy; its
  results are kept for the subjects it owns. A node that is the subject of no triple (an
  object reached by `sh:targetObjectsOf`) sees the same data in every part.

Shapes outside that (`sh:closed`, SHACL-SPARQL, complex paths, targets by query) get
`problem` set, and the caller validates the whole graph in one part, as before.
"""

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import SH
from .triples import Triple

TYPE, SUBCLASS = RDF.type.n3(), RDFS.subClassOf.n3()
_NESTING = (SH.node, SH["or"], SH["and"], SH.xone, SH["not"], SH.qualifiedValueShape)
_PAIRS = (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint)
_LISTS = (SH["or"], SH["and"], SH.xone)
_OUT_OF_SCOPE = (SH.closed, SH.sparql, SH.target, SH.rule, SH.js, SH.deactivated)
_MAX_DEPTH = 8
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


class ShapesScope:
    def __init__(self, shapes: Graph):
        self.shapes = shapes
        self.problem = self._problem()
        paths = {o for o in shapes.objects(None, SH.path)}
        targets = set(shapes.objects(None, SH.targetSubjectsOf)) | set(shapes.objects(None, SH.targetObjectsOf))
        pairs = {o for p in _PAIRS for o in shapes.objects(None, p)}
        self.predicates = {term.n3() for term in paths | targets | pairs} | {TYPE, SUBCLASS}
        self.classes = {term.n3() for term in set(shapes.objects(None, SH.targetClass))
                        | set(shapes.objects(None, SH["class"])) | self._implicit_targets()}
        nested = self._nested_shapes()
        self.value_predicates = {TYPE} | {o.n3() for shape in nested for node in [shape, *self._properties(shape)]
                                          for o in shapes.objects(node, SH.path)}
        self.levels = 1 + self._depth(nested)

    def _problem(self) -> str | None:
        for predicate in _OUT_OF_SCOPE:
            if any(True for _ in self.shapes.subject_objects(predicate)):
                return f"the shapes use {predicate.n3(self.shapes.namespace_manager)}"
        if any(not isinstance(path, URIRef) for path in self.shapes.objects(None, SH.path)):
            return "the shapes use a path that is not a single predicate"
        return None

    def _implicit_targets(self) -> set:
        """Shapes that are also classes target their instances (SHACL 2.1.3.3)."""
        shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape))
        classes = set(self.shapes.subjects(RDF.type, RDFS.Class)) | set(self.shapes.subjects(RDF.type, OWL.Class))
        return shapes & classes

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
        shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape)) | set(self.shapes.subjects(RDF.type, SH.PropertyShape))
        found = set()
        frontier = {r for shape in shapes for node in [shape, *self._properties(shape)] for r in self._references(node)}
        while frontier - found:
            found |= frontier
            frontier = {r for shape in frontier for node in [shape, *self._properties(shape)] for r in self._references(node)}
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
        deepest = max((depth(shape, frozenset()) for shape in nested), default=0)
        if deepest > _MAX_DEPTH:
            self.problem = self.problem or "the shapes nest too deep (or refer to themselves)"
        return deepest

    def relevant(self, triples) -> list[Triple]:
        """The triples the shapes can read: their predicates, and types of the classes that
        matter (those named, and every subclass of them)."""
        if self.problem:
            return list(triples)
        triples = [t for t in triples if t[1] in self.predicates]
        classes = _with_subclasses(self.classes, [(s, o) for s, p, o in triples if p == SUBCLASS])
        return [t for t in triples if t[1] != TYPE or t[2] in classes]

    def targets(self, triples: list[Triple]) -> dict[str, set[str]]:
        """Focus node -> the shapes that target it in the whole graph (SHACL 2.1.3), from the
        `relevant` triples."""
        hierarchy = [(s, o) for s, p, o in triples if p == SUBCLASS]
        by_class, by_subject_of, by_object_of = defaultdict(set), defaultdict(set), defaultdict(set)
        for shape, cls in self.shapes.subject_objects(SH.targetClass):
            for c in _with_subclasses({cls.n3()}, hierarchy):
                by_class[c].add(shape.n3())
        for shape in self._implicit_targets():
            for c in _with_subclasses({shape.n3()}, hierarchy):
                by_class[c].add(shape.n3())
        for shape, p in self.shapes.subject_objects(SH.targetSubjectsOf):
            by_subject_of[p.n3()].add(shape.n3())
        for shape, p in self.shapes.subject_objects(SH.targetObjectsOf):
            by_object_of[p.n3()].add(shape.n3())
        found = defaultdict(set)
        for shape, node in self.shapes.subject_objects(SH.targetNode):
            found[node.n3()].add(shape.n3())
        for s, p, o in triples:
            if p == TYPE and o in by_class:
                found[s].update(by_class[o])
            if p in by_subject_of:
                found[s].update(by_subject_of[p])
            if p in by_object_of:
                found[o].update(by_object_of[p])
        return found

    def parts(self, triples: list[Triple], size: int) -> list["Part"]:
        """Share the subjects of `triples` (already `relevant`) out among parts of about `size`
        triples; each part has the context its subjects' values need and, as explicit target
        nodes, exactly the focus nodes it owns. With `problem` set: one part, the shapes' own
        targets."""
        if self.problem:
            return [Part(list(triples), None)]
        by_subject = defaultdict(list)
        for triple in triples:
            by_subject[triple[0]].append(triple)
        groups, current, count = [], [], 0
        for subject in sorted(by_subject):
            current.append(subject)
            count += len(by_subject[subject])
            if count >= size:
                groups.append(current)
                current, count = [], 0
        if current or not groups:
            groups.append(current)
        focus = self.targets(triples)
        hierarchy = [t for t in triples if t[1] == SUBCLASS]
        parts, placed = [], set(by_subject)
        for group in groups:
            part = self._part(group, by_subject, hierarchy)
            # Focus nodes that are the subject of nothing (objects reached by sh:targetObjectsOf)
            # go to the first part that mentions them.
            extra = {o for s in group for _, _, o in by_subject[s] if o in focus and o not in placed}
            placed |= extra
            part.targets = [(shape, node) for node in sorted(set(group) | extra) for shape in sorted(focus.get(node, ()))]
            parts.append(part)
        parts[0].targets += [(shape, node) for node in sorted(set(focus) - placed) for shape in sorted(focus[node])]
        return parts

    def _part(self, owned: list, by_subject: dict, hierarchy: list) -> "Part":
        triples = [t for subject in owned for t in by_subject[subject]]
        seen, frontier = set(owned), {o for _, _, o in triples if not o.startswith('"')}
        for _ in range(self.levels):
            frontier -= seen
            seen |= frontier
            context = [t for node in sorted(frontier) for t in by_subject.get(node, ()) if t[1] in self.value_predicates]
            triples += context
            frontier = {o for _, _, o in context if not o.startswith('"')}
        triples += [t for t in hierarchy if t[0] not in seen]
        return Part(triples, [])

    def untargeted(self) -> Graph:
        """The shapes without their targets, to be given a part's focus nodes as sh:targetNode."""
        implicit = self._implicit_targets()
        shapes = Graph()
        for s, p, o in self.shapes:
            if p in _TARGETS or (p == RDF.type and s in implicit and o in (RDFS.Class, OWL.Class)):
                continue
            shapes.add((s, p, o))
        return shapes


class Part:
    """Triples for one pySHACL run, and the (shape, focus node) pairs it is to check;
    `targets` None: the shapes' own targets."""

    def __init__(self, triples: list[Triple], targets: list[tuple[str, str]] | None):
        self.triples = triples
        self.targets = targets


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
