"""People, which of their mentions is whom, and who speaks each sentence.

Two passes over the article. The first finds *defining* mentions, where a name comes with an
office or organisation ("Home Secretary Priti Patel", "Enver Solomon, CEO of the Refugee
Council"). The second links the rest to them: a full name already known, "Mr Sunak",
"Minister Castaner", and a bare full name that opens with a given name ("Boris Johnson").
Names are compared with accents, case and punctuation ignored, so "Gerald" is "Gérald" and
"RIshi" is Rishi. How a printed name is read is person_names.py; which office a title names,
and who holds an office named without a name, is offices.py.
"""

import re
from functools import cache

from .. import iris
from .lexicon import Lexicon, find_by_name, fold_name
from .loader import Rules
from .offices import (add_office, find_offices, hold_office, nationality_country, office_holder,
                      office_organisation, office_organisations)
from .organisations import Organisations
from .records import Office, People, Person
from .person_names import clean_name, first_name_title, given_name_opens
from .text import Sentence, overlaps

_DEFINING = ("person-org-role-name", "person-org-word-role-name", "person-role-name", "person-name-comma-role",
             "person-name-from-org", "person-honorific-name")
_LINKING = ("person-role-surname", "person-honorific-surname", "person-known-name",
            "person-coordinated-name-before", "person-coordinated-name-after", "person-given-name",
            "person-surname-saying", "person-saying-surname")
# A bare surname is a person's only as a second reference: someone the article named before.
_BARE_SURNAME = ("person-surname-saying", "person-saying-surname")
# Names that are a person's only beside a known person: "Emmanuel Macron and Rishi Sunak agreed".
_COORDINATED = ("person-coordinated-name-before", "person-coordinated-name-after")
_NEXT_WORD = re.compile(r"\S+\s+")


def find_people(text: str, sentences: list[Sentence], rules: Rules, lexicon: Lexicon,
                organisations: Organisations) -> People:
    family = rules["people"]
    tables = family.tables
    people = People({}, [])
    taken: list[tuple[int, int]] = []
    # Surnames the article gives a title ("Mr Macron"): a full name ending in one is a person's.
    titled = {fold_name(m.group("surname")) for m in family.rule("person-honorific-surname").pattern.finditer(text)
              if not first_name_title(m.group("honorific"), tables)}

    @cache  # only when a bare full name opens with a given name
    def taken_by_organisations():
        """Organisations' names, which no bare full name may be part of ("Kent Refugee Action Network")."""
        return [span for sentence in sentences for span in organisations.spans(text, sentence.start, sentence.end, rules)]
    # Organisations first: "chargé de communication de l'association" is the one named before.
    org_mentions = [(s, e, o) for sentence in sentences
                    for s, e, o in organisations.find(text, sentence.start, sentence.end, rules)]
    for rule_ids in (_DEFINING, _LINKING):
        for sentence in sentences:
            for rule_id in rule_ids:
                rule = family.rule(rule_id)
                for match, person in _candidates(rule.pattern, text, sentence, lambda m: _person_from_match(
                        m, rule_id, people, lexicon, tables, organisations, taken, titled, taken_by_organisations)):
                    people.mentions.append((match.start(), match.end(), person))
    people.mentions += [m for m in org_mentions if not overlaps(m[0], m[1], taken)]
    people.offices = []
    definite = family.rule("person-office-holder").pattern
    for office in find_offices(text, sentences, family, taken):
        said_definitely = definite.search(text, max(0, office.start - 30), office.start)
        holder = office_holder(office, people, lexicon) if said_definitely else None
        if holder is None:
            people.offices.append(office)
        else:  # "Priti Patel announced ... The Home Secretary agreed": her, not a bare office
            hold_office(holder, next(r for r in tables["roles"].values() if r.get("label") == office.role), office.country)
            holder.mentions.append((office.start, office.end, "person-office-holder"))
            people.mentions.append((office.start, office.end, holder))
    people.mentions.sort(key=lambda m: (m[0], m[1]))
    _counterparts_countries(text, sentences, family, people)
    for person in people.persons.values():
        office_organisations(person, tables, organisations)
    for person in people.persons.values():
        # A known person's country does not change with the story ("Gérald Darmanin discussed ...").
        person.country = person.country or lexicon.person_countries.get(person.iri)
    people.speakers, people.quoted = _speakers(text, sentences, family, people, rules.marks)
    return people


