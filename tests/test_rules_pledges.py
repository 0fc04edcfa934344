"""Pledges: commitments typed by the scheme's labels, and the words that make a clause one."""

from rdflib import Graph
from rdflib.namespace import RDF

from kg.namespaces import CK, PT
from rules_helpers import LEAD, mapped


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


def test_talks_on_a_measure_are_not_a_pledge(vocab):
    graph = mapped(LEAD + "The two countries signed a deal on Thursday to share intelligence. The minister will travel "
                   "to Paris this week for talks on returns.\n", vocab)
    types = {str(graph.value(p, CK.pledgeType)).rsplit("/", 1)[-1] for p in graph.subjects(RDF.type, CK.Pledge)}
    assert "intelligence-sharing" in types and "returns" not in types
