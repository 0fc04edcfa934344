"""Funding by year and currency, amounts as the texts state them.

One panel per currency, each with its own scale: amounts in different currencies are never
converted or added together. Within a panel, a row per year holds one bar made of the amounts
of that year, each a segment. An amount the text states as the same money in other words
(ck:statedEquivalent, "€50m (roughly £43m)") is drawn on a line of its own as a dashed outline
and left out of the totals: it is not a second payment. An amount the text does not give is
listed as such.
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from .common import fit, link, local_name

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
NAMES = {"GBP": "pounds sterling", "EUR": "euros", "USD": "US dollars"}
WIDTH = 1120
YEAR_X = 24
BAR_X = 150
BAR_PX = 520
ROW_H = 30
PANEL_GAP = 34
NO_YEAR = "year not stated"


def _amount(text: str | None) -> Decimal | None:
    try:
        value = Decimal(text) if text not in (None, "") else None
    except InvalidOperation:
        return None
    return value if value is None or value.is_finite() else None


def money(value: Decimal, currency: str, qualifier: str | None = None) -> str:
    """£6,000,000; whole units print without decimals."""
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    text = f"{SYMBOLS.get(currency, '')}{value:,}" + ("" if currency in SYMBOLS else f" {currency}")
    return f"{qualifier} {text}" if qualifier else text


def _short(value: float, currency: str) -> str:
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= size:
            return f"{SYMBOLS.get(currency, '')}{value / size:g}{suffix}"
    return f"{SYMBOLS.get(currency, '')}{value:g}"


def _ticks(top: float) -> list[float]:
    """0 and round steps up to at least `top`, five or fewer."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(int(math.ceil(top / step - 1e-9)) + 1)]


def payments_and_equivalents(rows: list[dict[str, str]]) -> dict[str, str | None]:
    """{funding: the funding it restates, or None when it is itself a payment}. In each group of
    stated equivalents the payment is the one mentioned first (then the lower IRI)."""
    by_iri = {r["funding"]: r for r in rows}
    parent = {iri: iri for iri in by_iri}

    def root(iri):
        while parent[iri] != iri:
            parent[iri] = parent[parent[iri]]
            iri = parent[iri]
        return iri

    for row in rows:
        for other in (row.get("equivalents") or "").split():
            if other in by_iri:
                parent[root(other)] = root(row["funding"])
    groups = defaultdict(list)
    for iri in by_iri:
        groups[root(iri)].append(iri)

    def rank(iri):
        row = by_iri[iri]
        mention = row.get("firstMention")
        return (_amount(row.get("amount")) is None,
                int(mention) if mention and mention.lstrip("-").isdigit() else math.inf, iri)

    restates = {}
    for members in groups.values():
        payment = min(members, key=rank)
        restates.update({iri: (None if iri == payment else payment) for iri in members})
    return restates


def layout(rows: list[dict[str, str]]) -> dict:
    restates = payments_and_equivalents(rows)
    by_iri = {r["funding"]: r for r in rows}
    panels, y = [], 20
    by_currency = defaultdict(list)
    for row in rows:
        by_currency[row.get("currency") or "currency not stated"].append(row)
    for currency in sorted(by_currency):
        members = by_currency[currency]
        years = defaultdict(list)
        for row in members:
            years[row.get("year") or NO_YEAR].append(row)
        totals = {year: sum((_amount(r.get("amount")) or 0) for r in group if restates[r["funding"]] is None)
                  for year, group in years.items()}
        largest = max([float(t) for t in totals.values()]
                      + [float(_amount(r.get("amount")) or 0) for r in members] + [0.0])
        ticks = _ticks(largest)
        scale = BAR_PX / ticks[-1]
        panel = {"currency": currency, "title": f"{currency} — {NAMES[currency]}" if currency in NAMES else currency,
                 "y": y, "ticks": [{"x": BAR_X + t * scale, "label": _short(t, currency)} for t in ticks],
                 "lines": []}
        line_y = y + 52
        for year in sorted(years, key=lambda k: (k == NO_YEAR, k)):
            group = years[year]
            payments = [r for r in group if restates[r["funding"]] is None and _amount(r.get("amount")) is not None]
            line = {"y": line_y, "year": year, "kind": "payments", "segments": [], "text": ""}
            x = BAR_X
            for row in payments:
                value = _amount(row["amount"])
                said = money(value, currency, row.get("qualifier"))
                line["segments"].append({
                    "x": x, "w": max(float(value) * scale, 2.0), "href": link(row["funding"]),
                    "title": f"{year}: {said} — {row.get('label') or local_name(row['funding'])}"})
                x += float(value) * scale
            if payments:
                if len(payments) == 1:
                    line["text"] = money(_amount(payments[0]["amount"]), currency, payments[0].get("qualifier"))
                else:
                    parts = " + ".join(money(_amount(r["amount"]), currency, r.get("qualifier")) for r in payments)
                    line["text"] = f"{money(totals[year], currency)} in total ({parts})"
                line["text_x"] = x + 8
                panel["lines"].append(line)
                line_y += ROW_H
            for row in group:  # restated amounts and amounts not given: a line each
                value = _amount(row.get("amount"))
                label = row.get("label") or local_name(row["funding"])
                if restates[row["funding"]] is None and value is not None:
                    continue
                if value is None:
                    text, width = f"amount not stated — {label}", 0.0
                else:
                    payment = by_iri[restates[row["funding"]]]
                    paid = _amount(payment.get("amount"))
                    of = money(paid, payment.get("currency") or "", payment.get("qualifier")) if paid is not None else "an amount"
                    text = f"≙ {money(value, currency, row.get('qualifier'))}: restates {of} (not added)"
                    width = float(value) * scale
                panel["lines"].append({
                    "y": line_y, "year": year, "kind": "equivalent" if value is not None else "unstated",
                    "segments": [{"x": BAR_X, "w": width, "href": link(row["funding"]),
                                  "title": f"{year}: {text}"}],
                    "text": fit(text, WIDTH - BAR_X - width - 24), "text_x": BAR_X + max(width, 14) + 8})
                line_y += ROW_H
        previous = None
        for line in panel["lines"]:  # the year once, at the first line of its group
            line["show_year"], previous = line["year"] != previous, line["year"]
        panel["bottom"] = line_y
        panels.append(panel)
        y = line_y + PANEL_GAP
    return {"width": WIDTH, "height": y, "panels": panels, "bar_x": BAR_X, "year_x": YEAR_X,
            "row_h": ROW_H, "marks": sum(len(l["segments"]) for p in panels for l in p["lines"])}
