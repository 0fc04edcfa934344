"""An article's metadata: dateline, title and byline, and the external publication day that
anchors the date words of an article that prints no date."""

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg import iris
from kg.namespaces import CK, EXTERNAL_GRAPH, ID, RULE, SCHEMA
from rules_helpers import UNDATED, mapped, with_issued


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
    assert (str(issued), issued.datatype) == (expected[:10], XSD.date)  # always the day, as an xsd:date
    published = graph.value(iris.article("test"), SCHEMA.datePublished)  # the time, when printed
    assert (str(published) if published is not None else None) == (expected if "T" in expected else None)
    assert published is None or published.datatype == XSD.dateTime
    assert str(graph.value(iris.article("test"), DCTERMS.title)) == "UK and France agree new plan on crossings"


def test_markdown_heading_is_the_title_and_no_dateline_means_no_issued(vocab):
    graph = mapped("## Britain and France to strengthen joint action\n\nThe Home Secretary met her counterpart.\n", vocab)
    assert str(graph.value(iris.article("test"), DCTERMS.title)) == "Britain and France to strengthen joint action"
    assert graph.value(iris.article("test"), DCTERMS.issued) is None


def test_a_byline_is_page_furniture_not_a_person_of_the_story(vocab):
    graph = mapped("Patel and Darmanin agree intelligence cell\nBy Jack Doyle, Home Affairs Editor\n12 July 2020\n\n"
                   "Home Secretary Priti Patel agreed the plan with French Interior Minister Gerald Darmanin.\n", vocab)
    assert iris.person("jack-doyle") not in set(graph.subjects(RDF.type, CK.Person))
    assert str(graph.value(iris.article("test"), DCTERMS.issued)) == "2020-07-12"  # the dateline after it still counts


# ---------------------------------------------------------------- the external publication day

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
