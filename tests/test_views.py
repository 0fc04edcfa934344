"""/views: each picture is drawn from its named query, one mark per row, with the rows as CSV."""

import csv
import io
import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.charts import funding, timeline
from api.settings import Settings
from api.testing import B, CK, RDFS, SAMPLE_NQ, SKOS, XSD, write_sample_build

HTML = {"Accept": "text/html"}
VIEWS = {"timeline": "timeline", "pledges": "pledge-matrix", "funding": "funding-by-year"}
MARK = re.compile(r'<(?:a|g) class="mark"')


@pytest.fixture(scope="module")
def client(seed_build):
    with TestClient(create_app(Settings(build_dir=seed_build[1], workers=2))) as c:
        yield c


def rows_of(client, query: str) -> list[dict]:
    doc = client.get(f"/queries/{query}", params={"format": "json"}).json()
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def marks(html: str) -> int:
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    return len(MARK.findall(svg))


@pytest.mark.parametrize("view", VIEWS)
def test_one_mark_per_row_and_the_rows_as_csv(client, view):
    response = client.get(f"/views/{view}", headers=HTML)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    rows = rows_of(client, VIEWS[view])
    assert rows, f"the seed build should give {VIEWS[view]} some rows"
    assert marks(response.text) == len(rows)
    # The data behind the picture is the named query's own answer, byte for byte.
    as_csv = client.get(f"/views/{view}", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.content == client.get(f"/queries/{VIEWS[view]}", params={"format": "csv"}).content
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(rows)
    assert client.get(f"/views/{view}", headers={"Accept": "text/csv"}).content == as_csv.content
    assert f'href="/queries/{VIEWS[view]}?format=csv"' in response.text


def test_timeline_marks_link_to_their_id_pages(client):
    html = client.get("/views/timeline", headers=HTML).text
    for row in rows_of(client, "timeline"):
        path = row["node"][len(B) - 1:]  # https://w3id.org/channel-kg/id/… -> /id/…
        assert f'<a class="mark" href="{path}"><title>{row["date"]} · ' in html
        assert client.get(path, headers=HTML).status_code == 200
    assert "2019" in html and "Meeting" in html and "Statistic" in html


def test_fold_into_broader_types(client):
    pairs = rows_of(client, "pledge-matrix")
    unfolded = client.get("/views/pledges", headers=HTML).text
    folded = client.get("/views/pledges", params={"fold": "broader"}, headers=HTML).text
    row_headings = re.compile(r'<a class="row-heading" href="([^"]+)">')
    unfolded_rows = row_headings.findall(unfolded)
    folded_rows = row_headings.findall(folded)
    assert len(folded_rows) <= len(unfolded_rows)
    assert set(folded_rows) == {p["broader"][len(B) - 1:] for p in pairs}  # every broader type, once
    assert len(folded_rows) == len(set(folded_rows))
    assert marks(folded) == len({(p["agreement"], p["broader"]) for p in pairs})
    assert {p["pledgeType"][len(B) - 1:] for p in pairs} <= set(unfolded_rows)
    # Agreements across in date order: the column headings start with their dates.
    dates = re.findall(r'rotate\(-\d+\)">(\d{4}-\d\d-\d\d|no date)', unfolded)
    dated = [d for d in dates if d != "no date"]
    assert dated == sorted(dated) and dates[: len(dated)] == dated


def test_bad_requests(client):
    assert client.get("/views/nothing").status_code == 404
    assert client.get("/views/pledges", params={"fold": "narrower"}).status_code == 400
    assert client.get("/views/timeline", params={"fold": "broader"}).status_code == 400
    assert client.get("/views/timeline", params={"format": "pdf"}).status_code == 406
    listing = client.get("/views", headers=HTML).text
    assert all(f'href="/views/{v}"' in listing for v in VIEWS)
    assert 'href="/views"' in client.get("/", headers=HTML).text  # linked from the front page


# --- escaping: labels (and IRIs) from the data never become markup --------------------------

HOSTILE = "<script>alert(1)</script>"


def _hostile_quads() -> str:
    g = f"<{B}graph/article/000_sample/curated>"
    ag = f"<{B}id/agreement/2021-07-20-uk-france-agreement>"
    meeting, fund = f"<{B}id/meeting/hostile>", f"<{B}id/funding/hostile-gbp>"
    lines = [
        f'{ag} <{RDFS}label> "{HOSTILE}"@en {g} .',
        f'<{B}pledge-type/drones> <{SKOS}prefLabel> "{HOSTILE}"@fr <{B}graph/vocab> .',
        f"{meeting} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CK}Meeting> {g} .",
        f'{meeting} <{RDFS}label> "{HOSTILE}" {g} .',
        f'{meeting} <{CK}date> "2021-07-20"^^<{XSD}date> {g} .',
        # An IRI that must never become a link.
        f"<javascript:alert(2)> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CK}Meeting> {g} .",
        f'<javascript:alert(2)> <{CK}date> "2021-08-01"^^<{XSD}date> {g} .',
        f"{fund} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CK}Funding> {g} .",
        f'{fund} <{RDFS}label> "{HOSTILE}" {g} .',
        f'{fund} <{CK}amount> "1000"^^<{XSD}decimal> {g} .',
        f'{fund} <{CK}currency> "<b>GBP</b>" {g} .',
        f"{ag} <{CK}hasFunding> {fund} {g} .",
    ]
    return SAMPLE_NQ + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    build = write_sample_build(tmp_path_factory.mktemp("hostile") / "build", _hostile_quads())
    with TestClient(create_app(Settings(build_dir=build, workers=2))) as c:
        yield c


@pytest.mark.parametrize("path", ["/views/timeline", "/views/pledges", "/views/pledges?fold=broader",
                                  "/views/funding"])
def test_labels_are_escaped(hostile, path):
    html = hostile.get(path, headers=HTML).text
    assert "<svg" in html
    assert "<script>alert" not in html and "<b>GBP" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_hostile_rows_are_still_counted(hostile):
    html = hostile.get("/views/timeline", headers=HTML).text
    assert marks(html) == len(rows_of(hostile, "timeline"))


# --- the chart modules on their own -------------------------------------------------------

def test_stated_equivalents_are_not_added():
    rows = [
        {"funding": "f:eur", "amount": "50000000", "currency": "EUR", "year": "2023", "date": "2023-03-10",
         "equivalents": "f:gbp", "firstMention": "100"},
        {"funding": "f:gbp", "amount": "43000000", "currency": "GBP", "year": "2023", "date": "2023-03-10",
         "equivalents": "f:eur", "firstMention": "112"},
        {"funding": "f:more", "amount": "10000000", "currency": "GBP", "year": "2023", "date": "2023-03-10"},
        {"funding": "f:none", "currency": "GBP"},
    ]
    assert funding.payments_and_equivalents(rows) == {"f:eur": None, "f:gbp": "f:eur", "f:more": None,
                                                       "f:none": None}
    chart = funding.layout(rows)
    assert chart["marks"] == len(rows)
    gbp = next(p for p in chart["panels"] if p["currency"] == "GBP")
    kinds = [line["kind"] for line in gbp["lines"]]
    assert kinds == ["payments", "equivalent", "unstated"]
    assert gbp["lines"][0]["text"] == "£10,000,000"  # the £43m restates €50m: not a second payment
    assert "restates €50,000,000" in gbp["lines"][1]["text"]
    assert funding.money(Decimal("62700000"), "EUR", "more than") == "more than €62,700,000"


def test_timeline_labels_never_overlap():
    ideal = [100, 100, 100, 101, 300, 305, 900]
    placed = timeline.spread(ideal, 18, 90)
    assert all(b - a >= 18 - 1e-9 for a, b in zip(placed, placed[1:]))
    assert placed[0] >= 90 and abs(placed[-1] - 900) < 1e-9
    rows = [{"date": "2021-07-20", "node": f"{B}id/meeting/m{i}", "type": f"{CK}Meeting", "label": str(i)}
            for i in range(5)]
    chart = timeline.layout(rows)
    assert len(chart["marks"]) == 5 and chart["first"] == 2019


def test_wrapped_timeline_labels_never_overlap_and_keep_every_word():
    heights = [18, 54, 36, 18, 72, 18]
    placed = timeline.spread([100, 100, 101, 300, 302, 900], 18, 90, heights)
    assert all(top + h <= below + 1e-9 for top, h, below in zip(placed, heights, placed[1:]))
    assert placed[0] >= 90
    long = "Over 35 people who entered the UK illegally on small boats returned to Europe since January 2019"
    rows = [{"date": "2019-06-10", "node": f"{B}id/statistic/s{i}", "type": f"{CK}Statistic", "label": long}
            for i in range(3)]
    for frame in (timeline.WIDE, timeline.NARROW):
        chart = timeline.layout(rows, frame)
        room = (frame.width - chart["label_x"] - timeline.LABEL_INSET) / 7.3  # common.CHAR_PX
        for mark in chart["marks"]:
            assert " ".join(mark["lines"]) == long
            assert len(mark["date"]) + 2 + len(mark["lines"][0]) <= room and all(len(l) <= room for l in mark["lines"])
        ys = [m["label_y"] for m in chart["marks"]]
        assert all(b - a >= 18 * len(m["lines"]) - 1e-9 for a, b, m in zip(ys, ys[1:], chart["marks"]))
    assert len(timeline.layout(rows, timeline.NARROW)["marks"][0]["lines"]) > 2