def _candidates(pattern, text, sentence, accept):
    """Matches of a pattern and what `accept` makes of them. A rejected match gives its words
    back from its next word on: "his British counterpart, Home Secretary James Cleverly" is no
    name after "counterpart", but "Home Secretary James Cleverly" is one."""
    position = sentence.start
    while (match := pattern.search(text, position, sentence.end)) is not None:
        found = accept(match)
        if found is not None:
            yield match, found
            position = match.end()
        else:
            following = _NEXT_WORD.search(text, match.start(), sentence.end)
            position = following.end() if following else sentence.end


def _person_from_match(match, rule_id, people, lexicon, tables, organisations, taken, titled,
                       taken_by_organisations) -> Person | None:
    groups = match.groupdict()
    name_group = "name" if groups.get("name") else "surname"
    span = match.span(name_group)
    if overlaps(*span, taken):
        # "son homologue britannique, Mme Priti Patel, ministre de l'Intérieur du Royaume-Uni":
        # the same name defined again by an office after it; that office is hers too (not the
        # words inside the first definition: "shadow home secretary Yvette Cooper")
        again = next((p for p in people.persons.values() if (span[0], span[1], ) in {m[:2] for m in p.mentions}), None)
        if again is not None and name_group == "name" and groups.get("role") and match.start() == span[0]:
            add_office(again, groups, tables)
            taken.append(match.span())  # its office names her, not an unnamed office
        return None
    if name_group == "name":
        name = clean_name(groups["name"], tables)
        if name is None:
            return None
        known = find_by_name(lexicon.persons, name)
        already = _found(people, name)
        if rule_id == "person-known-name" and not (known or already or _titled(name, titled)):
            return None
        if rule_id in _COORDINATED and not _is_person(groups["partner"], people, lexicon, tables, titled):
            return None
        if rule_id == "person-given-name" and not (known or already) and (
                not given_name_opens(groups["name"], tables) or overlaps(*span, taken_by_organisations())):
            return None
        iri = known or (already.iri if already else iris.person(name))
        label = lexicon.person_labels.get(iri) or (already.label if already else name)
    else:
        first_name = first_name_title(groups.get("honorific"), tables)  # "Sir Keir" is Keir Starmer
        person = _by_surname(groups["surname"], match.start(), people, lexicon, 0 if first_name else -1,
                             earlier_only=rule_id in _BARE_SURNAME)
        if person is None:
            return None
        iri, label = person.iri, person.label
    person = people.persons.setdefault(iri, Person(iri, label))
    organisation = None
    if groups.get("organisation"):
        organisation = office_organisation(groups, match.span("organisation"), rule_id, tables, organisations)
        if organisation is not None and organisation not in person.member_of:
            person.member_of.append(organisation)
    add_office(person, groups, tables, organisation)
    person.mentions.append((span[0], span[1], rule_id))
    taken.append(match.span())
    return person


def _found(people: People, name: str) -> Person | None:
    return next((p for p in people.persons.values() if fold_name(p.label) == fold_name(name)), None)


def _titled(name: str, titled: set) -> bool:
    return fold_name(name).split(" ")[-1] in titled


def _is_person(printed: str, people: People, lexicon: Lexicon, tables: dict, titled: set) -> bool:
    """Whether a printed full name is a person's already: curated, found, or titled later."""
    name = clean_name(printed, tables)
    return name is not None and bool(find_by_name(lexicon.persons, name) or _found(people, name)
                                     or _titled(name, titled))


