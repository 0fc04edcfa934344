"""Stage — find disagreements: where articles give one thing different values.

Runs after the curated data is merged and before reasoning. It compares what articles state
(their named graphs), so it must see the merged graphs; and it must not see the reasoner's
conclusions, which no article states. Running before reasoning also lets the reasoner and the
shapes treat its output like any other graph.

The rules are mappings/disagreements.yaml (what counts, the thresholds, the labels); this
module applies them to `kg.sources.Statements` and writes each disagreement found as a
ck:Disagreement in the graph …/graph/disagreements:

    id:disagreement/{slug} a ck:Disagreement ; rdfs:label "…"@en , "…"@fr ;
        ck:about <the node> ; ck:onProperty ck:amount ; ck:claim <…#claim-1> , <…#claim-2> .
    <…#claim-1> a ck:Claim ; rdf:subject <node> ; rdf:predicate ck:amount ; rdf:object 62700000 ;
        ck:evidence <the quote that states it> ; prov:wasDerivedFrom <the article> .

A claim is one article's statement of one value (an rdf:Statement whose triple is in that
article's graph), with the one quote of the article that says it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import combinations
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS

from . import disagreement_policy, figures, iris, project
from .disagreement_policy import FigureRule, Policy, term
from .namespaces import BASE, CK
from .sources import Statements, article_iri, folded, mentions_name
from .triples import NamedGraphs, Triple, literal_parts, term_string

TYPE = term_string(RDF.type)
DATE, DATE_TEXT, PARTY = term("ck:date"), term("ck:dateText"), term("ck:party")
ROLE, COUNTRY, QUALIFIER = term("ck:role"), term("ck:country"), term("ck:qualifier")
DISPUTES, DISPUTE, HAS_FUNDING = term("ck:disputes"), term("ck:Dispute"), term("ck:hasFunding")
AMOUNT, CURRENCY = term("ck:amount"), term("ck:currency")


@dataclass(frozen=True)
class Claim:
    subject: str
    predicate: str
    object: str
    stem: str
    says: Callable[[str], bool] | None = field(default=None, compare=False)  # does a quote say it?
    first: bool = field(default=False, compare=False)  # cite the first quote, not the fullest


@dataclass
class Finding:
    about: tuple[str, ...]
    property: str
    claims: list[Claim]
    key: tuple[str, ...]   # what tells this disagreement from another on the same node and property
    labels: dict           # language -> label


def find_disagreements(dataset: NamedGraphs, policy_file: Path | None = None) -> list[Triple]:
    """The triples of the disagreements graph, from the articles' graphs of `dataset` (and the
    policy of the project's mappings/disagreements.yaml, or `policy_file`)."""
    policy = disagreement_policy.load(policy_file or project.DISAGREEMENTS_FILE)
    statements = Statements(dataset, policy.predicates())
    findings = [*_figure_findings(statements, policy), *_event_date_findings(statements, policy),
                *_party_findings(statements, policy), *_dispute_findings(statements, policy)]
    triples: list[Triple] = []
    for finding in findings:
        triples += _triples(finding, statements)
    return triples


# --------------------------------------------------------------------------- figures


def _figure_findings(st: Statements, policy: Policy) -> Iterator[Finding]:
    for rule in policy.figures:
        groups = defaultdict(list)  # (about, values of `same`) -> claims
        for node in st.of_type(rule.cls):
            if any(not st.values(node, p) for p in rule.requires):
                continue
            key = tuple(st.all_values(node, p) for p in rule.same)
            for about in _about(st, node, rule.about):
                for value, stems in st.stated(node, rule.value).items():
                    groups[(about, key)] += [Claim(node, rule.value, value, stem) for stem in stems]
        for (about, key), claims in sorted(groups.items()):
            if len({c.stem for c in claims}) < 2:
                continue
            read = {c: _figure(st, c, policy) for c in claims}
            if _figures_conflict(read, rule, policy):
                values = {p: v[0] for p, v in zip(rule.same, key) if v}
                claims = [Claim(c.subject, c.predicate, c.object, c.stem, _says_number(c.object)) for c in claims]
                told = tuple(_slug_part(v[0]) for p, v in zip(rule.same, key) if v and p != rule.about)
                yield Finding((about,), rule.value, claims, told, _labels(rule.labels, st, about, values))


def _about(st: Statements, node: str, path: str) -> list[str]:
    if path.startswith("^"):
        return st.subjects(path[1:], node)
    return list(st.all_values(node, path))


