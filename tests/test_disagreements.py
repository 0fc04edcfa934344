"""Disagreements between sources: the rounding rule, the rules on graphs made for the purpose,
and the whole build on articles written to state one deal alike and differently
(tests/articles/sources/, with what a careful reader finds in expected.yaml)."""

import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from kg import disagreement_policy, disagreements, project
from kg.build import run_build
from kg.errors import InputError
from kg.figures import Figure, Policy, agree, figure, holds, printed_steps, significant_step
from kg.namespaces import BASE, PREFIXES
from kg.store import load_store
from kg.triples import NamedGraphs

SOURCES = Path(__file__).parent / "articles" / "sources"
EXPECTED = yaml.safe_load((SOURCES / "expected.yaml").read_text(encoding="utf-8"))
FRENCH_PACK = project.RULES_DIR / "fr"
ROUNDING = Policy()


# --------------------------------------------------------------------------- rounding


def _fig(value, quote, qualifier=None):
    return figure(Decimal(value), [quote], qualifier, ROUNDING)


@pytest.mark.parametrize("a,b", [
    (("62700000", "62,7 millions d'euros"), ("63000000", "63 millions d'euros")),
    (("72200000", "the deal, worth €72.2m"), ("72000000", "a €72m deal")),
    (("54000000", "(£54 million)"), ("54400000", "(£54.4 million)")),
    (("1185", "1,185 people"), ("1200", "some 1,200 people")),
    (("13600", "13 600 traversées"), ("13600", "13,600 crossings")),
])
def test_rounding_is_no_disagreement(a, b):
    assert agree(_fig(*a), _fig(*b), ROUNDING)


@pytest.mark.parametrize("a,b", [
    (("62700000", "€62.7m"), ("80000000", "€80m")),
    (("62700000", "€62.7m"), ("63100000", "€63.1m")),  # both printed to 100,000: 400,000 apart
    (("412", "412 people"), ("450", "450 people")),
    (("45755", "45,755 people"), ("45728", "45,728 people")),
    (("45000", "45,000 people"), ("45774", "45,774 people")),  # 45,774 rounds to 46,000
])
def test_figures_beyond_rounding_disagree(a, b):
    assert not agree(_fig(*a), _fig(*b), ROUNDING)


def test_the_step_is_the_last_digit_printed_with_its_scale():
    assert printed_steps(Decimal(62700000), ["€62.7m"], ROUNDING) == [Decimal(100000)]
    assert printed_steps(Decimal(63000000), ["63 millions"], ROUNDING) == [Decimal(1000000)]
    assert printed_steps(Decimal(9310), ["9.310 personnes"], ROUNDING) == [Decimal(10)]  # French grouping
    assert printed_steps(Decimal("0.26"), ["0.26% of the population"], ROUNDING) == [Decimal("0.01")]
    assert printed_steps(Decimal(7), ["three times more"], ROUNDING) == []
    # trailing zeros of a whole number are rounding, two significant digits kept
    assert significant_step(Decimal(45000), ROUNDING) == 1000
    assert significant_step(Decimal(1000), ROUNDING) == 100
    assert significant_step(Decimal(40), ROUNDING) == 1


def test_bounds_and_approximations():
    over = _fig("40000", "over 40,000", "more than")
    assert agree(over, _fig("45774", "45,774"), ROUNDING)
    assert not agree(over, _fig("35000", "35,000"), ROUNDING)
    almost = _fig("700", "almost 700", "less than")
    assert agree(almost, _fig("695", "695"), ROUNDING) and not agree(almost, _fig("712", "712"), ROUNDING)
    assert agree(over, _fig("50000", "more than 50,000", "more than"), ROUNDING)  # two lower bounds
    about = _fig("480000000", "about £480 million", "approximately")
    assert agree(about, _fig("478000000", "£478 million"), ROUNDING)
    assert not agree(about, _fig("541000000", "£541 million"), ROUNDING)


def test_a_quote_holds_a_value_in_digits_at_any_scale():
    assert holds("a further financial investment of €62.7m", Decimal(62700000))
    assert holds("And 1,185 people reached the UK", Decimal(1185))
    assert not holds("Since January", Decimal(35))


