"""Stage 3 — merge curated: hand-written triples per article, with their evidence completed.

People write `ck:evidence [ ck:quote "…" ]`; this stage finds each quote in the article,
mints `id:evidence/{stem}-{start}-{end}`, and adds source, offsets and `prov:wasDerivedFrom`,
so stewards never type offsets. A quote that is not in the article stops the build.
"""

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from . import iris, project
from .errors import InputError
from .evidence import evidence_graph, locate
from .namespaces import CK, SH, bind_prefixes, prefixed
from .rdf_files import line_of, parse_turtle
from .seeds import Article
from .triples import Triple, from_graph, is_literal, literal_parts, term_string, to_term

LABEL, ALT_LABEL, RDF_TYPE = term_string(RDFS.label), term_string(SKOS.altLabel), term_string(RDF.type)


def load_curated(articles: list[Article], curated_dir: Path) -> dict[str, Graph]:
    """The curated graph of every article that has a file `{stem}.ttl` in `curated_dir`.

    A curated file whose seed is neither among these articles nor in the project's seeds/ (a
    typo in its name, a seed renamed) stops the build: its facts would be silently lost. One
    whose seed is in seeds/ is left out of a build of other articles (`kg build --seeds DIR`)."""
    _refuse_orphans(articles, Path(curated_dir))
    graphs, labels = {}, {}
    for article in articles:
        path = Path(curated_dir) / f"{article.stem}.ttl"
        if path.exists():
            graphs[article.stem] = complete_evidence(parse_turtle(path), article, path)
            _check_labels(graphs[article.stem], path, labels)
    return graphs


def _refuse_orphans(articles: list[Article], curated_dir: Path) -> None:
    folders = {article.path.parent for article in articles} | {project.current().seeds_dir}
    for path in sorted(curated_dir.glob("*.ttl")):
        if not any((folder / f"{path.stem}.txt").is_file() for folder in folders):
            where = " or ".join(sorted(str(folder) for folder in folders))
            raise InputError(path, f"no seed {path.stem}.txt for this curated file in {where}; "
                                   "rename the file to its seed's name, or add the seed")


def _check_labels(graph: Graph, path: Path, seen: dict) -> None:
    """One IRI, one English label: two files naming the same node differently is a mix-up."""
    for node, label in graph.subject_objects(RDFS.label):
        key = (node, label.language)
        first = seen.setdefault(key, (label, path))
        if first[0] != label:
            raise InputError(path, f'{node} is labelled "{label}" here but "{first[0]}" in {first[1].name}; '
                             "use skos:altLabel for other names", line_of(path, str(label)))


def complete_evidence(graph: Graph, article: Article, path: Path) -> Graph:
    """Replace each evidence blank node by a minted Evidence IRI with offsets."""
    completed = Graph()
    bind_prefixes(completed)
    evidence_nodes = set(graph.objects(None, CK.evidence))
    for s, p, o in graph:
        if s not in evidence_nodes and o not in evidence_nodes:
            completed.add((s, p, o))
    for node, evidence_node in sorted(graph.subject_objects(CK.evidence)):
        start, end = _locate_quote(graph, evidence_node, article, path)
        completed.add((node, CK.evidence, iris.evidence(article.stem, start, end)))
        completed.add((node, PROV.wasDerivedFrom, article.iri))
        completed += evidence_graph(article, start, end)
    return completed


def _locate_quote(graph: Graph, evidence_node, article: Article, path: Path) -> tuple[int, int]:
    quote = graph.value(evidence_node, CK.quote)
    if quote is None:
        raise InputError(path, f"evidence of {_who(graph, evidence_node)} has no ck:quote")
    hint = graph.value(evidence_node, CK.start)
    span = locate(article.text, str(quote), int(hint) if hint is not None else None)
    if span is None:
        where = "at the given ck:start in" if hint is not None else "in"
        raise InputError(path, f'quote not found {where} {article.path.name}: "{quote}"',
                         line_of(path, str(quote)[:40]))
    if isinstance(evidence_node, URIRef) and evidence_node != iris.evidence(article.stem, *span):
        raise InputError(path, f"evidence {evidence_node} does not match its quote's offsets {span}")
    return span


def _who(graph: Graph, evidence_node) -> str:
    subject = graph.value(None, CK.evidence, evidence_node)
    return str(subject) if subject is not None else "a node"


def load_external(path: Path) -> Graph:
    return parse_turtle(path) if Path(path).exists() else Graph()


def external_about(external: Graph, curated_graphs: Iterable[Graph], rules_triples: dict[str, list[Triple]]) -> Graph:
    """The outside knowledge about nodes this build has: a build of other articles than the seeds
    must not carry the seeds' corrections (a date for a meeting it never mentions), which would
    leave nodes without evidence. A reified statement goes with the node it is about."""
    nodes = {term_string(s) for graph in curated_graphs for s in graph.subjects()}
    nodes |= {triple[0] for triples in rules_triples.values() for triple in triples}
    def kept(subject) -> bool:
        about = external.value(subject, RDF.subject)
        return term_string(about if about is not None else subject) in nodes
    subjects = {s for s in external.subjects() if kept(s)}
    result = Graph()
    for triple in external:
        if triple[0] in subjects:
            result.add(triple)
    bind_prefixes(result)
    return result


