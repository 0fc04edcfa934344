"""The ontology, the two SKOS concept schemes and the published JSON-LD context.

- every ck: class and property is documented; the ontology has its header;
- the alignments to standard vocabularies and the cautious domains/ranges stay as designed;
- every concept is complete, broader/narrower are stated both ways, every slug in
  docs/DESIGN.md exists, and the lexicon finds the measures the seed articles talk about;
- OWL-RL (owlrl) really fills in the inverses, property chains and SKOS transitivity, and
  types nothing wrongly;
- the JSON-LD context is local, complete and round-trips a graph.
"""

import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

from kg.namespaces import CK, MS, OA, ORG, PREFIXES, PT, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "channel-kg.ttl"
PLEDGE_TYPES_FILE = ROOT / "ontology" / "vocab" / "pledge-types.ttl"
MEASURES_FILE = ROOT / "ontology" / "vocab" / "measures.ttl"
CONTEXT_FILE = ROOT / "ontology" / "context.jsonld"
DESIGN_FILE = ROOT / "docs" / "DESIGN.md"
SEEDS = ROOT / "seeds"

ONTOLOGY_IRI = URIRef("https://w3id.org/channel-kg/ontology")
VERSION_IRI = URIRef("https://w3id.org/channel-kg/ontology/0.1.0")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
VANN = Namespace("http://purl.org/vocab/vann/")
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error messages
ID = Namespace("https://w3id.org/channel-kg/id/")

# The languages every term and concept is labelled in (the language packs of mappings/rules/).
LANGUAGES = ("en", "fr")

SCHEMES = {"pledge-types": (PLEDGE_TYPES_FILE, URIRef(str(PT))), "measures": (MEASURES_FILE, URIRef(str(MS)))}

TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module", params=sorted(SCHEMES))
def scheme(request):
    path, iri = SCHEMES[request.param]
    return Graph().parse(path), iri


def ck_terms(graph: Graph):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted({s for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(str(CK))})


# --------------------------------------------------------------------------- ontology


def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == VERSION_IRI
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == CC_BY
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo)
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.creator):
        assert onto.value(ONTOLOGY_IRI, prop), f"ontology lacks {prop}"
    assert str(onto.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "ck"


CLASSES = [
    "Article", "Person", "Minister", "Organisation", "GovernmentOrganisation", "Meeting", "Agreement",
    "Pledge", "Funding", "Statistic", "Evidence", "Statement", "Dispute", "Disagreement", "Claim",
]
OBJECT_PROPERTIES = [
    "party", "partyTo", "outcome", "outcomeOf", "memberOf", "hasMember", "hasPledge", "pledgeOf",
    "pledgeType", "pledgeCategory", "commitsTo", "hasFunding", "fundingOf", "funder", "recipient",
    "statedEquivalent", "measure", "assertedBy", "evidence", "source", "mentionedIn", "speaker", "disputes",
    "rule", "about", "onProperty", "claim",
]
DATATYPE_PROPERTIES = [
    "sourceFile", "date", "dateText", "periodStart", "role", "country", "partyRole", "amount", "currency",
    "value", "qualifier", "unit", "quote", "start", "end", "ruleFamily", "pattern",
]


@pytest.mark.parametrize(
    "name,kind",
    [(n, OWL.Class) for n in CLASSES]
    + [(n, OWL.ObjectProperty) for n in OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in DATATYPE_PROPERTIES],
)
def test_contract_and_design_terms_exist(onto, name, kind):
    assert (CK[name], RDF.type, kind) in onto


def test_every_term_is_documented(onto):
    terms = ck_terms(onto)
    assert len(terms) == len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES)
    for term in terms:
        for language in LANGUAGES:
            labels = [o for o in onto.objects(term, RDFS.label) if o.language == language]
            comments = [o for o in onto.objects(term, RDFS.comment) if o.language == language]
            assert len(labels) == 1, f"{term}: one rdfs:label@{language} expected"
            assert len(comments) == 1, f"{term}: one rdfs:comment@{language} expected"
        assert {o.language for p in (RDFS.label, RDFS.comment) for o in onto.objects(term, p)} == set(LANGUAGES)
        assert onto.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, f"{term}: wrong rdfs:isDefinedBy"
        assert onto.value(term, SKOS.example), f"{term}: no skos:example"


