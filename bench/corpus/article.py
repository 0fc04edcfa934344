"""One synthetic news article about UK–France cooperation on small boats, from a seed number.

The text follows the seeds: a headline, a dateline in one of the formats newsrooms print, a
meeting or call between the Home Secretary and the French Interior Minister in office on that
day, what they agreed (pledges phrased with the pledge-type scheme's labels, sometimes as a
bulleted package), money in £, € or $ (sometimes restated in a second currency or paid over
years), statistics phrased with the measure scheme's labels, the Prime Minister's words, and a
campaigner who disputes it all. Every choice is drawn from `random.Random(seed)`, so the same
seed always gives the same text.
"""

import random
from datetime import date, timedelta

from . import offices
from .vocab import MEASURE_SCHEME, PLEDGE_SCHEME, labels

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BACKGROUND = [
    "The Channel is one of the busiest shipping lanes in the world.",
    "Crossings usually rise over the summer months, when the sea is calmer.",
    "The French coast between Boulogne and Dunkirk is long and hard to patrol.",
    "Smugglers have moved their launch points further up the coast in recent months.",
    "Charities in Calais say hundreds of people are sleeping rough near the beaches.",
    "The government is bringing forward new laws to deter illegal entry into the UK.",
    "MPs on the Home Affairs Committee have questioned whether the money is well spent.",
    "Boats are often overcrowded, and many of those on board cannot swim.",
    "Rescue services in Dover say their crews are stretched.",
    "Ministers have repeatedly promised to bring numbers down before the next election.",
]
PLACES = ["Paris", "London", "Calais", "Dunkirk", "Lille", "Folkestone"]


def write_article(seed: int) -> str:
    rng = random.Random(seed)
    span = (offices.LAST_DAY - offices.FIRST_DAY).days
    published = offices.FIRST_DAY + timedelta(days=rng.randrange(span))
    uk = offices.holder("Home Secretary", published)
    fr = offices.holder("Interior Minister", published)
    pm = offices.holder("Prime Minister", published)
    pledge_words, measure_words = labels(PLEDGE_SCHEME), labels(MEASURE_SCHEME)
    pledges = [rng.choice(pledge_words[slug]) for slug in rng.sample(sorted(pledge_words), rng.randint(3, 6))]
    lines = [_headline(rng, uk, pledges), *_dateline(rng, published), ""]
    when, meeting_day = _meeting_day(rng, published)
    lines += _meeting(rng, uk, fr, when, pledges[:2])
    lines += _agreement(rng, pledges[2:], meeting_day)
    lines += _money(rng, published)
    lines += _statistics(rng, published, measure_words)
    if pm is not None and rng.random() < 0.6:
        pronoun = "she" if pm.name == "Theresa May" else "he"
        lines.append(f"Prime Minister {pm.name} said the agreement would help to \"stop the boats\" "
                     f"and that {pronoun} was \"confident\" numbers would fall.")
    if rng.random() < 0.3:
        lines.append(f"Read more: {rng.choice(['Migrants', 'Small boats', 'Channel'])} – what happens next")
    lines += rng.sample(BACKGROUND, rng.randint(2, 5))
    lines += _critic(rng)
    return "\n".join(lines).strip() + "\n"


def _surname(person) -> str:
    return person.name.split()[-1]


def _headline(rng, uk, pledges) -> str:
    return rng.choice([
        f"{uk.name} and French counterpart agree new steps on Channel crossings",
        "Britain and France to strengthen joint action against small boats",
        f"UK and France sign deal on {pledges[0]} to stop small boats",
        f"Home Secretary {_surname(uk)} vows to make Channel crossings 'unviable'",
        "Home Secretary and French counterpart discuss illegal migration",
    ])


def _dateline(rng, day: date) -> list[str]:
    month, weekday = MONTHS[day.month - 1], WEEKDAYS[day.weekday()]
    hour, minute = rng.randrange(6, 22), rng.randrange(60)
    formats = [
        [f"{hour:02d}:{minute:02d}, {day.day} {month} {day.year}",
         f"updated: {hour + 2:02d}:{minute:02d}, {day.day} {month} {day.year}"],
        [f"{day.day} {month[:3]} {day.year} {(hour - 1) % 12 + 1:02d}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"],
        [f"Published: {weekday} {day.day} {month} {day.year}"],
        [day.isoformat()],
        [f"{month} {day.day}, {day.year}"],
    ]
    return rng.choice(formats)


