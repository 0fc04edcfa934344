"""The words the rule mappings know, read from the concept schemes (ontology/vocab/*.ttl).

Pledges and statistics are phrased with the schemes' own labels, so that generated articles
exercise the label matching rather than a vocabulary of the generator's invention.
"""

from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

VOCAB_DIR = Path(__file__).resolve().parents[2] / "ontology" / "vocab"
PLEDGE_SCHEME = "https://w3id.org/channel-kg/pledge-type/"
MEASURE_SCHEME = "https://w3id.org/channel-kg/measure/"


@lru_cache(maxsize=1)
def _vocab() -> Graph:
    graph = Graph()
    for path in sorted(VOCAB_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


# Labels that also name a kind of agreement to the rules ("joint action plan"): a generated
# article using one would found an agreement of its own, which may clash with a real one.
_NAMES_AN_AGREEMENT = ("joint action plan", "joint statement", "joint declaration")


def labels(scheme: str) -> dict[str, list[str]]:
    """Concept slug -> its English prefLabel and altLabels (hiddenLabels are misspellings)."""
    graph, found = _vocab(), {}
    for concept in sorted(set(graph.subjects(SKOS.inScheme, None))):
        if not str(concept).startswith(scheme):
            continue
        words = [str(l) for p in (SKOS.prefLabel, SKOS.altLabel) for l in graph.objects(concept, p)
                 if getattr(l, "language", None) in (None, "en") and str(l).lower() not in _NAMES_AN_AGREEMENT]
        if words:
            found[str(concept)[len(scheme):]] = sorted(words)
    return found
