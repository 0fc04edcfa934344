"""Stage 2 — the rule mappings: one article in, the triples of its rules graph out.

`map_article` is a pure function (run in a process pool, one article per task): the same
article, packs and lexicon always give the same triples. The rules are data, one language pack
per folder of mappings/rules/ (see its README), chosen by the article's language; the engine is
kg/rules/, one module per family, and holds no word of any language:

    metadata → sentences → dates → money → people/organisations → events → statistics, pledges
    → disputes (which point at the statistics, pledges and agreements found before them)

An article in a language with no pack keeps its node, language, headline and page metadata (its
sidecar: kg.article_node), and nothing else.
"""

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF

from . import iris, project, sidecar
from .article_node import emit_article
from .namespaces import CK, EXTERNAL_GRAPH
from .rules import dates, disputes, events, labels, metadata, money, pledges, statistics, text
from .evidence import quote_at
from .rules.emit import Output, decimal, literal_date
from .rules.lexicon import Lexicon, read_lexicon
from .rules.loader import Rules
from .rules.loader import load_packs as _load_packs
from .rules.organisations import Organisation, Organisations
from .rules.people import find_people
from .seeds import Article


def load_packs(rules_dir: Path | None = None) -> dict[str, Rules]:
    """The language packs (the project's mappings/rules/ by default), {language: Rules}, each
    checked against mappings/rules/schema.json (InputError naming the file and line if one is bad)."""
    return _load_packs(Path(rules_dir or project.RULES_DIR))


def default_packs() -> dict[str, Rules]:
    return _packs_in(project.RULES_DIR)


@lru_cache(maxsize=2)
def _packs_in(rules_dir: Path) -> dict[str, Rules]:
    return _load_packs(rules_dir)


def pack_for(language: str, packs: dict[str, Rules]) -> Rules | None:
    """The pack of an article's language ("en", or "en" for "en-GB"); None when there is none."""
    return packs.get(language) or packs.get(language.split("-")[0])


_lexicon_cache: dict = {}


def _lexicon_of(graph: Graph, language: str) -> Lexicon:
    """Indexing the lexicon graph once per graph object and language (a worker maps many
    articles with one)."""
    cached = _lexicon_cache.get((id(graph), language))
    if cached is None or cached[0] is not graph:
        if any(g is not graph for g, _ in _lexicon_cache.values()):
            _lexicon_cache.clear()
        cached = _lexicon_cache[(id(graph), language)] = (graph, read_lexicon(graph, language))
    return cached[1]


def map_article(article: Article, lexicon: Graph, packs: dict[str, Rules] | None = None) -> Graph:
    packs = packs or default_packs()
    body = article.text
    out = Output(article.stem, body, article.path.name, packs)
    rules = pack_for(article.language, packs)
    page = sidecar.metadata(article.sidecar)
    if rules is None:
        publisher = iris.organisation(page.publisher) if page.publisher else None
        if publisher is not None:
            out.node(publisher, CK.Organisation, {article.language: page.publisher})
        emit_article(out, article, metadata.without_pack(article), page, publisher)
        return out.graph
    known = _lexicon_of(lexicon, rules.language)

    meta = metadata.read_metadata(body, rules)
    anchor = metadata.anchor_of(meta, known.issued.get(out.article), rules)
    if anchor.external:
        out.add(out.activity, PROV.used, EXTERNAL_GRAPH)  # the graph whose publication day it used
    sentences = text.sentences(body, rules.marks, list(meta.furniture),
                               tuple(rules["metadata"].tables["abbreviations"]))
    date_mentions = dates.under_headings(body, sentences, {
        s.start: dates.find_dates(body, s.start, s.end, rules, anchor.day) for s in sentences})
    organisations = Organisations(rules, known)
    people = find_people(body, sentences, rules, known, organisations)
    found_events = events.find_events(body, article.stem, sentences, date_mentions, rules, people, known,
                                     anchor.day)

    publisher = organisations.named(page.publisher) if page.publisher else None
    emit_article(out, article, meta, page, publisher.iri if publisher else None)
    _people(out, people, organisations, rules.language)
    _events(out, found_events, anchor)
    _money(out, body, sentences, rules, date_mentions, found_events, organisations, people)
    # A known organisation's own release (a department, a charity) states its figures itself.
    own = publisher if publisher is not None and publisher.known else None
    found_statistics = _statistics(out, body, sentences, rules, known, date_mentions, people, anchor, own)
    found_pledges = _pledges(out, body, sentences, rules, known, found_events, people, date_mentions)
    found_disputes = disputes.find_disputes(body, sentences, rules, known, people, found_events, date_mentions)
    _disputes(out, found_disputes, found_statistics, found_pledges, found_events, known)
    _statements(out, disputes.find_statements(body, sentences, rules, people, found_disputes))
    return out.graph


