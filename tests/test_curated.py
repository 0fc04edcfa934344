"""The hand-curated facts (mappings/curated/*.ttl) and the outside knowledge (mappings/external.ttl).

Two kinds of check:
- mechanical: every file parses, every evidence quote is in its article, every stated node
  has a label and evidence, IRIs follow the slug patterns of docs/DESIGN.md;
- facts read by hand in the five seed articles (each assertion below was checked against
  the article text it names).
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CURATED = ROOT / "mappings" / "curated"
EXTERNAL = ROOT / "mappings" / "external.ttl"

BASE = "https://w3id.org/channel-kg/"
CK = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
PT = Namespace(BASE + "pledge-type/")
MS = Namespace(BASE + "measure/")
SCHEMA = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open namespace: pytest probes module attributes

A000, A001, A002, A003, A004 = (
    "000_76746360f77ee4a5", "001_f9e0af551127a38c", "002_c02e5e3545120daa",
    "003_106ccf3bbe2b93ab", "004_63b909f5f1b88480",
)

# The concept slugs of docs/DESIGN.md.
PLEDGE_TYPES = {
    "surveillance-technology", "aerial-surveillance", "drones", "cctv", "night-vision",
    "smart-border", "detection-technology", "policing", "beach-patrols", "detection-dogs",
    "embedded-officers", "police-cooperation", "law-enforcement-equipment", "cooperation",
    "intelligence-sharing", "operational-cooperation", "joint-taskforce", "working-group",
    "european-cooperation", "action-plan", "accelerate-delivery", "infrastructure",
    "border-infrastructure", "reception-centres", "security-equipment", "returns",
    "disrupt-smuggling", "prevent-crossings", "safe-legal-routes", "funding-commitment",
}
MEASURES = {
    "crossings", "people-crossing", "boats-crossing", "deaths", "enforcement",
    "people-intercepted", "crossings-prevented", "people-returned", "arrests", "prosecutions",
    "custodial-sentence-years", "crime-groups-disrupted", "boats-intercepted", "resources",
    "officers-deployed", "officer-increase", "asylum", "asylum-claims", "refugee-population-share",
}
KINDS = {"article", "person", "organisation", "meeting", "agreement", "pledge", "funding",
         "statistic", "evidence", "statement", "external"}
STATED_CLASSES = [CK.Article, CK.Person, CK.Organisation, CK.Meeting, CK.Agreement, CK.Pledge,
                  CK.Funding, CK.Statistic, CK.Statement]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def article_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def quote_pattern(quote: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(word) for word in fold(quote).split(" ")))


def curated_paths() -> list[Path]:
    return sorted(CURATED.glob("*.ttl"))


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    paths = curated_paths()
    assert paths, f"no curated files in {CURATED}"
    result = {}
    for path in paths:
        graph = Graph()
        graph.parse(path, format="turtle")
        result[path.stem] = graph
    return result


@pytest.fixture(scope="module")
def union(graphs) -> Graph:
    merged = Graph()
    for graph in graphs.values():
        merged += graph
    return merged


@pytest.fixture(scope="module")
def external() -> Graph:
    graph = Graph()
    graph.parse(EXTERNAL, format="turtle")
    return graph


def quotes_of(graph: Graph, node) -> list[str]:
    return [str(graph.value(ev, CK.quote)) for ev in graph.objects(node, CK.evidence)]


def typed(graph: Graph, cls) -> set:
    return set(graph.subjects(RDF.type, cls))


# ---------------------------------------------------------------- files and quotes

def test_one_curated_file_per_seed():
    assert curated_paths(), "the curated folder is empty"
    seeds = {p.stem for p in SEEDS.glob("*.txt")}
    assert {p.stem for p in curated_paths()} == seeds


def test_every_file_parses(graphs, external):
    for stem, graph in graphs.items():
        assert len(graph) > 50, stem
    assert len(external) > 50


@pytest.mark.parametrize("path", curated_paths(), ids=lambda p: p.stem)
def test_every_quote_is_in_its_article(path):
    graph = Graph().parse(path, format="turtle")
    text = article_text(path.stem)
    folded = fold(text)
    evidence = list(graph.objects(None, CK.evidence))
    assert evidence
    for ev in evidence:
        assert isinstance(ev, BNode), f"evidence {ev} should be a blank node in curated files"
        quote = graph.value(ev, CK.quote)
        assert quote is not None, f"evidence without ck:quote in {path.name}"
        assert "\n" not in str(quote), f"fold the line breaks of {quote!r}"
        occurrences = folded.count(fold(str(quote)))
        assert occurrences >= 1, f"not in {path.stem}: {quote!r}"
        start = graph.value(ev, CK.start)
        if start is not None:
            assert quote_pattern(str(quote)).match(text, int(start)), \
                f"ck:start {start} does not point at {quote!r}"
        else:
            assert occurrences == 1, f"{quote!r} occurs {occurrences} times: give ck:start"


def test_every_stated_node_has_label_and_evidence(graphs):
    for stem, graph in graphs.items():
        for cls in STATED_CLASSES:
            for node in typed(graph, cls):
                assert quotes_of(graph, node), f"{node} has no evidence in {stem}"
                labels = [l for l in graph.objects(node, RDFS.label) if l.language == "en"]
                assert len(labels) == 1, f"{node} needs one English label in {stem}"


def test_one_node_one_label_across_files(graphs):
    seen = {}
    for stem, graph in graphs.items():
        for node, label in graph.subject_objects(RDFS.label):
            first = seen.setdefault(node, (label, stem))
            assert first[0] == label, f"{node}: {label!r} in {stem} but {first[0]!r} in {first[1]}"


def test_each_article_node(graphs):
    for stem, graph in graphs.items():
        node = ID[f"article/{stem}"]
        assert (node, RDF.type, CK.Article) in graph
        assert graph.value(node, CK.sourceFile) == Literal(f"{stem}.txt")
        assert set(graph.subjects(RDF.type, CK.Article)) == {node}


# ---------------------------------------------------------------- IRIs and vocabularies

def test_iris_follow_the_slug_patterns(union, external):
    for graph in (union, external):
        for term in set(graph.subjects()) | set(graph.objects()):
            if isinstance(term, URIRef) and str(term).startswith(str(ID)):
                kind, _, slug = str(term)[len(str(ID)):].partition("/")
                assert kind in KINDS, term
                assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", slug), term
                assert "--" not in slug and not slug.endswith("-"), term


def test_concepts_come_from_the_schemes(union):
    for pledge_type in union.objects(None, CK.pledgeType):
        assert str(pledge_type).startswith(str(PT))
        assert str(pledge_type)[len(str(PT)):] in PLEDGE_TYPES, pledge_type
    for measure in union.objects(None, CK.measure):
        assert str(measure)[len(str(MS)):] in MEASURES, measure


def test_pledges_are_named_after_and_linked_from_their_agreement(union):
    for pledge in typed(union, CK.Pledge):
        agreements = set(union.subjects(CK.hasPledge, pledge))
        assert len(agreements) == 1, f"{pledge} belongs to {agreements}"
        agreement = agreements.pop()
        assert (agreement, RDF.type, CK.Agreement) in union
        pledge_type = union.value(pledge, CK.pledgeType)
        type_slug = str(pledge_type)[len(str(PT)):]
        agreement_slug = str(agreement)[len(str(ID["agreement/"])):]
        assert re.fullmatch(re.escape(f"{agreement_slug}-{type_slug}") + r"(-[2-9])?",
                            str(pledge)[len(str(ID["pledge/"])):]), pledge


def test_funding_and_statistic_values(union):
    for funding in typed(union, CK.Funding):
        currency = union.value(funding, CK.currency)
        assert re.fullmatch(r"[A-Z]{3}", str(currency)), funding
        amount = union.value(funding, CK.amount)
        if amount is not None:
            assert amount.datatype == XSD.decimal
            assert amount.toPython() == amount.toPython().to_integral_value(), funding
        assert set(union.subjects(CK.hasFunding, funding)) <= typed(union, CK.Agreement)
    for statistic in typed(union, CK.Statistic):
        value = union.value(statistic, CK.value)
        assert value is not None and value.datatype == XSD.decimal, statistic
        assert union.value(statistic, CK.measure) is not None, statistic
        qualifier = union.value(statistic, CK.qualifier)
        assert qualifier is None or str(qualifier) in {"more than", "less than", "approximately"}
        unit = union.value(statistic, CK.unit)
        assert unit is None or str(unit) in {"percent", "ratio", "years"}


def test_statement_iris_are_the_offset_of_their_first_quote(graphs):
    """A statement is named by where its words begin (as the rules name it), so curated and
    rule-mapped statements meet on one IRI: the offset is that of its earliest quote."""
    for stem, graph in graphs.items():
        text = article_text(stem)
        for statement in typed(graph, CK.Statement):
            slug = str(statement)[len(str(ID["statement/"])):]
            assert slug.startswith(f"{stem}-"), statement
            offset = int(slug.rsplit("-", 1)[1])
            starts = [m.start() for q in quotes_of(graph, statement) if (m := quote_pattern(q).search(text))]
            assert starts and min(starts) == offset, f"{statement}: its first quote starts at {min(starts, default=None)}"
            assert graph.value(statement, CK.speaker) is not None


# ---------------------------------------------------------------- article metadata (checked by hand)

def test_titles_and_dates_as_printed(graphs):
    def article(stem):
        return graphs[stem], ID[f"article/{stem}"]

    g, a = article(A000)
    assert g.value(a, DCTERMS.title) == Literal(
        "Home secretary Priti Patel and French minister vow to make Channel crossings 'unviable'")
    assert g.value(a, DCTERMS.issued) == Literal("2021-11-16", datatype=XSD.date)  # always the day
    assert g.value(a, SCHEMA.datePublished) == Literal("2021-11-16T07:46:00", datatype=XSD.dateTime)
    g, a = article(A001)
    assert g.value(a, DCTERMS.title) == Literal("Britain and France to strengthen joint action against small boats")
    assert g.value(a, DCTERMS.issued) is None
    for stem in (A002, A003):  # 002 has no headline line, 003 opens with bullet points
        g, a = article(stem)
        assert g.value(a, DCTERMS.title) is None, stem
        assert g.value(a, DCTERMS.issued) is None, stem
    g, a = article(A004)
    assert g.value(a, DCTERMS.title) == Literal("Home Secretary and French counterpart discuss illegal migration")
    assert g.value(a, DCTERMS.issued) == Literal("2019-06-10", datatype=XSD.date)
    assert g.value(a, SCHEMA.datePublished) == Literal("2019-06-10T13:43:00", datatype=XSD.dateTime)


# ---------------------------------------------------------------- people (checked by hand)

def test_darmanin_is_one_iri_across_articles(graphs, union):
    darmanin = ID["person/gerald-darmanin"]
    for stem in (A000, A002, A003):
        assert (darmanin, RDF.type, CK.Minister) in graphs[stem], stem
    assert A001 not in {s for s, g in graphs.items() if (darmanin, None, None) in g}
    named = {p for p in typed(union, CK.Person)
             if any("Darmanin" in str(l) for l in union.objects(p, RDFS.label))
             or any("Darmanin" in str(l) for l in union.objects(p, SKOS.altLabel))}
    assert named == {darmanin}
    assert union.value(darmanin, RDFS.label) == Literal("Gérald Darmanin", lang="en")
    assert (darmanin, SKOS.altLabel, Literal("Gerald Darmanin", lang="en")) in graphs[A002]
    assert union.value(darmanin, CK.country) == Literal("FR")


def test_people_roles_and_spellings(union, graphs):
    expected = {
        "priti-patel": ("Home Secretary", "GB"),
        "suella-braverman": ("Home Secretary", "GB"),
        "sajid-javid": ("Home Secretary", "GB"),
        "rishi-sunak": ("Prime Minister", "GB"),
        "christophe-castaner": ("Interior Minister", "FR"),
        "gerald-darmanin": ("Interior Minister", "FR"),
    }
    for slug, (role, country) in expected.items():
        person = ID[f"person/{slug}"]
        assert (person, RDF.type, CK.Minister) in union, slug
        assert set(union.objects(person, CK.role)) == {Literal(role)}, slug
        assert set(union.objects(person, CK.country)) == {Literal(country)}, slug
    sunak = ID["person/rishi-sunak"]
    assert union.value(sunak, RDFS.label) == Literal("Rishi Sunak", lang="en")
    assert (sunak, SKOS.altLabel, Literal("RIshi Sunak", lang="en")) in graphs[A002]
    solomon = ID["person/enver-solomon"]
    assert (solomon, CK.memberOf, ID["organisation/refugee-council"]) in union
    assert (solomon, RDF.type, CK.Minister) not in union
    chapman = ID["person/bridget-chapman"]
    assert (chapman, CK.memberOf, ID["organisation/kent-refugee-action-network"]) in graphs[A000]
    number10 = ID["organisation/prime-ministers-office"]
    assert {str(l) for l in union.objects(number10, SKOS.altLabel)} >= {"No 10", "Downing Street"}


def test_the_2021_home_secretary_is_not_named_in_003(graphs, external):
    g = graphs[A003]
    assert ID["person/priti-patel"] not in set(g.subjects()) | set(g.objects())
    for node in (ID["agreement/2021-07-20-uk-france-agreement"], ID["meeting/2021-07-20-uk-france-meeting"]):
        assert set(g.objects(node, CK.party)) == {ID["person/gerald-darmanin"]}
        assert g.value(node, CK.partyRole) == Literal("Home Secretary")
        assert g.value(node, CK.date) is None  # "today (Tuesday 20 July)": no year printed
        assert (node, CK.party, ID["person/priti-patel"]) in external
        assert (node, CK.date, Literal("2021-07-20", datatype=XSD.date)) in external


# ---------------------------------------------------------------- meetings and agreements (checked by hand)

def test_november_2021_call_and_joint_statement(graphs):
    g = graphs[A000]
    call = ID["meeting/2021-11-15-uk-france-call"]
    statement = ID["agreement/2021-11-15-uk-france-joint-statement"]
    parties = {ID["person/priti-patel"], ID["person/gerald-darmanin"]}
    assert set(g.objects(statement, CK.party)) == parties
    assert set(g.objects(call, CK.party)) == parties
    assert g.value(call, CK.outcome) == statement
    # "spoke last night" in an article of 16 November 2021
    assert g.value(call, CK.date) == Literal("2021-11-15", datatype=XSD.date)
    types = {g.value(p, CK.pledgeType) for p in g.objects(statement, CK.hasPledge)}
    assert {PT["prevent-crossings"], PT["operational-cooperation"], PT["accelerate-delivery"],
            PT["working-group"], PT["intelligence-sharing"], PT["police-cooperation"]} <= types
    # "the joint agreement of July 2021" is the 003 agreement, one IRI
    assert (ID["agreement/2021-07-20-uk-france-agreement"], RDF.type, CK.Agreement) in g


def test_meetings_and_their_dates(graphs, external):
    g = graphs[A004]
    call = ID["meeting/2019-06-07-uk-france-call"]
    assert g.value(call, CK.date) == Literal("2019-06-07", datatype=XSD.date)  # "Friday (7 June)", 2019
    assert set(g.objects(call, CK.party)) == {ID["person/sajid-javid"], ID["person/christophe-castaner"]}
    g = graphs[A001]
    paris = ID["meeting/2019-08-29-uk-france-meeting"]
    assert set(g.objects(paris, CK.party)) == {ID["person/priti-patel"], ID["person/christophe-castaner"]}
    assert g.value(paris, CK.date) is None and g.value(paris, CK.dateText) == Literal("yesterday evening")
    assert (paris, CK.date, Literal("2019-08-29", datatype=XSD.date)) in external
    assert set(typed(graphs[A002], CK.Meeting)) == set()  # 002 reports a signing, no meeting


def test_the_january_2019_joint_action_plan(graphs, external):
    plan = ID["agreement/2019-01-uk-france-joint-action-plan"]
    for stem in (A001, A004):
        assert (plan, RDF.type, CK.Agreement) in graphs[stem], stem
    g = graphs[A001]
    types = {g.value(p, CK.pledgeType) for p in g.objects(plan, CK.hasPledge)}
    assert types == {PT["security-equipment"], PT["cctv"], PT["returns"]}
    assert (plan, CK.date, Literal("2019-01-24", datatype=XSD.date)) in external


def test_the_november_2022_agreement(graphs, external):
    g = graphs[A002]
    deal = ID["agreement/2022-11-14-uk-france-agreement"]
    assert set(g.objects(deal, CK.party)) == {ID["person/suella-braverman"], ID["person/gerald-darmanin"]}
    assert g.value(deal, CK.date) is None  # "on Monday morning", no date printed
    assert (deal, CK.date, Literal("2022-11-14", datatype=XSD.date)) in external
    types = {g.value(p, CK.pledgeType) for p in g.objects(deal, CK.hasPledge)}
    assert {PT["embedded-officers"], PT["cctv"], PT["detection-dogs"], PT["drones"], PT["night-vision"],
            PT["european-cooperation"], PT["joint-taskforce"], PT["intelligence-sharing"],
            PT["reception-centres"], PT["beach-patrols"]} <= types
    # the article prints no money amount
    assert typed(g, CK.Funding) == set()
    assert g.value(deal, CK.hasFunding) is None


def test_intelligence_sharing_in_at_least_three_agreements(union):
    agreements = {a for a, p in union.subject_objects(CK.hasPledge)
                  if union.value(p, CK.pledgeType) == PT["intelligence-sharing"]}
    assert len(agreements) >= 3
    assert agreements == {ID[f"agreement/{s}"] for s in (
        "2019-08-29-uk-france-agreed-actions", "2021-07-20-uk-france-agreement",
        "2021-11-15-uk-france-joint-statement", "2022-11-14-uk-france-agreement")}


def test_suggestions_and_unilateral_promises_are_not_pledges(graphs, union):
    g = graphs[A004]
    agreed = ID["agreement/2019-06-07-uk-france-agreed-actions"]
    types = {g.value(p, CK.pledgeType) for p in g.objects(agreed, CK.hasPledge)}
    assert types == {PT["cooperation"], PT["returns"]}  # not aerial surveillance or patrols
    castaner = {s for s in typed(g, CK.Statement) if g.value(s, CK.speaker) == ID["person/christophe-castaner"]}
    assert len(castaner) == 2
    patel = {s for s in typed(graphs[A000], CK.Statement)
             if graphs[A000].value(s, CK.speaker) == ID["person/priti-patel"]}
    assert len(patel) == 2
    assert not patel & typed(union, CK.Pledge)


# ---------------------------------------------------------------- money (checked by hand)

def test_july_2021_funding(graphs):
    g = graphs[A003]
    agreement = ID["agreement/2021-07-20-uk-france-agreement"]
    fundings = list(g.objects(agreement, CK.hasFunding))
    assert len(fundings) == 1
    funding = fundings[0]
    assert funding == ID["funding/2021-07-20-uk-france-agreement-62700000-eur"]
    assert g.value(funding, CK.amount).toPython() == Decimal("62700000")
    assert g.value(funding, CK.currency) == Literal("EUR")
    assert g.value(funding, CK.funder) == ID["organisation/uk-government"]
    assert g.value(funding, CK.recipient) == ID["organisation/french-government"]


def test_joint_action_plan_money_as_printed(graphs, external):
    g = graphs[A001]
    six = ID["funding/2019-01-uk-france-joint-action-plan-6000000-gbp"]
    seven = ID["funding/2019-01-uk-france-joint-action-plan-7000000-gbp"]
    assert g.value(six, CK.amount).toPython() == Decimal("6000000")
    assert g.value(seven, CK.amount).toPython() == Decimal("7000000")
    assert g.value(six, CK.currency) == g.value(seven, CK.currency) == Literal("GBP")  # both printed "£"
    assert g.value(six, CK.qualifier) == Literal("more than")  # "over £6 million"
    assert (six, CK.statedEquivalent, seven) in g
    assert set(g.objects(ID["agreement/2019-01-uk-france-joint-action-plan"], CK.hasFunding)) == {six, seven}
    # the likely intended euro figure is outside knowledge, with a source
    correction = ID["external/joint-action-plan-2019-7m-currency"]
    assert external.value(correction, RDF.subject) == seven
    assert external.value(correction, RDF.object) == Literal("EUR")
    assert (seven, CK.currency, Literal("EUR")) not in external


def test_millions_of_pounds_without_a_figure(graphs):
    g = graphs[A000]
    [funding] = typed(g, CK.Funding)
    assert g.value(funding, CK.currency) == Literal("GBP")
    assert g.value(funding, CK.amount) is None
    assert "no figure" in str(g.value(funding, RDFS.comment))


# ---------------------------------------------------------------- statistics (checked by hand)

def stat(graph, slug):
    node = ID[f"statistic/{slug}"]
    assert (node, RDF.type, CK.Statistic) in graph, slug
    return node


def test_statistics_of_000(graphs):
    g = graphs[A000]
    record = stat(g, "people-crossing-1185-2021-11-11")
    assert g.value(record, CK.value).toPython() == Decimal(1185)
    assert g.value(record, CK.date) == Literal("2021-11-11", datatype=XSD.date)
    assert len(quotes_of(g, record)) == 2  # the figure is printed twice
    assert g.value(record, CK.assertedBy) is None  # "it was revealed"
    rescued = stat(g, "people-intercepted-700-2021-11-10")
    assert g.value(rescued, CK.qualifier) is not None  # "almost 700"
    share = stat(g, f"refugee-population-share-0-26-{A000}")
    assert g.value(share, CK.value).toPython() == Decimal("0.26")
    assert g.value(share, CK.unit) == Literal("percent")
    assert g.value(share, CK.assertedBy) == ID["person/bridget-chapman"]
    claims = stat(g, f"asylum-claims-3-{A000}")
    assert g.value(claims, CK.unit) == Literal("ratio")
    assert len(typed(g, CK.Statistic)) == 4


def test_statistics_of_002_and_the_officer_increase(graphs):
    g = graphs[A002]
    crossings = stat(g, f"people-crossing-40000-{A002}")
    assert g.value(crossings, CK.qualifier) == Literal("more than")
    increase = stat(g, f"officer-increase-40-{A002}")
    assert g.value(increase, CK.value).toPython() == Decimal(40)
    assert g.value(increase, CK.unit) == Literal("percent")
    assert g.value(increase, CK.assertedBy) == ID["organisation/prime-ministers-office"]
    # the same increase is also a pledge of the deal
    assert (ID["agreement/2022-11-14-uk-france-agreement"], CK.hasPledge,
            ID["pledge/2022-11-14-uk-france-agreement-beach-patrols"]) in g


def test_statistics_of_003(graphs):
    g = graphs[A003]
    expected = {
        f"crossings-prevented-7500-{A003}": (7500, "more than", None),
        f"arrests-250-{A003}": (250, "more than", None),
        f"prosecutions-65-{A003}": (65, "more than", "2020-01-01"),
        f"custodial-sentence-years-53-{A003}": (53, "more than", "2020-01-01"),
        f"crossings-prevented-2-{A003}": (2, None, None),
    }
    for slug, (value, qualifier, start) in expected.items():
        node = stat(g, slug)
        assert g.value(node, CK.value).toPython() == Decimal(value), slug
        assert g.value(node, CK.qualifier) == (Literal(qualifier) if qualifier else None), slug
        assert g.value(node, CK.periodStart) == (Literal(start, datatype=XSD.date) if start else None), slug
        assert g.value(node, CK.date) is None, slug  # the article prints no date
    assert g.value(ID[f"statistic/custodial-sentence-years-53-{A003}"], CK.unit) == Literal("years")
    assert g.value(ID[f"statistic/crossings-prevented-2-{A003}"], CK.unit) == Literal("ratio")


def test_statistics_of_001_and_004(graphs):
    g = graphs[A001]
    returned = stat(g, f"people-returned-65-{A001}")
    assert g.value(returned, CK.qualifier) == Literal("more than")
    assert g.value(returned, CK.date) is None
    g = graphs[A004]
    returned = stat(g, "people-returned-35-2019-06-10")
    assert g.value(returned, CK.qualifier) == Literal("more than")
    assert g.value(returned, CK.periodStart) == Literal("2019-01-01", datatype=XSD.date)
    groups = stat(g, "crime-groups-disrupted-57-2019-06-10")
    assert g.value(groups, CK.value).toPython() == Decimal(57)
    assert g.value(groups, CK.periodStart) == Literal("2018-04-01", datatype=XSD.date)
    assert (ID["organisation/immigration-enforcement"], RDF.type, CK.GovernmentOrganisation) in g


# ---------------------------------------------------------------- disputes (checked by hand)

def test_disputes(graphs, union):
    disputes = {(union.value(d, CK.speaker), o) for d in typed(union, CK.Dispute)
                for o in union.objects(d, CK.disputes)}
    assert (ID["person/bridget-chapman"], ID["statistic/people-crossing-1185-2021-11-11"]) in disputes
    assert (ID["person/enver-solomon"], ID["agreement/2022-11-14-uk-france-agreement"]) in disputes
    assert {speaker for speaker, _ in disputes} == {ID["person/bridget-chapman"], ID["person/enver-solomon"]}
    for dispute in typed(union, CK.Dispute):
        assert (dispute, RDF.type, CK.Statement) in union
        for target in union.objects(dispute, CK.disputes):
            assert (target, RDF.type, None) in union, target


# ---------------------------------------------------------------- external graph

def test_external_statements_are_sourced_and_asserted(external):
    statements = set(external.subjects(RDF.type, RDF.Statement))
    assert len(statements) >= 10
    for st in statements:
        assert str(st).startswith(str(ID["external/"])), st
        for source in external.objects(st, DCTERMS.source):
            assert isinstance(source, URIRef) and str(source).startswith("https://"), st
        assert external.value(st, DCTERMS.source) is not None, st
        assert external.value(st, RDFS.comment) is not None, st
        assert external.value(st, RDFS.label) is not None, st
        triple = tuple(external.value(st, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        assert None not in triple, st
        if st != ID["external/joint-action-plan-2019-7m-currency"]:
            assert triple in external, f"{st} is not also stated as a plain triple"
    assert not list(external.objects(None, CK.evidence)), "outside knowledge has no article evidence"


def test_external_dates(external):
    dated = {
        "agreement/2019-01-uk-france-joint-action-plan": "2019-01-24",
        "meeting/2019-08-29-uk-france-meeting": "2019-08-29",
        "agreement/2019-08-29-uk-france-agreed-actions": "2019-08-29",
        "agreement/2021-07-20-uk-france-agreement": "2021-07-20",
        "meeting/2021-07-20-uk-france-meeting": "2021-07-20",
        "agreement/2022-11-14-uk-france-agreement": "2022-11-14",
    }
    for node, day in dated.items():
        assert external.value(ID[node], CK.date) == Literal(day, datatype=XSD.date), node
    for stem in (A001, A002, A003):
        assert external.value(ID[f"article/{stem}"], DCTERMS.issued) is not None, stem
    for stem in (A000, A004):  # printed in the article: nothing to add
        assert external.value(ID[f"article/{stem}"], DCTERMS.issued) is None, stem


def test_external_refers_only_to_curated_nodes(union, external):
    known = set(union.subjects())
    for st in external.subjects(RDF.type, RDF.Statement):
        assert external.value(st, RDF.subject) in known, st
