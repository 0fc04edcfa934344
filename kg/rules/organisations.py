"""Organisations named in an article, linked by label and alternative labels.

Known names come from the curated graph (identity only) and from people.yaml's `organisations`
table; other organisations are recognised where a pattern puts a proper name in an
organisation's place ("a Home Office spokesperson", "CEO of the Refugee Council").
"""

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from .. import iris
from .lexicon import Lexicon, find_by_name, fold_name
from .loader import Rules


@dataclass
class Organisation:
    iri: URIRef
    label: str
    country: str | None
    mentions: list = field(default_factory=list)  # (start, end, rule id)
    government: bool = False  # one of the two governments, a department or agency of theirs
    known: bool = False       # named in the pack's organisations table or the lexicon, not only minted


class Organisations:
    """The organisations of one article, keyed by IRI, in order of first mention."""

    def __init__(self, rules: Rules, lexicon: Lexicon):
        tables = rules["people"].tables
        self.table = tables.get("organisations", {})
        self.actors = tables.get("actors", {})
        self._generic = re.compile(
            "|".join([p for row in tables.get("nationalities", {}).values() for p in row["match"]]
                     + [re.escape(w) for w in tables["not-organisations"]]),
            re.IGNORECASE)
        # "the Home Office" is the Home Office: an article before a name is no part of it
        self._article = re.compile("^(?:" + "|".join(map(re.escape, tables["leading-articles"])) + r")\s+",
                                   re.IGNORECASE)
        self.anaphora = {fold_name(w) for w in tables.get("anaphora", [])}
        self.lexicon = lexicon
        self.by_iri: dict[URIRef, Organisation] = {}
        self._known = self._known_names_pattern()

    def _known_names_pattern(self) -> re.Pattern | None:
        names = set(self.lexicon.organisations)
        for name, row in self.table.items():
            names.add(name)
            names.update(row.get("aliases") or [])
        if not names:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    def earlier(self, printed: str, start: int, end: int, rule: str) -> Organisation | None:
        """What an `anaphora` word ("l'association") stands for: the organisation named last
        before it that is no government's; None for any other words, or with none named."""
        if fold_name(self._article.sub("", printed.strip())) not in self.anaphora:
            return None
        named = [(max(m[0] for m in o.mentions if m[0] < start), o) for o in self.by_iri.values()
                 if not o.government and any(m[0] < start for m in o.mentions)]
        if not named:
            return None
        organisation = max(named, key=lambda n: n[0])[1]
        organisation.mentions.append((start, end, rule))
        return organisation

    def is_anaphora(self, printed: str) -> bool:
        return fold_name(self._article.sub("", printed.strip())) in self.anaphora

    def resolve(self, printed: str, start: int, end: int, rule: str) -> Organisation:
        """The organisation a printed name stands for, creating it when new."""
        organisation = self.named(printed)
        organisation.mentions.append((start, end, rule))
        return organisation

    def named(self, printed: str) -> Organisation:
        """The organisation a name stands for, with no mention in the text: the outlet that
        published the article (its sidecar's publisher), minted as the rules mint any name, so
        the Home Office as publisher is the Home Office the text names."""
        name = self._article.sub("", printed.strip())
        canonical, country, slug, government, known = name, None, name, False, False
        for table_name, row in self.table.items():
            if fold_name(name) in {fold_name(n) for n in [table_name, *(row.get("aliases") or [])]}:
                canonical, country, slug = table_name, row.get("country"), row.get("slug", table_name)
                government, known = bool(row.get("government")), True
                break
        iri = find_by_name(self.lexicon.organisations, name) or find_by_name(self.lexicon.organisations, canonical)
        label = self.lexicon.organisation_labels.get(iri, canonical) if iri else canonical
        known = known or iri is not None
        if not known:  # an outlet's own name keeps its article ("The Verge"); its IRI does not
            label = " ".join(printed.split())
        iri = iri or iris.organisation(slug)
        government = government or iri in self.lexicon.government
        return self.by_iri.setdefault(iri, Organisation(iri, label, country, government=government, known=known))

    def actor(self, printed: str, start: int, end: int, rule: str) -> Organisation | None:
        """'the UK', 'Paris' as actors: the government organisation they stand for."""
        name = self._actor_name(printed)
        return self.resolve(name, start, end, rule) if name is not None else None

    def _actor_name(self, printed: str) -> str | None:
        return next((name for name, row in self.actors.items()
                     if any(re.fullmatch(phrase, printed.strip(), re.IGNORECASE) for phrase in row["match"])), None)

    def generic(self, printed: str) -> bool:
        """A name made only of nationality and generic words ("according to British media
        reports", "French authorities") is no organisation's."""
        return all(self._generic.fullmatch(word) for word in self._article.sub("", printed.strip()).split())

    def find(self, text: str, start: int, end: int, rules: Rules) -> list[tuple[int, int, Organisation]]:
        """Organisations named in text[start:end]: known names, then the organisation patterns."""
        found = []
        for s, e, printed, rule in self._matches(text, start, end, rules, found):
            organisation = self.actor(printed, s, e, rule.id) if rule is not None and rule.get("actor") \
                else self.resolve(printed, s, e, rule.id if rule is not None else "organisation-known")
            if organisation is not None:
                found.append((s, e, organisation))
        return sorted(found, key=lambda f: (f[0], f[1]))

    def spans(self, text: str, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
        """Where find() would see organisations, without resolving (or recording) any: what a
        bare full name may not be part of ("Kent Refugee Action Network")."""
        found = []
        for s, e, printed, rule in self._matches(text, start, end, rules, found):
            if rule is None or not rule.get("actor") or self._actor_name(printed) is not None:
                found.append((s, e, None))
        return [(s, e) for s, e, _ in found]

    def _matches(self, text, start, end, rules, found):
        """(start, end, printed, rule) of each organisation name; None for a known name. Skips
        names overlapping those the caller has put into `found`."""
        if self._known is not None:
            for match in self._known.finditer(text, start, end):
                yield match.start(), match.end(), match.group(0), None
        for rule in rules["people"].rules:
            if rule.get("kind") != "organisation" or rule.pattern is None:
                continue
            for match in rule.pattern.finditer(text, start, end):
                s, e = match.span("organisation")
                if any(s < fe and fs < e for fs, fe, _ in found):
                    continue
                if not rule.get("actor") and self.generic(match.group("organisation")):
                    continue
                yield s, e, match.group("organisation"), rule