def _people(out: Output, people, organisations: Organisations, language: str) -> None:
    """People and organisations, named as the article prints them (in its language)."""
    for person in people.persons.values():
        out.node(person.iri, CK.Person, {language: person.label})
        if person.minister:
            out.add(person.iri, RDF.type, CK.Minister)
        for role in person.roles:
            out.add(person.iri, CK.role, Literal(role))
        if person.country:
            out.add(person.iri, CK.country, Literal(person.country))
        for organisation in person.member_of:
            out.add(person.iri, CK.memberOf, organisation.iri)
        for start, end, rule in person.mentions:
            out.evidence(person.iri, start, end, rule)
    for organisation in organisations.by_iri.values():
        out.node(organisation.iri, CK.Organisation, {language: organisation.label})
        if organisation.country:
            out.add(organisation.iri, CK.country, Literal(organisation.country))
        for start, end, rule in organisation.mentions:
            out.evidence(organisation.iri, start, end, rule)


def _anchored_date(out: Output, node, mention, anchor) -> None:
    """A date that needed the publication day: evidence on its words names the date rule and
    where the anchor came from (the printed dateline, or the external graph)."""
    if mention is not None and mention.anchored and anchor.rule:
        out.evidence(node, mention.start, mention.end, mention.rule, anchor.rule)


def _events(out: Output, found, anchor) -> None:
    for event in found.meetings + found.agreements:
        event.labels = labels.event(out.packs, event)
        out.node(event.iri, CK.Meeting if event.kind == "meeting" else CK.Agreement, event.labels)
        if event.date is not None:
            out.add(event.iri, CK.dateText, Literal(" ".join(event.date.text.split())))
            if event.date.day is not None:
                out.add(event.iri, CK.date, literal_date(event.date.day))
                _anchored_date(out, event.iri, event.date, anchor)
        for person in event.parties:
            out.add(event.iri, CK.party, person.iri)
        for role in event.party_roles:
            out.add(event.iri, CK.partyRole, Literal(role))
        if event.outcome is not None:
            out.add(event.iri, CK.outcome, event.outcome.iri)
        for sentence, _, _, rule in event.mentions:
            out.evidence(event.iri, sentence.start, sentence.end, rule)


def _money(out, body, sentences, rules, date_mentions, found_events, organisations, people) -> None:
    used = {}
    for sentence in sentences:
        speaker = people.speakers.get(sentence.start)
        if speaker is not None and disputes.outside_governments(speaker):
            continue  # a critic's "half a billion pounds and nothing in return" is their claim, not a payment
        since = sentence.start
        for payment in money.payments(body, sentence.start, sentence.end, rules):
            agreement = found_events.agreement_for_payment(body, sentence, date_mentions[sentence.start],
                                                           since, payment.start, payment.end)
            since = payment.end
            owner = str(agreement.iri).rsplit("/", 1)[-1] if agreement else out.stem
            nodes = []
            for amount in payment.amounts:
                # The same sum for the same agreement and period is the same money, restated.
                slug = f"{owner}-{iris.amount_slug(amount.value)}-{amount.currency.lower()}"
                iri = iris.thing("funding", _numbered(slug, payment.period, used))
                printed = " ".join(amount.text.split())
                out.node(iri, CK.Funding, labels.each(out.packs, "funding-period", amount=printed, period=payment.period)
                         if payment.period else labels.each(out.packs, "funding", amount=printed))
                out.add(iri, CK.amount, decimal(amount.value))
                out.add(iri, CK.currency, Literal(amount.currency))
                if payment.qualifier:
                    out.add(iri, CK.qualifier, Literal(payment.qualifier))
                if payment.period:
                    out.add(iri, CK.dateText, Literal(payment.period))
                for role, printed in ((CK.funder, payment.funder), (CK.recipient, payment.recipient)):
                    actor = printed and organisations.actor(printed, sentence.start, sentence.end, payment.rules[-1])
                    if actor:
                        out.node(actor.iri, CK.Organisation, {rules.language: actor.label})
                        out.add(iri, role, actor.iri)
                if agreement is not None:
                    out.add(agreement.iri, CK.hasFunding, iri)
                out.evidence(iri, sentence.start, sentence.end, *payment.rules)
                nodes.append(iri)
            for a in nodes:
                for b in nodes:
                    if a != b:
                        out.add(a, CK.statedEquivalent, b)
    # Organisations first met as payers need their country and evidence too.
    for organisation in organisations.by_iri.values():
        if organisation.country:
            out.add(organisation.iri, CK.country, Literal(organisation.country))
        for start, end, rule in organisation.mentions:
            out.evidence(organisation.iri, start, end, rule)