def test_examples_are_turtle(onto):
    examples = list(onto.subject_objects(SKOS.example))
    assert examples
    for term, example in examples:
        graph = Graph().parse(data=TURTLE_PREFIXES + str(example), format="turtle")
        assert len(graph) > 0, f"example of {term} states nothing"


@pytest.mark.parametrize("name", CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES)
def test_every_term_has_english_and_french_label_and_comment(onto, name):
    for prop in (RDFS.label, RDFS.comment):
        languages = sorted(o.language for o in onto.objects(CK[name], prop))
        assert languages == sorted(LANGUAGES), f"ck:{name} {prop}: {languages}"


def test_french_labels_are_french(onto):
    """The French comments are written in French, not copies of the English ones."""
    for term in ck_terms(onto):
        english = {str(o) for o in onto.objects(term, RDFS.comment) if o.language == "en"}
        french = {str(o) for o in onto.objects(term, RDFS.comment) if o.language == "fr"}
        assert not english & french, term


def test_scheme_concepts_have_one_preferred_label_per_language(scheme):
    """One skos:prefLabel per concept and language (SKOS S14), and no two concepts of a
    scheme share a preferred label in one language, so a minted node's label names one concept."""
    graph, iri = scheme
    seen = {}
    for concept in concepts(graph, iri):
        by_language = defaultdict(list)
        for label in graph.objects(concept, SKOS.prefLabel):
            by_language[label.language].append(str(label))
        assert sorted(by_language) == sorted(LANGUAGES), concept
        for language, labels in by_language.items():
            assert len(labels) == 1, (concept, language, labels)
            key = (labels[0].casefold(), language)
            assert key not in seen, (concept, seen.get(key))
            seen[key] = concept


def test_no_term_is_both_object_and_datatype_property(onto):
    both = set(onto.subjects(RDF.type, OWL.ObjectProperty)) & set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert not both


