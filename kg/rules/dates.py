"""Dates in article text, resolved against the publication date.

dateparser reads the printed forms (month names, datelines) in the pack's language, and CLDR
names the weekdays (kg/rules/locale_data.py); the arithmetic of relative dates
("last night", "on Thursday", "in January") is ours and deliberately small: every relative date
points back from the publication day, because news reports what has happened. The anchor is
the printed publication date, else one the external graph knows (see metadata.Anchor). Without
either a relative date is kept unresolved: its words become ck:dateText, never a guess.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .loader import Rules
from .locale_data import number_in_words


@dataclass(frozen=True)
class DateMention:
    start: int            # offsets into the article text
    end: int
    text: str             # the words as printed
    rule: str
    value: date | None    # first day of the day/week/month/year meant; None when unresolved
    precision: str        # "day", "week", "month" or "year"
    role: str = "point"   # "point", or "since" for the start of a period
    says_today: bool = False  # "today (Tuesday 20 July)": the printed day of writing (group `writing_day`)
    printed: tuple = (None, None, None)  # (year, month, day) as far as the words themselves say
    anchored: bool = False  # resolved only thanks to the anchor: the words alone do not fix it
    months: int = 1         # of a period of several months from `value` ("the first two months of the year")

    @property
    def parts(self) -> tuple | None:
        """(year, month, day) known of the date, resolved or only printed; None if nothing is."""
        if self.value is not None:
            v = self.value
            month = (v.year, v.month, None) if self.months == 1 else (v.year, None, None)
            return {"day": (v.year, v.month, v.day), "week": None, "month": month,
                    "year": (v.year, None, None)}[self.precision]
        return self.printed if any(self.printed) else None

    @property
    def resolved(self) -> bool:
        return self.value is not None

    @property
    def day(self) -> date | None:
        return self.value if self.precision == "day" else None

    @property
    def last_day(self) -> date | None:
        """The last day of the period meant (a week's Sunday, a month's last day...)."""
        if self.value is None:
            return None
        step = {"day": relativedelta(days=1), "week": relativedelta(weeks=1),
                "month": relativedelta(months=self.months), "year": relativedelta(years=1)}[self.precision]
        return self.value + step - timedelta(days=1)


RECENT_DAYS = 31  # date words that end longer than this before publication name another time than the news


def well_before(mention: DateMention | None, anchor: date | None) -> date | None:
    """The last day of the period the mention names, when that ends well before publication
    ("last year" in July 2021); None for the news's own days, undated or unresolved words."""
    if mention is None or mention.value is None or anchor is None:
        return None
    last = mention.last_day
    return last if last < anchor - timedelta(days=RECENT_DAYS) else None


def find_dates(text: str, start: int, end: int, rules: Rules, anchor: date | None) -> list[DateMention]:
    """Date mentions in text[start:end], without overlaps, in text order."""
    candidates = []
    for rule in rules["dates"].rules:
        for match in rule.pattern.finditer(text, start, end):
            candidates.append((match.start(), -(match.end() - match.start()), len(candidates), rule, match))
    mentions, taken_until = [], -1
    for match_start, _, _, rule, match in sorted(candidates, key=lambda c: c[:3]):
        if match_start < taken_until:
            continue
        mentions.append(_resolve(rule, match, _base(rule, mentions, anchor), rules))
        taken_until = match.end()
    return mentions


def _base(rule, earlier: list[DateMention], anchor: date | None) -> date | None:
    """What a date rule counts from: the publication day, or for `relative-to: previous` ("a
    year earlier", "the last three months of the year") the date named before it in the same
    text, when there is one."""
    if rule.get("relative-to") == "previous":
        previous = next((m for m in reversed(earlier) if m.value is not None and m.role == "point"), None)
        if previous is not None:
            return previous.value
    return anchor


def _resolve(rule, match: re.Match, anchor: date | None, rules: Rules) -> DateMention:
    groups = {k: v for k, v in match.groupdict().items() if v}
    locale = rules.locale
    months = _months_counted(groups, rules["dates"].tables["period-months"], locale)
    if months is None:
        groups.pop("monthcount")  # "the first few months of 2024": how many is not said
    if "month" in groups:
        groups["monthnumber"] = groups.get("monthnumber") or str(locale.month_number(groups["month"]) or "")
    if "weekday" in groups:
        groups["weekdaynumber"] = locale.weekday_number(groups["weekday"])
    groups["monthtotal"] = months or 1
    method = rule.get("resolve")
    value, precision = RESOLVERS[method](rule, groups, anchor)
    # Whether the anchor was needed, so that a date resting on it can say which anchor it was.
    anchored = value is not None and RESOLVERS[method](rule, groups, None)[0] is None
    printed = (int(groups["year"]) if "year" in groups else None,
               _month(groups),
               int(re.match(r"\d+", groups["day"]).group()) if "day" in groups else None)
    return DateMention(match.start(), match.end(), match.group(0), rule.id, value, precision,
                       rule.get("role", "point"), says_today="writing_day" in groups, printed=printed,
                       anchored=anchored, months=months or 1)