def one_label_per_node(named: Iterable[Graph], rules_triples: dict[str, list[Triple]]) -> dict[str, list[Triple]]:
    """One rdfs:label per node and language. Where curated or external data labels a node in a
    language, the rules' label for it in that language becomes a skos:altLabel (or goes, when it
    says the same): the hand-written name is the one researchers see, and the rules' wording stays
    in the rules graph; a label with no language tag names the node in every language. A node
    that only the rules name, in several articles with different words ("Funding: £196m",
    "Funding: 196 million pounds"), is named by the first article in stem order; the others'
    words become skos:altLabel. The rules' French label of a node curated only in English stays
    its French rdfs:label."""
    labels = {}
    for graph in named:
        for node, label in graph.subject_objects(RDFS.label):
            labels.setdefault((term_string(node), label.language if isinstance(label, Literal) else None),
                              set()).add(term_string(label))
    result = {}
    for stem in sorted(rules_triples):
        triples = rules_triples[stem]
        result[stem] = [_demoted(t, labels) for t in triples if not _restated(t, labels)]
        for node, predicate, label in triples:
            if predicate == LABEL and not _labelled(node, label, labels):
                labels[(node, _language(label))] = {label}
    return {stem: result[stem] for stem in rules_triples}


def _language(label: str) -> str | None:
    """The language tag of a literal as term_string spells it ('"Funding: £55m"@en' -> "en")."""
    tag = label.rsplit('"', 1)[-1]
    return tag[1:] if tag.startswith("@") else None


def _labelled(node: str, label: str, labels: dict) -> set | None:
    """The labels the node already has in the label's language (or with no language)."""
    return labels.get((node, _language(label))) or labels.get((node, None))


def _restated(triple: Triple, labels: dict) -> bool:
    return triple[1] == LABEL and triple[2] in (_labelled(triple[0], triple[2], labels) or ())


def _demoted(triple: Triple, labels: dict) -> Triple:
    return (triple[0], ALT_LABEL, triple[2]) if triple[1] == LABEL and _labelled(triple[0], triple[2], labels) else triple


def single_valued(shapes: Graph, onto: Graph) -> dict[str, set[str]]:
    """{class: properties of which the shapes allow one value (sh:maxCount 1)}, each class
    with its subclasses (a ck:Minister is held to the ck:Person shape)."""
    allowed: dict[str, set[str]] = {}
    for shape, target in shapes.subject_objects(SH.targetClass):
        for property_shape in shapes.objects(shape, SH.property):
            path = shapes.value(property_shape, SH.path)
            most = shapes.value(property_shape, SH.maxCount)
            if isinstance(path, URIRef) and most is not None and int(most) == 1:
                for cls in onto.transitive_subjects(RDFS.subClassOf, target):
                    allowed.setdefault(term_string(cls), set()).add(term_string(path))
    return allowed


def curated_wins(curated_graphs: dict[str, Graph], rules_triples: dict[str, list[Triple]],
                 allowed: dict[str, set[str]], curated_dir: Path) -> tuple[dict[str, list[Triple]], list[str]]:
    """Where a curated file and the rules give one node different values of a property that
    may have one (a corrected figure on the IRI the rules mint from the old one), the curated
    value stands: the rules' value leaves the rules graph, and a note says so."""
    types: dict[str, set[str]] = {}
    for triples in [*(from_graph(g) for g in curated_graphs.values()), *rules_triples.values()]:
        for s, p, o in triples:
            if p == RDF_TYPE:
                types.setdefault(s, set()).add(o)
    curated_values: dict[tuple[str, str], tuple[set[str], str]] = {}
    for stem, graph in curated_graphs.items():
        for s, p, o in from_graph(graph):
            if any(p in allowed.get(cls, ()) for cls in types.get(s, ())):
                curated_values.setdefault((s, p), (set(), stem))[0].add(o)
    notes, result = [], {}
    for stem, triples in rules_triples.items():
        kept = []
        for s, p, o in triples:
            values, curated_stem = curated_values.get((s, p), (None, None))
            if values is None or o in values:
                kept.append((s, p, o))
                continue
            if not any(_same_value(o, value) for value in values):
                notes.append(f"{_show(s)} {_show(p)}: curated {' '.join(map(_show, sorted(values)))} "
                             f"({curated_dir / curated_stem}.ttl) replaces {_show(o)} from the rules "
                             f"(article {stem}); the curated value stands")
        result[stem] = kept
    return result, notes


def _same_value(a: str, b: str) -> bool:
    """Two literals of one value written differently ("1185" and "1185.0" as xsd:decimal)."""
    if not (is_literal(a) and is_literal(b)):
        return False
    return to_term(a).eq(to_term(b)) is True


def _show(term: str) -> str:
    if term.startswith("<"):
        return prefixed(term[1:-1]) or term
    lexical, language, datatype = literal_parts(term)
    return f'"{lexical}"' + (f"@{language}" if language else "")