def _by_surname(surname: str, position: int, people: People, lexicon: Lexicon, part: int = -1,
                earlier_only: bool = False) -> Person | None:
    """The person with this surname (or first name: `part` 0) mentioned last before `position`,
    else (unless `earlier_only`) anyone in the article with it, else the one person of the
    curated graph with it."""
    wanted = fold_name(surname)
    def has(label):
        return fold_name(label).split(" ")[part] == wanted
    earlier = [m for m in people.mentions if m[0] < position and isinstance(m[2], Person) and has(m[2].label)]
    if earlier or earlier_only:
        return earlier[-1][2] if earlier else None
    in_article = [p for p in people.persons.values() if has(p.label)]
    if in_article:
        return in_article[0]
    curated = sorted({iri for name, iri in lexicon.persons.items() if has(name)})
    if len(curated) == 1:
        return Person(curated[0], lexicon.person_labels.get(curated[0], surname))
    return None


def _counterparts_countries(text, sentences, family, people: People) -> None:
    """"Gérald Darmanin received his British counterpart": whose counterpart is British is of
    the other country (the counterpart row's `opposite`), unless the article says otherwise.
    When that person's office names its `counterpart` (a roles row), the counterpart holds it:
    "a reçu son homologue britannique, James Cleverly" makes Cleverly the Home Secretary, and
    an unnamed "son homologue britannique" is that office taking part."""
    rule = family.rule("person-counterpart-of")
    roles = family.tables["roles"]
    # the roles row with `opposite`: "counterpart" names no office, only the other country's
    opposite = next(row["opposite"] for row in roles.values() if "opposite" in row)
    for sentence in sentences:
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            named = nationality_country(match.group("nationality"), family.tables)
            country = opposite.get(named)
            before = [m[2] for m in people.in_span(sentence.start, match.start()) if isinstance(m[2], Person)]
            also = match.groupdict().get("other_nationality")
            if also:
                # "Elle … doit rencontrer ses homologues français et britannique": she (the person
                # named last) is of neither, but of the one other country named from her mention
                # on ("la Belgique"), else of none the article can tell
                earlier = [m for m in people.mentions if m[0] < match.start() and isinstance(m[2], Person)]
                theirs = {named, nationality_country(also, family.tables)}
                if earlier and earlier[-1][2].country in theirs:
                    earlier[-1][2].country = _other_country(text[earlier[-1][0]:match.end()], family.tables, theirs)
                continue
            if country and before and before[-1].country is None:
                before[-1].country = country
            offices = [roles[row["counterpart"]] for row in roles.values()
                       if before and row.get("label") in before[-1].roles and row.get("counterpart") in roles]
            if not offices:
                continue
            # the name right after it, a courtesy title between ("son homologue britannique, Mme Priti Patel")
            after = [p for p in people.persons.values() for m in p.mentions
                     if match.end() <= m[0] <= match.end() + 8 and len(text[match.end():m[0]].strip(" ,:").split()) <= 1
                     and not text[match.end():m[0]].strip(" ,:").islower()]
            if after and not after[0].roles:
                hold_office(after[0], offices[0], named)
            elif not after:
                people.offices.append(Office(match.start(), match.end(), offices[0]["label"], named, rule.id,
                                             bool(offices[0].get("minister") or offices[0].get("party"))))


def _other_country(words: str, tables: dict, excluded: set) -> str | None:
    """The one country the words name by a nationality word, outside `excluded`."""
    found = {code for code, row in tables["nationalities"].items() if code not in excluded and any(
        re.search(rf"(?<![\w-]){p}(?![\w-])", words, re.IGNORECASE) for p in row["match"])}
    return found.pop() if len(found) == 1 else None


