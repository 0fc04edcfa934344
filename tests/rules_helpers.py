"""What the rule tests (tests/test_rules_*.py) share: the rule files, an article mapped by
the rules, readers of the graph it gives, and texts that more than one family's tests use.

Test modules import it by name (pytest puts tests/ on the path); it is not a test module, so
nothing in it is collected.
"""

from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from kg import iris
from kg.map_rules import load_packs, map_article
from kg.namespaces import CK
from kg.seeds import Article

PACKS = load_packs()
RULES = PACKS["en"]  # the English pack: most tests' articles are English
FRENCH = PACKS["fr"]  # the French pack, for tests/test_rules_fr_*.py


def mapped(text: str, vocab: Graph, stem: str = "test", language: str = "en") -> Graph:
    """The rules graph of an article of this text in `language`, named `stem`."""
    return map_article(Article(stem, Path(f"{stem}.txt"), text, language), vocab)


def disputes(graph: Graph) -> dict:
    """speaker slug -> set of disputed slugs."""
    return {str(graph.value(d, CK.speaker)).rsplit("/", 1)[-1]:
            {str(x).rsplit("/", 1)[-1] for x in graph.objects(d, CK.disputes)}
            for d in graph.subjects(RDF.type, CK.Dispute)}


def fundings(graph: Graph) -> dict:
    """amount -> slugs of the agreements whose funding it is."""
    return {graph.value(f, CK.amount).toPython(): {str(a).rsplit("/", 1)[-1] for a in graph.subjects(CK.hasFunding, f)}
            for f in graph.subjects(RDF.type, CK.Funding)}


def with_issued(vocab: Graph, stem: str, day: str) -> Graph:
    """The lexicon as the build gives it for an article that prints no date but whose
    publication day the external graph records."""
    lexicon = Graph()
    lexicon += vocab
    lexicon.add((iris.article(stem), DCTERMS.issued, Literal(day, datatype=XSD.date)))
    return lexicon


# An article that prints no date: its date words wait for an anchor (see with_issued).
UNDATED = ("Priti Patel met French Interior Minister Christophe Castaner in Paris yesterday evening "
           "and they agreed to increase intelligence gathering.\n\n"
           "Since January, the UK has returned over 65 migrants who arrived illegally in small boats.\n")


# Headlines and datelines that tests put before the sentences they check.
LEAD = "Leaders agree a returns deal\nThursday 10 July 2025 18:32 BST\n\n"
FACT_CHECK = "How much has the UK paid France?\nPublished: 14 March 2023\n\n"
PARIS = "Deal sealed\n11 March 2023\n\n"
