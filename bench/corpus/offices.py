"""Who held which office when: the people a synthetic article of a given date can name.

Terms are approximate (to the month); the generator only needs plausible pairings, so that
a 2019 article has Javid and Castaner, a 2023 one Braverman or Cleverly and Darmanin.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Term:
    name: str
    office: str  # as printed: "Home Secretary", "Interior Minister", ...
    start: date
    end: date


TERMS = [
    Term("Sajid Javid", "Home Secretary", date(2018, 4, 30), date(2019, 7, 24)),
    Term("Priti Patel", "Home Secretary", date(2019, 7, 24), date(2022, 9, 6)),
    Term("Suella Braverman", "Home Secretary", date(2022, 9, 6), date(2023, 11, 13)),
    Term("James Cleverly", "Home Secretary", date(2023, 11, 13), date(2024, 7, 5)),
    Term("Yvette Cooper", "Home Secretary", date(2024, 7, 5), date(2025, 9, 5)),
    Term("Christophe Castaner", "Interior Minister", date(2018, 10, 16), date(2020, 7, 6)),
    Term("Gérald Darmanin", "Interior Minister", date(2020, 7, 6), date(2024, 9, 21)),
    Term("Bruno Retailleau", "Interior Minister", date(2024, 9, 21), date(2025, 10, 12)),
    Term("Theresa May", "Prime Minister", date(2016, 7, 13), date(2019, 7, 24)),
    Term("Boris Johnson", "Prime Minister", date(2019, 7, 24), date(2022, 9, 6)),
    Term("Rishi Sunak", "Prime Minister", date(2022, 10, 25), date(2024, 7, 5)),
    Term("Keir Starmer", "Prime Minister", date(2024, 7, 5), date(2025, 12, 31)),
    Term("Emmanuel Macron", "President", date(2017, 5, 14), date(2025, 12, 31)),
    Term("Chris Philp", "Immigration Minister", date(2020, 2, 14), date(2021, 9, 16)),
    Term("Robert Jenrick", "Immigration Minister", date(2022, 10, 25), date(2023, 12, 6)),
    Term("Michael Tomlinson", "Immigration Minister", date(2023, 12, 7), date(2024, 7, 5)),
]

FIRST_DAY, LAST_DAY = date(2018, 10, 16), date(2025, 8, 31)  # both ministries filled throughout


def holder(office: str, day: date) -> Term | None:
    return next((t for t in TERMS if t.office == office and t.start <= day < t.end), None)


# Campaigners quoted in the seeds' style: (name, office, organisation).
CRITICS = [
    ("Enver Solomon", "chief executive", "Refugee Council"),
    ("Bridget Chapman", "spokesperson", "Kent Refugee Action Network"),
    ("Clare Moseley", "founder", "Care4Calais"),
    ("Tim Naor Hilton", "chief executive", "Refugee Action"),
    ("Sonya Sceats", "chief executive", "Freedom from Torture"),
    ("Steve Valdez-Symonds", "director", "Amnesty International"),
]
