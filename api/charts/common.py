"""What the charts share: dates, links, and fitting text into a width."""

from __future__ import annotations

import re
from datetime import date

from ..render import BASE

_DATE = re.compile(r"(-?\d{4})(?:-(\d\d))?(?:-(\d\d))?")
# Average advance of a character of the 13 px sans-serif the charts use (measured on DejaVu
# Sans, the widest common default); text is cut to fit by this estimate, the full text stays
# in the mark's <title>.
CHAR_PX = 7.3


def flatten(sparql_json: dict) -> list[dict[str, str]]:
    """SPARQL JSON results as [{variable: lexical value}]; unbound variables are left out."""
    return [{name: term["value"] for name, term in binding.items()}
            for binding in sparql_json.get("results", {}).get("bindings", [])]


def parse_date(text: str | None) -> date | None:
    """xsd:date, xsd:dateTime, gYearMonth or gYear (a missing month or day counts as the first)."""
    match = _DATE.match(text or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


def years(day: date) -> float:
    """A date as a year with a fraction, for linear time axes."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def link(iri: str | None) -> str | None:
    """Where a mark links to: our IRIs on this server, other web IRIs as they are, nothing else
    (an IRI such as javascript:… in the data must never become a link)."""
    if not iri:
        return None
    if iri.startswith(BASE):
        return "/" + iri[len(BASE):]
    if iri.startswith(("https://", "http://")):
        return iri
    return None


def fit(text: str, width_px: float) -> str:
    """`text` cut with an ellipsis so that it fits in about `width_px`."""
    most = max(1, int(width_px / CHAR_PX))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]
