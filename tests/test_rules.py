"""Unit tests of the rule families: dates, money, people, statistics, pledges, rule files."""

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg import iris, ontology
from kg.errors import InputError
from kg.map_rules import load_rules, map_article
from kg.namespaces import CK, EXTERNAL_GRAPH, ID, MS, PT, RULE
from kg.rules import dates, money
from kg.rules.loader import DEFAULT_RULES_DIR
from kg.seeds import Article

RULES = load_rules()


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return ontology.load_ontology() + ontology.load_vocab()


def mapped(text: str, vocab: Graph, stem: str = "test") -> Graph:
    return map_article(Article(stem, Path(f"{stem}.txt"), text), vocab)


def first_date(text: str, anchor: date | None) -> dates.DateMention:
    found = dates.find_dates(text, 0, len(text), RULES, anchor)
    assert found, text
    return found[0]


# ---------------------------------------------------------------- dates

TUESDAY_16_NOV_2021 = date(2021, 11, 16)


@pytest.mark.parametrize("words, anchor, expected", [
    ("They met yesterday evening in Paris.", date(2019, 8, 30), date(2019, 8, 29)),
    ("The two ministers spoke last night.", TUESDAY_16_NOV_2021, date(2021, 11, 15)),
    ("Javid spoke with Castaner on Friday (7 June).", date(2019, 6, 10), date(2019, 6, 7)),
    ("The agreement was signed on Monday morning.", TUESDAY_16_NOV_2021, date(2021, 11, 15)),
    ("It was signed today (Tuesday 20 July).", date(2021, 7, 20), date(2021, 7, 20)),
    ("And 1,185 people reached the UK on Thursday.", TUESDAY_16_NOV_2021, date(2021, 11, 11)),
])
def test_relative_days_resolve_against_publication(words, anchor, expected):
    mention = first_date(words, anchor)
    assert mention.day == expected


def test_last_week_is_the_week_before_publication():
    mention = first_date("A record was set last week.", TUESDAY_16_NOV_2021)
    assert (mention.precision, mention.value, mention.last_day) == ("week", date(2021, 11, 8), date(2021, 11, 14))


def test_in_january_is_the_latest_january_before_publication():
    assert first_date("The plan agreed in January.", date(2019, 8, 30)).value == date(2019, 1, 1)
    assert first_date("The plan agreed in December.", date(2019, 8, 30)).value == date(2018, 12, 1)


def test_since_the_start_of_a_year_starts_a_period():
    mention = first_date("65 prosecutions since the start of 2020.", None)
    assert (mention.role, mention.value) == ("since", date(2020, 1, 1))


@pytest.mark.parametrize("words", ["They met yesterday evening.", "Signed on Monday morning.",
                                   "The plan agreed in January.", "It was signed last week."])
def test_without_a_publication_date_relative_dates_stay_unresolved(words):
    mention = first_date(words, None)
    assert mention.value is None and mention.day is None
    assert mention.text in words


def test_an_undated_article_keeps_only_the_date_words(vocab):
    graph = mapped("The Home Secretary and French Interior Minister Gérald Darmanin met "
                   "yesterday evening and signed an agreement.\n", vocab)
    meetings = list(graph.subjects(RDF.type, CK.Meeting))
    assert meetings and graph.value(meetings[0], CK.date) is None
    assert str(graph.value(meetings[0], CK.dateText)) == "yesterday evening"


@pytest.mark.parametrize("dateline, expected", [
    ("07:46, 16 November 2021", "2021-11-16T07:46:00"),
    ("10 Jun 2019 01:43 PM", "2019-06-10T13:43:00"),
    ("Mar 3, 2020 / 10:15 AM GMT", "2020-03-03T10:15:00+00:00"),
    ("2020-03-03", "2020-03-03"),
    ("3 March 2020", "2020-03-03"),
    ("Published: Tuesday 3 March 2020", "2020-03-03"),
    ("Issued on: 24/11/2021 - 21:45", "2021-11-24T21:45:00"),
    ("03/04/2020", "2020-04-03"),  # day first, as British and French pages print it
    ("PUBLISHED: 22:31 BST, 12 July 2020 | UPDATED: 08:12 BST, 13 July 2020", "2020-07-12T22:31:00+01:00"),
    ("Published on March 11, 2023, at 10:40 am (Paris)", "2023-03-11T10:40:00"),
    ("14 November 2022 • 7:00am", "2022-11-14T07:00:00"),
    ("Updated 17:05, 4 Dec 2023 | Published 16:20, 4 Dec 2023", "2023-12-04T16:20:00"),
])
def test_publication_datelines(dateline, expected, vocab):
    graph = mapped(f"UK and France agree new plan on crossings\n{dateline}\n\nThe ministers met.\n", vocab)
    issued = graph.value(iris.article("test"), DCTERMS.issued)
    assert str(issued) == expected
    assert str(graph.value(iris.article("test"), DCTERMS.title)) == "UK and France agree new plan on crossings"


def test_markdown_heading_is_the_title_and_no_dateline_means_no_issued(vocab):
    graph = mapped("## Britain and France to strengthen joint action\n\nThe Home Secretary met her counterpart.\n", vocab)
    assert str(graph.value(iris.article("test"), DCTERMS.title)) == "Britain and France to strengthen joint action"
    assert graph.value(iris.article("test"), DCTERMS.issued) is None


def test_one_occasion_gets_one_label_however_an_article_dates_it(vocab):
    """The label says the date as far as it is known, not the words that printed it, so two
    articles naming one agreement agree on its name; undated words stay in the label."""
    today = mapped("UK and France sign deal\n7 April 2020\n\nHome Secretary Priti Patel and French Interior "
                   "Minister Christophe Castaner signed an agreement today (Tuesday 7 April).\n", vocab, "a")
    dated = mapped("UK and France sign deal\n9 April 2020\n\nHome Secretary Priti Patel and French Interior "
                   "Minister Christophe Castaner signed an agreement on 7 April 2020.\n", vocab, "b")
    agreement = iris.thing("agreement", "2020-04-07-uk-france-agreement")
    assert str(today.value(agreement, RDFS.label)) == str(dated.value(agreement, RDFS.label)) \
        == "UK–France agreement of 7 April 2020"
    undated = mapped("The Home Secretary and French Interior Minister Gérald Darmanin met yesterday evening.\n", vocab)
    [meeting] = undated.subjects(RDF.type, CK.Meeting)
    assert str(undated.value(meeting, RDFS.label)) == "UK–France meeting (yesterday evening)"


# ---------------------------------------------------------------- money

def payments(text: str) -> list[money.Payment]:
    return money.payments(text, 0, len(text), RULES)


@pytest.mark.parametrize("text, amount, currency", [
    ("a further investment of €62.7m", Decimal("62700000"), "EUR"),
    ("over £6 million investment", Decimal("6000000"), "GBP"),
    ("a £1.2bn package", Decimal("1200000000"), "GBP"),
    ("half a billion pounds", Decimal("500000000"), "GBP"),
    ("$88 million", Decimal("88000000"), "USD"),
    ("80 million euros", Decimal("80000000"), "EUR"),
])
def test_amounts_in_whole_units(text, amount, currency):
    [payment] = payments(text)
    assert (payment.amounts[0].value, payment.amounts[0].currency) == (amount, currency)


@pytest.mark.parametrize("text, second", [
    ("The UK will pay €50m (roughly £43m) this year.", (Decimal("43000000"), "GBP")),
    ("80 million euros ($88 million) for patrols", (Decimal("88000000"), "USD")),
])
def test_a_restated_amount_is_the_same_payment(text, second):
    [payment] = payments(text)
    assert len(payment.amounts) == 2
    assert (payment.amounts[1].value, payment.amounts[1].currency) == second


def test_a_schedule_is_one_payment_per_year():
    found = payments("Britain will pay £141m in 2023-24, £191m in 2024-25 and £209m in 2025-26.")
    assert [(p.amounts[0].value, p.period) for p in found] == [
        (Decimal("141000000"), "2023-24"), (Decimal("191000000"), "2024-25"), (Decimal("209000000"), "2025-26")]


def test_who_pays_whom_when_the_sentence_says_so(vocab):
    graph = mapped("The UK will pay France £54m to fund more patrols.\n", vocab)
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert graph.value(funding, CK.funder) == iris.organisation("uk-government")
    assert graph.value(funding, CK.recipient) == iris.organisation("french-government")


def test_payer_with_a_decimal_amount_between(vocab):
    graph = mapped("The UK has pledged to make a further financial investment of €62.7m to support "
                   "France's efforts.\n", vocab)
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert graph.value(funding, CK.funder) == iris.organisation("uk-government")
    assert graph.value(funding, CK.recipient) == iris.organisation("french-government")


def test_stated_equivalents_are_linked_funding_nodes(vocab):
    graph = mapped("Britain will give Paris €50m (roughly £43m) for patrols.\n", vocab)
    fundings = list(graph.subjects(RDF.type, CK.Funding))
    assert len(fundings) == 2
    assert (fundings[0], CK.statedEquivalent, fundings[1]) in graph


def test_money_without_a_figure_is_not_funding(vocab):
    graph = mapped("The government has agreed to pay France millions of pounds.\n", vocab)
    assert not list(graph.subjects(RDF.type, CK.Funding))