def _statistics(out, body, sentences, rules, known, date_mentions, people, anchor, own_publisher=None) -> None:
    # (measure, value, unit, old day) -> [mentions]: one statistic per article however often
    # repeated, except that a figure dated well before publication ("France doubled the officers
    # last year") is another fact than the same figure undated or of the news ("will more than double").
    merged = {}
    found_statistics = []  # (IRI, measure concept), for statements that dispute a figure
    earlier = []  # the article's statistic mentions so far, for comparisons and the news day
    for sentence in sentences:
        blocked = [(d.start, d.end) for d in date_mentions[sentence.start]]
        blocked += [(a.start, a.end) for a in money.find_amounts(body, sentence.start, sentence.end, rules)]
        # A number in a name is no figure ("l'association Utopia 56").
        blocked += [(m[0], m[1]) for m in people.in_span(sentence.start, sentence.end) if isinstance(m[2], Organisation)]
        for found in statistics.find_statistics(body, sentence, rules, known, date_mentions[sentence.start], blocked,
                                                people, earlier, anchor.day):
            earlier.append(found)
            old_day = dates.well_before(found.date, anchor.day)
            merged.setdefault((found.measure.iri, found.value, found.unit, old_day), []).append((sentence, found))
    slugs = {}
    for (measure, value, unit, old_day), mentions in merged.items():
        day, date_words, period, used = _statistic_date([f for _, f in mentions], anchor.day)
        first = mentions[0][1]
        # A day that rests on outside knowledge does not name the statistic: curators name it
        # by the article then, and the two must meet on one IRI.
        named_by_day = day is not None and not (anchor.external and used)
        slug = f"{first.measure.slug}-{iris.amount_slug(value)}-{day.isoformat() if named_by_day else out.stem}"
        iri = iris.thing("statistic", _numbered(slug, (unit, old_day), slugs))
        out.node(iri, CK.Statistic, labels.statistic(out.packs, first.measure, " ".join(body[first.start:first.end].split())))
        out.add(iri, CK.value, decimal(value))
        out.add(iri, CK.measure, measure)
        out.add(iri, CK.unit, Literal(unit) if unit else None)
        out.add(iri, CK.qualifier, Literal(first.qualifier) if first.qualifier else None)
        out.add(iri, CK.date, literal_date(day) if day else None)
        out.add(iri, CK.periodStart, literal_date(period) if period else None)
        out.add(iri, CK.dateText, Literal(date_words) if date_words else None)
        for sentence, found in mentions:
            if found.asserted_by is not None:
                out.add(iri, CK.assertedBy, found.asserted_by.iri)
            out.evidence(iri, sentence.start, sentence.end, *found.rules)
        if own_publisher is not None and all(found.asserted_by is None for _, found in mentions):
            out.add(iri, CK.assertedBy, own_publisher.iri)
        for mention in used:
            _anchored_date(out, iri, mention, anchor)
        found_statistics.append((iri, first.measure))
    return found_statistics


def _numbered(slug: str, variant, seen: dict) -> str:
    """`slug` for the first variant of a fact the article names so, `slug-2`, `slug-3`… for the
    next ones (another period of the same sum, another time of the same figure)."""
    variants = seen.setdefault(slug, [])
    if variant not in variants:
        variants.append(variant)
    n = variants.index(variant) + 1
    return slug if n == 1 else f"{slug}-{n}"


