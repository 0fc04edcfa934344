"""The pledge matrix: pledge types down, agreements across in date order, a filled cell where
the agreement made a pledge of that type.

Unfolded, the rows are grouped under the broadest type above them (the query's ?broader),
the broad type's own row first and each narrower type under the one above it (?parent); a
row's cell is filled when the agreement made a pledge of that type or of any narrower one.
Folded (`fold=True`), each group becomes one row; its number says how many types.
"""

from __future__ import annotations

from collections import defaultdict
import math
from datetime import date

from .common import CHAR_PX, fit, link, local_name, parse_date

LABEL_W = 250  # row labels
COL_W = 46
ROW_H = 24
HEADING_PX = 380  # how long a column heading may be; they are turned SLANT degrees
COUNT_W = 90  # "agreements" column at the right
SLANT = 55


def _rows(pairs: list[dict[str, str]], fold: bool) -> list[dict]:
    """The matrix's rows in order: groups by label, the broad type first, then narrower ones
    under the types above them (?parent). A row stands for its type and every narrower one:
    its cells are the union of its members', so "surveillance technology" is filled wherever
    CCTV, aerial surveillance or drones were pledged."""
    labels, parent, top = {}, {}, {}
    for pair in pairs:
        t = pair["pledgeType"]
        labels[t] = pair.get("label") or local_name(t)
        top[t] = pair.get("broader") or t
        labels.setdefault(top[t], pair.get("broaderLabel") or local_name(top[t]))
        if pair.get("parent"):
            parent[t] = pair["parent"]
            labels.setdefault(pair["parent"], pair.get("parentLabel") or local_name(pair["parent"]))

    def ancestors(t: str) -> list[str]:
        chain, seen = [], {t}
        while t in parent and parent[t] not in seen:
            t = parent[t]
            chain.append(t)
            seen.add(t)
        return chain

    groups: dict[str, set] = {}
    for t in list(top):
        groups.setdefault(top[t], set()).update({t, *ancestors(t), top[t]})
    rows = []
    for head in sorted(groups, key=lambda g: labels[g].casefold()):
        members = {t for t in top if top[t] == head}
        if fold:
            rows.append({"key": head, "iri": head, "label": labels[head], "level": 0, "members": members, "cells": True})
            continue

        def add(t: str, level: int) -> None:
            below = {m for m in members if m == t or t in ancestors(m)}
            rows.append({"key": t, "iri": t, "label": labels[t], "level": level, "members": below, "cells": True})
            for child in sorted((c for c in groups[head] if parent.get(c) == t), key=lambda c: labels[c].casefold()):
                add(child, level + 1)
        add(head, 0)
        # Types whose parent the rows do not name (a gap in the chain) still get a row.
        placed = {row["key"] for row in rows}
        for t in sorted(groups[head] - placed, key=lambda c: labels[c].casefold()):
            below = {m for m in members if m == t or t in ancestors(m)}
            rows.append({"key": t, "iri": t, "label": labels[t], "level": 1, "members": below, "cells": True})
    return rows


def _columns(pairs: list[dict[str, str]]) -> list[dict]:
    found: dict[str, dict] = {}
    for pair in pairs:
        found.setdefault(pair["agreement"], {
            "iri": pair["agreement"], "date": pair.get("date"), "day": parse_date(pair.get("date")),
            "label": pair.get("agreementLabel") or local_name(pair["agreement"])})
    return sorted(found.values(), key=lambda c: (c["day"] is None, c["day"] or date.max, c["iri"]))


def layout(pairs: list[dict[str, str]], fold: bool = False) -> dict:
    rows, columns = _rows(pairs, fold), _columns(pairs)
    by_type: dict[tuple[str, str], str] = {}  # (agreement, type) -> type label
    for pair in pairs:
        by_type[(pair["agreement"], pair["pledgeType"])] = pair.get("label") or local_name(pair["pledgeType"])
    made: dict[tuple[str, str], list[str]] = defaultdict(list)  # (agreement, row key) -> its members' labels
    for row in rows:
        for (agreement, t), label in by_type.items():
            if t in row["members"]:
                made[(agreement, row["key"])].append(label)

    for column in columns:
        column["title"] = f"{column['date'] or 'no date'} · {column['label']}"
        column["text"] = fit(column["title"], HEADING_PX)
    # The headings rise at SLANT degrees: the longest sets the height above the grid and how
    # far right of the last column the picture must reach.
    longest = max([len(c["text"]) * CHAR_PX for c in columns] + [0.0])
    rise, run = longest * math.sin(math.radians(SLANT)), longest * math.cos(math.radians(SLANT))
    grid_x, grid_y = LABEL_W, round(rise) + 30
    for i, column in enumerate(columns):
        column.update(x=grid_x + i * COL_W + COL_W / 2, href=link(column["iri"]))
    cells = []
    for j, row in enumerate(rows):
        row.update(y=grid_y + j * ROW_H, href=link(row["iri"]),
                   text=fit(row["label"], LABEL_W - 24 - 16 * row["level"]),
                   agreements=sum(1 for c in columns if (c["iri"], row["key"]) in made))
        if not row["cells"]:
            continue
        for column in columns:
            types = made.get((column["iri"], row["key"]))
            if types:
                # A cell of the row's own type is a mark of one query row; one filled only by
                # narrower types is a roll-up (folded, each cell is its group's mark).
                own = fold or (column["iri"], row["key"]) in by_type
                cells.append({"x": column["x"] - COL_W / 2 + 4, "y": row["y"] + 3, "w": COL_W - 8,
                              "h": ROW_H - 6, "href": column["href"], "count": len(set(types)),
                              "cls": "mark" if own else "rollup",
                              "title": f"{column['label']} ({column['date'] or 'no date'}): "
                                       + ", ".join(sorted(set(types), key=str.casefold))})
    grid_w = len(columns) * COL_W
    return {"rows": rows, "columns": columns, "cells": cells, "fold": fold,
            "grid_x": grid_x, "grid_y": grid_y, "grid_w": grid_w, "grid_h": len(rows) * ROW_H,
            "col_w": COL_W, "row_h": ROW_H, "slant": SLANT, "count_x": grid_x + grid_w + 16,
            "width": round(grid_x + grid_w + max(COUNT_W, run) + 20), "height": grid_y + len(rows) * ROW_H + 50}
