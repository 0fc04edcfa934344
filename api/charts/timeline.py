"""The timeline: meetings, agreements and statistics on a vertical, linear time axis.

Time runs down the page so that long labels read left to right. Each kind has a lane of
marks at the true date; the labels sit in a column to the right, pushed down just enough
not to overlap, and a thin leader joins each label to its mark.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from .common import fit, link, local_name, parse_date, years

CK = "https://w3id.org/channel-kg/ontology#"
# Known kinds first, in this order; a kind the query starts returning later gets a lane too.
KINDS = {CK + "Meeting": ("Meeting", "circle"), CK + "Agreement": ("Agreement", "square"),
         CK + "Statistic": ("Statistic", "triangle")}
FIRST_YEAR = 2019  # the axis starts here, or earlier if the graph holds earlier dates
WIDTH = 1120
TOP = 96  # legend and lane headings above
AXIS_X = 64
LANE_X = 92
LANE_W = 74
STACK_DX = 12  # marks of the same kind on the same day sit side by side
YEAR_PX = 210
LINE_PX = 18  # label spacing
SHAPE_R = 6


def spread(ideal: list[float], gap: float, lowest: float) -> list[float]:
    """Label positions as near `ideal` (ascending) as they can be while `gap` apart: labels that
    would collide form a block centred on their ideal positions, and blocks that then collide
    merge, so a crowd of same-day labels spreads both ways instead of only downwards."""
    blocks: list[list] = []  # [first index, count, top]
    for i, y in enumerate(ideal):
        blocks.append([i, 1, y])
        while True:
            first, count, top = blocks[-1]
            top = max(lowest, sum(ideal[first:first + count]) / count - gap * (count - 1) / 2)
            blocks[-1][2] = top
            if len(blocks) > 1 and blocks[-2][2] + blocks[-2][1] * gap > top:
                previous = blocks.pop(-2)
                blocks[-1] = [previous[0], previous[1] + count, previous[2]]
                continue
            break
    return [top + k * gap for first, count, top in blocks for k in range(count)]


def _shape_points(shape: str, x: float, y: float, r: float = SHAPE_R) -> str:
    if shape == "triangle":
        return f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
    return ""


def layout(rows: list[dict[str, str]]) -> dict:
    kinds = dict(KINDS)
    for row in rows:
        if row.get("type") not in kinds:
            kinds[row.get("type", "")] = (local_name(row.get("type", "")) or "other", "circle")
    lanes = [{"iri": iri, "name": name, "shape": shape, "x": LANE_X + i * LANE_W,
              "count": sum(1 for r in rows if r.get("type") == iri)}
             for i, (iri, (name, shape)) in enumerate(kinds.items())]
    lane_of = {lane["iri"]: lane for lane in lanes}
    label_x = LANE_X + len(lanes) * LANE_W + 40
    label_px = WIDTH - label_x - 16

    dated = [(parse_date(r.get("date")), r) for r in rows]
    known = [d for d, _ in dated if d]
    first = min([FIRST_YEAR] + [d.year for d in known])
    last = max([first] + [d.year for d in known]) + 1
    axis_end = TOP + (last - first) * YEAR_PX

    def y_of(day: date | None) -> float:
        return TOP + (years(day) - first) * YEAR_PX if day else axis_end + 40

    # Undated (or unreadable) dates go after the axis, in the query's order.
    dated.sort(key=lambda pair: (pair[0] is None, pair[0] or date.max))
    same_day = Counter()
    marks = []
    label_ys = spread([y_of(day) for day, _ in dated], LINE_PX, TOP - 4)
    for (day, row), label_y in zip(dated, label_ys):
        lane = lane_of[row.get("type", "")]
        slot = same_day[(day, lane["iri"])]
        same_day[(day, lane["iri"])] += 1
        x, y = lane["x"] + 14 + slot * STACK_DX, y_of(day)
        label = row.get("label") or local_name(row.get("node", ""))
        when = row.get("date", "no date")
        marks.append({
            "href": link(row.get("node")), "shape": lane["shape"], "kind": lane["name"],
            "x": x, "y": y, "points": _shape_points(lane["shape"], x, y), "label_y": label_y,
            "label_x": label_x, "date": when, "text": fit(label, label_px - 110),
            "icon": _shape_points(lane["shape"], label_x + 8, label_y, 5),
            "title": f"{when} · {lane['name']} · {label}",
        })
    next_free = (label_ys[-1] + LINE_PX) if label_ys else TOP
    ticks = []
    for year in range(first, last + 1):
        ticks.append({"y": TOP + (year - first) * YEAR_PX, "label": str(year), "major": True})
        if year < last:
            ticks += [{"y": TOP + (year - first + q / 4) * YEAR_PX, "label": "", "major": False}
                      for q in (1, 2, 3)]
    height = max(axis_end, next_free) + 30
    return {"width": WIDTH, "height": round(height), "top": TOP, "axis_x": AXIS_X,
            "axis_end": axis_end, "lanes": lanes, "label_x": label_x, "marks": marks,
            "ticks": ticks, "first": first, "last": last - 1, "r": SHAPE_R,
            "undated": sum(1 for d, _ in dated if d is None)}
