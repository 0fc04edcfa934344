"""`kg evaluate`: how well the rule mappings find what curators wrote, per seed and kind.

For each seed, the rules graph (map_article, with the same lexicon as the build) is compared
with mappings/curated/{stem}.ttl on five kinds of fact, each reduced to comparable values:

- Funding: (amount, currency)            - Statistic: (measure, value)
- Person: (person, role), case ignored   - Pledge: (agreement, pledge type)
- Event date: (Meeting or Agreement IRI, ck:date)
- Dispute: (speaker, what it disputes)   (no target in issue 3; reported so that changes show)

The table has a row per article language (`language fr (3)`) besides the total, so that each
language pack is judged on its own articles.

Agreements are matched by IRI; a rules agreement with no curated twin is matched to the
curated agreement whose evidence overlaps its own (same words of the article). A date that
curators leave to the external graph counts as expected when the article's own date words
(the curated ck:dateText, "yesterday evening") fix the day once the publication day is known:
the rules resolve those against the external publication day and must get them right. Dates
only outside knowledge can give ("in January" meaning 24 January 2019) are not expected.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from . import curated, mapping, ontology, project, seeds
from .evidence import locate
from .map_rules import default_packs, map_article, pack_for
from .rdf_files import parse_turtle
from .namespaces import CK
from .rules import dates
from .rules.lexicon import fold_name

KINDS = ("Funding", "Statistic", "Person", "Pledge", "Event date", "Dispute")
# Issue 3's targets. Disputes have none yet: they are measured so that changes show.
TARGETS = {"Funding": 0.9, "Statistic": 0.9, "Person": 0.9, "Pledge": 0.8, "Event date": 0.8}


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, found: set, expected: set) -> None:
        self.true_positive += len(found & expected)
        self.false_positive += len(found - expected)
        self.false_negative += len(expected - found)

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else None


@dataclass
class Evaluation:
    per_seed: dict = field(default_factory=dict)   # stem -> kind -> Counts
    misses: dict = field(default_factory=dict)     # stem -> kind -> (false positives, false negatives)
    languages: dict = field(default_factory=dict)  # stem -> the article's language ("en", "fr")

    def total(self, kind: str, language: str | None = None) -> Counts:
        """The counts of every seed, or of the seeds in one language."""
        total = Counts()
        for stem, counts in self.per_seed.items():
            if language is not None and self.languages.get(stem) != language:
                continue
            total.true_positive += counts[kind].true_positive
            total.false_positive += counts[kind].false_positive
            total.false_negative += counts[kind].false_negative
        return total

    def meets_targets(self) -> bool:  # kinds without a target are reported, not judged
        return all((self.total(k).precision or 0) >= t and (self.total(k).recall or 0) >= t
                   for k, t in TARGETS.items() if self.total(k).recall is not None)

    def table(self) -> str:
        header = f"{'seed':<22}" + "".join(f"{kind:>21}" for kind in KINDS)
        lines = ["precision / recall (true positives, found, expected); - where nothing to count", header]
        for stem, counts in self.per_seed.items():
            lines.append(f"{stem:<22}" + "".join(f"{_cell(counts[k]):>21}" for k in KINDS))
        # One row per language, so that a language's rules are judged on its own articles.
        for language in sorted(set(self.languages.values())):
            count = sum(1 for lang in self.languages.values() if lang == language)
            lines.append(f"{f'language {language} ({count})':<22}" + "".join(f"{_cell(self.total(k, language)):>21}" for k in KINDS))
        lines.append(f"{'all seeds':<22}" + "".join(f"{_cell(self.total(k)):>21}" for k in KINDS))
        lines.append(f"{'target':<22}" + "".join(f"{TARGETS[k]:>21.2f}" if k in TARGETS else f"{'-':>21}"
                                                 for k in KINDS))
        return "\n".join(lines)

    def details(self) -> str:
        lines = []
        for stem, kinds in self.misses.items():
            for kind, (extra, missing) in kinds.items():
                for fact in sorted(map(str, extra)):
                    lines.append(f"{stem} {kind} extra:   {fact}")
                for fact in sorted(map(str, missing)):
                    lines.append(f"{stem} {kind} missing: {fact}")
        return "\n".join(lines)


def _cell(counts: Counts) -> str:
    def fmt(x):
        return "-" if x is None else f"{x:.2f}"
    found = counts.true_positive + counts.false_positive
    expected = counts.true_positive + counts.false_negative
    return f"{fmt(counts.precision)}/{fmt(counts.recall)} ({counts.true_positive},{found},{expected})"


def evaluate_seeds(seeds_dir: Path = Path("seeds"), curated_dir: Path | None = None) -> Evaluation:
    articles = seeds.read_seeds(Path(seeds_dir))
    curated_dir = Path(curated_dir or project.CURATED_DIR)
    curated_graphs = {a.stem: parse_turtle(curated_dir / f"{a.stem}.ttl") for a in articles
                      if (curated_dir / f"{a.stem}.ttl").exists()}
    external = curated.load_external(project.EXTERNAL_FILE)
    lexicon = mapping.lexicon(ontology.load_ontology(), ontology.load_vocab(), external,
                              curated.load_curated(articles, curated_dir).values())
    evaluation = Evaluation()
    for article in articles:
        if article.stem not in curated_graphs:
            continue
        found_graph = map_article(article, lexicon)
        expected_graph = _with_external_dates(curated_graphs[article.stem], external, article)
        aligned = _align_agreements(found_graph, expected_graph, article.text)
        counts, misses = {}, {}
        for kind in KINDS:
            found = FACTS[kind](found_graph, aligned)
            expected = FACTS[kind](expected_graph, {})
            counts[kind] = Counts()
            counts[kind].add(found, expected)
            misses[kind] = (found - expected, expected - found)
        evaluation.per_seed[article.stem] = counts
        evaluation.misses[article.stem] = misses
        evaluation.languages[article.stem] = article.language
    return evaluation


def _with_external_dates(curated_graph: Graph, external: Graph, article: seeds.Article) -> Graph:
    """The curated graph plus the external ck:date of its meetings and agreements whose printed
    date words (read by the article's language pack) resolve to that day against the publication day."""
    graph = Graph()
    graph += curated_graph
    issued = _day(curated_graph.value(article.iri, DCTERMS.issued) or external.value(article.iri, DCTERMS.issued))
    rules = pack_for(article.language, default_packs())
    if rules is None:
        return graph
    for cls in (CK.Meeting, CK.Agreement):
        for event in curated_graph.subjects(RDF.type, cls):
            words = " ".join(str(w) for w in curated_graph.objects(event, CK.dateText))
            fixed = {m.day for m in dates.find_dates(words, 0, len(words), rules, issued) if m.day}
            for day in external.objects(event, CK.date):
                if _day(day) in fixed:
                    graph.add((event, CK.date, day))
    return graph


def _day(literal) -> date | None:
    value = literal.toPython() if literal is not None else None
    return value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None


def _funding(graph: Graph, aligned: dict) -> set:
    return {(g.toPython(), str(graph.value(f, CK.currency)))
            for f in graph.subjects(RDF.type, CK.Funding) for g in graph.objects(f, CK.amount)}


def _statistics(graph: Graph, aligned: dict) -> set:
    return {(str(graph.value(s, CK.measure)).rsplit("/", 1)[-1], graph.value(s, CK.value).toPython())
            for s in graph.subjects(RDF.type, CK.Statistic) if graph.value(s, CK.value) is not None}


def _persons(graph: Graph, aligned: dict) -> set:
    people = set(graph.subjects(RDF.type, CK.Person)) | set(graph.subjects(RDF.type, CK.Minister))
    return {(str(p).rsplit("/", 1)[-1], fold_name(str(role))) for p in people for role in graph.objects(p, CK.role)}


def _pledges(graph: Graph, aligned: dict) -> set:
    return {(str(aligned.get(a, a)).rsplit("/", 1)[-1], str(t).rsplit("/", 1)[-1])
            for a, p in graph.subject_objects(CK.hasPledge) for t in graph.objects(p, CK.pledgeType)}


def _event_dates(graph: Graph, aligned: dict) -> set:
    """(IRI slug, date): the right day on the right node, so that two nodes for one meeting count."""
    return {(str(aligned.get(e, e)).rsplit("/", 1)[-1], d.toPython().isoformat())
            for cls in (CK.Meeting, CK.Agreement) for e in graph.subjects(RDF.type, cls)
            for d in graph.objects(e, CK.date)}


def _disputes(graph: Graph, aligned: dict) -> set:
    """(speaker, what is disputed) for each ck:Dispute; "-" when it names nothing."""
    facts = set()
    for statement in graph.subjects(RDF.type, CK.Dispute):
        speaker = str(graph.value(statement, CK.speaker)).rsplit("/", 1)[-1]
        disputed = [str(aligned.get(d, d)).rsplit("/", 1)[-1] for d in graph.objects(statement, CK.disputes)]
        facts |= {(speaker, d) for d in disputed or ["-"]}
    return facts


FACTS = {"Funding": _funding, "Statistic": _statistics, "Person": _persons,
         "Pledge": _pledges, "Event date": _event_dates, "Dispute": _disputes}


def _align_agreements(found: Graph, expected: Graph, text: str) -> dict:
    """Rules agreement IRI -> curated agreement IRI, for those with no curated twin by IRI."""
    expected_agreements = set(expected.subjects(RDF.type, CK.Agreement))
    unmatched = expected_agreements - set(found.subjects(RDF.type, CK.Agreement))
    aligned = {}
    for agreement in sorted(set(found.subjects(RDF.type, CK.Agreement)) - expected_agreements):
        spans = _spans(found, agreement, text)
        overlaps = {candidate: _overlap(spans, _spans(expected, candidate, text)) for candidate in unmatched}
        best = max(sorted(overlaps), key=lambda c: overlaps[c], default=None)
        if best is not None and overlaps[best] > 0:
            aligned[agreement] = best
            unmatched.discard(best)
    return aligned


def _spans(graph: Graph, node: URIRef, text: str) -> list[tuple[int, int]]:
    spans = []
    for evidence in graph.objects(node, CK.evidence):
        start, end = graph.value(evidence, CK.start), graph.value(evidence, CK.end)
        if start is not None and end is not None:
            spans.append((int(start), int(end)))
        elif (quote := graph.value(evidence, CK.quote)) is not None and (span := locate(text, str(quote))):
            spans.append(span)
    return spans


def _overlap(a: list, b: list) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
