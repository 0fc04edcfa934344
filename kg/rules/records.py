"""The records the families hand to each other: people and offices (people.py, offices.py) and
meetings and agreements (events.py, event_dates.py). Kept apart from the modules that fill them,
so that those import the records and not each other."""

from dataclasses import dataclass, field

from rdflib import URIRef

from .dates import DateMention
from .organisations import Organisation
from .text import Sentence


@dataclass
class Person:
    iri: URIRef
    label: str
    roles: list[str] = field(default_factory=list)  # ck:role, as the roles table labels it
    country: str | None = None
    minister: bool = False
    party: bool = False        # holds an office that takes part in meetings and agreements
    member_of: list[Organisation] = field(default_factory=list)
    mentions: list = field(default_factory=list)    # (start, end, rule id)


@dataclass(frozen=True)
class Office:
    """An office named without its holder: "the Home Secretary", "her French counterpart"."""
    start: int
    end: int
    role: str
    country: str | None
    rule: str
    party: bool = False  # an office that takes part in meetings and agreements (a minister's)


@dataclass
class People:
    persons: dict                                       # IRI -> Person, in order of first mention
    offices: list[Office]
    mentions: list = field(default_factory=list)        # (start, end, Person or Organisation), sorted
    speakers: dict = field(default_factory=dict)        # sentence start -> Person or Organisation
    quoted: set = field(default_factory=set)            # starts of sentences inside a quotation

    def in_span(self, start: int, end: int) -> list:
        return [m for m in self.mentions if start <= m[0] and m[1] <= end]


@dataclass
class Event:
    kind: str                        # "meeting" or "agreement"
    type: str                        # call, meeting, summit, agreement, joint-action-plan, ...
    key: tuple | None                # (year, month, day) known of its date; None for the main one
    main: bool
    date: DateMention | None = None  # the words that date it
    parties: list[Person] = field(default_factory=list)
    party_roles: list[str] = field(default_factory=list)
    mentions: list = field(default_factory=list)  # (sentence, start, end, rule id)
    iri: URIRef | None = None
    known_labels: tuple = ()         # ((language, rdfs:label), ...) of the known event it is
    labels: dict = field(default_factory=dict)   # language -> rdfs:label (kg/rules/labels.py)
    outcome: "Event | None" = None

    @property
    def sentences(self) -> list[Sentence]:
        return list(dict.fromkeys(m[0] for m in self.mentions))