def _statistic_date(mentions, anchor):
    """The most precise date among a statistic's mentions; a period ends at publication.
    Also the date mentions that needed the anchor to give it (none when the words fix it)."""
    precision = {"day": 0, "week": 1, "month": 2, "year": 3}
    points = [m.date for m in mentions if m.date is not None]
    periods = [m.period for m in mentions if m.period is not None]
    period_mention = next((p for p in periods if p.value), None)
    period = period_mention.value if period_mention else None
    words = " ".join((points or periods)[0].text.split()) if (points or periods) else None
    resolved = sorted((p for p in points if p.value), key=lambda p: precision[p.precision])
    since = [period_mention] if period_mention is not None and period_mention.anchored else []
    if resolved:
        best = resolved[0]
        if best.months > 1:  # "the first two months of the year": a period, from its first day
            period = period or best.value
        used = [best] if best.anchored else []
        day = best.day or best.last_day
        if anchor is not None and best.value <= anchor < day:
            # "this year" in a count: nothing after publication is counted yet, so the count
            # runs from the start of the year to the day of publication.
            return anchor, " ".join(best.text.split()), period or best.value, used + since
        return day, " ".join(best.text.split()), period, used + since
    if periods and period is not None and anchor is not None:
        # The running total of a period ("since January") is counted up to publication.
        return anchor, words, period, [period_mention]
    return None, words, period, since


def _pledges(out, body, sentences, rules, known, found_events, people, date_mentions) -> None:
    seen = {}
    for pledge in pledges.find_pledges(body, sentences, rules, known, found_events, people, date_mentions):
        agreement_slug = str(pledge.agreement.iri).rsplit("/", 1)[-1]
        iri = seen.get((pledge.agreement.iri, pledge.concept.iri))
        if iri is None:
            iri = iris.thing("pledge", f"{agreement_slug}-{pledge.concept.slug}")
            seen[(pledge.agreement.iri, pledge.concept.iri)] = iri
            out.node(iri, CK.Pledge, labels.pledge(out.packs, pledge.concept, pledge.agreement))
            out.add(iri, CK.pledgeType, pledge.concept.iri)
            out.add(pledge.agreement.iri, CK.hasPledge, iri)
        out.evidence(iri, pledge.start, pledge.end, *pledge.rules)
    return seen  # (agreement IRI, pledge type IRI) -> pledge IRI


def _disputes(out, found, found_statistics, found_pledges, found_events, known) -> None:
    """Each dispute as `id:statement/{stem}-{start}`, a ck:Dispute with its speaker, what it
    contests (where identifiable) and the speaker's words as evidence."""
    broader = _measure_closure(known.measures)
    main = found_events.main_agreement
    for dispute in found:
        iri = iris.thing("statement", f"{out.stem}-{dispute.start}")
        words = quote_at(out.text, dispute.spans[0][0], dispute.spans[0][1])[:90]
        out.node(iri, CK.Dispute, labels.each(out.packs, "dispute", speaker=dispute.speaker.label, words=words))
        out.add(iri, RDF.type, CK.Statement)
        out.add(iri, CK.speaker, dispute.speaker.iri)
        for event in dispute.occasions:
            out.add(iri, CK.disputes, event.iri)
        agreements = [e.iri for e in dispute.occasions] + ([main.iri] if main else [])
        for concept in dispute.pledge_types:
            # The pledge of that type in the agreement named, else in the article's own one.
            pledge = next((found_pledges[(a, concept.iri)] for a in agreements if (a, concept.iri) in found_pledges), None)
            out.add(iri, CK.disputes, pledge)
        for concept in dispute.measures:
            # "record numbers are crossing": the one statistic of that measure (or a narrower one).
            figures = [s for s, measure in found_statistics if concept.iri in broader[measure.iri]]
            if len(figures) == 1:
                out.add(iri, CK.disputes, figures[0])
        for start, end in dispute.spans:
            out.evidence(iri, start, end, "speaker-verb", *dispute.rules)


def _statements(out, found) -> None:
    """Direct speech that disputes nothing, as `id:statement/{stem}-{start}`, a ck:Statement
    with its speaker and the speaker's words as evidence."""
    for statement in found:
        iri = iris.thing("statement", f"{out.stem}-{statement.start}")
        words = quote_at(out.text, statement.spans[0][0], statement.spans[0][1])[:90]
        out.node(iri, CK.Statement, labels.each(out.packs, "statement", speaker=statement.speaker.label, words=words))
        out.add(iri, CK.speaker, statement.speaker.iri)
        for start, end in statement.spans:
            out.evidence(iri, start, end, "speaker-verb", "statement-direct-speech")


def _measure_closure(measures) -> dict:
    """Measure IRI -> itself and every broader measure."""
    by_iri = {m.iri: m for m in measures}
    closure = {}
    for measure in measures:
        seen, todo = {measure.iri}, list(measure.broader)
        while todo:
            iri = todo.pop()
            if iri not in seen:
                seen.add(iri)
                todo += list(by_iri[iri].broader) if iri in by_iri else []
        closure[measure.iri] = seen
    return closure
