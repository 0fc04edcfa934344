"""A thing's HTML page, laid out like a Wikidata item: each stated value with the references
that state it (quote, headline, outlet, date, language), disagreements marked, what the
reasoner added folded away below, and every triple at the bottom.

The rows come from api/queries/resource-page.rq (one SELECT, a ?kind per part). A value is
*stated* when some graph other than the inferred one holds it; its references are the quotes
of the node in each article whose graph states it, the one that prints the value first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from kg.figures import holds
from kg.sources import folded

from .documents import short
from .render import BASE

CK = BASE + "ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
INFERRED = BASE + "graph/inferred"
TYPE, LABEL, ALT_LABEL, PREF_LABEL = RDF + "type", RDFS + "label", SKOS + "altLabel", SKOS + "prefLabel"
# Provenance is what the references show: not repeated as statements.
PROVENANCE = {CK + "evidence", PROV + "wasDerivedFrom", CK + "mentionedIn"}
NAMES = {LABEL, PREF_LABEL, ALT_LABEL, "http://purl.org/dc/terms/title"}
NUMBERS = {XSD + t for t in ("decimal", "integer", "double", "float")}
_ARTICLE_GRAPH = re.compile(re.escape(BASE) + r"graph/article/([^/]+)/(curated|rules)$")
MAX_REFERENCES = 8   # per value; the sources named query lists them all
MAX_LINKS = 60       # per property of the incoming links


def _key(binding: dict | None) -> tuple | None:
    """A hashable RDF term from a SPARQL JSON binding: (kind, value, language or datatype)."""
    if binding is None:
        return None
    kind = "iri" if binding["type"] == "uri" else "blank" if binding["type"] == "bnode" else "literal"
    return kind, binding["value"], binding.get("xml:lang") or binding.get("datatype")


def page(iri: str, bindings: list[dict], language: str) -> dict | None:
    """The page of `iri` from the query's rows; None when the graph knows nothing of it."""
    rows = [{name: _key(value) for name, value in row.items()} for row in bindings]
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row["kind"][1]].append(row)
    if not by_kind["stated"] and not by_kind["incoming"]:
        return None
    # The node's own names are among its triples; everything else's come as label rows.
    own = [{"x": ("iri", iri, None), "label": row["o"]} for row in by_kind["stated"]
           if row["p"][1] in (LABEL, PREF_LABEL, "http://purl.org/dc/terms/title") and row["o"][0] == "literal"]
    labels = _labels(by_kind["label"] + own, language)
    node = ("iri", iri, None)

    def term(key):
        return _term(key, labels)

    stated = defaultdict(set)       # (p, o) -> graphs
    for row in by_kind["stated"]:
        stated[(row["p"], row["o"])].add(row["g"][1])
    quotes = _quotes(by_kind["quote"])
    value_quotes = defaultdict(list)  # value node -> its rows, for _quotes
    for row in by_kind["valuequote"]:
        value_quotes[row["o"]].append(row)
    articles = {row["article"][1]: row for row in by_kind["article"]}
    marks = _marks(by_kind["claim"], iri)
    supers = {(row["p"][1], row["q"][1]) for row in by_kind["super"]}

    asserted = {key for key, graphs in stated.items() if graphs - {INFERRED}}
    date_words = defaultdict(list)  # article -> the date words it prints for the node ("today")
    for (p, o), graphs in stated.items():
        if p[1] == CK + "dateText":
            for graph in graphs:
                if match := _ARTICLE_GRAPH.match(graph):
                    date_words[f"{BASE}id/article/{match.group(1)}"].append(folded(o[1]))
    statements, inferred = defaultdict(list), defaultdict(list)
    for (p, o), graphs in sorted(stated.items(), key=lambda item: (item[0][0][1], str(item[0][1]))):
        if p[1] in NAMES or p[1] == TYPE or o == node and p[1] in PROVENANCE:
            continue
        if graphs - {INFERRED}:
            if p[1] in PROVENANCE:
                continue
            own = _quotes(value_quotes[o]) if o in value_quotes else None
            words = date_words if p[1] == CK + "date" else {}
            refs = _references(graphs, quotes, articles, o, labels, term, own, words)
            statements[p].append({"value": term(o), "references": refs[:MAX_REFERENCES],
                                  "more": max(0, len(refs) - MAX_REFERENCES), "disagreement": marks.get(o)
                                  or marks.get((p[1], o)), "graphs": sorted(_graph_names(graphs - {INFERRED}))})
        elif not any(broader == p[1] and (("iri", narrower, None), o) in asserted for narrower, broader in supers):
            inferred[p].append(term(o))  # not a restatement of a stated value by a broader property
    types = [term(o) for (p, o), graphs in stated.items() if p[1] == TYPE and graphs - {INFERRED}]
    inferred_types = [term(o) for (p, o), graphs in stated.items() if p[1] == TYPE and not graphs - {INFERRED}]
    incoming, incoming_inferred = _incoming(by_kind["incoming"], term, node)
    disagreements = sorted({(d, labels.get(d, short(d))) for d in marks.get("about", set())}, key=lambda d: d[1])
    return {
        "iri": iri, "label": labels.get(iri, short(iri)), "types": types, "language": language,
        "also": sorted({o[1] for (p, o) in stated if p[1] == ALT_LABEL and o[2] in (language, None)}),
        "disagreements": [{"iri": d, "label": text} for d, text in disagreements],
        "statements": [{"property": term(p), "values": values} for p, values in _by_label(statements, term)],
        "sources": _sources(quotes, articles, labels, term),
        "claims": _claims(by_kind["claimed"], articles, labels, term),
        "inferred": [{"property": term(p), "values": values} for p, values in _by_label(inferred, term)],
        "inferred_types": inferred_types,
        "incoming": incoming, "incoming_inferred": incoming_inferred,
        "raw": [{"property": term(p), "value": term(o), "graphs": sorted(_graph_names(graphs))}
                for (p, o), graphs in sorted(stated.items(), key=lambda item: (item[0][0][1], str(item[0][1])))],
    }


