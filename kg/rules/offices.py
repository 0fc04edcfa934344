"""Offices and roles: which office a printed title names, who holds it, and what it is of.

The roles table of people.yaml labels each office ("Home Secretary") and says whether its
holder is a minister or takes part in meetings and agreements (a *party* office). A government
office is of its country's government ("Prime Minister of France"); an office of another
organisation is that organisation's only ("president of the Rassemblement National"). An
office named without its holder ("the Home Secretary agreed") is the one person the article,
or the curated graph, says holds it.
"""

import re

from .lexicon import Lexicon
from .organisations import Organisation, Organisations
from .records import Office, People, Person
from .text import overlaps


def office_organisation(groups: dict, span: tuple, rule_id: str, tables: dict,
                        organisations: Organisations) -> Organisation | None:
    """The organisation an office is "of": for a government office, a country stands for its
    government ("Prime Minister of France"); "de l'association", the one named before (None
    if none was); otherwise the organisation named."""
    if organisations.is_anaphora(groups["organisation"]):
        return organisations.earlier(groups["organisation"], *span, rule_id)
    row = _role_row(groups["role"], tables) if groups.get("role") else None
    if row is not None and _government_office(row):
        actor = organisations.actor(groups["organisation"], *span, rule_id)
        if actor is not None:
            return actor
    return organisations.resolve(groups["organisation"], *span, rule_id)


def _government_office(row: dict) -> bool:
    return bool(row.get("minister") or row.get("party") or row.get("member-of"))


def add_office(person: Person, groups: dict, tables: dict, organisation: Organisation | None = None) -> None:
    """The office a defining mention prints ("Home Secretary Priti Patel"), for its person."""
    if not groups.get("role"):
        return
    nationality = nationality_country(groups.get("nationality"), tables)
    row = _role_row(groups["role"], tables, nationality)
    if row is None:
        return
    if organisation is not None and not organisation.government and _government_office(row) and row.get("label"):
        # "Jordan Bardella, president of the Rassemblement National": the party's president,
        # not the head of state: an office of that organisation only, no government, no party
        # to agreements, and a label that no "the French president" can resolve to.
        row = {"label": tables["role-of-organisation"].format(role=row["label"], organisation=organisation.label)}
        hold_office(person, row, nationality or organisation.country)
        return
    # "Prime Minister of France": the country of the government it is of
    government_country = organisation.country if organisation is not None and organisation.government else None
    hold_office(person, row, nationality or government_country or row.get("country"))


def hold_office(person: Person, row: dict, country: str | None) -> None:
    """The person holds the office of a roles-table row, and is of its country unless known."""
    if row.get("label") and row["label"] not in person.roles:  # "her French counterpart": no office named
        person.roles.append(row["label"])
    person.minister = person.minister or bool(row.get("minister"))
    person.party = person.party or bool(row.get("minister") or row.get("party"))
    if person.country is None and country:
        person.country = country


def office_holder(office: Office, people: People, lexicon: Lexicon) -> Person | None:
    """The one person who holds the office, by the article's words or (if named before it) the
    curated graph's ck:role, and of its country; None when nobody or several do. A role the
    graph knows may be past: "the Prime Minister" of 2025 is not the Rishi Sunak a later
    paragraph recalls."""
    def holds(person):
        country = person.country or lexicon.person_countries.get(person.iri)
        known = office.role in lexicon.person_roles.get(person.iri, ()) and \
            min(m[0] for m in person.mentions) < office.start
        return (office.role in person.roles or known) and not (office.country and country and office.country != country)
    holders = [p for p in people.persons.values() if holds(p)]
    return holders[0] if len(holders) == 1 else None


def office_organisations(person: Person, tables: dict, organisations: Organisations) -> None:
    """A Home Secretary belongs to the Home Office: the office names its organisation."""
    for label in person.roles:
        row = next((r for r in tables["roles"].values() if r.get("label") == label), {})
        name = (row.get("member-of") or {}).get(person.country)
        if name:
            start, end, _ = person.mentions[0]
            organisation = organisations.resolve(name, start, end, "person-office-organisation")
            if organisation not in person.member_of:
                person.member_of.append(organisation)


def _role_row(printed: str, tables: dict, country: str | None = None) -> dict | None:
    """The roles row a printed office names; with the nationality printed beside it, the row
    its `by-country` names for that country ("ministre de l'Intérieur britannique" is the Home
    Secretary, whatever word order the language puts the nationality in)."""
    words = " ".join(printed.split())
    row = next((row for row in tables["roles"].values()
                if any(re.fullmatch(p, words, re.IGNORECASE) for p in row["match"])), None)
    other = ((row or {}).get("by-country") or {}).get(country)
    return tables["roles"][other] if other else row


def nationality_country(printed: str | None, tables: dict) -> str | None:
    """The country code a printed nationality stands for ("French": FR)."""
    if not printed:
        return None
    return next((code for code, row in tables["nationalities"].items()
                 if any(re.fullmatch(p, printed, re.IGNORECASE) for p in row["match"])), None)


def find_offices(text, sentences, family, taken) -> list[Office]:
    """Offices named without a name ("the Home Secretary"), outside the spans names took."""
    rule = family.rule("person-role-only")
    offices = []
    for sentence in sentences:
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            if overlaps(*match.span(), taken):
                continue
            nationality = nationality_country(match.group("nationality"), family.tables)
            row = _role_row(match.group("role"), family.tables, nationality)
            if row is not None and row.get("label"):  # "her French counterpart" names no office
                country = nationality or row.get("country")
                offices.append(Office(match.start(), match.end(), row["label"], country, rule.id,
                                      bool(row.get("minister") or row.get("party"))))
    return offices