# --------------------------------------------------------------------------- the rules on small graphs

CK, ID = PREFIXES["ck"], PREFIXES["id"]
XSD = "http://www.w3.org/2001/XMLSchema#"


def _dataset(articles: dict[str, str]) -> NamedGraphs:
    """Articles' rules graphs from Turtle snippets (prefixes ck: and id: predeclared)."""
    dataset = NamedGraphs()
    for stem, turtle in articles.items():
        store = ox.Store()
        store.load(f"@prefix ck: <{CK}> . @prefix id: <{ID}> . @prefix xsd: <{XSD}> .\n" + turtle,
                   format=ox.RdfFormat.TURTLE)
        dataset.put(f"<{BASE}graph/article/{stem}/rules>", [(str(q.subject), str(q.predicate), str(q.object))
                                                            for q in store])
    return dataset


def _evidence(stem: str, node: str, quote: str) -> str:
    return (f'id:{node} ck:evidence id:evidence\\/{stem}-0-{len(quote)} . '
            f'id:evidence\\/{stem}-0-{len(quote)} ck:quote "{quote}" ; ck:start 0 ; ck:end {len(quote)} .\n')


def _funding(stem, agreement, slug, amount, currency, quote, extra=""):
    return (f"id:agreement\\/{agreement} a ck:Agreement ; ck:hasFunding id:funding\\/{slug} . "
            f'id:funding\\/{slug} a ck:Funding ; ck:amount "{amount}"^^xsd:decimal ; ck:currency "{currency}" {extra}.\n'
            + _evidence(stem, f"funding\\/{slug}", quote))


def _found(dataset) -> dict[str, set]:
    """{disagreement slug: {(article stem, value)}} of what the stage finds."""
    store = ox.Store()
    for s, p, o in disagreements.find_disagreements(dataset):
        store.add(ox.Quad(*(ox.NamedNode(t[1:-1]) if t.startswith("<") else _literal(t) for t in (s, p, o))))
    found = {}
    for row in store.query(f"""PREFIX ck: <{CK}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?d ?v ?a WHERE {{ ?d ck:claim ?c . ?c rdf:object ?v ; prov:wasDerivedFrom ?a }}"""):
        slug = row["d"].value.rsplit("/", 1)[-1]
        found.setdefault(slug, set()).add((row["a"].value.rsplit("/", 1)[-1], row["v"].value))
    return found


def _literal(term: str):
    from kg.triples import literal_parts
    text, lang, datatype = literal_parts(term)
    return ox.Literal(text, language=lang) if lang else ox.Literal(text, datatype=ox.NamedNode(datatype) if datatype else None)


def test_one_article_stating_two_sums_is_one_account():
    dataset = _dataset({"a": _funding("a", "x", "x-6", 6000000, "GBP", "over £6 million")
                        + _funding("a", "x", "x-9", 9000000, "GBP", "£9 million")})
    assert _found(dataset) == {}


def test_two_articles_disagreeing_on_a_sum():
    dataset = _dataset({"a": _funding("a", "x", "x-6", 6000000, "GBP", "£6 million"),
                        "b": _funding("b", "x", "x-9", 9000000, "GBP", "£9 million")})
    assert _found(dataset) == {"agreement-x-amount-gbp": {("a", "6000000"), ("b", "9000000")}}


def test_a_restatement_in_another_currency_is_never_compared():
    dataset = _dataset({
        "a": _funding("a", "x", "x-eur", 50000000, "EUR", "€50m (roughly £43m)",
                      "; ck:statedEquivalent id:funding\\/x-gbp ")
        + _funding("a", "x", "x-gbp", 43000000, "GBP", "€50m (roughly £43m)"),
        "b": _funding("b", "x", "x-eur", 50000000, "EUR", "€50 million")})
    assert _found(dataset) == {}


def test_a_part_and_the_total_are_different_sums():
    """An article giving a deal's £8m for one item and another its £54m total are not at odds
    (policy: max-ratio 2 for money)."""
    dataset = _dataset({"a": _funding("a", "x", "x-8", 8000000, "GBP", "£8m for a new centre"),
                        "b": _funding("b", "x", "x-54", 54000000, "GBP", "the £54m deal")})
    assert _found(dataset) == {}


