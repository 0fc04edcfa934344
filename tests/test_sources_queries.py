"""The named queries of what the sources say: sources, disagreements, the ?sources columns,
statistics citing the words that hold the figure, contested without near-duplicates,
repeated-pledges at every level of the scheme, and labels in the language asked for."""

from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.figures import holds
from kg.store import load_store
from test_named_queries import QUERIES, term

ID = "https://w3id.org/channel-kg/id/"
PT = "https://w3id.org/channel-kg/pledge-type/"
CK = "https://w3id.org/channel-kg/ontology#"
DEAL = ID + "agreement/2026-03-10-uk-france-agreement"


def run(store, name, **params):
    substitutions = {ox.Variable(key): term(value) for key, value in QUERIES[name].bind(params).items()}
    solutions = store.query(QUERIES[name].text, substitutions=substitutions)
    columns = [variable.value for variable in solutions.variables]
    return [{c: (row[c].value if row[c] is not None else None) for c in columns} for row in solutions]


@pytest.fixture(scope="module")
def seeds(seed_build):
    """The seed build as the server holds it: the union of the named graphs, each triple once."""
    return load_store(seed_build[1], union_default=True)[0]


@pytest.fixture(scope="module")
def deal(sources_build):
    return load_store(sources_build, union_default=True)[0]


def _quotes_of(store, node, article):
    query = "SELECT ?q ?node ?article WHERE { ?node <%sevidence> ?e . ?e <%squote> ?q ; <%ssource> ?article }" % (CK, CK, CK)
    subs = {ox.Variable("node"): ox.NamedNode(node), ox.Variable("article"): ox.NamedNode(article)}
    return [row["q"].value for row in store.query(query, substitutions=subs)]


# --------------------------------------------------------------------------- statistics (issue 15, 2)


def test_every_statistics_row_cites_the_quote_that_holds_its_figure(seeds):
    rows = run(seeds, "statistics")
    in_digits = 0
    for row in rows:
        value = Decimal(row["value"])
        quotes = _quotes_of(seeds, row["statistic"], row["article"])
        if any(holds(q, value) for q in quotes):
            in_digits += 1
            assert holds(row["quote"], value), (row["statistic"], row["quote"])
        else:  # "twice", "three times": the fullest quote, not the date words beside it
            assert len(row["quote"]) == max(map(len, quotes)), (row["statistic"], row["quote"])
    assert in_digits >= 10
    returned = next(r for r in rows if r["statistic"] == ID + "statistic/people-returned-35-2019-06-10")
    assert returned["quote"].startswith("Since January, over 35 people")  # no longer "Since January"


# --------------------------------------------------------------------------- contested (issue 15, 3)


def _core(quote: str) -> str:
    return quote.strip(" \"'“”‘’.,")


def test_contested_lists_no_quote_twice(seeds):
    rows = run(seeds, "contested")
    by_statement = {}
    for row in rows:
        by_statement.setdefault((row["statement"], row["article"]), []).append(_core(row["quote"]))
    assert len(by_statement) >= 4
    for quotes in by_statement.values():
        for i, a in enumerate(quotes):
            for b in quotes[i + 1:]:
                assert a not in b and b not in a, (a, b)
    assert sum("entirely manageable" in row["quote"] for row in rows) == 1


# --------------------------------------------------------------------------- repeated-pledges (issue 15, 4)


def test_a_narrower_pledge_counts_for_every_broader_type(seeds):
    rows = {row["pledgeType"]: row for row in run(seeds, "repeated-pledges")}
    surveillance = rows[PT + "surveillance-technology"]
    assert int(surveillance["agreements"]) == 3 and surveillance["years"] == "2019 2021 2022"
    narrower = dict(part.rsplit(" (", 1) for part in surveillance["narrower"].split("; "))
    assert {"CCTV", "aerial surveillance", "drones"} <= set(narrower) and narrower["drones"] == "1)"
    assert rows[PT + "aerial-surveillance"]["narrower"] == "drones (1)"
    assert rows[PT + "aerial-surveillance"]["broader"] == PT + "surveillance-technology"
    assert PT + "drones" not in rows and all(int(r["agreements"]) >= 2 for r in rows.values())
    every = {row["pledgeType"]: row for row in run(seeds, "repeated-pledges", min="1")}
    assert every[PT + "drones"]["agreements"] == "1" and every[PT + "drones"]["narrower"] == ""


# --------------------------------------------------------------------------- sources


def test_sources_of_a_deal_list_every_article_that_reports_it(deal):
    rows = run(deal, "sources", node=DEAL)
    articles = {row["article"].rsplit("/", 1)[-1] for row in rows}
    assert articles == {"homeoffice_2026_agreement", "wire_2026_deal_signed", "tabloid_2026_deal_cost"}
    assert all(row["title"] and row["language"] == "en" and row["issued"] for row in rows)
    assert not any(row["quote"] in ("today", "on Tuesday", "yesterday") for row in rows)  # fragments of longer quotes
    assert all(row["graph"].endswith("/rules") for row in rows)


def test_the_sources_columns_count_distinct_articles(deal):
    for name, key in (("funding", "funding"), ("statistics", "statistic"), ("timeline", "node")):
        rows = run(deal, name)
        assert rows, name
        for row in rows:
            articles = {r["article"] for r in run(deal, "sources", node=row[key])}
            assert int(row["sources"]) == len(articles), (name, row[key])
    timeline = {row["node"]: row for row in run(deal, "timeline")}
    assert timeline[DEAL]["sources"] == "3"


# --------------------------------------------------------------------------- disagreements


