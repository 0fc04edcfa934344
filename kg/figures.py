"""Figures as printed: the step each was printed to, and when two figures say the same thing.

An article prints a figure in digits with its grouping and decimal marks and, for money, a
scale word ("€62.7m", "62,7 millions", "13 600", "1,185"); the graph keeps the value in whole
units. To tell rounding from disagreement we need the step a figure was printed to, which we
read back from the quote that states it: a run of digits whose reading, times a power of a
thousand, is the value. Both readings of the marks are tried ("9.310" is 9310 in French and
9.31 in English), so no language is needed; a figure printed in words has no digits to read,
and its step comes from the value itself.

Two figures agree when they differ by at most half the step of the coarser one; a bound
("more than 40,000") agrees with every figure on its side of it, within the other figure's
rounding; an approximate figure is widened by a share of its value (mappings/disagreements.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

SCALES = tuple(Decimal(10) ** power for power in (0, 3, 6, 9, 12))
_RUN = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")


@dataclass(frozen=True)
class Policy:
    min_significant_digits: int = 2
    lower_bounds: frozenset = frozenset({"more than"})
    upper_bounds: frozenset = frozenset({"less than"})
    approximate: tuple = (("approximately", Decimal("0.05")),)

    def widening(self, qualifier: str | None) -> Decimal:
        return dict(self.approximate).get(qualifier, Decimal(0))


@dataclass(frozen=True)
class Figure:
    value: Decimal
    step: Decimal
    qualifier: str | None = None


def readings(run: str) -> list[tuple[Decimal, int]]:
    """(number, decimals printed) for each way a run of digits and marks can be read."""
    parts = re.split(r"([.,\u00a0\u202f ])", run)
    groups, marks = parts[0::2], parts[1::2]
    found = []
    grouped = not marks or all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
    if grouped:
        found.append((Decimal("".join(groups)), 0))  # every mark groups thousands
    # The last mark as a decimal point. Three digits after it read as a thousands group too,
    # and are the same digits at a thousandth of the scale, so only the grouping is kept.
    if marks and marks[-1] in ".," and marks[-1] not in marks[:-1] and not (grouped and len(groups[-1]) == 3):
        whole = groups[:-1]
        if len(whole) == 1 or all(len(g) == 3 for g in whole[1:]) and len(whole[0]) <= 3:
            found.append((Decimal("".join(whole) + "." + groups[-1]), len(groups[-1])))
    return found


def _runs(quote: str) -> list[str]:
    """Runs of digits in a quote; a run joined by spaces is also read part by part, since a
    space may group thousands ("13 600") or only separate two numbers ("in 2021 500 people")."""
    runs = []
    for match in _RUN.finditer(quote):
        runs.append(match.group())
        if " " in match.group():
            runs += match.group().split(" ")
    return runs


def printed_steps(value: Decimal, quotes: Iterable[str], policy: Policy) -> list[Decimal]:
    """The steps to which the quotes print `value` (empty when no run of digits is it)."""
    steps = []
    for quote in quotes:
        for run in _runs(quote):
            for number, decimals in readings(run):
                for scale in SCALES:
                    if number * scale == value:
                        steps.append((_step(number, decimals, policy) * scale).normalize())
    return steps


def holds(quote: str, value: Decimal) -> bool:
    """Whether a quote prints `value` in digits (at any scale)."""
    return bool(printed_steps(value, [quote], Policy()))


def _step(number: Decimal, decimals: int, policy: Policy) -> Decimal:
    if decimals:
        return Decimal(1).scaleb(-decimals)
    return significant_step(number, policy)


def significant_step(value: Decimal, policy: Policy) -> Decimal:
    """The place of the last non-zero digit, keeping at least min_significant_digits digits:
    45000 -> 1000, 1000 -> 100, 40 -> 1, 0.26 -> 0.01."""
    if value == 0:
        return Decimal(1)
    _, digits, place = value.normalize().as_tuple()  # place: the last non-zero digit's power of ten
    first = len(digits) - 1 + place  # the first digit's power of ten
    # Never finer than a whole unit for a whole number, nor than its last digit for a fraction.
    return Decimal(1).scaleb(max(min(place, first - policy.min_significant_digits + 1), min(0, place)))


def figure(value: Decimal, quotes: Iterable[str], qualifier: str | None, policy: Policy) -> Figure:
    """The figure as the quotes print it: the finest step they print it to, or the value's own
    significant step when they print it in words."""
    steps = printed_steps(value, quotes, policy)
    return Figure(value, min(steps) if steps else significant_step(value, policy), qualifier)


def agree(a: Figure, b: Figure, policy: Policy) -> bool:
    """Whether two figures can both be true, allowing for rounding, bounds and approximation."""
    def lowest(f):
        return None if f.qualifier in policy.upper_bounds else f.value

    def highest(f):
        return None if f.qualifier in policy.lower_bounds else f.value

    # A bound is exact about its limit ("more than 40,000"): only the other figures' rounding
    # and approximation give slack.
    slack = max((f.step / 2 for f in (a, b) if f.qualifier not in policy.lower_bounds | policy.upper_bounds),
                default=Decimal(0))
    slack += max(policy.widening(f.qualifier) * abs(f.value) for f in (a, b))
    low_a, high_a, low_b, high_b = lowest(a), highest(a), lowest(b), highest(b)
    fits_above = high_b is None or low_a is None or low_a - slack <= high_b
    fits_below = high_a is None or low_b is None or low_b - slack <= high_a
    return fits_above and fits_below