def _figure(st: Statements, claim: Claim, policy: Policy) -> figures.Figure:
    value = _decimal(claim.object)
    qualifier = st.value(claim.subject, QUALIFIER)
    quotes = [q.text for q in st.quotes(claim.subject, claim.stem)]
    return figures.figure(value, quotes, literal_parts(qualifier)[0] if qualifier else None, policy.rounding)


def _figures_conflict(read: dict, rule: FigureRule, policy: Policy) -> bool:
    """Whether two articles give figures none of which fit any of the other's."""
    by_stem = defaultdict(list)
    for claim, figure in read.items():
        by_stem[claim.stem].append(figure)

    def fit(a, b):
        if rule.max_ratio and min(a.value, b.value) > 0 and max(a.value, b.value) / min(a.value, b.value) > rule.max_ratio:
            return True  # too far apart to be one sum: different sums of one agreement
        return figures.agree(a, b, policy.rounding)

    return any(not any(fit(a, b) for a in by_stem[x] for b in by_stem[y]) for x, y in combinations(sorted(by_stem), 2))


def _decimal(term_text: str) -> Decimal:
    try:
        return Decimal(literal_parts(term_text)[0])
    except InvalidOperation:
        return Decimal(0)


def _says_number(value_term: str) -> Callable[[str], bool]:
    value = _decimal(value_term)
    return lambda quote: figures.holds(quote, value)


# --------------------------------------------------------------------------- event dates


def _event_date_findings(st: Statements, policy: Policy) -> Iterator[Finding]:
    """One occasion dated on different days: a node with two dates from different articles, or
    nodes of one class a few days apart that share a party or a sum and that no article names
    together (the rules mint an event's IRI from its date, so two dates make two nodes)."""
    events = []  # (day, class, node)
    for cls in policy.event_classes:
        for node in st.of_type(cls):
            for value in st.stated(node, DATE):
                day = _day(value)
                if day is not None:
                    events.append((day, cls, node))
    events.sort()
    group = {node: node for _, _, node in events}

    def root(node):
        while group[node] != node:
            node = group[node]
        return node

    for i, (day_a, cls_a, a) in enumerate(events):
        for day_b, cls_b, b in events[i + 1:]:
            if (day_b - day_a).days > policy.window_days:
                break  # in date order: the rest are further apart
            if a != b and cls_a == cls_b and root(a) != root(b) and _one_occasion(st, a, b, policy):
                group[root(b)] = root(a)
    members = defaultdict(set)
    for _, _, node in events:
        members[root(node)].add(node)
    for nodes in sorted(map(sorted, members.values())):
        claims = [Claim(node, DATE, value, stem, _says_date(st, node, value, stem))
                  for node in nodes for value, stems in sorted(st.stated(node, DATE).items()) for stem in sorted(stems)]
        if len({c.object for c in claims}) > 1 and len({c.stem for c in claims}) > 1:
            yield Finding(tuple(nodes), DATE, claims, (), _labels(policy.event_labels, st, nodes[0], {}))


def _one_occasion(st: Statements, a: str, b: str, policy: Policy) -> bool:
    if st.articles(a) & st.articles(b):
        return False  # an article that names both says they are two
    if set(st.stated(a, PARTY)) & set(st.stated(b, PARTY)):
        return True
    sums_a = [_sum(st, f, policy) for f in st.all_values(a, HAS_FUNDING)]
    sums_b = [_sum(st, f, policy) for f in st.all_values(b, HAS_FUNDING)]
    return any(x and y and x[0] == y[0] and figures.agree(x[1], y[1], policy.rounding) for x in sums_a for y in sums_b)


def _sum(st: Statements, funding: str, policy: Policy):
    amount, currency = st.value(funding, AMOUNT), st.value(funding, CURRENCY)
    if amount is None or currency is None:
        return None
    value = _decimal(amount)
    return currency, figures.Figure(value, figures.significant_step(value, policy.rounding))


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(literal_parts(value)[0])
    except ValueError:
        return None


def _says_date(st: Statements, node: str, value: str, stem: str) -> Callable[[str], bool]:
    """A quote says a date when it holds the date words the article printed, or the day."""
    words = [folded(literal_parts(t)[0]) for t, stems in st.stated(node, DATE_TEXT).items() if stem in stems]
    day = _day(value)
    return lambda quote: any(w and w in folded(quote) for w in words) or (
        day is not None and f" {day.day} " in f" {quote} ")


# --------------------------------------------------------------------------- parties