def _meeting_day(rng, published: date) -> tuple[str, date]:
    """Date words for the meeting as a reporter writes them, and the day they mean."""
    back = rng.randrange(1, 6)
    day = published - timedelta(days=back)
    choice = rng.randrange(5)
    if choice == 0:
        return "yesterday evening", published - timedelta(days=1)
    if choice == 1:
        return f"on {WEEKDAYS[day.weekday()]}", day
    if choice == 2:
        return f"today ({WEEKDAYS[published.weekday()]} {published.day} {MONTHS[published.month - 1]})", published
    if choice == 3:
        return f"on {WEEKDAYS[day.weekday()]} ({day.day} {MONTHS[day.month - 1]})", day
    return f"on {day.day} {MONTHS[day.month - 1]} {day.year}", day


def _meeting(rng, uk, fr, when: str, pledges: list[str]) -> list[str]:
    place = rng.choice(PLACES)
    opener = rng.choice([
        f"Home Secretary {uk.name} met French Interior Minister {fr.name} in {place} {when} to discuss "
        "what more can be done to stop small boats crossing the Channel.",
        f"Home Secretary {uk.name} spoke with French Interior Minister {fr.name} {when} about small boats "
        "crossing the Channel and the operational response to it.",
        f"The Home Secretary, {uk.name}, and the French interior minister, {fr.name}, held talks in {place} "
        f"{when} on illegal migration across the Channel.",
    ])
    return [
        "The Home Secretary and her French counterpart have agreed to intensify joint action to tackle "
        "small boat crossings in the Channel." if rng.random() < 0.5 else
        "Britain and France have both vowed to make the dangerous crossings \"unviable\".",
        opener,
        f"The two ministers committed to {pledges[0]} and {pledges[1]}.",
    ]


def _agreement(rng, pledges: list[str], day: date) -> list[str]:
    if not pledges:
        return []
    if rng.random() < 0.4:
        items = [f"- {p[0].upper() + p[1:]} along the French coast" for p in pledges]
        return ["The package agreed at the meeting also includes:", *items]
    listed = ", ".join(pledges[:-1]) + f" and {pledges[-1]}" if len(pledges) > 1 else pledges[0]
    return [rng.choice([
        f"The agreement signed on {day.day} {MONTHS[day.month - 1]} {day.year} includes {listed}.",
        f"Both nations agreed to implement {listed}.",
        f"The deal also pledges {listed}.",
    ])]


def _money(rng, published: date) -> list[str]:
    millions = rng.choice([round(rng.uniform(2, 90), 1), rng.randrange(5, 600)])
    pounds = f"£{millions:g}m"
    euros = f"€{round(millions * 1.15, 1):g}m"
    year = published.year
    choice = rng.randrange(4)
    if choice == 0:
        return [f"The UK has pledged to make a further financial investment of {euros} to support "
                "France's significant efforts against small boats."]
    if choice == 1:
        return [f"Under the deal the UK will pay France {euros} ({pounds}) to increase security on its northern coast."]
    if choice == 2:
        first, second = rng.randrange(40, 200), rng.randrange(40, 200)
        return [f"Britain will pay £{first}m in {year}-{(year + 1) % 100:02d} and £{second}m in "
                f"{year + 1}-{(year + 2) % 100:02d}, according to Downing Street."]
    return [f"The agreement includes over {millions:g} million euros (${round(millions * 1.2):g} million) "
            "investment in new security equipment."]


def _statistics(rng, published: date, measures: dict[str, list[str]]) -> list[str]:
    people = rng.randrange(300, 46000)
    lines = [
        f"It comes after it was revealed {people:,} people reached the UK via the Channel last year."
        if rng.random() < 0.5 else
        f"So far this year, Channel crossings are believed to have reached over {people:,}.",
        f"Almost {rng.randrange(100, 900)} asylum seekers were intercepted or rescued by UK authorities "
        f"on {WEEKDAYS[(published.weekday() - 2) % 7]}.",
    ]
    if rng.random() < 0.6:
        lines.append(f"Since January, over {rng.randrange(20, 400)} people who entered the UK illegally "
                     "on small boats have been returned to Europe.")
    if rng.random() < 0.5:
        lines.append(f"Immigration Enforcement have disrupted {rng.randrange(10, 90)} organised crime groups "
                     "involved in people smuggling.")
    if rng.random() < 0.5:
        lines.append(f"According to Downing Street, there will be a {rng.randrange(10, 60)} per cent increase "
                     "in the number of officers patrolling beaches in northern France.")
    slug = rng.choice(sorted(measures))
    lines.append(f"Officials also recorded {rng.randrange(2, 5000):,} {rng.choice(measures[slug])} over the period.")
    return lines


def _critic(rng) -> list[str]:
    name, office, organisation = rng.choice(offices.CRITICS)
    surname = name.split()[-1]
    return [
        f"{name}, {office} of {organisation}, claimed the deal will \"do little to end the crossings\".",
        f"\"The Government must create safe routes for people seeking asylum,\" {surname} said.",
    ]