ALIGNMENTS = [
    (CK.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (CK.Article, RDFS.subClassOf, PROV.Entity),
    (CK.Person, RDFS.subClassOf, SCHEMA.Person),
    (CK.Person, RDFS.subClassOf, FOAF.Person),
    (CK.Person, RDFS.subClassOf, PROV.Agent),
    (CK.Minister, RDFS.subClassOf, CK.Person),
    (CK.Organisation, RDFS.subClassOf, ORG.Organization),
    (CK.Organisation, RDFS.subClassOf, SCHEMA.Organization),
    (CK.Organisation, RDFS.subClassOf, PROV.Agent),
    (CK.GovernmentOrganisation, RDFS.subClassOf, CK.Organisation),
    (CK.GovernmentOrganisation, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
    (CK.Meeting, RDFS.subClassOf, SCHEMA.Event),
    (CK.Meeting, RDFS.subClassOf, PROV.Activity),
    (CK.Agreement, RDFS.subClassOf, PROV.Entity),
    (CK.Agreement, RDFS.subClassOf, PROV.Plan),
    (CK.Pledge, RDFS.subClassOf, PROV.Entity),
    (CK.Funding, RDFS.subClassOf, SCHEMA.MonetaryAmount),
    (CK.Statistic, RDFS.subClassOf, SCHEMA.Observation),
    (CK.Evidence, RDFS.subClassOf, OA.SpecificResource),
    (CK.Dispute, RDFS.subClassOf, CK.Statement),
    (CK.amount, RDFS.subPropertyOf, SCHEMA.value),
    (CK.currency, RDFS.subPropertyOf, SCHEMA.currency),
    (CK.funder, RDFS.subPropertyOf, SCHEMA.funder),
    (CK.value, RDFS.subPropertyOf, SCHEMA.value),
    (CK.measure, RDFS.subPropertyOf, SCHEMA.variableMeasured),
    (CK.quote, RDFS.subPropertyOf, OA.exact),
    (CK.start, RDFS.subPropertyOf, OA.start),
    (CK.end, RDFS.subPropertyOf, OA.end),
    (CK.source, RDFS.subPropertyOf, OA.hasSource),
    (CK.assertedBy, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (CK.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (CK.memberOf, RDFS.subPropertyOf, ORG.memberOf),
    (CK.evidence, RDFS.subPropertyOf, PROV.wasInfluencedBy),
    (CK.pledgeType, RDFS.subPropertyOf, CK.pledgeCategory),
    (CK.partyTo, OWL.inverseOf, CK.party),
    (CK.pledgeOf, OWL.inverseOf, CK.hasPledge),
    (CK.fundingOf, OWL.inverseOf, CK.hasFunding),
    (CK.outcomeOf, OWL.inverseOf, CK.outcome),
    (CK.hasMember, OWL.inverseOf, CK.memberOf),
    (CK.statedEquivalent, RDF.type, OWL.SymmetricProperty),
    (CK.disputes, RDFS.domain, CK.Dispute),
    (CK.Disagreement, RDFS.subClassOf, PROV.Entity),
    (CK.Claim, RDFS.subClassOf, RDF.Statement),
    (CK.Claim, RDFS.subClassOf, SCHEMA.Claim),
    (CK.about, RDFS.subPropertyOf, SCHEMA.about),
    (CK.claim, RDFS.subPropertyOf, DCTERMS.hasPart),
    (SKOS.broader, RDFS.subPropertyOf, SKOS.broaderTransitive),
    (SKOS.broaderTransitive, RDF.type, OWL.TransitiveProperty),
    (SKOS.broader, OWL.inverseOf, SKOS.narrower),
]


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: " ".join(str(x).rsplit("/", 1)[-1] for x in t))
def test_axiom(onto, triple):
    assert triple in onto


def test_measure_is_not_a_measured_property(onto):
    """schema:measuredProperty expects an rdf:Property; a measure is a SKOS concept."""
    assert (CK.measure, RDFS.subPropertyOf, SCHEMA.measuredProperty) not in onto


# Properties shared by several classes must not carry a domain or range that OWL-RL would
# turn into a wrong type (an organisation made a Person, a statistic made a Meeting).
NO_DOMAIN = [CK.party, CK.partyTo, CK.role, CK.country, CK.date, CK.dateText, CK.partyRole, CK.evidence,
             CK.mentionedIn, CK.qualifier, CK.memberOf]
NO_RANGE = [CK.party, CK.partyTo, CK.assertedBy, CK.speaker, CK.funder, CK.recipient, CK.disputes,
            CK.about, CK.onProperty]


@pytest.mark.parametrize("prop", NO_DOMAIN, ids=lambda p: p.fragment)
def test_shared_property_has_no_domain(onto, prop):
    assert onto.value(prop, RDFS.domain) is None


@pytest.mark.parametrize("prop", NO_RANGE, ids=lambda p: p.fragment)
def test_shared_property_has_no_range(onto, prop):
    assert onto.value(prop, RDFS.range) is None


def test_property_chains(onto):
    def chain(prop):
        head = onto.value(prop, OWL.propertyChainAxiom)
        return list(onto.items(head)) if head is not None else []

    assert chain(CK.commitsTo) == [CK.hasPledge, CK.pledgeType]
    assert chain(CK.pledgeCategory) == [CK.pledgeType, SKOS.broaderTransitive]
    assert chain(CK.mentionedIn) == [CK.evidence, CK.source]


# --------------------------------------------------------------------------- concept schemes


def concepts(graph: Graph, iri: URIRef):
    return sorted(graph.subjects(SKOS.inScheme, iri))


def test_scheme_header(scheme):
    graph, iri = scheme
    assert (iri, RDF.type, SKOS.ConceptScheme) in graph
    assert graph.value(iri, RDFS.label)
    assert graph.value(iri, DCTERMS.license) == CC_BY
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == set(concepts(graph, iri))


def test_every_concept_is_complete(scheme):
    graph, iri = scheme
    found = concepts(graph, iri)
    assert len(found) >= 10
    for concept in found:
        assert str(concept).startswith(str(iri)), concept
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(concept)[len(str(iri)):]), f"bad slug {concept}"
        assert [o for o in graph.objects(concept, SKOS.definition) if o.language == "en"], f"{concept}: no definition"
        for language in LANGUAGES:
            def labelled(prop):
                return [o for o in graph.objects(concept, prop) if o.language == language]
            assert len(labelled(SKOS.prefLabel)) == 1, f"{concept}: exactly one prefLabel@{language} expected"
            assert len(labelled(SKOS.altLabel)) >= 2, f"{concept}: too few altLabels@{language}"
            assert len(labelled(SKOS.hiddenLabel)) >= 1, f"{concept}: no hiddenLabel@{language}"
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.definition):
            for label in graph.objects(concept, prop):
                assert label.language in LANGUAGES and str(label).strip() == str(label) and str(label), (concept, label)


def test_broader_and_narrower_are_stated_both_ways(scheme):
    graph, iri = scheme
    broader = set(graph.subject_objects(SKOS.broader))
    narrower = {(b, a) for a, b in graph.subject_objects(SKOS.narrower)}
    assert broader, "no hierarchy at all"
    assert broader == narrower
    for child, parent in broader:
        assert (parent, SKOS.inScheme, iri) in graph, f"{child} has a broader concept outside the scheme"


def test_top_concepts_are_stated_both_ways(scheme):
    graph, iri = scheme
    tops = set(graph.objects(iri, SKOS.hasTopConcept))
    assert tops
    assert tops == set(graph.subjects(SKOS.topConceptOf, iri))
    roots = {c for c in concepts(graph, iri) if graph.value(c, SKOS.broader) is None}
    assert tops == roots


def test_labels_are_unambiguous(scheme):
    """A phrase belongs to one concept, and to one label kind within it (SKOS S13), in each
    language: "drones"@en and "drones"@fr are the same concept's two languages, not a clash."""
    graph, _ = scheme
    owners = defaultdict(list)
    for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for concept, label in graph.subject_objects(prop):
            owners[(str(label).casefold(), label.language)].append((concept, prop))
    clashes = {label: where for label, where in owners.items() if len(where) > 1}
    assert not clashes


def design_concepts():
    """(scheme, slug, broader slug or None) for every concept listed in docs/DESIGN.md."""
    text = DESIGN_FILE.read_text(encoding="utf-8")
    section = text.split("## Concept schemes", 1)[1].split("\n## ", 1)[0]
    rows, scheme, bullet = [], None, None
    for line in section.splitlines() + [""]:
        if line.startswith("Pledge types"):
            scheme = "pledge-types"
        elif line.startswith("Measures"):
            scheme = "measures"
        if line.startswith("  ") and bullet is not None:
            bullet += " " + line.strip()
            continue
        if bullet is not None:
            top, _, rest = bullet.partition(":")
            top_slug = re.search(r"`([a-z0-9-]+)`", top).group(1)
            rows.append((bullet_scheme, top_slug, None))
            for child, grandchild in re.findall(r"`([a-z0-9-]+)`(?:\s*\(→\s*`([a-z0-9-]+)`\))?", rest):
                rows.append((bullet_scheme, child, top_slug))
                if grandchild:
                    rows.append((bullet_scheme, grandchild, child))
            bullet = None
        if line.startswith("- `") and scheme:
            bullet, bullet_scheme = line[2:], scheme
    return rows


DESIGN_CONCEPTS = design_concepts()


def test_design_lists_concepts():
    schemes = {row[0] for row in DESIGN_CONCEPTS}
    assert schemes == {"pledge-types", "measures"}
    assert ("pledge-types", "drones", "aerial-surveillance") in DESIGN_CONCEPTS
    assert len(DESIGN_CONCEPTS) >= 40


@pytest.mark.parametrize("scheme_name,slug,broader", DESIGN_CONCEPTS, ids=lambda v: str(v))
def test_design_slug_exists(scheme_name, slug, broader):
    path, iri = SCHEMES[scheme_name]
    graph = _scheme_graph(path)
    concept = URIRef(str(iri) + slug)
    assert (concept, SKOS.inScheme, iri) in graph
    if broader is None:
        assert (concept, SKOS.topConceptOf, iri) in graph
    else:
        assert (concept, SKOS.broader, URIRef(str(iri) + broader)) in graph


_GRAPHS: dict = {}


def _scheme_graph(path: Path) -> Graph:
    if path not in _GRAPHS:
        _GRAPHS[path] = Graph().parse(path)
    return _GRAPHS[path]


# The lexicon has to find, in the seed articles, the measures and figures they report.
LEXICON_CASES = [
    ("000_76746360f77ee4a5", PT, ["intelligence-sharing", "police-cooperation", "operational-cooperation",
                                  "working-group", "accelerate-delivery", "prevent-crossings",
                                  "disrupt-smuggling", "safe-legal-routes"]),
    ("001_f9e0af551127a38c", PT, ["action-plan", "intelligence-sharing", "cctv", "returns", "security-equipment",
                                  "disrupt-smuggling"]),
    ("002_c02e5e3545120daa", PT, ["embedded-officers", "cctv", "detection-dogs", "drones", "night-vision",
                                  "law-enforcement-equipment", "european-cooperation", "joint-taskforce",
                                  "intelligence-sharing", "reception-centres", "beach-patrols", "safe-legal-routes"]),
    ("003_106ccf3bbe2b93ab", PT, ["beach-patrols", "intelligence-sharing", "surveillance-technology", "policing",
                                  "aerial-surveillance", "border-infrastructure", "smart-border",
                                  "funding-commitment", "disrupt-smuggling", "safe-legal-routes"]),
    ("004_63b909f5f1b88480", PT, ["aerial-surveillance", "drones", "beach-patrols", "returns", "action-plan"]),
    ("000_76746360f77ee4a5", MS, ["people-crossing", "people-intercepted", "deaths", "asylum-claims",
                                  "refugee-population-share"]),
    ("001_f9e0af551127a38c", MS, ["people-returned"]),
    ("002_c02e5e3545120daa", MS, ["crossings", "officer-increase"]),
    ("003_106ccf3bbe2b93ab", MS, ["crossings-prevented", "arrests", "prosecutions", "custodial-sentence-years",
                                  "officers-deployed"]),
    ("004_63b909f5f1b88480", MS, ["people-returned", "crime-groups-disrupted"]),
]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


@pytest.mark.parametrize(
    "stem,namespace,slugs", LEXICON_CASES,
    ids=[f"{stem[:3]}-{'pledge-types' if ns == PT else 'measures'}" for stem, ns, _ in LEXICON_CASES],
)
def test_lexicon_finds_seed_measures(stem, namespace, slugs):
    path = PLEDGE_TYPES_FILE if namespace == PT else MEASURES_FILE
    graph = _scheme_graph(path)
    text = fold((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    for slug in slugs:
        concept = namespace[slug]
        labels = [fold(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                  for o in graph.objects(concept, p)]
        assert labels, f"{concept} has no labels"
        hits = [label for label in labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)]
        assert hits, f"no label of {slug} occurs in {stem}"


@pytest.mark.parametrize("slug,phrases", [
    ("intelligence-sharing", ["intelligence sharing", "share intelligence", "information sharing",
                              "sharing information", "intelligence gathering", "joint intelligence cell"]),
    ("beach-patrols", ["officers patrolling beaches", "police patrols", "patrols on beaches", "beach patrols",
                       "coastal patrols", "gendarmes", "more officers"]),
    ("drones", ["drones", "drone", "unmanned aerial"]),
    ("returns", ["returns agreement", "return migrants", "returns of migrants", "one in, one out"]),
])
def test_lexicon_has_the_agreed_phrases(slug, phrases):
    graph = _scheme_graph(PLEDGE_TYPES_FILE)
    labels = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(PT[slug], p)}
    assert set(phrases) <= labels


# --------------------------------------------------------------------------- reasoning

SAMPLE = """
@prefix ck: <https://w3id.org/channel-kg/ontology#> .
@prefix pt: <https://w3id.org/channel-kg/pledge-type/> .
@prefix ms: <https://w3id.org/channel-kg/measure/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix article: <https://w3id.org/channel-kg/id/article/> .
@prefix evidence: <https://w3id.org/channel-kg/id/evidence/> .
@prefix person: <https://w3id.org/channel-kg/id/person/> .
@prefix organisation: <https://w3id.org/channel-kg/id/organisation/> .
@prefix meeting: <https://w3id.org/channel-kg/id/meeting/> .
@prefix agreement: <https://w3id.org/channel-kg/id/agreement/> .
@prefix pledge: <https://w3id.org/channel-kg/id/pledge/> .
@prefix funding: <https://w3id.org/channel-kg/id/funding/> .
@prefix statistic: <https://w3id.org/channel-kg/id/statistic/> .

meeting:m a ck:Meeting ; ck:party person:castaner ; ck:outcome agreement:a .
agreement:a a ck:Agreement ;
    ck:date "2019-06-07"^^xsd:date ;
    ck:party person:castaner ;
    ck:hasPledge pledge:p ;
    ck:hasFunding funding:eur ;
    ck:evidence evidence:e .
pledge:p a ck:Pledge ; ck:pledgeType pt:drones .
funding:eur a ck:Funding ; ck:amount 50000000.0 ; ck:currency "EUR" ;
    ck:funder organisation:home-office ; ck:statedEquivalent funding:gbp .
evidence:e a ck:Evidence ; ck:source article:s ; ck:quote "drones" ; ck:start 10 ; ck:end 16 .
person:castaner a ck:Minister ; rdfs:label "Christophe Castaner"@en ; ck:role "French Interior Minister" ;
    ck:country "FR" ; ck:memberOf organisation:interior-ministry .
organisation:home-office a ck:GovernmentOrganisation ; rdfs:label "Home Office"@en ; ck:country "GB" .
statistic:s a ck:Statistic ; ck:value 57.0 ; ck:measure ms:crime-groups-disrupted ;
    ck:assertedBy organisation:home-office .
"""


@pytest.fixture(scope="module")
def closure() -> Graph:
    graph = Graph()
    for path in (ONTOLOGY_FILE, PLEDGE_TYPES_FILE, MEASURES_FILE):
        graph.parse(path)
    graph.parse(data=SAMPLE, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


@pytest.mark.parametrize("triple", [
    (ID["person/castaner"], CK.partyTo, ID["agreement/a"]),
    (ID["person/castaner"], CK.partyTo, ID["meeting/m"]),
    (ID["pledge/p"], CK.pledgeOf, ID["agreement/a"]),
    (ID["funding/eur"], CK.fundingOf, ID["agreement/a"]),
    (ID["agreement/a"], CK.outcomeOf, ID["meeting/m"]),
    (ID["organisation/interior-ministry"], CK.hasMember, ID["person/castaner"]),
    (ID["funding/gbp"], CK.statedEquivalent, ID["funding/eur"]),
    (ID["agreement/a"], CK.commitsTo, PT.drones),
    (ID["pledge/p"], CK.pledgeCategory, PT.drones),
    (ID["pledge/p"], CK.pledgeCategory, PT["aerial-surveillance"]),
    (ID["pledge/p"], CK.pledgeCategory, PT["surveillance-technology"]),
    (ID["agreement/a"], CK.mentionedIn, ID["article/s"]),
    (PT.drones, SKOS.broaderTransitive, PT["surveillance-technology"]),
    (ID["person/castaner"], RDF.type, CK.Person),
    (ID["person/castaner"], RDF.type, PROV.Agent),
    (ID["organisation/home-office"], RDF.type, CK.Organisation),
    (ID["organisation/interior-ministry"], RDF.type, CK.Organisation),
    (ID["evidence/e"], RDF.type, OA.SpecificResource),
    (ID["article/s"], RDF.type, CK.Article),
    (ID["funding/gbp"], RDF.type, CK.Funding),
    (ID["funding/eur"], SCHEMA.value, Literal(Decimal("50000000.0"))),
], ids=lambda t: " ".join(str(x).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for x in t))
def test_reasoner_infers(closure, triple):
    assert triple in closure


@pytest.mark.parametrize("triple", [
    # commitsTo is the exact pledge type; the categories live on the pledge
    (ID["agreement/a"], CK.commitsTo, PT["aerial-surveillance"]),
    (ID["pledge/p"], CK.pledgeCategory, PT.policing),
    # nothing is mis-typed by a domain or range
    (ID["organisation/home-office"], RDF.type, CK.Person),
    (ID["person/castaner"], RDF.type, CK.Organisation),
    (ID["statistic/s"], RDF.type, CK.Meeting),
    (ID["statistic/s"], RDF.type, CK.Agreement),
    (ID["agreement/a"], RDF.type, CK.Statistic),
    (ID["agreement/a"], RDF.type, CK.Meeting),
])
def test_reasoner_does_not_infer(closure, triple):
    assert triple not in closure


def test_reasoner_reports_no_errors(closure):
    errors = [str(o) for o in closure.objects(None, ERR.error)]
    assert not errors


# --------------------------------------------------------------------------- JSON-LD context


@pytest.fixture(scope="module")
def context() -> dict:
    document = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    assert set(document) == {"@context"}
    return document["@context"]


def test_context_is_local(context):
    assert isinstance(context, dict), "the context must be inline, not a reference to another one"
    assert "@import" not in context


def test_context_prefixes(context):
    for prefix in ("ck", "id", "pt", "ms", "schema", "prov", "skos", "org", "dcterms", "oa", "xsd", "rdfs",
                   "owl", "void"):
        assert context[prefix] == str(PREFIXES[prefix]), prefix


def test_context_terms(context):
    def iri(term):
        value = context[term]
        compact = value if isinstance(value, str) else value["@id"]
        prefix, local = compact.split(":", 1)
        return URIRef(context[prefix] + local)

    for name in OBJECT_PROPERTIES:
        assert iri(name) == CK[name] and context[name]["@type"] == "@id", name
    for name in DATATYPE_PROPERTIES:
        assert iri(name) == CK[name], name
    for name in CLASSES:
        assert iri(name) == CK[name], name
    assert iri("wasDerivedFrom") == PROV.wasDerivedFrom and context["wasDerivedFrom"]["@type"] == "@id"
    assert iri("label") == RDFS.label and iri("title") == DCTERMS.title and iri("issued") == DCTERMS.issued
    typed = {"amount": "xsd:decimal", "value": "xsd:decimal", "start": "xsd:integer", "end": "xsd:integer",
             "date": "xsd:date", "periodStart": "xsd:date"}
    for name, datatype in typed.items():
        assert context[name]["@type"] == datatype, name


def test_context_round_trips_a_graph(context):
    graph = Graph().parse(data=SAMPLE, format="turtle")
    graph.add((ID["agreement/a"], RDFS.label, Literal("UK–France agreed actions", lang="en")))
    graph.add((ID["pledge/p"], PROV.wasDerivedFrom, ID["article/s"]))
    text = graph.serialize(format="json-ld", context=context)
    document = json.loads(text)
    keys = {key for node in document["@graph"] for key in node}
    assert {"party", "hasPledge", "pledgeType", "amount", "quote", "start", "wasDerivedFrom", "label"} <= keys
    assert isomorphic(Graph().parse(data=text, format="json-ld"), graph)