def test_disagreements_rows_are_the_claims_with_their_words(deal):
    rows = run(deal, "disagreements")
    claims = list(deal.query(f"SELECT ?c WHERE {{ GRAPH <https://w3id.org/channel-kg/graph/disagreements> {{ ?d <{CK}claim> ?c }} }}"))
    assert len(rows) == len(claims) == 17
    for row in rows:
        assert row["quote"] and row["title"] and row["language"] == "en" and row["subject"]
        if row["property"] in (CK + "amount", CK + "value"):
            assert holds(row["quote"], Decimal(row["value"])), row
        if row["property"] == CK + "disputes":
            assert row["speaker"] == "Enver Solomon"
    dated = [row for row in rows if row["property"] == CK + "date"]
    assert {row["subject"] for row in dated} == {DEAL, ID + "agreement/2026-03-11-uk-france-agreement"}
    money = [row for row in rows if row["property"] == CK + "amount"]
    assert {row["subject"] for row in money} == {DEAL} and {row["node"] for row in money} != {DEAL}


# --------------------------------------------------------------------------- labels in a language


@pytest.fixture(scope="module")
def with_french(seed_build):
    """The seeds with French labels on one agreement and one measure, as the French pack gives."""
    store = load_store(seed_build[1], union_default=True)[0]
    store.update(f"""INSERT DATA {{
        <{ID}agreement/2021-07-20-uk-france-agreement> <http://www.w3.org/2000/01/rdf-schema#label> "Accord franco-britannique du 20 juillet 2021"@fr .
        <https://w3id.org/channel-kg/measure/people-crossing> <http://www.w3.org/2004/02/skos/core#prefLabel> "personnes traversant la Manche"@fr . }}""")
    return store


def test_lang_chooses_french_labels_where_they_exist_and_english_otherwise(with_french):
    english = {row["node"]: row["label"] for row in run(with_french, "timeline")}
    french = {row["node"]: row["label"] for row in run(with_french, "timeline", lang="fr")}
    july = ID + "agreement/2021-07-20-uk-france-agreement"
    assert english[july] == "UK–France agreement of 20 July 2021"
    assert french[july] == "Accord franco-britannique du 20 juillet 2021"
    # every other node: its French label where the build has one (the French pack's), else the English one
    labelled = {row[0].value: row[1].value for row in with_french.query(
        "SELECT ?n ?l WHERE { ?n <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = 'fr') }",
        use_default_graph_as_union=True)}
    assert all(french[node] == labelled.get(node, label) for node, label in english.items() if node != july)
    measures = {row["measureLabel"] for row in run(with_french, "statistics", lang="fr")}
    assert "personnes traversant la Manche" in measures and "people crossing the Channel" not in measures


@pytest.mark.parametrize("name", sorted(n for n, q in QUERIES.items() if "lang" in {p.name for p in q.params}))
def test_every_query_with_labels_answers_in_both_languages(seeds, name):
    params = {"node": DEAL} if any(p.name == "node" for p in QUERIES[name].params) else {}
    assert len(run(seeds, name, lang="fr", **params)) == len(run(seeds, name, **params))


# --------------------------------------------------------------------------- cited-statistics (issue 15, 1)


def test_statistics_an_organisation_cited_and_who_disputed_them(sources_build):
    """"Which statistics did the Home Office cite, and who disputed them?": a figure in a release
    the Home Office published (schema:publisher, from the release's sidecar, as kg add writes
    it) is the Home Office's; a statement disputing it stands beside it."""
    store = load_store(sources_build, union_default=True)[0]
    home_office, release = ID + "organisation/home-office", ID + "article/homeoffice_2026_agreement"
    figure = ID + "statistic/people-crossing-412-2026-03-09"
    publishers = store.query(f"SELECT ?p WHERE {{ <{release}> <https://schema.org/publisher> ?p }}")
    assert [row["p"].value for row in publishers] == [home_office]  # the node the rules find in texts
    asserted = store.query(f"ASK {{ <{figure}> <{CK}assertedBy> <{home_office}> }}")
    assert asserted  # its own release: the figure is the Home Office's
    store.update(f"""PREFIX ck: <{CK}> INSERT DATA {{
        <{ID}statement/x-1> a ck:Dispute ; ck:disputes <{figure}> ; ck:speaker <{ID}person/enver-solomon> ;
            ck:evidence <{ID}evidence/x-1> .
        <{ID}evidence/x-1> ck:quote "The figures are not the whole story" . }}""")
    rows = run(store, "cited-statistics", by=home_office)
    assert {row["statistic"] for row in rows} == {figure, ID + "statistic/people-crossing-4012-2026-03-10"}
    # the release's figures are the Home Office's; the wire story says "according to the Home Office"
    assert {(row["article"], row["how"]) for row in rows if row["statistic"] == figure} >= {
        (release, "printed in an article it published"), (ID + "article/wire_2026_deal_signed", "asserted by it")}
    # one row per article stating the figure: the release, and the wire story that repeats it
    assert {row["article"] for row in rows if row["statistic"] == figure} == {release, ID + "article/wire_2026_deal_signed"}
    disputed = [row for row in rows if row["statistic"] == figure and row["article"] == release]
    assert {(row["disputedBy"], row["disputeQuote"]) for row in disputed} == {
        ("Enver Solomon", "The figures are not the whole story")}
    assert holds(disputed[0]["quote"], Decimal(412))


def test_cited_statistics_on_the_seeds_name_who_asserts_each(seeds):
    rows = run(seeds, "cited-statistics", by=ID + "organisation/uk-government")
    assert {Decimal(row["value"]) for row in rows} == {Decimal(v) for v in (250, 7500, 53, 65)}
    assert run(seeds, "cited-statistics", by=ID + "organisation/home-office") == []  # see the README
