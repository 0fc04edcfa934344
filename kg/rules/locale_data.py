"""What a pack's locale gives the engine, from libraries rather than hand lists.

Babel (CLDR) has every locale's month and day names, its number symbols and its date patterns;
dateparser reads printed dates in a given language; text2num reads numbers in words. A pack
names its language and locale (`pack.yaml`: `en`, `en_GB`) and the day order of its numeric
dates; this module turns them into what the families need, so that no family names a word.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

import dateparser
from babel import Locale
from babel.dates import format_date, get_day_names, get_month_names
from babel.numbers import get_group_symbol, parse_decimal
from text_to_num import text2num


class PackLocale:
    """The locale of one language pack."""

    def __init__(self, language: str, code: str, date_order: str, group_separators: tuple[str, ...] = ()):
        self.language, self.code, self.date_order = language, code, date_order
        self.babel = Locale.parse(code)  # raises babel.UnknownLocaleError for an unknown code
        if str(self.babel) != code:  # "en_Narnia" parses as "en": say so rather than drop a part
            raise ValueError(f"CLDR reads it as {str(self.babel)!r}")
        # Other group separators the press prints ("31.442", "21'000" in French): between a digit
        # and three more, each is read as the locale's own group symbol, so Babel parses the number.
        self._groups = (re.compile("(?<=\\d)[" + "".join(re.escape(c) for c in group_separators) + "](?=\\d{3}(?!\\d))")
                        if group_separators else None)
        self._group_symbol = get_group_symbol(self.babel)
        self._weekdays = {name.casefold(): number for number, name in self._day_names()}

    def _day_names(self) -> list[tuple[int, str]]:
        return sorted(get_day_names("wide", locale=self.babel).items())  # 0 = Monday, as date.weekday()

    def macros(self) -> dict:
        """Regex fragments of CLDR names, for the pack's patterns: {MONTH_NAMES} (January …),
        {MONTH_ABBREVIATIONS} (Jan …, as CLDR writes them), {WEEKDAY_NAMES} (Monday …)."""
        def alternatives(names):
            return "(?:" + "|".join(re.escape(n) for n in dict.fromkeys(names)) + ")"
        months = [get_month_names("wide", context, locale=self.babel) for context in ("format", "stand-alone")]
        short = [get_month_names("abbreviated", context, locale=self.babel) for context in ("format", "stand-alone")]
        return {
            "MONTH_NAMES": alternatives(names[n] for names in months for n in range(1, 13)),
            "MONTH_ABBREVIATIONS": alternatives(names[n] for names in short for n in range(1, 13)),
            "WEEKDAY_NAMES": alternatives(name for _, name in self._day_names()),
        }

    def weekday_number(self, name: str) -> int:
        """0 for Monday … 6 for Sunday."""
        return self._weekdays[name.casefold()]

    def month_number(self, name: str) -> int | None:
        return _month_number(name, self.language, self.date_order)

    def parse_dateline(self, text: str) -> date | datetime | None:
        """A printed dateline as a datetime when it has a time of day, else a date; None if not a date."""
        return _parse_dateline(text, self.language, self.date_order)

    def number(self, printed: str) -> Decimal:
        """A number as the locale prints it: "13,600" and "62.7" in en; "13 600" and "47,3" in fr
        (and "31.442", with the pack's group separators)."""
        if self._groups is not None:
            printed = self._groups.sub(self._group_symbol, printed)
        return parse_decimal(printed, locale=self.babel)

    def number_in_words(self, printed: str) -> Decimal | None:
        """A number written in words ("forty-two"), or None if text2num cannot read it."""
        try:
            return Decimal(text2num(" ".join(printed.lower().split()), self.language))
        except (ValueError, NotImplementedError):
            return None

    def format_date(self, day: date, pattern: str) -> str:
        """A date in a CLDR pattern ("d MMMM y" → "7 April 2020"), for labels."""
        return format_date(day, pattern, locale=self.babel)


def _settings(date_order: str) -> dict:
    # Fixed settings so parsing never depends on today's date (dateparser fills gaps from "now").
    return {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": datetime(2000, 1, 1),
        "DATE_ORDER": date_order,
        "PREFER_DATES_FROM": "past",
    }


@lru_cache(maxsize=4096)
def _parse_dateline(text: str, language: str, date_order: str) -> date | datetime | None:
    parsed = dateparser.parse(text, languages=[language], settings=_settings(date_order))
    if parsed is None:
        return None
    # A time of day as "10:32" or "10.32", or any other way the language prints one that
    # dateparser reads ("10h32"): a parsed time other than midnight.
    has_time = re.search(r"\d[:.]\d\d", text) is not None or (parsed.hour, parsed.minute) != (0, 0)
    return parsed if has_time else parsed.date()


@lru_cache(maxsize=256)
def _month_number(name: str, language: str, date_order: str) -> int | None:
    parsed = dateparser.parse(f"1 {name.rstrip('.')} 2000", languages=[language], settings=_settings(date_order))
    return parsed.month if parsed else None


def number_in_words(printed: str, table: dict, locale: PackLocale) -> Decimal | None:
    """A number in words: the pack's `number-words` table first ("half a": 0.5; a row without a
    value, "dozens", is no number), else text2num in the pack's language ("forty-two")."""
    key = " ".join(printed.lower().split())
    if key in table:
        return None if table[key] is None else Decimal(str(table[key]))
    return locale.number_in_words(printed)
