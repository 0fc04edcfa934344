"""The timeline: meetings, agreements and statistics on a vertical, linear time axis.

Time runs down the page so that long labels read left to right. Each kind has a lane of
marks at the true date; the labels sit in a column to the right, wrapped to its width and
pushed down just enough not to overlap, and a thin leader joins each label to its mark.
The page draws it twice, for a wide screen and for a phone (390 px), and shows the one that
fits (views.css): text in an SVG cannot reflow, so the narrow one is laid out on its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .common import CHAR_PX, link, local_name, parse_date, years

CK = "https://w3id.org/channel-kg/ontology#"
# Known kinds first, in this order; a kind the query starts returning later gets a lane too.
KINDS = {CK + "Meeting": ("Meeting", "circle"), CK + "Agreement": ("Agreement", "square"),
         CK + "Statistic": ("Statistic", "triangle")}
FIRST_YEAR = 2019  # the axis starts here, or earlier if the graph holds earlier dates
TOP = 96  # legend and lane headings above
LINE_PX = 18  # label spacing
SHAPE_R = 6
LABEL_INSET = 20  # from the label column's edge to its text, past the small shape


@dataclass(frozen=True)
class Frame:
    """Where things go across: the drawing's width and the columns in it."""
    width: int
    axis_x: int
    lane_x: int
    lane_w: int  # between lanes
    stack_dx: int  # marks of the same kind on the same day sit side by side
    label_gap: int  # from the last lane to the label column
    lane_titles: bool  # a heading over each lane (the legend names the shapes when there is no room)
    legend_step: tuple[int, int]  # from one legend entry to the next: across, or down on a phone
    year_px: int  # a taller year where wrapped labels need the room, so they stay near their marks


WIDE = Frame(width=1120, axis_x=64, lane_x=92, lane_w=74, stack_dx=12, label_gap=40, lane_titles=True,
             legend_step=(160, 0), year_px=210)
# 360 px wide, scaled to the page on a smaller screen (views.css): a 390 px phone shows it whole.
NARROW = Frame(width=360, axis_x=44, lane_x=54, lane_w=24, stack_dx=7, label_gap=22, lane_titles=False,
               legend_step=(0, 19), year_px=320)


def spread(ideal: list[float], gap: float, lowest: float, heights: list[float] | None = None) -> list[float]:
    """Label positions as near `ideal` (ascending) as they can be without overlapping, label i
    taking heights[i] (else `gap`): labels that would collide form a block centred on their ideal
    positions, and blocks that then collide merge, so a crowd of same-day labels spreads both
    ways instead of only downwards."""
    heights = heights or [gap] * len(ideal)
    blocks: list[list] = []  # [first index, count, top]

    def offsets(first: int, count: int) -> list[float]:
        found, total = [], 0.0
        for h in heights[first:first + count]:
            found.append(total)
            total += h
        return found

    for i in range(len(ideal)):
        blocks.append([i, 1, ideal[i]])
        while True:
            first, count, _ = blocks[-1]
            inside = offsets(first, count)
            top = max(lowest, sum(ideal[first + k] - inside[k] for k in range(count)) / count)
            blocks[-1][2] = top
            if len(blocks) > 1:
                before = blocks[-2]
                if before[2] + sum(heights[before[0]:before[0] + before[1]]) > top:
                    blocks.pop(-2)
                    blocks[-1] = [before[0], before[1] + count, before[2]]
                    continue
            break
    return [top + offset for first, count, top in blocks for offset in offsets(first, count)]


def wrap(words: str, first: int, rest: int) -> list[str]:
    """`words` in lines of at most `first` characters, then `rest` (a longer word stands alone)."""
    lines, current = [], ""
    for word in words.split():
        room = first if not lines else rest
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + [current] if current or not lines else lines


def _shape_points(shape: str, x: float, y: float, r: float = SHAPE_R) -> str:
    if shape == "triangle":
        return f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
    return ""


def layout(rows: list[dict[str, str]], frame: Frame = WIDE) -> dict:
    kinds = dict(KINDS)
    for row in rows:
        if row.get("type") not in kinds:
            kinds[row.get("type", "")] = (local_name(row.get("type", "")) or "other", "circle")
    lanes = [{"iri": iri, "name": name, "shape": shape, "x": frame.lane_x + i * frame.lane_w,
              "count": sum(1 for r in rows if r.get("type") == iri)}
             for i, (iri, (name, shape)) in enumerate(kinds.items())]
    lane_of = {lane["iri"]: lane for lane in lanes}
    label_x = frame.lane_x + len(lanes) * frame.lane_w + frame.label_gap
    chars = int((frame.width - label_x - LABEL_INSET - 10) / CHAR_PX)

    dated = [(parse_date(r.get("date")), r) for r in rows]
    known = [d for d, _ in dated if d]
    first = min([FIRST_YEAR] + [d.year for d in known])
    last = max([first] + [d.year for d in known]) + 1
    axis_end = TOP + (last - first) * frame.year_px

    def y_of(day: date | None) -> float:
        return TOP + (years(day) - first) * frame.year_px if day else axis_end + 40

    # Undated (or unreadable) dates go after the axis, in the query's order.
    dated.sort(key=lambda pair: (pair[0] is None, pair[0] or date.max))
    texts = []
    for day, row in dated:
        when = row.get("date", "no date")
        label = row.get("label") or local_name(row.get("node", ""))
        texts.append((when, label, wrap(label, chars - len(when) - 2, chars)))
    label_ys = spread([y_of(day) for day, _ in dated], LINE_PX, TOP - 4,
                      [LINE_PX * len(lines) for _, _, lines in texts])
    same_day = Counter()
    marks = []
    for (day, row), label_y, (when, label, lines) in zip(dated, label_ys, texts):
        lane = lane_of[row.get("type", "")]
        slot = same_day[(day, lane["iri"])]
        same_day[(day, lane["iri"])] += 1
        x, y = lane["x"] + 14 + slot * frame.stack_dx, y_of(day)
        marks.append({
            "href": link(row.get("node")), "shape": lane["shape"], "kind": lane["name"],
            "x": x, "y": y, "points": _shape_points(lane["shape"], x, y), "label_y": label_y,
            "label_x": label_x, "date": when, "lines": lines,
            "icon": _shape_points(lane["shape"], label_x + 8, label_y, 5),
            "title": f"{when} · {lane['name']} · {label}",
        })
    next_free = (label_ys[-1] + LINE_PX * len(texts[-1][2])) if label_ys else TOP
    ticks = []
    for year in range(first, last + 1):
        ticks.append({"y": TOP + (year - first) * frame.year_px, "label": str(year), "major": True})
        if year < last:
            ticks += [{"y": TOP + (year - first + q / 4) * frame.year_px, "label": "", "major": False}
                      for q in (1, 2, 3)]
    height = max(axis_end, next_free) + 30
    return {"width": frame.width, "height": round(height), "top": TOP, "axis_x": frame.axis_x,
            "axis_end": axis_end, "lanes": lanes, "label_x": label_x, "marks": marks,
            "leader_x": label_x - min(30, frame.label_gap - 6),  # where a leader turns towards its label
            "ticks": ticks, "first": first, "last": last - 1, "r": SHAPE_R, "line_px": LINE_PX,
            "lane_titles": frame.lane_titles, "legend_step": frame.legend_step,
            "undated": sum(1 for d, _ in dated if d is None)}
