"""The Article node: its file, language, headline, dates, address, outlet and authors.

Metadata comes from the sidecar when there is one (kg add read it from the page), else from the
text's first lines; the facts always come from the text. `dcterms:issued` is always an xsd:date
(the day, so date filters compare like with like); `schema:datePublished` is the xsd:dateTime
when the page or its dateline gives the time.
"""

from datetime import date, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from .namespaces import CK, SCHEMA
from .rules import labels
from .rules.emit import Output, literal_date
from .rules.metadata import Metadata
from .seeds import Article
from .sidecar import PageMetadata


def emit_article(out: Output, article: Article, meta: Metadata, page: PageMetadata,
                 publisher: URIRef | None) -> None:
    printed_title = meta.title.value if meta.title else None
    title = page.title or printed_title
    out.node(out.article, CK.Article, labels.each(out.packs, "article", title=title or article.stem))
    out.add(out.article, CK.sourceFile, Literal(article.path.name))
    out.add(out.article, DCTERMS.language, Literal(article.language))
    if title:
        out.add(out.article, DCTERMS.title, Literal(title))
        if meta.title and meta.title.span is not None and printed_title == title:
            out.evidence(out.article, meta.title.span.start, meta.title.span.end, meta.title.rule)
    printed = meta.issued.value if meta.issued else None
    published = page.published or printed
    if published is not None:
        out.add(out.article, DCTERMS.issued, literal_date(_day(published)))
        if isinstance(published, datetime):
            out.add(out.article, SCHEMA.datePublished, literal_date(published))
        if printed is not None and _day(printed) == _day(published):  # the dateline prints it
            out.evidence(out.article, meta.issued.span.start, meta.issued.span.end, meta.issued.rule)
    if page.modified is not None:
        out.add(out.article, DCTERMS.modified, literal_date(page.modified))
    if page.url:
        out.add(out.article, SCHEMA.url, Literal(page.url, datatype=XSD.anyURI))
    if publisher is not None:
        out.add(out.article, SCHEMA.publisher, publisher)
        out.add(publisher, PROV.wasDerivedFrom, out.article)  # known from the page, not from its words
    for author in page.authors:
        out.add(out.article, SCHEMA.author, Literal(author))


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
