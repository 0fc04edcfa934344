"""A thing's page (/id/…) reads like a Wikidata item, and pages and views follow
Accept-Language: each statement with its references under it, disagreements marked, stated
facts first and the reasoner's folded under them, the raw triples last."""

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from api.testing import B, CK, RDFS, SAMPLE_NQ, write_sample_build

HTML = {"Accept": "text/html"}
FRENCH = {"Accept": "text/html", "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}
DEAL = "/id/agreement/2026-03-10-uk-france-agreement"


@pytest.fixture(scope="module")
def deal(sources_build):
    with TestClient(create_app(Settings(build_dir=sources_build, workers=2))) as c:
        yield c


@pytest.fixture(scope="module")
def seeds(seed_build):
    with TestClient(create_app(Settings(build_dir=seed_build[1], workers=2))) as c:
        yield c


def parts(html: str) -> dict[str, str]:
    """The page cut at its folded sections: what is shown, the reasoner's, the raw triples."""
    shown, _, rest = html.partition('<details class="inferred">')
    if not rest:
        shown, _, rest = html.partition('<details class="raw">')
        return {"shown": shown, "inferred": "", "raw": rest}
    inferred, _, raw = rest.partition('<details class="raw">')
    return {"shown": shown, "inferred": inferred, "raw": raw}


def statement(html: str, prop_label: str) -> str:
    """The HTML of one statement (a property with its values and references)."""
    for block in html.split('<div class="statement">')[1:]:
        if re.search(r'<div class="property"><a [^>]*>' + re.escape(prop_label) + "</a>", block):
            return block
    raise AssertionError(f"no statement {prop_label!r}")


def test_each_value_has_its_references_under_it(deal):
    html = deal.get(DEAL, headers=HTML).text
    party = statement(html, "party")
    mahmood = party.split("Shabana Mahmood</a>", 1)[1].split('<div class="value', 1)[0]
    assert "2 references" in mahmood
    assert "Home Secretary Shabana Mahmood and French Interior Minister Laurent Nuñez today signed" in mahmood
    # the release's headline, its publisher (from its sidecar) and its day
    assert ">Home Secretary signs new agreement with France to stop small boat crossings</a>, " in mahmood
    assert 'href="/id/organisation/home-office"' in mahmood and "Home Office</a>, 2026-03-10" in mahmood
    assert '<span class="lang" title="language">en</span>' in mahmood
    # a pledge is referenced by its own words in each article
    drones = statement(html, "has pledge").split(">Pledge: drones", 1)[1].split("<div class=\"value", 1)[0]
    assert "3 references" in drones and "new drones" in drones
    # the date of the deal: each article's words for it ("today", "on Tuesday", "yesterday")
    date = statement(html, "date")
    assert "today signed" in date and "on Tuesday" in date and "in Paris yesterday" in date


def test_disagreements_are_marked_where_they_are(deal):
    html = deal.get(DEAL, headers=HTML).text
    assert "<h2>Sources disagree</h2>" in html
    for slug in ("amount-eur", "date", "party-home-secretary-gb", "disputes"):
        assert f'href="/id/disagreement/agreement-2026-03-10-uk-france-agreement-{slug}"' in html
    assert "⚠ sources disagree" in statement(html, "date")
    cooper = statement(html, "party").split("Yvette Cooper</a>", 1)[1].split("</div>", 1)[0]
    assert "⚠ sources disagree" in cooper
    funding = statement(html, "has funding")
    assert funding.count("⚠ sources disagree") == 3  # €62.7m, 63 million euros, €80m; not the £ restatements


def test_a_disagreement_page_sets_its_claims_side_by_side(deal):
    html = deal.get("/id/disagreement/agreement-2026-03-10-uk-france-agreement-amount-eur", headers=HTML).text
    claims = html.split('<table class="claims">', 1)[1].split("</table>", 1)[0]
    assert claims.count("<tr>") == 4  # a heading and three claims
    assert "Britain has signed yet another deal with France to stop the small boats" in claims


def test_stated_facts_first_and_the_reasoners_folded_under_them(seeds):
    person = parts(seeds.get("/id/person/bridget-chapman", headers=HTML).text)
    assert "member of" in person["shown"] and "Kent Refugee Action Network" in person["shown"]
    # org:memberOf restates ck:memberOf, prov:wasInfluencedBy restates ck:evidence: neither is
    # shown, folded or not; they are among the raw triples only
    for restated in ("org:memberOf", "prov:wasInfluencedBy"):
        assert restated not in person["shown"] and restated not in person["inferred"]
        assert restated in person["raw"]
    assert "ck:evidence" not in person["shown"].split("<h2>Statements</h2>", 1)[1].split("<h2>Sources</h2>", 1)[0]
    html = seeds.get("/id/person/priti-patel", headers=HTML).text
    assert html.index("<h2>Statements</h2>") < html.index('<details class="inferred">') < html.index('<details class="raw">')
    assert "party to" in parts(html)["inferred"]  # the inverse of ck:party, folded


def test_an_article_is_not_mentioned_in_or_derived_from_itself(seeds):
    path = "/id/article/000_76746360f77ee4a5"
    page = parts(seeds.get(path, headers=HTML).text)
    self_link = f'href="{path}"'
    for section in ("shown", "inferred"):
        for label in ("mentioned in", "derived from", "was derived from"):
            assert not re.search(re.escape(label) + r"</a></(?:div|th)>\s*(?:<[^>]+>\s*)*<a " + re.escape(self_link),
                                 page[section]), (section, label)
    # the nodes the article states are listed once, as derived from it, not again as mentioned in it
    assert "prov:wasDerivedFrom" in page["shown"] and "mentioned in" not in page["inferred"]
    assert self_link in page["raw"]


def test_pages_follow_accept_language(deal):
    english = deal.get(DEAL, headers=HTML)
    french = deal.get(DEAL, headers=FRENCH)
    assert english.headers["content-language"] == "en" and french.headers["content-language"] == "fr"
    assert "Accept-Language" in english.headers["vary"] and "Accept-Language" in french.headers["vary"]
    assert "<h2>Énoncés</h2>" in french.text and "<h2>Statements</h2>" in english.text
    assert english.headers["etag"] != french.headers["etag"]
    assert deal.get(DEAL, headers={**HTML, "Accept-Language": "de"}).headers["content-language"] == "en"
    assert "Accept-Language" in deal.get(DEAL).headers["vary"]  # Turtle too: one URL, one Vary


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory):
    """The sample build with French labels on one agreement and one pledge type."""
    french = (f'<{B}id/agreement/2021-07-20-uk-france-agreement> <{RDFS}label> '
              f'"Accord franco-britannique du 20 juillet 2021"@fr <{B}graph/article/000_sample/curated> .\n'
              f'<{B}pledge-type/drones> <http://www.w3.org/2004/02/skos/core#prefLabel> "drones (fr)"@fr <{B}graph/vocab> .\n')
    build = write_sample_build(tmp_path_factory.mktemp("bilingual") / "build", SAMPLE_NQ + french)
    with TestClient(create_app(Settings(build_dir=build, workers=2))) as c:
        yield c