def test_periods_of_a_schedule_are_compared_only_with_the_same_period():
    dataset = _dataset({
        "a": _funding("a", "x", "x-141", 141000000, "GBP", "£141m in 2023-24", '; ck:dateText "2023-24" '),
        "b": _funding("b", "x", "x-191", 191000000, "GBP", "£191m in 2024-25", '; ck:dateText "2024-25" ')})
    assert _found(dataset) == {}


def _event(stem, slug, day, parties=(), quote=None):
    party = "".join(f" ; ck:party id:person\\/{p}" for p in parties)
    people = "".join(f'id:person\\/{p} a ck:Person ; ck:role "Home Secretary" ; ck:country "GB" .\n'
                     for p in parties)
    return (f'id:agreement\\/{slug} a ck:Agreement ; ck:date "{day}"^^xsd:date{party} .\n' + people
            + _evidence(stem, f"agreement\\/{slug}", quote or f"signed on {int(day[-2:])} March"))


def test_two_nodes_a_day_apart_with_one_party_are_one_occasion_dated_twice():
    dataset = _dataset({"a": _event("a", "d10", "2026-03-10", ["mahmood"]),
                        "b": _event("b", "d11", "2026-03-11", ["mahmood"])})
    assert _found(dataset) == {"agreement-d10-date": {("a", "2026-03-10"), ("b", "2026-03-11")}}


def test_events_an_article_names_together_or_far_apart_or_unrelated_are_two():
    together = _event("a", "d10", "2026-03-10", ["mahmood"]) + _event("a", "d11", "2026-03-11", ["mahmood"])
    assert _found(_dataset({"a": together, "b": _event("b", "d11", "2026-03-11", ["mahmood"])})) == {}
    apart = {"a": _event("a", "d10", "2026-03-10", ["mahmood"]), "b": _event("b", "d20", "2026-03-20", ["mahmood"])}
    assert _found(_dataset(apart)) == {}
    unrelated = {"a": _event("a", "d10", "2026-03-10", ["mahmood"]), "b": _event("b", "d11", "2026-03-11", ["cooper"])}
    assert "agreement-d10-date" not in _found(_dataset(unrelated))


def test_two_holders_of_one_office_named_by_different_articles():
    dataset = _dataset({"a": _event("a", "d10", "2026-03-10", ["mahmood"], "Mahmood signed on 10 March"),
                        "b": _event("b", "d10", "2026-03-10", ["cooper"], "Cooper signed on 10 March")})
    assert _found(dataset) == {"agreement-d10-party-home-secretary-gb": {
        ("a", f"{ID}person/mahmood"), ("b", f"{ID}person/cooper")}}


def test_parties_of_different_offices_or_named_together_agree():
    prime_minister = 'id:person\\/sunak a ck:Person ; ck:role "Prime Minister" ; ck:country "GB" .\n'
    dataset = _dataset({"a": _event("a", "d10", "2026-03-10", ["mahmood"]),
                        "b": _event("b", "d10", "2026-03-10").replace(" .\n", " ; ck:party id:person\\/sunak .\n", 1)
                        + prime_minister})
    assert _found(dataset) == {}
    both = _event("a", "d10", "2026-03-10", ["mahmood", "cooper"])
    assert _found(_dataset({"a": both, "b": _event("b", "d10", "2026-03-10", ["cooper"])})) == {}


def test_a_bad_policy_file_names_what_is_missing(tmp_path):
    broken = tmp_path / "disagreements.yaml"
    text = project.DISAGREEMENTS_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace("window-days:", "window:"), encoding="utf-8")
    with pytest.raises(InputError, match="window-days"):
        disagreement_policy.load(broken)


# --------------------------------------------------------------------------- the articles, end to end


