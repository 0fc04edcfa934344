"""Disputes: critics' words that contest a deal, a pledge or a figure, and words that do not."""

import pytest
from rdflib.namespace import RDF

from kg import iris
from kg.namespaces import CK
from rules_helpers import LEAD, disputes, mapped


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


# ---------------------------------------------------------------- disputes: the blind checks

def test_policies_said_to_be_failing_are_disputed(vocab):
    words = 'Enver Solomon, chief executive of the Refugee Council, said the government\'s policies were "failing".'
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {"enver-solomon": set()}
    words = "Enver Solomon, chief executive of the Refugee Council, said failed asylum seekers were held in hotels."
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {}


def test_a_gimmick_pushing_people_into_danger_disputes_the_plan(vocab):
    words = ("Bella Sankey, director of Detention Action, said the plan was 'yet another gimmick' that would push "
             "people into more dangerous routes.")
    assert disputes(mapped(DEAL + words + "\n", vocab)) == {"bella-sankey": {"2022-11-14-uk-france-agreement"}}


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


# ---------------------------------------------------------------- direct speech: statements (issue 15, 22)

MEETING = LEAD + "Home Secretary James Cleverly met French Interior Minister Gérald Darmanin in Paris on Thursday.\n\n"


def _statements(graph) -> dict:
    """speaker slug -> quotes of its ck:Statements that are no ck:Dispute."""
    found = {}
    for statement in set(graph.subjects(RDF.type, CK.Statement)) - set(graph.subjects(RDF.type, CK.Dispute)):
        speaker = str(graph.value(statement, CK.speaker)).rsplit("/", 1)[-1]
        found.setdefault(speaker, set()).update(str(graph.value(e, CK.quote)) for e in graph.objects(statement, CK.evidence))
    return found


@pytest.mark.parametrize("words", [
    'Cleverly said: "This deal will save lives and break the business model of the gangs."',
    '"This deal will save lives and break the business model of the gangs," said Cleverly.',
    '"This deal will save lives and break the business model of the gangs," Mr Cleverly told reporters.',
])
def test_a_speakers_direct_speech_is_a_statement(words, vocab):
    graph = mapped(MEETING + words + "\n", vocab)
    [quote] = _statements(graph)["james-cleverly"]
    assert quote.startswith("This deal will save lives") and quote.rstrip(",.").endswith("of the gangs")
    assert not list(graph.subjects(RDF.type, CK.Dispute))  # a minister's words dispute nothing


def test_indirect_speech_and_an_unknown_surname_make_no_statement(vocab):
    graph = mapped(MEETING + "Cleverly said the deal would save lives.\n\n"
                   'Smith said: "It is a good day."\n', vocab)
    assert _statements(graph) == {}
    assert (iris.person("Smith"), RDF.type, CK.Person) not in graph  # a bare surname nobody was named by


def test_a_critics_contesting_direct_speech_is_one_dispute_not_also_a_statement(vocab):
    graph = mapped(MEETING + 'Enver Solomon, chief executive of the Refugee Council, said: "This deal will do little '
                   'to end the crossings."\n', vocab)
    assert disputes(graph) and _statements(graph) == {}


def test_the_speaker_is_the_name_outside_the_quotation(vocab):
    graph = mapped(MEETING + 'A Home Office spokesperson said: "The Home Secretary and his counterpart agreed '
                   'to work together."\n', vocab)
    assert set(_statements(graph)) == {"home-office"}
