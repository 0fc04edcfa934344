"""Stage 2 — map rules: run the rule mappings (mappings/rules/, engine in kg/rules/) per article.

Articles are independent, so large corpora are mapped on every core. The build takes the
triples as term strings (kg.triples), which cross between processes far faster than graphs.
Each article is read by the language pack of its language; an article in a language with no
pack is kept (its node, language and headline) with one warning naming its file.
"""

import gc
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from .namespaces import CK, rules_graph
from .seeds import Article
from .triples import Triple, from_graph

PARALLEL_FROM = 50  # below this, starting worker processes costs more than it saves
CHUNK = 16  # articles per task: fewer round trips, still even shares
_ENTITY_CLASSES = {CK.Person, CK.Minister, CK.Organisation, CK.GovernmentOrganisation, CK.Agreement, CK.Meeting}
_IDENTITY_PROPERTIES = {RDF.type, RDFS.label, SKOS.altLabel, CK.role, CK.country, CK.date}


def lexicon(ontology: Graph, vocab: Graph, external: Graph, curated_graphs) -> Graph:
    """What the rules may know: terms, concept labels, and the identity of known entities.

    From curated data only identity is taken (names, roles, dates of agreements), never
    facts, so that `kg evaluate` measures what the rules find on their own. From the external
    graph also the publication dates that articles do not print.
    """
    known = Graph()
    known += ontology
    known += vocab
    for article, issued in external.subject_objects(DCTERMS.issued):
        known.add((article, DCTERMS.issued, issued))  # anchors relative dates when none is printed
    for graph in [external, *curated_graphs]:
        entities = {s for s, cls in graph.subject_objects(RDF.type) if cls in _ENTITY_CLASSES}
        for entity in entities:
            for predicate, obj in graph.predicate_objects(entity):
                if predicate in _IDENTITY_PROPERTIES:
                    known.add((entity, predicate, obj))
    return known


def warn_without_pack(articles: list[Article]) -> list[Article]:
    """One warning line (stderr) per article whose language has no pack; those articles."""
    from .map_rules import default_packs, pack_for

    packs = default_packs()
    unread = [article for article in articles if pack_for(article.language, packs) is None]
    for article in unread:
        print(f"warning: {article.path}: no rule pack for language {article.language!r} "
              f"(packs: {', '.join(sorted(packs))}); it keeps its Article node, language and headline, "
              "and the rules read nothing else in it", file=sys.stderr)
    return unread


def map_articles(articles: list[Article], lexicon_graph: Graph) -> dict[str, Graph]:
    from .map_rules import map_article

    warn_without_pack(articles)
    if len(articles) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return {article.stem: map_article(article, lexicon_graph) for article in articles}
    with ProcessPoolExecutor(initializer=_set_lexicon, initargs=(lexicon_graph,)) as pool:
        graphs = pool.map(_map_with_shared_lexicon, articles, chunksize=CHUNK)
        return {article.stem: graph for article, graph in zip(articles, graphs)}


def map_articles_to_triples(articles: list[Article], lexicon_graph: Graph, cache=None) -> dict[str, list[Triple]]:
    """Like `map_articles`, each article's rules graph as term-string triples. With a
    kg.rules_cache.RulesCache, unchanged articles are taken from it and only the others mapped."""
    warn_without_pack(articles)
    if cache is None:
        return _map_to_triples(articles, lexicon_graph)
    found = {article.stem: cache.get(article) for article in articles}
    missing = [article for article in articles if found[article.stem] is None]
    mapped = _map_to_triples(missing, lexicon_graph) if missing else {}
    for article in missing:
        cache.put(article, mapped[article.stem])
        found[article.stem] = mapped[article.stem]
    return found


def _map_to_triples(articles: list[Article], lexicon_graph: Graph) -> dict[str, list[Triple]]:
    if len(articles) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        global _worker_lexicon
        _worker_lexicon = lexicon_graph
        return {article.stem: _triples_with_shared_lexicon(article) for article in articles}
    with ProcessPoolExecutor(initializer=_set_lexicon, initargs=(lexicon_graph,)) as pool:
        found = pool.map(_triples_with_shared_lexicon, articles, chunksize=CHUNK)
        return {article.stem: triples for article, triples in zip(articles, found)}


_worker_lexicon: Graph | None = None


def _set_lexicon(lexicon_graph: Graph) -> None:
    global _worker_lexicon
    _worker_lexicon = lexicon_graph
    gc.enable()  # a forked worker inherits the build's setting; rdflib graphs need collecting


def _map_with_shared_lexicon(article: Article) -> Graph:
    from .map_rules import map_article

    return map_article(article, _worker_lexicon)


def _triples_with_shared_lexicon(article: Article) -> list[Triple]:
    return from_graph(_map_with_shared_lexicon(article), rules_graph(article.stem).n3())