def _build(tmp_path_factory, folders):
    seeds_dir = tmp_path_factory.mktemp("sources-seeds")
    for folder in folders:
        for path in folder.glob("*.txt"):
            shutil.copy(path, seeds_dir)
    out = tmp_path_factory.mktemp("sources-build") / "build"
    result = run_build(seeds_dir, out)
    assert result.conforms, result.violations_text()
    return load_store(out, union_default=True)[0]


@pytest.fixture(scope="module")
def english(sources_build):
    assert len(list(SOURCES.glob("*.txt"))) >= 5
    return load_store(sources_build, union_default=True)[0]


CLAIMS = f"""PREFIX ck: <{CK}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?d ?p ?v ?subject ?predicate ?a ?q WHERE {{
  GRAPH <{BASE}graph/disagreements> {{ ?d ck:onProperty ?p ; ck:claim ?c .
    ?c rdf:object ?v ; rdf:subject ?subject ; rdf:predicate ?predicate ; prov:wasDerivedFrom ?a ; ck:evidence ?e }}
  ?e ck:quote ?q ; ck:source ?a }}"""


def _claims(store) -> dict[str, dict]:
    found = {}
    for row in store.query(CLAIMS):
        entry = found.setdefault(row["d"].value.rsplit("/", 1)[-1], {"property": row["p"].value, "claims": set(),
                                                                      "quotes": []})
        value = row["v"].value
        if row["predicate"].value == CK + "disputes":
            value = "the dispute"
        elif value.startswith(ID):
            value = value.rsplit("/", 1)[-1]
        elif value.startswith(CK):
            value = "ck:" + value[len(CK):]
        entry["claims"].add((row["a"].value.rsplit("/", 1)[-1], value))
        entry["quotes"].append((row["v"].value, row["q"].value, row["predicate"].value))
    return found


def _expected(french: bool) -> dict[str, dict]:
    expected = {}
    for item in EXPECTED["disagreements"]:
        claims = item["claims"] + (item.get("french", []) if french else [])
        values = {(article, str(value) if not isinstance(value, Decimal) else format(value, "f")) for article, value in claims}
        expected[item["id"]] = {"property": CK + item["property"].split(":")[1], "claims": values}
    return expected


def test_every_disagreement_a_reader_finds_and_no_other(english):
    found = _claims(english)
    assert {d: (v["property"], v["claims"]) for d, v in found.items()} == {
        d: (v["property"], v["claims"]) for d, v in _expected(french=False).items()}


def test_each_claim_cites_a_quote_of_its_article_that_states_the_figure(english):
    for slug, found in _claims(english).items():
        for value, quote, predicate in found["quotes"]:
            if predicate in (CK + "amount", CK + "value"):
                assert holds(quote, Decimal(value)), (slug, value, quote)


@pytest.mark.skipif(not FRENCH_PACK.is_dir(), reason="the French language pack (mappings/rules/fr/) is not here yet")
def test_french_articles_join_the_same_disagreements_and_raise_no_alarm(tmp_path_factory):
    store = _build(tmp_path_factory, [SOURCES, SOURCES / "fr"])
    found = _claims(store)
    assert {d: v["claims"] for d, v in found.items()} == {d: v["claims"] for d, v in _expected(french=True).items()}


def test_the_readme_example_is_the_real_output(english):
    """README, "When sources disagree": the worked example's rows are what the build gives."""
    readme = (project.ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ kg query --build-dir build-sources", 1)[1].split("```", 1)[0]
    shown = {tuple(line.split()[:3]) for line in block.splitlines()
             if line.startswith(("rdf:", "ck:")) and not line.startswith("ck:quote")}
    names = {"https://w3id.org/channel-kg/ontology#": "ck:", ID: "id:",
             "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:"}

    def short(value: str) -> str:
        for iri, prefix in names.items():
            if value.startswith(iri):
                return prefix + value[len(iri):]
        return value
    query = f"""PREFIX ck: <{CK}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?p ?v ?a WHERE {{ GRAPH <{BASE}graph/disagreements> {{ ?c rdf:predicate ?p ; rdf:object ?v ;
            prov:wasDerivedFrom ?a }} }}"""
    real = {(short(r["p"].value), short(r["v"].value), short(r["a"].value)) for r in english.query(query)}
    assert len(shown) == 17 and shown == real
