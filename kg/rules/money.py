"""Money: amounts of £, € and $ in the ways newspapers print them, grouped into payments.

One payment may be printed twice ("€50m (roughly £43m)"): the rule `money-stated-equivalent`
looks at the words between two amounts and, when they only restate the first, puts both in one
`Payment`. A payment followed by "in 2023-24" belongs to that year of a schedule.
"""

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .loader import Rules
from .locale_data import number_in_words
from .statistics import qualifier


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: Decimal      # whole units of the currency: 62700000, not 62.7
    currency: str       # ISO 4217
    rule: str


@dataclass
class Payment:
    amounts: list[Amount]                 # the first as printed, then its stated equivalents
    period: str | None = None             # "2023-24" in a multi-year schedule; "a year" for a yearly sum
    qualifier: str | None = None          # "more than" for "over £6 million"
    funder: str | None = None             # actor words as printed ("the UK")
    recipient: str | None = None
    rules: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.amounts[0].start

    @property
    def end(self) -> int:
        return self.amounts[-1].end


def find_amounts(text: str, start: int, end: int, rules: Rules) -> list[Amount]:
    family = rules["money"]
    candidates = []
    for rule in family.rules:
        if rule.get("kind") != "amount":
            continue
        for match in rule.pattern.finditer(text, start, end):
            amount = _amount(match, rule.id, family.tables, rules.locale,
                             inherits=rule.get("currency-from") == "previous")
            if amount is not None:
                candidates.append(amount)
    # Overlapping matches of different rules: keep the earliest, then longest; a rule that
    # prints its own currency beats one that takes it from the sum before.
    candidates.sort(key=lambda a: (a.start, -(a.end - a.start), a.currency is None))
    amounts, taken_until = [], -1
    for amount in candidates:
        if amount.start >= taken_until:
            if amount.currency is None:
                # "Sur les 478 millions de livres …, 141 millions étaient prévus": a share of
                # the sum named before it in the sentence, in that sum's currency; none before, no money.
                if not amounts:
                    continue
                amount = replace(amount, currency=amounts[-1].currency)
            amounts.append(amount)
            taken_until = amount.end
    return amounts


def _amount(match: re.Match, rule_id: str, tables: dict, locale, inherits: bool = False) -> Amount | None:
    """The amount a rule matched; its currency None when it takes the one of the sum before it
    (`inherits`, a rule with `currency-from: previous`)."""
    groups = match.groupdict()
    currency_words = groups.get("currency") or groups.get("symbol")
    if inherits:
        currency = None
    elif not currency_words:
        return None  # "half a billion" with no currency is not money we can record
    else:
        currency = tables["currencies"].get(re.sub(r"\s+", " ", currency_words.lower()))
        if currency is None:
            return None
    if groups.get("words"):
        number = number_in_words(groups["words"], tables["number-words"], locale)
        if number is None:
            return None
    else:
        number = locale.number(groups["number"])
    scale = groups.get("scale")
    if scale:
        number *= Decimal(tables["scales"][scale.lower()])
    return Amount(match.start(), match.end(), match.group(0), number.normalize().quantize(Decimal(1))
                  if number == number.to_integral_value() else number.normalize(), currency, rule_id)


def payments(text: str, start: int, end: int, rules: Rules) -> list[Payment]:
    """Amounts in text[start:end] (one sentence), grouped into payments with period and payer."""
    family = rules["money"]
    equivalent = [r for r in family.rules if r.get("kind") == "equivalent"]
    period_rules = [r for r in family.rules if r.get("kind") == "period"]
    result: list[Payment] = []
    for amount in find_amounts(text, start, end, rules):
        previous = result[-1] if result else None
        between = text[previous.end:amount.start] if previous else None
        if previous and any(r.pattern.match(between) for r in equivalent):
            previous.amounts.append(amount)
            previous.rules.append(next(r.id for r in equivalent if r.pattern.match(between)))
        else:
            result.append(Payment([amount], rules=[amount.rule]))
    qualifier_rules = [r for r in family.rules if r.get("kind") == "qualifier"]
    for payment in result:
        before = text[start:payment.start]
        for rule in qualifier_rules:
            if match := rule.pattern.search(before):
                payment.qualifier = qualifier(match.group("qualifier"), rules["common"].tables["qualifiers"])
                payment.rules.append(rule.id)
        after = text[payment.end:end]
        for rule in period_rules:
            if match := rule.pattern.match(after):
                # "2023 - 24" -> "2023-24"; "a  year" -> "a year"
                payment.period = re.sub(r"\s*([-/–])\s*", r"\1", " ".join(match.group("period").split()))
                payment.rules.append(rule.id)
                break
    _payers(text, start, end, result, family)
    differences = [r for r in family.rules if r.get("kind") == "difference"]
    # "an increase of about £8 million on last year's agreement" measures a change, not a
    # payment; a rule with `side: after` reads the words after the sum ("8 millions de plus que …")
    return [p for p in result if not any(r.pattern.match(text, p.end, end) if r.get("side") == "after"
                                         else r.pattern.search(text[start:p.start]) for r in differences)]


def _payers(text: str, start: int, end: int, result: list[Payment], family) -> None:
    """Who pays whom, when the sentence says so; it then applies to every payment in it. Rules
    are tried in order, each filling only what the ones before it left open ("£8.5m to France"
    names the recipient; "the UK has contributed" the funder)."""
    for rule in family.rules:
        if rule.get("kind") != "payer" or not result:
            continue
        match = rule.pattern.search(text, start, end)
        if match:
            funder, recipient = match.groupdict().get("funder"), match.groupdict().get("recipient")
            for payment in result:
                filled = False
                if payment.funder is None and payment.recipient is None:
                    payment.funder, payment.recipient, filled = funder, recipient, bool(funder or recipient)
                elif payment.recipient is None and recipient and payment.funder != recipient:
                    payment.recipient, filled = recipient, True
                elif payment.funder is None and funder and payment.recipient != funder:
                    payment.funder, filled = funder, True
                if filled:
                    payment.rules.append(rule.id)
