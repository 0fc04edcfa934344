"""Content negotiation (RFC 9110 section 12.5.1) over the formats the server can write.

A format has a short name (for the `format` parameter), the media type we answer with, and
further media types clients use for it. The best format is the one the Accept header gives
the highest q; ties go to the more specific range (exact over type/* over */*), then to the
client's order, then to ours, so `*/*` or no Accept header gets the server's first choice.
Aliases (application/json for SPARQL JSON) are matched only when named exactly.

A `format` parameter, when given, replaces the Accept header and is read the same way: a
comma-separated list whose items are short names (`json`, `n3`) or media ranges with optional
q-values. SPARQLWrapper sends `format=json-ld` and `format=application/ld+json,application/x-json+ld`
for JSON-LD, `format=n3` for N3 (answered with Turtle, which N3 parsers read).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # accepted spellings of `format=`

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


JSON = Format("json", "application/sparql-results+json", ("application/json",), ("json", "srj"))
XML = Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("xml", "srx"))
CSV = Format("csv", "text/csv", (), ("csv",))
TSV = Format("tsv", "text/tab-separated-values", (), ("tsv",))
HTML = Format("html", "text/html", ("application/xhtml+xml",), ("html",))
TURTLE = Format("turtle", "text/turtle", ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3",
                                         "application/n3"), ("turtle", "ttl", "n3"))
JSONLD = Format("jsonld", "application/ld+json", ("application/json",), ("jsonld", "json-ld", "json"))
NTRIPLES = Format("ntriples", "application/n-triples", ("text/plain",), ("ntriples", "n-triples", "nt"))
RDFXML = Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ("rdfxml", "rdf", "owl", "xml"))
RQ = Format("rq", "application/sparql-query", (), ("rq", "sparql"))

# Server preference first: what `*/*` or a missing Accept header gets.
RESULTS = (JSON, XML, CSV, TSV, HTML)  # SELECT and ASK
GRAPHS = (TURTLE, JSONLD, NTRIPLES, RDFXML, HTML)  # CONSTRUCT and DESCRIBE
DOCUMENTS = (TURTLE, HTML, JSONLD, NTRIPLES, RDFXML)  # /id/, /ontology, VoID: data first


class NotAcceptable(Exception):
    def __init__(self, offered: tuple[Format, ...], asked: str):
        self.offered = offered
        super().__init__(
            f"cannot answer in {asked!r}; available: " + ", ".join(f.media_type for f in offered)
            + " (or format=" + "|".join(f.name for f in offered) + ")"
        )


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """[(type, subtype, q)] in the client's order; malformed entries are skipped."""
    ranges = []
    for item in (header or "").split(","):
        fields = [f.strip() for f in item.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        kind, _, sub = media.partition("/")
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub, q))
    return ranges


def _quality(media: str, ranges, exact_only: bool = False) -> tuple[float, int, int]:
    """(q, specificity, -position) of the Accept range that best describes `media`."""
    kind, _, sub = media.partition("/")
    best = None
    for position, (rkind, rsub, q) in enumerate(ranges):
        if (rkind, rsub) == (kind, sub):
            spec = 2
        elif exact_only:
            continue
        elif rkind == kind and rsub == "*":
            spec = 1
        elif rkind == "*" and rsub == "*":
            spec = 0
        else:
            continue
        # RFC 9110: the most specific matching range decides the q value.
        if best is None or spec > best[1]:
            best = (q, spec, -position)
    return best or (0.0, -1, 0)


def _format_ranges(format_param: str, offered: tuple[Format, ...]) -> list[tuple[str, str, float]]:
    """The `format` parameter as Accept ranges: names become the media type of the offered
    format that has the name; names no offered format has are left out."""
    ranges = []
    for item in format_param.split(","):
        name = item.split(";")[0].strip().lower()
        if "/" in name:
            ranges += parse_accept(item)
            continue
        fmt = next((f for f in offered if name in f.names), None)
        if fmt is not None:
            ranges.append((*fmt.media_type.split("/"), 1.0))
    return ranges


@lru_cache(maxsize=1024)  # clients send the same few Accept headers again and again
def negotiate(accept: str | None, offered: tuple[Format, ...], format_param: str | None = None) -> Format:
    if format_param and format_param.strip():
        ranges = _format_ranges(format_param, offered)
        asked = format_param
    else:
        ranges = parse_accept(accept)
        asked = accept or ""
        if not ranges:
            return offered[0]
    best, best_score = None, None
    for order, fmt in enumerate(offered):
        # Wildcards select by the type we answer with; an alias counts only when named exactly
        # (text/* must not pick SPARQL XML through its text/xml alias).
        score = max([_quality(fmt.media_type, ranges)] + [_quality(m, ranges, True) for m in fmt.aliases])
        if score[0] <= 0:
            continue
        key = (*score, -order)
        if best_score is None or key > best_score:
            best, best_score = fmt, key
    if best is None:
        raise NotAcceptable(offered, asked)
    return best
