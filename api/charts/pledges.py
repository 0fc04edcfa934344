"""The pledge matrix: pledge types down, agreements across in date order, a filled cell where
the agreement made a pledge of that type.

Unfolded, the rows are grouped under the broadest type above them (the query's ?broader),
the broad type's own row first. Folded (`fold=True`), each group becomes one row and a cell
is filled when the agreement made a pledge of any type in the group; its number says how many.
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
    """The matrix's rows in order: groups by label, the broad type first, then narrower ones."""
    groups: dict[str, dict] = {}
    for pair in pairs:
        top = pair.get("broader") or pair["pledgeType"]
        group = groups.setdefault(top, {"iri": top, "label": pair.get("broaderLabel") or local_name(top),
                                        "types": {}})
        group["types"][pair["pledgeType"]] = pair.get("label") or local_name(pair["pledgeType"])
    rows = []
    for group in sorted(groups.values(), key=lambda g: g["label"].casefold()):
        if fold:
            rows.append({"key": group["iri"], "iri": group["iri"], "label": group["label"], "level": 0,
                         "members": set(group["types"]), "cells": True})
            continue
        # The broad type heads its group even when no agreement names it directly.
        rows.append({"key": group["iri"], "iri": group["iri"], "label": group["label"], "level": 0,
                     "members": {group["iri"]}, "cells": group["iri"] in group["types"]})
        for iri, label in sorted(group["types"].items(), key=lambda t: t[1].casefold()):
            if iri != group["iri"]:
                rows.append({"key": iri, "iri": iri, "label": label, "level": 1, "members": {iri},
                             "cells": True})
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
    made: dict[tuple[str, str], list[str]] = defaultdict(list)  # (agreement, row key) -> type labels
    for pair in pairs:
        key = (pair.get("broader") or pair["pledgeType"]) if fold else pair["pledgeType"]
        made[(pair["agreement"], key)].append(pair.get("label") or local_name(pair["pledgeType"]))

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
                cells.append({"x": column["x"] - COL_W / 2 + 4, "y": row["y"] + 3, "w": COL_W - 8,
                              "h": ROW_H - 6, "href": column["href"], "count": len(set(types)),
                              "title": f"{column['label']} ({column['date'] or 'no date'}): "
                                       + ", ".join(sorted(set(types), key=str.casefold))})
    grid_w = len(columns) * COL_W
    return {"rows": rows, "columns": columns, "cells": cells, "fold": fold,
            "grid_x": grid_x, "grid_y": grid_y, "grid_w": grid_w, "grid_h": len(rows) * ROW_H,
            "col_w": COL_W, "row_h": ROW_H, "slant": SLANT, "count_x": grid_x + grid_w + 16,
            "width": round(grid_x + grid_w + max(COUNT_W, run) + 20), "height": grid_y + len(rows) * ROW_H + 50}
