"""Where sources disagree, side by side: one panel per disagreement, one card per claim (the
value an article gives, its words, headline, outlet, language and date), the articles' own
accounts first and the statements that dispute them after.

Drawn from the rows of the `disagreements` named query, one card per row."""

from __future__ import annotations

from .common import link, local_name

CK = "https://w3id.org/channel-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = {CK + "amount": "amount", CK + "value": "figure", CK + "date": "date", CK + "party": "party",
         CK + "disputes": "dispute"}


def layout(rows: list[dict[str, str]]) -> dict:
    panels: dict[str, dict] = {}
    for row in rows:
        iri = row["disagreement"]
        panel = panels.setdefault(iri, {
            "iri": iri, "anchor": local_name(iri), "href": link(iri), "label": row.get("label") or local_name(iri),
            "subject": {"href": link(row.get("subject")), "label": row.get("subjectLabel") or local_name(row.get("subject", ""))},
            "accounts": [], "disputes": []})
        dispute = row.get("property") == CK + "disputes"
        card = {
            "value": _shown(row, dispute), "node": link(row.get("node")),
            "article": link(row.get("article")), "title": row.get("title") or local_name(row.get("article", "")),
            "publisher": row.get("publisher"), "language": row.get("language"), "issued": (row.get("issued") or "")[:10],
            "quote": row.get("quote", ""), "kind": KINDS.get(row.get("property", ""), "value"),
        }
        (panel["disputes"] if dispute else panel["accounts"]).append(card)
    ordered = sorted(panels.values(), key=lambda p: p["label"].casefold())
    return {"panels": ordered, "cards": sum(len(p["accounts"]) + len(p["disputes"]) for p in ordered)}


def _shown(row: dict, dispute: bool) -> str:
    """The value as a reader reads it: the speaker of a dispute, a name, a sum in full."""
    if dispute:
        return row.get("speaker") or "a dispute"
    if row.get("property") == RDF_TYPE:
        return ""  # the node stated by its kind alone: the card shows the article's report of it
    if row.get("valueLabel"):
        return row["valueLabel"]
    value = row.get("value", "")
    if row.get("property") in (CK + "amount", CK + "value"):
        try:
            number = float(value)
        except ValueError:
            return value
        return f"{number:,.0f}" if number == int(number) else f"{number:,}"
    return value