def test_french_labels_where_they_exist_english_otherwise(bilingual):
    french = bilingual.get("/id/agreement/2021-07-20-uk-france-agreement", headers=FRENCH).text
    assert "<h1>Accord franco-britannique du 20 juillet 2021</h1>" in french
    assert ">Priti Patel</a>" in french  # no French name: the English one
    english = bilingual.get("/id/agreement/2021-07-20-uk-france-agreement", headers=HTML).text
    assert "<h1>UK–France agreement of 20 July 2021</h1>" in english
    person = bilingual.get("/id/person/priti-patel", headers=FRENCH).text
    assert ">Accord franco-britannique du 20 juillet 2021</a>" in person
    view = bilingual.get("/views/timeline", headers=FRENCH)
    assert view.headers["content-language"] == "fr" and "Accept-Language" in view.headers["vary"]
    assert "Accord franco-britannique du 20 juillet 2021" in view.text
    assert "UK–France agreement of 20 July 2021" in bilingual.get("/views/timeline", headers=HTML).text
    assert "drones (fr)" in bilingual.get("/views/pledges", headers=FRENCH).text
    data = bilingual.get("/views/timeline", headers={**FRENCH, "Accept": "text/csv"})
    assert "Accord franco-britannique" in data.text and "Accept-Language" in data.headers["vary"]


# --------------------------------------------------------------------------- /views/disagreements


def test_the_disagreements_view_has_one_card_per_row(deal):
    html = deal.get("/views/disagreements", headers=HTML).text
    rows = deal.get("/queries/disagreements", params={"format": "json"}).json()["results"]["bindings"]
    assert html.count('<article class="claim') == len(rows) == 17
    assert html.count('<section class="disagreement"') == 5
    assert 'id="agreement-2026-03-10-uk-france-agreement-amount-eur"' in html  # the pages link here
    amount = html.split('id="agreement-2026-03-10-uk-france-agreement-amount-eur"', 1)[1].split("</section>", 1)[0]
    for shown in ("62,700,000", "63,000,000", "80,000,000"):
        assert shown in amount
    dispute = html.split('id="agreement-2026-03-10-uk-france-agreement-disputes"', 1)[1].split("</section>", 1)[0]
    assert "disputed by" in dispute and "Enver Solomon" in dispute.split("disputed by", 1)[1]
    assert "Là où les sources divergent" in deal.get("/views/disagreements", headers=FRENCH).text
    assert 'href="/views/disagreements"' in deal.get("/views", headers=HTML).text


def test_the_disagreements_view_escapes_its_data(tmp_path_factory):
    hostile = "<script>alert(1)</script>"
    d = f"<{B}id/disagreement/x>"
    claim = f"<{B}id/disagreement/x#claim-1>"
    g = f"<{B}graph/disagreements>"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    quads = [f"{d} <{CK}claim> {claim} {g} .", f'{d} <{RDFS}label> "{hostile}"@en {g} .',
             f"{d} <{CK}about> <{B}id/agreement/2021-07-20-uk-france-agreement> {g} .",
             f"{claim} <{rdf}subject> <{B}id/agreement/2021-07-20-uk-france-agreement> {g} .",
             f"{claim} <{rdf}predicate> <{CK}date> {g} .", f'{claim} <{rdf}object> "{hostile}" {g} .',
             f"{claim} <{CK}evidence> <{B}id/evidence/000_sample-0-40> {g} .",
             f"{claim} <http://www.w3.org/ns/prov#wasDerivedFrom> <{B}id/article/000_sample> {g} ."]
    build = write_sample_build(tmp_path_factory.mktemp("hostile-d") / "build", SAMPLE_NQ + "\n".join(quads) + "\n")
    with TestClient(create_app(Settings(build_dir=build, workers=2))) as c:
        html = c.get("/views/disagreements", headers=HTML).text
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        page = c.get("/id/agreement/2021-07-20-uk-france-agreement", headers=HTML).text
        assert "<script>alert" not in page and "&lt;script&gt;" in page