# ---------------------------------------------------------------- people

def roles(graph: Graph) -> dict:
    return {str(p).rsplit("/", 1)[-1]: str(r) for p, r in graph.subject_objects(CK.role)}


def test_titles_names_and_surnames_link_to_one_person(vocab):
    graph = mapped("Prime Minister Rishi Sunak met French President Emmanuel Macron in Paris.\n"
                   "Mr Sunak said the deal was good. Ms Smith disagreed.\n", vocab)
    assert roles(graph) == {"rishi-sunak": "Prime Minister", "emmanuel-macron": "President"}
    sunak = iris.person("Rishi Sunak")
    assert len(set(graph.objects(sunak, CK.evidence))) == 2  # the full name and "Mr Sunak"
    assert iris.person("Smith") not in set(graph.subjects(RDF.type, CK.Person))


def test_accents_and_case_are_ignored_when_linking(vocab):
    graph = mapped("French interior minister Gerald Darmanin spoke.\n"
                   "Prime Minister RIshi Sunak agreed. Gérald Darmanin agreed too.\n", vocab)
    persons = set(graph.subjects(RDF.type, CK.Person))
    assert iris.person("gerald-darmanin") in persons and iris.person("rishi-sunak") in persons
    assert len(persons) == 2
    assert str(graph.value(iris.person("rishi-sunak"), CK.country)) == "GB"
    assert {str(l) for l in graph.objects(iris.person("rishi-sunak"), RDFS.label)} == {"Rishi Sunak"}


def test_roles_with_organisations(vocab):
    graph = mapped("Enver Solomon, CEO of the Refugee Council, said the deal would not work.\n"
                   "Bridget Chapman from Kent Refugee Action Network said: \"It is wrong.\"\n", vocab)
    assert roles(graph) == {"enver-solomon": "Chief Executive Officer"}
    assert (iris.person("enver-solomon"), CK.memberOf, iris.organisation("refugee-council")) in graph
    assert (iris.person("bridget-chapman"), CK.memberOf, iris.organisation("kent-refugee-action-network")) in graph


def test_a_courtesy_title_is_not_part_of_the_name(vocab):
    graph = mapped("Deal\n10 July 2025\n\nSir Keir Starmer and Emmanuel Macron have agreed a deal.\n"
                   "Mr Macron said it was fair. Sir Keir said it would work. Dame Ann Brown spoke.\n", vocab)
    persons = set(graph.subjects(RDF.type, CK.Person))
    assert persons == {iris.person("keir-starmer"), iris.person("emmanuel-macron"), iris.person("ann-brown")}
    # "Emmanuel Macron" is a person's name because the article calls him "Mr Macron"
    assert len(set(graph.objects(iris.person("emmanuel-macron"), CK.evidence))) == 2
    assert len(set(graph.objects(iris.person("keir-starmer"), CK.evidence))) == 2  # "Sir Keir": a first name


def test_a_full_name_without_a_title_office_or_given_name_is_not_a_person(vocab):
    # "Darmanin Castaner": no given name opens it (a bare "Emmanuel Macron" is a person: see
    # the given-name tests at the end)
    graph = mapped("Deal\n10 July 2025\n\nDarmanin Castaner agreed. Since May, crossings rose.\n", vocab)
    assert not set(graph.subjects(RDF.type, CK.Person))


def test_a_counterpart_in_apposition(vocab):
    graph = mapped("Calais deal\n20 August 2015\n\nTheresa May, the Home Secretary, and Bernard Cazeneuve, her "
                   "French counterpart, signed the deal in Calais on Thursday.\nMr Cazeneuve said it would help.\n", vocab)
    cazeneuve = iris.person("bernard-cazeneuve")
    assert str(graph.value(cazeneuve, CK.country)) == "FR"
    assert graph.value(cazeneuve, CK.role) is None  # which office is not said
    assert len(set(graph.objects(cazeneuve, CK.evidence))) == 2
    agreement = next(graph.subjects(RDF.type, CK.Agreement))
    assert {iris.person("theresa-may"), cazeneuve} <= set(graph.objects(agreement, CK.party))


def test_organisations_by_the_word_that_ends_their_name(vocab):
    graph = mapped("Calais\n20 August 2015\n\nThe Freight Transport Association said hauliers lost money. "
                   "Eurotunnel said its staff were busy.\n"
                   "Yesterday the National Union of Journalists said so, and Kent County Council agreed.\n", vocab)
    organisations = set(graph.subjects(RDF.type, CK.Organisation))
    assert {iris.organisation(slug) for slug in ("freight-transport-association", "eurotunnel",
                                                 "national-union-of-journalists", "kent-county-council")} <= organisations
    assert str(graph.value(iris.organisation("eurotunnel"), CK.country)) == "FR"
    assert not set(graph.subjects(RDF.type, CK.Person))  # not "National Union" of "Journalists"
    evidence = graph.value(iris.organisation("freight-transport-association"), CK.evidence)
    assert str(graph.value(evidence, CK.quote)) == "Freight Transport Association"  # without "The"


# ---------------------------------------------------------------- statistics

def statistics(graph: Graph) -> set:
    return {(str(graph.value(s, CK.measure)).rsplit("/", 1)[-1], graph.value(s, CK.value).toPython())
            for s in graph.subjects(RDF.type, CK.Statistic)}