def _speakers(text, sentences, family, people: People, marks) -> tuple[dict, set]:
    """Who speaks each sentence: the name nearest a verb of saying, or the last person for
    "he said"; the rest of a quotation that "X said:" opens (up to its closing mark, in the same
    paragraph) and quoted paragraphs that follow keep X as speaker. Also which sentences are
    quotations (they open with a quotation mark or continue one)."""
    verb, pronoun = family.rule("speaker-verb").pattern, family.rule("speaker-pronoun").pattern
    first_person = family.rule("speaker-first-person").pattern
    opens_with_mark = re.compile(rf"\s*{marks.one_of(marks.opening)}")
    quote_after = re.compile(rf"\s*[:,]?\s*{marks.one_of(marks.opening)}")   # 'X said: "…'
    quote_before = re.compile(rf"{marks.one_of(marks.closing)}\s*,?\s*$")    # '"…," said X'
    speakers, quoted, last_person, carried, carried_paragraph = {}, set(), None, None, None
    open_quote, quote_speaker, quote_paragraph = False, None, None
    for sentence in sentences:
        if sentence.paragraph != quote_paragraph:
            open_quote = False
        here = people.in_span(sentence.start, sentence.end)
        speaker = None
        if pronoun.search(text, sentence.start, sentence.end) and not any(isinstance(m[2], Person) for m in here):
            speaker = last_person  # "he called for ... working with the EU": he, not the EU
        elif (match := verb.search(text, sentence.start, sentence.end)) and here:
            speaker = min(_outside_quotation(here, text, match, quote_after, quote_before),
                          key=lambda m: min(abs(m[1] - match.start()), abs(m[0] - match.end())))[2]
        if speaker is None and open_quote and quote_speaker is not None:
            speaker = quote_speaker  # 'X said: "This is like Groundhog Day. At least once a month ...'
            quoted.add(sentence.start)
        if speaker is None and carried is not None and sentence.paragraph != carried_paragraph \
                and _continues_quote(sentence.text, opens_with_mark, first_person):
            speaker = carried
            quoted.add(sentence.start)
        was_open, open_quote = open_quote, _quote_open_after(sentence.text, open_quote, marks)
        if open_quote and not was_open:
            quote_speaker = speaker
        quote_paragraph = sentence.paragraph
        if speaker is not None:
            speakers[sentence.start] = speaker
            carried, carried_paragraph = speaker, sentence.paragraph
        elif sentence.paragraph != carried_paragraph:
            carried = None
        persons = [m[2] for m in here if isinstance(m[2], Person)]
        last_person = persons[-1] if persons else last_person
        if opens_with_mark.match(sentence.text):
            quoted.add(sentence.start)
    return speakers, quoted


def _outside_quotation(here: list, text: str, verb: re.Match, quote_after, quote_before) -> list:
    """The names that may speak a sentence: not those inside the quotation the verb opens
    ('A Home Office spokesperson said: "Both the home secretary and …"' is the Home Office's)
    or closes ('"… the Home Secretary," said Enver Solomon'), when a name stands outside it."""
    if quote_after.match(text, verb.end()):
        outside = [m for m in here if m[1] <= verb.start()]
    elif quote_before.search(text, 0, verb.start()):
        outside = [m for m in here if m[0] >= verb.end()]
    else:
        outside = []
    return outside or here


def _quote_open_after(sentence_text: str, open_before: bool, marks) -> bool:
    """Whether a double quotation is still open after the sentence. Straight marks toggle;
    curly ones open and close. Single marks are left alone: they are also apostrophes."""
    is_open = open_before
    for mark in re.findall(marks.one_of(marks.toggle + marks.open_double + marks.close_double), sentence_text):
        is_open = (not is_open) if mark in marks.toggle else (mark in marks.open_double)
    return is_open


def _continues_quote(sentence_text: str, opens_with_mark: re.Pattern, first_person: re.Pattern) -> bool:
    """A paragraph that opens with a quotation mark or speaks in the first person."""
    return bool(opens_with_mark.match(sentence_text)) or bool(first_person.search(sentence_text))