def _labels(rows: list[dict], language: str) -> dict[str, str]:
    """One name per IRI: in the page's language, else English (or untagged), else any."""
    ranked = {}
    for row in rows:
        lang = row["label"][2] if row["label"][2] and not row["label"][2].startswith("http") else ""
        rank = 0 if lang == language else 1 if lang in ("en", "") else 2
        current = ranked.get(row["x"][1])
        if current is None or (rank, row["label"][1]) < current:
            ranked[row["x"][1]] = (rank, row["label"][1])
    return {iri: text for iri, (_, text) in ranked.items()}


def _term(key: tuple, labels: dict) -> dict:
    kind, value, extra = key
    if kind == "iri":
        return {"iri": value, "label": labels.get(value) or short(value)}
    if kind == "blank":
        return {"blank": value}
    is_lang = bool(extra) and not extra.startswith("http")
    return {"literal": value, "lang": extra if is_lang else None,
            "datatype": None if is_lang or not extra or extra.endswith("#string") else extra}


def _quotes(rows: list[dict]) -> dict[str, list[dict]]:
    """Article IRI -> the node's quotes in it, each once, in text order."""
    found = defaultdict(dict)
    for row in rows:
        stem = _ARTICLE_GRAPH.match(row["g"][1])
        found[row["article"][1]][row["e"][1]] = {
            "quote": row["quote"][1], "start": int(row["start"][1]), "graph": stem.group(2) if stem else row["g"][1]}
    return {article: sorted(spans.values(), key=lambda q: q["start"]) for article, spans in found.items()}


def _says(value: tuple, labels: dict):
    """Whether a quote states `value`: digits for a number, the name for a thing, the words."""
    kind, text, extra = value
    if kind == "literal" and extra in NUMBERS:
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return lambda quote: holds(quote, number)
    if kind == "literal" and extra == XSD + "date":
        day = str(int(text[-2:])) if re.fullmatch(r"\d{4}-\d\d-\d\d", text) else None
        return (lambda quote: f" {day} " in f" {quote} ".replace(",", " ")) if day else None
    if kind == "literal":
        return lambda quote: folded(text) in folded(quote)
    if kind == "iri" and text in labels:  # a name printed in full ("Gérald Darmanin", "Gerald Darmanin")
        name = folded(labels[text])
        return lambda quote: name in folded(quote)
    return None