def _months_counted(groups: dict, period_months: dict, locale) -> int | None:
    """How many months a period of the year's first months lasts: a number ("6"), a number in
    words ("two") or a part of the year (`period-months`: "half" is 6); 1 when no rule counts."""
    printed = groups.get("monthcount")
    if printed is None:
        return 1
    value = int(printed) if printed.isdigit() else number_in_words(printed, period_months, locale)
    return int(value) if value is not None and 1 <= value <= 12 and value == int(value) else None


def _month(groups: dict) -> int | None:
    """The month number the words print (a name read in the pack's language, or a number)."""
    return int(groups["monthnumber"]) if groups.get("monthnumber") else None


def day_of_writing(mentions: list[DateMention]) -> DateMention | None:
    """The printed day of writing, when the article says "today (Tuesday 20 July)"."""
    return next((m for m in mentions if m.says_today), None)


def _day_month(rule, groups, anchor):
    month = _month(groups)
    day = int(re.match(r"\d+", groups["day"]).group())
    if "year" in groups:
        return _safe_date(int(groups["year"]), month, day), "day"
    if anchor is not None:
        # The same year as publication, unless that puts it well after it (then last year).
        candidate = _safe_date(anchor.year, month, day)
        if candidate and candidate > anchor + timedelta(days=60):
            candidate = _safe_date(anchor.year - 1, month, day)
        return candidate, "day"
    return None, "day"  # no year printed and none to anchor it: the words stay as printed


def _month_year(rule, groups, anchor):
    return date(int(groups["year"]), _month(groups), 1), "month"


def _in_month(rule, groups, anchor):
    if anchor is None:
        return None, "month"
    month = _month(groups)
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return date(year, month, 1), "month"


def _year(rule, groups, anchor):
    return date(int(groups["year"]), 1, 1), "year"


def _first_months(rule, groups, anchor):
    """"the first two months of the year" (of publication), "of 2024": from 1 January."""
    if "monthcount" not in groups:
        return None, "month"  # a count no rule reads: the words stay as printed
    year = int(groups["year"]) if "year" in groups else (anchor.year if anchor else None)
    return (date(year, 1, 1) if year else None), "month"


def _last_months(rule, groups, anchor):
    """"the last three months of the year", "the fourth quarter of 2018": to 31 December."""
    if "monthcount" not in groups:
        return None, "month"
    year = int(groups["year"]) if "year" in groups else (anchor.year if anchor else None)
    return (date(year, 13 - groups["monthtotal"], 1) if year else None), "month"


def _relative_day(rule, groups, anchor):
    return (anchor + timedelta(days=rule.get("days", 0)) if anchor else None), "day"


def _weekday(rule, groups, anchor):
    if anchor is None:
        return None, "day"
    back = (anchor.weekday() - groups["weekdaynumber"]) % 7
    return anchor - timedelta(days=back), "day"


def _relative_week(rule, groups, anchor):
    if anchor is None:
        return None, "week"
    monday = anchor - timedelta(days=anchor.weekday())
    return monday + timedelta(weeks=rule.get("weeks", 0)), "week"


def _relative_month(rule, groups, anchor):
    if anchor is None:
        return None, "month"
    return anchor.replace(day=1) + relativedelta(months=rule.get("months", 0)), "month"


def _relative_year(rule, groups, anchor):
    if anchor is None:
        return None, "year"
    return date(anchor.year + rule.get("years", 0), 1, 1), "year"


def _safe_date(year: int, month: int | None, day: int) -> date | None:
    try:
        return date(year, month, day) if month else None
    except ValueError:  # 31 June
        return None


RESOLVERS = {
    "day-month": _day_month,
    "month-year": _month_year,
    "month": _in_month,
    "year": _year,
    "first-months": _first_months,
    "last-months": _last_months,
    "relative-day": _relative_day,
    "weekday": _weekday,
    "relative-week": _relative_week,
    "relative-month": _relative_month,
    "relative-year": _relative_year,
}


def under_headings(text: str, sentences: list, mentions: dict) -> dict:
    """Date words of a heading line ("November 2020", "Sandhurst treaty, January 2018") date the
    lines under it that print none of their own, up to the next blank line or heading: an
    explainer's bullets ("- The UK paid £28.2m.") say when only through their heading.
    `mentions` maps a sentence's start to its date mentions; the result adds the inherited ones."""
    result, heading = dict(mentions), None
    for sentence in sentences:
        own = [d for d in mentions.get(sentence.start, []) if d.role == "point" and d.parts]
        if _is_heading(text, sentence) and own:
            heading = own
            continue
        if heading is not None and "\n\n" in text[heading[-1].end:sentence.start]:
            heading = None
        if heading is not None and not own:
            result[sentence.start] = heading + list(mentions.get(sentence.start, []))
    return result


def _is_heading(text: str, sentence) -> bool:
    """A whole short line without closing punctuation."""
    whole_line = (sentence.start == 0 or text[sentence.start - 1] == "\n") and text[sentence.end:sentence.end + 1] in ("", "\n")
    words = sentence.text.strip()
    return whole_line and 0 < len(words) <= 80 and words[-1] not in ".!?:;\"”’'" and not words.startswith(("-", "•", "*"))