def test_counts_with_measure_qualifier_and_date(vocab):
    graph = mapped("Britain and France met\n16 November 2021\n\n"
                   "It was revealed almost 700 asylum seekers were intercepted or rescued on Wednesday.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.measure) == MS["people-intercepted"]
    assert graph.value(stat, CK.value).toPython() == Decimal(700)
    assert str(graph.value(stat, CK.qualifier)) == "less than"
    assert graph.value(stat, CK.date).toPython() == date(2021, 11, 10)


def test_percentages_ratios_and_years(vocab):
    graph = mapped("Refugees make up 0.26% of the UK population.\n"
                   "France accepts three times more asylum claims than the UK.\n"
                   "There were 65 small boat related prosecutions totalling over 53 years in custodial sentences.\n", vocab)
    assert statistics(graph) == {("refugee-population-share", Decimal("0.26")), ("asylum-claims", Decimal(3)),
                                 ("prosecutions", Decimal(65)), ("custodial-sentence-years", Decimal(53))}
    units = {str(u) for u in graph.objects(None, CK.unit)}
    assert units == {"percent", "ratio", "years"}


def test_numbers_that_are_not_statistics(vocab):
    graph = mapped("Leaders met at the G20 on 20 July 2021 for the 2nd time; 24/7 patrols crossed the Channel.\n"
                   "The UK pledged to prevent 100% of crossings.\n"
                   "Read more: 1,000 patients were arrested in hospitals\n", vocab)
    assert statistics(graph) == set()


def test_a_repeated_figure_is_one_statistic_with_the_most_precise_date(vocab):
    graph = mapped("Ministers spoke\n16 November 2021\n\n1,185 people reached the UK via the Channel last week.\n"
                   "And 1,185 people reached the UK on Thursday.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert stat == iris.thing("statistic", "people-crossing-1185-2021-11-11")


# ---------------------------------------------------------------- pledges and events

def pledge_types(graph: Graph) -> set:
    return {str(t).rsplit("/", 1)[-1] for t in graph.objects(None, CK.pledgeType)}


def test_pledges_are_typed_by_the_scheme_labels(vocab):
    graph = mapped("Home Secretary Priti Patel and French Interior Minister Gérald Darmanin spoke last night.\n"
                   "They agreed to strengthen operational cooperation and reinforce intelligence sharing.\n"
                   "They discussed additional technical solutions to tackle organised crime groups.\n"
                   "Enver Solomon, CEO of the Refugee Council, called for safe routes.\n", vocab)
    assert pledge_types(graph) == {"operational-cooperation", "intelligence-sharing"}
    [agreement] = graph.subjects(RDF.type, CK.Agreement)
    assert {graph.value(p, CK.pledgeType) for p in graph.objects(agreement, CK.hasPledge)} == {
        PT["operational-cooperation"], PT["intelligence-sharing"]}


def test_the_sentence_that_names_a_plan_belongs_to_that_plan(vocab):
    graph = mapped("UK and France ministers met\n29 August 2019\n\nPriti Patel met French Interior Minister "
                   "Christophe Castaner yesterday evening and they agreed to increase intelligence gathering.\n"
                   "Today's meeting follows the joint action plan agreed by the UK and France in January.\n"
                   "The plan included over £6 million investment in new security equipment and CCTV coverage.\n", vocab)
    plan = iris.thing("agreement", "2019-01-uk-france-joint-action-plan")
    assert {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(plan, CK.hasPledge)} == {
        "security-equipment", "cctv"}
    assert (plan, CK.hasFunding, iris.thing("funding", "2019-01-uk-france-joint-action-plan-6000000-gbp")) in graph
    meeting = iris.thing("meeting", "2019-08-28-uk-france-meeting")
    assert graph.value(meeting, CK.date) == Literal(date(2019, 8, 28))


# ---------------------------------------------------------------- rule files

def test_a_bad_rule_file_names_file_and_line(tmp_path):
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    path = rules_dir / "dates.yaml"
    text = path.read_text(encoding="utf-8").replace("resolve: relative-day\n    days: -1", "resolve: sometime\n    days: -1")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_rules(rules_dir)
    assert error.value.path == path
    assert error.value.line is not None and "resolve: sometime" in text.splitlines()[error.value.line - 1]


def test_a_rule_file_that_is_not_yaml(tmp_path):
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    (rules_dir / "money.yaml").write_text("family: money\nrules: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_rules(rules_dir)


# ---------------------------------------------------------------- the external publication day

def with_issued(vocab: Graph, stem: str, day: str) -> Graph:
    """The lexicon as the build gives it for an article that prints no date but whose
    publication day the external graph records."""
    lexicon = Graph()
    lexicon += vocab
    lexicon.add((iris.article(stem), DCTERMS.issued, Literal(day, datatype=XSD.date)))
    return lexicon


UNDATED = ("Priti Patel met French Interior Minister Christophe Castaner in Paris yesterday evening "
           "and they agreed to increase intelligence gathering.\n\n"
           "Since January, the UK has returned over 65 migrants who arrived illegally in small boats.\n")


def test_an_undated_article_is_anchored_on_the_external_publication_day(vocab):
    graph = mapped(UNDATED, with_issued(vocab, "undated", "2019-08-30"), stem="undated")
    meeting = iris.thing("meeting", "2019-08-29-uk-france-meeting")
    assert graph.value(meeting, CK.date) == Literal("2019-08-29", datatype=XSD.date)
    assert str(graph.value(meeting, CK.dateText)) == "yesterday evening"  # the words stay
    assert (iris.thing("agreement", "2019-08-29-uk-france-agreement"), RDF.type, CK.Agreement) in graph
    # The external day is never written as the article's publication date ...
    assert graph.value(iris.article("undated"), DCTERMS.issued) is None
    # ... and the graph says where the anchor came from: evidence on the date words names the
    # rule, and the rule mapping used the external graph.
    [date_evidence] = [e for e in graph.objects(meeting, CK.evidence) if str(graph.value(e, CK.quote)) == "yesterday evening"]
    assert (date_evidence, CK.rule, RULE["date-anchor-external"]) in graph
    assert (RULE["date-anchor-external"], RDF.type, PROV.Plan) in graph
    assert (ID["activity/rules-undated"], PROV.used, EXTERNAL_GRAPH) in graph
    # A statistic whose day rests on outside knowledge keeps the article's name, as curators do.
    stat = iris.thing("statistic", "people-returned-65-undated")
    assert graph.value(stat, CK.date) == Literal("2019-08-30", datatype=XSD.date)
    assert graph.value(stat, CK.periodStart) == Literal("2019-01-01", datatype=XSD.date)


def test_a_printed_dateline_wins_over_the_external_day(vocab):
    text = "UK and France ministers meet in Paris\n29 August 2019\n\n" + UNDATED
    graph = mapped(text, with_issued(vocab, "dated", "2020-01-01"), stem="dated")
    assert (iris.thing("meeting", "2019-08-28-uk-france-meeting"), RDF.type, CK.Meeting) in graph
    assert str(graph.value(iris.article("dated"), DCTERMS.issued)) == "2019-08-29"
    assert (ID["activity/rules-dated"], PROV.used, EXTERNAL_GRAPH) not in graph
    assert (None, CK.rule, RULE["date-anchor-external"]) not in graph


def test_with_neither_date_relative_dates_stay_unresolved(vocab):
    graph = mapped(UNDATED, vocab, stem="undated")
    meetings = list(graph.subjects(RDF.type, CK.Meeting))
    assert meetings and graph.value(meetings[0], CK.date) is None
    assert str(meetings[0]).endswith("/undated-uk-france-meeting")


def test_a_possessive_day_points_at_the_reported_meeting(vocab):
    """A release written on the day and published the next says "yesterday evening" and
    "Today's meeting" of one meeting."""
    text = UNDATED + "\nToday's meeting follows the joint action plan agreed by the UK and France in January.\n"
    graph = mapped(text, with_issued(vocab, "undated", "2019-08-30"), stem="undated")
    assert set(graph.subjects(RDF.type, CK.Meeting)) == {iris.thing("meeting", "2019-08-29-uk-france-meeting")}


# ---------------------------------------------------------------- provenance: ck:rule

def test_every_rule_named_in_the_output_is_a_plan_of_the_rule_files(vocab):
    graph = mapped(UNDATED + "\nRefugee Action said the plan was doomed to fail.\n",
                   with_issued(vocab, "undated", "2019-08-30"), stem="undated")
    ids = {rule.id for family in RULES.families.values() for rule in family.rules}
    named = set(graph.objects(None, CK.rule))
    assert named
    for rule in named:
        assert (rule, RDF.type, PROV.Plan) in graph
        assert str(rule).removeprefix(str(RULE)) in ids, rule


# ---------------------------------------------------------------- disputes

def disputes(graph: Graph) -> dict:
    """speaker slug -> set of disputed slugs."""
    return {str(graph.value(d, CK.speaker)).rsplit("/", 1)[-1]:
            {str(x).rsplit("/", 1)[-1] for x in graph.objects(d, CK.disputes)}
            for d in graph.subjects(RDF.type, CK.Dispute)}


DEAL = ("UK and France sign new deal on small boats\n14 November 2022\n\n"
        "Home Secretary Suella Braverman and French Interior Minister Gerald Darmanin signed the deal on Monday. "
        "Under the agreement, British officers will be placed in French control rooms and the two countries "
        "pledged to make this route unviable.\n\n"
        "More than 40,000 people have crossed the Channel in small boats so far this year.\n\n")


GOAL = "2022-11-14-uk-france-agreement-prevent-crossings"  # the deal's pledge "to make this route unviable"


@pytest.mark.parametrize("words, speaker, also", [
    ("Enver Solomon, CEO of the Refugee Council, claimed the deal will \"do little to end the crossings\".",
     "enver-solomon", {GOAL}),
    ("Labour said the plan was a gimmick that would not stop the boats.", "labour-party", {GOAL}),
    ("Amnesty International criticised the agreement.", "amnesty-international", set()),
    ("Shadow home secretary Yvette Cooper dismissed the deal.", "yvette-cooper", set()),
    ("Clare Moseley, founder of Care4Calais, warned that the new deal would not work.", "clare-moseley", set()),
    ("Care4Calais said the plan was \"doomed to fail\".", "care4calais", set()),
])
def test_critics_dispute_the_deal(words, speaker, also, vocab):
    graph = mapped(DEAL + words + "\n", vocab)
    assert disputes(graph) == {speaker: {"2022-11-14-uk-france-agreement"} | also}
    [statement] = graph.subjects(RDF.type, CK.Dispute)
    assert (statement, RDF.type, CK.Statement) in graph
    start = int(str(statement).rsplit("-", 1)[-1])
    assert statement == iris.thing("statement", f"test-{start}")
    assert start >= DEAL.index("More than") + 60  # in the critic's paragraph, not before it


def test_a_dispute_of_a_figure_and_of_a_pledge(vocab):
    graph = mapped(DEAL + 'Bridget Chapman from Kent Refugee Action Network said: "Although I see the claim that '
                   'record numbers are crossing, this is simply not true. The Home Secretary declares she will make '
                   'this route unviable."\n', vocab)
    assert disputes(graph) == {"bridget-chapman": {"people-crossing-40000-2022-11-14",
                                                   "2022-11-14-uk-france-agreement-prevent-crossings"}}


@pytest.mark.parametrize("words", [
    "The Home Secretary said critics who dismissed the deal were wrong.",      # a government speaker
    "A Home Office spokesperson said the claim that it would not work is simply not true.",
    "Campaigners said the plan was doomed to fail.",                          # no one named to say it
    "Enver Solomon, CEO of the Refugee Council, called for safe routes.",     # a proposal, not a dispute
])
def test_no_dispute(words, vocab):
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {}


def test_a_quotation_goes_on_disputing_what_it_began_with(vocab):
    graph = mapped(DEAL + "Enver Solomon, CEO of the Refugee Council, claimed the deal would do little to end "
                   "the crossings.\n\n\u201cIt is a global issue which will not be resolved by enforcement alone,\u201d "
                   "he said.\n", vocab)
    first, second = sorted(graph.subjects(RDF.type, CK.Dispute), key=lambda s: int(str(s).rsplit("-", 1)[-1]))
    assert {str(x).rsplit("/", 1)[-1] for x in graph.objects(first, CK.disputes)} == {"2022-11-14-uk-france-agreement", GOAL}
    assert set(graph.objects(second, CK.disputes)) == set(graph.objects(first, CK.disputes))


@pytest.mark.parametrize("words, speaker, disputed", [
    ('Conservative leader Kemi Badenoch said the deal was "humiliating".', "kemi-badenoch", {"2022-11-14-uk-france-agreement"}),
    ("The Freight Transport Association said the measures came too late for hauliers.",
     "freight-transport-association", {"2022-11-14-uk-france-agreement"}),
    ("Refugee Action said the plan was too little, too late.", "refugee-action", {"2022-11-14-uk-france-agreement"}),
    ('"How many more people must die before the UK and France open safe routes?" said Clare Moseley, founder of '
     'Care4Calais.', "clare-moseley", set()),
])
def test_derision_lateness_and_rhetorical_questions_dispute(words, speaker, disputed, vocab):
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {speaker: disputed}


def test_what_the_deal_is_said_to_do_is_said_of_the_deal(vocab):
    """A pledge label in words that name the deal is disputed only where the contesting words are
    said of it ("will do little to end the crossings"), not where it describes the deal."""
    graph = mapped(DEAL + 'Conservative leader Kemi Badenoch said the deal was "humiliating" and would make '
                   "this route unviable only on paper.\n", vocab)
    assert disputes(graph) == {"kemi-badenoch": {"2022-11-14-uk-france-agreement"}}


def test_a_closing_attribution_is_not_the_speakers_words(vocab):
    words = '"How many more people must die before the UK and France open safe routes?"'
    graph = mapped(DEAL + words + " said Clare Moseley, founder of Care4Calais.\n", vocab)
    statement = next(graph.subjects(RDF.type, CK.Dispute))
    assert {str(graph.value(e, CK.quote)) for e in graph.objects(statement, CK.evidence)} == {words.strip('"')}
    assert (iris.person("clare-moseley"), CK.memberOf, iris.organisation("care4calais")) in graph


# ---------------------------------------------------------------- pledge precision

def test_broad_types_need_words_that_commit(vocab):
    graph = mapped("UK and France sign deal\n20 July 2021\n\nThe two ministers signed an agreement today. "
                   "New cutting-edge technology will identify where crossings are being attempted, directing "
                   "French law enforcement officers to those locations.\n", vocab)
    assert pledge_types(graph) == {"smart-border"}  # technology directing officers to attempts: not policing, not surveillance in general


def test_a_goal_after_a_measure_is_its_purpose(vocab):
    graph = mapped("Ministers agree\n30 August 2019\n\nThe Home Secretary and her French counterpart have agreed "
                   "to intensify joint action to tackle small boat crossings in the Channel.\n", vocab)
    assert pledge_types(graph) == {"cooperation"}


def test_a_goal_pledged_in_so_many_words_is_a_pledge(vocab):
    graph = mapped("Ministers agree\n16 November 2021\n\nIn a joint statement, Britain and France both pledged to "
                   "prevent 100% of crossings and to strengthen operational cooperation further.\n", vocab)
    assert pledge_types(graph) == {"prevent-crossings", "operational-cooperation"}


def test_a_broad_and_a_narrower_type_as_two_items_of_a_list(vocab):
    graph = mapped("Ministers agree\n20 July 2021\n\nBoth nations agreed to implement a long-term plan for a smart "
                   "border along the coast and improve existing surveillance technology. They also agreed "
                   "investment in infrastructure to increase border security.\n", vocab)
    assert pledge_types(graph) == {"smart-border", "surveillance-technology", "border-infrastructure"}


def test_a_label_with_an_inserted_word_but_not_a_determiner(vocab):
    graph = mapped("Ministers agree\n24 January 2019\n\nThe ministers agreed to increase patrols on French beaches. "
                   "They agreed a plan to help prevent these crossings.\n", vocab)
    assert pledge_types(graph) == {"beach-patrols"}


# ---------------------------------------------------------------- statistics and money in news copy

def test_a_comparison_dates_each_side(vocab):
    graph = mapped("Crossings rise\n12 December 2024\n\nMore than 33,000 people have crossed the Channel in small "
                   "boats so far this year, up from 29,437 in the whole of 2023.\n", vocab)
    stats = {graph.value(s, CK.value).toPython(): s for s in graph.subjects(RDF.type, CK.Statistic)}
    assert graph.value(stats[Decimal(33000)], CK.periodStart) == Literal("2024-01-01", datatype=XSD.date)
    assert graph.value(stats[Decimal(33000)], CK.date) == Literal("2024-12-12", datatype=XSD.date)
    assert graph.value(stats[Decimal(29437)], CK.date) == Literal("2023-12-31", datatype=XSD.date)
    assert graph.value(stats[Decimal(29437)], CK.periodStart) is None


def test_a_count_of_this_year_runs_to_publication(vocab):
    graph = mapped("Deaths\n12 December 2024\n\nAt least 70 people have died trying to make the crossing this year.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.date) == Literal("2024-12-12", datatype=XSD.date)
    assert graph.value(stat, CK.periodStart) == Literal("2024-01-01", datatype=XSD.date)


def test_date_words_broken_across_lines():
    """Hard-wrapped press copy breaks "so far this year" anywhere."""
    mention = first_date("crossings so far\nthis year than in 2020", date(2021, 7, 20))
    assert (mention.role, mention.value) == ("since", date(2021, 1, 1))


def test_a_baseline_date_does_not_date_the_figure(vocab):
    graph = mapped("Ministers agree\n20 July 2021\n\nFrance prevented twice as many crossings so far this year "
                   "than in the same period in 2020.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.periodStart) == Literal("2021-01-01", datatype=XSD.date)
    assert graph.value(stat, CK.date) == Literal("2021-07-20", datatype=XSD.date)


def test_a_yearly_sum(vocab):
    [payment] = payments("The UK will pay £40 million a year towards French policing.")
    assert (payment.amounts[0].value, payment.period) == (Decimal("40000000"), "a year")


# ---------------------------------------------------------------- occasions the lead does not date

LEAD = "Leaders agree a returns deal\nThursday 10 July 2025 18:32 BST\n\n"


def agreements(graph: Graph) -> dict:
    return {str(a).rsplit("/", 1)[-1]: graph.value(a, CK.date) for a in graph.subjects(RDF.type, CK.Agreement)}


def test_an_undated_lead_takes_the_day_the_next_sentence_names(vocab):
    graph = mapped(LEAD + "Prime Minister Keir Starmer and French President Emmanuel Macron have agreed a "
                   "landmark deal on returns. The pilot was announced at a press conference on Thursday.\n", vocab)
    assert agreements(graph) == {"2025-07-10-uk-france-agreement": Literal(date(2025, 7, 10))}


def test_an_older_deal_named_later_neither_dates_the_news_nor_takes_its_money(vocab):
    graph = mapped(LEAD + "Prime Minister Keir Starmer and French President Emmanuel Macron have agreed a "
                   "landmark deal on returns.\n\nBritain has already agreed to pay France £476m over three "
                   "years under a deal struck in 2023.\n", vocab)
    news = iris.thing("agreement", "2025-07-10-uk-france-agreement")
    older = iris.thing("agreement", "test-2023-uk-france-agreement")
    assert graph.value(news, CK.date) is None  # nothing dates it: not the 2023 words either
    [funding] = graph.subjects(RDF.type, CK.Funding)
    assert (older, CK.hasFunding, funding) in graph and (news, CK.hasFunding, funding) not in graph


def test_a_sum_dated_by_its_own_words_is_not_the_deals(vocab):
    graph = mapped("Ministers sign Calais deal\n20 Aug 2015, 12:21pm\n\n"
                   "Home Secretary Theresa May signed the deal in Calais on Thursday. Under the agreement, Britain "
                   "will pay £7 million over two years, on top of the £12 million already committed last year.\n", vocab)
    deal = iris.thing("agreement", "2015-08-20-uk-france-agreement")
    amounts = {graph.value(f, CK.amount).toPython(): f for f in graph.objects(deal, CK.hasFunding)}
    assert set(amounts) == {Decimal(7000000)}
    # "Britain will pay £7 million": who pays, though no recipient is named
    assert graph.value(amounts[Decimal(7000000)], CK.funder) == iris.organisation("uk-government")


def test_a_call_in_words_without_names_is_the_reported_occasion(vocab):
    graph = mapped("Leaders agree to step up efforts\nIssued on: 24/11/2021 - 21:45\n\n"
                   "French President Emmanuel Macron and Prime Minister Boris Johnson agreed on Wednesday evening "
                   "to step up efforts to stop the crossings. The two leaders spoke by phone.\n", vocab)
    call = iris.thing("meeting", "2021-11-24-uk-france-call")
    assert graph.value(call, CK.date) == Literal(date(2021, 11, 24))
    assert set(graph.objects(call, CK.party)) == {iris.person("emmanuel-macron"), iris.person("boris-johnson")}
    assert graph.value(call, CK.outcome) == iris.thing("agreement", "2021-11-24-uk-france-agreement")


def test_a_meeting_only_planned_is_not_an_occasion(vocab):
    graph = mapped(LEAD + "The two countries signed a deal on Thursday. A meeting of the Calais Group will be "
                   "scheduled as soon as possible.\n", vocab)
    assert not list(graph.subjects(RDF.type, CK.Meeting))


def stat_of(graph: Graph, value) -> object:
    [stat] = [s for s in graph.subjects(RDF.type, CK.Statistic) if graph.value(s, CK.value).toPython() == Decimal(value)]
    return stat


@pytest.mark.parametrize("comparison", [
    "a rise of around 50 per cent on the same period in 2024",
    "three times the total for the whole of 2024",
    "twice the number in 2024",
    "compared with 4,000 in 2024",
    "down on last year",
    "a fall from 6,000 in 2024",
])
def test_the_other_side_of_a_comparison_does_not_date_the_count(comparison, vocab):
    graph = mapped(f"Crossings\n10 July 2025\n\nMore than 5,000 people have crossed the Channel so far this year, "
                   f"{comparison}, Home Office figures show.\n", vocab)
    stat = stat_of(graph, 5000)
    assert graph.value(stat, CK.periodStart) == Literal("2025-01-01", datatype=XSD.date)
    assert graph.value(stat, CK.date) == Literal("2025-07-10", datatype=XSD.date)


def test_a_ratio_that_is_the_comparison_runs_over_the_counts_period(vocab):
    graph = mapped("Crossings\n24 November 2021\n\nMore than 25,700 people have crossed the Channel in small boats "
                   "so far this year, three times the total for the whole of 2020.\n", vocab)
    ratio = stat_of(graph, 3)
    assert str(graph.value(ratio, CK.unit)) == "ratio"
    assert graph.value(ratio, CK.date) == Literal("2021-11-24", datatype=XSD.date)
    assert Decimal(2020) not in {v for _, v in statistics(graph)}


def test_a_measure_label_does_not_reach_into_another_clause(vocab):
    graph = mapped("Calais\n20 August 2015\n\nBorder Force said its staff had intercepted 37,000 migrants since January, "
                   "and around 3,000 migrants are living in makeshift camps around Calais.\n"
                   "Officers intercepted 500 people on Monday, and 300 on Tuesday.\n", vocab)
    assert statistics(graph) == {("people-intercepted", Decimal(37000)), ("people-intercepted", Decimal(500)),
                                 ("people-intercepted", Decimal(300))}
    assert graph.value(stat_of(graph, 37000), CK.periodStart) == Literal("2015-01-01", datatype=XSD.date)
    assert graph.value(stat_of(graph, 300), CK.date) == Literal("2015-08-18", datatype=XSD.date)


def test_who_asserts_a_figure(vocab):
    graph = mapped("Returns\n10 July 2025\n\nMore than 21,000 people have crossed the Channel so far this year, "
                   "Home Office figures show.\n"
                   "Downing Street said 120 people had been returned to France.\n"
                   "Around 50 people a week are expected to be returned under the scheme, according to reports, "
                   "although Downing Street refused to confirm the figure.\n"
                   "Some 40 migrants were sent back, according to reports; the Home Office declined to comment.\n", vocab)
    asserted = {graph.value(s, CK.value).toPython(): set(graph.objects(s, CK.assertedBy))
                for s in graph.subjects(RDF.type, CK.Statistic)}
    assert asserted[Decimal(21000)] == {iris.organisation("home-office")}
    assert asserted[Decimal(120)] == {iris.organisation("prime-ministers-office")}
    assert asserted[Decimal(50)] == set()
    assert asserted[Decimal(40)] == set()


def test_figures_named_with_an_organisation_are_its_own(vocab):
    graph = mapped("Crossings\n10 July 2025\n\nAccording to Home Office data, 1,200 people crossed the Channel "
                   "last week, a rise of 1,000 people on the same week in 2024.\n", vocab)
    stat = stat_of(graph, 1200)
    assert set(graph.objects(stat, CK.assertedBy)) == {iris.organisation("home-office")}
    assert graph.value(stat, CK.date) == Literal("2025-07-06", datatype=XSD.date)
    rules = {r for e in graph.objects(stat, CK.evidence) for r in graph.objects(e, CK.rule)}
    assert RULE["statistic-source-figures"] in rules


# ---------------------------------------------------------------- occasions: round two of the blind check

def test_agreeing_the_plan_with_a_counterpart_is_an_agreement(vocab):
    graph = mapped("Ministers agree plan\n12 July 2020\n\nHome Secretary Priti Patel agreed the plan with French "
                   "Interior Minister Gerald Darmanin in a phone call this afternoon.\n", vocab)
    agreement = iris.thing("agreement", "2020-07-12-uk-france-agreement")
    assert graph.value(iris.thing("meeting", "2020-07-12-uk-france-call"), CK.outcome) == agreement
    assert graph.value(agreement, CK.date) == Literal(date(2020, 7, 12))


def test_an_article_without_an_agreement_of_its_own_gives_commitments_to_the_one_it_names(vocab):
    graph = mapped("Minister threatens to withhold cash\nSeptember 9, 2021 4:15 pm\n\nThe money is part of a €62.7 "
                   "million package that Britain agreed to pay France in July to double the number of police officers "
                   "patrolling French beaches.\n", vocab)
    assert set(graph.subjects(RDF.type, CK.Agreement)) == {iris.thing("agreement", "2021-07-uk-france-agreement")}
    july = iris.thing("agreement", "2021-07-uk-france-agreement")
    assert PT["beach-patrols"] in {graph.value(p, CK.pledgeType) for p in graph.objects(july, CK.hasPledge)}
    assert graph.value(july, CK.date) is None  # "in July" is not the day of publication


def test_an_agreement_named_by_an_old_date_first_is_not_the_news(vocab):
    """The first occasion an article names is the one it reports, unless its date words are well
    before publication: then a call reported later is the news, and what it agreed is its own."""
    graph = mapped("Minister threatens to withhold cash\nSeptember 9, 2021 4:15 pm\n\nBritain agreed in July to pay "
                   "France €62.7m to double the number of police officers patrolling French beaches.\n\nHome "
                   "Secretary Priti Patel and French Interior Minister Gerald Darmanin spoke by phone on Monday and "
                   "agreed to share intelligence.\n", vocab)
    monday = iris.thing("agreement", "2021-09-06-uk-france-agreement")
    types = {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(monday, CK.hasPledge)}
    assert "intelligence-sharing" in types
    assert graph.value(iris.thing("meeting", "2021-09-06-uk-france-call"), CK.outcome) == monday


def test_talks_on_a_measure_are_not_a_pledge(vocab):
    graph = mapped(LEAD + "The two countries signed a deal on Thursday to share intelligence. The minister will travel "
                   "to Paris this week for talks on returns.\n", vocab)
    types = {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.subjects(RDF.type, CK.Pledge)}
    assert "intelligence-sharing" in types and "returns" not in types


# ---------------------------------------------------------------- people, organisations, disputes: blind check three

def known_people(vocab: Graph, *people: tuple[str, str, str]) -> Graph:
    """The vocabulary plus persons the curated graph knows by name, ck:role and ck:country."""
    graph = Graph() + vocab
    for name, role, country in people:
        iri = iris.person(name)
        graph.add((iri, RDF.type, CK.Person))
        graph.add((iri, RDFS.label, Literal(name)))
        graph.add((iri, CK.role, Literal(role)))
        graph.add((iri, CK.country, Literal(country)))
    return graph


PATEL = ("Priti Patel", "Home Secretary", "GB")
CALL = ("Patel agrees plan\n12 July 2020\n\nBritain and France will set up a joint intelligence cell, Priti Patel "
        "announced tonight.\n\nThe Home Secretary agreed the plan with her new French counterpart Gerald Darmanin "
        "in a phone call this afternoon.\n")


def test_an_office_is_the_one_person_the_graph_knows_holds_it(vocab):
    graph = mapped(CALL, known_people(vocab, PATEL))
    patel = iris.person("priti-patel")
    assert (patel, CK.role, Literal("Home Secretary")) in graph
    assert (patel, CK.country, Literal("GB")) in graph
    assert (patel, CK.memberOf, iris.organisation("home-office")) in graph
    call = iris.thing("meeting", "2020-07-12-uk-france-call")
    assert {patel, iris.person("gerald-darmanin")} <= set(graph.objects(call, CK.party))
    assert Literal("Home Secretary") not in set(graph.objects(call, CK.partyRole))


@pytest.mark.parametrize("text, people", [
    (CALL.replace("Priti Patel announced", "Priti Patel and Sajid Javid announced"),
     [PATEL, ("Sajid Javid", "Home Secretary", "GB")]),           # two known holders named: neither
    (CALL.replace("The Home Secretary", "A former Home Secretary"), [PATEL]),  # not said definitely
    (CALL.replace("Priti Patel announced tonight", "officials announced tonight") + "\nThe cell follows one "
     "set up by Priti Patel in 2019.\n", [PATEL]),                # a known role of someone named only later
])
def test_an_office_is_nobody_unless_one_known_holder_is_named_before(text, people, vocab):
    graph = mapped(text, known_people(vocab, *people))
    assert (iris.person("priti-patel"), CK.role, None) not in graph


def organisation_slugs(graph: Graph) -> set:
    return {str(o).rsplit("/", 1)[-1] for o in graph.subjects(RDF.type, CK.Organisation)}


def test_a_nationality_or_a_generic_word_is_no_organisation(vocab):
    graph = mapped(LEAD + "The deal was signed on Thursday, according to British media reports. Crossings fell, "
                   "according to French authorities, and rose, according to Government sources.\n", vocab)
    assert not organisation_slugs(graph) & {"british", "french", "government", "french-authorities"}


@pytest.mark.parametrize("words, slug, country", [
    ("The people were on board 27 boats, the MoD said.", "ministry-of-defence", "GB"),
    ("A record 1,295 people crossed, according to the Ministry of Defence.", "ministry-of-defence", "GB"),
    ("Place Beauvau said more officers would patrol the beaches.", "french-interior-ministry", "FR"),
    ("Matignon said the talks went well.", "french-prime-ministers-office", "FR"),
])
def test_government_offices_by_their_short_names(words, slug, country, vocab):
    graph = mapped(LEAD + words + "\n", vocab)
    assert (iris.organisation(slug), CK.country, Literal(country)) in graph


def test_policies_said_to_be_failing_are_disputed(vocab):
    words = 'Enver Solomon, chief executive of the Refugee Council, said the government\'s policies were "failing".'
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {"enver-solomon": set()}
    words = "Enver Solomon, chief executive of the Refugee Council, said failed asylum seekers were held in hotels."
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {}


def test_a_gimmick_pushing_people_into_danger_disputes_the_plan(vocab):
    words = ("Bella Sankey, director of Detention Action, said the plan was 'yet another gimmick' that would push "
             "people into more dangerous routes.")
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {"bella-sankey": {"2022-11-14-uk-france-agreement"}}


# ---------------------------------------------------------------- statistics: comparisons, records, news day

def stat_nodes(graph: Graph) -> dict:
    return {(str(graph.value(s, CK.measure)).rsplit("/", 1)[-1], graph.value(s, CK.value).toPython()): s
            for s in graph.subjects(RDF.type, CK.Statistic)}


def test_a_baseline_figure_takes_the_measure_it_is_compared_with(vocab):
    graph = mapped("Crossings\n9 September 2021\n\nMore than 14,000 people have crossed the Channel in small boats "
                   "so far this year, according to a PA news agency count, compared with 8,417 in the whole of 2020.\n",
                   vocab)
    node = stat_nodes(graph)[("people-crossing", Decimal(8417))]
    assert graph.value(node, CK.date) == Literal("2020-12-31", datatype=XSD.date)
    assert graph.value(node, CK.periodStart) is None


def test_a_number_from_another_sentence_is_not_compared(vocab):
    graph = mapped("Crossings\n9 September 2021\n\n785 people crossed the Channel on Monday.\n"
                   "Officials compared with 12 other countries.\n", vocab)
    assert statistics(graph) == {("people-crossing", Decimal(785))}


def test_a_previous_record_takes_the_measure_of_the_figure_before(vocab):
    graph = mapped("Record\n22 August 2022\n\nA record 1,295 people crossed the English Channel in small boats on "
                   "Monday.\n\nIt is the highest number recorded on a single day since figures began in 2018, beating "
                   "the previous record of 1,185 set in November last year.\n", vocab)
    assert statistics(graph) == {("people-crossing", Decimal(1295)), ("people-crossing", Decimal(1185))}


@pytest.mark.parametrize("words, measure", [
    ("The people were on board 27 boats, the MoD said.", "boats-crossing"),
    ("French police said 27 boats were intercepted.", "boats-intercepted"),  # a label still wins
])
def test_boats_counted_with_no_label(words, measure, vocab):
    graph = mapped("Record\n22 August 2022\n\nA record 1,295 people crossed the Channel on Monday.\n\n"
                   "The previous record was set in November last year.\n\n" + words + "\n", vocab)
    node = stat_nodes(graph)[(measure, Decimal(27))]
    if measure == "boats-crossing":  # an undated count of the news takes the news day of the lead figure
        assert graph.value(node, CK.date) == Literal("2022-08-22", datatype=XSD.date)


def test_an_undated_figure_of_another_kind_or_an_old_day_takes_no_news_day(vocab):
    graph = mapped("Deaths\n22 August 2022\n\n1,295 people crossed the Channel on 1 June 2022.\n\n"
                   "Some 27 boats were seen.\n\nRefugees make up 0.26% of the UK population.\n", vocab)
    nodes = stat_nodes(graph)
    assert graph.value(nodes[("boats-crossing", Decimal(27))], CK.date) is None  # 1 June is not the news week
    assert graph.value(nodes[("refugee-population-share", Decimal("0.26"))], CK.date) is None


@pytest.mark.parametrize("words, found", [
    ("Britain agreed to pay France in July to double the number of police officers patrolling French beaches.", set()),
    ("The deal aims to increase the number of officers by 40%.", set()),
    ("The deal will see the number of police patrolling French beaches more than double.", {("officer-increase", 2)}),
    ("The number of officers is expected to double.", {("officer-increase", 2)}),  # a forecast, not a purpose
])
def test_an_infinitive_of_purpose_is_a_target(words, found, vocab):
    graph = mapped("Deal\n9 September 2021\n\n" + words + "\n", vocab)
    assert statistics(graph) == {(m, Decimal(v)) for m, v in found}


def test_a_clause_with_its_own_past_tense_verb_keeps_its_own_date(vocab):
    graph = mapped("Cell\n12 July 2020\n\nMore than 1,900 migrants crossed the Channel in June alone, and 180 "
                   "arrived on a single day last week.\n", vocab)
    node = stat_nodes(graph)[("people-crossing", Decimal(180))]
    assert graph.value(node, CK.dateText) == Literal("last week")


# ---------------------------------------------------------------- people, organisations, disputes: blind check four

def person_facts(graph: Graph, slug: str) -> dict:
    iri = iris.person(slug)
    return {"roles": {str(r) for r in graph.objects(iri, CK.role)}, "country": graph.value(iri, CK.country),
            "member-of": {str(o).rsplit("/", 1)[-1] for o in graph.objects(iri, CK.memberOf)}}


def test_a_counterpart_named_by_office_and_whose_counterpart_it_is(vocab):
    graph = mapped("Visit\n4 December 2023\n\nInterior Minister Gérald Darmanin received his British counterpart, "
                   "Home Secretary James Cleverly, at Place Beauvau on Monday.\n\nMr Cleverly said talks went well.\n",
                   vocab)
    cleverly, darmanin = person_facts(graph, "james-cleverly"), person_facts(graph, "gerald-darmanin")
    assert cleverly["roles"] == {"Home Secretary"} and cleverly["country"] == Literal("GB")
    assert darmanin["country"] == Literal("FR")  # whose British counterpart it is: French
    assert "french-interior-ministry" in darmanin["member-of"]


def test_an_organisation_before_an_office_and_a_name(vocab):
    graph = mapped(LEAD + "Kent County Council leader Roger Gough said services were at breaking point. "
                   "Dover MP Natalie Elphicke said more was needed.\n", vocab)
    assert person_facts(graph, "roger-gough")["member-of"] == {"kent-county-council"}
    assert person_facts(graph, "natalie-elphicke")["member-of"] == set()  # a place is no organisation


NAMED_BEFORE = ("Crossings\n4 August 2023\n\nBorder Force officers intercepted 430 people crossing the Channel "
                "yesterday.\n\nIn July 2021, Home Secretary Priti Patel and French Interior Minister Gérald Darmanin "
                "agreed that the UK would pay France £54 million to double the police patrolling French beaches.\n\n")


@pytest.mark.parametrize("words, found", [
    ("Dover MP Natalie Elphicke said the plan had failed and that France must do more.",
     {"natalie-elphicke": {"2021-07-uk-france-agreement"}}),    # the agreement named last before
    ("Kent County Council leader Roger Gough said services were \"at breaking point\" and called for a "
     "national rota.", {}),
    ("Dover MP Natalie Elphicke said failed asylum seekers were housed in hotels.", {}),
])
def test_a_deal_that_had_failed_in_an_article_reporting_no_agreement(words, found, vocab):
    assert disputes(mapped(NAMED_BEFORE + words + "\n", vocab)) == found


@pytest.mark.parametrize("words", [
    'Conservative MP Marco Longhi told the Commons on Monday that the UK had "given France half a billion pounds '
    'and got nothing in return".',
    "Conservative MP Marco Longhi said the UK had paid France millions with nothing to show for it.",
])
def test_money_for_nothing_in_return_is_disputed(words, vocab):
    text = LEAD + words + " This is misleading.\n\nThe claim is not true.\n"  # no speaker: no dispute
    assert disputes(mapped(text, vocab)) == {"marco-longhi": set()}


# ---------------------------------------------------------------- statistics: the governing verb, the counted noun, the opening date

def stat_facts(text: str, vocab) -> dict:
    """(measure, value) -> (ck:date, ck:periodStart, ck:assertedBy slug) of each statistic."""
    graph = mapped(text, vocab)
    def slug(node):
        return str(node).rsplit("/", 1)[-1] if node is not None else None
    return {key: (slug(graph.value(s, CK.date)), slug(graph.value(s, CK.periodStart)), slug(graph.value(s, CK.assertedBy)))
            for key, s in stat_nodes(graph).items()}


@pytest.mark.parametrize("words, measure", [
    ("Border Force officers intercepted 430 people crossing the Channel in small boats.", "people-intercepted"),
    ("French police returned 430 migrants who had crossed the Channel.", "people-returned"),
    ("430 people crossed the Channel and were intercepted.", "people-crossing"),  # no verb before the figure
    ("French police seized 430 boats on the beaches.", "boats-intercepted"),       # the verb with its object
])
def test_the_verb_before_a_figure_says_what_it_counts(words, measure, vocab):
    assert statistics(mapped("Crossings\n4 August 2021\n\n" + words + "\n", vocab)) == {(measure, Decimal(430))}


def test_the_counted_noun_beats_a_label_elsewhere_and_takes_the_news_day_and_its_source(vocab):
    facts = stat_facts("Crossings\n4 August 2021\n\nBorder Force officers intercepted 430 people yesterday.\n\n"
                       "The migrants were brought ashore at Dover in 21 boats, the Home Office confirmed.\n", vocab)
    # The day's interceptions and the boats they came in are one news: the boats take its day.
    assert facts[("boats-crossing", Decimal(21))] == ("2021-08-03", None, "home-office")


def test_a_name_before_confirmed_does_not_vouch_when_it_declines(vocab):
    facts = stat_facts("Crossings\n4 August 2021\n\nDowning Street said it would not confirm that 300 people "
                       "were intercepted.\n", vocab)
    assert facts[("people-intercepted", Decimal(300))][2] is None


@pytest.mark.parametrize("words", [
    "Since 1 January, French forces have prevented more than 24,000 crossings and dismantled 62 smuggling networks.",
    "Since 1 January, French forces have prevented 24,000 crossings, and police have dismantled 62 smuggling networks.",
])
def test_a_date_opening_the_sentence_dates_each_clause(words, vocab):
    """Another figure's qualifier ("more than 24,000") is no comparison that makes the date a baseline."""
    facts = stat_facts("Talks\n4 December 2023\n\n" + words + "\n", vocab)
    assert facts[("crossings-prevented", Decimal(24000))][:2] == ("2023-12-04", "2023-01-01")
    assert facts[("crime-groups-disrupted", Decimal(62))][:2] == ("2023-12-04", "2023-01-01")


# ---------------------------------------------------------------- occasions and money: round three of the blind check

FACT_CHECK = "How much has the UK paid France?\nPublished: 14 March 2023\n\n"


def fundings(graph: Graph) -> dict:
    return {graph.value(f, CK.amount).toPython(): {str(a).rsplit("/", 1)[-1] for a in graph.subjects(CK.hasFunding, f)}
            for f in graph.subjects(RDF.type, CK.Funding)}


def test_a_claim_under_test_and_a_critics_sum_are_not_payments(vocab):
    graph = mapped(FACT_CHECK + "What was claimed\nThe UK has given France half a billion pounds.\n\n"
                   "Conservative MP Marco Longhi said the UK had given France half a billion pounds and got nothing "
                   "in return.\n\nIn July 2021, the UK agreed to pay €62.7 million.\n", vocab)
    assert set(fundings(graph)) == {Decimal("62700000")}


def test_a_date_that_opens_the_sentence_dates_its_verb_and_each_sum_its_own(vocab):
    graph = mapped(FACT_CHECK + "Ministers met in Paris on Friday. In July 2021, the UK agreed to pay €62.7 million, "
                   "and in November 2020 it committed £28.2 million.\n", vocab)
    assert fundings(graph) == {Decimal("62700000"): {"2021-07-uk-france-agreement"}, Decimal("28200000"): set()}


def test_last_weeks_summit_and_the_day_it_was_held_are_one_occasion(vocab):
    graph = mapped(FACT_CHECK + "The UK agreed to pay France about £480 million at last week's summit.\n\n"
                   "At the summit in Paris on 10 March, Prime Minister Rishi Sunak and French President Emmanuel "
                   "Macron agreed a package worth €541 million.\n", vocab)
    assert set(graph.subjects(RDF.type, CK.Meeting)) == {iris.thing("meeting", "2023-03-10-uk-france-summit")}
    agreement = iris.thing("agreement", "2023-03-10-uk-france-agreement")  # "agreed a package": no document named
    assert fundings(graph) == {Decimal("480000000"): {agreement.rsplit("/", 1)[-1]}, Decimal("541000000"): {agreement.rsplit("/", 1)[-1]}}


def test_a_minister_who_receives_a_counterpart_holds_a_meeting(vocab):
    graph = mapped("Minister receives counterpart\nMonday 4 December 2023\n\nInterior Minister Gérald Darmanin "
                   "received his British counterpart, Home Secretary James Cleverly, on Monday 4 December 2023. "
                   "They agreed to deploy new surveillance drones.\n\nSince 1 January, French forces have prevented "
                   "more than 24,000 crossings.\n", vocab)
    meeting = iris.thing("meeting", "2023-12-04-uk-france-meeting")
    assert graph.value(meeting, CK.outcome) == iris.thing("agreement", "2023-12-04-uk-france-agreement")
    [statistic] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(statistic, CK.periodStart) == Literal(date(2023, 1, 1))  # "Since 1 January": a period


# ---------------------------------------------------------------- statistics: attempts, extra officers, sources

@pytest.mark.parametrize("words", [
    "Around 539 people attempted to reach the UK in small boats in 2018.",
    "Around 539 migrants tried to cross the Channel in 2018.",
    "Those who tried to reach the UK in small boats in 2018 numbered around 539.",  # the label holds "reach the UK"
])
def test_attempts_to_cross_or_reach_are_attempts_not_arrivals(words, vocab):
    graph = mapped("Title\n2 January 2019\n\n" + words + "\n", vocab)
    assert statistics(graph) == {("crossing-attempts", Decimal(539))}


def test_died_trying_to_cross_still_counts_deaths(vocab):
    graph = mapped("Title\n2 January 2019\n\nIn 2018, 12 people died trying to cross the Channel.\n", vocab)
    assert statistics(graph) == {("deaths", Decimal(12))}


@pytest.mark.parametrize("words", [
    "the deployment of 500 additional French police and gendarmes on the coast",
    "500 extra gendarmes on the beaches",
    "500 more police officers on the coast",
])
def test_additional_police_or_gendarmes_are_an_increase_in_officers(words, vocab):
    graph = mapped("Title\n11 March 2023\n\nThe UK would finance " + words + ".\n", vocab)
    assert statistics(graph) == {("officer-increase", Decimal(500))}


def test_according_to_government_figures_names_who_asserts(vocab):
    graph = mapped("Title\n11 March 2023\n\nNearly 46,000 people crossed the Channel in small boats last year, "
                   "according to UK Government figures.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert graph.value(stat, CK.assertedBy) == ID["organisation/uk-government"]
    assert graph.value(stat, CK.date) == Literal(date(2022, 12, 31))


# ---------------------------------------------------------------- people, organisations, disputes: blind check five

SUNAK = ("Rishi Sunak", "Prime Minister", "GB")
PARIS = "Deal sealed\n11 March 2023\n\n"


@pytest.mark.parametrize("words", [
    "Emmanuel Macron and Rishi Sunak agreed in Paris on Friday that the UK would finance a detention centre.",
    "Rishi Sunak and Emmanuel Macron have agreed in Paris on Friday that the UK would finance a detention centre.",
])
def test_a_full_name_joined_to_a_known_person_by_a_joint_verb_is_a_person(words, vocab):
    graph = mapped(PARIS + words + "\n", known_people(vocab, SUNAK))
    macron = iris.person("emmanuel-macron")
    assert (macron, RDF.type, CK.Person) in graph
    assert (macron, CK.role, None) not in graph  # no office printed, none invented
    [agreement] = graph.subjects(RDF.type, CK.Agreement)
    assert macron in set(graph.objects(agreement, CK.party))


@pytest.mark.parametrize("words", [
    # names no given name opens (a bare "Emmanuel Macron" is a person by his first name)
    "Narendra Modi and Ngozi Okonjo agreed in Paris on Friday.",            # neither is known
    "Narendra Modi and Rishi Sunak's officials agreed in Paris on Friday.",  # no joint verb
])
def test_a_coordinated_name_needs_a_known_partner_and_a_joint_verb(words, vocab):
    graph = mapped(PARIS + words + "\n", known_people(vocab, SUNAK))
    assert (iris.person("narendra-modi"), RDF.type, CK.Person) not in graph


def test_an_office_of_an_organisation_is_that_organisations_not_the_governments(vocab):
    graph = mapped(PARIS + "Emmanuel Macron and Rishi Sunak agreed a deal on Friday.\n\nThe French president said "
                   "it was good.\n\nJordan Bardella, president of the Rassemblement National, said it was cruel.\n",
                   known_people(vocab, SUNAK))
    bardella = person_facts(graph, "jordan-bardella")
    assert bardella["roles"] == {"President of Rassemblement National"}  # never "the French president"
    assert bardella["member-of"] == {"rassemblement-national"}
    assert (iris.person("jordan-bardella"), RDF.type, CK.Minister) not in graph
    assert "jordan-bardella" in disputes(graph)  # outside the governments, so a critic


def test_a_government_office_of_a_country_is_that_countrys_government(vocab):
    graph = mapped(PARIS + "Jean Castex, Prime Minister of France, said the deal was good.\n", vocab)
    castex = person_facts(graph, "jean-castex")
    assert castex["roles"] == {"Prime Minister"} and castex["country"] == Literal("FR")
    assert castex["member-of"] == {"french-government"}


@pytest.mark.parametrize("words, expected", [
    ("Crossings rose, according to British government figures.", {"uk-government"}),
    ("The French government said crossings fell.", {"french-government"}),
    ("The UK government said crossings fell.", {"uk-government"}),
    ("Crossings rose, according to British media reports.", set()),
])
def test_a_nationality_and_government_is_that_government(words, expected, vocab):
    assert organisation_slugs(mapped(PARIS + words + "\n", vocab)) == expected


@pytest.mark.parametrize("words", [
    'Jordan Bardella, president of the Rassemblement National, said France was being turned into "Britain\'s '
    'border guard" in exchange for cash.',
    "Jordan Bardella, president of the Rassemblement National, denounced the subcontracting of the UK border.",
])
def test_a_paid_border_guard_disputes_the_deal(words, vocab):
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {"jordan-bardella": {"2022-11-14-uk-france-agreement"}}


@pytest.mark.parametrize("words, speaker", [
    ("Charity Help Refugees said the money would be better spent on processing asylum claims.", "help-refugees"),
    ("Choose Love said the money would be better spent on processing asylum claims.", "help-refugees"),
    ("Campaign group Stand Up To Racism said the money would be better spent on safe routes.",
     "stand-up-to-racism"),
])
def test_a_charity_named_after_its_descriptor_disputes(words, speaker, vocab):
    # what the money would be better spent on is wanted, not contested
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {speaker: set()}


def test_an_occasion_still_to_come_is_not_an_event(vocab):
    graph = mapped("Britain to pay for border security\nJanuary 18, 2018 / 6:06 PM\n\nBritain will pay an extra 44.5 "
                   "million pounds, the government said on Thursday, ahead of a summit between Prime Minister Theresa "
                   "May and French President Emmanuel Macron. Officials prepared the agreement, which is expected to be "
                   "signed at the summit.\n", vocab)
    assert not list(graph.subjects(RDF.type, CK.Meeting)) and not list(graph.subjects(RDF.type, CK.Agreement))
    assert list(graph.subjects(RDF.type, CK.Funding))  # the money is still stated


# ---------------------------------------------------------------- statistics: numbers in words

DEATHS_DAY = "Migrants die in the Channel\nApril 23, 2024 / 9:12 AM EDT\n\n"


def test_a_number_in_words_before_people_is_a_count_across_an_aside(vocab):
    # "five" and "died" are parted by an aside; "trying to cross" is further: deaths, not attempts
    graph = mapped(DEATHS_DAY + "At least five people, including a child, died early Tuesday while trying to cross "
                   "the English Channel from northern France in an overcrowded boat, French authorities said.\n", vocab)
    [stat] = graph.subjects(RDF.type, CK.Statistic)
    assert statistics(graph) == {("deaths", Decimal(5))}
    assert str(graph.value(stat, CK.qualifier)) == "more than"
    assert graph.value(stat, CK.date).toPython() == date(2024, 4, 23)  # "early Tuesday", published that Tuesday


@pytest.mark.parametrize("words, expected", [
    ("Police said five suspected smugglers had been arrested overnight.", {("arrests", Decimal(5))}),
    ("Two boats were intercepted off Calais.", {("boats-intercepted", Decimal(2))}),
    ("Three migrants drowned off Wimereux.", {("deaths", Decimal(3))}),
])
def test_numbers_in_words_that_count_people_or_boats(words, expected, vocab):
    assert statistics(mapped(DEATHS_DAY + words + "\n", vocab)) == expected


@pytest.mark.parametrize("words", [
    "The two countries agreed to step up patrols and the two ministers said crossings had fallen.",
    "Britain agreed a three-year deal to stop crossings.",
    "It was the first summit on Channel crossings for five years.",
    "Mr Javid ordered two Border Force cutters to return from the Mediterranean.",
    "Two of the migrants were rescued at sea.",
])
def test_numbers_in_words_that_count_nothing(words, vocab):
    # a determiner before the number, a compound, a span of time, a noun that is not people or
    # boats, a part of a group
    assert statistics(mapped(DEATHS_DAY + words + "\n", vocab)) == set()


def test_people_rescued_count_as_people_intercepted(vocab):
    # the measure counts people "intercepted or rescued"; with no date words of its own the
    # count takes the day of the news it follows
    graph = mapped(DEATHS_DAY + "At least five people died early Tuesday trying to cross the Channel.\n\n"
                   "French rescue boats picked up 47 people from the water off the beach at Wimereux.\n", vocab)
    assert statistics(graph) == {("deaths", Decimal(5)), ("people-intercepted", Decimal(47))}
    [rescued] = [s for s in graph.subjects(RDF.type, CK.Statistic) if graph.value(s, CK.value).toPython() == 47]
    assert graph.value(rescued, CK.date).toPython() == date(2024, 4, 23)


# ---------------------------------------------------------------- round five of the blind check

EXPLAINER = ("What deals have the UK and France agreed?\nPublished 12 March 2023\n\n"
             "November 2020\n- Home Secretary Priti Patel and French Interior Minister Gérald Darmanin agreed to double "
             "the number of officers patrolling French beaches.\n- The UK paid £28.2m.\n\n"
             "March 2023\n- Rishi Sunak and Emmanuel Macron agreed that the UK would pay £478m over three years.\n")


def test_a_heading_dates_the_lines_under_it(vocab):
    graph = mapped(EXPLAINER, vocab)
    november = iris.thing("agreement", "2020-11-uk-france-agreement")
    assert fundings(graph) == {Decimal("28200000"): {"2020-11-uk-france-agreement"},
                               Decimal("478000000"): {"2023-03-uk-france-agreement"}}
    assert {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(november, CK.hasPledge)} == {"beach-patrols"}


def test_agreed_on_a_deal_and_the_full_stops_of_an_abbreviation(vocab):
    graph = mapped("Five migrants die\nApril 23, 2024 / 9:12 AM EDT\n\nBritain and France agreed last year on a three-year "
                   "deal under which the U.K. pays for drones and a new detention center.\n", vocab)
    deal = iris.thing("agreement", "test-2023-uk-france-agreement")
    assert {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.objects(deal, CK.hasPledge)} == {
        "drones", "reception-centres"}


# --- People named by a given name alone ("Boris Johnson", Guardian style, no "Mr") ---------

def _persons(graph: Graph) -> set[str]:
    return {str(p).rsplit("/", 1)[-1] for p in graph.subjects(RDF.type, CK.Person)}


def test_a_bare_full_name_that_opens_with_a_given_name_is_a_person(vocab):
    graph = mapped(PARIS + "France withdrew the invitation after Boris Johnson published a letter to "
                   "Emmanuel Macron on Twitter. Jean-Pierre Raffarin read Boris Johnson’s letter.\n", vocab)
    assert _persons(graph) == {"boris-johnson", "emmanuel-macron", "jean-pierre-raffarin"}
    johnson = iris.person("boris-johnson")
    assert len(set(graph.objects(johnson, CK.evidence))) == 2  # the possessive is the same person
    # found by name only: no office invented, no party
    assert (johnson, CK.role, None) not in graph and (johnson, RDF.type, CK.Minister) not in graph
    assert not set(graph.subjects(CK.party, None))


@pytest.mark.parametrize("words", [
    "Border Force officers said the Home Office and Downing Street agreed.",  # organisations
    "Migrants waited in Le Touquet and on Patrick Henry Street.",              # places
    "Kent Refugee Action Network said so. The Calais Group met.",              # part of an organisation
    "Since January crossings rose, Sky News reported. The Marine Nationale rescued them.",
    "Christian Aid and Hope Not Hate said it was wrong. Victoria Station closed.",
    "Darmanin Castaner agreed.",                                               # no given name opens it
])
def test_no_person_from_capitalised_words_that_name_no_one(words, vocab):
    assert not _persons(mapped(PARIS + words + "\n", vocab))


def test_the_given_name_list_is_read_once():
    from kg.rules.people import given_names
    assert given_names() is given_names()
    assert {"boris", "emmanuel", "keir"} <= given_names() and "darmanin" not in given_names()


def test_a_byline_is_page_furniture_not_a_person_of_the_story(vocab):
    graph = mapped("Patel and Darmanin agree intelligence cell\nBy Jack Doyle, Home Affairs Editor\n12 July 2020\n\n"
                   "Home Secretary Priti Patel agreed the plan with French Interior Minister Gerald Darmanin.\n", vocab)
    assert iris.person("jack-doyle") not in set(graph.subjects(RDF.type, CK.Person))
    assert str(graph.value(iris.article("test"), DCTERMS.issued)) == "2020-07-12"  # the dateline after it still counts


# ---------------------------------------------------------------- round six of the blind check

def test_a_deal_signed_with_its_price_and_a_difference_that_is_no_payment(vocab):
    graph = mapped("Minister signs deal\n14 November 2022 • 7:00am\n\nHome Secretary Suella Braverman has signed a £63 "
                   "million deal with France on Monday. The deal is an increase of about £8 million on last year's "
                   "agreement.\n\nCritics said the deal did not go far enough. Nigel Farage, the former Brexit Party "
                   "leader, said: \"It's a drop in the ocean.\"\n", vocab)
    deal = iris.thing("agreement", "2022-11-14-uk-france-agreement")
    assert fundings(graph) == {Decimal("63000000"): {"2022-11-14-uk-france-agreement"}}
    assert (deal, CK.party, iris.person("suella-braverman")) in graph
    assert disputes(graph) == {"nigel-farage": {"2022-11-14-uk-france-agreement"}}  # what the critics' sentence names


def test_the_people_who_discussed_are_the_meetings_parties(vocab):
    graph = mapped("Talks in Paris\nPublished 16:20, 4 Dec 2023\n\nHome Secretary James Cleverly met his French "
                   "counterpart in Paris today. Mr Cleverly and Gérald Darmanin discussed the next steps.\n", vocab)
    meeting = iris.thing("meeting", "2023-12-04-uk-france-meeting")
    assert set(graph.objects(meeting, CK.party)) == {iris.person("james-cleverly"), iris.person("gerald-darmanin")}