def _references(graphs: set, quotes: dict, articles: dict, value: tuple, labels: dict, term,
                own: dict | None = None, date_words: dict | None = None) -> list[dict]:
    """One reference per article whose graph states the value; the external graph as itself.
    The quote is the node's that says the value; else, for a value that is a stated node
    itself (a pledge, a sum), that node's own words in the article; else the node's fullest.
    `date_words`: for a date, the words each article prints it with ("on Tuesday")."""
    refs, value_says = [], _says(value, labels)
    for graph in sorted(graphs):
        match = _ARTICLE_GRAPH.match(graph)
        if match is None:
            if graph == BASE + "graph/external":
                refs.append({"external": True})
            continue
        article = f"{BASE}id/article/{match.group(1)}"
        if any(r.get("article", {}).get("iri") == article for r in refs):
            continue  # its curated and rules graphs are one source
        spans = quotes.get(article, [])
        words = (date_words or {}).get(article, [])
        says = (lambda quote: any(w in folded(quote) for w in words)) if words else value_says
        chosen = [q for q in spans if says and says(q["quote"])] or (own or {}).get(article) or spans
        best = max(chosen, key=lambda q: (len(q["quote"]), -q["start"])) if chosen else None
        refs.append(_reference(article, best, articles, term))
    return refs


def _reference(article: str, quote: dict | None, articles: dict, term) -> dict:
    meta = articles.get(article, {})
    return {"article": term(("iri", article, None)), "quote": quote["quote"] if quote else None,
            "title": meta["title"][1] if meta.get("title") else None,
            "publisher": term(meta["publisher"]) if meta.get("publisher") else None,
            "issued": meta["issued"][1][:10] if meta.get("issued") else None,
            "language": meta["language"][1] if meta.get("language") else None}


def _sources(quotes: dict, articles: dict, labels: dict, term) -> list[dict]:
    """Every article that states the node, each with its fullest quote, oldest first."""
    refs = [_reference(article, max(spans, key=lambda q: (len(q["quote"]), -q["start"])), articles, term)
            for article, spans in quotes.items() if spans]
    return sorted(refs, key=lambda r: (r["issued"] or "9999", r["article"]["iri"]))


def _claims(rows: list[dict], articles: dict, labels: dict, term) -> list[dict]:
    """A disagreement's claims side by side: the value, the node holding it, the article and words."""
    claims = []
    for row in rows:
        if row.get("o") is None:
            continue
        ref = _reference(row["article"][1], {"quote": row["quote"][1]} if row.get("quote") else None, articles, term)
        claims.append({"node": term(row["s"]), "property": term(row["p"]), "value": term(row["o"]), **ref})
    return sorted(claims, key=lambda c: (c["property"]["iri"], c["issued"] or "", c["article"]["iri"]))


def _marks(rows: list[dict], iri: str) -> dict:
    """Where the page's values are in a disagreement: by value node (a sum, a statistic) and by
    (property, value) of this node; "about": every disagreement the node is part of."""
    marks = {"about": set()}
    for row in rows:
        d = row["d"][1]
        marks["about"].add(d)
        entry = {"iri": d}
        marks[row["s"]] = entry  # the node holding a value (a Funding of an agreement)
        if row["s"][1] == iri:
            marks[(row["p"][1], row["o"])] = entry
    return marks


def _incoming(rows: list[dict], term, node) -> tuple[list, list]:
    """Links to the node, by property; the reasoner's apart, and only from nodes that link here
    in no stated triple (an article's ck:mentionedIn repeats its prov:wasDerivedFrom)."""
    stated, inferred = defaultdict(set), defaultdict(set)
    graphs = defaultdict(set)
    for row in rows:
        # A disagreement's claims (…/disagreement/{slug}#claim-n) point here too; the "Sources
        # disagree" list shows them.
        if row["s"] != node and "#claim-" not in row["s"][1]:
            graphs[(row["s"], row["p"])].add(row["g"][1])
    linked = {s for (s, _), where in graphs.items() if where - {INFERRED}}
    for (s, p), where in graphs.items():
        if where - {INFERRED}:
            stated[p].add(s)
        elif s not in linked:  # the reasoner's link from a node already listed says nothing new
            inferred[p].add(s)

    def grouped(found):
        groups = []
        for p, subjects in _by_label(found, term):
            ordered = sorted((term(s) for s in subjects), key=lambda t: (t.get("label") or "").casefold())
            groups.append({"property": term(p), "subjects": ordered[:MAX_LINKS],
                           "more": max(0, len(ordered) - MAX_LINKS)})
        return groups
    return grouped(stated), grouped(inferred)


def _by_label(groups: dict, term) -> list:
    return sorted(groups.items(), key=lambda item: (term(item[0])["label"].casefold(), item[0][1]))


def _graph_names(graphs) -> list[str]:
    return [g[len(BASE):] if g.startswith(BASE) else g for g in graphs]