def _party_findings(st: Statements, policy: Policy) -> Iterator[Finding]:
    """Two holders of one single-holder office of one country, each named a party to one event
    by an article that does not name the other."""
    for cls in policy.event_classes:
        for event in st.of_type(cls):
            parties = st.stated(event, PARTY)
            offices = defaultdict(list)
            for person in sorted(parties):
                country = st.value(person, COUNTRY)
                for role in st.all_values(person, ROLE):
                    if country and literal_parts(role)[0] in policy.single_holder_offices:
                        offices[(literal_parts(role)[0], literal_parts(country)[0])].append(person)
            for (role, country), people in sorted(offices.items()):
                if not any(not parties[p] & parties[q] for p, q in combinations(people, 2)):
                    continue
                claims = [Claim(event, PARTY, p, stem, mentions_name(st.label(p))) for p in people for stem in sorted(parties[p])]
                yield Finding((event,), PARTY, claims, (role, country),
                              _labels(policy.party_labels, st, event, {"role": role, COUNTRY: country}))


# --------------------------------------------------------------------------- disputes


def _dispute_findings(st: Statements, policy: Policy) -> Iterator[Finding]:
    """Each stated node that a dispute names, with its own statement in each article beside
    the words that dispute it."""
    disputed = defaultdict(list)
    for dispute in st.of_type(DISPUTE):
        for target, stems in st.stated(dispute, DISPUTES).items():
            disputed[target] += [Claim(dispute, DISPUTES, target, stem) for stem in sorted(stems)]
    for target, dispute_claims in sorted(disputed.items()):
        types = st.all_values(target, TYPE)
        fact = next((policy.dispute_facts[t] for t in types if t in policy.dispute_facts), TYPE)
        stated = st.stated(target, fact)
        if not stated:  # "millions of pounds": a sum with no amount is stated by its type alone
            fact, stated = TYPE, st.stated(target, TYPE)
        if fact == TYPE:
            stated = {t: stems for t, stems in stated.items() if t == min(stated)} if stated else {}
        # A number is cited where it is printed; a node stated by its type alone, where the
        # article first reports it.
        fact_claims = [Claim(target, fact, value, stem, _says_number(value), first=False) if value.startswith('"')
                       else Claim(target, fact, value, stem, first=True)
                       for value, stems in sorted(stated.items()) for stem in sorted(stems)]
        if fact_claims:
            yield Finding((target,), DISPUTES, fact_claims + dispute_claims, (),
                          _labels(policy.dispute_labels, st, target, {}))


# --------------------------------------------------------------------------- output


def _labels(templates: dict, st: Statements, about: str, values: dict) -> dict:
    labels = {}
    for language, template in templates.items():
        text = template.replace("{about}", st.label(about, language))
        for name, value in values.items():
            shown = _text(st, value, language) if value.startswith(("<", '"')) else value
            text = text.replace("{" + _curie(name) + "}", shown)
        labels[language] = text
    return labels


def _text(st: Statements, value: str, language: str = "en") -> str:
    return st.label(value, language) if value.startswith("<") else literal_parts(value)[0]


def _slug_part(value: str) -> str:
    return value.strip("<>").rsplit("/", 1)[-1] if value.startswith("<") else literal_parts(value)[0]


def _curie(name: str) -> str:
    ck = str(CK)
    return "ck:" + name[1 + len(ck):-1] if name.startswith("<" + ck) else name


def _triples(finding: Finding, st: Statements) -> list[Triple]:
    about = finding.about[0].strip("<>")
    local = about[len(BASE):].removeprefix("id/") if about.startswith(BASE) else about.rsplit("/", 1)[-1]
    prop = finding.property.strip("<>").rsplit("#", 1)[-1]
    node = iris.thing("disagreement", "-".join([local, prop, *finding.key]))
    subject = term_string(node)
    out = [(subject, TYPE, term("ck:Disagreement")), (subject, term("ck:onProperty"), finding.property)]
    out += [(subject, term_string(RDFS.label), term_string(Literal(text, lang=lang)))
            for lang, text in finding.labels.items()]
    out += [(subject, term("ck:about"), a) for a in finding.about]
    numbered = 0
    for claim in sorted(set(finding.claims), key=lambda c: (c.subject, c.object, c.stem)):
        quote = st.best_quote(claim.subject, claim.stem, claim.says, claim.first)
        if quote is None:
            continue  # stated without words to show: nothing a reader could check
        numbered += 1
        claim_node = f"<{node}#claim-{numbered}>"
        out += [(subject, term("ck:claim"), claim_node), (claim_node, TYPE, term("ck:Claim")),
                (claim_node, term_string(RDF.subject), claim.subject),
                (claim_node, term_string(RDF.predicate), claim.predicate),
                (claim_node, term_string(RDF.object), claim.object),
                (claim_node, term("ck:evidence"), quote.evidence),
                (claim_node, term_string(PROV.wasDerivedFrom), article_iri(claim.stem))]
    return out if numbered >= 2 else []
